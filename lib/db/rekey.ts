// Stored coverages carry keys computed by the URL rules of the version that wrote them. When those rules change
// (URL_KEYS_VERSION), the keys are computed again, in small transactions, so lookups see the new rules.
import type { LensDatabase } from './schema';
import { coverageIndexKeys } from '../match/decide';
import type { Coverage } from '../modelwire/coverage';

/** Raise this whenever lib/match changes what `coverageIndexKeys` returns for a stored coverage. */
export const URL_KEYS_VERSION = '2';
export const URL_KEYS_META = 'url-keys';
const BATCH = 500;

/** Re-keys every coverage when the stored keys are from older rules; answers how many records it rewrote. */
export async function rekeyCoverages(db: LensDatabase): Promise<number> {
  const current = await db.meta.get(URL_KEYS_META);
  if (current?.value === URL_KEYS_VERSION) return 0;
  let rewritten = 0;
  let after = '';
  for (;;) {
    const batch = await db.transaction('rw', db.coverages, async () => {
      const records: Coverage[] = await db.coverages.where('id').above(after).limit(BATCH).toArray();
      await db.coverages.bulkPut(records.map((record) => ({ ...record, ...coverageIndexKeys(record) })));
      return records;
    });
    rewritten += batch.length;
    if (batch.length < BATCH) break;
    after = (batch[batch.length - 1] as Coverage).id;
  }
  await db.meta.put({ key: URL_KEYS_META, value: URL_KEYS_VERSION });
  return rewritten;
}
