// Classifies the sender of a runtime message from the browser's own sender record.
import type { SenderKind } from './protocol';

/** The parts of runtime.MessageSender the router trusts. */
export interface SenderRecord {
  id?: string;
  url?: string;
  tab?: { id?: number };
  frameId?: number;
}

export interface ExtensionIdentity {
  id: string;
  /** The extension's own origin, e.g. chrome-extension://<id>/ */
  baseUrl: string;
  /** Host names of Modelwire article pages (themodelwire.com). */
  modelwireHosts: ReadonlyArray<string>;
}

function asSender(value: unknown): SenderRecord | null {
  return typeof value === 'object' && value !== null ? (value as SenderRecord) : null;
}

export function classifySender(raw: unknown, identity: ExtensionIdentity): SenderKind {
  const sender = asSender(raw);
  if (sender === null || sender.id !== identity.id || typeof sender.url !== 'string') return 'foreign';
  if (sender.url.startsWith(identity.baseUrl)) return 'extension-page';
  let url: URL;
  try {
    url = new URL(sender.url);
  } catch {
    return 'foreign';
  }
  // Content scripts run in top frames only; a message from a frame or from outside a tab is not theirs.
  if (typeof sender.tab?.id !== 'number' || sender.frameId !== 0) return 'foreign';
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'foreign';
  const host = url.hostname.toLowerCase();
  return identity.modelwireHosts.includes(host) ? 'modelwire-page' : 'publisher-page';
}

export function senderTabId(raw: unknown): number | null {
  const id = asSender(raw)?.tab?.id;
  return typeof id === 'number' ? id : null;
}
