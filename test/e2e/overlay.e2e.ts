// The overlay on publishers' pages, in Chromium and Firefox: pill, card, keyboard, entity highlights and the hover
// card, hiding per page and per site, the options that turn it off, hostile pages. (Dark mode and narrow windows are
// in browsers.e2e.ts.) The page's DOM must be unchanged apart from the one host element, and its layout must not move.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { pause, recordConsoleErrors } from '../harness/dom';
import { browsersToTest, launchLens, type LensBrowsers, type ShadowView } from '../harness/lens-browsers';
import { pointAt } from '../harness/text-in-page';
import { setCheckbox } from '../harness/form';

const COVERED = 'https://www.lakesideledger.com/2026/11/18/regional-hospitals-pilot-ai-triage-assistant/';
const OTHER_COVERED = 'https://circuitweekly.net/news/orbital-compute-delays-second-fab/';
const UNCOVERED = 'https://www.lakesideledger.com/2026/11/20/city-council-budget-vote/';
const HOSTILE = 'https://www.lakesideledger.com/hostile/';
const OVERLAY_LABEL = 'Show the Modelwire button and card on covered articles';
const HIGHLIGHTS_LABEL = 'Underline names Lens knows in covered articles';

/** Recorded by the page's own world at DOMContentLoaded, before any content script runs. */
const RECORD_BEFORE = `
  (() => {
    const add = EventTarget.prototype.addEventListener;
    const rects = () => {
      const out = [];
      const nodes = document.querySelectorAll('h1, p');
      for (let i = 0; i < nodes.length; i++) { const r = nodes[i].getBoundingClientRect(); out.push([r.left, r.top, r.width, r.height].join(',')); }
      return out.join(';');
    };
    window.__lensRects = rects;
    add.call(document, 'DOMContentLoaded', () => {
      window.__lensBefore = {
        body: document.body.innerHTML,
        head: document.head.innerHTML,
        children: document.documentElement.children.length,
        rects: rects(),
        scrollHeight: document.documentElement.scrollHeight,
      };
    });
  })();
`;

const ENTITY_UNDERLINES = `CSS.highlights.get('modelwire-lens-entity')?.size ?? 0`;

describe.each(browsersToTest())('in %s', (name) => {
  let lens: LensBrowsers;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    lens = await launchLens(name);
  }, 90_000);
  afterAll(async () => {
    await lens?.close();
  });

  async function open(url: string, height?: number): Promise<{ page: Page; shadow: ShadowView }> {
    const page = await lens.open(url, { beforeLoad: RECORD_BEFORE, height });
    recordConsoleErrors(page, consoleErrors);
    return { page, shadow: lens.shadow(page) };
  }

  const pillShown = (shadow: ShadowView) => shadow.exists('.lens:not([hidden]) .pill');
  const displaySettings = (sites: string[]) => ({
    'display-settings': { overlay: true, highlights: true, clipButton: true, siteMode: 'all-except', sites },
  });

  async function optionsPage(): Promise<Page> {
    const options = await lens.openExtensionPage('options.html');
    await options.waitForSelector('main[aria-busy="false"]');
    return options;
  }

  describe('the overlay on a covered article', () => {
    let page: Page;
    let shadow: ShadowView;

    it('shows a small pill, one host element, the page DOM and layout unchanged', async () => {
      ({ page, shadow } = await open(COVERED));
      await expect.poll(() => pillShown(shadow), { timeout: 10_000 }).toBe(true);
      expect(await shadow.hosts()).toBe(1);
      expect(await shadow.text('.pill')).toBe('MWModelwire summary');
      expect(await shadow.attribute('.pill', 'aria-expanded')).toBe('false');
      const check = await page.evaluate(`(() => {
        const before = window.__lensBefore;
        return {
          body: document.body.innerHTML === before.body,
          head: document.head.innerHTML === before.head,
          added: document.documentElement.children.length - before.children,
          last: document.documentElement.lastElementChild.getAttribute('data-modelwire-lens'),
          rects: window.__lensRects() === before.rects,
          scroll: document.documentElement.scrollHeight === before.scrollHeight,
        };
      })()`);
      expect(check).toEqual({ body: true, head: true, added: 1, last: 'overlay', rects: true, scroll: true });
      await lens.screenshot(page, 'overlay-pill');
    });

    it('opens the card with the summary, analyst take and mentions; Escape closes it and returns focus', async () => {
      await shadow.click('.pill');
      expect(await shadow.attribute('.pill', 'aria-expanded')).toBe('true');
      expect(await shadow.text('h2')).toBe('Regional hospitals pilot an AI triage assistant in three emergency rooms');
      expect(await shadow.text('.summary')).toContain('Harbor Health Network is testing Kestrel Labs');
      expect(await shadow.texts('section[aria-label="Analyst take"] p')).toHaveLength(3);
      expect(await shadow.texts('.mentions button.entity')).toEqual([
        'Harbor Health Network',
        'Kestrel Labs',
        'Triage Assist',
      ]);
      // The heading takes focus, so a screen reader starts reading the card.
      expect(await shadow.call('h2', 'function () { return this.getRootNode().activeElement === this; }')).toBe(true);
      await lens.screenshot(page, 'overlay-card');
      await page.keyboard.press('Escape');
      expect(await shadow.attribute('.pill', 'aria-expanded')).toBe('false');
      expect(await shadow.exists('.card[hidden]')).toBe(true);
      expect(await shadow.call('.pill', 'function () { return this.getRootNode().activeElement === this; }')).toBe(
        true,
      );
    });

    it('is usable from the keyboard alone: Enter opens, the entity button lists other coverage', async () => {
      await shadow.focus('.pill');
      await page.keyboard.press('Enter');
      expect(await shadow.attribute('.pill', 'aria-expanded')).toBe('true');
      await shadow.focus('.mentions li:nth-child(2) button.entity');
      await page.keyboard.press('Enter');
      await expect
        .poll(() => shadow.texts('.mentions li:nth-child(2) .others a'))
        .toEqual([
          'Kestrel Labs publishes the weights of its mid-size model',
          'Orbital Compute pushes its second chip fab back by a year',
        ]);
      await lens.screenshot(page, 'overlay-entity-list');
      await page.keyboard.press('Escape');
    });

    it('underlines known names with the Custom Highlight API and shows a card on hover', async () => {
      expect(await page.evaluate(ENTITY_UNDERLINES)).toBeGreaterThanOrEqual(4);
      // Where "Kestrel Labs" is in the article, measured in the page's own world.
      const point = await pointAt(page, 'Kestrel Labs', 2, 5);
      await page.mouse.move(point.x, point.y);
      await expect.poll(() => shadow.exists('.hover:not([hidden])')).toBe(true);
      await expect.poll(() => shadow.text('.hover')).toContain('Kestrel Labs: in 3 saved summaries.');
      expect(await shadow.texts('.hover .others a')).toHaveLength(2);
      await lens.screenshot(page, 'overlay-hover-card', { fullPage: false });
      await page.mouse.move(5, 5);
      await expect.poll(() => shadow.exists('.hover[hidden]')).toBe(true);
    });

    it('adds nothing to a page without coverage', async () => {
      const uncovered = await open(UNCOVERED);
      const tabId = await lens.tabIdOf(uncovered.page);
      await expect.poll(async () => (await lens.badgeOf(tabId)).title).not.toBe('Modelwire Lens');
      await pause(300);
      expect(await uncovered.shadow.hosts()).toBe(0);
      expect(await uncovered.page.evaluate(`CSS.highlights.size`)).toBe(0);
      await uncovered.page.close();
    });

    it('hides on this page, and stays hidden after a reload; other covered pages keep it', async () => {
      await page.bringToFront();
      await shadow.click('.pill');
      await shadow.click('.actions button:first-child');
      await expect.poll(() => pillShown(shadow)).toBe(false);
      // The highlights are a separate choice and stay.
      expect(await page.evaluate(ENTITY_UNDERLINES)).toBeGreaterThan(0);
      await page.reload();
      // The reload's underlines show that Lens has run on the page again; the pill must still be hidden.
      await expect.poll(() => page.evaluate(ENTITY_UNDERLINES), { timeout: 10_000 }).toBeGreaterThan(0);
      await pause(500);
      expect(await pillShown(shadow)).toBe(false);
      const other = await open(OTHER_COVERED);
      await expect.poll(() => pillShown(other.shadow), { timeout: 10_000 }).toBe(true);
      await Promise.all([other.page.close(), page.close()]);
    });

    it('hides on this site: every page of the site, and the options page lists it to show again', async () => {
      // The same article by another address counts as the same page: hidden.
      const other = await open(`${COVERED}?ref=x#top`);
      await expect.poll(() => other.page.evaluate(ENTITY_UNDERLINES), { timeout: 10_000 }).toBeGreaterThan(0);
      await pause(500);
      expect(await pillShown(other.shadow)).toBe(false);
      await other.page.close();
      await lens.setStorage({ 'overlay-hidden': { sites: [], pages: [] } });
      const again = await open(COVERED);
      await expect.poll(() => pillShown(again.shadow), { timeout: 10_000 }).toBe(true);
      await again.shadow.click('.pill');
      await again.shadow.click('.actions button:last-child');
      await expect.poll(() => pillShown(again.shadow)).toBe(false);
      const options = await optionsPage();
      await options.click('::-p-aria([name="Show again on lakesideledger.com"][role="button"])');
      await expect.poll(() => pillShown(again.shadow), { timeout: 10_000 }).toBe(true);
      await Promise.all([options.close(), again.page.close()]);
    });
  });

  describe('options that turn it off', () => {
    it('overlay off: no pill; highlights off: no underlines; both follow the switch live', async () => {
      const { page, shadow } = await open(COVERED);
      await expect.poll(() => pillShown(shadow), { timeout: 10_000 }).toBe(true);
      const options = await optionsPage();
      await setCheckbox(options, OVERLAY_LABEL, false);
      await expect.poll(() => pillShown(shadow)).toBe(false);
      await setCheckbox(options, HIGHLIGHTS_LABEL, false);
      await expect.poll(() => page.evaluate(ENTITY_UNDERLINES)).toBe(0);
      await lens.screenshot(options, 'options-page-settings');
      await setCheckbox(options, OVERLAY_LABEL, true);
      await setCheckbox(options, HIGHLIGHTS_LABEL, true);
      await expect.poll(() => pillShown(shadow)).toBe(true);
      await expect.poll(() => page.evaluate(ENTITY_UNDERLINES)).toBeGreaterThan(0);
      await Promise.all([options.close(), page.close()]);
    });

    it('a site turned off: Lens does not even detect there', async () => {
      const options = await optionsPage();
      await options.click('::-p-aria([name="Add a site"])');
      await options.keyboard.type('https://www.lakesideledger.com/');
      await options.click('::-p-aria([name="Add"][role="button"])');
      await expect
        .poll(() => options.$eval('.sites li', (item) => item.textContent).catch(() => ''))
        .toContain('lakesideledger.com');
      const { page, shadow } = await open(COVERED);
      const tabId = await lens.tabIdOf(page);
      await pause(1500);
      expect(await shadow.hosts()).toBe(0);
      // No report reached the background: the badge keeps the extension's own title.
      expect(await lens.badgeOf(tabId)).toEqual({ text: '', title: 'Modelwire Lens' });
      await options.bringToFront();
      await options.click('::-p-aria([name="Remove lakesideledger.com"][role="button"])');
      await page.reload();
      await expect.poll(() => pillShown(shadow), { timeout: 10_000 }).toBe(true);
      await Promise.all([options.close(), page.close()]);
    });
  });

  describe('hostile pages', () => {
    it('works on a page with `* { all: unset !important }`, a huge z-index and broken built-ins', async () => {
      const { page, shadow } = await open(HOSTILE);
      await expect.poll(() => pillShown(shadow), { timeout: 10_000 }).toBe(true);
      // The page's CSS does not reach inside: the pill keeps its own look. (This page's unset CSS lets its text run to
      // the window's edge, so there is no margin and the pill is the edge tab.)
      const look = await shadow.call<{ radius: string; display: string; edge: boolean }>(
        '.pill',
        "function () { const s = getComputedStyle(this); return { radius: s.borderTopLeftRadius + ' ' + s.borderTopRightRadius, display: s.display, edge: this.parentElement.classList.contains('edge') }; }",
      );
      expect(look).toEqual({ radius: '8px 0px', display: 'flex', edge: true });
      // The page hides Lens's host with !important and puts an ad with the highest z-index in the corner: the pill
      // is still what a click at its place reaches.
      const pill = await shadow.box('.pill');
      const centre = {
        x: ((pill?.left ?? 0) + (pill?.right ?? 0)) / 2,
        y: ((pill?.top ?? 0) + (pill?.bottom ?? 0)) / 2,
      };
      const top = await page.evaluate(
        `(() => { const e = document.elementFromPoint(${centre.x}, ${centre.y}); return e && e.getAttribute('data-modelwire-lens'); })()`,
      );
      expect(top).toBe('overlay');
      await shadow.click('.pill');
      expect(await shadow.attribute('.pill', 'aria-expanded')).toBe('true');
      expect(await shadow.text('h2')).toBe('Regional hospitals pilot an AI triage assistant in three emergency rooms');
      await lens.screenshot(page, 'overlay-hostile-page');
      await page.close();
    });

    it('comes back cleanly when the page removes its element', async () => {
      const { page, shadow } = await open(OTHER_COVERED);
      await expect.poll(() => pillShown(shadow), { timeout: 10_000 }).toBe(true);
      // The names found in the article's text arrive just after the pill and are a change of state of their own (the
      // overlay reloads its context then): wait for them, so the removal below is the last thing that happened.
      await expect
        .poll(async () => (await shadow.texts('.mentions li')).some((item) => item.includes('× here')), {
          timeout: 10_000,
        })
        .toBe(true);
      await page.evaluate(`document.querySelector('[data-modelwire-lens="overlay"]').remove()`);
      expect(await shadow.hosts()).toBe(0);
      // The next change of state (here a settings change from the options page) puts it back, once.
      await lens.setStorage(displaySettings(['example.org']));
      await expect.poll(() => shadow.hosts()).toBe(1);
      expect(await pillShown(shadow)).toBe(true);
      await lens.setStorage(displaySettings([]));
      await page.close();
    });

    it('keeps the card inside a short window, its header and close button in view while the body scrolls', async () => {
      const { page, shadow } = await open(COVERED, 420);
      await expect.poll(() => pillShown(shadow), { timeout: 10_000 }).toBe(true);
      await shadow.click('.pill');
      const box = () =>
        shadow.call<{ card: number[]; close: number[]; body: number[]; width: number }>(
          '.card',
          `function () {
            const r = (e) => { const b = e.getBoundingClientRect(); return [b.top, b.bottom]; };
            const body = this.querySelector('.body');
            return { card: r(this), close: r(this.querySelector('button.icon')), body: [body.scrollHeight, body.clientHeight],
              width: this.getBoundingClientRect().width };
          }`,
        );
      const before = await box();
      expect(before.card[0] ?? -1).toBeGreaterThanOrEqual(0);
      expect(before.card[1] ?? 9999).toBeLessThanOrEqual(420);
      expect(before.width).toBeGreaterThanOrEqual(240);
      // More to read than fits: the body scrolls, the header does not move.
      expect(before.body[0] ?? 0).toBeGreaterThan(before.body[1] ?? 0);
      await shadow.call('.body', 'function () { this.scrollTop = this.scrollHeight; }');
      const after = await box();
      expect(after.close).toEqual(before.close);
      await lens.screenshot(page, 'overlay-card-short-window', { fullPage: false });
      await page.close();
    });

    it('logged no errors on any page', () => {
      expect(consoleErrors.filter((line) => !line.includes('/hostile/'))).toEqual([]);
    });
  });
});
