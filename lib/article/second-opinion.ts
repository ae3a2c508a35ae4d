// A floor under the main text. When Lens's own answer is doubtful (lib/article/doubt.ts: no text, or a few lines where
// an article should be, or a long text about something else than the headline), a second extractor (Mozilla
// Readability) reads the page, and its answer is kept when it is clearly better: more words, or the headline's story.
// Only where the main text is needed (the check, the article evaluation): never on the every-page detection path, and never in the content script (Readability would not fit its budget).
import { Readability } from '@mozilla/readability';
import { countWords } from '../text/words';
import { DOUBTFUL_WORDS } from './main-text';
import { interfaceBoxes } from './interface-boxes';
import { removeElement } from '../dom/safe';
import { textDoubt } from './doubt';
import { OFF_HEADLINE, ON_HEADLINE, headlineShare, headlineStems } from './headline';

export interface CheckedText {
  text: string;
  from: 'lens' | 'readability';
  /** For the report, when the second opinion was taken: whose text the check used, and why. */
  note: string | null;
}

/** An extractor's reading of the page: its text, and how many of its words are the words of links. */
export interface Reading {
  text: string;
  linkWords: number;
}

/** Elements that end a line of Readability's text (its `textContent` runs them together: "…enough?It was…"). */
const BLOCKS =
  'p, div, li, dd, dt, h1, h2, h3, h4, h5, h6, blockquote, pre, tr, br, figure, figcaption, section, table';

/** A text on one line: its runs of white space one space each. */
const flat = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Readability's reading of a copy of the page (it changes the document it reads), or null when it finds none. */
export function readabilityReading(doc: Document): Reading | null {
  try {
    const copy = doc.cloneNode(true) as Document;
    // Readability reads a consent notice or a sign-up box as text like any other: it reads the page without them.
    for (const box of interfaceBoxes(copy)) removeElement(box);
    // The serializer hands back the element Readability kept, so that its lines and links can be read.
    const parsed = new Readability<Element>(copy, { serializer: (node) => node as Element }).parse();
    const content = parsed?.content;
    if (content == null) return null;
    for (const block of Array.from(content.querySelectorAll(BLOCKS))) block.after(copy.createTextNode('\n'));
    const text = (content.textContent ?? '')
      .split(/\n\s*/)
      .map(flat)
      .filter((line) => line !== '')
      .join('\n');
    if (text === '') return null;
    let linkWords = 0;
    for (const link of Array.from(content.getElementsByTagName('a'))) linkWords += countWords(link.textContent ?? '');
    return { text, linkWords };
  } catch {
    return null;
  }
}

/**
 * Lens's text, or the second opinion's when Lens's is doubtful: when it is short (the other must find at least three
 * times as many words outside links, open at least as close to the headline, and not be the page around Lens's
 * story), or when its opening shares almost none of the page's headline (the other must share at least half, and
 * twice as much, and not be found inside Lens's text): a gallery of other stories, a "most read" column taken for the
 * story.
 */
export function withSecondOpinion(
  doc: Document,
  lens: Reading,
  second: (doc: Document) => Reading | null = readabilityReading,
): CheckedText {
  const lensText = lens.text;
  const kept: CheckedText = { text: lensText, from: 'lens', note: null };
  const doubt = textDoubt(doc, lensText);
  if (doubt === null) return kept;
  if (doubt === 'off headline') {
    const other = second(doc)?.text ?? null;
    const otherWords = other === null ? 0 : countWords(other);
    if (other === null || otherWords < DOUBTFUL_WORDS) return kept;
    const headline = headlineStems(doc);
    const otherShare = headlineShare(headline, other);
    // The other reading found inside Lens's is the same story, read with less around it: Lens's stands.
    if (otherShare < ON_HEADLINE || otherShare < 2 * headlineShare(headline, lensText) || within(other, lensText)) {
      return kept;
    }
    const note = `The text Lens found on this page does not read like its headline's story; the check used Mozilla Readability's reading of it (${otherWords} words).`;
    return { text: other, from: 'readability', note };
  }
  const lensWords = countWords(lensText);
  const reading = second(doc);
  const other = reading?.text ?? null;
  const otherWords = other === null ? 0 : countWords(other);
  // More words of another story (comments, a column of teasers) are not more of this one: the other reading must be
  // at least as close to the headline as Lens's, and have MORE_PROSE times Lens's words outside links (a list of other
  // stories' titles is all links; so is a column of them taken for the story).
  const otherProse = otherWords - (reading?.linkWords ?? 0);
  const lensProse = lensWords - lens.linkWords;
  if (other === null || otherProse < Math.max(MORE_PROSE * lensProse, 20)) return kept;
  const headline = headlineStems(doc);
  const lensShare = headlineShare(headline, lensText);
  if (headlineShare(headline, other) >= lensShare && !aroundTheStory(lensShare, other, lensText, lensWords)) {
    const note = `Lens found ${lensWords === 0 ? 'no article text' : `only ${lensWords} words of article text`} on this page; the check used Mozilla Readability's reading of it (${otherWords} words).`;
    return { text: other, from: 'readability', note };
  }
  return kept;
}

/**
 * How many times Lens's words outside links a short text's second opinion must have. The other reading carries the
 * page around the story too (captions, a menu, a byline box, lines of teasers without links): on the perturbed check's
 * short stories its extra words ran to two or three times the story's, and twice was a coin toss.
 */
const MORE_PROSE = 3;

/** Sentences of `other` that Lens's text holds too, by their characters: most of them means the two read one story. */
const SAME_STORY = 0.8;

function within(other: string, lensText: string): boolean {
  const lensLine = lensText.replace(/\s+/g, ' ');
  let all = 0;
  let found = 0;
  for (const sentence of other.split(/\n|(?<=[.!?。！？])\s+/)) {
    all += sentence.length;
    if (lensLine.includes(sentence)) found += sentence.length;
  }
  return all > 0 && found / all >= SAME_STORY;
}

/** A line of Lens's text this long (in characters) is its opening, to look for in the other reading. */
const OPENING_LINE = 40;

/**
 * Whether the other reading is the page around Lens's short story rather than more of it: Lens's text reads as the
 * headline's story, and the other reading holds its opening line only after more words than Lens's whole text (a
 * site's navigation, a column of teasers, read before the story's first line). A longer reading of the same story
 * opens where Lens's opens, or near it.
 */
function aroundTheStory(lensShare: number, other: string, lensText: string, lensWords: number): boolean {
  if (lensShare < OFF_HEADLINE) return false;
  const opening = lensText
    .split('\n')
    .map(flat)
    .find((line) => line.length >= OPENING_LINE);
  if (opening === undefined) return false;
  const otherFlat = flat(other);
  const at = otherFlat.indexOf(opening.slice(0, OPENING_LINE));
  return at >= 0 && countWords(otherFlat.slice(0, at)) >= lensWords;
}

/** The second opinion on a page's markup (an extension page's copy of a tab's page: inert, no script runs). */
export function withSecondOpinionOnMarkup(markup: string, lens: Reading): CheckedText {
  const doc = new DOMParser().parseFromString(markup, 'text/html');
  return withSecondOpinion(doc, lens);
}
