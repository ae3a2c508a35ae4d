// Verbatim reuse: which word sequences of the summary stand in the source, and how much of the summary they make up.
import type { Word } from './text';

/** The window for the reuse share: an 8-word run is very unlikely to match by chance in news prose. */
export const SHINGLE_WORDS = 8;
/** The shortest run reported as a shared passage. */
export const MIN_PASSAGE_WORDS = 6;
/** Places one 6-word key may stand in the source before it counts as boilerplate and is not followed further. */
const MAX_POSITIONS_PER_KEY = 64;

export interface SharedPassage {
  /** Word count of the passage. */
  words: number;
  /** Character spans in the summary text and in the source text. */
  summary: { start: number; end: number };
  source: { start: number; end: number };
}

export interface ReuseResult {
  /** Share of the summary's 8-word sequences that occur in the source (0–1). */
  share: number;
  sharedShingles: number;
  totalShingles: number;
  /** Longest shared runs, longest first, not overlapping in the summary. */
  passages: SharedPassage[];
}

function key(list: ReadonlyArray<Word>, at: number, length: number): string {
  let result = '';
  for (let index = at; index < at + length; index++) result += `${(list[index] as Word).norm}\u0001`;
  return result;
}

function shingleSet(list: ReadonlyArray<Word>, length: number): Set<string> {
  const set = new Set<string>();
  for (let index = 0; index + length <= list.length; index++) set.add(key(list, index, length));
  return set;
}

export function verbatimReuse(summary: ReadonlyArray<Word>, source: ReadonlyArray<Word>): ReuseResult {
  const sourceShingles = shingleSet(source, SHINGLE_WORDS);
  const totalShingles = Math.max(0, summary.length - SHINGLE_WORDS + 1);
  let sharedShingles = 0;
  for (let index = 0; index < totalShingles; index++)
    if (sourceShingles.has(key(summary, index, SHINGLE_WORDS))) sharedShingles++;

  // Index the source's 6-word runs, then grow every match in the summary to its full length.
  const positions = new Map<string, number[]>();
  for (let index = 0; index + MIN_PASSAGE_WORDS <= source.length; index++) {
    const runKey = key(source, index, MIN_PASSAGE_WORDS);
    const list = positions.get(runKey);
    if (list === undefined) positions.set(runKey, [index]);
    else if (list.length < MAX_POSITIONS_PER_KEY) list.push(index);
  }
  const found: Array<{ at: number; from: number; length: number }> = [];
  for (let at = 0; at + MIN_PASSAGE_WORDS <= summary.length; at++) {
    for (const from of positions.get(key(summary, at, MIN_PASSAGE_WORDS)) ?? []) {
      // Only maximal runs: one that extends backwards was already found from its true start.
      if (at > 0 && from > 0 && summary[at - 1]?.norm === source[from - 1]?.norm) continue;
      let length = MIN_PASSAGE_WORDS;
      while (
        at + length < summary.length &&
        from + length < source.length &&
        summary[at + length]?.norm === source[from + length]?.norm
      ) {
        length++;
      }
      found.push({ at, from, length });
    }
  }
  found.sort((a, b) => b.length - a.length || a.at - b.at);
  const taken = new Uint8Array(summary.length);
  const passages: SharedPassage[] = [];
  for (const run of found) {
    let free = true;
    for (let index = run.at; index < run.at + run.length && free; index++) free = taken[index] === 0;
    if (!free) continue;
    taken.fill(1, run.at, run.at + run.length);
    const first = summary[run.at] as Word;
    const last = summary[run.at + run.length - 1] as Word;
    const sourceFirst = source[run.from] as Word;
    const sourceLast = source[run.from + run.length - 1] as Word;
    passages.push({
      words: run.length,
      summary: { start: first.start, end: last.end },
      source: { start: sourceFirst.start, end: sourceLast.end },
    });
  }
  return { share: totalShingles === 0 ? 0 : sharedShingles / totalShingles, sharedShingles, totalShingles, passages };
}
