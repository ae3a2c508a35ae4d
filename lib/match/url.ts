// URL normalisation: two addresses of the same article map to one key, so a publisher page can be looked up locally.
import { getDomain, getDomainWithoutSuffix } from 'tldts';
import { memoByHost } from './memo';
import { isTrackingParam, siteRulesFor } from './tracking';

/** Host prefixes that serve the same article as the bare host. */
const MIRROR_HOST_PREFIX = /^(?:www\d*|m|mobile|amp)\./;

/** Final path segments that only name a directory's default document. */
const INDEX_FILE = /\/(?:index|default)\.(?:html?|php|aspx?|jsp)$/i;

/** Decodes percent-escapes of unreserved characters and upper-cases the rest, so equivalent spellings compare equal. */
function normalizePercentEncoding(path: string): string {
  return path.replace(/%[0-9a-fA-F]{2}/g, (escape) => {
    const char = String.fromCharCode(Number.parseInt(escape.slice(1), 16));
    return /[A-Za-z0-9\-._~]/.test(char) ? char : escape.toUpperCase();
  });
}

function normalizePath(pathname: string): string {
  let path = normalizePercentEncoding(pathname);
  path = path.replace(/\/{2,}/g, '/');
  path = path.replace(INDEX_FILE, '/');
  // AMP editions: /amp/ segments, a trailing /amp, or .amp.html files.
  path = path.replace(/\/amp(?=\/|$)/gi, '').replace(/\.amp\.html$/i, '.html');
  if (path.length > 1) path = path.replace(/\/+$/, '');
  return path === '' ? '/' : path;
}

/**
 * The key under which an article URL is stored and looked up: scheme and mirror hosts (www., m., amp.) dropped, host
 * lower-cased, tracking parameters, fragments, index files, AMP markers and trailing slashes removed, the remaining
 * parameters sorted. Returns null for anything that is not an absolute http(s) URL.
 */
export function normalizeUrl(input: string): string | null {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const host = url.hostname.toLowerCase().replace(/\.$/, '').replace(MIRROR_HOST_PREFIX, '');
  if (host === '') return null;
  const port = url.port && url.port !== '80' && url.port !== '443' ? `:${url.port}` : '';
  // Spread, not `.entries()`: through Firefox's Xray wrappers a content script's entries() is not iterable.
  const rules = url.search === '' ? [] : siteRulesFor(host, url.href);
  const params = [...url.searchParams]
    .filter(([name, value]) => !isTrackingParam(name, value, rules))
    .sort(([a, av], [b, bv]) => (a === b ? av.localeCompare(bv) : a.localeCompare(b)));
  const query = params.length > 0 ? `?${new URLSearchParams(params).toString()}` : '';
  return `${host}${port}${normalizePath(url.pathname)}${hashRoute(url.hash)}${query}`;
}

/**
 * The route of a hash-routed single-page app (`/#/news/story`, `/#!/news/story`): it is the page's real path, so it
 * stays in the key. Any other fragment (`#comments`) is a place on the page and is dropped.
 */
function hashRoute(hash: string): string {
  const route = /^#!?(\/[^?]*)(\?.*)?$/.exec(hash);
  if (route === null) return '';
  const path = normalizePath(route[1] ?? '/');
  const params = [...new URLSearchParams(route[2] ?? '')].sort(([a, av], [b, bv]) =>
    a === b ? av.localeCompare(bv) : a.localeCompare(b),
  );
  const query = params.length > 0 ? `?${new URLSearchParams(params).toString()}` : '';
  return path === '/' && query === '' ? '' : `#${path}${query}`;
}

/**
 * The publisher site a host belongs to: its registrable domain by the Public Suffix List ("edition.cnn.com" and
 * "www.cnn.com" → "cnn.com"; "news.bbc.co.uk" → "bbc.co.uk"; "someone.github.io" stays itself).
 */
export const siteOf = memoByHost((host: string): string => {
  const bare = host.toLowerCase().replace(/\.$/, '');
  return getDomain(bare, { allowPrivateDomains: true }) ?? bare.replace(MIRROR_HOST_PREFIX, '');
});

/** The site's name without its public suffix ("bbc" for bbc.co.uk and bbc.com): one brand under several suffixes. */
export const brandOf = memoByHost(
  (host: string): string | null => getDomainWithoutSuffix(host.toLowerCase(), { allowPrivateDomains: true }) ?? null,
);

/** The registrable-looking host of a URL without mirror prefixes ("www.example.com" → "example.com"), or null. */
export function hostKey(input: string): string | null {
  try {
    const url = new URL(input);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.hostname.toLowerCase().replace(MIRROR_HOST_PREFIX, '') || null;
  } catch {
    return null;
  }
}

/** `decodeURIComponent`, or the text as it was when its percent-escapes are broken. */
export function decodeComponent(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The URL itself when it is an absolute http(s) URL, else null: the only kind of link the UI renders as a link. */
export function safeHttpUrl(input: string | null | undefined): string | null {
  if (!input) return null;
  try {
    const url = new URL(input);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** Distinct normalised keys of several candidate URLs for one page (address, canonical, og:url), in order. */
/**
 * The addresses a page speaks for: its own, and its canonical one when that is on the same site. A page elsewhere
 * (syndicated, copied, or hostile) naming another site's article as canonical does not make it that article for the
 * reader's clips: they are kept under the address they were made on, and only that page can see or edit them.
 */
export function ownPageUrls(url: string | null, canonicalUrl: string | null): string[] {
  if (url === null) return [];
  const sameSite = canonicalUrl !== null && hostKey(canonicalUrl) === hostKey(url);
  return sameSite ? [url, canonicalUrl] : [url];
}

export function urlKeys(candidates: ReadonlyArray<string | null | undefined>): string[] {
  const keys: string[] = [];
  for (const candidate of candidates) {
    if (!candidate) continue;
    const key = normalizeUrl(candidate);
    if (key !== null && !keys.includes(key)) keys.push(key);
  }
  return keys;
}
