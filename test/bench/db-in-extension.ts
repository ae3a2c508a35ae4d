// Bundled and evaluated inside an extension page of the built extension (its own origin, its own IndexedDB):
// fills a separate database with 100,000 coverages and 1,000,000 mentions, then times the queries the UI makes.
import Dexie from 'dexie';
import { LensDatabase, type MentionRecord } from '../../lib/db/schema';
import { putCoverages } from '../../lib/db/coverage';
import { coverageLookup } from '../../lib/db/match-lookup';
import { findCoverage } from '../../lib/match/decide';
import { coveragesMentioning, indexPendingEntities } from '../../lib/db/entities';
import { storeFeedEntries } from '../../lib/feed/sync';
import type { CoverageContent } from '../../lib/modelwire/coverage';
import { toCoverageRecord } from '../../lib/db/coverage-record';
import { parseFeed } from '../../lib/modelwire/feed';
import { quantiles } from './quantiles';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
function ulid(index: number): string {
  let value = index;
  let text = '';
  for (let position = 0; position < 16; position++) {
    text = CROCKFORD[value % 32] + text;
    value = Math.floor(value / 32);
  }
  return `01KX${'0'.repeat(6)}${text}`;
}

/** What a publisher tab reports, as far as matching reads it. */
function page(url: string, title: string) {
  return { url, canonicalUrl: null, ogUrl: null, title, isArticle: true };
}

const ENTITIES = Array.from({ length: 2000 }, (_, index) => `Entity ${index}`);
const PUBLISHERS = Array.from({ length: 50 }, (_, index) => `publisher${index}.example`);

function content(index: number): CoverageContent {
  const publisher = PUBLISHERS[index % PUBLISHERS.length] as string;
  const day = new Date(Date.UTC(2024, 0, 1) + index * 600_000).toISOString();
  return {
    id: ulid(index),
    modelwireUrl: `https://themodelwire.com/article/story-${index}-${ulid(index)}`,
    headline: `Story number ${index} about ${ENTITIES[index % 97]}`,
    summary: `A summary of story ${index}, long enough to look like one, mentioning ${ENTITIES[index % 89]}.`,
    analystTake: [`An analyst take on story ${index}.`],
    drewOn: [],
    mentions: [
      ENTITIES[index % 2000],
      ENTITIES[(index * 7) % 2000],
      ENTITIES[(index * 13) % 2000],
      ENTITIES[(index * 31) % 2000],
    ] as string[],
    source: {
      url: `https://www.${publisher}/news/${2024 + (index % 3)}/story-${index}/`,
      domain: publisher,
      aliases: [],
    },
    takedownUrl: 'https://themodelwire.com/takedown',
    publishedAt: day,
  };
}

async function run(options: { coverages: number; mentions: number; log: (line: string) => void }) {
  const name = 'modelwire-lens-bench';
  await Dexie.delete(name);
  const db = new LensDatabase(name);
  const now = new Date('2026-11-24T00:00:00Z');
  let started = performance.now();
  // Bulk load in chunks of one transaction each, so no transaction grows without bound.
  for (let from = 0; from < options.coverages; from += 5000) {
    const records = Array.from({ length: Math.min(5000, options.coverages - from) }, (_, offset) =>
      toCoverageRecord(content(from + offset), 'feed', now),
    );
    await putCoverages(db, records, 'feed', now);
    if (from % 25_000 === 0) options.log(`coverages ${from}`);
  }
  const loadCoveragesMs = performance.now() - started;
  started = performance.now();
  for (let from = 0; from < options.mentions; from += 50_000) {
    const batch: MentionRecord[] = [];
    for (let index = from; index < Math.min(from + 50_000, options.mentions); index++) {
      const coverage = index % options.coverages;
      batch.push({
        entityKey: `entity ${(index * 7) % 2000}`,
        entity: `Entity ${(index * 7) % 2000}`,
        coverageId: ulid(coverage),
        articleKey: `publisher${coverage % 50}.example/news/story-${coverage}/${index}`,
        articleUrl: `https://publisher${coverage % 50}.example/news/story-${coverage}/`,
        firstSeen: now.toISOString(),
        lastSeen: now.toISOString(),
        timesSeen: 1,
      });
    }
    await db.mentions.bulkPut(batch);
    if (from % 250_000 === 0) options.log(`mentions ${from}`);
  }
  const loadMentionsMs = performance.now() - started;

  // The background's whole decision for a page (lib/match/decide.ts over the Dexie lookup), as a tab report runs it.
  const lookup = coverageLookup(db);
  const lookups: number[] = [];
  for (let run = 0; run < 300; run++) {
    const index = (run * 331) % options.coverages;
    const url = `https://${PUBLISHERS[index % PUBLISHERS.length]}/news/${2024 + (index % 3)}/story-${index}/?utm_source=x`;
    const t = performance.now();
    const found = await findCoverage(page(url, `Story number ${index}`), lookup);
    lookups.push(performance.now() - t);
    if (found?.coverage.id !== ulid(index)) throw new Error(`lookup ${index} found the wrong coverage`);
  }
  // An uncovered article on a covered publisher's site: no address matches, so the publisher's newest coverages
  // are read and compared (the slowest path a page report takes).
  const uncovered: number[] = [];
  for (let run = 0; run < 300; run++) {
    const publisher = PUBLISHERS[run % PUBLISHERS.length] as string;
    const url = `https://www.${publisher}/news/2026/council-weighs-new-budget-rules-${run}/`;
    const t = performance.now();
    const found = await findCoverage(page(url, 'Council weighs new budget rules'), lookup);
    uncovered.push(performance.now() - t);
    if (found !== null) throw new Error(`uncovered page ${run} matched ${found.coverage.id}`);
  }
  const latest: number[] = [];
  for (let run = 0; run < 200; run++) {
    const key = `entity ${(run * 17) % 2000}`;
    const t = performance.now();
    const page = await coveragesMentioning(db, key, { limit: 20 });
    latest.push(performance.now() - t);
    if (page.length === 0) throw new Error(`entity ${key}: no coverages`);
  }

  bench = { db, name, options, now };
  return {
    loadCoveragesMs: Math.round(loadCoveragesMs),
    loadMentionsMs: Math.round(loadMentionsMs),
    urlLookupMs: quantiles(lookups),
    uncoveredLookupMs: quantiles(uncovered),
    entityLatest20Ms: quantiles(latest),
  };
}

let bench: { db: LensDatabase; name: string; options: { coverages: number }; now: Date } | null = null;

/** A 10,000-entry feed document, validated and stored as a sync does, then its entity links built. */
async function importFeed() {
  if (bench === null) throw new Error('run lensDbBench first');
  const { db, name, options, now } = bench;
  const feed = {
    format: 'modelwire-lens-feed',
    version: 1,
    generatedAt: now.toISOString(),
    items: Array.from({ length: 10_000 }, (_, offset) => content(options.coverages + offset)),
  };
  const body = JSON.stringify(feed);
  let started = performance.now();
  const parsed = parseFeed(JSON.parse(body));
  if (!parsed.ok) throw new Error(parsed.error);
  const validateMs = performance.now() - started;
  const outcome = await storeFeedEntries(db, parsed.items, now);
  if (outcome.error !== null || outcome.stored !== 10_000) throw new Error(outcome.error ?? 'entries missing');
  const importMs = performance.now() - started;
  started = performance.now();
  const indexed = await indexPendingEntities(db);
  const linksMs = performance.now() - started;
  if (indexed !== 10_000) throw new Error(`indexed ${indexed}`);
  const newest = options.coverages + 9999;
  const last = await coveragesMentioning(db, `entity ${newest % ENTITIES.length}`, { limit: 1 });
  if (last[0]?.id !== ulid(newest)) throw new Error('the newest coverage lacks its links');

  const estimate = await navigator.storage.estimate();
  const counts = {
    coverages: await db.coverages.count(),
    mentions: await db.mentions.count(),
    entities: await db.entities.count(),
    entityCoverages: await db.entityCoverages.count(),
  };
  db.close();
  await Dexie.delete(name);
  return {
    counts,
    import10kFeedMs: Math.round(importMs),
    validate10kFeedMs: Math.round(validateMs),
    entityLinks10kMs: Math.round(linksMs),
    feedBytes: body.length,
    storageUsageBytes: estimate.usage ?? null,
  };
}

/**
 * Runs in a second page, as the popup would: looks up URLs every 20 ms while the first page imports, to show what a
 * sync costs a reader who opens the popup meanwhile.
 */
const reader = {
  samples: [] as number[],
  running: false,
  async start(coverages: number) {
    const db = new LensDatabase('modelwire-lens-bench');
    reader.running = true;
    reader.samples = [];
    let run = 0;
    while (reader.running) {
      const index = (run++ * 7919) % coverages;
      const url = `https://${PUBLISHERS[index % PUBLISHERS.length]}/news/${2024 + (index % 3)}/story-${index}/`;
      const t = performance.now();
      await findCoverage(page(url, `Story number ${index}`), coverageLookup(db));
      reader.samples.push(performance.now() - t);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    db.close();
  },
  stop() {
    reader.running = false;
    return quantiles(reader.samples);
  },
};

Object.assign(globalThis, { lensDbBench: run, lensDbImport: importFeed, lensDbReader: reader });
