// Fidelity: the checkable facts of a summary (numbers, money, dates, names, quotations) that the source does not contain.
import { isStopword, normalizeText, phrase, stem, words } from '../text/words';
import { nameVariants, spellsAWord } from './names';

export type FactKind = 'number' | 'money' | 'date' | 'entity' | 'quotation';

export interface Fact {
  kind: FactKind;
  text: string;
  start: number;
  end: number;
  /** A one-word name that opens a sentence may just be a capitalised common word ("Hospital pilots …"). */
  sentenceStart?: boolean;
}

export interface FactCheck extends Fact {
  found: boolean;
  /** Why it counts as found or not, in words. */
  note: string;
  /** For an altered quotation: the closest passage of the source. */
  closest?: string;
}

const NUMBER_WORDS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18,
  nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
  hundred: 100, dozen: 12,
}; // prettier-ignore
const SCALE: Record<string, number> = {
  thousand: 1e3, k: 1e3, million: 1e6, m: 1e6, mn: 1e6, billion: 1e9, bn: 1e9, b: 1e9, trillion: 1e12, tn: 1e12,
}; // prettier-ignore
const MONTHS = [
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
]; // prettier-ignore
const MONTH_PATTERN = `(?:${MONTHS.map((month) => `${month[0]?.toUpperCase()}${month.slice(1)}`).join('|')}|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\\.?)`;
const NUMBER_WORD_PATTERN = Object.keys(NUMBER_WORDS).join('|');

const MONEY = new RegExp(
  String.raw`(?:[$€£¥]\s?\d[\d,]*(?:\.\d+)?(?:\s?(?:thousand|million|billion|trillion|bn|mn|m|k|tn)\b)?)|(?:\b\d[\d,]*(?:\.\d+)?\s?(?:thousand|million|billion|trillion)?\s(?:dollars|euros|pounds|yen|USD|EUR|GBP)\b)`,
  'giu',
);
const DATE = new RegExp(
  String.raw`\b(?:${MONTH_PATTERN}\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?|\d{1,2}(?:st|nd|rd|th)?\s+${MONTH_PATTERN}(?:\s+\d{4})?|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))\b`,
  'gu',
);
const NUMBER = new RegExp(
  String.raw`(?:\b\d{1,3}(?:,\d{3})+(?:\.\d+)?|\b\d+(?:\.\d+)?)(?:\s?(?:%|percent|per cent)|\s?(?:thousand|million|billion|trillion|bn|mn|k)\b)?|\b(?:${NUMBER_WORD_PATTERN})\b(?:\s(?:thousand|million|billion|hundred)\b)?`,
  'giu',
);
const QUOTATION = /"([^"]{3,600})"/g;
// Capitalised words in a row ("Harbor Health Network", "Bank of England"); an apostrophe ends a name unless a letter
// follows it, so "Kestrel Labs' Triage Assist" is two names.
const NAME_WORD = String.raw`[\p{L}\p{N}&-]*(?:'\p{L}+)*`;
const ENTITY = new RegExp(
  String.raw`\b[\p{Lu}]${NAME_WORD}(?:\.[\p{Lu}])*(?:\s+(?:(?:of|de|du|van|von|der|la|le)\s+)?[\p{Lu}\p{N}]${NAME_WORD})*`,
  'gu',
);

/** Numeric value of a number expression ("4.2 million" → 4200000, "six" → 6, "1,000" → 1000), or null. */
export function numericValue(text: string): number | null {
  const cleaned = text
    .toLowerCase()
    .replace(/[$€£¥%]|percent|per cent|dollars|euros|pounds|yen|usd|eur|gbp/g, ' ')
    .trim();
  const parts = cleaned.split(/\s+/).filter(Boolean);
  let value: number | null = null;
  for (const part of parts) {
    const numeric = /^\d[\d,]*(?:\.\d+)?/.exec(part);
    if (numeric) {
      value = Number.parseFloat(numeric[0].replace(/,/g, ''));
      const suffix = part.slice(numeric[0].length);
      if (suffix && SCALE[suffix] !== undefined) value *= SCALE[suffix];
    } else if (NUMBER_WORDS[part] !== undefined) {
      value = value !== null && part === 'hundred' ? value * 100 : NUMBER_WORDS[part];
    } else if (SCALE[part] !== undefined && value !== null) {
      value *= SCALE[part];
    }
  }
  return value;
}

function collect(pattern: RegExp, text: string, kind: FactKind, into: Fact[]) {
  for (const match of text.matchAll(pattern)) {
    const start = match.index;
    const end = start + match[0].trimEnd().length;
    if (into.some((fact) => start < fact.end && end > fact.start)) continue;
    into.push({ kind, text: match[0].trim(), start, end });
  }
}

const SENTENCE_OPENERS = new Set(
  (
    'despite nonetheless nevertheless furthermore moreover although though overall thus therefore hence instead ' +
    'besides regardless otherwise indeed unlike amid among following without within upon since because ' +
    'later earlier today yesterday tomorrow next last past both several many others'
  ).split(' '),
);

/** Words that start sentences or titles without naming anything. */
function isSentenceStartNoise(word: string): boolean {
  return (
    isStopword(word.toLowerCase()) ||
    /^(?:Watch|Whether|Meanwhile|However|Still|Yet|After|Before|As|If|While)$/.test(word) ||
    // Connectives and prepositions that open a sentence ("Despite the crisis, …", "Nonetheless, …").
    SENTENCE_OPENERS.has(word.toLowerCase()) ||
    // "Putting a planner on a board …", "Publicly, …": verb and adverb forms open sentences; names rarely look so.
    /^[A-Z][a-z]+(?:ing|ly|ed)$/.test(word)
  );
}

/** The facts a reader could check against the source: numbers, money, dates, names and quotations. */
export function extractFacts(text: string): Fact[] {
  const normalized = normalizeText(text);
  const facts: Fact[] = [];
  collect(QUOTATION, normalized, 'quotation', facts);
  collect(MONEY, normalized, 'money', facts);
  collect(DATE, normalized, 'date', facts);
  collect(NUMBER, normalized, 'number', facts);
  for (const match of normalized.matchAll(ENTITY)) {
    let start = match.index;
    let name = match[0].replace(/['’]s$/, '').replace(/[-']+$/, '');
    let atSentenceStart = start === 0 || /[.!?:"]\s*$/.test(normalized.slice(Math.max(0, start - 3), start));
    if (atSentenceStart) {
      const [first, ...rest] = name.split(/\s+/);
      if (first && isSentenceStartNoise(first)) {
        if (rest.length === 0) continue;
        start += name.indexOf(rest[0] as string);
        name = rest.join(' ');
        // "The Meta model": what follows the opener is capitalised because it is a name.
        atSentenceStart = false;
      }
    }
    const end = start + name.length;
    if (name.length < 2 || MONTHS.includes(name.toLowerCase())) continue;
    if (isStopword(name.toLowerCase()) && !spellsAWord(name)) continue;
    if (facts.some((fact) => start < fact.end && end > fact.start)) continue;
    const single = !/\s/.test(name);
    facts.push({
      kind: 'entity',
      text: name,
      start,
      end,
      ...(atSentenceStart && single ? { sentenceStart: true } : {}),
    });
  }
  return facts.sort((a, b) => a.start - b.start);
}

export interface SourceIndex {
  /** Lower-cased words joined by single spaces, padded with spaces for whole-word search. */
  wordsText: string;
  wordList: string[];
  stems: Set<string>;
  values: Set<number>;
  dates: Set<string>;
}

function dateKey(text: string): string {
  const lower = text.toLowerCase();
  const month = MONTHS.findIndex((name) => lower.includes(name.slice(0, 3)));
  const day = /\b(\d{1,2})(?:st|nd|rd|th)?\b/.exec(lower)?.[1];
  if (month >= 0 && day) return `${month + 1}-${Number(day)}`;
  return lower.replace(/[^a-z]/g, '');
}

export function indexSource(source: string): SourceIndex {
  const normalized = normalizeText(source);
  const wordList = words(normalized).map((word) => word.norm);
  const values = new Set<number>();
  for (const match of normalized.matchAll(MONEY)) {
    const value = numericValue(match[0]);
    if (value !== null) values.add(value);
  }
  for (const match of normalized.matchAll(NUMBER)) {
    const value = numericValue(match[0]);
    if (value !== null) values.add(value);
  }
  const dates = new Set<string>();
  for (const match of normalized.matchAll(DATE)) dates.add(dateKey(match[0]));
  return { wordsText: ` ${wordList.join(' ')} `, wordList, stems: new Set(wordList.map(stem)), values, dates };
}

/** Word-level edit distance, for quotations that differ by a word or two. */
function editDistance(a: ReadonlyArray<string>, b: ReadonlyArray<string>): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length] as number;
}

function closestPassage(quote: string[], source: ReadonlyArray<string>): { text: string; distance: number } | null {
  let best: { text: string; distance: number } | null = null;
  for (let size = Math.max(1, quote.length - 2); size <= quote.length + 2; size++) {
    for (let start = 0; start + size <= source.length; start++) {
      const window = source.slice(start, start + size);
      // Cheap filter: a close passage shares its first or last word with the quote.
      if (window[0] !== quote[0] && window[size - 1] !== quote[quote.length - 1]) continue;
      const distance = editDistance(quote, window);
      if (best === null || distance < best.distance) best = { text: window.join(' '), distance };
    }
  }
  return best;
}

export function checkFact(fact: Fact, source: SourceIndex): FactCheck {
  switch (fact.kind) {
    case 'number':
    case 'money': {
      const value = numericValue(fact.text);
      if (value === null) return { ...fact, found: true, note: 'not a number Lens can compare' };
      const found = source.values.has(value) || source.values.has(Math.round(value * 100) / 100);
      return { ...fact, found, note: found ? 'the source has this figure' : 'the source has no such figure' };
    }
    case 'date': {
      const found = source.dates.has(dateKey(fact.text)) || source.wordsText.includes(` ${phrase(fact.text)} `);
      return { ...fact, found, note: found ? 'the source has this date' : 'the source has no such date' };
    }
    case 'entity': {
      const name = phrase(fact.text);
      if (!spellsAWord(fact.text) && source.wordsText.includes(` ${name} `))
        return { ...fact, found: true, note: 'named in the source' };
      const variant = nameVariants(fact.text).find((other) => source.wordsText.includes(` ${other} `));
      if (variant !== undefined) return { ...fact, found: true, note: `named in the source as “${variant}”` };
      if (fact.sentenceStart && source.stems.has(stem(name))) {
        return { ...fact, found: true, note: 'a word the source uses (capitalised only because it opens a sentence)' };
      }
      const parts = name.split(' ');
      const allParts =
        parts.length > 1 && parts.every((part) => isStopword(part) || source.wordsText.includes(` ${part} `));
      return {
        ...fact,
        found: false,
        note: allParts ? 'its words appear in the source, but never together' : 'the source never names it',
      };
    }
    case 'quotation': {
      const quote = phrase(fact.text);
      if (source.wordsText.includes(` ${quote} `)) return { ...fact, found: true, note: 'quoted word for word' };
      const quoteWords = quote.split(' ');
      const closest = closestPassage(quoteWords, source.wordList);
      if (closest && closest.distance <= Math.max(1, Math.floor(quoteWords.length * 0.3))) {
        const changed = closest.distance === 1 ? 'one word' : `${closest.distance} words`;
        return { ...fact, found: false, note: `altered: differs from the source by ${changed}`, closest: closest.text };
      }
      return { ...fact, found: false, note: 'the source has no such quotation' };
    }
  }
}

export function checkFidelity(text: string, source: SourceIndex): FactCheck[] {
  return extractFacts(text).map((fact) => checkFact(fact, source));
}
