// The sending end of the protocol, for content scripts and extension pages. Imports only types from the protocol, so
// the schemas stay out of the content script bundle.
import { browser } from 'wxt/browser';
import { CHANNEL } from './channel';
import type { MessageName, PageMessageName, PagePayload, PageReplies, Payload, Replies } from './protocol';
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

/** Asks the content script of a tab. Answers `unreachable` when Lens has no script there (a browser page, or a tab
 * opened before Lens was installed). */
export async function sendToTab<K extends PageMessageName>(
  tabId: number,
  name: K,
  payload: PagePayload<K>,
): Promise<Result<PageReplies[K]>> {
  try {
    const reply: unknown = await browser.tabs.sendMessage(tabId, { channel: CHANNEL, name, payload });
    return isResult(reply) ? (reply as Result<PageReplies[K]>) : fail('unreachable', 'The page gave no answer.');
  } catch (error) {
    return fail('unreachable', error instanceof Error ? error.message : String(error));
  }
}
