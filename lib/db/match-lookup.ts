// The database side of matching: lib/match/decide.ts asks for candidates through this interface and decides alone.
import type { CandidateLookup, MatchAnswer } from '../match/decide';
import type { Coverage } from '../modelwire/coverage';
import type { LensDatabase } from './schema';

/**
 * Fuzzy candidates read per page at most: a publisher's newest coverages (ULIDs sort by time, so the highest ids).
 * Addresses and article ids are looked up exactly, whatever their age; only similarity is limited to recent work.
 */
const MAX_SITE_CANDIDATES = 150;

function newestFirst(records: Coverage[]): Coverage[] {
  const unique = new Map(records.map((record) => [record.id, record]));
  return [...unique.values()].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}

/** What the lookup needs of the coverage index (lib/index/lookup.ts): fetch what it holds for these keys, if any. */
export interface IndexForLookup {
  ensure(keys: ReadonlyArray<string>): Promise<unknown>;
}

/**
 * The database as matching sees it. With `index`, keys are first looked up in the coverage index, which stores any
 * coverage it confirms, so the queries below find it like any other.
 */
export function coverageLookup(db: LensDatabase, index: IndexForLookup | null = null): CandidateLookup<Coverage> {
  return {
    async byKeys(keys) {
      if (keys.length === 0) return [];
      if (index !== null) await index.ensure(keys);
      if (keys.length === 1)
        return newestFirst(
          await db.coverages
            .where('sourceKeys')
            .equals(keys[0] as string)
            .toArray(),
        );
      // One equality query per key in one read transaction.
      const found = await db.transaction('r', db.coverages, () =>
        Promise.all(keys.map((key) => db.coverages.where('sourceKeys').equals(key).toArray())),
      );
      return newestFirst(found.flat());
    },
    async bySites(sites) {
      if (sites.length === 0) return [];
      return newestFirst(
        await db.coverages
          .where('siteKeys')
          .anyOf([...sites])
          .limit(MAX_SITE_CANDIDATES)
          .toArray(),
      );
    },
    byId: (id) => db.coverages.get(id),
    answers: (pageKey) => db.matchAnswers.where('pageKey').equals(pageKey).toArray(),
  };
}

/** Forgets the reader's answer about one coverage for one page address. */
export async function forgetMatchAnswer(db: LensDatabase, pageKey: string, coverageId: string): Promise<void> {
  await db.matchAnswers.delete([pageKey, coverageId]);
}

/** Stores the reader's answer for one page address, replacing an earlier answer about the same coverage. */
export async function recordMatchAnswer(db: LensDatabase, answer: MatchAnswer, now: Date): Promise<void> {
  await db.matchAnswers.put({ ...answer, answeredAt: now.toISOString() });
}
