// The feed's place in the background: the alarm that starts each sync, one sync at a time, and the entity links built
// after a sync stored new coverage. Wired up by entrypoints/background.ts.
import { browser } from 'wxt/browser';
import { indexPendingEntities } from '../db/entities';
import type { LensDatabase } from '../db/schema';
import { exclusively, syncFeed } from './sync';
import { readFeedSettings, readFeedStatus, writeFeedStatus, type FeedStatus } from './settings';

export const FEED_ALARM = 'modelwire-lens-feed-sync';
const SYNC_LOCK = 'modelwire-lens-feed-sync';
const INDEX_LOCK = 'modelwire-lens-entity-index';
/** How soon an interrupted sync runs again. */
const RETRY_AFTER_INTERRUPTION_MS = 5_000;

async function schedule(at: Date | null): Promise<void> {
  await browser.alarms.clear(FEED_ALARM);
  if (at !== null) await browser.alarms.create(FEED_ALARM, { when: Math.max(at.getTime(), Date.now() + 1000) });
}

/** Builds queued entity links in small transactions; a second caller finds the work already in hand. */
export async function drainEntityIndex(db: LensDatabase): Promise<void> {
  await exclusively(INDEX_LOCK, () => indexPendingEntities(db));
}

export function createFeedSync(db: LensDatabase, now: () => Date) {
  const runSync = async (): Promise<FeedStatus> => {
    const status = await exclusively(SYNC_LOCK, () =>
      syncFeed({
        db,
        now,
        readSettings: readFeedSettings,
        readStatus: readFeedStatus,
        writeStatus: writeFeedStatus,
        schedule,
      }),
    );
    // Another sync was running: its status is the answer; the caller sees it change when that sync ends.
    if (status === null) return readFeedStatus();
    if (status.lastResult !== null && status.lastResult.stored > 0) void drainEntityIndex(db);
    return status;
  };

  /**
   * On every worker start: finish queued links, make sure a configured feed has its alarm, and mend a "syncing" status
   * that a stopped worker left behind (no sync holds the lock, so none is running): the reader sees that the sync was
   * interrupted and when it runs again, and it runs again within a few seconds.
   */
  const resume = async (): Promise<void> => {
    void drainEntityIndex(db);
    const settings = await readFeedSettings();
    if (settings.url === null) return;
    const mended = await exclusively(SYNC_LOCK, async () => {
      const status = await readFeedStatus();
      if (status.state !== 'syncing') return false;
      const retry = new Date(now().getTime() + RETRY_AFTER_INTERRUPTION_MS);
      await writeFeedStatus({
        ...status,
        state: 'error',
        lastError: 'The last sync was interrupted when the browser stopped Lens’s background worker.',
        nextAttempt: retry.toISOString(),
      });
      await schedule(retry);
      return true;
    });
    if (mended === true) return;
    const alarm = await browser.alarms.get(FEED_ALARM);
    if (alarm === undefined) {
      const status = await readFeedStatus();
      const due = status.nextAttempt !== null ? new Date(status.nextAttempt) : now();
      await schedule(due);
    }
  };

  return { runSync, resume };
}
