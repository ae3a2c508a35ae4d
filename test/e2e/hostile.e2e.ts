// Hostile situations from RELIABILITY.md that concern the reader's path so far.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lensSession } from '../harness/browser';
import { readStore } from '../harness/idb';
import type { Coverage } from '../../lib/modelwire/coverage';
import type { MentionRecord } from '../../lib/db/schema';

const session = lensSession({ beforeAll, afterAll });

describe('a hostile page', () => {
  it('that breaks built-ins and forges protocol messages still gets an honest answer, and its forgeries are ignored', async () => {
    const page = await session.lens.context.newPage();
    const extensionErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' && message.location().url.startsWith('chrome-extension://'))
        extensionErrors.push(message.text());
    });
    page.on('pageerror', (error) => {
      if (error.stack?.includes('chrome-extension://')) extensionErrors.push(error.message);
    });
    await page.goto('https://www.lakesideledger.com/hostile/');
    const tabId = await session.lens.tabIdOf(page);
    // Matched through its canonical link: the content script's isolated world never saw the page's broken built-ins.
    await expect.poll(() => session.lens.badgeOf(tabId), { timeout: 10_000 }).toMatchObject({ text: 'MW' });
    await page.waitForTimeout(500);
    const coverages = await readStore<Coverage>(await session.lens.worker(), 'coverages');
    expect(coverages.map((coverage) => coverage.headline)).not.toContain('FORGED');
    const mentions = await readStore<MentionRecord>(await session.lens.worker(), 'mentions');
    expect(mentions.map((mention) => mention.entity)).not.toContain('Forged Entity');
    expect(extensionErrors).toEqual([]);
    await page.close();
  });
});

describe('frames', () => {
  it('same-origin, cross-origin, sandboxed, srcdoc and blank frames: Lens speaks for the top page only', async () => {
    const page = await session.lens.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto('https://www.lakesideledger.com/frames/');
    await page.waitForLoadState('load');
    const tabId = await session.lens.tabIdOf(page);
    const popup = await session.lens.openPopup(tabId);
    // The top page is an article Modelwire did not cover; two of its frames are covered articles.
    await expect.poll(() => popup.getAttribute('main', 'data-status'), { timeout: 10_000 }).toBe('not-covered');
    expect(await popup.locator('.fact', { hasText: 'Title' }).textContent()).toContain('Readers');
    await page.waitForTimeout(1000);
    expect((await session.lens.badgeOf(tabId)).text).toBe('');
    const mentions = await readStore<MentionRecord>(await session.lens.worker(), 'mentions');
    expect(mentions.filter((mention) => mention.articleKey.startsWith('circuitweekly.net/news/orbital'))).toEqual([]);
    expect(errors).toEqual([]);
    await Promise.all([popup.close(), page.close()]);
  });
});

describe('the service worker', () => {
  it('stopped between two pages, wakes for the next report and answers it from stored state', async () => {
    const first = await session.lens.context.newPage();
    await first.goto('https://www.lakesideledger.com/2026/11/20/city-council-budget-vote/');
    const cdp = await session.lens.context.newCDPSession(first);
    const statuses: string[] = [];
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      for (const version of versions)
        if (version.scriptURL.startsWith('chrome-extension://')) statuses.push(version.runningStatus);
    });
    await cdp.send('ServiceWorker.enable');
    const before = statuses.length;
    await cdp.send('ServiceWorker.stopAllWorkers');
    // Wait for the stop itself; another event may wake the worker again at once, which is fine.
    await expect.poll(() => statuses.slice(before).includes('stopped'), { timeout: 10_000 }).toBe(true);
    const stoppedAt = before + statuses.slice(before).indexOf('stopped');

    const second = await session.lens.context.newPage();
    await second.goto('https://circuitweekly.net/news/orbital-compute-delays-second-fab/');
    const tabId = await session.lens.tabIdOf(second);
    const popup = await session.lens.openPopup(tabId);
    await expect
      .poll(() => popup.textContent('h1'), { timeout: 10_000 })
      .toBe('Orbital Compute pushes its second chip fab back by a year');
    // The report of the second page woke the worker again.
    expect(statuses.slice(stoppedAt)).toContain('running');
    await expect.poll(() => session.lens.badgeOf(tabId), { timeout: 10_000 }).toMatchObject({ text: 'MW' });
    // The demo data was not loaded twice by the restarted worker.
    const coverages = await readStore<Coverage>(await session.lens.worker(), 'coverages');
    expect(coverages.filter((coverage) => coverage.origin === 'demo')).toHaveLength(4);
    await Promise.all([popup.close(), first.close(), second.close()]);
  });

  // Last in the file: Chromium does not bring back an extension loaded from the command line after it reloads itself,
  // so what can be shown here is the orphaned content script's half.
  it('reloaded while a tab is open: the old content script goes quiet, without errors', async () => {
    const page = await session.lens.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') errors.push(message.text());
    });
    await page.goto('https://northbound.tech/app/');
    await page.waitForTimeout(500);
    const worker = await session.lens.worker();
    await worker.evaluate(() => chrome.runtime.reload()).catch(() => undefined);
    await expect.poll(() => session.lens.context.serviceWorkers().length, { timeout: 10_000 }).toBe(0);
    // The single-page app navigates: the orphaned script's location watcher fires into a dead extension context.
    await page.click('#open-story');
    await page.waitForURL('**/analysis/kestrel-labs-opens-model-weights');
    await page.waitForTimeout(2500);
    expect(errors).toEqual([]);
    await page.close();
  });
});
