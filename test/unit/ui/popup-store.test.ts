import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import demoFeed from '../../../lib/modelwire/demo/feed.json';
import { LensDatabase } from '../../../lib/db/schema';
import { seedDemoData } from '../../../lib/db/seed';
import { createPopupStore, UNREAD_AFTER_MS } from '../../../lib/ui/popup-store';
import type { TabState } from '../../../lib/tabs/tab-state';
import type { PageReport } from '../../../lib/article/describe-page';
import { pageReport } from '../fixtures';

const page: PageReport = pageReport({
  url: 'https://www.lakesideledger.com/2026/11/18/regional-hospitals-pilot-ai-triage-assistant/',
  title: 'Regional hospitals pilot an AI triage assistant',
  siteName: 'The Lakeside Ledger',
  lang: 'en',
});
const covered: TabState = {
  kind: 'covered',
  page,
  coverageId: '01KX3F8Q2M7V4N6R9T1W5Y8Z0A',
  matchedBy: 'address',
  updatedAt: 'now',
};

let db: LensDatabase;
let counter = 0;
beforeEach(async () => {
  db = new LensDatabase(`popup-${++counter}`);
  await seedDemoData(db, demoFeed, new Date());
});
afterEach(async () => {
  vi.useRealTimers();
  await db.delete();
});

function storeWith(initial: TabState | null) {
  let listener: ((state: TabState | null) => void) | null = null;
  const store = createPopupStore({
    db,
    readTabState: async () => initial,
    watchTabState: (_, onChange) => {
      listener = onChange;
      return () => {
        listener = null;
      };
    },
  });
  return { store, push: (state: TabState | null) => listener?.(state), watching: () => listener !== null };
}

describe('popup store', () => {
  it('shows coverage with per-entity counts for a covered tab', async () => {
    const { store } = storeWith(covered);
    store.getState().open({ id: 1, url: page.url });
    await vi.waitFor(() => expect(store.getState().view.status).toBe('covered'));
    const view = store.getState().view;
    if (view.status !== 'covered') throw new Error('not covered');
    expect(view.coverage.headline).toBe('Regional hospitals pilot an AI triage assistant in three emergency rooms');
    expect(view.mentions).toEqual([
      { name: 'Harbor Health Network', key: 'harbor health network', coverageCount: 1 },
      { name: 'Kestrel Labs', key: 'kestrel labs', coverageCount: 3 },
      { name: 'Triage Assist', key: 'triage assist', coverageCount: 1 },
    ]);
  });

  it('says a browser page is unsupported without asking anything', () => {
    const { store, watching } = storeWith(null);
    store.getState().open({ id: 1, url: 'chrome://settings/' });
    expect(store.getState().view).toEqual({ status: 'unsupported' });
    expect(watching()).toBe(false);
  });

  it('waits for a page that has not reported, follows its report, and stops watching when closed', async () => {
    const { store, push, watching } = storeWith(null);
    const stop = store.getState().open({ id: 1 });
    await vi.waitFor(() => expect(store.getState().view).toEqual({ status: 'unread', waiting: true }));
    push({ kind: 'not-article', page: { ...page, isArticle: false }, updatedAt: 'now' });
    await vi.waitFor(() => expect(store.getState().view.status).toBe('not-article'));
    stop();
    expect(watching()).toBe(false);
  });

  it('gives up waiting after a while and says the page was not read', async () => {
    vi.useFakeTimers();
    const { store } = storeWith(null);
    store.getState().open({ id: 1 });
    await vi.advanceTimersByTimeAsync(UNREAD_AFTER_MS + 10);
    expect(store.getState().view).toEqual({ status: 'unread', waiting: false });
  });

  it('falls back to what is true when the coverage was deleted since', async () => {
    await db.coverages.clear();
    const { store } = storeWith(covered);
    store.getState().open({ id: 1 });
    await vi.waitFor(() => expect(store.getState().view.status).toBe('not-covered'));
  });

  it('shows an error in words when there is no tab', () => {
    const { store } = storeWith(null);
    store.getState().open(undefined);
    expect(store.getState().view).toEqual({ status: 'error', message: 'There is no tab to show.' });
  });
});
