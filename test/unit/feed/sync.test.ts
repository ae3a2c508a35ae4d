// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import demoFeed from '../../../lib/modelwire/demo/feed.json';
import { coveragesMentioning, indexPendingEntities, pendingEntityCount } from '../../../lib/db/entities';
import { coverageLookup } from '../../../lib/db/match-lookup';
import { findCoverage } from '../../../lib/match/decide';
import { LensDatabase } from '../../../lib/db/schema';
import { seedDemoData } from '../../../lib/db/seed';
import {
  backoffMinutes,
  checkFeedUrl,
  DEFAULT_FEED_SETTINGS,
  INITIAL_FEED_STATUS,
  readFeedStatus,
  writeFeedSettings,
  writeFeedStatus,
  type FeedSettings,
  type FeedStatus,
} from '../../../lib/feed/settings';
import { STALE_SYNC_MARGIN_MS, storeFeedEntries, syncFeed, type SyncDeps } from '../../../lib/feed/sync';
import { createFeedSync, FEED_ALARM } from '../../../lib/feed/background-sync';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { parseFeed } from '../../../lib/modelwire/feed';

const FEED_URL = 'https://feeds.example.org/lens.json';
const NOW = new Date('2026-11-24T10:00:00Z');
let db: LensDatabase;
let counter = 0;

type Answer = (request: Request) => Response | Promise<Response>;

/** A feed in the Lens format: the demo items with new ids and addresses, plus whatever `extra` adds. */
function feedDocument(extra: unknown[] = [], count = 4): Record<string, unknown> {
  const items = demoFeed.items.slice(0, count).map((item, index) => ({
    ...item,
    id: `01KY0000000000000000000${String(index).padStart(3, '0')}`,
    source: { ...item.source, url: `https://feed-only.example/story-${index}/` },
  }));
  return { ...demoFeed, generatedAt: '2026-11-24T09:00:00.000Z', items: [...items, ...extra] };
}

function harness(answer: Answer, settings: Partial<FeedSettings> = {}) {
  let status: FeedStatus = INITIAL_FEED_STATUS;
  const requests: Request[] = [];
  const scheduled: Array<Date | null> = [];
  const deps: SyncDeps = {
    db,
    now: () => NOW,
    readSettings: async () => ({ ...DEFAULT_FEED_SETTINGS, url: FEED_URL, ...settings }),
    readStatus: async () => status,
    writeStatus: async (next) => {
      status = next;
    },
    schedule: async (at) => {
      scheduled.push(at);
    },
    fetch: (async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      requests.push(request);
      return answer(request);
    }) as typeof fetch,
  };
  return { deps, requests, scheduled, status: () => status };
}

const json = (body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json', ...headers } });

beforeEach(async () => {
  db = new LensDatabase(`sync-${++counter}`);
  await seedDemoData(db, demoFeed, NOW);
});
afterEach(async () => {
  await db.delete();
});

describe('checkFeedUrl', () => {
  it('keeps an index an index when its manifest answers 304 (the options page shows the mode from it)', async () => {
    const feed = harness(() => new Response(null, { status: 304 }));
    const index = { kind: 'base' as const, generation: 3, coverages: 3001, keys: 4200, shards: 82, downloaded: 90_000 };
    await feed.deps.writeStatus({
      ...INITIAL_FEED_STATUS,
      url: FEED_URL,
      state: 'ok',
      etag: '"g3"',
      lastResult: {
        notModified: false,
        entries: 3001,
        stored: 0,
        kept: 0,
        rejected: 0,
        rejectedSamples: [],
        ms: 5,
        index,
      },
    });
    const status = await syncFeed(feed.deps);
    expect(status.lastResult).toMatchObject({
      notModified: true,
      index: { kind: 'unchanged', generation: 3, coverages: 3001, shards: 82, downloaded: 0 },
    });
  });

  it.each([
    ['https://feeds.example.org/lens.json', true, 'https://feeds.example.org/*'],
    ['  https://Feeds.Example.org:8443/a?b=1#frag ', true, 'https://feeds.example.org/*'],
    ['http://127.0.0.1:4321/feed.json', true, 'http://127.0.0.1/*'],
    ['http://localhost:8080/feed.json', true, 'http://localhost/*'],
    ['http://feeds.example.org/lens.json', false, 'https://'],
    ['ftp://feeds.example.org/lens.json', false, 'https://'],
    ['feeds.example.org/lens.json', false, 'not a web address'],
    ['https://user:secret@feeds.example.org/', false, 'password'],
    ['', false, 'Enter'],
  ])('%s → %s', (input, valid, detail) => {
    const result = checkFeedUrl(input);
    expect(result.ok).toBe(valid);
    if (result.ok) expect(result.permission).toBe(detail);
    else expect(result.error).toContain(detail);
  });
});

describe('syncFeed', () => {
  it('stores valid entries, reports bad ones with their reason, and keeps the validators for next time', async () => {
    const document = feedDocument([{ id: 'not-an-id', headline: 'x' }, { nothing: true }]);
    const feed = harness(() => json(document, { etag: '"v1"', 'last-modified': 'Tue, 24 Nov 2026 09:00:00 GMT' }));
    const status = await syncFeed(feed.deps);
    expect(status).toMatchObject({ state: 'ok', failures: 0, lastError: null, etag: '"v1"', url: FEED_URL });
    expect(status.lastResult).toMatchObject({ entries: 6, stored: 4, kept: 0, rejected: 2 });
    expect(status.lastResult?.rejectedSamples[0]).toMatchObject({ index: 4, id: 'not-an-id' });
    expect(status.lastResult?.rejectedSamples[0]?.reason).toMatch(/ULID/);
    expect(status.nextAttempt).toBe(new Date(NOW.getTime() + 60 * 60_000).toISOString());
    expect(feed.scheduled.at(-1)?.toISOString()).toBe(status.nextAttempt);
    expect(feed.requests[0]?.headers.get('if-none-match')).toBeNull();
    // The synced coverage is found by its address at once; its entity links follow.
    const page = { url: 'https://feed-only.example/story-2/', canonicalUrl: null, title: null };
    const found = await findCoverage(page, coverageLookup(db));
    expect(found?.coverage.origin).toBe('feed');
    expect(await pendingEntityCount(db)).toBe(4);
    expect(await indexPendingEntities(db, { chunk: 3 })).toBe(4);
    expect(await pendingEntityCount(db)).toBe(0);
    const kestrel = await coveragesMentioning(db, 'kestrel labs', { limit: 50 });
    expect(kestrel.map((coverage) => coverage.origin).sort()).toEqual(['demo', 'demo', 'demo', 'feed', 'feed', 'feed']);
  });

  it('sends the validators back and treats 304 as success without touching the data', async () => {
    let calls = 0;
    const feed = harness((request) => {
      calls++;
      if (request.headers.get('if-none-match') === '"v1"') return new Response(null, { status: 304 });
      return json(feedDocument(), { etag: '"v1"' });
    });
    await syncFeed(feed.deps);
    const count = await db.coverages.count();
    const status = await syncFeed(feed.deps);
    expect(calls).toBe(2);
    expect(status).toMatchObject({ state: 'ok', lastResult: { notModified: true, stored: 0 } });
    expect(await db.coverages.count()).toBe(count);
  });

  it.each([
    [
      'a server error',
      () => new Response('oops', { status: 500, statusText: 'Internal Server Error' }),
      /server failed \(500/,
    ],
    ['a missing feed', () => new Response('no', { status: 404 }), /404/],
    ['bad JSON', () => new Response('{"format": "modelwire-lens-feed", "items": [', { status: 200 }), /not valid JSON/],
    ['a foreign document', () => json({ hello: 'world' }), /Not a Modelwire Lens feed/],
    ['a newer format version', () => json({ ...feedDocument(), version: 2 }), /version/],
    ['a network failure', () => Promise.reject(new TypeError('Failed to fetch')), /could not be reached/],
  ])('keeps everything stored and backs off on %s', async (_, answer, message) => {
    const good = harness(() => json(feedDocument(), { etag: '"v1"' }));
    await syncFeed(good.deps);
    const before = await db.coverages.toArray();
    const failing = harness(answer);
    // The same feed's status carries over: validators and failure count.
    await failing.deps.writeStatus(good.status());
    const first = await syncFeed(failing.deps);
    expect(first.state).toBe('error');
    expect(first.lastError).toMatch(message);
    expect(first.failures).toBe(1);
    expect(first.nextAttempt).toBe(new Date(NOW.getTime() + 60_000).toISOString());
    const second = await syncFeed(failing.deps);
    expect(second.failures).toBe(2);
    expect(second.nextAttempt).toBe(new Date(NOW.getTime() + 2 * 60_000).toISOString());
    // The last good sync's validators and result stay, so the options page still says what is stored.
    expect(second.etag).toBe('"v1"');
    expect(second.lastSuccess).toBe(good.status().lastSuccess);
    expect(await db.coverages.toArray()).toEqual(before);
  });

  it('refuses a body past the size limit while it streams', async () => {
    let sent = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 64 * 1024;
        controller.enqueue(new Uint8Array(64 * 1024).fill(32));
      },
    });
    const feed = harness(() => new Response(endless, { status: 200 }));
    const status = await syncFeed({ ...feed.deps, maxBytes: 1024 * 1024 });
    expect(status.lastError).toMatch(/larger than 1 MB/);
    expect(sent).toBeLessThan(2 * 1024 * 1024);
  });

  it('gives up on a feed that does not answer in time', async () => {
    const feed = harness(
      (request) =>
        new Promise<Response>((_, reject) => {
          request.signal.addEventListener('abort', () => reject(request.signal.reason));
        }),
      { timeoutSeconds: 1 },
    );
    const status = await syncFeed(feed.deps);
    expect(status.lastError).toBe('The feed did not answer within 1 s.');
  });

  it('forgets another address’s validators and failures when the address changes', async () => {
    const feed = harness((request) => {
      expect(request.headers.get('if-none-match')).toBeNull();
      return json(feedDocument());
    });
    await feed.deps.writeStatus({
      ...INITIAL_FEED_STATUS,
      url: 'https://old.example/feed',
      etag: '"old"',
      failures: 5,
    });
    const status = await syncFeed(feed.deps);
    expect(status).toMatchObject({ url: FEED_URL, failures: 0, state: 'ok' });
  });

  it('clears the status and the alarm when no feed is set', async () => {
    const feed = harness(() => json(feedDocument()), { url: null });
    expect(await syncFeed(feed.deps)).toEqual(INITIAL_FEED_STATUS);
    expect(feed.scheduled).toEqual([null]);
    expect(feed.requests).toHaveLength(0);
  });

  it('backs off 1, 2, 4 … minutes, never past the interval', () => {
    expect([0, 1, 2, 3, 7, 12].map((failures) => backoffMinutes(failures, 60))).toEqual([60, 1, 2, 4, 60, 60]);
  });
});

describe('storeFeedEntries', () => {
  it('stores whole chunks only: a quota error leaves the earlier chunks and none of the failed one', async () => {
    const parsed = parseFeed(feedDocument());
    if (!parsed.ok) throw new Error(parsed.error);
    const put = db.coverages.bulkPut.bind(db.coverages);
    let calls = 0;
    vi.spyOn(db.coverages, 'bulkPut').mockImplementation(((...args: Parameters<typeof put>) => {
      calls++;
      if (calls === 2) return Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
      return put(...args);
    }) as typeof put);
    const outcome = await storeFeedEntries(db, parsed.items, NOW, 2);
    expect(outcome.stored).toBe(2);
    expect(outcome.error).toMatch(/quota exceeded/);
    expect(outcome.error).toMatch(/2 of 4 entries were stored/);
    const ids = new Set((await db.coverages.toArray()).map((coverage) => coverage.id));
    expect(parsed.items.map((item) => ids.has(item.id))).toEqual([true, true, false, false]);
    // The queue holds exactly the stored chunk: no links are owed for entries that were not written.
    expect(await pendingEntityCount(db)).toBe(2);
  });
});

describe('deferred entity links', () => {
  it('replace a rewritten coverage’s old links and keep counts exact, whichever write comes first', async () => {
    const parsed = parseFeed(demoFeed);
    if (!parsed.ok) throw new Error(parsed.error);
    const [first] = parsed.items;
    if (!first) throw new Error('no demo item');
    const countOf = async (key: string) => (await db.entities.get(key))?.coverageCount ?? 0;
    expect(await countOf('harbor health network')).toBe(1);
    // The feed rewrites a demo coverage with other mentions; its links are queued, not yet written.
    await storeFeedEntries(db, [{ ...first, mentions: ['Kestrel Labs', 'Quayside Robotics'] }], NOW);
    // A capture of the same coverage arrives before the queue drains and is indexed at once.
    const { putCoverages } = await import('../../../lib/db/coverage');
    await putCoverages(db, [{ ...first, mentions: ['Quayside Robotics', 'Lakeside Ledger'] }], 'capture', NOW);
    expect(await pendingEntityCount(db)).toBe(0);
    await indexPendingEntities(db);
    expect(await countOf('harbor health network')).toBe(0);
    expect(await countOf('quayside robotics')).toBe(1);
    expect(await countOf('lakeside ledger')).toBe(1);
    expect(await countOf('kestrel labs')).toBe(2);
    expect(await db.entities.get('harbor health network')).toBeUndefined();
  });
});

describe('a sync whose worker is stopped half-way', () => {
  it('re-arms its alarm before it says "syncing", to a time just after its own time-out', async () => {
    const order: string[] = [];
    const feed = harness(() => new Promise<Response>(() => {}));
    const schedule = feed.deps.schedule;
    const writeStatus = feed.deps.writeStatus;
    feed.deps.schedule = async (at) => {
      order.push(`schedule ${at?.toISOString()}`);
      await schedule(at);
    };
    feed.deps.writeStatus = async (status) => {
      order.push(`status ${status.state}`);
      await writeStatus(status);
      // The worker is stopped right after "syncing" is written: nothing else of this sync ever runs.
      if (status.state === 'syncing') throw new Error('worker stopped');
    };
    await expect(syncFeed(feed.deps)).rejects.toThrow('worker stopped');
    const retry = new Date(NOW.getTime() + DEFAULT_FEED_SETTINGS.timeoutSeconds * 1000 + STALE_SYNC_MARGIN_MS);
    expect(order).toEqual([`schedule ${retry.toISOString()}`, 'status syncing']);
  });

  it('is mended when the next worker starts, even with an older alarm still set: "interrupted", retried in seconds', async () => {
    fakeBrowser.reset();
    await writeFeedSettings({ ...DEFAULT_FEED_SETTINGS, url: FEED_URL });
    await writeFeedStatus({ ...INITIAL_FEED_STATUS, url: FEED_URL, state: 'syncing', lastAttempt: NOW.toISOString() });
    await fakeBrowser.alarms.create(FEED_ALARM, { when: NOW.getTime() + 60 * 60_000 });
    const sync = createFeedSync(db, () => NOW);
    await sync.resume();
    const status = await readFeedStatus();
    expect(status.state).toBe('error');
    expect(status.lastError).toMatch(/interrupted/);
    const alarm = await fakeBrowser.alarms.get(FEED_ALARM);
    expect(alarm?.scheduledTime).toBeLessThan(Date.now() + 60_000);
    // A status that is not "syncing" is left alone, and so is its alarm.
    await writeFeedStatus({ ...status, state: 'ok', lastError: null });
    await fakeBrowser.alarms.create(FEED_ALARM, { when: Date.now() + 60 * 60_000 });
    await sync.resume();
    expect((await readFeedStatus()).state).toBe('ok');
    expect((await fakeBrowser.alarms.get(FEED_ALARM))?.scheduledTime).toBeGreaterThan(Date.now() + 30 * 60_000);
  });
});
