// The coverage feed in real Chromium: set in the options page, synced from the local feed server, used by the popup;
// the server fails in every way it can and nothing stored is lost. Then the whole cache is exported, cleared and
// imported back, and a corrupt file is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { extensionWithGrantedOrigins, launchWithExtension, type LensBrowser } from '../harness/browser';
import { startFeedServer, type FeedServer } from '../harness/feed-server';
import { startFixtureServer, type FixtureServer } from '../harness/fixture-server';
import { screenshot } from '../harness/screenshots';

const FEED_ONLY_ARTICLE = 'https://www.lakesideledger.com/2026/11/22/port-cranes-run-night-shift-on-autopilot/';
const FEED_HEADLINE = "Lakeside's port lets software run two cranes overnight, with a person watching four at once";

let fixtures: FixtureServer;
let feed: FeedServer;
let lens: LensBrowser;
let extensionDir: string;
let options: Page;
const consoleErrors: string[] = [];

beforeAll(async () => {
  fixtures = await startFixtureServer();
  feed = await startFeedServer();
  extensionDir = extensionWithGrantedOrigins(['http://127.0.0.1/*']);
  lens = await launchWithExtension({ port: fixtures.port, hosts: fixtures.hosts, extensionDir });
});
afterAll(async () => {
  await lens?.close();
  await feed?.close();
  await fixtures?.close();
  if (extensionDir) rmSync(extensionDir, { recursive: true, force: true });
});

async function badgeOfArticle(): Promise<{ text: string; tabId: number; page: Page }> {
  const page = await lens.context.newPage();
  await page.goto(FEED_ONLY_ARTICLE);
  const tabId = await lens.tabIdOf(page);
  // The content script reports once the page is idle; give it that moment.
  await expect.poll(async () => (await lens.badgeOf(tabId)).title, { timeout: 10_000 }).not.toBe('Modelwire Lens');
  return { text: (await lens.badgeOf(tabId)).text, tabId, page };
}

async function openOptions(colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
  const page = await lens.context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  await page.emulateMedia({ colorScheme });
  await page.goto(`chrome-extension://${lens.extensionId}/options.html`);
  await page.waitForSelector('main[aria-busy="false"]');
  return page;
}

/** Clicks a button and waits for the sync it starts to end, returning the notice it left. */
async function act(page: Page, name: string): Promise<string> {
  await page.getByRole('button', { name, exact: true }).click();
  await page.waitForSelector('main[aria-busy="false"]', { timeout: 20_000 });
  return (await page.textContent('[data-testid="notice"]')) ?? '';
}

async function coverageCount(page: Page): Promise<number> {
  const text = (await page.locator('[data-testid="figures"] dd').first().textContent()) ?? '';
  return Number(text.replace(/,/g, ''));
}

describe('feed sync', () => {
  it('an article only the feed knows is not covered before the sync, and the popup leads to the settings', async () => {
    const { text, page, tabId } = await badgeOfArticle();
    expect(text).not.toBe('MW');
    const popup = await lens.openPopup(tabId);
    await expect.poll(() => popup.getAttribute('main', 'data-status')).toBe('not-covered');
    // Lens read the article's text and found a name it knows from its saved summaries, possessive included.
    await popup.waitForSelector('#on-page-heading');
    expect(await popup.locator('.on-page li').allTextContents()).toEqual([
      'Kestrel Labs 2× here · in 3 saved summaries',
    ]);
    await screenshot(popup, 'popup-not-covered-known-names');
    const opened = lens.context.waitForEvent('page');
    await popup.getByRole('button', { name: 'Settings, feed and data' }).click();
    options = await opened;
    options.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    await options.waitForSelector('main[aria-busy="false"]');
    expect(options.url()).toBe(`chrome-extension://${lens.extensionId}/options.html`);
    await popup.close();
    await page.close();
  });

  it('the options page refuses a plain-http feed on another host, with a reason, and changes nothing', async () => {
    await options.getByLabel('Feed address').fill('http://feeds.example.org/feed.json');
    const notice = await act(options, 'Save and sync');
    expect(notice).toContain('must be served over https://');
    expect(await options.textContent('[data-testid="feed-state"]')).toBe('Not synced yet');
  });

  it('saving the feed syncs it at once: the entries are stored and the popup shows the feed-only article', async () => {
    await options.getByLabel('Feed address').fill(feed.url);
    await options.getByLabel('Give up after').fill('2');
    const notice = await act(options, 'Save and sync');
    expect(notice).toBe('Synced 5 entries.');
    expect(await options.textContent('[data-testid="feed-state"]')).toBe('Synced');
    expect(await options.textContent('[data-testid="feed-result"]')).toContain('5 entries: 5 stored');
    await screenshot(options, 'options-feed-synced');
    expect(feed.requests).toHaveLength(1);

    const { text, tabId, page } = await badgeOfArticle();
    expect(text).toBe('MW');
    const popup = await lens.openPopup(tabId);
    await expect.poll(() => popup.getAttribute('main', 'data-status')).toBe('covered');
    expect(await popup.textContent('h1')).toBe(FEED_HEADLINE);
    expect(await popup.textContent('.summary')).toContain('1,870 containers');
    await screenshot(popup, 'popup-feed-coverage');
    await popup.close();
    await page.close();

    // The background schedules the next sync with an alarm.
    const worker = await lens.worker();
    const alarm = await worker.evaluate(() => chrome.alarms.get('modelwire-lens-feed-sync'));
    expect(alarm?.scheduledTime).toBeGreaterThan(Date.now() + 50 * 60_000);
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
  it.each(failures)('when the feed answers %s, the error is shown and nothing stored is lost', async (mode, error) => {
    const before = await coverageCount(options);
    feed.setMode(mode);
    const notice = await act(options, 'Sync now');
    expect(notice).toMatch(error);
    expect(await options.textContent('[data-testid="feed-state"]')).toBe('Last sync failed');
    expect(await options.textContent('[data-testid="feed-error"]')).toMatch(error);
    expect(await coverageCount(options)).toBe(before);
    const { text, page } = await badgeOfArticle();
    expect(text).toBe('MW');
    await page.close();
    if (mode === 'hang') await screenshot(options, 'options-feed-error');
  });

  it('backs off after failures in a row and recovers when the feed does', async () => {
    const failuresText = await options.textContent('[data-testid="feed-error"]');
    expect(failuresText).toMatch(/5 failures in a row/);
    feed.setMode('mixed');
    const notice = await act(options, 'Sync now');
    expect(notice).toBe('Synced 5 entries; 2 entries refused (see below).');
    await options.getByText('Refused entries (2)').click();
    const refused = await options.locator('[data-testid="feed-rejected"] li').allTextContents();
    expect(refused[0]).toMatch(/^Entry 6 NOT-A-ULID: id: must be a 26-character ULID/);
    expect(refused[1]).toMatch(/^Entry 7 01KX3Q0000000000000000000Z: modelwireUrl: must be an absolute http\(s\) URL/);
    expect(await options.locator('[data-testid="feed-error"]').count()).toBe(0);
    await screenshot(options, 'options-feed-refused-entries');
    feed.setMode('ok');
  });
});

describe('export, clear and import', () => {
  let exported: string;

  it('exports the whole cache as a JSON file', async () => {
    const download = options.waitForEvent('download');
    await act(options, 'Export all data (JSON)');
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^modelwire-lens-backup-\d{4}-\d{2}-\d{2}\.json$/);
    exported = join(tmpdir(), `lens-export-${Date.now()}.json`);
    await file.saveAs(exported);
    const backup = JSON.parse(readFileSync(exported, 'utf8'));
    expect(backup).toMatchObject({ format: 'modelwire-lens-backup', version: 1 });
    expect(backup.coverages.map((coverage: { headline: string }) => coverage.headline)).toContain(FEED_HEADLINE);
    expect(backup.coverages).toHaveLength(await coverageCount(options));
  });

  it('clears everything after a confirmation, and the feed-only article is no longer covered', async () => {
    await options.getByRole('button', { name: 'Clear all data…' }).click();
    await act(options, 'Clear');
    expect(await options.textContent('[data-testid="notice"]')).toBe(
      'All coverage, entities and mentions were removed.',
    );
    expect(await coverageCount(options)).toBe(0);
    const { text, page } = await badgeOfArticle();
    expect(text).not.toBe('MW');
    await page.close();
  });

  it('refuses a corrupt file with a reason and changes nothing', async () => {
    const corrupt = join(tmpdir(), `lens-corrupt-${Date.now()}.json`);
    writeFileSync(corrupt, readFileSync(exported, 'utf8').slice(0, 900));
    await options.locator('input[type=file]').setInputFiles(corrupt);
    await options.waitForSelector('[data-testid="notice"].error');
    expect(await options.textContent('[data-testid="notice"]')).toMatch(/not JSON.*Nothing was imported/);
    expect(await coverageCount(options)).toBe(0);
    rmSync(corrupt);
  });

  it('imports the export back, and the article is covered again', async () => {
    await options.locator('input[type=file]').setInputFiles(exported);
    await options.waitForSelector('[data-testid="notice"].ok');
    expect(await options.textContent('[data-testid="notice"]')).toMatch(/^Imported 5 coverages and \d+ mentions/);
    expect(await coverageCount(options)).toBe(5);
    const { text, page } = await badgeOfArticle();
    expect(text).toBe('MW');
    await page.close();
    rmSync(exported);
  });

  it('looks right in dark mode and logs no errors', async () => {
    const dark = await openOptions('dark');
    await screenshot(dark, 'options-dark');
    await dark.close();
    expect(consoleErrors).toEqual([]);
  });

  it('removing the feed clears its status and its alarm', async () => {
    await act(options, 'Remove feed');
    expect(await options.textContent('[data-testid="feed-state"]')).toBe('Not synced yet');
    const worker = await lens.worker();
    expect(await worker.evaluate(() => chrome.alarms.get('modelwire-lens-feed-sync'))).toBeUndefined();
  });
});
