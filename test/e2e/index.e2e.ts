// The static coverage index, in Chromium and Firefox: the options page follows an index (manifest, filter and shard
// table only), an uncovered article costs no request, a covered one exactly one shard request without cookie or
// referrer, and none the next time. Then the index server fails or lies in every way the harness knows, and the index
// in use stays in use.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import type { Page } from 'puppeteer-core';
import { extensionWithGrantedOrigins } from '../harness/browser';
import { browsersToTest, launchLens, type LensBrowsers } from '../harness/lens-browsers';
import { startIndexServer, type IndexServer } from '../harness/index-server';

const INDEX_ONLY_ARTICLE = 'https://www.lakesideledger.com/2026/11/22/port-cranes-run-night-shift-on-autopilot/';
const UNCOVERED_ARTICLE = 'https://www.lakesideledger.com/2026/11/20/city-council-budget-vote/';

describe.each(browsersToTest())('the coverage index in %s', (name) => {
  let index: IndexServer;
  let lens: LensBrowsers;
  let extensionDir: string | undefined;
  let options: Page;

  beforeAll(async () => {
    index = await startIndexServer();
    // The index server's origin, granted as after the reader clicked "Allow": Chromium skips its prompt for an origin
    // already granted; Firefox grants on the click itself (the harness turns its prompt off).
    extensionDir = name === 'chromium' ? extensionWithGrantedOrigins(['http://127.0.0.1/*']) : undefined;
    lens = await launchLens(name, { extensionDir });
  }, 120_000);
  afterAll(async () => {
    await lens?.close();
    await index?.close();
    if (extensionDir) rmSync(extensionDir, { recursive: true, force: true });
  });

  /** Opens an article and waits until Lens has decided about it; returns the badge text. */
  async function visit(url: string): Promise<{ text: string; page: Page }> {
    const page = await lens.open(url);
    const tabId = await lens.tabIdOf(page);
    await expect.poll(async () => (await lens.badgeOf(tabId)).title, { timeout: 15_000 }).not.toBe('Modelwire Lens');
    return { text: (await lens.badgeOf(tabId)).text, page };
  }

  const textOf = (page: Page, selector: string) => page.$eval(selector, (element) => element.textContent ?? '');

  async function act(page: Page, button: string): Promise<string> {
    await page.bringToFront();
    await page.click(`::-p-aria([name="${button}"][role="button"])`);
    await page.waitForSelector('main[aria-busy="false"]', { timeout: 30_000 });
    return textOf(page, '[data-testid="notice"]');
  }

  const shardRequests = () => index.requests.filter((request) => request.path.startsWith('shards/'));

  it('is followed from the options page: only the manifest, the filter and the shard table come down', async () => {
    options = await lens.openExtensionPage('options.html');
    await options.waitForSelector('main[aria-busy="false"]');
    await options.click('::-p-aria([name="Feed address"])');
    await options.keyboard.type(index.url);
    const notice = await act(options, 'Save and sync');
    expect(notice).toBe('Synced the coverage index: generation 1, 3,001 coverages in 82 shards.');
    expect(await textOf(options, '[data-testid="feed-mode"]')).toContain('Coverage index');
    expect(await textOf(options, '[data-testid="index-result"]')).toContain('Generation 1: 3,001 coverages');
    expect(index.requests.map((request) => request.path).sort()).toEqual(
      ['index.json', index.manifest.base.filter.path, index.manifest.base.table.path].sort(),
    );
    await lens.screenshot(options, 'options-index-synced');
  });

  it('looks an uncovered article up without any request', async () => {
    const before = index.requests.length;
    const { text, page } = await visit(UNCOVERED_ARTICLE);
    expect(text).not.toBe('MW');
    expect(index.requests.length).toBe(before);
    await page.close();
  });

  it('finds a covered article with one shard request that carries no cookie and no referrer, and none the next time', async () => {
    const before = index.requests.length;
    const first = await visit(INDEX_ONLY_ARTICLE);
    expect(first.text).toBe('MW');
    const made = index.requests.slice(before);
    expect(made).toHaveLength(1);
    expect(shardRequests()).toHaveLength(1);
    expect(made[0]?.path).toMatch(/^shards\/[0-9a-f]{32}\.json\.gz$/);
    expect(made[0]?.cookie).toBeNull();
    expect(made[0]?.referer).toBeNull();
    await lens.screenshot(first.page, 'index-covered-article', { fullPage: false });
    await first.page.close();

    const second = await visit(INDEX_ONLY_ARTICLE);
    expect(second.text).toBe('MW');
    expect(index.requests.length).toBe(before + 1);
    await second.page.close();
  });

  for (const [mode, expected] of [
    ['error-500', 'server failed (500'],
    ['truncated', 'cut short'],
    ['bad-hash', 'does not match its hash'],
    ['hostile-manifest', 'Not a Modelwire Lens index manifest'],
  ] as const) {
    it(`refuses a failing or lying index (${mode}) with a reason and keeps the one in use`, async () => {
      index.setMode(mode);
      const notice = await act(options, 'Sync now');
      expect(notice).toContain(expected);
      expect(await textOf(options, '[data-testid="feed-state"]')).toBe('Last sync failed');
      index.setMode('ok');
      const { text, page } = await visit(INDEX_ONLY_ARTICLE);
      expect(text).toBe('MW');
      await page.close();
    });
  }

  it('says so when the index has not changed (a 304 for the manifest)', async () => {
    const notice = await act(options, 'Sync now');
    expect(notice).toBe('The coverage index has not changed since the last sync.');
    // Still an index: the mode and the generation held stay on the page.
    expect(await textOf(options, '[data-testid="feed-mode"]')).toContain('Coverage index');
    expect(await textOf(options, '[data-testid="index-result"]')).toContain('Generation 1: 3,001 coverages');
    await lens.screenshot(options, 'options-index-after-faults');
  });
});
