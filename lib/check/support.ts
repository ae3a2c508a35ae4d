// Support: for each summary sentence, the source passage (one to three sentences) that best contains its content.
import { contentStems, sentences, type Sentence } from '../text/words';

/** Below this, a sentence is flagged: most of what it says is not in any one place of the source. */
export const WEAK_SUPPORT = 0.5;
/** From this up, a sentence is supported. Between the two: partly supported. */
export const STRONG_SUPPORT = 0.7;
/** A passage is one to three sentences, or more while the sentences before its last total under … */
const MAX_WINDOW = 3;
/** … this many times the summary sentence's words: a sentence that sums up many short ones (turns of a dialogue,
 * lines of a meeting) rests on all of them. */
const COMPRESSION = 3;
/** A passage never spans more sentences than this (an article of one-word lines must not make every window long). */
const MAX_SPAN = 40;

export type SupportLevel = 'supported' | 'partly supported' | 'weakly supported';

export interface SentenceSupport {
  sentence: Sentence;
  /** IDF-weighted share of the sentence's content words found in the best passage (0–1). */
  score: number;
  level: SupportLevel;
  /** The best-supporting passage in the source, or null when nothing shares a content word. */
  passage: { start: number; end: number; text: string } | null;
  /** Content words of the sentence that the passage lacks (stems), the most telling first. */
  unmatched: string[];
}

export interface SupportResult {
  sentences: SentenceSupport[];
  /** Mean score over the summary's sentences. */
  mean: number;
  weak: number;
}

export function levelOf(score: number): SupportLevel {
  if (score >= STRONG_SUPPORT) return 'supported';
  if (score >= WEAK_SUPPORT) return 'partly supported';
  return 'weakly supported';
}

export function alignSupport(summaryText: string, sourceText: string): SupportResult {
  const sourceSentences = sentences(sourceText);
  const sentenceStems = sourceSentences.map((sentence) => new Set(contentStems(sentence.text)));
  const sentenceLengths = sourceSentences.map((sentence) => sentence.text.split(/\s+/).length);
  // Rarer words say more: weight each stem by its inverse frequency over the source's sentences. The postings list
  // of each stem (the sentences that have it) doubles as the index the alignment below runs on.
  const postings = new Map<string, number[]>();
  sentenceStems.forEach((stems, index) => {
    for (const stem of stems) {
      const list = postings.get(stem);
      if (list === undefined) postings.set(stem, [index]);
      else list.push(index);
    }
  });
  const total = sourceSentences.length;
  const weight = (stem: string) => Math.log((total + 1) / ((postings.get(stem)?.length ?? 0) + 1)) + 1;

  const results = sentences(summaryText).map((sentence): SentenceSupport => {
    const stems = [...new Set(contentStems(sentence.text))];
    const reachWords = COMPRESSION * sentence.text.split(/\s+/).length;
    const weights = stems.map(weight);
    const totalWeight = weights.reduce((sum, value) => sum + value, 0);
    // For every source sentence, which of this sentence's stems it has, as a bit set.
    const lanes = Math.ceil(stems.length / 32) || 1;
    const masks = new Uint32Array(total * lanes);
    stems.forEach((stem, bit) => {
      for (const index of postings.get(stem) ?? []) {
        const slot = index * lanes + (bit >>> 5);
        masks[slot] = (masks[slot] as number) | (1 << (bit & 31));
      }
    });
    const union = new Uint32Array(lanes);
    let best: { start: number; end: number; matched: Uint32Array } | null = null;
    let bestScore = 0;
    for (let first = 0; first < total; first++) {
      union.fill(0);
      let span = 0;
      for (let size = 1; first + size <= total && size <= MAX_SPAN; size++) {
        if (size > MAX_WINDOW && span >= reachWords) break;
        span += sentenceLengths[first + size - 1] as number;
        for (let lane = 0; lane < lanes; lane++) {
          union[lane] = (union[lane] as number) | (masks[(first + size - 1) * lanes + lane] as number);
        }
        let matched = 0;
        for (let bit = 0; bit < stems.length; bit++)
          if ((union[bit >>> 5] as number) & (1 << (bit & 31))) matched += weights[bit] as number;
        // Prefer the shorter passage when a longer one adds nothing.
        if (matched > bestScore + 1e-9) {
          bestScore = matched;
          best = { start: first, end: first + size - 1, matched: union.slice() };
        }
      }
    }
    const score = totalWeight === 0 ? 1 : bestScore / totalWeight;
    const unmatched = stems
      .map((stem, bit) => ({
        stem,
        weight: weights[bit] as number,
        hit: best !== null && ((best.matched[bit >>> 5] as number) & (1 << (bit & 31))) !== 0,
      }))
      .filter((entry) => !entry.hit)
      .sort((a, b) => b.weight - a.weight)
      .map((entry) => entry.stem);
    const passage =
      best === null
        ? null
        : {
            start: (sourceSentences[best.start] as Sentence).start,
            end: (sourceSentences[best.end] as Sentence).end,
          };
    return {
      sentence,
      score: Math.round(score * 1000) / 1000,
      level: levelOf(score),
      passage: passage ? { ...passage, text: sourceText.slice(passage.start, passage.end) } : null,
      unmatched,
    };
  });
  const mean = results.length === 0 ? 0 : results.reduce((sum, result) => sum + result.score, 0) / results.length;
  return {
    sentences: results,
    mean: Math.round(mean * 1000) / 1000,
    weak: results.filter((result) => result.level === 'weakly supported').length,
  };
}
