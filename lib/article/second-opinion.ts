// A floor under the main text. When Lens's own answer is doubtful (no text, or a few lines where an article should
// be: a consent notice, a caption, a sign-up box), a second extractor (Mozilla Readability) reads the page, and its
// answer is kept when it finds clearly more. Only where the main text is needed (the check, the article evaluation):
// never on the every-page detection path, and never in the content script (Readability would not fit its budget).
import { Readability } from '@mozilla/readability';
import { contentStems, countWords } from '../text/words';
import { DOUBTFUL_WORDS } from './main-text';
import { query, textOf, titleOf } from '../dom/safe';

/** How far into a text its opening runs: where an article's lede repeats the words of its headline. */
const OPENING_WORDS = 200;
/** Below this share of the headline's words in the opening, the text may be another story than the page's. */
const OFF_HEADLINE = 0.3;

/** The page's headline as content stems: its h1 when that says something, else its title. */
function headlineStems(doc: Document): Set<string> {
  const h1 = query(doc, 'h1');
  const fromH1 = new Set(h1 ? contentStems(textOf(h1)) : []);
  return fromH1.size >= 3 ? fromH1 : new Set(contentStems(titleOf(doc)));
}

/** Share of the headline's words that the text's opening has (1 when the headline says too little to tell). */
function headlineShare(headline: ReadonlySet<string>, text: string): number {
  if (headline.size < 3) return 1;
  const opening = new Set(contentStems(text.split(/\s+/).slice(0, OPENING_WORDS).join(' ')));
  let shared = 0;
  for (const stem of headline) if (opening.has(stem)) shared++;
  return shared / headline.size;
}

export interface CheckedText {
  text: string;
  from: 'lens' | 'readability';
  /** For the report, when the second opinion was taken: whose text the check used, and why. */
  note: string | null;
}

/** Readability's text of a copy of the page (it changes the document it reads), or null when it finds none. */
export function readabilityText(doc: Document): string | null {
  try {
    const parsed = new Readability(doc.cloneNode(true) as Document).parse();
    const text = (parsed?.textContent ?? '')
      .split(/\n\s*/)
      .map((line) => line.replace(/\s+/g, ' ').trim())
      .filter((line) => line !== '')
      .join('\n');
    return text === '' ? null : text;
  } catch {
    return null;
  }
}

/**
 * Lens's text, or the second opinion's when Lens's is doubtful: when it is short (the other must find at least twice
 * as many words), or when its opening shares almost none of the page's headline (the other must share at least half,
 * and twice as much): a gallery of other stories, a "most read" column taken for the story.
 */
export function withSecondOpinion(
  doc: Document,
  lensText: string,
  second: (doc: Document) => string | null = readabilityText,
): CheckedText {
  const lensWords = countWords(lensText);
  if (lensWords >= DOUBTFUL_WORDS) {
    const headline = headlineStems(doc);
    const lensShare = headlineShare(headline, lensText);
    if (lensShare >= OFF_HEADLINE) return { text: lensText, from: 'lens', note: null };
    const other = second(doc);
    if (other === null || countWords(other) < DOUBTFUL_WORDS) return { text: lensText, from: 'lens', note: null };
    const otherShare = headlineShare(headline, other);
    if (otherShare < 0.5 || otherShare < 2 * lensShare) return { text: lensText, from: 'lens', note: null };
    const note = `The text Lens found on this page does not read like its headline's story; the check used Mozilla Readability's reading of it (${countWords(other)} words).`;
    return { text: other, from: 'readability', note };
  }
  const other = second(doc);
  const otherWords = other === null ? 0 : countWords(other);
  if (other !== null && otherWords >= Math.max(2 * lensWords, 20)) {
    const note = `Lens found ${lensWords === 0 ? 'no article text' : `only ${lensWords} words of article text`} on this page; the check used Mozilla Readability's reading of it (${otherWords} words).`;
    return { text: other, from: 'readability', note };
  }
  return { text: lensText, from: 'lens', note: null };
}

/** The second opinion on a page's markup (an extension page's copy of a tab's page: inert, no script runs). */
export function withSecondOpinionOnMarkup(markup: string, lensText: string): CheckedText {
  const doc = new DOMParser().parseFromString(markup, 'text/html');
  return withSecondOpinion(doc, lensText);
}
