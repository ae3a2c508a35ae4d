// The sending end of the protocol, for content scripts and extension pages. Imports only types from the protocol, so
// the schemas stay out of the content script bundle.
import { browser } from 'wxt/browser';
import { CHANNEL } from './channel';
import type { MessageName, Payload, Replies } from './protocol';
import { fail, isResult, type Result } from './result';

export async function sendMessage<K extends MessageName>(name: K, payload: Payload<K>): Promise<Result<Replies[K]>> {
  try {
    const reply: unknown = await browser.runtime.sendMessage({ channel: CHANNEL, name, payload });
    return isResult(reply) ? (reply as Result<Replies[K]>) : fail('unreachable', 'The extension gave no answer.');
  } catch (error) {
    // After the extension reloads, the old content script's runtime is gone: that is expected, not a bug to report.
    return fail('unreachable', error instanceof Error ? error.message : String(error));
  }
}
