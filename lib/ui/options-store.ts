// The options page's state and actions: the feed (address, schedule, status) and the reader's data (figures, export,
// import, clear). A vanilla zustand store over injected effects, so it is tested without React or a browser.
import { createStore } from 'zustand/vanilla';
import type { ImportOutcome, StoreFigures } from '../db/backup';

export type { StoreFigures };
import {
  checkFeedUrl,
  INITIAL_FEED_STATUS,
  type FeedSettings,
  type FeedStatus,
  DEFAULT_FEED_SETTINGS,
} from '../feed/settings';
import type { Result } from '../messaging/result';

export interface OptionsDeps {
  readSettings(): Promise<FeedSettings>;
  writeSettings(settings: FeedSettings): Promise<void>;
  readStatus(): Promise<FeedStatus>;
  watchStatus(onChange: (status: FeedStatus) => void): () => void;
  /** Must be called before any other await of a click handler: browsers grant permissions only in a user gesture. */
  requestOrigin(pattern: string): Promise<boolean>;
  releaseOrigin(pattern: string): Promise<void>;
  syncNow(): Promise<Result<FeedStatus>>;
  figures(): Promise<StoreFigures>;
  /** Bytes used and available to the extension's origin, when the browser says. */
  estimate(): Promise<{ usage: number; quota: number } | null>;
  exportText(): Promise<string>;
  importText(text: string): Promise<ImportOutcome>;
  clear(): Promise<void>;
  download(filename: string, text: string): void;
  now(): Date;
}

export type Busy = 'saving' | 'syncing' | 'exporting' | 'importing' | 'clearing' | null;

export interface Notice {
  kind: 'ok' | 'error';
  text: string;
}

export interface OptionsState {
  loaded: boolean;
  settings: FeedSettings;
  status: FeedStatus;
  figures: StoreFigures | null;
  usage: { usage: number; quota: number } | null;
  busy: Busy;
  notice: Notice | null;
  load(): () => void;
  saveFeed(input: { url: string; intervalMinutes: number; timeoutSeconds: number }): Promise<void>;
  removeFeed(): Promise<void>;
  syncNow(): Promise<void>;
  exportData(): Promise<void>;
  importData(file: { name: string; size: number; text(): Promise<string> }): Promise<void>;
  clearData(): Promise<void>;
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en')} ${count === 1 ? one : many}`;
}

/** One sentence about what a sync just did, for the notice after "Save" or "Sync now". */
export function describeSync(status: FeedStatus): Notice {
  if (status.state === 'error') return { kind: 'error', text: status.lastError ?? 'The sync failed.' };
  const result = status.lastResult;
  if (result === null) return { kind: 'ok', text: 'Synced.' };
  if (result.notModified) return { kind: 'ok', text: 'The feed has not changed since the last sync.' };
  const parts = [`Synced ${plural(result.stored, 'entry', 'entries')}`];
  if (result.kept > 0) parts.push(`${plural(result.kept, 'entry', 'entries')} kept from a live Modelwire page`);
  if (result.rejected > 0) parts.push(`${plural(result.rejected, 'entry', 'entries')} refused (see below)`);
  return { kind: 'ok', text: `${parts.join('; ')}.` };
}

export function createOptionsStore(deps: OptionsDeps) {
  const store = createStore<OptionsState>()((set, get) => {
    const refreshFigures = async () => {
      const [figures, usage] = await Promise.all([deps.figures(), deps.estimate()]);
      set({ figures, usage });
    };
    const withBusy = async (busy: Exclude<Busy, null>, task: () => Promise<Notice | null>) => {
      if (get().busy !== null) return;
      set({ busy, notice: null });
      let notice: Notice | null;
      try {
        notice = await task();
      } catch (error) {
        notice = { kind: 'error', text: error instanceof Error ? error.message : String(error) };
      }
      set({ busy: null, notice });
      await refreshFigures().catch(() => undefined);
    };
    const sync = async (): Promise<Notice> => {
      const reply = await deps.syncNow();
      if (!reply.ok) return { kind: 'error', text: `The sync could not start: ${reply.error.message}` };
      set({ status: reply.value });
      return describeSync(reply.value);
    };

    return {
      loaded: false,
      settings: DEFAULT_FEED_SETTINGS,
      status: INITIAL_FEED_STATUS,
      figures: null,
      usage: null,
      busy: null,
      notice: null,

      load() {
        void Promise.all([deps.readSettings(), deps.readStatus()]).then(([settings, status]) =>
          set({ settings, status, loaded: true }),
        );
        void refreshFigures();
        return deps.watchStatus((status) => {
          set({ status });
          if (status.state !== 'syncing') void refreshFigures();
        });
      },

      async saveFeed(input) {
        const checked = checkFeedUrl(input.url);
        if (!checked.ok) {
          set({ notice: { kind: 'error', text: checked.error } });
          return;
        }
        if (get().busy !== null) return;
        // The permission prompt first, while the click still counts as the user's gesture.
        const asking = deps.requestOrigin(checked.permission);
        await withBusy('saving', async () => {
          let granted: boolean;
          try {
            granted = await asking;
          } catch (error) {
            return { kind: 'error', text: `The browser would not ask for access: ${String(error)}` };
          }
          if (!granted) {
            return {
              kind: 'error',
              text: `Lens needs your permission to read ${checked.origin} to sync this feed. Nothing was changed.`,
            };
          }
          const previous = get().settings.url;
          const settings: FeedSettings = {
            url: checked.url,
            intervalMinutes: input.intervalMinutes,
            timeoutSeconds: input.timeoutSeconds,
          };
          await deps.writeSettings(settings);
          set({ settings });
          if (previous !== null && previous !== checked.url) await releaseUnused(previous, checked.permission);
          set({ busy: 'syncing' });
          return sync();
        });
      },

      async removeFeed() {
        await withBusy('saving', async () => {
          const previous = get().settings.url;
          const settings = { ...get().settings, url: null };
          await deps.writeSettings(settings);
          set({ settings });
          if (previous !== null) await releaseUnused(previous, null);
          await deps.syncNow();
          return { kind: 'ok', text: 'Feed removed. Coverage it brought stays until you clear Lens’s data.' };
        });
      },

      async syncNow() {
        await withBusy('syncing', sync);
      },

      async exportData() {
        await withBusy('exporting', async () => {
          const text = await deps.exportText();
          const day = deps.now().toISOString().slice(0, 10);
          deps.download(`modelwire-lens-backup-${day}.json`, text);
          return { kind: 'ok', text: `Exported ${plural(get().figures?.coverages ?? 0, 'coverage')} and mentions.` };
        });
      },

      async importData(file) {
        await withBusy('importing', async () => {
          const outcome = await deps.importText(await file.text());
          if (!outcome.ok) return { kind: 'error', text: `${file.name}: ${outcome.error}` };
          return {
            kind: 'ok',
            text: `Imported ${plural(outcome.coverages, 'coverage')} and ${plural(outcome.mentions, 'mention')} from ${file.name}${
              outcome.unchanged > 0 ? `; ${plural(outcome.unchanged, 'record')} already up to date` : ''
            }.`,
          };
        });
      },

      async clearData() {
        await withBusy('clearing', async () => {
          await deps.clear();
          return { kind: 'ok', text: 'All coverage, entities and mentions were removed.' };
        });
      },
    };

    /** Gives back the host permission of a feed no longer used, unless the new feed needs the same one. */
    async function releaseUnused(previousUrl: string, keep: string | null) {
      const old = checkFeedUrl(previousUrl);
      if (old.ok && old.permission !== keep) await deps.releaseOrigin(old.permission).catch(() => undefined);
    }
  });
  return store;
}
