// @vitest-environment node
// The extension's side of the coverage index, against an in-memory index server (a fake fetch over built files):
// sync of the base and of deltas, lookups that cost nothing on a miss and one request on a first hit, and every kind of
// bad file refused with the previous index kept.
import { must } from '../fixtures';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { buildIndex, manifestOf, toIndexRecord, type BuildResult } from '../../../lib/index/build';
import { IndexLookup } from '../../../lib/index/lookup';
import { syncIndex } from '../../../lib/index/sync';
import { coverageLookup } from '../../../lib/db/match-lookup';
import { LensDatabase } from '../../../lib/db/schema';
import { findCoverage } from '../../../lib/match/decide';
import { syntheticCoverage } from '../../bench/synthetic-coverage';

const BASE = 'https://index.example.org/lens/';
const MANIFEST = `${BASE}index.json`;
const NOW = new Date('2026-11-29T12:00:00Z');
let db: LensDatabase;
let counter = 0;
let base: BuildResult;
let next: BuildResult;
let files: Map<string, Uint8Array>;
let requests: string[];
let answer: (path: string, signal: AbortSignal | null) => Response | Promise<Response> | null;

const records = (from: number, to: number, revision = 0) =>
  Array.from({ length: to - from }, (_, i) => toIndexRecord(syntheticCoverage(from + i, revision)));

const fakeFetch: typeof fetch = async (input, init) => {
  const url = String(input instanceof Request ? input.url : input);
  const path = url.slice(BASE.length);
  requests.push(path);
  expect(init?.credentials).toBe('omit');
  expect(init?.referrerPolicy).toBe('no-referrer');
  const special = answer(path, init?.signal ?? null);
  if (special !== null) return special;
  const bytes = files.get(path);
  return bytes ? new Response(bytes as Uint8Array<ArrayBuffer>) : new Response('missing', { status: 404 });
};

const page = (i: number, revision = 0) => ({
  url: must(syntheticCoverage(i, revision).source.url),
  canonicalUrl: null,
  title: null,
});

beforeAll(async () => {
  base = await buildIndex(records(0, 1500), null, { generatedAt: NOW });
  next = await buildIndex([...records(0, 1500).slice(3), ...records(0, 3, 1), ...records(1500, 1505)], base.next, {
    generatedAt: new Date('2026-11-30T00:00:00Z'),
  });
  expect(next.kind).toBe('delta');
}, 60_000);

beforeEach(async () => {
  db = new LensDatabase(`index-test-${counter++}`);
  await db.open();
  files = new Map([...base.files, ...next.files]);
  requests = [];
  answer = () => null;
});
afterEach(async () => {
  db.close();
  await db.delete();
});

/** The base manifest as a newer base generation: a reader at generation 1 must fetch its files again. */
const newBase = (manifest = manifestOf(base)) => ({
  ...manifest,
  generation: 5,
  base: { ...manifest.base, generation: 5 },
});

const sync = (manifest: unknown) =>
  syncIndex(MANIFEST, JSON.parse(JSON.stringify(manifest)), { db, now: NOW, timeoutMs: 2000, fetch: fakeFetch });

async function lookUp(lookup: IndexLookup, i: number, revision = 0) {
  return findCoverage(page(i, revision), coverageLookup(db, lookup));
}

describe('coverage index in the extension', () => {
  it('syncs the base (filter and table only), finds a covered page with one request, then with none', async () => {
    const outcome = await sync(base.manifest);
    expect(outcome).toMatchObject({ ok: true, result: { kind: 'base', generation: 1 } });
    expect(requests.sort()).toEqual([manifestOf(base).base.filter.path, manifestOf(base).base.table.path].sort());
    requests = [];
    const lookup = new IndexLookup(db, { fetch: fakeFetch, now: () => NOW });
    const found = await lookUp(lookup, 42);
    expect(found?.coverage.id).toBe(syntheticCoverage(42).id);
    expect(found?.verdict.kind).toBe('confirmed');
    expect(found?.coverage.origin).toBe('index');
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatch(/^shards\/[0-9a-f]{32}\.json\.gz$/);
    await lookUp(lookup, 42);
    expect(requests).toHaveLength(1);
    // Only the confirmed coverage is stored, not the shard's other fifty.
    expect(await db.coverages.count()).toBe(1);
    // The reader clears the cache: the shard (kept in IndexedDB) gives the coverage back without a request.
    await db.coverages.clear();
    expect((await lookUp(lookup, 42))?.coverage.id).toBe(syntheticCoverage(42).id);
    expect(requests).toHaveLength(1);
  });

  it('costs no request for pages the index does not hold (checked over many addresses)', async () => {
    await sync(base.manifest);
    requests = [];
    const lookup = new IndexLookup(db, { fetch: fakeFetch, now: () => NOW });
    let hits = 0;
    for (let i = 5000; i < 5400; i++) {
      const result = await lookup.ensure([`site:uncovered-${i}.example/story`]);
      hits += result.requests;
      expect(result.confirmed).toBe(0);
    }
    // A false positive costs a shard request and confirms nothing: about 1 in 256 keys.
    expect(hits).toBeLessThan(8);
  });

  it('a later sync fetches only the delta, and the edited and new coverages are found', async () => {
    await sync(base.manifest);
    requests = [];
    const outcome = await sync(next.manifest);
    expect(outcome).toMatchObject({ ok: true, result: { kind: 'delta', generation: 2 } });
    expect(requests).toEqual([must(manifestOf(next).deltas[0]).path]);
    const lookup = new IndexLookup(db, { fetch: fakeFetch, now: () => NOW });
    expect((await lookUp(lookup, 1502))?.coverage.id).toBe(syntheticCoverage(1502).id);
    expect((await lookUp(lookup, 1, 1))?.coverage.summary).toBe(syntheticCoverage(1, 1).summary);
    // Same manifest again: nothing to fetch.
    requests = [];
    expect(await sync(next.manifest)).toMatchObject({ ok: true, result: { kind: 'unchanged' } });
    expect(requests).toEqual([]);
  });

  const faults: Array<[string, () => unknown, string]> = [
    [
      'a filter that answers 500',
      () => {
        answer = (path) => (path.startsWith('filter') ? new Response('x', { status: 500 }) : null);
        return newBase();
      },
      'answered 500',
    ],
    [
      'a truncated table',
      () => {
        answer = (path) =>
          path.startsWith('table') ? new Response(must(files.get(path)).slice(0, 10) as Uint8Array<ArrayBuffer>) : null;
        return newBase();
      },
      'cut short',
    ],
    [
      'a manifest whose hash disagrees with its filter',
      () => {
        const m = newBase();
        return { ...m, base: { ...m.base, filter: { ...m.base.filter, sha256: 'a'.repeat(64) } } };
      },
      'does not match its hash',
    ],
    [
      'a file larger than the manifest says',
      () => {
        answer = (path) =>
          path.startsWith('filter') ? new Response(new Uint8Array(manifestOf(base).base.filter.bytes + 5000)) : null;
        return newBase();
      },
      'larger than the index says',
    ],
    [
      'a hostile manifest (__proto__, a path out of the folder, a huge size)',
      () =>
        JSON.parse(
          `{"format":"modelwire-lens-index","version":1,"__proto__":{"polluted":true},"generation":2,"generatedAt":"2026-11-29T00:00:00Z","base":{"generation":2,"filter":{"path":"../secrets","bytes":99999999999,"sha256":"${'0'.repeat(64)}"},"table":{"path":"t.bin","bytes":1,"sha256":"${'0'.repeat(64)}"}},"deltas":[],"counts":{"coverages":1,"keys":1,"shards":1},"params":{"hash":"sha-256","filter":"binary-fuse-8","minKeysPerShard":50}}`,
        ),
      'Not a Modelwire Lens index manifest',
    ],
    [
      'deltas that do not follow each other',
      () => ({ ...manifestOf(next), deltas: [{ ...must(manifestOf(next).deltas[0]), from: 7, to: 8 }] }),
      'do not follow',
    ],
    [
      'a filter that never arrives',
      () => {
        answer = (path, signal) =>
          path.startsWith('filter')
            ? new Promise<Response>((_, reject) => signal?.addEventListener('abort', () => reject(signal.reason)))
            : null;
        return newBase();
      },
      'did not arrive',
    ],
  ];
  for (const [what, make, message] of faults) {
    it(`refuses ${what} and keeps the index in use`, { timeout: 20_000 }, async () => {
      await sync(base.manifest);
      const before = await db.indexState.get('current');
      const manifest = make();
      const outcome = await sync(manifest);
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) {
        expect(outcome.error).toContain(message);
        expect(outcome.error).toContain('The index in use was kept');
      }
      expect(await db.indexState.get('current')).toEqual(before);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      answer = () => null;
      const lookup = new IndexLookup(db, { fetch: fakeFetch, now: () => NOW });
      expect((await lookUp(lookup, 7))?.coverage.id).toBe(syntheticCoverage(7).id);
    });
  }

  it('a first sync that fails leaves no index at all, and lookups work without one', async () => {
    answer = () => new Response('x', { status: 500 });
    expect((await sync(base.manifest)).ok).toBe(false);
    expect(await db.indexState.count()).toBe(0);
    const lookup = new IndexLookup(db, { fetch: fakeFetch, now: () => NOW });
    expect(await lookUp(lookup, 42)).toBeNull();
  });

  for (const [what, body, message] of [
    ['a shard that is a gzip bomb', () => gzipSync(Buffer.alloc(20 * 1024 * 1024, 32)), 'does not unpack'],
    ['a shard that is not JSON', () => gzipSync('{"format":'), 'not valid JSON'],
    [
      'a shard of the wrong shape',
      () => gzipSync(JSON.stringify({ format: 'x', version: 1, entries: [] })),
      'Not a Lens index shard',
    ],
  ] as const) {
    it(`refuses ${what} (its hash matching the table, as a lying index would make it) and stores nothing`, async () => {
      // The shard file for covered page 42 is replaced by `body`, and the table is made to name that body's hash.
      await sync(base.manifest);
      const lookup = new IndexLookup(db, { fetch: fakeFetch, now: () => NOW });
      const bytes = new Uint8Array(body());
      const hash = createHash('sha256').update(bytes).digest().subarray(0, 16);
      const state = must(await db.indexState.get('current'));
      const table = state.table.slice();
      const n = new DataView(table.buffer).getUint32(4, true);
      // Every shard names the bad file: whichever holds page 42 serves it.
      for (let i = 0; i < n; i++) table.set(hash, 8 + n * 4 + i * 16);
      await db.indexState.put({ ...state, table, syncedAt: '2026-11-29T13:00:00Z' });
      await db.meta.put({ key: 'index-version', value: `${MANIFEST} 2026-11-29T13:00:00Z` });
      files.set(`shards/${Buffer.from(hash).toString('hex')}.json.gz`, bytes);
      const result = await lookup.ensure([
        `site:${new URL(page(42).url).hostname.replace(/^www\./, '')}x`,
        ...(await keysOf(42)),
      ]);
      expect(result.error).toContain(message);
      expect(result.confirmed).toBe(0);
      expect(await db.indexShards.count()).toBe(0);
      expect(await db.coverages.count()).toBe(0);
    });
  }
});

async function keysOf(i: number): Promise<string[]> {
  return toIndexRecord(syntheticCoverage(i)).keys;
}
