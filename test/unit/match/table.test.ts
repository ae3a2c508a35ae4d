// The matching table: page/coverage pairs written for Lens, each labelled "match" (exact or possible) or "no-match".
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { matchPage } from '../../../lib/match/decide';

interface Pair {
  expected: 'match' | 'no-match';
  note: string;
  page: { url: string; canonicalUrl: string | null; title: string };
  coverage: { headline: string; source: { url: string; domain: string | null } };
}

const table = JSON.parse(
  readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/matching/pairs.json'), 'utf8'),
) as { pairs: Pair[] };

describe('the matching table', () => {
  it('has at least 60 pairs of both kinds', () => {
    expect(table.pairs.length).toBeGreaterThanOrEqual(60);
    expect(table.pairs.filter((pair) => pair.expected === 'no-match').length).toBeGreaterThanOrEqual(25);
  });

  it.each(table.pairs.map((pair) => [pair.note, pair] as const))('%s', (_, pair) => {
    const decision = matchPage(pair.page, pair.coverage);
    expect(decision.kind === 'none' ? 'no-match' : 'match', JSON.stringify(decision)).toBe(pair.expected);
  });

  it('prints its false-match and miss rates', () => {
    const results = table.pairs.map((pair) => ({ pair, decision: matchPage(pair.page, pair.coverage) }));
    const negatives = results.filter(({ pair }) => pair.expected === 'no-match');
    const positives = results.filter(({ pair }) => pair.expected === 'match');
    const falseMatches = negatives.filter(({ decision }) => decision.kind !== 'none').length;
    const misses = positives.filter(({ decision }) => decision.kind === 'none').length;
    const exact = results.filter(({ decision }) => decision.kind === 'exact').length;
    const possible = results.filter(({ decision }) => decision.kind === 'possible').length;
    console.log(
      `matching table: ${table.pairs.length} pairs; ${exact} exact, ${possible} possible; false-match rate ${falseMatches}/${negatives.length}, miss rate ${misses}/${positives.length}`,
    );
    expect(falseMatches).toBe(0);
  });
});
