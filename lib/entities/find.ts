// Finding known entities in an article's text: whole words only, case rules that keep "AI" from matching "ai" and
// "Meta" from matching "meta-analysis", possessives ("OpenAI's") and other spellings seen for the same entity.

export interface KnownEntity {
  key: string;
  /** The display name first, then other spellings. */
  names: string[];
}

export interface EntityHit {
  key: string;
  /** The display name of the entity (not the spelling found). */
  name: string;
  count: number;
  /** About 160 characters around the first occurrence, cut at word boundaries. */
  context: string;
  /** Character ranges of the first occurrences (50 unless asked for more), for highlighting. */
  ranges: Array<[number, number]>;
}

interface Token {
  text: string;
  lower: string;
  start: number;
  end: number;
}

interface Pattern {
  key: string;
  name: string;
  tokens: string[];
}

const WORD = /[\p{L}\p{N}]+/gu;
/**
 * What may separate the words of one name: white space (a line break in the page's source included), a hyphen, an
 * ampersand or slash, a dot inside an abbreviation.
 */
const JOINER = /^(?:\s+|\s*[-‐–&/]\s*|\.\s*)$/u;
const MAX_RANGES = 50;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(WORD)) {
    const start = match.index;
    tokens.push({ text: match[0], lower: match[0].toLowerCase(), start, end: start + match[0].length });
  }
  return tokens;
}

function isUpper(char: string): boolean {
  return char !== char.toLowerCase() && char === char.toUpperCase();
}

/**
 * Whether a word of the text matches a word of a name. Acronyms ("AI", "IBM") match only as written; a capitalised
 * word matches a capitalised word (any case after the first letter, so "OPENAI" in a headline counts); other words
 * (numbers, "iPhone", "of") match whatever their case.
 */
function wordMatches(nameWord: string, word: Token): boolean {
  if (nameWord.toLowerCase() !== word.lower) return false;
  const letters = nameWord.replace(/\P{L}/gu, '');
  if (letters.length >= 2 && letters === letters.toUpperCase() && letters !== letters.toLowerCase()) {
    return word.text === nameWord;
  }
  const first = nameWord[0] ?? '';
  if (isUpper(first)) return isUpper(word.text[0] ?? '');
  return true;
}

export interface EntityMatcher {
  /** Every entity in `text`; `maxRanges` bounds the ranges kept per entity (counts are always complete). */
  find(text: string, maxRanges?: number): EntityHit[];
}

/** Compiles the known entities once; `find` then scans a text in one pass over its words. */
export function createEntityMatcher(entities: ReadonlyArray<KnownEntity>): EntityMatcher {
  const byFirstWord = new Map<string, Pattern[]>();
  for (const entity of entities) {
    const name = entity.names[0] ?? entity.key;
    const spellings = new Set(entity.names.map((spelling) => spelling.replace(/['’]s$/i, '').trim()));
    for (const spelling of spellings) {
      const tokens = [...spelling.matchAll(WORD)].map((match) => match[0]);
      const first = tokens[0]?.toLowerCase();
      if (first === undefined) continue;
      // One lower-case letter or a digit alone would match too much; a capital letter ("X") is a name.
      if (tokens.length === 1 && first.length < 2 && !isUpper(tokens[0] ?? '')) continue;
      const list = byFirstWord.get(first) ?? [];
      list.push({ key: entity.key, name, tokens });
      byFirstWord.set(first, list);
    }
  }
  for (const list of byFirstWord.values()) list.sort((a, b) => b.tokens.length - a.tokens.length);

  return {
    find(text, maxRanges = MAX_RANGES) {
      const words = tokenize(text);
      const hits = new Map<string, EntityHit>();
      for (let index = 0; index < words.length;) {
        const word = words[index] as Token;
        const candidates = byFirstWord.get(word.lower);
        let matched: Pattern | null = null;
        if (candidates !== undefined) {
          for (const pattern of candidates) {
            if (matchesAt(pattern, words, index, text)) {
              matched = pattern;
              break;
            }
          }
        }
        if (matched === null) {
          index++;
          continue;
        }
        const last = words[index + matched.tokens.length - 1] as Token;
        const hit = hits.get(matched.key);
        if (hit === undefined) {
          hits.set(matched.key, {
            key: matched.key,
            name: matched.name,
            count: 1,
            context: contextAround(text, word.start, last.end),
            ranges: [[word.start, last.end]],
          });
        } else {
          hit.count++;
          if (hit.ranges.length < maxRanges) hit.ranges.push([word.start, last.end]);
        }
        index += matched.tokens.length;
      }
      return [...hits.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
    },
  };
}

/** "Meta-analysis" and "pre-OpenAI" are other words: a name glued to a word by a hyphen does not count. */
function inCompound(text: string, start: number, end: number): boolean {
  const hyphen = /[-‐]/u;
  const letter = /\p{L}/u;
  return (
    (hyphen.test(text[end] ?? '') && letter.test(text[end + 1] ?? '')) ||
    (hyphen.test(text[start - 1] ?? '') && letter.test(text[start - 2] ?? ''))
  );
}

function matchesAt(pattern: Pattern, words: Token[], at: number, text: string): boolean {
  if (at + pattern.tokens.length > words.length) return false;
  const first = words[at] as Token;
  const last = words[at + pattern.tokens.length - 1] as Token;
  if (inCompound(text, first.start, last.end)) return false;
  for (let offset = 0; offset < pattern.tokens.length; offset++) {
    const word = words[at + offset] as Token;
    if (!wordMatches(pattern.tokens[offset] as string, word)) return false;
    if (offset > 0) {
      const previous = words[at + offset - 1] as Token;
      const gap = text.slice(previous.end, word.start);
      // A blank line between two words is a paragraph break, not the inside of a name.
      if (!JOINER.test(gap) || /\n\s*\n/.test(gap)) return false;
      // A dot joins only an abbreviation ("U.S. Navy"); after a word it ends a sentence ("Harbor Health. Network").
      if (gap.includes('.') && !(previous.text.length <= 2 && previous.text === previous.text.toUpperCase())) {
        return false;
      }
    }
  }
  return true;
}

function contextAround(text: string, start: number, end: number, radius = 80): string {
  let from = Math.max(0, start - radius);
  let to = Math.min(text.length, end + radius);
  if (from > 0) {
    const space = text.indexOf(' ', from);
    if (space !== -1 && space < start) from = space + 1;
  }
  if (to < text.length) {
    const space = text.lastIndexOf(' ', to);
    if (space > end) to = space;
  }
  const inner = text.slice(from, to).replace(/\s+/g, ' ').trim();
  return `${from > 0 ? '…' : ''}${inner}${to < text.length ? '…' : ''}`;
}
