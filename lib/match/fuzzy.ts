// When no address matches: is this page still the article a coverage is about? Compares the page's title with the
// coverage's headline and source title words, and the page's URL slug with the source URL's, within one publisher.
import { contentStems } from '../check/text';
import { hostKey } from './url';

export interface PageClues {
  url: string;
  canonicalUrl: string | null;
  title: string | null;
}

export interface CoverageClues {
  headline: string;
  source: { url: string | null; domain: string | null };
}

export type MatchDecision =
  { kind: 'possible'; confidence: number; reasons: string[] } | { kind: 'none'; confidence: number; reasons: string[] };

/** From this similarity up, Lens shows the coverage as a possible match, with its reasons. */
export const POSSIBLE_MATCH = 0.75;

/** Words of a URL's last meaningful path segment: "/2026/11/18/regional-hospitals-pilot/" → regional, hospital, pilot. */
export function slugWords(url: string | null): string[] {
  if (!url) return [];
  let path: string;
  try {
    path = decodeURIComponent(new URL(url).pathname);
  } catch {
    return [];
  }
  const segments = path
    .split('/')
    .map((segment) => segment.replace(/\.\w{2,5}$/, ''))
    .filter((segment) => /[a-z]{3,}.*[-_][a-z]/i.test(segment));
  const slug = segments.sort((a, b) => b.length - a.length)[0] ?? '';
  return contentStems(slug.replace(/[-_]+/g, ' ')).filter((word) => !/^\d+$/.test(word));
}

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
  return contentStems(title.replace(/\s[|\-–—·]\s[^|\-–—·]{2,40}$/, ''));
}

const round = (value: number) => Math.round(value * 100) / 100;

/**
 * How likely the page is the coverage's source article when their addresses differ: only within the same publisher
 * domain, by the best of title-to-headline and slug-to-slug similarity.
 */
export function decideFuzzyMatch(page: PageClues, coverage: CoverageClues): MatchDecision {
  const pageHost = hostKey(page.canonicalUrl ?? page.url) ?? hostKey(page.url);
  const sourceHost = coverage.source.url
    ? hostKey(coverage.source.url)
    : (coverage.source.domain?.replace(/^www\./, '') ?? null);
  const sameSite =
    pageHost !== null &&
    sourceHost !== null &&
    (pageHost === sourceHost || pageHost.endsWith(`.${sourceHost}`) || sourceHost.endsWith(`.${pageHost}`));
  if (!sameSite) return { kind: 'none', confidence: 0, reasons: ['another publisher'] };

  const pageTitle = titleWords(page.title);
  const byTitle = dice(pageTitle, contentStems(coverage.headline));
  const pageSlug = slugWords(page.canonicalUrl ?? page.url);
  const sourceSlug = slugWords(coverage.source.url);
  const bySlug = dice(pageSlug, sourceSlug);
  const byTitleAndSlug = dice(pageTitle, sourceSlug);
  const confidence = round(Math.max(byTitle, bySlug, byTitleAndSlug));
  const reasons = [
    `same publisher (${sourceHost})`,
    `title and Modelwire's headline share ${Math.round(byTitle * 100)}% of their words`,
    ...(sourceSlug.length > 0 && pageSlug.length > 0
      ? [`the two addresses' slugs share ${Math.round(bySlug * 100)}% of their words`]
      : []),
    ...(sourceSlug.length > 0 && pageTitle.length > 0
      ? [`the title and the source address share ${Math.round(byTitleAndSlug * 100)}% of their words`]
      : []),
  ];
  return { kind: confidence >= POSSIBLE_MATCH ? 'possible' : 'none', confidence, reasons };
}
