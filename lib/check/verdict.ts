// The verdict: does the summary say anything the article does not? One answer, a score, and the evidence for it.
//
// Only signals that held on documents they were not developed on decide the label (README "The verdict"): a number,
// amount, date, name or quotation of the summary that the article nowhere has, and a negation that the article never
// makes. Sentence support (shared content words) does not decide: rewording a faithful summary lowers it more than a
// one-word falsification does, so it would flag paraphrases and pass edits.
import type { FactCheck } from './fidelity';
import type { SentenceSupport, SupportResult } from './support';
import { isNegation } from './negation';
import { words, type Word } from '../text/words';

export type VerdictLabel = 'consistent' | 'inconsistent';

export interface VerdictReason {
  kind: 'fact not in the article' | 'number from another passage' | 'negation the article never makes';
  /** The words of the summary the reason is about, and where they stand in the summary text. */
  span: { text: string; start: number; end: number };
  /** The summary sentence holding them. */
  sentence: string;
  /** The article passage that sentence was compared with (the closest one), or null when none shares a word. */
  passage: string | null;
  /** The difference, in words. */
  detail: string;
}

export interface Verdict {
  label: VerdictLabel;
  /** 0–1, higher = more likely inconsistent. Above 0.5 exactly when the label is "inconsistent". */
  score: number;
  reasons: VerdictReason[];
}

const DIGIT = /^\d/;

function sentenceAt(support: SupportResult, offset: number): SentenceSupport | null {
  return (
    support.sentences.find((entry) => entry.sentence.start <= offset && offset < entry.sentence.end) ??
    support.sentences.find((entry) => offset < entry.sentence.end) ??
    null
  );
}

function negationsOf(text: string): { text: string; start: number; end: number }[] {
  return words(text)
    .filter((word) => isNegation(word.norm))
    .map((word) => ({ text: text.slice(word.start, word.end), start: word.start, end: word.end }));
}

/**
 * Decides from the report's parts: the summary's facts checked against the whole article, each summary sentence's
 * closest passage, and the article's words (for the numbers it has and the negations it makes).
 */
export function decideVerdict(
  summaryFacts: FactCheck[],
  support: SupportResult,
  articleWords: ReadonlyArray<Word>,
): Verdict {
  const reasons: VerdictReason[] = [];
  for (const fact of summaryFacts) {
    if (fact.found) continue;
    const entry = sentenceAt(support, fact.start);
    reasons.push({
      kind: 'fact not in the article',
      span: { text: fact.text, start: fact.start, end: fact.end },
      sentence: entry?.sentence.text ?? fact.text,
      passage: entry?.passage?.text ?? null,
      detail: `${fact.kind === 'quotation' ? 'this quotation' : `the ${fact.kind} “${fact.text}”`}: ${fact.note}`,
    });
  }
  // A number the article has, but not in the passage the sentence rests on: most often a figure moved from one fact
  // to another ("the second anniversary" where the passage says "one year").
  const articleNumbers = new Set(articleWords.filter((word) => DIGIT.test(word.norm)).map((word) => word.norm));
  for (const entry of support.sentences) {
    if (entry.passage === null) continue;
    const inPassage = new Set(words(entry.passage.text).map((word) => word.norm));
    for (const word of words(entry.sentence.text)) {
      if (!DIGIT.test(word.norm) || inPassage.has(word.norm) || !articleNumbers.has(word.norm)) continue;
      const text = entry.sentence.text.slice(word.start, word.end);
      reasons.push({
        kind: 'number from another passage',
        span: { text, start: entry.sentence.start + word.start, end: entry.sentence.start + word.end },
        sentence: entry.sentence.text,
        passage: entry.passage.text,
        detail: `“${text}” is in the article, but not in the passage this sentence rests on`,
      });
    }
  }
  // A summary sentence that negates, where the article negates nothing at all: the negation is the summary's own.
  const articleNegates = articleWords.some((word) => isNegation(word.norm));
  let negationDifferences = 0;
  for (const entry of support.sentences) {
    const own = negationsOf(entry.sentence.text);
    const passageNegates = entry.passage !== null && negationsOf(entry.passage.text).length > 0;
    if (own.length > 0 !== passageNegates) negationDifferences++;
    if (own.length === 0 || articleNegates) continue;
    const first = own[0] as { text: string; start: number; end: number };
    reasons.push({
      kind: 'negation the article never makes',
      span: { text: first.text, start: entry.sentence.start + first.start, end: entry.sentence.start + first.end },
      sentence: entry.sentence.text,
      passage: entry.passage?.text ?? null,
      detail: `the summary says “${first.text}”; the article states nothing in the negative`,
    });
  }
  if (reasons.length > 0) {
    return { label: 'inconsistent', score: round(0.5 + 0.5 * (1 - 0.5 ** reasons.length)), reasons };
  }
  // No reason to call it inconsistent. The score still orders consistent answers: a sentence whose negation differs
  // from its closest passage is a weaker sign (an article negates in one place what it states in another).
  return { label: 'consistent', score: round(Math.min(0.45, 0.15 * negationDifferences)), reasons };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
