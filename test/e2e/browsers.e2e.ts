// Flows across Lens's pages, in Chromium and Firefox (the browser is the harness's parameter): dark mode in the card and
// the popup, a single-page app changing its address, the popup's Check tab (verdict, exports, takedown, a pasted
// summary, the second opinion), the side panel and sidebar, clipping through to the library's Markdown export, and
// narrow (phone-sized) windows where nothing of Lens may cover the article's text. The badge, popup and overlay on
// their own are in reader.e2e.ts and overlay.e2e.ts; clips and the library in clips.e2e.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { pause, recordConsoleErrors } from '../harness/dom';
import { browsersToTest, launchLens, type LensBrowsers, type ShadowView } from '../harness/lens-browsers';
import { selectText } from '../harness/text-in-page';
import { readFileSync } from 'node:fs';

const COVERED = 'https://www.lakesideledger.com/2026/11/18/regional-hospitals-pilot-ai-triage-assistant/';
const OTHER_COVERED = 'https://circuitweekly.net/news/orbital-compute-delays-second-fab/';
const SPA = 'https://northbound.tech/app/';

type Box = { left: number; top: number; right: number; bottom: number };

/** The boxes of the article's text lines (each line of each paragraph and heading), in viewport coordinates. */
async function articleLines(page: Page): Promise<Box[]> {
  return (await page.evaluate(`(() => {
    const out = [];
    for (const block of document.querySelectorAll('article h1, article p, article li')) {
      const range = document.createRange();
      range.selectNodeContents(block);
      for (const r of range.getClientRects()) if (r.width > 0 && r.height > 0)
        out.push({ left: r.left, top: r.top, right: r.right, bottom: r.bottom });
    }
    return out;
  })()`)) as Box[];
}

/** How far a page reaches past the window's right edge (a sideways scroll), in pixels, and what reaches there. */
function sidewaysOverflow(page: Page): Promise<{ by: number; what: string[] }> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const what: string[] = [];
    for (const element of document.querySelectorAll('body *')) {
      const box = element.getBoundingClientRect();
      if (box.right > width + 0.5 && what.length < 5)
        what.push(`${element.tagName.toLowerCase()}.${element.className} ${Math.round(box.right)}`);
    }
    // Text that overflows its box (a long address that does not break) is not an element's box.
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node !== null && what.length < 5; node = walker.nextNode()) {
      const range = document.createRange();
      range.selectNodeContents(node);
      const right = Math.max(0, ...[...range.getClientRects()].map((rect) => rect.right));
      if (right > width + 0.5) what.push(`text "${(node.textContent ?? '').slice(0, 40)}" ${Math.round(right)}`);
    }
    return { by: document.documentElement.scrollWidth - width, what };
  });
}

function overlaps(a: Box, b: Box): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

describe.each(browsersToTest())('in %s', (name) => {
  let lens: LensBrowsers;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    lens = await launchLens(name);
  }, 90_000);
  afterAll(async () => {
    await lens?.close();
  });

  async function visit(url: string, view: Parameters<LensBrowsers['open']>[1] = {}): Promise<Page> {
    const page = await lens.open(url, view);
    recordConsoleErrors(page, consoleErrors);
    return page;
  }

  async function pillShown(shadow: ShadowView): Promise<boolean> {
    return shadow.exists('.lens:not([hidden]) .pill');
  }

  async function popupFor(tabId: number, view: Parameters<LensBrowsers['openPopup']>[1] = {}): Promise<Page> {
    const popup = await lens.openPopup(tabId, view);
    await popup.waitForSelector('main[data-status]:not([data-status="loading"])');
    return popup;
  }

  const statusOf = (popup: Page) => popup.$eval('main', (main) => main.getAttribute('data-status'));

  it('follows the system’s dark mode, in the popup and in the card', async () => {
    const page = await visit(OTHER_COVERED, { colorScheme: 'dark' });
    const shadow = lens.shadow(page);
    await expect.poll(() => pillShown(shadow), { timeout: 10_000 }).toBe(true);
    await shadow.click('.pill');
    expect(await shadow.run('(root) => getComputedStyle(root.querySelector(".card")).backgroundColor')).toBe(
      'rgb(11, 17, 32)',
    );
    await lens.screenshot(page, 'browsers-card-dark', { fullPage: false });
    const popup = await popupFor(await lens.tabIdOf(page), { colorScheme: 'dark' });
    await expect.poll(() => statusOf(popup)).toBe('covered');
    expect(await popup.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(11, 17, 32)');
    await lens.screenshot(popup, 'browsers-popup-dark');
    await Promise.all([popup.close(), page.close()]);
  });

  it('detects again when a single-page app changes the address without a new document', async () => {
    const page = await visit(SPA);
    const tabId = await lens.tabIdOf(page);
    const popup = await popupFor(tabId);
    await expect.poll(() => statusOf(popup), { timeout: 10_000 }).toBe('not-article');
    // The reader clicks in the article's tab, which is in front again (the popup opened as a tab of its own).
    await page.bringToFront();
    await page.click('#open-story');
    await expect.poll(() => page.url()).toContain('/analysis/kestrel-labs-opens-model-weights');
    await expect.poll(() => lens.badgeOf(tabId), { timeout: 10_000 }).toMatchObject({ text: 'MW' });
    await expect.poll(() => statusOf(popup), { timeout: 10_000 }).toBe('covered');
    await Promise.all([popup.close(), page.close()]);
  });

  describe('the check tab', () => {
    const UNCOVERED_BUDGET = 'https://www.lakesideledger.com/2026/11/20/city-council-budget-vote/';
    const COPIED =
      'The draft budget would hold library spending flat at $4.2 million, which the library board says would force it to close the Eastside and Harbor Road branches on Saturdays from March. The council also voted to sell the old ferry terminal for $2 million.';

    async function openCheckTab(url: string, status: string): Promise<{ page: Page; popup: Page }> {
      const page = await visit(url);
      const popup = await popupFor(await lens.tabIdOf(page));
      await expect.poll(() => statusOf(popup), { timeout: 10_000 }).toBe(status);
      await popup.click('::-p-aria([name="Check summary"][role="tab"])');
      return { page, popup };
    }
    const figure = (popup: Page, label: string) =>
      popup.$$eval(
        '.figure',
        (figures, wanted) =>
          figures.find((entry) => entry.querySelector('dt')?.textContent === wanted)?.querySelector('dd')?.textContent,
        label,
      );

    it('reports the verdict, reuse, support, facts and attribution, exports them, and leads to the takedown page with the report copied', async () => {
      const { page, popup } = await openCheckTab(COVERED, 'covered');
      await popup.click('::-p-aria([name="Check Modelwire’s summary"][role="button"])');
      await popup.waitForSelector('.report', { timeout: 15_000 });
      // The verdict comes first: consistent, with no sign that the summary goes beyond the article.
      expect(await popup.$eval('.report > :nth-child(2)', (verdict) => verdict.className)).toBe('verdict consistent');
      expect(await popup.$eval('#verdict-heading', (heading) => heading.textContent)).toMatch(
        /^Nothing found beyond the article \(score 0\.\d+\)$/,
      );
      expect(await popup.$$eval('.reasons li', (reasons) => reasons.length)).toBe(0);
      await lens.screenshot(popup, 'browsers-check-verdict-consistent');
      expect(await figure(popup, 'Verbatim reuse')).toBe('0%');
      expect(await figure(popup, 'Weakly supported')).toBe('1 of 2 sentences');
      expect(await figure(popup, 'Facts not in the article')).toBe('0');
      expect(await popup.$$eval('.attribution li', (items) => items.map((item) => item.textContent))).toEqual([
        expect.stringMatching(/^Source linked: yes/),
        expect.stringMatching(/^Publisher named: yes/),
        expect.stringMatching(/^Takedown page: yes/),
      ]);
      await popup.click('::-p-aria([name="Export Markdown"][role="button"])');
      const markdown = readFileSync(await lens.downloaded(/^modelwire-check-regional-hospitals.*\.md$/), 'utf8');
      expect(markdown).toMatch(/^# Summarisation check: Regional hospitals pilot an AI triage assistant/);
      expect(markdown.indexOf('## Verdict')).toBeLessThan(markdown.indexOf('## Length'));
      await popup.click('::-p-aria([name="Export JSON"][role="button"])');
      const json = JSON.parse(
        readFileSync(await lens.downloaded(/^modelwire-check-regional-hospitals.*\.json$/), 'utf8'),
      );
      expect(json).toMatchObject({
        version: 1,
        verdict: { label: 'consistent', reasons: [] },
        article: { url: COVERED },
        support: { weak: 1 },
        attribution: { takedownPage: { status: 'yes' } },
      });

      // The new tab starts as about:blank in Firefox, so wait for a tab at the address, not for the tab's creation.
      const opened = lens.browser.waitForTarget((target) => target.url() === 'https://themodelwire.com/takedown', {
        timeout: 10_000,
      });
      await popup.click('::-p-aria([name="Request a different summarisation policy"][role="button"])');
      await expect
        .poll(() => popup.$eval('.check-status', (status) => status.textContent))
        .toContain('The report is on your clipboard');
      expect((await opened).url()).toBe('https://themodelwire.com/takedown');
      // What was copied, pasted back into the popup's own text box: the report really is on the clipboard.
      await popup.bringToFront();
      await popup.click('.paste summary');
      await popup.focus('textarea');
      await popup.keyboard.down('Control');
      await popup.keyboard.press('v');
      await popup.keyboard.up('Control');
      expect(await popup.$eval('textarea', (area) => (area as HTMLTextAreaElement).value)).toContain(
        '# Summarisation check: Regional hospitals',
      );
      await Promise.all([popup.close(), page.close()]);
    });

    it('checks a pasted summary: the copied passage highlighted without changing the page, the invented figure as the verdict’s reason', async () => {
      const { page, popup } = await openCheckTab(UNCOVERED_BUDGET, 'not-covered');
      const domBefore = await page.evaluate(() => new XMLSerializer().serializeToString(document.body));
      expect(await popup.$$('::-p-aria([name="Check Modelwire’s summary"][role="button"])')).toHaveLength(0);
      await popup.focus('textarea');
      await popup.keyboard.type(COPIED);
      await popup.click('::-p-aria([name="Check pasted text"][role="button"])');
      await popup.waitForSelector('.report', { timeout: 15_000 });
      expect(Number.parseFloat((await figure(popup, 'Verbatim reuse')) ?? '0')).toBeGreaterThan(50);
      expect(await figure(popup, 'Longest shared run')).toBe('31 words');
      const facts = await popup.$$eval('.facts-missing li', (items) => items.map((item) => item.textContent));
      expect(facts).toContain('money “$2 million”: the source has no such figure');
      expect(facts.join('\n')).not.toContain('$4.2 million');
      expect(await popup.$eval('.attribution li', (item) => item.textContent)).toContain('not applicable');
      // The verdict names the invented figure beside the article's passage it was compared with.
      expect(await popup.$eval('.verdict', (verdict) => verdict.className)).toBe('verdict inconsistent');
      expect(await popup.$eval('#verdict-heading', (heading) => heading.textContent)).toMatch(
        /^Says what the article does not \(score 0\.\d+\)$/,
      );
      expect(await popup.$eval('.reasons li', (item) => item.textContent)).toContain(
        'figure not in the article: the money “$2 million”',
      );
      expect(await popup.$eval('.reasons li .article-side', (side) => side.textContent)).toMatch(/^Article “[\s\S]+”$/);
      await lens.screenshot(popup, 'browsers-check-verdict-inconsistent');

      await popup.click('::-p-aria([name="Highlight reused text on the page"][role="button"])');
      await expect
        .poll(() => popup.$eval('.check-status', (status) => status.textContent))
        .toContain('Highlighted 1 reused passage on the page.');
      const highlighted = await page.evaluate(() => {
        const highlight = CSS.highlights.get('modelwire-lens-reuse');
        return highlight ? [...highlight].map((range) => (range as Range).toString()) : [];
      });
      expect(highlighted).toHaveLength(1);
      expect(highlighted[0]).toMatch(/^The draft budget would hold library spending flat at \$4\.2 million/);
      expect(await page.evaluate(() => new XMLSerializer().serializeToString(document.body))).toBe(domBefore);
      await lens.screenshot(page, 'browsers-page-reuse-highlighted', { fullPage: false });
      await Promise.all([popup.close(), page.close()]);
    });

    it('says clearly when there is nothing to check', async () => {
      const { page, popup } = await openCheckTab(UNCOVERED_BUDGET, 'not-covered');
      await popup.click('::-p-aria([name="Check pasted text"][role="button"])');
      expect(await popup.$eval('[role="alert"]', (alert) => alert.textContent)).toBe(
        'There is no summary text to check.',
      );
      await Promise.all([popup.close(), page.close()]);
    });

    it('moves between the popup’s tabs with the arrow keys', async () => {
      const { page, popup } = await openCheckTab(COVERED, 'covered');
      await popup.focus('#tab-check');
      await popup.keyboard.press('ArrowLeft');
      expect(await popup.$eval('[role="tab"][aria-selected="true"]', (tab) => tab.id)).toBe('tab-summary');
      expect(await popup.evaluate(() => document.activeElement?.id)).toBe('tab-summary');
      await popup.keyboard.press('ArrowRight');
      expect(await popup.$eval('[role="tab"][aria-selected="true"]', (tab) => tab.id)).toBe('tab-check');
      await Promise.all([popup.close(), page.close()]);
    });
  });

  it('checks a page where Lens finds little text with a second opinion, and the report says so', async () => {
    // A newsletter post whose whole text sits in a container Lens's extractor takes for a sign-up box.
    const page = await visit('https://www.lakesideledger.com/newsletter/2026/11/rates-hold/');
    const popup = await popupFor(await lens.tabIdOf(page));
    await popup.click('::-p-aria([name="Check summary"][role="tab"])');
    // With no Modelwire summary to check, the box for a pasted one is already open.
    expect(await popup.$eval('.paste', (details) => (details as HTMLDetailsElement).open)).toBe(true);
    await popup.focus('textarea');
    await popup.keyboard.type(
      'The bank board kept its rate at 4.25 percent, and the ten-year yield ended the week at 3.9 percent.',
    );
    await popup.click('::-p-aria([name="Check pasted text"][role="button"])');
    await popup.waitForSelector('.report', { timeout: 15_000 });
    expect(await popup.$eval('.verdict .note', (note) => note.textContent)).toMatch(
      /^Lens found only \d+ words of article text on this page; the check used Mozilla Readability's reading of it \(\d+ words\)\.$/,
    );
    expect(await popup.$eval('#verdict-heading', (heading) => heading.textContent)).toMatch(
      /^(Nothing found|No clear sign it goes) beyond the article/,
    );
    await lens.screenshot(popup, 'browsers-check-second-opinion');
    await Promise.all([popup.close(), page.close()]);
  });

  it('checks a short news item behind a consent notice and before a subscription wall against the news item alone', async () => {
    // The notice comes first in the page, in its flow, with class names that say nothing, and has more words than the
    // story; a subscription wall and a list of other stories follow the story in its container. A summary that copies
    // one sentence of the story, the notice and the wall: the story's is reused, the others are not the article's, and
    // the list does not make the second extractor's reading (story and list) look like more of the story.
    const page = await visit('https://www.lakesideledger.com/2026/11/25/ferry-resumes/');
    const popup = await popupFor(await lens.tabIdOf(page));
    await popup.click('::-p-aria([name="Check summary"][role="tab"])');
    await popup.focus('textarea');
    await popup.keyboard.type(
      'The operator said divers had checked the pier, and that the evening crossing would run as usual from Wednesday, with 14 sailings a week until March. ' +
        'You can change your choices at any time from the link at the bottom of every page, withdraw them, or object to processing based on legitimate interest. ' +
        'Support local reporting from one euro a week and get every story on the site and in the app.',
    );
    await popup.click('::-p-aria([name="Check pasted text"][role="button"])');
    await popup.waitForSelector('.report', { timeout: 15_000 });
    const figure = (label: string) =>
      popup.$$eval(
        '.figure',
        (figures, wanted) =>
          figures.find((entry) => entry.querySelector('dt')?.textContent === wanted)?.querySelector('dd')?.textContent,
        label,
      );
    expect(await figure('Weakly supported')).toBe('2 of 3 sentences');
    expect(await popup.$('.verdict .note')).toBeNull(); // Lens's own reading: no second opinion taken
    const reuse = Number.parseFloat((await figure('Verbatim reuse')) ?? '0');
    // The story's sentence is 26 of the summary's 72 words.
    expect(reuse).toBeGreaterThan(20);
    expect(reuse).toBeLessThan(45);
    await lens.screenshot(popup, 'browsers-check-behind-consent-notice');
    await Promise.all([popup.close(), page.close()]);
  });

  describe('the side panel', () => {
    async function sidePanelFor(tabId: number, colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
      const panel = await lens.openExtensionPage(`sidepanel.html?tabId=${tabId}`, {
        width: 420,
        height: 900,
        colorScheme,
      });
      await panel.waitForSelector('main[data-status]:not([data-status="loading"])');
      return panel;
    }

    it('shows the covered article’s context and the names in the article, each with other coverage', async () => {
      const page = await visit(COVERED);
      const tabId = await lens.tabIdOf(page);
      await expect.poll(async () => (await lens.badgeOf(tabId)).text, { timeout: 10_000 }).toBe('MW');
      const panel = await sidePanelFor(tabId);
      await expect.poll(() => statusOf(panel)).toBe('covered');
      expect(await panel.$eval('h1', (h) => h.textContent)).toBe(
        'Regional hospitals pilot an AI triage assistant in three emergency rooms',
      );
      await panel.waitForSelector('#entities-heading');
      expect(await panel.$eval('#entities-heading', (h) => h.textContent)).toBe('Mentions (3)');
      // Each name once: the coverage's mentions are the panel's list, not a second list beside it.
      expect(await panel.$$('#mentions-heading')).toHaveLength(0);
      const kestrel = '::-p-aria([name="Kestrel Labs"][role="button"])';
      expect(await panel.$$(kestrel)).toHaveLength(1);
      await panel.focus(kestrel);
      await panel.keyboard.press('Enter');
      expect(await panel.$eval(kestrel, (button) => button.getAttribute('aria-expanded'))).toBe('true');
      await expect
        .poll(() => panel.$$eval('.entity-coverages li a', (links) => links.map((link) => link.textContent)))
        .toEqual([
          'Kestrel Labs publishes the weights of its mid-size model',
          'Orbital Compute pushes its second chip fab back by a year',
        ]);
      await lens.screenshot(panel, 'browsers-sidepanel-covered');
      const dark = await sidePanelFor(tabId, 'dark');
      await expect.poll(() => statusOf(dark)).toBe('covered');
      await lens.screenshot(dark, 'browsers-sidepanel-covered-dark');
      await Promise.all([panel.close(), dark.close(), page.close()]);
    });

    it('lists the names Lens knows in an uncovered article', async () => {
      const page = await visit('https://www.lakesideledger.com/2026/11/22/port-cranes-run-night-shift-on-autopilot/');
      const panel = await sidePanelFor(await lens.tabIdOf(page));
      await expect.poll(() => statusOf(panel)).toBe('not-covered');
      await panel.waitForSelector('#entities-heading');
      await expect
        .poll(() => panel.$eval('.entity-list li', (item) => item.textContent))
        .toBe('Kestrel Labs 2× here · in 3 saved summaries');
      await lens.screenshot(panel, 'browsers-sidepanel-not-covered');
      await Promise.all([panel.close(), page.close()]);
    });
  });

  it('opens the side panel (Chrome) or the sidebar (Firefox) from the popup', async () => {
    const page = await visit(COVERED);
    const popup = await popupFor(await lens.tabIdOf(page));
    const sidePanel =
      name === 'chromium'
        ? lens.browser.waitForTarget((target) => target.url().includes('/sidepanel.html'), { timeout: 10_000 })
        : null;
    await popup.click('::-p-aria([name="Open in side panel"][role="button"])');
    if (sidePanel !== null) expect((await sidePanel).url()).toContain('/sidepanel.html');
    else
      await expect
        .poll(() => lens.inExtension<boolean>('(api) => api.sidebarAction.isOpen({})', null), { timeout: 10_000 })
        .toBe(true);
    // Opening it closes the popup, as a popup closes when the reader moves on. (Firefox lets no script close a tab
    // it did not open, and this test's popup is such a tab; Firefox's real popup is a panel, which closes.)
    if (name === 'chromium') await expect.poll(() => popup.isClosed(), { timeout: 5000 }).toBe(true);
    else await popup.close();
    await page.close();
  });

  describe('clipping', () => {
    const FIRST = 'Nothing about the queue changes until a nurse confirms the score';
    const SECOND = 'which together see about 140,000 emergency visits a year';

    async function coveredArticle(): Promise<{ page: Page; tabId: number; clipper: ShadowView }> {
      const page = await visit(COVERED);
      const tabId = await lens.tabIdOf(page);
      await expect.poll(() => lens.badgeOf(tabId), { timeout: 10_000 }).toMatchObject({ text: 'MW' });
      return { page, tabId, clipper: lens.shadow(page, 'clipper') };
    }

    it('clips a selected passage with the Clip button, then takes a note and tags', async () => {
      const { page, clipper } = await coveredArticle();
      await selectText(page, FIRST);
      await expect.poll(() => clipper.exists('.clip-button:not([hidden])'), { timeout: 5000 }).toBe(true);
      await clipper.click('.clip-button');
      await expect.poll(() => clipper.text('.status')).toBe('Clipped to your Lens library.');
      await expect
        .poll(() => page.evaluate(`CSS.highlights.get('modelwire-lens-clip')?.size ?? 0`), { timeout: 5000 })
        .toBe(1);
      expect(await clipper.run('(root) => root.activeElement?.id')).toBe('lens-clip-note');
      await page.keyboard.type('Confirm who decides: the nurse, not the model.');
      await clipper.focus('#lens-clip-tags');
      await page.keyboard.type('health, follow up');
      await clipper.click('.actions .primary');
      await expect.poll(() => clipper.text('.status')).toBe('Note and tags saved.');
      await lens.screenshot(page, 'browsers-clip-panel', { fullPage: false });
      await page.close();
    });

    it('clips through the context menu and keyboard command path, and refuses an empty selection', async () => {
      const { page, tabId, clipper } = await coveredArticle();
      // The menu item and the command both have the background message the tab (a unit test checks that they do).
      const clipLikeTheMenu = () =>
        lens.inExtension(
          "(api, tabId) => api.tabs.sendMessage(tabId, { channel: 'modelwire-lens', name: 'page.clip', payload: {} })",
          tabId,
        );
      await selectText(page, SECOND);
      expect(await clipLikeTheMenu()).toMatchObject({ ok: true, value: { clipped: true } });
      expect(await clipper.text('.status')).toBe('Clipped to your Lens library.');
      await page.evaluate('getSelection().removeAllRanges()');
      expect(await clipLikeTheMenu()).toMatchObject({ ok: true, value: { clipped: false } });
      expect(await clipper.text('.status')).toBe('Nothing is selected. Select a passage of the page, then clip it.');
      await page.close();
    });

    it('the clips come back highlighted on the next visit', async () => {
      const { page } = await coveredArticle();
      await expect
        .poll(() => page.evaluate(`CSS.highlights.get('modelwire-lens-clip')?.size ?? 0`), { timeout: 10_000 })
        .toBe(2);
      await page.close();
    });

    it('the library lists them with their citation and exports Markdown with a link to the passage', async () => {
      const library = await lens.openExtensionPage('library.html');
      await library.waitForSelector('main[aria-busy="false"]');
      await expect
        .poll(() => library.$$eval('.clip blockquote', (quotes) => quotes.map((quote) => quote.textContent)))
        .toEqual([SECOND, FIRST]);
      expect(await library.$eval('.clip:nth-child(2) .citation', (citation) => citation.textContent)).toBe(
        `Whitfield, D. (2026, November 18). Regional hospitals pilot an AI triage assistant. The Lakeside Ledger. ${COVERED}`,
      );
      await library.click('::-p-aria([name="Markdown"][role="button"])');
      const markdown = readFileSync(await lens.downloaded(/^modelwire-lens-clips-.*\.md$/), 'utf8');
      expect(markdown).toContain(`> ${FIRST}`);
      expect(markdown).toContain('**Note:** Confirm who decides: the nurse, not the model.');
      expect(markdown).toContain(
        `(<${COVERED}#:~:text=Nothing%20about%20the%20queue%20changes,a%20nurse%20confirms%20the%20score>)`,
      );
      await lens.screenshot(library, 'browsers-library');
      await library.close();
    });
  });

  describe.each([
    { width: 360, height: 740, colorScheme: 'light' as const },
    { width: 360, height: 740, colorScheme: 'dark' as const },
    { width: 1280, height: 900, colorScheme: 'light' as const },
  ])('at $width px, $colorScheme', (view) => {
    it('the pill covers no line of the article, at the top or scrolled down', async () => {
      const page = await visit(COVERED, view);
      const shadow = lens.shadow(page);
      await expect.poll(() => pillShown(shadow), { timeout: 10_000 }).toBe(true);
      for (const scroll of [0, 400, 900]) {
        await page.evaluate((y) => window.scrollTo(0, y), scroll);
        await pause(100);
        const pill = await shadow.box('.pill');
        if (pill === null) throw new Error('no pill');
        expect(pill.right).toBeLessThanOrEqual(view.width);
        const covered = (await articleLines(page)).filter((line) => overlaps(line, pill));
        expect(covered, `pill ${JSON.stringify(pill)} at scroll ${scroll}`).toEqual([]);
      }
      await page.evaluate(() => window.scrollTo(0, 0));
      await lens.screenshot(page, `browsers-pill-${view.width}-${view.colorScheme}`, { fullPage: false });
      await page.close();
    });

    it('the open card fits the window, its header in view, and no line of it is cut in half', async () => {
      const page = await visit(COVERED, view);
      const shadow = lens.shadow(page);
      await expect.poll(() => pillShown(shadow), { timeout: 10_000 }).toBe(true);
      await shadow.click('.pill');
      const fit = await shadow.run<{ card: Box; close: Box; scrolls: boolean; faded: boolean }>(`(root) => {
        const box = (e) => { const r = e.getBoundingClientRect(); return { left: r.left, top: r.top, right: r.right, bottom: r.bottom }; };
        const card = root.querySelector('.card');
        const body = card.querySelector('.body');
        return {
          card: box(card),
          close: box(card.querySelector('button.icon')),
          scrolls: body.scrollHeight > body.clientHeight,
          // A body with more below fades out at its lower edge instead of showing half a line.
          faded: getComputedStyle(body).maskImage !== 'none',
        };
      }`);
      expect(fit.card.left).toBeGreaterThanOrEqual(0);
      expect(fit.card.right).toBeLessThanOrEqual(view.width);
      expect(fit.card.top).toBeGreaterThanOrEqual(0);
      expect(fit.card.bottom).toBeLessThanOrEqual(view.height);
      expect(fit.close.top).toBeGreaterThanOrEqual(0);
      expect(fit.close.right).toBeLessThanOrEqual(view.width);
      if (fit.scrolls) expect(fit.faded).toBe(true);
      await lens.screenshot(page, `browsers-card-${view.width}-${view.colorScheme}`, { fullPage: false });
      await page.close();
    });

    it('the popup shows everything without a sideways scroll', async () => {
      const page = await visit(COVERED);
      const popup = await popupFor(await lens.tabIdOf(page), {
        width: Math.min(view.width, 400),
        height: 640,
        colorScheme: view.colorScheme,
      });
      await expect.poll(() => statusOf(popup)).toBe('covered');
      const width = Math.min(view.width, 400);
      if (view.width > 400) {
        // A desktop browser sizes the popup to its content, plus a scroll bar when it scrolls (Firefox draws one).
        const bar = await popup.evaluate(() => window.innerWidth - document.documentElement.clientWidth);
        await popup.setViewport({ width: 400 + bar, height: 640 });
      }
      expect(await sidewaysOverflow(popup)).toEqual({ by: 0, what: [] });
      await lens.screenshot(popup, `browsers-popup-${width}-${view.colorScheme}`);
      // The check's report, with its tables of figures and passages, fits too.
      await popup.click('::-p-aria([name="Check summary"][role="tab"])');
      await popup.click('::-p-aria([name="Check Modelwire’s summary"][role="button"])');
      await popup.waitForSelector('.report', { timeout: 15_000 });
      expect(await popup.$eval('#verdict-heading', (heading) => heading.textContent)).toMatch(
        /^Nothing found beyond the article/,
      );
      expect(await sidewaysOverflow(popup)).toEqual({ by: 0, what: [] });
      await lens.screenshot(popup, `browsers-check-${width}-${view.colorScheme}`);
      await Promise.all([popup.close(), page.close()]);
    });

    it('the side panel, the library and the options fit the width too', async () => {
      const page = await visit(COVERED);
      const tabId = await lens.tabIdOf(page);
      for (const path of [`sidepanel.html?tabId=${tabId}`, 'library.html', 'options.html']) {
        const extensionPage = await lens.openExtensionPage(path, view);
        await extensionPage.waitForSelector('h1, h2');
        expect(await sidewaysOverflow(extensionPage), path).toEqual({ by: 0, what: [] });
        const name = path.replace(/\.html.*/, '');
        await lens.screenshot(extensionPage, `browsers-${name}-${view.width}-${view.colorScheme}`);
        await extensionPage.close();
      }
      await page.close();
    });
  });

  it('logged no errors on any page', () => {
    expect(consoleErrors).toEqual([]);
  });

  it('reached no host but the fixtures', () => {
    // Firefox's own update and settings services are refused by the proxy; nothing else was asked for.
    const fixtureHosts = new Set(lens.server.hosts);
    const asked = lens.proxied.map((target) => target.replace(/:\d+$/, ''));
    const outside = asked.filter(
      (host) =>
        !fixtureHosts.has(host) &&
        !host.endsWith('.mozilla.com') &&
        !host.endsWith('.mozilla.net') &&
        !host.endsWith('.mozilla.org') &&
        !host.endsWith('.firefox.com'),
    );
    expect(outside).toEqual([]);
  });
});
