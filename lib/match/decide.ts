// The one decision the background makes for a page and a coverage: the same article, possibly it, or not.
import { decideFuzzyMatch, type CoverageClues, type PageClues } from './fuzzy';
import { urlKeys } from './url';

export type PageMatch =
  | { kind: 'exact'; by: 'address' | 'canonical' | 'og:url' }
  | { kind: 'possible'; confidence: number; reasons: string[] }
  | { kind: 'none' };

export function matchPage(page: PageClues & { ogUrl?: string | null }, coverage: CoverageClues): PageMatch {
  const sourceKeys = urlKeys([coverage.source.url]);
  const candidates: Array<[string | null | undefined, 'address' | 'canonical' | 'og:url']> = [
    [page.url, 'address'],
    [page.canonicalUrl, 'canonical'],
    [page.ogUrl, 'og:url'],
  ];
  for (const [url, by] of candidates) {
    const [key] = urlKeys([url]);
    if (key !== undefined && sourceKeys.includes(key)) return { kind: 'exact', by };
  }
  const fuzzy = decideFuzzyMatch(page, coverage);
  return fuzzy.kind === 'possible' ? fuzzy : { kind: 'none' };
}
