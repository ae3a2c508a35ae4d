// The popup's state: which tab it is about and what to show for it, kept current as the tab reports.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { LensDatabase } from '../db/schema';
import type { TabState } from '../tabs/tab-state';
import { viewForTabState, type PopupView } from './popup-view';

export interface PopupDeps {
  db: LensDatabase;
  readTabState(tabId: number): Promise<TabState | null>;
  watchTabState(tabId: number, onChange: (state: TabState | null) => void): () => void;
}

export interface PopupState {
  view: PopupView;
  /** Starts showing the given tab; returns the function that stops watching it. */
  open(tab: { id?: number; url?: string } | undefined): () => void;
}

/** How long to wait for a web page's first report before saying Lens has not read it. */
export const UNREAD_AFTER_MS = 4000;

function canRunOn(url: string | undefined): boolean {
  // Without a URL we cannot tell; Lens only hides URLs from itself on pages it has no access to.
  return url === undefined || /^https?:\/\//i.test(url);
}

export function createPopupStore(deps: PopupDeps): StoreApi<PopupState> {
  return createStore<PopupState>()((set) => {
    let latest = 0;
    const show = async (state: TabState | null, waiting: boolean) => {
      const request = ++latest;
      try {
        const view: PopupView = state === null ? { status: 'unread', waiting } : await viewForTabState(deps.db, state);
        if (request === latest) set({ view });
      } catch (error) {
        if (request === latest)
          set({ view: { status: 'error', message: error instanceof Error ? error.message : String(error) } });
      }
    };
    return {
      view: { status: 'loading' },
      open(tab) {
        if (tab?.id === undefined) {
          set({ view: { status: 'error', message: 'There is no tab to show.' } });
          return () => {};
        }
        if (!canRunOn(tab.url)) {
          set({ view: { status: 'unsupported' } });
          return () => {};
        }
        const tabId = tab.id;
        let reported = false;
        const stopWatching = deps.watchTabState(tabId, (state) => {
          reported = reported || state !== null;
          void show(state, false);
        });
        const timer = setTimeout(() => {
          if (!reported) void show(null, false);
        }, UNREAD_AFTER_MS);
        void deps.readTabState(tabId).then(
          (state) => {
            reported = reported || state !== null;
            if (state !== null || !reported) void show(state, state === null);
          },
          (error: unknown) =>
            set({ view: { status: 'error', message: `Could not read this tab's state: ${String(error)}` } }),
        );
        return () => {
          clearTimeout(timer);
          stopWatching();
        };
      },
    };
  });
}
