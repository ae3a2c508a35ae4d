// The static coverage index in real Chromium: the options page follows an index (manifest, filter and shard table
// only), an uncovered article costs no request, a covered one exactly one shard request without cookie or referrer,
// and none the next time. Then the index server fails or lies in every way the harness knows, and the index in use
// stays in use.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { extensionWithGrantedOrigins, launchWithExtension, type LensBrowser } from '../harness/browser';
import { startFixtureServer, type FixtureServer } from '../harness/fixture-server';
import { startIndexServer, type IndexServer } from '../harness/index-server';
import { screenshot } from '../harness/screenshots';

const INDEX_ONLY_ARTICLE = 'https://www.lakesideledger.com/2026/11/22/port-cranes-run-night-shift-on-autopilot/';
const UNCOVERED_ARTICLE = 'https://www.lakesideledger.com/2026/11/20/city-council-budget-vote/';

let fixtures: FixtureServer;
let index: IndexServer;
let lens: LensBrowser;
let extensionDir: string;
let options: Page;

beforeAll(async () => {
  fixtures = await startFixtureServer();
  index = await startIndexServer();
  extensionDir = extensionWithGrantedOrigins(['http://127.0.0.1/*']);
  lens = await launchWithExtension({ port: fixtures.port, hosts: fixtures.hosts, extensionDir });
}, 120_000);
afterAll(async () => {
  await lens?.close();
  await index?.close();
  await fixtures?.close();
  if (extensionDir) rmSync(extensionDir, { recursive: true, force: true });
});

/** Opens an article and waits until Lens has decided about it; returns the badge text. */
async function visit(url: string): Promise<{ text: string; page: Page }> {
  const page = await lens.context.newPage();
  await page.goto(url);
  const tabId = await lens.tabIdOf(page);
  await expect.poll(async () => (await lens.badgeOf(tabId)).title, { timeout: 15_000 }).not.toBe('Modelwire Lens');
  return { text: (await lens.badgeOf(tabId)).text, page };
}

async function act(page: Page, name: string): Promise<string> {
  await page.getByRole('button', { name, exact: true }).click();
  await page.waitForSelector('main[aria-busy="false"]', { timeout: 30_000 });
  return (await page.textContent('[data-testid="notice"]')) ?? '';
}

const shardRequests = () => index.requests.filter((request) => request.path.startsWith('shards/'));

describe('the coverage index', () => {
  it('is followed from the options page: only the manifest, the filter and the shard table come down', async () => {
    options = await lens.context.newPage();
    await options.goto(`chrome-extension://${lens.extensionId}/options.html`);
    await options.waitForSelector('main[aria-busy="false"]');
    await options.getByLabel('Feed address').fill(index.url);
    const notice = await act(options, 'Save and sync');
    expect(notice).toBe('Synced the coverage index: generation 1, 3,001 coverages in 82 shards.');
    expect(await options.textContent('[data-testid="feed-mode"]')).toContain('Coverage index');
    expect(await options.textContent('[data-testid="index-result"]')).toContain('Generation 1: 3,001 coverages');
    expect(index.requests.map((request) => request.path).sort()).toEqual(
      ['index.json', index.manifest.base.filter.path, index.manifest.base.table.path].sort(),
    );
    await screenshot(options, 'options-index-synced');
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
    await screenshot(first.page, 'index-covered-article');
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
      expect(await options.textContent('[data-testid="feed-state"]')).toBe('Last sync failed');
      index.setMode('ok');
      const { text, page } = await visit(INDEX_ONLY_ARTICLE);
      expect(text).toBe('MW');
      await page.close();
    });
  }

  it('says so when the index has not changed (a 304 for the manifest)', async () => {
    const notice = await act(options, 'Sync now');
    expect(notice).toMatch(/has not changed|up to date/);
    await screenshot(options, 'options-index-after-faults');
  });
});
