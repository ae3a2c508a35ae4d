// The coverage feed in Chromium and Firefox: set in the options page, synced from the local feed server, used by the
// popup; the server fails in every way it can and nothing stored is lost. Then the whole cache is exported, cleared
// and imported back, and a corrupt file is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ElementHandle, Page } from 'puppeteer-core';
import { extensionWithGrantedOrigins } from '../harness/browser';
import { browsersToTest, launchLens, type LensBrowsers } from '../harness/lens-browsers';
import { startFeedServer, type FeedServer } from '../harness/feed-server';
import { recordConsoleErrors, statusOf, textOf, textsOf } from '../harness/dom';
import { fill, labelled } from '../harness/form';

const FEED_ONLY_ARTICLE = 'https://www.lakesideledger.com/2026/11/22/port-cranes-run-night-shift-on-autopilot/';
const FEED_HEADLINE = "Lakeside's port lets software run two cranes overnight, with a person watching four at once";
const ALARM = 'modelwire-lens-feed-sync';

describe.each(browsersToTest())('in %s', (name) => {
  let feed: FeedServer;
  let lens: LensBrowsers;
  let extensionDir: string | undefined;
  let options: Page;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    feed = await startFeedServer();
    // The feed server's origin, granted as after the reader clicked "Allow": Chromium skips its prompt for an origin
    // already granted; Firefox grants on the click itself (the harness turns its prompt off).
    extensionDir = name === 'chromium' ? extensionWithGrantedOrigins(['http://127.0.0.1/*']) : undefined;
    lens = await launchLens(name, { extensionDir });
  }, 90_000);
  afterAll(async () => {
    await lens?.close();
    await feed?.close();
    if (extensionDir) rmSync(extensionDir, { recursive: true, force: true });
  });

  async function badgeOfArticle(): Promise<{ text: string; tabId: number; page: Page }> {
    const page = await lens.open(FEED_ONLY_ARTICLE);
    const tabId = await lens.tabIdOf(page);
    // The content script reports once the page is idle; give it that moment.
    await expect.poll(async () => (await lens.badgeOf(tabId)).title, { timeout: 10_000 }).not.toBe('Modelwire Lens');
    return { text: (await lens.badgeOf(tabId)).text, tabId, page };
  }

  /** Clicks a button and waits for what it starts to end, returning the notice it left. */
  async function act(page: Page, button: string): Promise<string> {
    await page.bringToFront();
    await page.click(`::-p-aria([name="${button}"][role="button"])`);
    await page.waitForSelector('main[aria-busy="false"]', { timeout: 20_000 });
    return (await textOf(page, '[data-testid="notice"]')) ?? '';
  }

  async function coverageCount(page: Page): Promise<number> {
    const text = (await textOf(page, '[data-testid="figures"] dd')) ?? '';
    return Number(text.replace(/,/g, ''));
  }

  const alarm = () =>
    lens.inExtension<{ scheduledTime: number } | null>(
      `async (api, name) => (await api.alarms.get(name)) ?? null`,
      ALARM,
    );

  async function upload(page: Page, path: string): Promise<void> {
    const input = (await page.$('input[type=file]')) as ElementHandle<HTMLInputElement> | null;
    if (input === null) throw new Error(`No file input on ${page.url()}`);
    await input.uploadFile(path);
  }

  describe('feed sync', () => {
    it('an article only the feed knows is not covered before the sync, and the popup leads to the settings', async () => {
      const { text, page, tabId } = await badgeOfArticle();
      expect(text).not.toBe('MW');
      const popup = await lens.openPopup(tabId);
      await expect.poll(() => statusOf(popup)).toBe('not-covered');
      // Lens read the article's text and found a name it knows from its saved summaries, possessive included.
      await popup.waitForSelector('#on-page-heading');
      expect(await textsOf(popup, '.on-page li')).toEqual(['Kestrel Labs 2× here · in 3 saved summaries']);
      await lens.screenshot(popup, 'popup-not-covered-known-names');
      await popup.click('::-p-aria([name="Settings, feed and data"][role="button"])');
      options = await lens.tabAt(`${lens.origin}/options.html`);
      recordConsoleErrors(options, consoleErrors);
      await options.waitForSelector('main[aria-busy="false"]');
      await Promise.all([popup.close(), page.close()]);
    });

    it('the options page refuses a plain-http feed on another host, with a reason, and changes nothing', async () => {
      await fill(options, await labelled(options, 'Feed address'), 'http://feeds.example.org/feed.json');
      const notice = await act(options, 'Save and sync');
      expect(notice).toContain('must be served over https://');
      expect(await textOf(options, '[data-testid="feed-state"]')).toBe('Not synced yet');
    });

    it('saving the feed syncs it at once: the entries are stored and the popup shows the feed-only article', async () => {
      await fill(options, await labelled(options, 'Feed address'), feed.url);
      await fill(options, await labelled(options, 'Give up after'), '2');
      const notice = await act(options, 'Save and sync');
      expect(notice).toBe('Synced 5 entries.');
      expect(await textOf(options, '[data-testid="feed-state"]')).toBe('Synced');
      expect(await textOf(options, '[data-testid="feed-result"]')).toContain('5 entries: 5 stored');
      await lens.screenshot(options, 'options-feed-synced');
      expect(feed.requests).toHaveLength(1);

      const { text, tabId, page } = await badgeOfArticle();
      expect(text).toBe('MW');
      const popup = await lens.openPopup(tabId);
      await expect.poll(() => statusOf(popup)).toBe('covered');
      expect(await textOf(popup, 'h1')).toBe(FEED_HEADLINE);
      expect(await textOf(popup, '.summary')).toContain('1,870 containers');
      await lens.screenshot(popup, 'popup-feed-coverage');
      await Promise.all([popup.close(), page.close()]);

      // The background schedules the next sync with an alarm.
      expect((await alarm())?.scheduledTime).toBeGreaterThan(Date.now() + 50 * 60_000);
    });

    it('a second sync sends the validators back and the unchanged feed costs a 304', async () => {
      const notice = await act(options, 'Sync now');
      expect(notice).toBe('The feed has not changed since the last sync.');
      expect(feed.requests.at(-1)).toMatchObject({ status: 304, ifNoneMatch: expect.stringMatching(/^"/) });
    });

    const failures: Array<[Parameters<FeedServer['setMode']>[0], RegExp]> = [
      ['error-500', /feed server failed \(500/],
      ['hang', /did not answer within 2 s/],
      ['bad-json', /not valid JSON/],
      ['huge', /larger than 32 MB/],
      ['foreign', /Not a Modelwire Lens feed/],
    ];
    it.each(failures)(
      'when the feed answers %s, the error is shown and nothing stored is lost',
      async (mode, error) => {
        const before = await coverageCount(options);
        feed.setMode(mode);
        const notice = await act(options, 'Sync now');
        expect(notice).toMatch(error);
        expect(await textOf(options, '[data-testid="feed-state"]')).toBe('Last sync failed');
        expect(await textOf(options, '[data-testid="feed-error"]')).toMatch(error);
        expect(await coverageCount(options)).toBe(before);
        const { text, page } = await badgeOfArticle();
        expect(text).toBe('MW');
        await page.close();
        if (mode === 'hang') await lens.screenshot(options, 'options-feed-error');
      },
    );

    it('backs off after failures in a row and recovers when the feed does', async () => {
      expect(await textOf(options, '[data-testid="feed-error"]')).toMatch(/5 failures in a row/);
      feed.setMode('mixed');
      const notice = await act(options, 'Sync now');
      expect(notice).toBe('Synced 5 entries; 2 entries refused (see below).');
      await options.click('summary ::-p-text(Refused entries (2))');
      const refused = await textsOf(options, '[data-testid="feed-rejected"] li');
      expect(refused[0]).toMatch(/^Entry 6 NOT-A-ULID: id: must be a 26-character ULID/);
      expect(refused[1]).toMatch(
        /^Entry 7 01KX3Q0000000000000000000Z: modelwireUrl: must be an absolute http\(s\) URL/,
      );
      expect(await options.$$('[data-testid="feed-error"]')).toHaveLength(0);
      await lens.screenshot(options, 'options-feed-refused-entries');
      feed.setMode('ok');
    });
  });

  describe('export, clear and import', () => {
    let exported: string;

    it('exports the whole cache as a JSON file', async () => {
      await act(options, 'Export all data (JSON)');
      exported = await lens.downloaded(/^modelwire-lens-backup-\d{4}-\d{2}-\d{2}\.json$/);
      const backup = JSON.parse(readFileSync(exported, 'utf8'));
      expect(backup).toMatchObject({ format: 'modelwire-lens-backup', version: 1 });
      expect(backup.coverages.map((coverage: { headline: string }) => coverage.headline)).toContain(FEED_HEADLINE);
      expect(backup.coverages).toHaveLength(await coverageCount(options));
    });

    it('clears everything after a confirmation, and the feed-only article is no longer covered', async () => {
      await options.click('::-p-aria([name="Clear all data…"][role="button"])');
      await act(options, 'Clear');
      expect(await textOf(options, '[data-testid="notice"]')).toBe('All coverage, entities and mentions were removed.');
      expect(await coverageCount(options)).toBe(0);
      const { text, page } = await badgeOfArticle();
      expect(text).not.toBe('MW');
      await page.close();
    });

    it('refuses a corrupt file with a reason and changes nothing', async () => {
      const corrupt = join(tmpdir(), `lens-corrupt-${name}-${Date.now()}.json`);
      writeFileSync(corrupt, readFileSync(exported, 'utf8').slice(0, 900));
      await upload(options, corrupt);
      await options.waitForSelector('[data-testid="notice"].error');
      expect(await textOf(options, '[data-testid="notice"]')).toMatch(/not JSON.*Nothing was imported/);
      expect(await coverageCount(options)).toBe(0);
      rmSync(corrupt);
    });

    it('imports the export back, and the article is covered again', async () => {
      await upload(options, exported);
      await options.waitForSelector('[data-testid="notice"].ok');
      expect(await textOf(options, '[data-testid="notice"]')).toMatch(/^Imported 5 coverages and \d+ mentions/);
      expect(await coverageCount(options)).toBe(5);
      const { text, page } = await badgeOfArticle();
      expect(text).toBe('MW');
      await page.close();
    });

    it('looks right in dark mode and logs no errors', async () => {
      const dark = await lens.openExtensionPage('options.html', { colorScheme: 'dark' });
      recordConsoleErrors(dark, consoleErrors);
      await dark.waitForSelector('main[aria-busy="false"]');
      expect(await dark.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(11, 17, 32)');
      await lens.screenshot(dark, 'options-dark');
      await dark.close();
      expect(consoleErrors).toEqual([]);
    });

    it('removing the feed clears its status and its alarm', async () => {
      await act(options, 'Remove feed');
      expect(await textOf(options, '[data-testid="feed-state"]')).toBe('Not synced yet');
      expect(await alarm()).toBeNull();
    });
  });
});
