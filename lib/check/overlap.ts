// Verbatim reuse: which word sequences of the summary stand in the source, and how much of the summary they make up.
import type { Word } from '../text/words';

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

/** Words as small integers, so that runs of words compare and hash as short strings. */
function wordIds(
  summary: ReadonlyArray<Word>,
  source: ReadonlyArray<Word>,
): { summaryIds: Int32Array; sourceIds: Int32Array } {
  const ids = new Map<string, number>();
  const idOf = (word: Word) => {
    let id = ids.get(word.norm);
    if (id === undefined) ids.set(word.norm, (id = ids.size));
    return id;
  };
  return { summaryIds: Int32Array.from(summary, idOf), sourceIds: Int32Array.from(source, idOf) };
}

function runKey(ids: Int32Array, at: number): string {
  let key = '';
  for (let index = at; index < at + MIN_PASSAGE_WORDS; index++) key += `${ids[index]},`;
  return key;
}

export function verbatimReuse(summary: ReadonlyArray<Word>, source: ReadonlyArray<Word>): ReuseResult {
  const { summaryIds, sourceIds } = wordIds(summary, source);
  // Index the source's 6-word runs, then grow every match in the summary to its full length.
  const positions = new Map<string, number[]>();
  for (let index = 0; index + MIN_PASSAGE_WORDS <= sourceIds.length; index++) {
    const key = runKey(sourceIds, index);
    const list = positions.get(key);
    if (list === undefined) positions.set(key, [index]);
    else if (list.length < MAX_POSITIONS_PER_KEY) list.push(index);
  }
  const found: Array<{ at: number; from: number; length: number }> = [];
  for (let at = 0; at + MIN_PASSAGE_WORDS <= summaryIds.length; at++) {
    for (const from of positions.get(runKey(summaryIds, at)) ?? []) {
      // Only maximal runs: one that extends backwards was already found from its true start.
      if (at > 0 && from > 0 && summaryIds[at - 1] === sourceIds[from - 1]) continue;
      let length = MIN_PASSAGE_WORDS;
      while (
        at + length < summaryIds.length &&
        from + length < sourceIds.length &&
        summaryIds[at + length] === sourceIds[from + length]
      ) {
        length++;
      }
      found.push({ at, from, length });
    }
  }

  // An 8-word sequence of the summary is in the source exactly when some shared run covers it.
  const totalShingles = Math.max(0, summary.length - SHINGLE_WORDS + 1);
  const shared = new Uint8Array(totalShingles);
  for (const run of found) {
    for (let index = run.at; index + SHINGLE_WORDS <= run.at + run.length; index++) shared[index] = 1;
  }
  const sharedShingles = shared.reduce((sum, value) => sum + value, 0);

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
