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
import { DEFAULT_DISPLAY_SETTINGS, siteKey, type DisplaySettings, type OverlayHidden } from '../settings/display';
import { plural } from '../text/plural';

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
  readDisplay(): Promise<DisplaySettings>;
  writeDisplay(settings: DisplaySettings): Promise<void>;
  readHidden(): Promise<OverlayHidden>;
  writeHidden(hidden: OverlayHidden): Promise<void>;
  watchHidden(onChange: (hidden: OverlayHidden) => void): () => void;
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
  display: DisplaySettings;
  hidden: OverlayHidden;
  load(): () => void;
  setDisplay(
    change: Partial<Pick<DisplaySettings, 'overlay' | 'highlights' | 'clipButton' | 'privateHighlights' | 'siteMode'>>,
  ): Promise<void>;
  addSite(input: string): Promise<boolean>;
  removeSite(site: string): Promise<void>;
  showAgain(site: string): Promise<void>;
  forgetHiddenPages(): Promise<void>;
  saveFeed(input: { url: string; intervalMinutes: number; timeoutSeconds: number }): Promise<void>;
  removeFeed(): Promise<void>;
  syncNow(): Promise<void>;
  exportData(): Promise<void>;
  importData(file: { name: string; size: number; text(): Promise<string> }): Promise<void>;
  clearData(): Promise<void>;
}

/** One sentence about what a sync just did, for the notice after "Save" or "Sync now". */
export function describeSync(status: FeedStatus): Notice {
  if (status.state === 'error') return { kind: 'error', text: status.lastError ?? 'The sync failed.' };
  const result = status.lastResult;
  if (result === null) return { kind: 'ok', text: 'Synced.' };
  if (result.notModified)
    return {
      kind: 'ok',
      text: `The ${result.index ? 'coverage index' : 'feed'} has not changed since the last sync.`,
    };
  if (result.index) {
    const { index } = result;
    const what = `${plural(index.coverages, 'coverage', 'coverages')} in ${plural(index.shards, 'shard', 'shards')}`;
    return {
      kind: 'ok',
      text:
        index.kind === 'unchanged'
          ? `The coverage index is up to date (generation ${index.generation}, ${what}).`
          : `Synced the coverage index: generation ${index.generation}, ${what}.`,
    };
  }
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
      display: DEFAULT_DISPLAY_SETTINGS,
      hidden: { sites: [], pages: [] },

      load() {
        void Promise.all([deps.readSettings(), deps.readStatus(), deps.readDisplay(), deps.readHidden()]).then(
          ([settings, status, display, hidden]) => set({ settings, status, display, hidden, loaded: true }),
        );
        void refreshFigures();
        const stopStatus = deps.watchStatus((status) => {
          set({ status });
          if (status.state !== 'syncing') void refreshFigures();
        });
        const stopHidden = deps.watchHidden((hidden) => set({ hidden }));
        return () => {
          stopStatus();
          stopHidden();
        };
      },

      async setDisplay(change) {
        const display = { ...get().display, ...change };
        set({ display });
        await deps.writeDisplay(display);
      },

      async addSite(input) {
        const site = siteKey(input);
        if (site === null) {
          set({
            notice: { kind: 'error', text: `“${input.trim().slice(0, 80)}” is not a site name (e.g. example.com).` },
          });
          return false;
        }
        const display = get().display;
        if (!display.sites.includes(site)) {
          const next = { ...display, sites: [...display.sites, site].sort() };
          set({ display: next, notice: null });
          await deps.writeDisplay(next);
        }
        return true;
      },

      async removeSite(site) {
        const display = { ...get().display, sites: get().display.sites.filter((entry) => entry !== site) };
        set({ display });
        await deps.writeDisplay(display);
      },

      async showAgain(site) {
        const hidden = { ...get().hidden, sites: get().hidden.sites.filter((entry) => entry !== site) };
        set({ hidden });
        await deps.writeHidden(hidden);
      },

      async forgetHiddenPages() {
        const hidden = { ...get().hidden, pages: [] };
        set({ hidden });
        await deps.writeHidden(hidden);
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
