// Bundled and evaluated inside an extension page of the built extension (its origin, its IndexedDB, its network
// stack): syncs a bench database from the index `bench:index` built and serves on loopback, then times lookups of
// uncovered and covered pages as the background makes them, counting requests.
import { LensDatabase } from '../../lib/db/schema';
import { coverageLookup } from '../../lib/db/match-lookup';
import { IndexLookup } from '../../lib/index/lookup';
import { syncIndex } from '../../lib/index/sync';
import { findCoverage, pageKeys, readPage } from '../../lib/match/decide';
import { quantiles } from './quantiles';

interface Input {
  manifestUrl: string;
  uncovered: string[];
  covered: Array<{ url: string; id: string }>;
}

async function run(input: Input) {
  await new LensDatabase('lens-index-bench').delete();
  const db = new LensDatabase('lens-index-bench');
  await db.open();
  let requests = 0;
  let bytes = 0;
  const counting: typeof fetch = async (resource, init) => {
    requests++;
    const response = await fetch(resource, init);
    bytes += Number(response.headers.get('content-length') ?? 0);
    return response;
  };
  let started = performance.now();
  const manifest = await (await fetch(input.manifestUrl, { cache: 'no-store' })).json();
  const synced = await syncIndex(input.manifestUrl, manifest, {
    db,
    now: new Date(),
    timeoutMs: 60_000,
    fetch: counting,
  });
  if (!synced.ok) throw new Error(synced.error);
  const syncMs = performance.now() - started;
  const syncBytes = bytes;
  const lookup = new IndexLookup(db, { fetch: counting });
  const decide = (url: string) =>
    findCoverage({ url, canonicalUrl: null, title: null, isArticle: true }, coverageLookup(db, lookup));
  // The first lookup loads the index from IndexedDB into memory, as a woken background worker does once.
  started = performance.now();
  await decide(input.uncovered[0] as string);
  const coldMs = performance.now() - started;

  requests = 0;
  const uncoveredMs: number[] = [];
  const ensureMs: number[] = [];
  for (const url of input.uncovered) {
    const t = performance.now();
    await decide(url);
    uncoveredMs.push(performance.now() - t);
  }
  const uncoveredRequests = requests;
  // The index's own part: hashing the page's keys and testing them (a second pass; the first settled any hit).
  for (const url of input.uncovered) {
    const keys = pageKeys(readPage({ url, canonicalUrl: null, title: null }));
    const t = performance.now();
    await lookup.ensure(keys);
    ensureMs.push(performance.now() - t);
  }

  requests = 0;
  const firstMs: number[] = [];
  let found = 0;
  for (const page of input.covered) {
    const t = performance.now();
    const result = await decide(page.url);
    firstMs.push(performance.now() - t);
    if (result?.coverage.id === page.id && result.verdict.kind === 'confirmed') found++;
  }
  const firstRequests = requests;
  requests = 0;
  const secondMs: number[] = [];
  for (const page of input.covered) {
    const t = performance.now();
    await decide(page.url);
    secondMs.push(performance.now() - t);
  }
  const secondRequests = requests;
  const localMs: number[] = [];
  for (const page of input.covered) {
    const t = performance.now();
    await findCoverage({ url: page.url, canonicalUrl: null, title: null, isArticle: true }, coverageLookup(db));
    localMs.push(performance.now() - t);
  }
  console.log(`a covered page's decision with the index left out: ${JSON.stringify(quantiles(localMs))}`);
  db.close();
  await db.delete();
  return {
    syncMs,
    syncBytes,
    coldMs,
    uncovered: {
      count: input.uncovered.length,
      ms: quantiles(uncoveredMs),
      filterOnlyMs: quantiles(ensureMs),
      requests: uncoveredRequests,
    },
    coveredFirst: { count: input.covered.length, found, ms: quantiles(firstMs), requests: firstRequests },
    coveredSecond: { ms: quantiles(secondMs), requests: secondRequests },
  };
}

(globalThis as unknown as { lensIndexBench: typeof run }).lensIndexBench = run;
