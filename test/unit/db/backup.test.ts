// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import demoFeed from '../../../lib/modelwire/demo/feed.json';
import { clearAll, exportBackup, importBackup, storeFigures } from '../../../lib/db/backup';
import { putCoverages } from '../../../lib/db/coverage';
import { coveragesMentioning } from '../../../lib/db/entities';
import { recordMentions } from '../../../lib/db/mentions';
import { LensDatabase } from '../../../lib/db/schema';
import { seedDemoData } from '../../../lib/db/seed';
import { parseFeed } from '../../../lib/modelwire/feed';

const NOW = new Date('2026-11-24T10:00:00Z');
let counter = 0;
const opened: LensDatabase[] = [];
const fresh = () => {
  const db = new LensDatabase(`backup-${++counter}`);
  opened.push(db);
  return db;
};
let db: LensDatabase;

async function snapshot(target: LensDatabase) {
  return {
    coverages: await target.coverages.orderBy('id').toArray(),
    mentions: await target.mentions.toArray(),
    entities: await target.entities.orderBy('key').toArray(),
    links: await target.entityCoverages.toArray(),
  };
}

beforeEach(async () => {
  db = fresh();
  await seedDemoData(db, demoFeed, NOW);
  const parsed = parseFeed(demoFeed);
  if (!parsed.ok) throw new Error(parsed.error);
  const [first] = parsed.items;
  if (!first) throw new Error('no demo item');
  await putCoverages(db, [{ ...first, headline: 'Captured “headline” <b>with</b> markup' }], 'capture', NOW);
  await recordMentions(db, first, { url: 'https://www.lakesideledger.com/x/', key: 'lakesideledger.com/x' }, NOW);
});
afterEach(async () => {
  await Promise.all(opened.splice(0).map((each) => each.delete()));
});

describe('backup', () => {
  it('round-trips the whole cache through a JSON file', async () => {
    const text = JSON.stringify(await exportBackup(db, NOW));
    const target = fresh();
    expect(await importBackup(target, text)).toEqual({ ok: true, coverages: 4, mentions: 3, unchanged: 0 });
    expect(await snapshot(target)).toEqual(await snapshot(db));
    expect(JSON.stringify(await exportBackup(target, NOW))).toBe(text);
    expect((await coveragesMentioning(target, 'kestrel labs')).length).toBe(3);
  });

  it('merges: the record written last wins, and importing the same file twice changes nothing', async () => {
    const text = JSON.stringify(await exportBackup(db, NOW));
    const before = await snapshot(db);
    expect(await importBackup(db, text)).toMatchObject({ ok: true });
    expect(await snapshot(db)).toEqual(before);
    const later = JSON.parse(text);
    later.coverages[0].updatedAt = '2026-11-25T00:00:00.000Z';
    later.coverages[0].headline = 'A newer headline';
    later.coverages[1].updatedAt = '2020-01-01T00:00:00.000Z';
    later.coverages[1].headline = 'An older headline';
    const outcome = await importBackup(db, JSON.stringify(later));
    expect(outcome).toMatchObject({ ok: true });
    expect((await db.coverages.get(later.coverages[0].id))?.headline).toBe('A newer headline');
    expect((await db.coverages.get(later.coverages[1].id))?.headline).not.toBe('An older headline');
  });

  const corrupt: Array<[string, (backup: Record<string, unknown>) => string, RegExp]> = [
    ['not JSON', (backup) => JSON.stringify(backup).slice(0, 200), /not JSON/],
    ['a feed instead of a backup', () => JSON.stringify(demoFeed), /Not a Modelwire Lens backup/],
    ['another tool’s export', () => JSON.stringify([{ title: 'Zotero item' }]), /Not a Modelwire Lens backup/],
    ['a future version', (backup) => JSON.stringify({ ...backup, version: 2 }), /version/],
    [
      'one bad coverage among good ones',
      (backup) => {
        const coverages = [...(backup.coverages as object[])];
        coverages.splice(2, 0, {
          ...(coverages[0] as object),
          id: '01KX3F8Q2M7V4N6R9T1W5Y8Z0B',
          modelwireUrl: 'javascript:alert(1)',
        });
        return JSON.stringify({ ...backup, coverages });
      },
      /coverages\[2\]: modelwireUrl/,
    ],
    [
      'a bad mention',
      (backup) => JSON.stringify({ ...backup, mentions: [{ ...(backup.mentions as object[])[0], timesSeen: -1 }] }),
      /mentions\[0\]: timesSeen/,
    ],
  ];
  it.each(corrupt)('refuses %s with a reason and changes nothing', async (_, make, reason) => {
    const backup = (await exportBackup(db, NOW)) as unknown as Record<string, unknown>;
    const target = fresh();
    await seedDemoData(target, demoFeed, NOW);
    const before = await snapshot(target);
    const outcome = await importBackup(target, make(backup));
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.error).toMatch(reason);
      expect(outcome.error).toMatch(/Nothing was imported/);
    }
    expect(await snapshot(target)).toEqual(before);
  });

  it('writes nothing when the browser refuses space part way', async () => {
    const text = JSON.stringify(await exportBackup(db, NOW));
    const target = fresh();
    await seedDemoData(target, demoFeed, NOW);
    const before = await snapshot(target);
    vi.spyOn(target.mentions, 'bulkPut').mockRejectedValue(new DOMException('Quota exceeded', 'QuotaExceededError'));
    const outcome = await importBackup(target, text);
    expect(outcome).toMatchObject({ ok: false, error: expect.stringMatching(/quota exceeded.*Nothing was imported/) });
    expect(await snapshot(target)).toEqual(before);
  });

  it('writes nothing when the browser aborts the transaction', async () => {
    const text = JSON.stringify(await exportBackup(db, NOW));
    const target = fresh();
    await seedDemoData(target, demoFeed, NOW);
    const before = await snapshot(target);
    vi.spyOn(target.entityCoverages, 'bulkPut').mockRejectedValue(new DOMException('Aborted', 'AbortError'));
    const outcome = await importBackup(target, text);
    expect(outcome).toMatchObject({ ok: false, error: expect.stringMatching(/aborted the database transaction/) });
    expect(await snapshot(target)).toEqual(before);
  });

  it('clears everything on request', async () => {
    await clearAll(db);
    expect(await storeFigures(db)).toEqual({ coverages: 0, entities: 0, mentions: 0, pendingLinks: 0 });
  });
});
