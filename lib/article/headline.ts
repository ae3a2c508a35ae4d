// The page's headline as words to compare a text with: an article's opening repeats its headline's words (the lede),
// in any language; a consent notice, a sign-up box or a column of other stories does not.
import { contentStems } from '../text/words';
import { firstByTag, textOf, titleOf } from '../dom/safe';

/** How far into a text its opening runs: where an article's lede repeats the words of its headline. */
export const OPENING_WORDS = 200;
/** A headline with fewer content words than this says too little to compare a text with. */
const HEADLINE_WORDS = 3;
/** Below this share of the headline's words in the opening, the text may be another story than the page's. */
export const OFF_HEADLINE = 0.3;
/** The share of the headline's words an opening must have to read as the headline's story. */
export const ON_HEADLINE = 0.5;

/** The page's headline as content stems: its h1 when that says something, else its title. */
export function headlineStems(doc: Document): Set<string> {
  // By tag, not by selector: in jsdom (the evaluation's DOM) a selector query here, the last read of the page, left
  // more of each page alive after its window closed (measured by test/unit/bench/eval-memory.test.ts).
  const h1 = firstByTag(doc, 'h1');
  const fromH1 = new Set(h1 ? contentStems(textOf(h1)) : []);
  return fromH1.size >= HEADLINE_WORDS ? fromH1 : new Set(contentStems(titleOf(doc)));
}

/** Share of the headline's words that the text's opening has (1 when the headline says too little to tell). */
export function headlineShare(headline: ReadonlySet<string>, text: string): number {
  if (headline.size < HEADLINE_WORDS) return 1;
  const opening = new Set(contentStems(text.split(/\s+/, OPENING_WORDS).join(' ')));
  let shared = 0;
  for (const stem of headline) if (opening.has(stem)) shared++;
  return shared / headline.size;
}
