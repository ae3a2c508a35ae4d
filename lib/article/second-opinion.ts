// A floor under the main text. When Lens's own answer is doubtful (no text, or a few lines where an article should
// be: a consent notice, a caption, a sign-up box), a second extractor (Mozilla Readability) reads the page, and its
// answer is kept when it finds clearly more. Only where the main text is needed (the check, the article evaluation):
// never on the every-page detection path, and never in the content script (Readability would not fit its budget).
import { Readability } from '@mozilla/readability';
import { countWords } from '../text/words';
import { DOUBTFUL_WORDS } from './main-text';

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

/** Lens's text, or the second opinion's when Lens's is doubtful and the other finds at least twice as many words. */
export function withSecondOpinion(
  doc: Document,
  lensText: string,
  second: (doc: Document) => string | null = readabilityText,
): CheckedText {
  const lensWords = countWords(lensText);
  if (lensWords >= DOUBTFUL_WORDS) return { text: lensText, from: 'lens', note: null };
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
