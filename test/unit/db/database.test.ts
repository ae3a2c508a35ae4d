import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import demoFeed from '../../../lib/modelwire/demo/feed.json';
import { coverageCountsByEntity, putCoverages } from '../../../lib/db/coverage';
import { coverageLookup } from '../../../lib/db/match-lookup';
import { findCoverage } from '../../../lib/match/decide';
import { mentionsOfArticle, recordMentions } from '../../../lib/db/mentions';
import Dexie from 'dexie';
import { databaseProblem, LensDatabase } from '../../../lib/db/schema';
import { seedDemoData } from '../../../lib/db/seed';
import { parseFeed } from '../../../lib/modelwire/feed';
import type { CoverageContent } from '../../../lib/modelwire/coverage';

let db: LensDatabase;
let counter = 0;
const NOW = new Date('2026-11-24T10:00:00Z');
const demoItems = (): CoverageContent[] => {
  const feed = parseFeed(demoFeed);
  if (!feed.ok) throw new Error(feed.error);
  return feed.items;
};

beforeEach(() => {
  db = new LensDatabase(`test-${++counter}`);
});
afterEach(async () => {
  await db.delete();
});

describe('seedDemoData', () => {
  it('loads the demo feed once per feed version', async () => {
    expect(await seedDemoData(db, demoFeed, NOW)).toEqual({ loaded: 4, rejected: 0, skipped: false });
    expect(await seedDemoData(db, demoFeed, NOW)).toEqual({ loaded: 0, rejected: 0, skipped: true });
    expect(await db.coverages.count()).toBe(4);
  });

  it('never replaces a captured record with demo data', async () => {
    const [first] = demoItems();
    if (!first) throw new Error('the demo feed is empty');
    await putCoverages(db, [{ ...first, headline: 'Captured headline' }], 'capture', NOW);
    await seedDemoData(db, demoFeed, NOW);
    expect((await db.coverages.get(first.id))?.headline).toBe('Captured headline');
    expect((await db.coverages.get(first.id))?.origin).toBe('capture');
  });

  it('refuses a broken embedded feed loudly, writing nothing', async () => {
    await expect(seedDemoData(db, { format: 'other' }, NOW)).rejects.toThrow(/not a valid feed/);
    expect(await db.coverages.count()).toBe(0);
  });
});

describe('coverage lookups', () => {
  beforeEach(async () => {
    await seedDemoData(db, demoFeed, NOW);
  });

  it('finds coverage by any normalised spelling of the source URL', async () => {
    for (const url of [
      'https://www.lakesideledger.com/2026/11/18/regional-hospitals-pilot-ai-triage-assistant/',
      'http://lakesideledger.com/2026/11/18/regional-hospitals-pilot-ai-triage-assistant?utm_source=x#top',
      'https://m.lakesideledger.com/2026/11/18/regional-hospitals-pilot-ai-triage-assistant/amp/',
    ]) {
      const found = await findCoverage({ url, canonicalUrl: null, title: null }, coverageLookup(db));
      expect(found?.coverage.id, url).toBe('01KX3F8Q2M7V4N6R9T1W5Y8Z0A');
      expect(found?.verdict.kind, url).toBe('confirmed');
    }
  });

  it('says which of the page’s addresses matched', async () => {
    const found = await findCoverage(
      {
        url: 'https://northbound.tech/app/#/reader',
        canonicalUrl: 'https://northbound.tech/analysis/kestrel-labs-opens-model-weights',
        title: 'Kestrel Labs opens model weights',
      },
      coverageLookup(db),
    );
    expect(found?.verdict).toMatchObject({ kind: 'confirmed', by: 'canonical' });
  });

  it('finds nothing for other articles of the same site', async () => {
    const other = { url: 'https://www.lakesideledger.com/2026/11/20/city-council-budget-vote/', canonicalUrl: null };
    expect(await findCoverage({ ...other, title: 'Council delays budget vote' }, coverageLookup(db))).toBeNull();
  });

  it('counts coverages per entity, whatever the spelling', async () => {
    const counts = await coverageCountsByEntity(db, ['kestrel labs', 'tessellate', 'triage assist', 'nobody']);
    expect(Object.fromEntries(counts)).toEqual({ 'kestrel labs': 3, tessellate: 3, 'triage assist': 1, nobody: 0 });
  });
});

describe('recordMentions', () => {
  it('records each entity once per coverage and article, keeping the first sighting', async () => {
    const coverage = {
      id: '01KX3F8Q2M7V4N6R9T1W5Y8Z0A',
      mentions: ['Kestrel Labs', "Kestrel Labs's", 'Harbor Health Network'],
    };
    const article = { url: 'https://a.com/x', key: 'a.com/x' };
    expect(await recordMentions(db, coverage, article, new Date('2026-11-01T00:00:00Z'))).toBe(2);
    await recordMentions(db, coverage, article, new Date('2026-11-05T00:00:00Z'));
    const mentions = await mentionsOfArticle(db, 'a.com/x');
    expect(mentions).toHaveLength(2);
    const kestrel = mentions.find((mention) => mention.entityKey === 'kestrel labs');
    expect(kestrel).toMatchObject({
      entity: 'Kestrel Labs',
      firstSeen: '2026-11-01T00:00:00.000Z',
      lastSeen: '2026-11-05T00:00:00.000Z',
      timesSeen: 2,
    });
  });

  it('writes nothing for a coverage without mentions', async () => {
    expect(await recordMentions(db, { id: 'X', mentions: [] }, { url: 'https://a.com', key: 'a.com/' }, NOW)).toBe(0);
    expect(await db.mentions.count()).toBe(0);
  });
});

describe('a database written by a newer version of Lens', () => {
  it('is reported (its stores may be elsewhere), where Dexie would silently re-create a missing clips store', async () => {
    const name = 'lens-newer-version';
    await new Promise<void>((resolve, reject) => {
      const open = indexedDB.open(name, 9000);
      open.onupgradeneeded = () => open.result.createObjectStore('coverages', { keyPath: 'id' });
      open.onsuccess = () => {
        open.result.close();
        resolve();
      };
      open.onerror = () => reject(open.error);
    });
    const newer = new LensDatabase(name);
    await newer.open();
    expect(databaseProblem(newer)).toMatch(/changed by a newer version of Modelwire Lens/);
    newer.close();
    await Dexie.delete(name);
    const current = new LensDatabase('lens-current-version');
    await current.open();
    expect(databaseProblem(current)).toBeNull();
    await current.delete();
  });
});
