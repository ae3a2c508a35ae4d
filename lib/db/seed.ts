// The embedded demo data: loaded on install so the extension knows a handful of Modelwire summaries out of the box.
import type { LensDatabase } from './schema';
import { parseFeed } from '../modelwire/feed';
import { putCoverages } from './coverage';

export const DEMO_SEED_KEY = 'demo-seed';

export interface SeedResult {
  loaded: number;
  rejected: number;
  skipped: boolean;
}

/**
 * Loads the demo feed unless this exact version of it is already loaded. Records captured from Modelwire or synced
 * from a feed are never replaced by demo records.
 */
export async function seedDemoData(db: LensDatabase, feedDocument: unknown, now: Date): Promise<SeedResult> {
  const feed = parseFeed(feedDocument);
  if (!feed.ok) throw new Error(`The embedded demo data is not a valid feed: ${feed.error}`);
  const marker = `${feed.generatedAt}/${feed.items.length}`;
  const current = await db.meta.get(DEMO_SEED_KEY);
  if (current?.value === marker) return { loaded: 0, rejected: feed.rejected.length, skipped: true };
  const result = await db.transaction(
    'rw',
    [db.coverages, db.entities, db.entityCoverages, db.pendingEntityIndex, db.meta],
    async () => {
      const put = await putCoverages(db, feed.items, 'demo', now);
      await db.meta.put({ key: DEMO_SEED_KEY, value: marker });
      return put;
    },
  );
  return { loaded: result.written, rejected: feed.rejected.length, skipped: false };
}
