// Where an article's date is when its metadata has none: in its address (/2016/12/15/), in a <time> element beside
// its headline, or written in its dateline ("December 15, 2016", "15. Juli 2022", "2017年3月1日"). Only the headline's
// neighbourhood is read, so a related story's date further down the page is never taken for the article's.
import {
  attr,
  bodyOf,
  byTag,
  firstChildOf,
  nextSiblingOf,
  nodeTypeOf,
  parentNodeOf,
  previousElementOf,
  tagOf,
  textOf,
} from '../dom/safe';

/** How much text after the headline (and before it, in the same block) may hold its dateline. */
const NEAR = 400;

/** A full date in a path: /2016/12/15/, /2016-12-15-title, /20161215/. Years and months alone are not a date. */
const ADDRESS_DATE =
  /(?:^|[/_-])((?:19|20)\d{2})([/-])(0?[1-9]|1[0-2])\2(0?[1-9]|[12]\d|3[01])(?=[/_.-]|$)|(?:^|\/)((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?=[/_.-]|$)/;

const pad = (value: string) => value.padStart(2, '0');

/** The date as "YYYY-MM-DD" when it is a real day, else null. */
function day(year: string | number, month: string | number, date: string | number): string | null {
  const [y, m, d] = [Number(year), Number(month), Number(date)];
  if (!(y >= 1990 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= 31)) return null;
  const check = new Date(Date.UTC(y, m - 1, d));
  if (check.getUTCMonth() !== m - 1) return null;
  return `${y}-${pad(String(m))}-${pad(String(d))}`;
}

/** The date a page's address carries, if it carries a full one. */
export function dateFromAddress(pageUrl: string): string | null {
  let path: string;
  try {
    path = new URL(pageUrl).pathname;
  } catch {
    return null;
  }
  const found = ADDRESS_DATE.exec(path);
  if (found === null) return null;
  return found[1] !== undefined
    ? day(found[1], found[3] as string, found[4] as string)
    : day(found[5] as string, found[6] as string, found[7] as string);
}

/** Month names and their usual abbreviations in English, German, French, Spanish, Italian, Dutch and Portuguese. */
const MONTHS: ReadonlyArray<ReadonlyArray<string>> = [
  ['january', 'jan', 'januar', 'janvier', 'enero', 'gennaio', 'januari', 'janeiro', 'jänner'],
  ['february', 'feb', 'februar', 'février', 'fevrier', 'febrero', 'febbraio', 'februari', 'fevereiro'],
  ['march', 'mar', 'märz', 'maerz', 'mars', 'marzo', 'maart', 'março'],
  ['april', 'apr', 'avril', 'abril', 'aprile'],
  ['may', 'mai', 'mayo', 'maggio', 'mei', 'maio'],
  ['june', 'jun', 'juni', 'juin', 'junio', 'giugno', 'junho'],
  ['july', 'jul', 'juli', 'juillet', 'julio', 'luglio', 'julho'],
  ['august', 'aug', 'août', 'aout', 'agosto', 'augustus'],
  ['september', 'sep', 'sept', 'septembre', 'septiembre', 'settembre', 'setembro'],
  ['october', 'oct', 'oktober', 'octobre', 'octubre', 'ottobre', 'okt', 'outubro'],
  ['november', 'nov', 'novembre', 'noviembre', 'novembro'],
  ['december', 'dec', 'dezember', 'décembre', 'decembre', 'diciembre', 'dicembre', 'dez', 'dezembro'],
];
const MONTH_OF = new Map(MONTHS.flatMap((names, index) => names.map((name) => [name, index + 1] as const)));
const MONTH = `(${[...MONTH_OF.keys()].sort((a, b) => b.length - a.length).join('|')})\\.?`;
const YEAR = '((?:19|20)\\d{2})';
const DATE = '(\\d{1,2})(?:st|nd|rd|th)?';

/** Written dates, each with the order of its parts: month-first (US), day-first (most of Europe), numeric, CJK. */
const WRITTEN: ReadonlyArray<[RegExp, 'mdy' | 'dmy' | 'ymd']> = [
  [new RegExp(`(?<![\\p{L}])${MONTH}\\s+${DATE},?\\s+${YEAR}(?!\\d)`, 'iu'), 'mdy'],
  [new RegExp(`(?<![\\p{L}\\d])${DATE}\\.?\\s+(?:de\\s+)?${MONTH}(?:\\s+de)?,?\\s+${YEAR}(?!\\d)`, 'iu'), 'dmy'],
  [/(?<!\d)((?:19|20)\d{2})-(\d{2})-(\d{2})(?!\d)/, 'ymd'],
  [/(?<![\d.])(\d{1,2})\.(\d{1,2})\.((?:19|20)\d{2})(?!\d)/, 'dmy'],
  [/((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/, 'ymd'],
];

/** The first date written in a text, as "YYYY-MM-DD". */
export function writtenDate(text: string): string | null {
  let best: { at: number; value: string } | null = null;
  for (const [pattern, order] of WRITTEN) {
    const found = pattern.exec(text);
    if (found === null || (best !== null && found.index >= best.at)) continue;
    const [, a = '', b = '', c = ''] = found;
    const month = (part: string) => MONTH_OF.get(part.toLowerCase()) ?? Number(part);
    const value = order === 'mdy' ? day(c, month(a), b) : order === 'dmy' ? day(c, month(b), a) : day(a, month(b), c);
    if (value !== null) best = { at: found.index, value };
  }
  return best?.value ?? null;
}

/** Elements whose text is not the page's reading text. */
const UNREAD = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE']);
/** How many nodes the walk after the headline visits at most (markup between words is not text). */
const MAX_NODES = 2_000;

/** The node after `node`'s subtree in document order. */
function nextOutside(node: Node): Node | null {
  for (let at: Node | null = node; at !== null; at = parentNodeOf(at)) {
    const next = nextSiblingOf(at);
    if (next !== null) return next;
  }
  return null;
}

/**
 * The text that follows an element in document order, up to `limit` characters, and the <time> elements met on the
 * way: a walk over the nodes themselves, so that a long container after the headline is read only as far as needed.
 */
function after(element: Element, limit: number): { text: string; times: Element[] } {
  let text = '';
  const times: Element[] = [];
  let node = nextOutside(element);
  for (let visited = 0; node !== null && text.length < limit && visited < MAX_NODES; visited++) {
    const type = nodeTypeOf(node);
    let inside: Node | null = null;
    if (type === 3) text += ` ${textOf(node)}`;
    else if (type === 1) {
      const tag = tagOf(node as Element);
      if (tag === 'TIME') times.push(node as Element);
      if (!UNREAD.has(tag)) inside = firstChildOf(node);
    }
    node = inside ?? nextOutside(node);
  }
  return { text: text.slice(0, limit), times };
}

/** The text of an element's siblings before it, nearest last, up to `limit` characters. */
function before(element: Element, limit: number): string {
  let text = '';
  for (let node = previousElementOf(element); node !== null && text.length < limit; node = previousElementOf(node)) {
    text = `${textOf(node).slice(-limit)} ${text}`;
  }
  return text.slice(-limit);
}

/**
 * The date beside the article's headline: a <time datetime> among what follows the first h1 (its attribute as
 * written, for the caller to read with its time), or else a date written there (a dateline, as "YYYY-MM-DD"), or
 * written just before it in the same block (a kicker with the date).
 */
export function datelineNear(doc: Document): string | null {
  const headline = byTag(doc, 'h1')[0];
  if (headline === undefined) return null;
  const following = after(headline, NEAR);
  for (const time of following.times) {
    const value = attr(time, 'datetime');
    if (value !== null && writtenDate(value) !== null) return value;
  }
  const written = writtenDate(following.text);
  if (written !== null) return written;
  // Before the headline only within its own block: above a headline placed straight in the body is the site's header.
  const parent = parentNodeOf(headline);
  if (parent === null || parent === bodyOf(doc) || nodeTypeOf(parent) !== 1) return null;
  return writtenDate(before(headline, NEAR / 2));
}
