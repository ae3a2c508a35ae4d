// Citations of clipped web articles in APA (7th), MLA (9th) and Chicago (17th, bibliography) style, and a link to
// the exact passage (a URL text fragment). Written for what a clip holds: a web or news article with authors, a site,
// a publication date and the date it was read. Limits: no editors, volumes or pages; an author written as one word,
// or as an organisation, is kept whole.
import { safeUrl } from '../text/export-escape';
import type { Clip } from './clip';

export type CitationStyle = 'apa' | 'mla' | 'chicago';

interface Name {
  given: string;
  family: string;
  /** An organisation or a one-word name: used as written. */
  literal: string | null;
}

const ORGANISATION = /\b(staff|desk|team|agency|reporters?|editors?|editorial|news|press|board|service|bureau)\b/i;

export function parseName(raw: string): Name {
  const name = raw
    .replace(/^by\s+/i, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (name.includes(',')) {
    const [family = '', given = ''] = name.split(',').map((part) => part.trim());
    return { given, family, literal: null };
  }
  const parts = name.split(' ');
  if (parts.length < 2 || ORGANISATION.test(name)) return { given: '', family: '', literal: name };
  const family = parts.pop() as string;
  return { given: parts.join(' '), family, literal: null };
}

function initials(given: string): string {
  return given
    .split(/[\s-]+/)
    .filter(Boolean)
    .map((part) => `${part[0]?.toUpperCase()}.`)
    .join(' ');
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const MLA_MONTHS = ['Jan.', 'Feb.', 'Mar.', 'Apr.', 'May', 'June', 'July', 'Aug.', 'Sept.', 'Oct.', 'Nov.', 'Dec.'];

export function dateParts(iso: string | null): [number, number, number] | null {
  if (!iso) return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!match) return null;
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

function apaAuthors(names: Name[]): string {
  const one = (name: Name) => name.literal ?? `${name.family}, ${initials(name.given)}`;
  if (names.length === 1) return one(names[0] as Name);
  if (names.length <= 20) return `${names.slice(0, -1).map(one).join(', ')}, & ${one(names.at(-1) as Name)}`;
  return `${names.slice(0, 19).map(one).join(', ')}, … ${one(names.at(-1) as Name)}`;
}

function mlaAuthors(names: Name[]): string {
  const inverted = (name: Name) => name.literal ?? `${name.family}, ${name.given}`;
  const plain = (name: Name) => name.literal ?? `${name.given} ${name.family}`;
  if (names.length === 1) return inverted(names[0] as Name);
  if (names.length === 2) return `${inverted(names[0] as Name)}, and ${plain(names[1] as Name)}`;
  return `${inverted(names[0] as Name)}, et al`;
}

function chicagoAuthors(names: Name[]): string {
  const inverted = (name: Name) => name.literal ?? `${name.family}, ${name.given}`;
  const plain = (name: Name) => name.literal ?? `${name.given} ${name.family}`;
  if (names.length === 1) return inverted(names[0] as Name);
  const shown = names.length > 10 ? names.slice(0, 7) : names;
  const rest = shown.slice(1).map(plain);
  if (names.length > 10) return `${inverted(shown[0] as Name)}, ${rest.join(', ')}, et al`;
  return `${inverted(shown[0] as Name)}, ${rest
    .slice(0, -1)
    .map((name) => `${name}, `)
    .join('')}and ${rest.at(-1)}`;
}

/** The address a citation gives: the canonical one when the page names it, as a plain URI (see `safeUrl`). */
export function citationUrl(clip: Pick<Clip, 'page'>): string {
  return safeUrl(clip.page.canonicalUrl ?? clip.page.url);
}

/** The citation as plain text. */
export function cite(clip: Pick<Clip, 'page' | 'accessedAt'>, style: CitationStyle): string {
  const names = clip.page.authors.map(parseName).filter((name) => (name.literal ?? name.family) !== '');
  const title = clip.page.title?.trim() || citationUrl(clip);
  const site = clip.page.siteName?.trim() || null;
  const url = citationUrl(clip);
  const published = dateParts(clip.page.publishedTime);
  const accessed = dateParts(clip.accessedAt) as [number, number, number];
  switch (style) {
    case 'apa': {
      const date = published ? `(${published[0]}, ${MONTHS[published[1] - 1]} ${published[2]})` : '(n.d.)';
      const head =
        names.length > 0 ? `${sentence(apaAuthors(names))} ${date}. ${sentence(title)}` : `${sentence(title)} ${date}.`;
      const retrieved = published ? '' : `Retrieved ${MONTHS[accessed[1] - 1]} ${accessed[2]}, ${accessed[0]}, from `;
      return `${head}${site ? ` ${sentence(site)}` : ''} ${retrieved}${url}`;
    }
    case 'mla': {
      const parts: string[] = [];
      if (names.length > 0) parts.push(sentence(mlaAuthors(names)));
      parts.push(`“${sentence(title)}”`);
      const container = [
        site,
        published ? `${published[2]} ${MLA_MONTHS[published[1] - 1]} ${published[0]}` : null,
        url.replace(/^https?:\/\//, ''),
      ]
        .filter(Boolean)
        .join(', ');
      parts.push(sentence(container));
      if (!published) parts.push(`Accessed ${accessed[2]} ${MLA_MONTHS[accessed[1] - 1]} ${accessed[0]}.`);
      return parts.join(' ');
    }
    case 'chicago': {
      const parts: string[] = [];
      if (names.length > 0) parts.push(sentence(chicagoAuthors(names)));
      parts.push(`“${sentence(title)}”`);
      const when = published
        ? `${MONTHS[published[1] - 1]} ${published[2]}, ${published[0]}`
        : `Accessed ${MONTHS[accessed[1] - 1]} ${accessed[2]}, ${accessed[0]}`;
      parts.push(sentence([site, when].filter(Boolean).join(', ')));
      parts.push(sentence(url));
      return parts.join(' ');
    }
  }
}

/** Characters a text fragment's terms must escape beyond encodeURIComponent's own. */
function fragmentTerm(text: string): string {
  return encodeURIComponent(text).replace(/-/g, '%2D').replace(/,/g, '%2C').replace(/&/g, '%26');
}

/**
 * A link to the exact passage: the page address with a text fragment (`#:~:text=`), which browsers that support it
 * scroll to and highlight. Long quotes are linked by their first and last words.
 */
export function passageLink(clip: Pick<Clip, 'page' | 'quote'>): string {
  const base = citationUrl(clip).replace(/#.*$/, '');
  const words = clip.quote.replace(/\s+/g, ' ').trim().split(' ');
  const term =
    words.length <= 10
      ? fragmentTerm(words.join(' '))
      : `${fragmentTerm(words.slice(0, 5).join(' '))},${fragmentTerm(words.slice(-5).join(' '))}`;
  return `${base}#:~:text=${term}`;
}
