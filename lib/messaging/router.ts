// The receiving end of the protocol: checks the envelope, the sender and the payload, then calls one handler.
// It never throws and answers every value with a Result, so nothing a page or another extension sends can crash it.
import * as v from 'valibot';
import { describeIssues } from '../modelwire/coverage';
import {
  CHANNEL,
  isMessageName,
  protocol,
  type MessageName,
  type Payload,
  type Replies,
  type SenderKind,
} from './protocol';
import { fail, type Result } from './result';
import { classifySender, senderTabId, type ExtensionIdentity } from './sender';

export interface HandlerContext {
  senderKind: SenderKind;
  /** The sending tab, for messages from content scripts. */
  tabId: number | null;
  /** The sending document's URL as the browser reports it. */
  senderUrl: string | null;
}

export type Handlers = {
  [K in MessageName]: (payload: Payload<K>, context: HandlerContext) => Promise<Result<Replies[K]>>;
};

export type Route = (message: unknown, sender: unknown) => Promise<Result<unknown>>;

export function createRouter(
  handlers: Handlers,
  identity: ExtensionIdentity,
  log: (...args: unknown[]) => void,
): Route {
  return async (message, sender) => {
    try {
      if (typeof message !== 'object' || message === null || (message as { channel?: unknown }).channel !== CHANNEL) {
        return fail('not-a-message', 'Not a Modelwire Lens message.');
      }
      const { name, payload } = message as { name?: unknown; payload?: unknown };
      if (!isMessageName(name)) return fail('unknown-message', 'Unknown message name.');
      const senderKind = classifySender(sender, identity);
      const spec = protocol[name];
      if (!(spec.senders as ReadonlyArray<SenderKind>).includes(senderKind)) {
        return fail('forbidden', `“${name}” may not be sent from a ${senderKind} context.`);
      }
      const parsed = v.safeParse(spec.payload, payload);
      if (!parsed.success) return fail('invalid-payload', `“${name}”: ${describeIssues(parsed.issues)}`);
      const url = (sender as { url?: unknown }).url;
      const context: HandlerContext = {
        senderKind,
        tabId: senderTabId(sender),
        senderUrl: typeof url === 'string' ? url : null,
      };
      const handler = handlers[name] as (payload: unknown, context: HandlerContext) => Promise<Result<unknown>>;
      return await handler(parsed.output, context);
    } catch (error) {
      log('Modelwire Lens: a message handler failed', error);
      return fail('internal', error instanceof Error ? error.message : String(error));
    }
  };
}
