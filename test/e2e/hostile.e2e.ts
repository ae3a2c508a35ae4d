// Hostile situations from RELIABILITY.md that concern the reader's path, in Chromium and Firefox: a page that breaks
// built-ins and forges Lens's messages, frames of every kind, the extension reloaded under an open tab, and (Chromium
// only: Firefox runs Lens's MV2 background as a persistent page, which is never stopped) a stopped service worker.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { pause } from '../harness/dom';
import { browsersToTest, launchLens, type LensBrowsers } from '../harness/lens-browsers';
import type { Coverage } from '../../lib/modelwire/coverage';
import type { MentionRecord } from '../../lib/db/schema';

describe.each(browsersToTest())('in %s', (name) => {
  let lens: LensBrowsers;

  beforeAll(async () => {
    lens = await launchLens(name);
  }, 90_000);
  afterAll(async () => {
    await lens?.close();
  });

  /** Collects the errors of a page: uncaught ones, and console errors (or warnings too). */
  function errorsOf(page: Page, options: { warnings?: boolean; fromExtensionOnly?: boolean } = {}): string[] {
    const errors: string[] = [];
    const fromExtension = (where: string | undefined) => /^(chrome|moz)-extension:/.test(where ?? '');
    page.on('console', (message) => {
      const counted = message.type() === 'error' || (options.warnings === true && message.type() === 'warn');
      if (counted && (!options.fromExtensionOnly || fromExtension(message.location().url))) errors.push(message.text());
    });
    page.on('pageerror', (error) => {
      const stack = error instanceof Error ? (error.stack ?? '') : String(error);
      if (!options.fromExtensionOnly || /(chrome|moz)-extension:/.test(stack)) errors.push(String(error));
    });
    return errors;
  }

  async function popupStatus(popup: Page): Promise<string | null> {
    return popup.$eval('main', (main) => main.getAttribute('data-status')).catch(() => null);
  }

  describe('a hostile page', () => {
    it('that breaks built-ins and forges protocol messages still gets an honest answer, and its forgeries are ignored', async () => {
      const page = await lens.browser.newPage();
      const extensionErrors = errorsOf(page, { fromExtensionOnly: true });
      await page.goto('https://www.lakesideledger.com/hostile/');
      const tabId = await lens.tabIdOf(page);
      // Matched through its canonical link: the content script's isolated world never saw the page's broken built-ins.
      await expect.poll(() => lens.badgeOf(tabId), { timeout: 10_000 }).toMatchObject({ text: 'MW' });
      await pause(500);
      const coverages = await lens.readStore<Coverage>('coverages');
      expect(coverages.map((coverage) => coverage.headline)).not.toContain('FORGED');
      const mentions = await lens.readStore<MentionRecord>('mentions');
      expect(mentions.map((mention) => mention.entity)).not.toContain('Forged Entity');
      expect(extensionErrors).toEqual([]);
      await page.close();
    });
  });

  describe('frames', () => {
    it('same-origin, cross-origin, sandboxed, srcdoc and blank frames: Lens speaks for the top page only', async () => {
      const page = await lens.browser.newPage();
      const errors = errorsOf(page);
      await page.goto('https://www.lakesideledger.com/frames/', { waitUntil: 'load' });
      const tabId = await lens.tabIdOf(page);
      const popup = await lens.openPopup(tabId);
      // The top page is an article Modelwire did not cover; two of its frames are covered articles.
      await expect.poll(() => popupStatus(popup), { timeout: 10_000 }).toBe('not-covered');
      const title = await popup.$$eval(
        '.fact',
        (facts) => facts.find((fact) => (fact.textContent ?? '').includes('Title'))?.textContent ?? '',
      );
      expect(title).toContain('Readers');
      await pause(1000);
      expect((await lens.badgeOf(tabId)).text).toBe('');
      const mentions = await lens.readStore<MentionRecord>('mentions');
      expect(mentions.filter((mention) => mention.articleKey.startsWith('circuitweekly.net/news/orbital'))).toEqual([]);
      expect(errors).toEqual([]);
      await Promise.all([popup.close(), page.close()]);
    });
  });

  if (name === 'chromium') {
    describe('the service worker', () => {
      it('stopped between two pages, wakes for the next report and answers it from stored state', async () => {
        const first = await lens.open('https://www.lakesideledger.com/2026/11/20/city-council-budget-vote/');
        const cdp = await first.createCDPSession();
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

        const second = await lens.open('https://circuitweekly.net/news/orbital-compute-delays-second-fab/');
        const tabId = await lens.tabIdOf(second);
        const popup = await lens.openPopup(tabId);
        await expect
          .poll(() => popup.$eval('h1', (h) => h.textContent).catch(() => null), { timeout: 10_000 })
          .toBe('Orbital Compute pushes its second chip fab back by a year');
        // The report of the second page woke the worker again.
        expect(statuses.slice(stoppedAt)).toContain('running');
        await expect.poll(() => lens.badgeOf(tabId), { timeout: 10_000 }).toMatchObject({ text: 'MW' });
        // The demo data was not loaded twice by the restarted worker.
        const coverages = await lens.readStore<Coverage>('coverages');
        expect(coverages.filter((coverage) => coverage.origin === 'demo')).toHaveLength(4);
        await cdp.detach();
        await Promise.all([popup.close(), first.close(), second.close()]);
      });
    });
  }

  // Last in the file: the extension reloads itself under an open tab. (Chromium does not bring back an extension
  // loaded from the command line after it reloads itself, so what can be shown is the orphaned content script's half.)
  it('reloaded while a tab is open: the old content script goes quiet, without errors', async () => {
    const page = await lens.open('https://northbound.tech/app/');
    const errors = errorsOf(page, { warnings: true });
    await pause(500);
    // The call never answers: the extension page asking is reloaded with the rest.
    void lens
      .inExtension('async (api) => { setTimeout(() => api.runtime.reload(), 50); }', null)
      .catch(() => undefined);
    // The extension page that asked is gone with the old extension (or never answers again).
    const answers = () =>
      Promise.race([
        lens.inExtension('async () => true', null).then(
          () => 'answers',
          () => 'gone',
        ),
        pause(1000).then(() => 'gone'),
      ]);
    await expect.poll(answers, { timeout: 10_000 }).toBe('gone');
    // The single-page app navigates: the orphaned script's location watcher fires into a dead extension context.
    await page.bringToFront();
    await page.click('#open-story');
    await expect.poll(() => page.url()).toContain('/analysis/kestrel-labs-opens-model-weights');
    await pause(2500);
    expect(errors).toEqual([]);
    await page.close();
  });
});
