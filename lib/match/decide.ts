// Which coverage is this page, how sure, and why. Pure functions over a page's clues and the coverages a small lookup
// interface returns; the background wires that interface to the database (lib/db/match-lookup.ts).
import { contentStems } from '../text/words';
import { describeAddress, describeAddressIds, type AddressFacts, type AddressIds } from './address';
import { unwrapAddress, type Wrapper } from './unwrap';
import { CONTENT_PARAMS } from './tracking';
import { brandOf, normalizeUrl, siteOf } from './url';

export interface PageClues {
  url: string;
  canonicalUrl: string | null;
  ogUrl?: string | null;
  /** The url (or mainEntityOfPage) the page's JSON-LD gives for its article. */
  structuredUrl?: string | null;
  /** `<link rel="alternate" hreflang>` addresses: the page's own editions in other languages. */
  alternates?: ReadonlyArray<string>;
  title: string | null;
  isArticle?: boolean;
}

export interface CoverageClues {
  id: string;
  headline: string;
  source: { url: string | null; domain: string | null; aliases?: ReadonlyArray<string> };
}

export type MatchedBy = 'address' | 'canonical' | 'og:url' | 'structured data' | 'alternate' | 'article id' | 'reader';

export type MatchVerdict =
  | { kind: 'confirmed'; by: MatchedBy; copyVia: Wrapper | null; reasons: string[] }
  | { kind: 'possible'; confidence: number; copyVia: Wrapper | null; reasons: string[] }
  | { kind: 'none'; reasons: string[] };

/** From this similarity up, with nothing against it, a same-publisher coverage is offered as a possible match. */
export const POSSIBLE_MATCH = 0.75;

/** A reader's answer to "is this the article Modelwire covered?", stored per page address. */
export interface MatchAnswer {
  pageKey: string;
  coverageId: string;
  answer: 'same' | 'different';
}

/** What the background's database answers; each call is one read transaction. */
export interface CandidateLookup<C extends CoverageClues> {
  /** Coverages whose source keys include any of these (see `coverageIndexKeys`): the common case's one round trip. */
  byKeys(keys: ReadonlyArray<string>): Promise<C[]>;
  /** Coverages of any of these publisher sites (see `coverageIndexKeys`), newest first, bounded. */
  bySites(sites: ReadonlyArray<string>): Promise<C[]>;
  byId(id: string): Promise<C | undefined>;
  /** The reader's answers for one page address. */
  answers(pageKey: string): Promise<MatchAnswer[]>;
}

interface Claim {
  by: Exclude<MatchedBy, 'article id' | 'reader'>;
  url: string;
  key: string;
  facts: AddressFacts;
}

/** A page read once, then compared with any number of coverages. */
export interface PageEvidence {
  /** The unwrapped address's key: where the reader's answers are stored. */
  pageKey: string | null;
  copyVia: Wrapper | null;
  address: Claim | null;
  /** The page's addresses that Lens believes, address first. */
  believed: Claim[];
  /** Claims Lens did not believe, with why (shown as reasons). */
  doubted: string[];
  title: string[];
  isArticle: boolean;
}

const round = (value: number) => Math.round(value * 100) / 100;

/** Dice coefficient of two word lists as sets: 1 for the same words, 0 for none in common. */
export function dice(a: ReadonlyArray<string>, b: ReadonlyArray<string>): number {
  const left = new Set(a);
  const right = new Set(b);
  if (left.size === 0 || right.size === 0) return 0;
  let shared = 0;
  for (const word of left) if (right.has(word)) shared++;
  return (2 * shared) / (left.size + right.size);
}

/** Title words without a trailing " | Site" or " - Site". */
function titleWords(title: string | null): string[] {
  if (!title) return [];
  return contentStems(title.replace(/\s[|\-–—·:]\s[^|\-–—·]{2,40}$/, ''));
}

/** The key's path and query without its host: what identifies the page on its site. */
function keyPath(key: string): string {
  const slash = key.search(/[/#?]/);
  return slash < 0 ? '/' : key.slice(slash);
}

function claim(by: Claim['by'], input: string | null | undefined): Claim | null {
  if (!input) return null;
  const { url } = unwrapAddress(input);
  const key = normalizeUrl(url);
  const facts = describeAddress(url);
  return key && facts ? { by, url, key, facts } : null;
}

/** True when the address says which article it is: a slug of two words or more, or an id. */
function informative(facts: AddressFacts): boolean {
  return facts.pathId !== null || facts.queryId !== null || facts.slug.length >= 2;
}

/** Whether a canonical (or og:url, JSON-LD url) agrees with the page's own address or title. */
function agrees(address: Claim | null, title: string[], other: Claim): boolean {
  if (address === null) return true;
  if (address.key === other.key) return true;
  const a = address.facts;
  const b = other.facts;
  // Ids are compared within one site; another site's numbering says nothing (a syndicated copy names the original).
  if (a.pathId !== null && b.pathId !== null && a.site === b.site) return a.pathId === b.pathId;
  if (a.slug.length > 0 && b.slug.length > 0 && dice(a.slug, b.slug) >= 0.6) return true;
  if (b.slug.length > 0 && dice(title, b.slug) >= 0.5) return true;
  // An address that says nothing of the article (a bare path, a hash route's root) cannot disagree with one that
  // has no words to compare either; one with words must then agree with the title (above).
  return !informative(a) && b.slug.length === 0 && a.site === b.site;
}

export function readPage(page: PageClues): PageEvidence {
  const unwrapped = unwrapAddress(page.url);
  const address = claim('address', unwrapped.url);
  const title = titleWords(page.title);
  const believed: Claim[] = address ? [address] : [];
  const doubted: string[] = [];
  const others = [
    claim('canonical', page.canonicalUrl),
    claim('og:url', page.ogUrl),
    claim('structured data', page.structuredUrl),
  ];
  for (const other of others) {
    if (other === null || believed.some((known) => known.key === other.key)) continue;
    if (agrees(address, title, other)) believed.push(other);
    else doubted.push(`the page's ${other.by} names another article (${other.url.slice(0, 200)})`);
  }
  for (const alternate of (page.alternates ?? []).slice(0, 30)) {
    const other = claim('alternate', alternate);
    if (other && !believed.some((known) => known.key === other.key)) believed.push(other);
  }
  return {
    pageKey: address?.key ?? null,
    copyVia: unwrapped.via,
    address,
    believed,
    doubted,
    title,
    isArticle: page.isArticle ?? true,
  };
}

/** A coverage's source, read once. */
interface Source {
  key: string | null;
  facts: AddressFacts | null;
  /** Registrable domains that are this publisher: the source's, its domain's, its declared other hosts'. */
  sites: Set<string>;
  brand: string | null;
}

/** The publisher's registrable domains: the source address's, its domain's, its declared other hosts'. */
function sourceSites(host: string | undefined, source: CoverageClues['source']): Set<string> {
  const hosts = [host, source.domain, ...(source.aliases ?? [])].filter(
    (name): name is string => typeof name === 'string' && name !== '',
  );
  return new Set(hosts.map(siteOf));
}

function readSource(coverage: CoverageClues): Source {
  const url = coverage.source.url;
  const facts = url ? describeAddress(url) : null;
  return {
    key: url ? normalizeUrl(url) : null,
    facts,
    sites: sourceSites(facts?.host, coverage.source),
    brand: facts ? facts.brand : coverage.source.domain ? brandOf(coverage.source.domain) : null,
  };
}

/**
 * Both index fields of a stored coverage, from one reading of its source. `sourceKeys`: the source's path under each
 * of the publisher's sites (`site:cnn.com/2026/…`), so an address on any host of the publisher finds it with one
 * indexed lookup, and its article id per brand (`id:bbc:68123456`); candidates found by a key are then judged by
 * `matchPage`. `siteKeys`: the publisher's registrable domains, for similarity candidates.
 */
export function coverageIndexKeys(coverage: CoverageClues): { sourceKeys: string[]; siteKeys: string[] } {
  // Only the host and ids: the index builder reads a million of these, and the slug's words are not keys.
  const url = coverage.source.url;
  const ids = url ? describeAddressIds(url) : null;
  const key = url ? normalizeUrl(url) : null;
  const sites = [...sourceSites(ids?.host, coverage.source)];
  if (key === null || ids === null) return { sourceKeys: [], siteKeys: sites };
  const path = keyPath(key);
  // One key per publisher site (the host-exact key is among them: it has the same site and path), and the id keys.
  const sourceKeys = [...new Set([...sites.map((site) => `site:${site}${path}`), ...idKeys(sites.map(brandOf), ids)])];
  return { sourceKeys, siteKeys: sites };
}

/**
 * `id:<brand>:<id>` keys: a renamed article is found by its id with one indexed lookup. Keyed by brand (the site's
 * name without its suffix), which every site of the publisher shares; `matchPage` then checks site or alias.
 */
function idKeys(brands: ReadonlyArray<string | null>, facts: AddressIds): string[] {
  const ids = [facts.pathId, facts.queryId].filter((id): id is string => id !== null);
  const names = [...new Set(brands.filter((brand): brand is string => brand !== null))];
  return ids.flatMap((id) => names.map((brand) => `id:${brand}:${id}`));
}

/** The keys to look a page up by: its believed addresses per site, and their article ids. */
export function pageKeys(evidence: PageEvidence): string[] {
  const keys = new Set<string>();
  for (const known of evidence.believed) {
    const path = keyPath(known.key);
    keys.add(`site:${known.facts.site}${path}`);
    // The path without its query too: an address with visit parameters no list knows finds the bare one.
    keys.add(`site:${known.facts.site}${path.split('?')[0] as string}`);
  }
  for (const known of evidence.believed) {
    for (const key of idKeys([known.facts.brand], known.facts)) keys.add(key);
  }
  return [...keys];
}

/** The sites to find fuzzy candidates on: the page's own and those of the addresses it names and Lens believes. */
export function pageSites(evidence: PageEvidence): string[] {
  return [...new Set(evidence.believed.filter((known) => known.by !== 'alternate').map((known) => known.facts.site))];
}

/**
 * True when `path` is `sourcePath` plus query parameters that select nothing: the covered address has no query, and
 * what the page's adds is neither an id, a language, a page number nor anything else that picks content. Parameters
 * no list knows yet (`?stream=top`, `?region-switch=…`) are visit details on an address that works without them.
 */
function onlyVisitParams(path: string, sourcePath: string): boolean {
  if (sourcePath.includes('?')) return false;
  const [bare, query] = path.split('?');
  if (bare !== sourcePath || query === undefined) return false;
  return [...new URLSearchParams(query).keys()].every((name) => !CONTENT_PARAMS.has(name.toLowerCase()));
}

/**
 * Dates from two addresses agree when one is a prefix of the other (2026-11 and 2026-11-18) or they are a day apart
 * (an update filed after midnight, another time zone); a week apart is last week's column.
 */
function sameDay(a: string, b: string): boolean {
  const length = Math.min(a.length, b.length);
  if (a.slice(0, length) === b.slice(0, length)) return true;
  if (a.length !== 10 || b.length !== 10) return false;
  return Math.abs(Date.parse(`${a}T00:00:00Z`) - Date.parse(`${b}T00:00:00Z`)) <= 86_400_000;
}

/** Why two addresses of one publisher are not the same article, or null when nothing says so. */
function against(page: AddressFacts, source: AddressFacts): string | null {
  if (page.locale !== source.locale) {
    return `another language edition (${page.locale ?? 'default'} here, ${source.locale ?? 'default'} covered)`;
  }
  if (page.pathId !== null && source.pathId !== null && page.pathId !== source.pathId) {
    return `another article id (${page.pathId} here, ${source.pathId} covered)`;
  }
  if (page.queryId !== null && source.queryId !== null && page.queryId !== source.queryId) {
    return `another article id (${page.queryId} here, ${source.queryId} covered)`;
  }
  if (page.date !== null && source.date !== null && !sameDay(page.date, source.date)) {
    return `another date in the address (${page.date} here, ${source.date} covered)`;
  }
  if (page.part !== source.part) {
    return `another instalment (${page.part ?? 'no part number'} here, ${source.part ?? 'no part number'} covered)`;
  }
  if (page.numbers.length > 0 && source.numbers.length > 0 && page.numbers.join() !== source.numbers.join()) {
    return `other numbers in the address (${page.numbers.join(', ')} here, ${source.numbers.join(', ')} covered)`;
  }
  return null;
}

/** Two stems one letter apart ("licenc", "licens") are one word spelt two ways. */
function nearlySame(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1 || Math.min(a.length, b.length) < 4) return false;
  let edits = 0;
  for (let i = 0, j = 0; i < a.length || j < b.length;) {
    if (a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    if (++edits > 1) return false;
    if (a.length > b.length) i++;
    else if (b.length > a.length) j++;
    else {
      i++;
      j++;
    }
  }
  return true;
}

/**
 * A word of one slug replaced by another word in the other ("…-for-business-users" and "…-for-home-users"): two
 * stories of a series, not one story renamed. Renamed slugs add or drop words, or are rewritten wholesale.
 */
function substituted(page: string[], source: string[]): string | null {
  const only = (from: string[], other: string[]) =>
    [...new Set(from)].filter((word) => !other.some((candidate) => candidate === word || nearlySame(candidate, word)));
  const mine = only(page, source);
  const theirs = only(source, page);
  return mine.length > 0 && theirs.length > 0
    ? `"${mine.join(' ')}" here where the covered address has "${theirs.join(' ')}"`
    : null;
}

const percent = (value: number) => `${Math.round(value * 100)}%`;

/** The verdict for one page and one coverage. */
export function matchPage(evidence: PageEvidence, coverage: CoverageClues): MatchVerdict {
  const source = readSource(coverage);
  const copyVia = evidence.copyVia;
  const copyNote = copyVia ? [`this page is a copy (${copyVia}) of the article`] : [];

  for (const known of evidence.believed) {
    if (source.key === null || source.facts === null) break;
    const sameSite = source.sites.has(known.facts.site);
    const path = keyPath(known.key);
    const sourcePath = keyPath(source.key);
    const exact =
      known.key === source.key ||
      (sameSite && informative(known.facts) && (path === sourcePath || onlyVisitParams(path, sourcePath)));
    if (exact) {
      const how = known.by === 'address' ? 'this address' : `the page's ${known.by}`;
      return { kind: 'confirmed', by: known.by, copyVia, reasons: [...copyNote, `${how} is the covered article's`] };
    }
  }

  const page = evidence.address?.facts;
  if (!page || source.facts === null) return { kind: 'none', reasons: ['no address to compare'] };
  if (!source.sites.has(page.site)) {
    // Another host of the same brand (bbc.com, bbc.co.uk) counts only by the article id.
    const sameBrand = source.brand !== null && page.brand === source.brand;
    if (sameBrand && page.pathId !== null && page.pathId === source.facts.pathId && !against(page, source.facts)) {
      return {
        kind: 'confirmed',
        by: 'article id',
        copyVia,
        reasons: [...copyNote, `the same article id (${page.pathId}) on another of the publisher's sites`],
      };
    }
    return { kind: 'none', reasons: ['another publisher'] };
  }
  const objection = against(page, source.facts);
  if (objection !== null) return { kind: 'none', reasons: [objection] };
  const sameId =
    (page.pathId !== null && page.pathId === source.facts.pathId) ||
    (page.queryId !== null && page.queryId === source.facts.queryId);
  if (sameId) {
    return {
      kind: 'confirmed',
      by: 'article id',
      copyVia,
      reasons: [...copyNote, `the same article id (${page.pathId ?? page.queryId}) as the covered article`],
    };
  }
  if (!evidence.isArticle) return { kind: 'none', reasons: ['not an article'] };

  const byTitle = dice(evidence.title, contentStems(coverage.headline));
  const bySlug = dice(page.slug, source.facts.slug);
  const byTitleAndSlug = dice(evidence.title, source.facts.slug);
  const confidence = round(Math.max(byTitle, bySlug, byTitleAndSlug));
  if (confidence < POSSIBLE_MATCH) return { kind: 'none', reasons: [`only ${percent(confidence)} alike`] };
  const swapped = bySlug >= 0.5 ? substituted(page.slug, source.facts.slug) : null;
  if (swapped !== null) return { kind: 'none', reasons: [`another story of a series: ${swapped}`] };
  return {
    kind: 'possible',
    confidence,
    copyVia,
    reasons: [
      ...copyNote,
      `same publisher (${page.site})`,
      `the title and Modelwire's headline share ${percent(byTitle)} of their words`,
      ...(source.facts.slug.length > 0 && page.slug.length > 0
        ? [`the two addresses' slugs share ${percent(bySlug)} of their words`]
        : []),
      ...(source.facts.slug.length > 0 && evidence.title.length > 0
        ? [`the title and the covered address share ${percent(byTitleAndSlug)} of their words`]
        : []),
      ...evidence.doubted,
    ],
  };
}

export interface FoundCoverage<C> {
  coverage: C;
  verdict: Exclude<MatchVerdict, { kind: 'none' }>;
}

/** Newest first is the lookup's order; among several confirmed matches the first believed address wins. */
function best<C extends CoverageClues>(
  evidence: PageEvidence,
  candidates: C[],
  rejected: Set<string>,
): FoundCoverage<C> | null {
  let possible: { coverage: C; verdict: Extract<MatchVerdict, { kind: 'possible' }> } | null = null;
  for (const coverage of candidates) {
    if (rejected.has(coverage.id)) continue;
    const verdict = matchPage(evidence, coverage);
    if (verdict.kind === 'confirmed') return { coverage, verdict };
    if (verdict.kind === 'possible' && (possible === null || verdict.confidence > possible.verdict.confidence)) {
      possible = { coverage, verdict };
    }
  }
  return possible;
}

/**
 * The coverage this page is, or may be: the page's believed addresses and article ids first (one indexed round trip,
 * all a covered page needs), then the reader's earlier answer for this address, then the publisher's newest
 * coverages by similarity. Null when nothing fits. A confirmation by the page's own addresses or id is never
 * overridden by an answer: the popup asks only about possible matches (and about the reader's own confirmations).
 */
export async function findCoverage<C extends CoverageClues>(
  page: PageClues,
  lookup: CandidateLookup<C>,
): Promise<FoundCoverage<C> | null> {
  return (await matchPageToCoverage(page, lookup)).found;
}

/**
 * `findCoverage` with what the reader said no to for this address (read anyway on the way), so the popup can offer
 * to take that answer back without a second look-up.
 */
export async function matchPageToCoverage<C extends CoverageClues>(
  page: PageClues,
  lookup: CandidateLookup<C>,
): Promise<{ found: FoundCoverage<C> | null; rejected: string[] }> {
  const evidence = readPage(page);
  const keys = pageKeys(evidence);
  // The page's own address first (one indexed query, all most covered pages need), then its other addresses and ids.
  let exact = keys.length > 0 ? best(evidence, await lookup.byKeys(keys.slice(0, 1)), new Set()) : null;
  if (exact?.verdict.kind !== 'confirmed' && keys.length > 1) {
    exact = best(evidence, await lookup.byKeys(keys.slice(1)), new Set()) ?? exact;
  }
  if (exact?.verdict.kind === 'confirmed') return { found: exact, rejected: [] };
  const answers = evidence.pageKey ? await lookup.answers(evidence.pageKey) : [];
  const confirmed = answers.find((answer) => answer.answer === 'same');
  const mine = confirmed ? await lookup.byId(confirmed.coverageId) : undefined;
  const rejected = answers.filter((answer) => answer.answer === 'different').map((answer) => answer.coverageId);
  if (mine) {
    const reasons = ['you confirmed that this is the article Modelwire covered'];
    const verdict = { kind: 'confirmed', by: 'reader', copyVia: evidence.copyVia, reasons } as const;
    return { found: { coverage: mine, verdict }, rejected };
  }
  const refused = new Set(rejected);
  const sites = pageSites(evidence);
  const similar = sites.length > 0 ? best(evidence, await lookup.bySites(sites), refused) : null;
  if (similar?.verdict.kind === 'confirmed') return { found: similar, rejected };
  if (exact !== null && !refused.has(exact.coverage.id)) return { found: exact, rejected };
  return { found: similar, rejected };
}
