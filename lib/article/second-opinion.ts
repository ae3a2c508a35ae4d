// A floor under the main text. When Lens's own answer is doubtful (no text, or a few lines where an article should
// be: a consent notice, a caption, a sign-up box), a second extractor (Mozilla Readability) reads the page, and its
// answer is kept when it finds clearly more. Only where the main text is needed (the check, the article evaluation):
// never on the every-page detection path, and never in the content script (Readability would not fit its budget).
import { Readability } from '@mozilla/readability';
import { countWords } from '../text/words';

/** Fewer words than this from Lens on a page taken for an article is doubtful. */
const DOUBTFUL_WORDS = 150;

export interface CheckedText {
  text: string;
  from: 'lens' | 'readability';
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
  if (lensWords >= DOUBTFUL_WORDS) return { text: lensText, from: 'lens' };
  const other = second(doc);
  if (other !== null && countWords(other) >= Math.max(2 * lensWords, 20)) return { text: other, from: 'readability' };
  return { text: lensText, from: 'lens' };
}
