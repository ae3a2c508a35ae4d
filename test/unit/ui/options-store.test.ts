import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_FEED_SETTINGS, INITIAL_FEED_STATUS, type FeedStatus } from '../../../lib/feed/settings';
import { ok } from '../../../lib/messaging/result';
import { DEFAULT_DISPLAY_SETTINGS } from '../../../lib/settings/display';
import { createOptionsStore, describeSync, type OptionsDeps } from '../../../lib/ui/options-store';

const SYNCED: FeedStatus = {
  ...INITIAL_FEED_STATUS,
  url: 'https://feeds.example.org/lens.json',
  state: 'ok',
  lastResult: { notModified: false, entries: 12, stored: 10, kept: 1, rejected: 1, rejectedSamples: [], ms: 40 },
};

function setup(overrides: Partial<OptionsDeps> = {}) {
  const deps: OptionsDeps = {
    readSettings: vi.fn(async () => DEFAULT_FEED_SETTINGS),
    writeSettings: vi.fn(async () => undefined),
    readStatus: vi.fn(async () => INITIAL_FEED_STATUS),
    watchStatus: vi.fn(() => () => undefined),
    requestOrigin: vi.fn(async () => true),
    releaseOrigin: vi.fn(async () => undefined),
    syncNow: vi.fn(async () => ok(SYNCED)),
    figures: vi.fn(async () => ({ coverages: 5, entities: 9, mentions: 3, pendingLinks: 0 })),
    estimate: vi.fn(async () => null),
    exportText: vi.fn(async () => '{}'),
    importText: vi.fn(async () => ({ ok: false as const, error: 'The file is not JSON. Nothing was imported.' })),
    clear: vi.fn(async () => undefined),
    download: vi.fn(),
    now: () => new Date('2026-11-24T10:00:00Z'),
    readDisplay: vi.fn(async () => DEFAULT_DISPLAY_SETTINGS),
    writeDisplay: vi.fn(async () => undefined),
    readHidden: vi.fn(async () => ({ sites: ['lakesideledger.com'], pages: [] })),
    writeHidden: vi.fn(async () => undefined),
    watchHidden: vi.fn(() => () => undefined),
    ...overrides,
  };
  return { deps, store: createOptionsStore(deps) };
}

const input = { url: 'https://feeds.example.org/lens.json', intervalMinutes: 60, timeoutSeconds: 30 };

describe('options store', () => {
  it('asks for the feed’s origin within the click, before anything else is awaited', () => {
    const { deps, store } = setup();
    void store.getState().saveFeed(input);
    expect(deps.requestOrigin).toHaveBeenCalledWith('https://feeds.example.org/*');
  });

  it('saves, then syncs, and says what the sync did', async () => {
    const { deps, store } = setup();
    await store.getState().saveFeed(input);
    expect(deps.writeSettings).toHaveBeenCalledWith({ url: input.url, intervalMinutes: 60, timeoutSeconds: 30 });
    expect(deps.syncNow).toHaveBeenCalledOnce();
    expect(store.getState().notice).toEqual({
      kind: 'ok',
      text: 'Synced 10 entries; 1 entry kept from a live Modelwire page; 1 entry refused (see below).',
    });
    expect(store.getState().busy).toBeNull();
  });

  it('changes nothing when the permission is refused', async () => {
    const { deps, store } = setup({ requestOrigin: vi.fn(async () => false) });
    await store.getState().saveFeed(input);
    expect(deps.writeSettings).not.toHaveBeenCalled();
    expect(deps.syncNow).not.toHaveBeenCalled();
    expect(store.getState().notice?.text).toBe(
      'Lens needs your permission to read https://feeds.example.org to sync this feed. Nothing was changed.',
    );
  });

  it('refuses an address it cannot use without asking the browser', async () => {
    const { deps, store } = setup();
    await store.getState().saveFeed({ ...input, url: 'http://feeds.example.org/lens.json' });
    expect(deps.requestOrigin).not.toHaveBeenCalled();
    expect(store.getState().notice?.kind).toBe('error');
  });

  it('gives back the old origin when the feed moves to another host, and on removal', async () => {
    const { deps, store } = setup({
      readSettings: vi.fn(async () => ({ ...DEFAULT_FEED_SETTINGS, url: 'https://old.example/feed.json' })),
    });
    store.getState().load();
    await vi.waitFor(() => expect(store.getState().loaded).toBe(true));
    await store.getState().saveFeed(input);
    expect(deps.releaseOrigin).toHaveBeenCalledWith('https://old.example/*');
    await store.getState().removeFeed();
    expect(deps.releaseOrigin).toHaveBeenLastCalledWith('https://feeds.example.org/*');
    expect(store.getState().settings.url).toBeNull();
  });

  it('reports a refused import with the file’s name and the reason', async () => {
    const { store } = setup();
    await store.getState().importData({ name: 'zotero.json', size: 10, text: async () => '[' });
    expect(store.getState().notice).toEqual({
      kind: 'error',
      text: 'zotero.json: The file is not JSON. Nothing was imported.',
    });
  });

  it('describes each kind of sync outcome', () => {
    expect(describeSync({ ...SYNCED, state: 'error', lastError: 'The feed server failed (500).' }).kind).toBe('error');
    expect(
      describeSync({
        ...SYNCED,
        lastResult: { ...(SYNCED.lastResult as NonNullable<FeedStatus['lastResult']>), notModified: true },
      }).text,
    ).toBe('The feed has not changed since the last sync.');
  });

  it('keeps the site list clean: host names only, once each, sorted', async () => {
    const { deps, store } = setup();
    expect(await store.getState().addSite('https://WWW.Lakesideledger.com/2026/11/')).toBe(true);
    expect(await store.getState().addSite('circuitweekly.net')).toBe(true);
    expect(await store.getState().addSite('lakesideledger.com')).toBe(true);
    expect(await store.getState().addSite('not a site!')).toBe(false);
    expect(store.getState().notice?.kind).toBe('error');
    expect(store.getState().display.sites).toEqual(['circuitweekly.net', 'lakesideledger.com']);
    await store.getState().removeSite('circuitweekly.net');
    expect(deps.writeDisplay).toHaveBeenLastCalledWith({ ...DEFAULT_DISPLAY_SETTINGS, sites: ['lakesideledger.com'] });
  });

  it('shows the overlay again on a site where it was hidden', async () => {
    const { deps, store } = setup();
    store.getState().load();
    await vi.waitFor(() => expect(store.getState().loaded).toBe(true));
    await store.getState().showAgain('lakesideledger.com');
    expect(deps.writeHidden).toHaveBeenCalledWith({ sites: [], pages: [] });
  });
});
