// Support: for each summary sentence, the source passage (one to three sentences) that best contains its content.
import { contentStems, sentences, type Sentence } from './text';

/** Below this, a sentence is flagged: most of what it says is not in any one place of the source. */
export const WEAK_SUPPORT = 0.5;
/** From this up, a sentence is supported. Between the two: partly supported. */
export const STRONG_SUPPORT = 0.7;
const MAX_WINDOW = 3;

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

interface Window {
  start: number;
  end: number;
  stems: Set<string>;
}

export function alignSupport(summaryText: string, sourceText: string): SupportResult {
  const sourceSentences = sentences(sourceText);
  const sentenceStems = sourceSentences.map((sentence) => new Set(contentStems(sentence.text)));
  // Rarer words say more: weight each stem by its inverse frequency over the source's sentences.
  const documentFrequency = new Map<string, number>();
  for (const stems of sentenceStems)
    for (const stem of stems) documentFrequency.set(stem, (documentFrequency.get(stem) ?? 0) + 1);
  const total = sourceSentences.length;
  const weight = (stem: string) => Math.log((total + 1) / ((documentFrequency.get(stem) ?? 0) + 1)) + 1;

  const windows: Window[] = [];
  for (let first = 0; first < sourceSentences.length; first++) {
    const stems = new Set<string>();
    for (let size = 1; size <= MAX_WINDOW && first + size <= sourceSentences.length; size++) {
      for (const stem of sentenceStems[first + size - 1] as Set<string>) stems.add(stem);
      windows.push({
        start: (sourceSentences[first] as Sentence).start,
        end: (sourceSentences[first + size - 1] as Sentence).end,
        stems: new Set(stems),
      });
    }
  }

  const results = sentences(summaryText).map((sentence): SentenceSupport => {
    const stems = [...new Set(contentStems(sentence.text))];
    const totalWeight = stems.reduce((sum, stem) => sum + weight(stem), 0);
    let best: Window | null = null;
    let bestScore = 0;
    for (const window of windows) {
      let matched = 0;
      for (const stem of stems) if (window.stems.has(stem)) matched += weight(stem);
      // Prefer the shorter passage when a longer one adds nothing.
      if (matched > bestScore + 1e-9) {
        bestScore = matched;
        best = window;
      }
    }
    const score = totalWeight === 0 ? 1 : bestScore / totalWeight;
    const unmatched = stems.filter((stem) => !best?.stems.has(stem)).sort((a, b) => weight(b) - weight(a));
    return {
      sentence,
      score: Math.round(score * 1000) / 1000,
      level: levelOf(score),
      passage: best ? { start: best.start, end: best.end, text: sourceText.slice(best.start, best.end) } : null,
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
