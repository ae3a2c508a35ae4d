// When Lens's main text may not be the article: too short (a consent notice, a caption, a sign-up box), or long but
// about something else than the page's headline (a gallery of other stories, a "most read" column taken for the
// story). Cheap (the headline's words against the text's opening), so the content script can ask it before sending
// the page's markup for a second opinion (lib/article/second-opinion.ts).
import { countWords } from '../text/words';
import { DOUBTFUL_WORDS } from './main-text';
import { OFF_HEADLINE, headlineShare, headlineStems } from './headline';

export type Doubt = 'short' | 'off headline';

/** Why Lens's text for this page is doubtful, or null when it stands. */
export function textDoubt(doc: Document, text: string): Doubt | null {
  if (countWords(text) < DOUBTFUL_WORDS) return 'short';
  return headlineShare(headlineStems(doc), text) < OFF_HEADLINE ? 'off headline' : null;
}
