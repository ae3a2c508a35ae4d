// What the publisher content script answers when an extension page asks about its page.
import { extractMainText } from '../article/main-text';
import { textDoubt } from '../article/doubt';
import { extractMetadata } from '../article/metadata';
import { findTextRanges } from '../anchoring/text-search';
import { countWords } from '../text/words';
import type { HandlersFor } from '../messaging/router';
import type { pageProtocol, PageReplies } from '../messaging/protocol';
import { fail, ok } from '../messaging/result';
import { setHighlight } from './highlight';
import { bodyOf } from '../dom/safe';

/** Markup larger than this is not sent for a second opinion: no article page comes near it. */
const MAX_MARKUP_CHARS = 5_000_000;

/** The page as markup (read-only: nothing of the page is changed), or null when it is too large to send. */
function markupOf(doc: Document): string | null {
  try {
    const markup = new XMLSerializer().serializeToString(doc);
    return markup.length <= MAX_MARKUP_CHARS ? markup : null;
  } catch {
    return null;
  }
}

export const REUSE_HIGHLIGHT = 'modelwire-lens-reuse';

/** What the page's other parts do for messages that concern them (the overlay, the clipper). */
export interface PageActions {
  /** Show what the background now knows about the page (see `page.entities`). */
  onEntities(): Promise<boolean>;
  /** Report the page again (see `page.refresh`); false when there was nothing to report. */
  report(): Promise<boolean>;
  /** Clip the current selection; false when it could not be clipped (the reader was told why). */
  clip(): Promise<boolean>;
  notice(message: string): void;
}

const NO_ACTIONS: PageActions = {
  onEntities: async () => false,
  report: async () => false,
  clip: async () => false,
  notice: () => undefined,
};

export function createPageHandlers(
  doc: Document,
  pageUrl: () => string,
  actions: PageActions = NO_ACTIONS,
): HandlersFor<typeof pageProtocol, PageReplies> {
  return {
    async 'page.entities'() {
      return ok({ refreshed: await actions.onEntities() });
    },
    async 'page.refresh'() {
      return ok({ reported: await actions.report() });
    },
    async 'page.clip'() {
      return ok({ clipped: await actions.clip() });
    },
    async 'page.notice'({ message }) {
      actions.notice(message);
      return ok({ shown: true });
    },
    async 'page.extract'({ withMarkup }) {
      const { text, linkWords } = extractMainText(doc);
      const words = countWords(text);
      // A doubtful text (few words, or another story than the headline's): the extension page may take a second
      // opinion, which needs the page itself.
      const markup = withMarkup === true && textDoubt(doc, text) !== null ? markupOf(doc) : null;
      if (text === '' && markup === null) return fail('refused', 'Lens found no article text on this page.');
      const metadata = extractMetadata(doc, pageUrl());
      return ok({
        url: metadata.canonicalUrl ?? metadata.url,
        title: metadata.title,
        siteName: metadata.siteName,
        text,
        words,
        linkWords,
        ...(markup === null ? {} : { markup }),
      });
    },
    async 'page.highlight'({ passages }) {
      const root = extractMainText(doc).root ?? bodyOf(doc);
      if (!root) return fail('refused', 'The page has no body to highlight.');
      const ranges = findTextRanges(root, passages);
      const found = ranges.filter((range): range is Range => range !== null);
      try {
        setHighlight(doc, REUSE_HIGHLIGHT, found, 'background-color: rgba(250, 204, 21, 0.55); color: inherit;');
      } catch (error) {
        return fail('refused', error instanceof Error ? error.message : String(error));
      }
      return ok({ found: found.length, missing: ranges.length - found.length });
    },
  };
}
