// Addresses that wrap another address: a web-archive copy, an AMP cache or viewer, a translation or reader proxy, a
// redirect link. The original article's address is inside them; matching uses that, and says the page is a copy.
import { TIDY_RULES } from './tracking';
import { decodeComponent } from './url';

export type Wrapper =
  'web archive' | 'search cache' | 'AMP cache' | 'AMP viewer' | 'translation' | 'reader view' | 'redirect';

export interface Unwrapped {
  /** The innermost address: the article itself. */
  url: string;
  /** The outermost wrapper, or null when the address was not wrapped. */
  via: Wrapper | null;
}

/** Wrappers inside wrappers are followed this deep; anything deeper is left as it is. */
const MAX_DEPTH = 4;

/** Wayback-style archives: `/<timestamp>[flags]/<original address>` after an optional prefix. */
const ARCHIVES: ReadonlyArray<{ host: RegExp; path: RegExp }> = [
  { host: /^(?:web\.)?archive\.org$/, path: /^\/web\/\d{1,14}[a-z_]*\/(.+)$/i },
  { host: /^wayback\.archive-it\.org$/, path: /^\/\d+\/\d{1,14}[a-z_]*\/(.+)$/i },
  {
    host: /^archive\.(?:ph|today|is|li|vn|fo|md)$/,
    path: /^\/(?:\d{4}\.\d\d\.\d\d-\d{6}|\d{8,14}|newest|oldest|o\/\w+)\/(.+)$/i,
  },
  { host: /^arquivo\.pt$/, path: /^\/wayback\/\d{1,14}[a-z_]*\/(.+)$/i },
  { host: /^webarchive\.nationalarchives\.gov\.uk$/, path: /^\/(?:ukgwa\/)?\d{1,14}[a-z_]*\/(.+)$/i },
  { host: /^webarchive\.loc\.gov$/, path: /^\/(?:all|legacy)\/\d{1,14}[a-z_]*\/(.+)$/i },
];

/** Reader and paywall proxies that put the address after their own host. */
const PATH_PROXIES = /^(?:r\.jina\.ai|12ft\.io|smry\.ai|freedium\.cfd|archive\.fo)$/;

/** Hosts whose links carry the destination in a query parameter, with that parameter's name. */
const QUERY_WRAPPERS: ReadonlyArray<{ host: RegExp; path?: RegExp; params: string[]; via: Wrapper }> = [
  { host: /^translate\.google\.[a-z.]+$/, params: ['u'], via: 'translation' },
  { host: /^translate\.googleusercontent\.com$/, params: ['u'], via: 'translation' },
  { host: /^(?:www\.)?translatetheweb\.com$/, params: ['a'], via: 'translation' },
  { host: /^translate\.yandex\.[a-z]+$/, params: ['url'], via: 'translation' },
  { host: /^webcache\.googleusercontent\.com$/, params: ['q'], via: 'search cache' },
  { host: /^cc\.bingj\.com$/, params: ['u'], via: 'search cache' },
  { host: /^12ft\.io$/, params: ['q'], via: 'reader view' },
  { host: /^(?:www\.)?removepaywall\.com$/, params: ['url'], via: 'reader view' },
  { host: /^news\.google\.[a-z.]+$/, params: ['url'], via: 'redirect' },
  { host: /^(?:www\.)?google\.[a-z.]+$/, path: /^\/url$/, params: ['q', 'url'], via: 'redirect' },
  { host: /^l[m]?\.facebook\.com$/, params: ['u'], via: 'redirect' },
  { host: /^l\.instagram\.com$/, params: ['u'], via: 'redirect' },
  { host: /^out\.reddit\.com$/, params: ['url'], via: 'redirect' },
  { host: /^(?:www\.)?linkedin\.com$/, path: /^\/redir\//, params: ['url'], via: 'redirect' },
  { host: /^duckduckgo\.com$/, path: /^\/l\/?$/, params: ['uddg'], via: 'redirect' },
  { host: /^t\.umblr\.com$/, params: ['z'], via: 'redirect' },
  { host: /^slack-redir\.net$/, params: ['url'], via: 'redirect' },
];

/** tidy-url's maintained redirect rules (`redirect: 'param'`), for the link wrappers not listed above. */
const TIDY_REDIRECTS = TIDY_RULES.filter((rule) => rule.redirect !== null);

function parse(input: string): URL | null {
  try {
    const url = new URL(input);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

/**
 * An address written inside another: `https://x/y`, `https:/x/y` (archives collapse the double slash),
 * `https%3A%2F%2Fx%2Fy`, or `x.com/y` without a scheme. Null when it is not an http(s) address with a dotted host.
 */
function embedded(text: string): URL | null {
  let candidate = text.trim();
  if (/^https?%3a/i.test(candidate)) candidate = decodeComponent(candidate);
  candidate = candidate.replace(/^(https?):\/*/i, '$1://');
  if (!/^https?:\/\//i.test(candidate)) {
    if (!/^[a-z0-9-]+(?:\.[a-z0-9-]+)+(?::\d+)?(?:[/?#]|$)/i.test(candidate)) return null;
    candidate = `https://${candidate}`;
  }
  const url = parse(candidate);
  return url && url.hostname.includes('.') ? url : null;
}

/** `www-example-com.translate.goog` → `www.example.com` (Google writes "-" as "--" and "." as "-"). */
function translatedHost(host: string): string | null {
  const label = /^(.+)\.translate\.goog$/.exec(host)?.[1];
  if (!label) return null;
  return label
    .split('--')
    .map((part) => part.replace(/-/g, '.'))
    .join('-');
}

/** What follows the wrapper's own path prefix, query and all: the wrapped address is the rest of the href. */
function rest(url: URL, prefix: RegExp): string | null {
  const match = prefix.exec(url.pathname);
  if (!match?.[1]) return null;
  return match[1] + url.search + url.hash;
}

function unwrapOnce(url: URL): { url: URL; via: Wrapper } | null {
  const host = url.hostname.toLowerCase();

  for (const archive of ARCHIVES) {
    if (!archive.host.test(host)) continue;
    const inner = rest(url, archive.path);
    const original = inner === null ? null : embedded(inner);
    if (original) return { url: original, via: 'web archive' };
  }

  // AMP caches: <encoded host>.cdn.ampproject.org/c/s/<host>/<path> ("s/" means https).
  if (/\.(?:cdn\.ampproject\.org|bing-amp\.com|ampproject\.net)$/.test(host)) {
    const match = /^\/(?:c|v|wp|i|r)\/(s\/)?(.+)$/.exec(url.pathname);
    const original = match?.[2] ? embedded(`${match[1] ? 'https' : 'http'}://${match[2]}${url.search}`) : null;
    if (original) {
      for (const name of [...original.searchParams.keys()]) {
        if (/^(?:amp_js_v|amp_gsa|usqp|amp_r|amp_ct|_gsa|outputType)$/i.test(name)) original.searchParams.delete(name);
      }
      return { url: original, via: 'AMP cache' };
    }
  }

  // AMP viewers: www.google.<tld>/amp/s/<host>/<path>.
  if (/^(?:www\.)?google\.[a-z.]+$/.test(host)) {
    const match = /^\/amp\/(s\/)?(.+)$/.exec(url.pathname);
    const original = match?.[2] ? embedded(`${match[1] ? 'https' : 'http'}://${match[2]}${url.search}`) : null;
    if (original) return { url: original, via: 'AMP viewer' };
  }

  // Google's translation proxy keeps the path and marks its own parameters _x_tr_*.
  const translated = translatedHost(host);
  if (translated) {
    const original = parse(`https://${translated}${url.pathname}${url.search}${url.hash}`);
    if (original) {
      for (const name of [...original.searchParams.keys()]) {
        if (name.startsWith('_x_tr_')) original.searchParams.delete(name);
      }
      return { url: original, via: 'translation' };
    }
  }

  if (PATH_PROXIES.test(host)) {
    const original = embedded(decodeComponent(url.pathname.slice(1)) + url.search);
    if (original) return { url: original, via: 'reader view' };
  }

  // Yahoo's search redirects put the destination between /RU= and /RK=.
  if (/^r\.search\.yahoo\.com$/.test(host)) {
    const match = /\/RU=([^/]+)\//.exec(url.pathname);
    const original = match?.[1] ? embedded(decodeComponent(match[1])) : null;
    if (original) return { url: original, via: 'redirect' };
  }

  for (const wrapper of QUERY_WRAPPERS) {
    if (!wrapper.host.test(host) || (wrapper.path && !wrapper.path.test(url.pathname))) continue;
    for (const param of wrapper.params) {
      const value = url.searchParams.get(param);
      // Google's cache writes `cache:<id>:<address>` or `cache:<address>`, then search words after a space.
      const text = value?.replace(/^cache:(?:[\w-]+:(?=https?:|[a-z0-9-]+\.))?/i, '').split(/\s/)[0];
      const original = text ? embedded(text) : null;
      if (original) return { url: original, via: wrapper.via };
    }
  }

  for (const rule of TIDY_REDIRECTS) {
    if (!rule.match.test(rule.matchHref ? url.href : host)) continue;
    const value = url.searchParams.get(rule.redirect as string);
    const original = value ? embedded(value) : null;
    if (original && original.hostname !== host) return { url: original, via: 'redirect' };
  }
  return null;
}

/**
 * The article's own address inside a wrapper address (nested wrappers followed), and the outermost wrapper's kind.
 * Anything that is not a wrapped http(s) address comes back as it was, with `via: null`. Never throws.
 */
export function unwrapAddress(input: string): Unwrapped {
  let current = parse(input);
  if (current === null) return { url: input, via: null };
  let via: Wrapper | null = null;
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    const next = unwrapOnce(current);
    if (next === null) break;
    via ??= next.via;
    current = next.url;
  }
  return { url: via === null ? input : current.href, via };
}
