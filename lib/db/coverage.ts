// Queries and writes on stored coverage.
import type { LensDatabase } from './schema';
import { indexCoverageEntities } from './entities';
import type { Coverage, CoverageContent, CoverageOrigin } from '../modelwire/coverage';
import { toCoverageRecord } from './coverage-record';

/** A capture from Modelwire's own page is the freshest word; the demo data is the weakest. */
const ORIGIN_RANK: Record<CoverageOrigin, number> = { demo: 0, feed: 1, index: 1, capture: 2 };

export interface PutResult {
  written: number;
  /** Entries not written because a stronger record (say, a live capture over demo data) already holds the id. */
  kept: number;
}

export interface PutOptions {
  /**
   * `now` (default) writes the entity links in the same transaction. `deferred` queues them instead
   * (`pendingEntityIndex`), for large syncs: the coverages are found by URL at once, and `indexPendingEntities` builds
   * the links afterwards in small transactions.
   */
  entityIndex?: 'now' | 'deferred';
}

/** Writes coverage in one transaction, never replacing a record that came from a stronger origin. */
export async function putCoverages(
  db: LensDatabase,
  contents: ReadonlyArray<CoverageContent>,
  origin: CoverageOrigin,
  now: Date,
  options: PutOptions = {},
): Promise<PutResult> {
  const tables = [db.coverages, db.entities, db.entityCoverages, db.pendingEntityIndex];
  return db.transaction('rw', tables, async () => {
    const ids = contents.map((content) => content.id);
    const [existing, pending] = await Promise.all([db.coverages.bulkGet(ids), db.pendingEntityIndex.bulkGet(ids)]);
    const rewritten = new Set<string>();
    const records = contents
      .filter((content, index) => {
        const current = existing[index];
        const replaces = current === undefined || ORIGIN_RANK[current.origin] <= ORIGIN_RANK[origin];
        // A coverage that had links, or is still queued for them, has old links (or a queued count) to replace.
        if (replaces && (current !== undefined || pending[index] !== undefined)) rewritten.add(content.id);
        return replaces;
      })
      .map((content) => toCoverageRecord(content, origin, now));
    await db.coverages.bulkPut(records);
    if (options.entityIndex === 'deferred') {
      await db.pendingEntityIndex.bulkPut(
        records.map((record) => ({
          coverageId: record.id,
          rewritten: rewritten.has(record.id) ? 1 : 0,
          token: Math.random().toString(36).slice(2),
        })),
      );
    } else {
      const queued = pending.flatMap((entry) => (entry ? [entry.coverageId] : []));
      if (queued.length > 0) await db.pendingEntityIndex.bulkDelete(queued);
      await indexCoverageEntities(db, records, [...rewritten]);
    }
    return { written: records.length, kept: contents.length - records.length };
  });
}

export async function getCoverage(db: LensDatabase, id: string): Promise<Coverage | undefined> {
  return db.coverages.get(id);
}

/** For each entity key, how many stored coverages mention it (from the entity cache). */
export async function coverageCountsByEntity(
  db: LensDatabase,
  keys: ReadonlyArray<string>,
): Promise<Map<string, number>> {
  const entities = await db.entities.bulkGet([...keys]);
  return new Map(keys.map((key, index) => [key, entities[index]?.coverageCount ?? 0]));
}
