// The verdict: does the summary say anything the article does not? One answer, a score, and the evidence for it.
//
// Each summary sentence is compared with the article passage it rests on (lib/check/support.ts) and with the whole
// article. Every difference found is a sign with a kind; the score weighs the signs with one logistic model whose
// weights were fitted on labelled summaries (README "The verdict": how, on what, and how it held on documents it was
// not fitted on). No sign decides alone unless its weight says so; a faithful rewording gives few signs, since words
// the article does not use are not signs in themselves (rewording a summary changes many of them).
import type { FactCheck } from './fidelity';
import type { SentenceSupport, SupportResult } from './support';
import { isNegation } from './negation';
import { isStopword, stem, words, type Word } from '../text/words';

export type VerdictLabel = 'consistent' | 'inconsistent';

/** The kinds of sign, in the order the reasons are listed, and how each is weighed. */
export const SIGN_KINDS = [
  'figure not in the article',
  'name not in the article',
  'negation its passage does not make',
  'restriction its passage does not make',
  'polarity opposite to its passage',
] as const;

export type SignKind = (typeof SIGN_KINDS)[number];

export interface VerdictReason {
  kind: SignKind;
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
  /** Every sign found, strongest kind first. A consistent verdict may list signs too weak to change its label. */
  reasons: VerdictReason[];
}

/**
 * The model: score = 1 / (1 + e^-z), z = BIAS + Σ weight(kind) × ln(1 + signs of that kind). Fitted by
 * `npm run eval:summaries -- <set> --fit` (balanced logistic regression, every domain and label weighing the same;
 * the bias includes the cut that maximises mean balanced accuracy, so that z > 0 is "inconsistent").
 */
export const SIGN_WEIGHTS: Record<SignKind, number> = {
  'figure not in the article': 2.56,
  'name not in the article': 2.34,
  'negation its passage does not make': 1.75,
  'restriction its passage does not make': 1.4,
  'polarity opposite to its passage': 1.68,
};
export const BIAS = -0.49;

/** Words that narrow a claim to part of what it is about, or put one thing in another's place. */
const RESTRICTIONS = new Set('only solely exclusively merely just except excluding instead rather'.split(' '));
const DIGIT = /^\d/;
/** A negation is taken to negate the words up to this many after it ("did not quite know"). */
const NEGATION_SCOPE = 3;

/** For each word of a list, whether a negation stands within the few words before it. */
function negatedFlags(list: ReadonlyArray<Word>): boolean[] {
  let lastNegation = -Infinity;
  return list.map((word, index) => {
    if (isNegation(word.norm)) {
      lastNegation = index;
      return false;
    }
    return index - lastNegation <= NEGATION_SCOPE;
  });
}

/** Stem → the polarities it has in the words: 1 seen plain, 2 seen negated, 3 both. */
function polarities(list: ReadonlyArray<Word>): Map<string, number> {
  const polarity = new Map<string, number>();
  const negated = negatedFlags(list);
  list.forEach((word, index) => {
    const wordStem = stem(word.norm);
    polarity.set(wordStem, (polarity.get(wordStem) ?? 0) | (negated[index] ? 2 : 1));
  });
  return polarity;
}

function sentenceAt(support: SupportResult, offset: number): SentenceSupport | null {
  return (
    support.sentences.find((entry) => entry.sentence.start <= offset && offset < entry.sentence.end) ??
    support.sentences.find((entry) => offset < entry.sentence.end) ??
    null
  );
}

/** Every sign that the summary says what the article does not, in summary order within each kind. */
export function verdictSigns(summaryFacts: FactCheck[], support: SupportResult): VerdictReason[] {
  const signs: VerdictReason[] = [];
  const unfound = summaryFacts.filter((fact) => !fact.found);
  for (const fact of unfound) {
    const entry = sentenceAt(support, fact.start);
    const figure = fact.kind === 'number' || fact.kind === 'money' || fact.kind === 'date';
    signs.push({
      kind: figure ? 'figure not in the article' : 'name not in the article',
      span: { text: fact.text, start: fact.start, end: fact.end },
      sentence: entry?.sentence.text ?? fact.text,
      passage: entry?.passage?.text ?? null,
      detail: `${fact.kind === 'quotation' ? 'this quotation' : `the ${fact.kind} “${fact.text}”`}: ${fact.note}`,
    });
  }

  for (const entry of support.sentences) {
    const { sentence } = entry;
    const passageWords = entry.passage === null ? [] : words(entry.passage.text);
    const passage = polarities(passageWords);
    const passageText = entry.passage?.text ?? null;
    const own = words(sentence.text);
    const ownNegated = negatedFlags(own);
    const sign = (kind: SignKind, word: Word, detail: string) => {
      const text = sentence.text.slice(word.start, word.end);
      signs.push({
        kind,
        span: { text, start: sentence.start + word.start, end: sentence.start + word.end },
        sentence: sentence.text,
        passage: passageText,
        detail: detail.replace('$', text),
      });
    };

    const negation = own.find((word) => isNegation(word.norm));
    if (negation !== undefined && !passageWords.some((word) => isNegation(word.norm))) {
      sign(
        'negation its passage does not make',
        negation,
        'the summary says “$”; the passage it rests on states it without a negation',
      );
    }
    own.forEach((word, index) => {
      // Figures are compared by value, with the fidelity check's facts.
      if (DIGIT.test(word.norm)) return;
      if (RESTRICTIONS.has(word.norm) && !passageWords.some((other) => RESTRICTIONS.has(other.norm))) {
        sign(
          'restriction its passage does not make',
          word,
          'the summary narrows the claim with “$”; the passage it rests on does not',
        );
        return;
      }
      if (isStopword(word.norm) || word.norm.length < 2 || isNegation(word.norm)) return;
      // The passage has the word, but only with the other polarity: "knew him" where it says "I don't know him".
      const polarity = passage.get(stem(word.norm));
      const negated = ownNegated[index] === true;
      const ownPolarity = negated ? 2 : 1;
      if (polarity !== undefined && polarity !== 3 && polarity !== ownPolarity) {
        sign(
          'polarity opposite to its passage',
          word,
          negated
            ? 'the summary negates “$”; the passage it rests on states it'
            : 'the summary states “$”; the passage it rests on negates it',
        );
      }
    });
  }
  const order = (kind: SignKind) => SIGN_KINDS.indexOf(kind);
  return signs.sort((a, b) => order(a.kind) - order(b.kind) || a.span.start - b.span.start);
}

/** How many signs of each kind: what the model weighs. */
export function signCounts(signs: ReadonlyArray<VerdictReason>): Record<SignKind, number> {
  const counts = Object.fromEntries(SIGN_KINDS.map((kind) => [kind, 0])) as Record<SignKind, number>;
  for (const sign of signs) counts[sign.kind]++;
  return counts;
}

/** The model's raw value for these counts: above zero is "inconsistent". */
export function verdictLogit(counts: Record<SignKind, number>, weights = SIGN_WEIGHTS, bias = BIAS): number {
  return SIGN_KINDS.reduce((sum, kind) => sum + weights[kind] * Math.log1p(counts[kind]), bias);
}

/** Decides from the report's parts: the summary's facts checked against the whole article, and each summary sentence's
 * closest passage. */
export function decideVerdict(summaryFacts: FactCheck[], support: SupportResult): Verdict {
  const reasons = verdictSigns(summaryFacts, support);
  const logit = verdictLogit(signCounts(reasons));
  const score = Math.round((1 / (1 + Math.exp(-logit))) * 1000) / 1000;
  // Rounding must not carry a score across one half: the label and the score say the same.
  const label: VerdictLabel = logit > 0 ? 'inconsistent' : 'consistent';
  return { label, score: label === 'inconsistent' ? Math.max(score, 0.501) : Math.min(score, 0.5), reasons };
}
