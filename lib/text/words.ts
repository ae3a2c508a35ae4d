// Words, sentences and light stemming for the summarisation check. English-first; see README "Limits".

export interface Word {
  /** Lower-cased, Unicode-normalised form used for comparison. */
  norm: string;
  /** Character offsets of the word in the original text. */
  start: number;
  end: number;
}

export interface Sentence {
  text: string;
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*(?:[.,]\d+)*/gu;

export function normalizeText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[‘’`´]/g, "'")
    .replace(/[“”«»„]/g, '"');
}

export function words(text: string): Word[] {
  const normalized = normalizeText(text);
  const result: Word[] = [];
  for (const match of normalized.matchAll(WORD)) {
    const start = match.index;
    result.push({ norm: match[0].toLowerCase().replace(/'s$/, ''), start, end: start + match[0].length });
  }
  return result;
}

/** A text's words as the check compares them: lower case, one space between words ("U.K.'s" → "u k"). */
export function phrase(text: string): string {
  return words(text)
    .map((word) => word.norm)
    .join(' ');
}

export function countWords(text: string): number {
  return words(text).length;
}

/** Abbreviations whose full stop does not end a sentence. */
const ABBREVIATIONS =
  /(?:\b(?:Mr|Mrs|Ms|Dr|Prof|St|Jr|Sr|Inc|Ltd|Co|Corp|vs|etc|e\.g|i\.e|U\.S|U\.K|No|Gen|Gov|Sen|Rep)\.|\b[A-Z]\.)$/;

/** Splits text into sentences at ., ! or ? followed by space and a capital, quote or digit. */
export function sentences(text: string): Sentence[] {
  const result: Sentence[] = [];
  const boundary = /[.!?]["'”’)]*\s+(?=["“'‘(]?[\p{Lu}\p{N}])|\n\s*\n/gu;
  let start = 0;
  for (const match of text.matchAll(boundary)) {
    const end = match.index + match[0].trimEnd().length;
    const candidate = text.slice(start, end);
    if (ABBREVIATIONS.test(candidate.replace(/["'”’)]+$/, ''))) continue;
    pushSentence(result, text, start, end);
    start = match.index + match[0].length;
  }
  pushSentence(result, text, start, text.length);
  return result;
}

function pushSentence(into: Sentence[], text: string, start: number, end: number) {
  const raw = text.slice(start, end);
  const leading = raw.length - raw.trimStart().length;
  const trimmed = raw.trim();
  if (trimmed.length > 0) into.push({ text: trimmed, start: start + leading, end: start + leading + trimmed.length });
}

const STOPWORDS = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before being below between both but ' +
    'by can could did do does doing down during each few for from further had has have having he her here hers herself him ' +
    'himself his how i if in into is it its itself just me more most my myself no nor not now of off on once only or other ' +
    'our ours ourselves out over own same she should so some such than that the their theirs them themselves then there ' +
    'these they this those through to too under until up very was we were what when where which while who whom why will ' +
    "with would you your yours yourself yourselves said says say says saying according told tells one its it's which " +
    'would may might must shall us new year years'
  ).split(' '),
);

export function isStopword(word: string): boolean {
  return STOPWORDS.has(word);
}

/** A light suffix-stripping stemmer: enough to match "delays"/"delayed"/"delaying" and "plants"/"plant". */
export function stem(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  const rules: Array<[RegExp, string]> = [
    [/ies$/, 'y'],
    [/ied$/, 'y'],
    [/(ss)es$/, '$1'],
    [/([^s])s$/, '$1'],
    [/eed$/, 'ee'],
    [/([^aeiou])ed$/, '$1'],
    [/ing$/, ''],
    [/ly$/, ''],
  ];
  let result = word;
  for (const [pattern, replacement] of rules) {
    if (pattern.test(word)) {
      const stemmed = word.replace(pattern, replacement);
      // "spring" is not "spr": a stem keeps a vowel.
      if (stemmed.length >= 3 && /[aeiouy]/.test(stemmed)) result = stemmed.replace(/([^aeiouls])\1$/, '$1');
      break;
    }
  }
  // "save", "saved" and "saving" meet at "sav".
  return result.length > 3 ? result.replace(/e$/, '') : result;
}

/** The comparable content of a text: stems of its words that are not stopwords. */
export function contentStems(text: string): string[] {
  return words(text)
    .map((word) => word.norm)
    .filter((word) => !isStopword(word) && word.length > 1)
    .map(stem);
}
