// The receiving end of the protocol: checks the envelope, the sender and the payload, then calls one handler.
// It never throws and answers every value with a Result, so nothing a page or another extension sends can crash it.
import * as v from 'valibot';
import { describeIssues } from '../validation/describe-issues';
import { CHANNEL } from './channel';
import type { ProtocolSpec, protocol, Replies, SenderKind } from './protocol';
import { fail, type Result } from './result';
import { classifySender, senderTabId, type ExtensionIdentity } from './sender';

export interface HandlerContext {
  senderKind: SenderKind;
  /** The sending tab, for messages from content scripts. */
  tabId: number | null;
  /** The sending document's URL as the browser reports it. */
  senderUrl: string | null;
}

/** Handlers for one protocol: one plain function per message, answering with a Result. */
export type HandlersFor<S extends ProtocolSpec, R extends { [K in keyof S]: unknown }> = {
  [K in keyof S]: (payload: v.InferOutput<S[K]['payload']>, context: HandlerContext) => Promise<Result<R[K]>>;
};

export type Handlers = HandlersFor<typeof protocol, Replies>;

export type Route = (message: unknown, sender: unknown) => Promise<Result<unknown>>;

export function createRouter<S extends ProtocolSpec, R extends { [K in keyof S]: unknown }>(
  spec: S,
  handlers: HandlersFor<S, R>,
  identity: ExtensionIdentity,
  log: (...args: unknown[]) => void,
): Route {
  return async (message, sender) => {
    try {
      if (typeof message !== 'object' || message === null || (message as { channel?: unknown }).channel !== CHANNEL) {
        return fail('not-a-message', 'Not a Modelwire Lens message.');
      }
      const { name, payload } = message as { name?: unknown; payload?: unknown };
      if (typeof name !== 'string' || !Object.prototype.hasOwnProperty.call(spec, name)) {
        return fail('unknown-message', 'Unknown message name.');
      }
      const senderKind = classifySender(sender, identity);
      const entry = spec[name] as S[keyof S];
      if (!entry.senders.includes(senderKind)) {
        return fail('forbidden', `“${name}” may not be sent from a ${senderKind} context.`);
      }
      const parsed = v.safeParse(entry.payload, payload);
      if (!parsed.success) return fail('invalid-payload', `“${name}”: ${describeIssues(parsed.issues)}`);
      const url = (sender as { url?: unknown }).url;
      const context: HandlerContext = {
        senderKind,
        tabId: senderTabId(sender),
        senderUrl: typeof url === 'string' ? url : null,
      };
      const handler = handlers[name as keyof S] as (
        payload: unknown,
        context: HandlerContext,
      ) => Promise<Result<unknown>>;
      return await handler(parsed.output, context);
    } catch (error) {
      log('Modelwire Lens: a message handler failed', error);
      return fail('internal', error instanceof Error ? error.message : String(error));
    }
  };
}
