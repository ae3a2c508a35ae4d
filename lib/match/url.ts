// URL normalisation: two addresses of the same article map to one key, so a publisher page can be looked up locally.

/** Query parameters that track a visit rather than select content. Matched case-insensitively. */
const TRACKING_PARAMS = new Set([
  'fbclid',
  'gclid',
  'dclid',
  'gbraid',
  'wbraid',
  'msclkid',
  'yclid',
  'twclid',
  'igshid',
  'mc_cid',
  'mc_eid',
  'ref',
  'ref_src',
  'ref_url',
  'referrer',
  'source',
  'cmpid',
  'cmp',
  'ito',
  'ns_mchannel',
  'ns_source',
  'ns_campaign',
  'ns_linkname',
  'ns_fee',
  'sr_share',
  'share',
  'smid',
  'smtyp',
  'ocid',
  'taid',
  'guccounter',
  'guce_referrer',
  'guce_referrer_sig',
  'outputtype',
  'amp',
  '_ga',
  '_gl',
  'mkt_tok',
  'spm',
  'si',
  'feature',
]);

/** Prefixes of tracking parameter families (utm_source, utm_medium, …). */
const TRACKING_PREFIXES = ['utm_', 'mc_', 'pk_', 'hsa_', 'oly_', 'vero_', '__hs', 'ga_', 'at_'];

/** Host prefixes that serve the same article as the bare host. */
const MIRROR_HOST_PREFIX = /^(?:www\d*|m|mobile|amp)\./;

/** Final path segments that only name a directory's default document. */
const INDEX_FILE = /\/(?:index|default)\.(?:html?|php|aspx?|jsp)$/i;

function isTrackingParam(name: string): boolean {
  const lower = name.toLowerCase();
  return TRACKING_PARAMS.has(lower) || TRACKING_PREFIXES.some((prefix) => lower.startsWith(prefix));
}

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
  const params = [...url.searchParams.entries()]
    .filter(([name]) => !isTrackingParam(name))
    .sort(([a, av], [b, bv]) => (a === b ? av.localeCompare(bv) : a.localeCompare(b)));
  const query = params.length > 0 ? `?${new URLSearchParams(params).toString()}` : '';
  return `${host}${port}${normalizePath(url.pathname)}${query}`;
}

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
export function urlKeys(candidates: ReadonlyArray<string | null | undefined>): string[] {
  const keys: string[] = [];
  for (const candidate of candidates) {
    if (!candidate) continue;
    const key = normalizeUrl(candidate);
    if (key !== null && !keys.includes(key)) keys.push(key);
  }
  return keys;
}
