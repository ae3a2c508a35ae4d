// Side effects on the browser shared by extension pages: downloads, the clipboard, new tabs.
import { browser } from 'wxt/browser';
import { safeHttpUrl } from '../match/url';

export function downloadText(filename: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch (error) {
    console.warn('Modelwire Lens: copying to the clipboard failed', error);
    return false;
  }
}

export async function openTab(url: string): Promise<boolean> {
  const safe = safeHttpUrl(url);
  if (safe === null) return false;
  await browser.tabs.create({ url: safe });
  return true;
}

/** A file name from a title: "Regional hospitals pilot…" → "regional-hospitals-pilot". */
export function slug(text: string | null): string {
  const value = (text ?? 'article')
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
  return value || 'article';
}

/** The tab an extension page describes: `?tabId=` when given (tests, the demo), else the active tab. */
export async function requestedOrActiveTab() {
  const requested = Number(new URLSearchParams(location.search).get('tabId'));
  if (Number.isInteger(requested) && requested > 0) return browser.tabs.get(requested);
  const [active] = await browser.tabs.query({ active: true, currentWindow: true });
  return active;
}

/**
 * Opens Lens's side panel (Chrome) or sidebar (Firefox) for a tab. Must run in a user gesture (a click, a menu item,
 * a keyboard command). Resolves false where the browser has neither.
 */
export async function openSidePanel(tabId: number): Promise<boolean> {
  const api = browser as unknown as {
    sidePanel?: { open(options: { tabId: number }): Promise<void> };
    sidebarAction?: { open(): Promise<void> };
  };
  try {
    if (api.sidePanel) await api.sidePanel.open({ tabId });
    else if (api.sidebarAction) await api.sidebarAction.open();
    else return false;
    return true;
  } catch (error) {
    console.warn('Modelwire Lens: the side panel did not open', error);
    return false;
  }
}
