// The reader's path in Chromium and Firefox with the built extension: capture on Modelwire, badge and popup on
// publishers, an article whose address changed, pages without coverage, and what Lens fetched.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { browsersToTest, launchLens, type LensBrowsers } from '../harness/lens-browsers';
import { attributeOf, recordConsoleErrors, statusOf, textOf, textsOf } from '../harness/dom';
import type { EntityRecord, MentionRecord } from '../../lib/db/schema';
import type { Coverage } from '../../lib/modelwire/coverage';

const COVERED =
  'https://www.lakesideledger.com/2026/11/18/regional-hospitals-pilot-ai-triage-assistant/?utm_source=newsletter&fbclid=abc';
const UNCOVERED = 'https://www.lakesideledger.com/2026/11/20/city-council-budget-vote/';
const HOME = 'https://www.lakesideledger.com/';
const MODELWIRE_PAGE =
  'https://themodelwire.com/article/open-source-robotics-kit-ships-with-motion-planner-01KX3K9M1N3P5Q7R9S2T4V6W8X';
const MODELWIRE_PARTIAL =
  'https://themodelwire.com/article/council-budget-vote-summary-in-progress-01KX3M2Y4Z6A8B1C3D5E7F9G2H';
const CAPTURED_SOURCE = 'https://circuitweekly.net/news/open-source-robotics-kit/';

describe.each(browsersToTest())('in %s', (name) => {
  let lens: LensBrowsers;
  const consoleErrors: string[] = [];
  const visited = new Set<string>();

  beforeAll(async () => {
    lens = await launchLens(name);
  }, 90_000);
  afterAll(async () => {
    await lens?.close();
  });

  async function visit(url: string): Promise<{ page: Page; tabId: number }> {
    const target = new URL(url);
    visited.add(`${target.hostname}${target.pathname}`);
    const page = await lens.open(url);
    recordConsoleErrors(page, consoleErrors);
    return { page, tabId: await lens.tabIdOf(page) };
  }

  /** Waits until the tab has reported and the popup has left its loading state. */
  async function popupFor(tabId: number, colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
    const popup = await lens.openPopup(tabId, { colorScheme });
    await popup.waitForSelector('main[data-status]:not([data-status="loading"])');
    return popup;
  }

  describe('a publisher article that Modelwire covered', () => {
    it('lights the badge and the popup shows the summary, analyst take, mentions and links', async () => {
      const { page, tabId } = await visit(COVERED);
      await expect.poll(() => lens.badgeOf(tabId), { timeout: 10_000 }).toMatchObject({ text: 'MW' });
      expect((await lens.badgeOf(tabId)).title).toContain('Regional hospitals pilot an AI triage assistant');

      const popup = await popupFor(tabId);
      await expect.poll(() => statusOf(popup)).toBe('covered');
      const headline = await textOf(popup, 'h1');
      expect(headline).toBe('Regional hospitals pilot an AI triage assistant in three emergency rooms');
      expect(await textOf(popup, '.summary')).toContain('Harbor Health Network is testing Kestrel Labs');
      const take = await textsOf(popup, 'section[aria-labelledby="take-heading"] p');
      expect(take).toHaveLength(3);
      expect(take[2]).toMatch(/^Watch whether/);
      // Name, saved summaries that mention it, and (once Lens has read the article's text) how often the article does.
      await expect
        .poll(() => textsOf(popup, '.mentions li'))
        .toEqual(['Harbor Health Network 1 1× here', 'Kestrel Labs 3 2× here', 'Triage Assist 1 1× here']);
      // Kestrel Labs appears in three of the four demo summaries.
      expect(await attributeOf(popup, '.mentions li:nth-child(2) .count', 'aria-label')).toBe('in 3 saved summaries');
      const links = await popup.$$eval('.links a', (anchors) => anchors.map((a) => (a as HTMLAnchorElement).href));
      expect(links).toEqual([
        'https://themodelwire.com/article/regional-hospitals-pilot-ai-triage-assistant-01KX3F8Q2M7V4N6R9T1W5Y8Z0A',
        'https://www.lakesideledger.com/2026/11/18/regional-hospitals-pilot-ai-triage-assistant/',
        'https://themodelwire.com/takedown',
      ]);
      await lens.screenshot(page, 'reader-covered-article');
      await lens.screenshot(popup, 'popup-covered-light');
      const dark = await popupFor(tabId, 'dark');
      await expect.poll(() => statusOf(dark)).toBe('covered');
      await lens.screenshot(dark, 'popup-covered-dark');
      const background = await dark.evaluate(() => getComputedStyle(document.body).backgroundColor);
      expect(background).toBe('rgb(11, 17, 32)');
      await Promise.all([popup.close(), dark.close(), page.close()]);
    });

    it('records the entity mentions of the coverage in IndexedDB', async () => {
      const mentions = await lens.readStore<MentionRecord>('mentions');
      const forArticle = mentions.filter(
        (mention) =>
          mention.articleKey === 'lakesideledger.com/2026/11/18/regional-hospitals-pilot-ai-triage-assistant',
      );
      expect(forArticle.map((mention) => mention.entityKey).sort()).toEqual([
        'harbor health network',
        'kestrel labs',
        'triage assist',
      ]);
      for (const mention of forArticle) {
        expect(mention.coverageId).toBe('01KX3F8Q2M7V4N6R9T1W5Y8Z0A');
        expect(mention.articleUrl).toBe(
          'https://www.lakesideledger.com/2026/11/18/regional-hospitals-pilot-ai-triage-assistant/',
        );
        expect(Date.parse(mention.firstSeen)).toBeLessThanOrEqual(Date.parse(mention.lastSeen));
        expect(mention.timesSeen).toBe(1);
      }
      // The entity cache (schema version 2) is built in the extension's own database.
      const entities = await lens.readStore<EntityRecord>('entities');
      expect(entities.find((entity) => entity.key === 'kestrel labs')).toMatchObject({
        name: 'Kestrel Labs',
        coverageCount: 3,
      });
    });

    it('can be reached through the keyboard alone', async () => {
      const { page, tabId } = await visit(COVERED);
      await expect.poll(() => lens.badgeOf(tabId), { timeout: 10_000 }).toMatchObject({ text: 'MW' });
      const popup = await popupFor(tabId);
      await expect.poll(() => statusOf(popup)).toBe('covered');
      const focused: string[] = [];
      for (let step = 0; step < 4; step++) {
        await popup.keyboard.press('Tab');
        focused.push(await popup.evaluate(() => document.activeElement?.textContent ?? ''));
      }
      // The selected tab first (arrow keys move between tabs), then the panel's links.
      expect(focused).toEqual([
        'Summary',
        'Read on Modelwire',
        'Original article (lakesideledger.com)',
        'Publisher? Takedown page',
      ]);
      const outline = await popup.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle);
      expect(outline).toBe('solid');
      await Promise.all([popup.close(), page.close()]);
    });
  });

  describe('an article whose address changed', () => {
    const MOVED = 'https://www.lakesideledger.com/health/regional-hospitals-pilot-ai-triage-assistant/';

    it('is a question, not an answer: the popup asks, the page stays untouched until the reader confirms', async () => {
      const { page, tabId } = await visit(MOVED);
      const shadow = lens.shadow(page);
      await expect.poll(() => lens.badgeOf(tabId), { timeout: 10_000 }).toMatchObject({ text: '?' });
      const popup = await popupFor(tabId);
      await expect.poll(() => statusOf(popup)).toBe('possible');
      expect(await textOf(popup, '#possible-title')).toBe('Is this the article Modelwire covered?');
      expect(await textOf(popup, '.possible .reasons li')).toBe('same publisher (lakesideledger.com)');
      expect(await textOf(popup, '#coverage-headline')).toBe(
        'Regional hospitals pilot an AI triage assistant in three emergency rooms',
      );
      // No overlay and no underlines for a match the reader has not confirmed.
      expect(await shadow.hosts()).toBe(0);
      expect(await page.evaluate(`CSS.highlights.get('modelwire-lens-entity')?.size ?? 0`)).toBe(0);
      await lens.screenshot(popup, 'popup-possible-match');

      // Keyboard only: Tab to "Yes", Enter.
      await popup.focus('.answer button.primary');
      await popup.keyboard.press('Enter');
      await expect.poll(() => statusOf(popup), { timeout: 10_000 }).toBe('covered');
      expect(await textOf(popup, '.coverage .note')).toBe('You confirmed that this is the article Modelwire covered.');
      await expect.poll(() => lens.badgeOf(tabId)).toMatchObject({ text: 'MW' });
      await expect.poll(() => shadow.exists('.lens:not([hidden]) .pill'), { timeout: 10_000 }).toBe(true);
      await lens.screenshot(popup, 'popup-possible-confirmed');
      await popup.close();

      // The answer is kept for this address: the next visit is a confirmed match at once.
      await page.reload();
      await expect.poll(() => lens.badgeOf(tabId), { timeout: 10_000 }).toMatchObject({ text: 'MW' });
      const again = await popupFor(tabId);
      await expect.poll(() => statusOf(again)).toBe('covered');

      // Taking it back: "Not this article after all" stores the other answer; the overlay goes.
      await again.click('.answer-undo button');
      await expect.poll(() => statusOf(again), { timeout: 10_000 }).toBe('not-covered');
      await expect.poll(() => lens.badgeOf(tabId)).toMatchObject({ text: '' });
      await expect.poll(() => shadow.hosts(), { timeout: 10_000 }).toBe(0);
      await lens.screenshot(again, 'popup-possible-rejected');
      await page.reload();
      const third = await popupFor(tabId);
      await expect.poll(() => statusOf(third), { timeout: 10_000 }).toBe('not-covered');
      // The reader can take the "no" back: Lens asks again.
      expect(await textOf(third, '.answer-undo')).toContain('You said this page is not the article behind');
      await third.click('.answer-undo button');
      await expect.poll(() => statusOf(third), { timeout: 10_000 }).toBe('possible');
      await Promise.all([third.close(), again.close(), page.close()]);
    });
  });

  describe('pages Modelwire did not cover', () => {
    it('an uncovered article: no badge, and the popup says so and shows what was detected', async () => {
      const { page, tabId } = await visit(UNCOVERED);
      const popup = await popupFor(tabId);
      await expect.poll(() => statusOf(popup), { timeout: 10_000 }).toBe('not-covered');
      expect(await textOf(popup, 'h1')).toBe('No Modelwire coverage of this article');
      const facts = await textsOf(popup, '.fact');
      expect(facts).toContain('TitleCouncil delays budget vote over library funding');
      expect(facts).toContain('SiteThe Lakeside Ledger');
      expect(facts).toContain('BylineTomás Ferreira');
      expect(facts).toContain('SectionCity');
      expect(facts).toContain('UpdatedNov 21, 2026');
      expect((await lens.badgeOf(tabId)).text).toBe('');
      await lens.screenshot(popup, 'popup-not-covered');
      await Promise.all([popup.close(), page.close()]);
    });

    it('a home page: the popup says it is not an article, with the reasons', async () => {
      const { page, tabId } = await visit(HOME);
      const popup = await popupFor(tabId);
      await expect.poll(() => statusOf(popup), { timeout: 10_000 }).toBe('not-article');
      expect(await textOf(popup, 'h1')).toBe('This page is not an article');
      expect(await textsOf(popup, '.reasons li')).toContain('is the site’s home page');
      expect((await lens.badgeOf(tabId)).text).toBe('');
      await lens.screenshot(popup, 'popup-not-article');
      await Promise.all([popup.close(), page.close()]);
    });
  });

  describe('reading a Modelwire article page', () => {
    it('captures the coverage, so its source article lights up afterwards', async () => {
      const before = await visit(CAPTURED_SOURCE);
      const popupBefore = await popupFor(before.tabId);
      await expect.poll(() => statusOf(popupBefore), { timeout: 10_000 }).toBe('not-covered');
      await Promise.all([popupBefore.close(), before.page.close()]);

      const modelwire = await visit(MODELWIRE_PAGE);
      await expect.poll(() => lens.badgeOf(modelwire.tabId), { timeout: 10_000 }).toMatchObject({ text: '✓' });
      const coverages = await lens.readStore<Coverage>('coverages');
      const captured = coverages.find((coverage) => coverage.id === '01KX3K9M1N3P5Q7R9S2T4V6W8X');
      expect(captured).toMatchObject({
        origin: 'capture',
        headline: 'A hobby robotics kit ships with an open motion planner',
        mentions: ['Pallet Robotics', 'Kestrel Labs', 'Circuit Weekly'],
        source: {
          url: 'https://circuitweekly.net/news/open-source-robotics-kit/?utm_source=modelwire',
          domain: 'circuitweekly.net',
        },
        takedownUrl: 'https://themodelwire.com/takedown',
        sourceKeys: ['site:circuitweekly.net/news/open-source-robotics-kit'],
        siteKeys: ['circuitweekly.net'],
      });
      expect(captured?.analystTake).toHaveLength(3);
      expect(captured?.drewOn).toHaveLength(2);
      const capturedPopup = await popupFor(modelwire.tabId);
      await expect.poll(() => statusOf(capturedPopup)).toBe('captured');
      expect(await textOf(capturedPopup, '.note')).toContain('Saved');
      await lens.screenshot(modelwire.page, 'modelwire-page');
      await lens.screenshot(capturedPopup, 'popup-captured');
      await Promise.all([capturedPopup.close(), modelwire.page.close()]);

      const after = await visit(CAPTURED_SOURCE);
      await expect.poll(() => lens.badgeOf(after.tabId), { timeout: 10_000 }).toMatchObject({ text: 'MW' });
      const popupAfter = await popupFor(after.tabId);
      await expect.poll(() => textOf(popupAfter, 'h1')).toBe('A hobby robotics kit ships with an open motion planner');
      await Promise.all([popupAfter.close(), after.page.close()]);
    });

    it('a page missing sections gives a partial record and says what was missing', async () => {
      const { page, tabId } = await visit(MODELWIRE_PARTIAL);
      await expect.poll(() => lens.badgeOf(tabId), { timeout: 10_000 }).toMatchObject({ text: '✓' });
      const popup = await popupFor(tabId);
      await expect.poll(() => statusOf(popup)).toBe('captured');
      const note = await textOf(popup, '.note');
      // The note names the publisher's domain without linking it: the record keeps the domain, so no source is missing.
      expect(note).toContain('Not found on the page: analyst take, mentions, takedown link.');
      expect(await textsOf(popup, '.links a')).toEqual(['Read on Modelwire']);
      await Promise.all([popup.close(), page.close()]);
    });
  });

  describe('hygiene', () => {
    it('left no errors in the consoles of the pages it ran on', () => {
      expect(consoleErrors).toEqual([]);
    });

    it('fetched nothing but the pages the tests opened: no lookups, no telemetry', () => {
      // Browsers ask for favicons on their own. (Single-page apps: test/e2e/browsers.e2e.ts, in every browser.)
      const expected = visited;
      const unexpected = lens.server.requests.filter(
        (request) => !expected.has(request) && !request.endsWith('/favicon.ico'),
      );
      expect(unexpected).toEqual([]);
    });
  });
});
