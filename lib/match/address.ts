// What an article's address says about which article it is: a stable id, a language edition, a date, a part number,
// and the words of its slug. Pure functions over a URL string; nothing here throws.
import { contentStems } from '../text/words';
import { ID_PARAMS, LANGUAGE_PARAMS } from './tracking';
import { brandOf, decodeComponent, siteOf } from './url';

export interface AddressFacts {
  host: string;
  /** The registrable domain (lib/match/url.ts `siteOf`). */
  site: string;
  /** The site's name without its suffix ("bbc" for bbc.co.uk). */
  brand: string | null;
  /** The article id in the path: the last id-like segment or slug suffix ("823456", "c0kgz0zv2j3o"). */
  pathId: string | null;
  /** The article id in an identifying query parameter (`?p=48213`, `?story=…`), as "name=value". */
  queryId: string | null;
  /** A language or edition marker ("de", "pt-br") from the path, a language parameter or a language subdomain. */
  locale: string | null;
  /** A date in the path, as yyyy-mm-dd (or yyyy-mm). */
  date: string | null;
  /** "part 2", "episode 12", "day 3": the instalment of a series. */
  part: string | null;
  /** Short numbers written in the slug ("import-ai-412", "iphone-17"): an issue or model number, sorted. */
  numbers: string[];
  /** Stemmed content words of the slug. */
  slug: string[];
  /** The path and query: what identifies the page on its site. */
  path: string;
}

/** ISO 639-1 codes: a first path segment or subdomain made of one of these (with a region) is a language edition. */
const LANGUAGES = new Set(
  (
    'aa ab af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en eo ' +
    'es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka ' +
    'kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng ' +
    'nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su ' +
    'sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu'
  ).split(' '),
);

/** Language names that sites use for an edition's subdomain or first path segment (english.elpais.com). */
const LANGUAGE_NAMES = new Set([
  'english',
  'espanol',
  'español',
  'francais',
  'français',
  'deutsch',
  'italiano',
  'portugues',
  'português',
  'nederlands',
  'arabic',
  'chinese',
  'japanese',
  'korean',
  'russian',
  'turkish',
  'hindi',
  'urdu',
  'persian',
  'international',
]);

const MAX_SEGMENTS = 40;
const MAX_SEGMENT = 400;

const MONTHS = 'jan feb mar apr may jun jul aug sep oct nov dec'.split(' ');
const PART_WORDS =
  /(?:^|[-_])(part|pt|episode|ep|chapter|day|week|vol|volume|round|game|stage)[-_]?(\d{1,4}|one|two|three|four|five|six|seven|eight|nine|ten|i{1,3}|iv|v|vi{1,3})(?=$|[-_.])/i;
const NUMBER_WORDS: Record<string, string> = {
  one: '1',
  two: '2',
  three: '3',
  four: '4',
  five: '5',
  six: '6',
  seven: '7',
  eight: '8',
  nine: '9',
  ten: '10',
  i: '1',
  ii: '2',
  iii: '3',
  iv: '4',
  v: '5',
  vi: '6',
  vii: '7',
  viii: '8',
};

/** A calendar date written as digits (yyyymmdd or yyyymm), which is a date and not an id. */
function dateDigits(digits: string): string | null {
  const match = /^((?:19|20)\d\d)(0[1-9]|1[0-2])((?:0[1-9]|[12]\d|3[01]))?$/.exec(digits);
  if (!match) return null;
  return match[3] ? `${match[1]}-${match[2]}-${match[3]}` : `${match[1]}-${match[2]}`;
}

const isNumericId = (token: string) => /^\d{5,}$/.test(token) && dateDigits(token) === null;
const isHexId = (token: string) => /^[0-9a-f]{8,}$/.test(token) && /\d.*\d/.test(token) && /[a-f]/.test(token);
const isUuid = (token: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(token);
/** A whole segment of letters and digits (BBC's "c0kgz0zv2j3o", a ULID): an id when it has two digits or more. */
const isOpaqueSegmentId = (token: string) =>
  /^[a-z0-9]{8,40}$/.test(token) && /\d.*\d/.test(token) && /[a-z]/.test(token) && !/^\d+[a-z]{1,3}$/.test(token);

/** The id a path segment carries, if any: the segment itself, or its last token ("slug-10123456", "a-6412345_3210"). */
function segmentId(segment: string): string | null {
  const bare = segment.toLowerCase().replace(/\.(?:s?html?|php|aspx?|cms|ece|jsp|amp)$/, '');
  if (isNumericId(bare) || isUuid(bare) || isOpaqueSegmentId(bare)) return bare;
  const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.exec(bare)?.[0];
  if (uuid) return uuid;
  const tokens = bare.split(/[-_,.~]+/).filter((token) => token !== '');
  // The id sits at the end of a slug, or before a short section number or a date ("slug_6412345_3210",
  // "slug-2612345-2026-11-18").
  let last = tokens.length - 1;
  while (last > 0 && tokens.length - 1 - last < 3 && /^\d{1,4}$/.test(tokens[last] as string)) last--;
  // Several ids in a row ("_6412345_4408996": article and section) are one id together: the section alone would
  // make every story of the section look the same.
  const ids: string[] = [];
  for (let index = last; index > 0; index--) {
    const token = tokens[index] as string;
    if (!isNumericId(token) && !isHexId(token)) break;
    ids.unshift(token);
  }
  if (ids.length > 0) return ids.join('-');
  // "2545678-slug-words": the id first, then the slug.
  if (tokens.length > 1 && isNumericId(tokens[0] as string)) return tokens[0] as string;
  // "a-12345678" style: a letter prefix and the number.
  const prefixed = /^[a-z]{1,3}-?(\d{5,})$/.exec(bare)?.[1];
  return prefixed && isNumericId(prefixed) ? prefixed : null;
}

function pathDate(segments: string[]): string | null {
  for (let index = 0; index < segments.length; index++) {
    const segment = segments[index] as string;
    const digits = dateDigits(segment);
    if (digits) return digits;
    const dashed = /^((?:19|20)\d\d)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])/.exec(segment);
    if (dashed) return `${dashed[1]}-${dashed[2]}-${dashed[3]}`;
    if (/^(?:19|20)\d\d$/.test(segment)) {
      const next = segments[index + 1]?.toLowerCase() ?? '';
      const monthNumber = /^(0?[1-9]|1[0-2])$/.test(next) ? Number(next) : MONTHS.indexOf(next.slice(0, 3)) + 1;
      if (monthNumber === 0) continue;
      const monthText = String(monthNumber).padStart(2, '0');
      const day = segments[index + 2] ?? '';
      return /^(0?[1-9]|[12]\d|3[01])$/.test(day)
        ? `${segment}-${monthText}-${day.padStart(2, '0')}`
        : `${segment}-${monthText}`;
    }
  }
  // A date inside the slug: "weekly-roundup-2026-11-13", "…-2026-11" at its end, "…-20261118".
  const joined = segments.join('/');
  const inSlug = /(?:^|[-_/])((?:19|20)\d\d)-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?(?=$|[-_/.])/.exec(joined);
  if (inSlug) return inSlug[3] ? `${inSlug[1]}-${inSlug[2]}-${inSlug[3]}` : `${inSlug[1]}-${inSlug[2]}`;
  for (const token of joined.split(/[-_/.,]+/)) {
    const digits = /^\d{8}$/.test(token) ? dateDigits(token) : null;
    if (digits) return digits;
  }
  return null;
}

function localeOf(url: URL, segments: string[]): string | null {
  for (const name of LANGUAGE_PARAMS) {
    const value = url.searchParams.get(name);
    if (value) return value.toLowerCase().replace('_', '-').slice(0, 12);
  }
  for (const segment of segments.slice(0, 2)) {
    const match = /^([a-z]{2})(?:[-_]([a-z]{2}|hans|hant|latn))?$/i.exec(segment);
    if (match && LANGUAGES.has((match[1] as string).toLowerCase())) return segment.toLowerCase().replace('_', '-');
  }
  const first = segments[0]?.toLowerCase();
  if (first !== undefined && LANGUAGE_NAMES.has(first)) return first;
  const label = url.hostname.toLowerCase().split('.')[0] ?? '';
  if (url.hostname.split('.').length > 2 && (LANGUAGES.has(label) || LANGUAGE_NAMES.has(label))) return label;
  return null;
}

function partOf(slug: string): string | null {
  const match = PART_WORDS.exec(slug);
  if (!match) return null;
  const number = (match[2] as string).toLowerCase();
  const kind = (match[1] as string).toLowerCase().replace(/^(pt|volume)$/, (word) => (word === 'pt' ? 'part' : 'vol'));
  return `${kind.replace(/^ep$/, 'episode')} ${NUMBER_WORDS[number] ?? number}`;
}

/** A run of three letters, then a separator followed by a letter: words joined by dashes (linear time). */
function isSlug(segment: string): boolean {
  const word = /\p{L}{3}/u.exec(segment);
  return word !== null && /[-_+]\p{L}/u.test(segment.slice(word.index + 3));
}

/** Words of the longest slug-like segment: "/2026/11/18/regional-hospitals-pilot/" → regional, hospital, pilot. */
function slugOf(segments: string[]): string {
  const slugs = segments.map((segment) => segment.replace(/\.\w{2,5}$/, '')).filter(isSlug);
  return slugs.sort((a, b) => b.length - a.length)[0] ?? '';
}

function slugWords(slug: string): string[] {
  return contentStems(slug.replace(/[-_+]+/g, ' ')).filter((word) => !/^\d+$/.test(word));
}

/** The parts of an address every fact is read from; null when it is not an absolute http(s) URL. */
interface AddressParts {
  url: URL;
  host: string;
  /** Decoded path segments (with a hash route's), AMP markers left out. */
  segments: string[];
  /** A hash-routed app's route ("#/story?id=5" → "/story") and the route's query ("id=5"). */
  route: string;
  routeQuery: string;
}

function addressParts(input: string): AddressParts | null {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  // A hash-routed app's route is its path, and the route's own query names its article.
  const [route = '', routeQuery = ''] = (/^#!?(\/.+)$/.exec(url.hash)?.[1] ?? '').split('?');
  // Segments past a sane length are cut: no article address needs more, and every rule below stays cheap.
  const segments = `${url.pathname}${route}`
    .split('/')
    .slice(0, MAX_SEGMENTS)
    .map((segment) => decodeComponent(segment.slice(0, MAX_SEGMENT)))
    .filter((segment) => segment !== '' && !/^amp$/i.test(segment));
  return { url, host, segments, route, routeQuery };
}

/** What names the article: its host and its ids (the index keys need only these). */
export type AddressIds = Pick<AddressFacts, 'host' | 'site' | 'brand' | 'pathId' | 'queryId'>;

function idsOf({ url, host, segments, routeQuery }: AddressParts): AddressIds {
  let pathId: string | null = null;
  for (let index = segments.length - 1; index >= 0 && pathId === null; index--) {
    pathId = segmentId(segments[index] as string);
  }
  let queryId: string | null = null;
  for (const [name, value] of [...url.searchParams, ...new URLSearchParams(routeQuery)]) {
    const lower = name.toLowerCase();
    if (ID_PARAMS.has(lower) && /^[\w-]{1,64}$/.test(value)) {
      queryId = `${lower}=${value.toLowerCase()}`;
      break;
    }
  }
  return { host, site: siteOf(host), brand: brandOf(host), pathId, queryId };
}

/** The host and ids of one address (a cheaper `describeAddress`), or null when it is not an absolute http(s) URL. */
export function describeAddressIds(input: string): AddressIds | null {
  const parts = addressParts(input);
  return parts === null ? null : idsOf(parts);
}

/** The facts of one address, or null when it is not an absolute http(s) URL. */
export function describeAddress(input: string): AddressFacts | null {
  const parts = addressParts(input);
  if (parts === null) return null;
  const { url, segments, route, routeQuery } = parts;
  const slug = slugOf(segments);
  const numbers = slug
    .toLowerCase()
    .split(/[-_+.,]+/)
    .filter((token) => /^\d{1,4}$/.test(token))
    .map((token) => String(Number(token)))
    .sort();
  return {
    ...idsOf(parts),
    locale: localeOf(url, segments),
    date: pathDate(segments),
    part: partOf(slug),
    numbers,
    slug: slugWords(slug),
    path: `${url.pathname}${route}${routeQuery ? `?${routeQuery}` : ''}${url.search}`,
  };
}
