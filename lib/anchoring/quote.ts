// W3C Web Annotation text selectors for a passage, and finding the passage again in a page that may have changed:
// exactly where it was, exactly elsewhere (the best context wins), or approximately (small wording edits), else not
// at all. Pure string work: lib/anchoring/dom-anchor.ts maps the results to and from the DOM.
import search from 'approx-string-match';
import { foldChar } from './fold';

export interface TextQuoteSelector {
  type: 'TextQuoteSelector';
  exact: string;
  prefix: string;
  suffix: string;
}

export interface TextPositionSelector {
  type: 'TextPositionSelector';
  start: number;
  end: number;
}

/** How much context is kept on each side of a quote. */
export const CONTEXT_LENGTH = 32;

export function describeQuote(
  text: string,
  start: number,
  end: number,
): { quote: TextQuoteSelector; position: TextPositionSelector } {
  return {
    quote: {
      type: 'TextQuoteSelector',
      exact: text.slice(start, end),
      prefix: text.slice(Math.max(0, start - CONTEXT_LENGTH), start),
      suffix: text.slice(end, end + CONTEXT_LENGTH),
    },
    position: { type: 'TextPositionSelector', start, end },
  };
}

/** Text with every run of white space made one space, and for each character of it, its index in the original. */
interface Folded {
  text: string;
  map: number[];
}

/** The separator lib/overlay puts between blocks; here it counts as white space. */
const BLOCK_SEPARATOR = String.fromCharCode(1);

function fold(text: string): Folded {
  let out = '';
  const map: number[] = [];
  let space = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index] as string;
    if (char === BLOCK_SEPARATOR || /\s/.test(char)) {
      if (!space && out.length > 0) {
        out += ' ';
        map.push(index);
      }
      space = true;
      continue;
    }
    space = false;
    out += foldChar(char);
    map.push(index);
  }
  if (out.endsWith(' ')) {
    out = out.slice(0, -1);
    map.pop();
  }
  return { text: out, map };
}

function foldString(text: string): string {
  return fold(text).text;
}

/** Characters in common at the end of `a` and `b`, over the length of `b`: how well a prefix fits. */
function tailAgreement(before: string, prefix: string): number {
  if (prefix.length === 0) return 1;
  let same = 0;
  while (same < prefix.length && before[before.length - 1 - same] === prefix[prefix.length - 1 - same]) same++;
  return same / prefix.length;
}

function headAgreement(after: string, suffix: string): number {
  if (suffix.length === 0) return 1;
  let same = 0;
  while (same < suffix.length && after[same] === suffix[same]) same++;
  return same / suffix.length;
}

export type AnchorResult =
  | { status: 'exact' | 'fuzzy'; start: number; end: number; similarity: number }
  | { status: 'orphaned'; reason: string };

/** Below this share of matching characters a candidate is not the quote. */
export const MIN_SIMILARITY = 0.75;

interface Candidate {
  start: number;
  end: number;
  errors: number;
}

/**
 * Finds the quote in `text` (the page's joined text now). `position` is where it was when clipped: a hint, trusted
 * only when the text there is still the quote.
 */
export function anchorQuote(
  text: string,
  quote: Omit<TextQuoteSelector, 'type'>,
  position?: Omit<TextPositionSelector, 'type'>,
): AnchorResult {
  const exact = foldString(quote.exact);
  if (exact.length === 0) return { status: 'orphaned', reason: 'The clip has no quote text.' };
  const page = fold(text);
  const prefix = foldString(quote.prefix);
  const suffix = foldString(quote.suffix);
  const toOriginal = (start: number, end: number) => ({
    start: page.map[start] as number,
    end: (page.map[end - 1] as number) + 1,
  });
  const hint = position ? foldedIndex(page.map, position.start) : null;

  // 1. Still where it was.
  if (position && foldString(text.slice(position.start, position.end)) === exact) {
    return { status: 'exact', start: position.start, end: position.end, similarity: 1 };
  }

  const score = (candidate: Candidate) => {
    const similarity = 1 - candidate.errors / exact.length;
    const context =
      tailAgreement(
        page.text.slice(Math.max(0, candidate.start - prefix.length - 1), candidate.start).trimEnd(),
        prefix.trimEnd(),
      ) +
      headAgreement(page.text.slice(candidate.end, candidate.end + suffix.length + 1).trimStart(), suffix.trimStart());
    const distance = hint === null ? 0 : Math.min(1, Math.abs(candidate.start - hint) / Math.max(page.text.length, 1));
    return similarity * 2 + context * 0.5 - distance * 0.25;
  };
  const best = (candidates: Candidate[]) =>
    candidates.reduce<Candidate | null>(
      (top, candidate) => (top === null || score(candidate) > score(top) ? candidate : top),
      null,
    );

  // 2. The same words somewhere else: the occurrence whose surroundings match best.
  const exactHits: Candidate[] = [];
  for (let at = page.text.indexOf(exact); at !== -1; at = page.text.indexOf(exact, at + 1)) {
    exactHits.push({ start: at, end: at + exact.length, errors: 0 });
    if (exactHits.length > 1000) break;
  }
  const exactBest = best(exactHits);
  if (exactBest) return { status: 'exact', ...toOriginal(exactBest.start, exactBest.end), similarity: 1 };

  // 3. Approximately: a bounded number of edits (Myers' bit-parallel search), then the surroundings.
  const maxErrors = Math.max(1, Math.floor(exact.length * (1 - MIN_SIMILARITY)));
  const fuzzyHits = exact.length <= 4000 ? search(page.text, exact, maxErrors) : [];
  const fuzzyBest = best(fuzzyHits);
  if (fuzzyBest && 1 - fuzzyBest.errors / exact.length >= MIN_SIMILARITY) {
    const { start, end } = trimToWords(page.text, fuzzyBest.start, fuzzyBest.end);
    return { status: 'fuzzy', ...toOriginal(start, end), similarity: 1 - fuzzyBest.errors / exact.length };
  }

  // 4. The words changed more, but the passage is still framed by its context and shares enough of its words (a
  //    rewording, not a new sentence): take what lies between.
  if (prefix.length >= 8 && suffix.length >= 8) {
    const framed = framedByContext(page.text, prefix, suffix, exact.length);
    if (framed && wordOverlap(exact, page.text.slice(framed.start, framed.end)) >= MIN_REWORDED_OVERLAP) {
      return { status: 'fuzzy', ...toOriginal(framed.start, framed.end), similarity: framed.similarity };
    }
  }
  return {
    status: 'orphaned',
    reason:
      fuzzyBest === null
        ? 'The quoted words are no longer on the page.'
        : `The closest passage matches only ${Math.round((1 - fuzzyBest.errors / exact.length) * 100)}% of the quote.`,
  };
}

/** Share of words two passages have in common (Dice, plurals folded): how much a rewording kept. */
const MIN_REWORDED_OVERLAP = 0.3;
function wordOverlap(a: string, b: string): number {
  const words = (text: string) => new Set((text.match(/[\p{L}\p{N}]+/gu) ?? []).map((word) => word.replace(/s$/, '')));
  const left = words(a);
  const right = words(b);
  if (left.size === 0 || right.size === 0) return 0;
  let common = 0;
  for (const word of left) if (right.has(word)) common++;
  return (2 * common) / (left.size + right.size);
}

function foldedIndex(map: number[], original: number): number {
  let low = 0;
  let high = map.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((map[middle] as number) < original) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** An approximate match may start or end inside a word; widen it to whole words. */
function trimToWords(text: string, start: number, end: number): { start: number; end: number } {
  let from = start;
  let to = end;
  while (from > 0 && /\w/.test(text[from - 1] ?? '') && /\w/.test(text[from] ?? '')) from--;
  while (to < text.length && /\w/.test(text[to] ?? '') && /\w/.test(text[to - 1] ?? '')) to++;
  while (text[from] === ' ') from++;
  while (to > from && text[to - 1] === ' ') to--;
  return { start: from, end: to };
}

/** The text between a unique exact prefix and the suffix that follows it, when its length is close to the quote's. */
function framedByContext(
  text: string,
  prefix: string,
  suffix: string,
  length: number,
): { start: number; end: number; similarity: number } | null {
  const before = text.indexOf(prefix);
  if (before === -1 || text.indexOf(prefix, before + 1) !== -1) return null;
  const start = before + prefix.length;
  const after = text.indexOf(suffix.trimStart(), start);
  if (after === -1) return null;
  const { start: from, end: to } = { start: start + (text[start] === ' ' ? 1 : 0), end: after };
  const span = to - from;
  if (span <= 0 || span > length * 1.5 || span < length * 0.5) return null;
  return {
    start: from,
    end: to - (text[to - 1] === ' ' ? 1 : 0),
    similarity: Math.min(span, length) / Math.max(span, length),
  };
}
