// One sync of the configured feed: conditional request, validation entry by entry, storage in chunked transactions,
// status and the next attempt. A failed sync changes nothing that was stored before it.
import { putCoverages } from '../db/coverage';
import { describeStorageError } from '../db/errors';
import type { LensDatabase } from '../db/schema';
import { parseFeed } from '../modelwire/feed';
import { looksLikeIndexManifest } from '../index/format';
import { forgetIndex, syncIndex } from '../index/sync';
import type { CoverageContent } from '../modelwire/coverage';
import { fetchFeed } from './fetch';
import { backoffMinutes, INITIAL_FEED_STATUS, type FeedSettings, type FeedStatus } from './settings';

export interface SyncDeps {
  db: LensDatabase;
  now(): Date;
  readSettings(): Promise<FeedSettings>;
  readStatus(): Promise<FeedStatus>;
  writeStatus(status: FeedStatus): Promise<void>;
  /** Sets (or, with null, clears) the alarm for the next sync. */
  schedule(at: Date | null): Promise<void>;
  fetch?: typeof fetch;
  maxBytes?: number;
}

/** Entries per transaction: small enough that other readers (the popup, a page lookup) get a turn between them. */
export const STORE_CHUNK = 500;
const REJECTED_SAMPLES = 20;

export interface StoreOutcome {
  stored: number;
  kept: number;
  /** Set when a chunk failed: the chunks before it are stored whole, the failed one not at all. */
  error: string | null;
}

/** Stores valid feed entries, `STORE_CHUNK` per transaction, queueing their entity links for later. */
export async function storeFeedEntries(
  db: LensDatabase,
  items: ReadonlyArray<CoverageContent>,
  now: Date,
  chunk = STORE_CHUNK,
): Promise<StoreOutcome> {
  let stored = 0;
  let kept = 0;
  for (let from = 0; from < items.length; from += chunk) {
    try {
      const result = await putCoverages(db, items.slice(from, from + chunk), 'feed', now, { entityIndex: 'deferred' });
      stored += result.written;
      kept += result.kept;
    } catch (error) {
      const done = `${stored + kept} of ${items.length} entries were stored before this`;
      return {
        stored,
        kept,
        error: `${describeStorageError(error)} (${done}; the rest will be tried at the next sync.)`,
      };
    }
  }
  return { stored, kept, error: null };
}

/** How long after a sync's time-out its "syncing" status counts as left behind by a stopped worker. */
export const STALE_SYNC_MARGIN_MS = 30_000;

function nextAttempt(now: Date, minutes: number): Date {
  return new Date(now.getTime() + minutes * 60_000);
}

/** Syncs the configured feed once and returns the new status (also written through `writeStatus`). */
export async function syncFeed(deps: SyncDeps): Promise<FeedStatus> {
  const settings = await deps.readSettings();
  if (settings.url === null) {
    await forgetIndex(deps.db);
    await deps.schedule(null);
    await deps.writeStatus(INITIAL_FEED_STATUS);
    return INITIAL_FEED_STATUS;
  }
  const previous = await deps.readStatus();
  // Another address: its validators and failure count mean nothing for this one.
  const base: FeedStatus = previous.url === settings.url ? previous : { ...INITIAL_FEED_STATUS, url: settings.url };
  const started = deps.now();
  const startedMs = Date.now();
  // The alarm is re-armed before "syncing" is written: if the browser stops the worker mid-sync, that alarm starts
  // a new worker soon after, whose sync (or `resume`) replaces the stale status. It never outlives its worker long.
  await deps.schedule(new Date(started.getTime() + settings.timeoutSeconds * 1000 + STALE_SYNC_MARGIN_MS));
  await deps.writeStatus({ ...base, state: 'syncing', lastAttempt: started.toISOString() });

  const fail = async (error: string, kept: Partial<FeedStatus> = {}): Promise<FeedStatus> => {
    const failures = base.failures + 1;
    const next = nextAttempt(deps.now(), backoffMinutes(failures, settings.intervalMinutes));
    const status: FeedStatus = {
      ...base,
      ...kept,
      state: 'error',
      lastAttempt: started.toISOString(),
      lastError: error,
      failures,
      nextAttempt: next.toISOString(),
    };
    await deps.writeStatus(status);
    await deps.schedule(next);
    return status;
  };
  const succeed = async (result: FeedStatus['lastResult'], validators: Partial<FeedStatus>): Promise<FeedStatus> => {
    const next = nextAttempt(deps.now(), settings.intervalMinutes);
    const status: FeedStatus = {
      ...base,
      ...validators,
      state: 'ok',
      lastAttempt: started.toISOString(),
      lastSuccess: deps.now().toISOString(),
      lastError: null,
      failures: 0,
      nextAttempt: next.toISOString(),
      lastResult: result,
    };
    await deps.writeStatus(status);
    await deps.schedule(next);
    return status;
  };

  const response = await fetchFeed(
    settings.url,
    { etag: base.etag, lastModified: base.lastModified },
    { timeoutMs: settings.timeoutSeconds * 1000, fetch: deps.fetch, maxBytes: deps.maxBytes },
  );
  if (response.kind === 'error') return fail(response.error);
  if (response.kind === 'not-modified') {
    // Nothing changed at the address: it still serves what it served (a coverage index stays an index, at the
    // generation held), which the options page shows as the mode.
    const index = base.lastResult?.index;
    return succeed(
      {
        notModified: true,
        entries: 0,
        stored: 0,
        kept: 0,
        rejected: 0,
        rejectedSamples: [],
        ms: Date.now() - startedMs,
        ...(index === undefined ? {} : { index: { ...index, kind: 'unchanged' as const, downloaded: 0 } }),
      },
      {},
    );
  }

  let document: unknown;
  try {
    document = JSON.parse(response.text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return fail(`The feed is not valid JSON (${detail.slice(0, 200)}). Nothing was changed.`);
  }
  // The same address may serve a coverage index: only its manifest and filter come down now, shards on demand.
  if (looksLikeIndexManifest(document)) {
    const outcome = await syncIndex(settings.url, document, {
      db: deps.db,
      now: started,
      timeoutMs: settings.timeoutSeconds * 1000,
      fetch: deps.fetch,
    });
    if (!outcome.ok) return fail(outcome.error);
    const { result } = outcome;
    return succeed(
      {
        notModified: false,
        entries: result.coverages,
        stored: 0,
        kept: 0,
        rejected: 0,
        rejectedSamples: [],
        ms: Date.now() - startedMs,
        index: result,
      },
      response.validators,
    );
  }
  const feed = parseFeed(document);
  if (!feed.ok) return fail(`${feed.error}. Nothing was changed.`);

  const outcome = await storeFeedEntries(deps.db, feed.items, started);
  const result = {
    notModified: false,
    entries: feed.items.length + feed.rejected.length,
    stored: outcome.stored,
    kept: outcome.kept,
    rejected: feed.rejected.length,
    rejectedSamples: feed.rejected.slice(0, REJECTED_SAMPLES),
    ms: Date.now() - startedMs,
  };
  // A sync that stopped part way keeps no validators, so the next one reads the whole feed again.
  if (outcome.error !== null) return fail(outcome.error, { lastResult: result, etag: null, lastModified: null });
  // This address serves a whole feed now: an index followed before has no more say.
  await forgetIndex(deps.db);
  return succeed(result, response.validators);
}

/** Runs `task` unless another context holds the same lock (two syncs never overlap, even across extension pages). */
export async function exclusively<T>(name: string, task: () => Promise<T>): Promise<T | null> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (locks === undefined) {
    if (running.has(name)) return null;
    running.add(name);
    try {
      return await task();
    } finally {
      running.delete(name);
    }
  }
  return locks.request(name, { ifAvailable: true }, async (lock) => (lock === null ? null : task()));
}
const running = new Set<string>();
