import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import demoFeed from '../../../lib/modelwire/demo/feed.json';
import { LensDatabase } from '../../../lib/db/schema';
import { seedDemoData } from '../../../lib/db/seed';
import { putCoverages } from '../../../lib/db/coverage';
import { coMentioned, coveragesMentioning, knownEntityMatcher, topEntities } from '../../../lib/db/entities';
import { parseFeed } from '../../../lib/modelwire/feed';
import type { CoverageContent } from '../../../lib/modelwire/coverage';
import { toCoverageRecord } from '../../../lib/db/coverage-record';

const NOW = new Date('2026-11-24T10:00:00Z');
const HOSPITALS = '01KX3F8Q2M7V4N6R9T1W5Y8Z0A';
const FAB = '01KX3G2B7C9D4E6F8H1J3K5M7N';
const WEIGHTS = '01KX3H5P8Q1R3S6T9V2W4X7Y9Z';
let db: LensDatabase;
let counter = 0;

function demoItems(): CoverageContent[] {
  const feed = parseFeed(demoFeed);
  if (!feed.ok) throw new Error(feed.error);
  return feed.items;
}

beforeEach(async () => {
  db = new LensDatabase(`entities-${++counter}`);
  await seedDemoData(db, demoFeed, NOW);
});
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

describe('the entity cache', () => {
  it('holds every entity of the stored coverages with its count and first and last sighting', async () => {
    expect(await db.entities.count()).toBe(7);
    expect(await db.entities.get('kestrel labs')).toEqual({
      key: 'kestrel labs',
      name: 'Kestrel Labs',
      aliases: [],
      kind: 'unknown',
      coverageCount: 3,
      firstSeen: '2026-11-17T11:05:00.000Z',
      lastSeen: '2026-11-19T08:40:00.000Z',
    });
    expect((await db.entities.get('tessellate'))?.coverageCount).toBe(3);
  });

  it('pages through the coverages that mention an entity, newest first', async () => {
    const ids = (coverages: Array<{ id: string }>) => coverages.map((coverage) => coverage.id);
    expect(ids(await coveragesMentioning(db, 'kestrel labs'))).toEqual([WEIGHTS, HOSPITALS, FAB]);
    expect(ids(await coveragesMentioning(db, 'kestrel labs', { offset: 1, limit: 1 }))).toEqual([HOSPITALS]);
    expect(await coveragesMentioning(db, 'nobody')).toEqual([]);
  });

  it('ranks the entities of a period', async () => {
    const top = await topEntities(db, { since: '2026-11-17T00:00:00.000Z', until: '2026-11-20T00:00:00.000Z' }, 3);
    expect(top.map(({ entity, count }) => [entity.name, count])).toEqual([
      ['Kestrel Labs', 3],
      ['Tessellate', 2],
      ['Harbor Health Network', 1],
    ]);
  });

  it('finds the entities mentioned together with one', async () => {
    const together = await coMentioned(db, 'kestrel labs', 2);
    expect(together.map(({ entity, together: count }) => [entity.name, count])).toEqual([
      ['Tessellate', 2],
      ['Harbor Health Network', 1],
    ]);
  });

  it('follows a coverage that changes: new spellings become aliases, entities no longer mentioned go', async () => {
    const hospitals = demoItems().find((item) => item.id === HOSPITALS) as CoverageContent;
    await putCoverages(db, [{ ...hospitals, mentions: ["Harbor Health Network's", 'Kestrel Labs'] }], 'capture', NOW);
    expect(await db.entities.get('triage assist')).toBeUndefined();
    expect(await db.entities.get('harbor health network')).toMatchObject({
      name: "Harbor Health Network's",
      aliases: ['Harbor Health Network'],
      coverageCount: 1,
    });
    expect((await db.entities.get('kestrel labs'))?.coverageCount).toBe(3);
  });
});

describe('the matcher of known entities', () => {
  const settle = () => new Promise((resolve) => setTimeout(resolve, 50));
  const text = 'Kestrel Labs and Quillmark both answered; Kestrel Labs first.';

  it('is compiled once while the entities stay the same', async () => {
    const first = await knownEntityMatcher(db);
    await settle();
    const second = await knownEntityMatcher(db);
    expect(second).not.toBeNull();
    expect(await knownEntityMatcher(db)).toBe(second);
    expect(second?.find(text).map((hit) => [hit.name, hit.count])).toEqual([['Kestrel Labs', 2]]);
    expect(first?.find(text)).toEqual(second?.find(text));
  });

  it('is rebuilt after the entities table changes, and is null when it is empty', async () => {
    await knownEntityMatcher(db);
    await settle();
    const before = await knownEntityMatcher(db);
    await db.entities.put({
      key: 'quillmark',
      name: 'Quillmark',
      aliases: [],
      kind: 'organization',
      coverageCount: 1,
      firstSeen: NOW.toISOString(),
      lastSeen: NOW.toISOString(),
    });
    await settle();
    const after = await knownEntityMatcher(db);
    expect(after).not.toBe(before);
    expect(after?.find(text).map((hit) => hit.name)).toEqual(['Kestrel Labs', 'Quillmark']);
    await db.entities.clear();
    await settle();
    expect(await knownEntityMatcher(db)).toBeNull();
  });
});

describe('upgrading from version 1 to the current version', () => {
  /** The version-1 schema as it shipped: frozen here so the test keeps opening what real users have on disk. */
  class VersionOne extends Dexie {
    constructor(name: string) {
      super(name);
      this.version(1).stores({
        coverages: 'id, *sourceKeys, source.domain, *entityKeys, updatedAt',
        mentions: '[entityKey+coverageId+articleKey], entityKey, coverageId, articleKey, lastSeen',
        meta: 'key',
      });
    }
  }

  it('keeps every record and builds the entity cache from them', async () => {
    const name = `upgrade-${++counter}`;
    const old = new VersionOne(name);
    const records = demoItems().map((item, index) =>
      toCoverageRecord({ ...item, publishedAt: index === 0 ? null : item.publishedAt }, 'demo', NOW),
    );
    await old.table('coverages').bulkPut(records);
    await old.table('mentions').put({
      entityKey: 'kestrel labs',
      entity: 'Kestrel Labs',
      coverageId: FAB,
      articleKey: 'a/b',
      articleUrl: 'https://a/b',
      firstSeen: 'x',
      lastSeen: 'x',
      timesSeen: 1,
    });
    await old.table('meta').put({ key: 'demo-seed', value: 'v' });
    // An older page keeps its connection open while a newer one upgrades: Dexie closes it on versionchange.
    const upgraded = new LensDatabase(name);
    await upgraded.open();
    expect(old.isOpen()).toBe(false);
    expect(await upgraded.coverages.count()).toBe(4);
    expect(await upgraded.mentions.count()).toBe(1);
    expect(await upgraded.meta.get('demo-seed')).toEqual({ key: 'demo-seed', value: 'v' });
    expect(await upgraded.entities.count()).toBe(7);
    expect((await upgraded.entities.get('kestrel labs'))?.coverageCount).toBe(3);
    // A coverage without a publication time is placed by when it was stored.
    expect((await upgraded.entities.get('triage assist'))?.lastSeen).toBe(NOW.toISOString());
    // 3 + 3 + 4 + 2 entities across the four coverages.
    expect(await upgraded.entityCoverages.count()).toBe(12);
    upgraded.close();
    await Dexie.delete(name);
  });
});
