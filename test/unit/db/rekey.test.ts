import { afterEach, describe, expect, it } from 'vitest';
import demoFeed from '../../../lib/modelwire/demo/feed.json';
import { LensDatabase } from '../../../lib/db/schema';
import { seedDemoData } from '../../../lib/db/seed';
import { rekeyCoverages, URL_KEYS_META, URL_KEYS_VERSION } from '../../../lib/db/rekey';
import { coverageLookup } from '../../../lib/db/match-lookup';

let db: LensDatabase;
afterEach(async () => {
  await db.delete();
});

describe('rekeyCoverages', () => {
  it('gives coverages stored under older URL rules the current keys, once', async () => {
    db = new LensDatabase('rekey-test');
    await seedDemoData(db, demoFeed, new Date('2026-11-29T00:00:00Z'));
    const all = await db.coverages.toArray();
    // As an older version stored them: host-exact keys only, no site index.
    await db.coverages.bulkPut(all.map((coverage) => ({ ...coverage, sourceKeys: [], siteKeys: [] })));
    expect(await coverageLookup(db).bySites(['lakesideledger.com'])).toEqual([]);

    expect(await rekeyCoverages(db)).toBe(all.length);
    expect((await db.meta.get(URL_KEYS_META))?.value).toBe(URL_KEYS_VERSION);
    const found = await coverageLookup(db).bySites(['lakesideledger.com']);
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((coverage) => coverage.siteKeys.includes('lakesideledger.com'))).toBe(true);
    expect(await rekeyCoverages(db)).toBe(0);
  });

  it('re-keys more coverages than one batch holds', async () => {
    db = new LensDatabase('rekey-batches');
    const [template] = await (async () => {
      await seedDemoData(db, demoFeed, new Date('2026-11-29T00:00:00Z'));
      return db.coverages.toArray();
    })();
    if (!template) throw new Error('no demo coverage');
    const many = Array.from({ length: 1203 }, (_, index) => ({
      ...template,
      id: `01KZ${String(index).padStart(22, '0')}`,
      source: { url: `https://www.example-news.com/story-${index}/`, domain: null, aliases: [] },
      sourceKeys: [],
      siteKeys: [],
    }));
    await db.coverages.bulkPut(many);
    await db.meta.delete(URL_KEYS_META);
    expect(await rekeyCoverages(db)).toBe(await db.coverages.count());
    const last = await db.coverages.get('01KZ0000000000000000001202');
    expect(last?.sourceKeys).toEqual(['site:example-news.com/story-1202']);
    expect(last?.siteKeys).toEqual(['example-news.com']);
  });
});
