// The hostile-page suite, in Chromium and Firefox: one fixture page per attack, each test saying what the page can and
// cannot see or do. The other cases of RELIABILITY.md live beside the flows they concern (hostile.e2e.ts: broken
// built-ins, forged protocol messages, frames, a stopped worker, a reload; overlay.e2e.ts: CSS resets and a removed
// host).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { pause, recordConsoleErrors } from '../harness/dom';
import { browsersToTest, launchLens, type LensBrowsers, type ShadowView } from '../harness/lens-browsers';
import { pointAt, selectText } from '../harness/text-in-page';
import { setCheckbox } from '../harness/form';
import type { Clip } from '../../lib/clips/clip';

const SPY = 'https://www.lakesideledger.com/hostile/spy/';
const COVERED = 'https://www.lakesideledger.com/2026/11/18/regional-hospitals-pilot-ai-triage-assistant/';
const CLOBBERED = 'https://www.lakesideledger.com/hostile/clobbered/';
const NOTE = 'Ask the chief nursing officer for the overrule rate';
const PRIVATE_LABEL = 'Keep underlines and clip highlights private from the page';

interface Spy {
  heard: string[];
  reached: unknown[];
  upgraded: number;
}

async function spyOf(page: Page): Promise<Spy> {
  return page.evaluate(
    '({ heard: window.spy.heard, reached: window.spy.reached.length, upgraded: window.spy.upgraded })',
  ) as Promise<Spy>;
}

describe.each(browsersToTest())('in %s', (name) => {
  let lens: LensBrowsers;

  beforeAll(async () => {
    lens = await launchLens(name);
  }, 90_000);
  afterAll(async () => {
    await lens?.close();
  });

  async function openCovered(url: string, beforeLoad?: string): Promise<{ page: Page; tabId: number }> {
    const page = await lens.open(url, { beforeLoad });
    const tabId = await lens.tabIdOf(page);
    await expect.poll(async () => (await lens.badgeOf(tabId)).text, { timeout: 10_000 }).toBe('MW');
    return { page, tabId };
  }

  /** Selects `text` and clips it with the button beside the selection, as a reader would; the clipper's UI. */
  async function clipWithButton(page: Page, text: string): Promise<ShadowView> {
    await page.bringToFront();
    await selectText(page, text);
    const clipper = lens.shadow(page, 'clipper');
    await expect.poll(() => clipper.exists('.clip-button:not([hidden])'), { timeout: 5000 }).toBe(true);
    await clipper.click('.clip-button');
    return clipper;
  }

  describe('a page that defines Lens’s old element names and listens to everything', () => {
    it('cannot upgrade or open Lens’s UI, hears nothing the reader types, and its synthetic events trigger nothing', async () => {
      const { page } = await openCovered(SPY);
      const overlay = lens.shadow(page, 'overlay');
      await expect.poll(() => overlay.exists('.lens:not([hidden]) .pill'), { timeout: 10_000 }).toBe(true);

      // The window's own focus events when the tab comes to the front are not the reader's typing: start from here.
      await page.bringToFront();
      await pause(200);
      await page.evaluate('window.spy.heard = []');
      // Clip a passage and type a note: the reader's typing, Escape and Ctrl+Enter all work inside the panel.
      const clipper = await clipWithButton(page, 'Nothing about the queue changes until a nurse confirms the score');
      await expect.poll(() => clipper.exists('#lens-clip-note')).toBe(true);
      await page.keyboard.type(NOTE);
      await page.keyboard.down('Control');
      await page.keyboard.press('Enter');
      await page.keyboard.up('Control');
      await expect.poll(() => clipper.text('.status')).toBe('Note and tags saved.');
      const clips = await lens.readStore<Clip>('clips');
      expect(clips.find((clip) => clip.page.url.includes('/hostile/spy/'))?.note).toBe(NOTE);
      const spy = await spyOf(page);
      expect(spy.heard).toEqual([]);
      expect(spy.upgraded).toBe(0);
      expect(spy.reached).toBe(0);
      await page.keyboard.press('Escape');
      await expect.poll(() => clipper.exists('.panel')).toBe(false);
      // The page's listeners are alive: typing in its own field is heard.
      await page.focus('#page-form input');
      await page.keyboard.type('x');
      expect((await spyOf(page)).heard).toContain('window-capture keydown x');

      // A synthetic mousemove over an underlined name opens no card (it would list other coverage the reader has);
      // the reader's own pointer does.
      await expect
        .poll(() => page.evaluate(`CSS.highlights.get('modelwire-lens-entity')?.size ?? 0`), { timeout: 10_000 })
        .toBeGreaterThan(0);
      const name = await pointAt(page, 'Harbor Health Network');
      await page.evaluate(
        `document.dispatchEvent(new MouseEvent('mousemove', { clientX: ${name.x}, clientY: ${name.y}, bubbles: true }))`,
      );
      await pause(400);
      expect(await overlay.exists('.hover:not([hidden])')).toBe(false);
      await page.mouse.move(name.x, name.y);
      await expect.poll(() => overlay.exists('.hover:not([hidden])'), { timeout: 5000 }).toBe(true);

      // A synthetic Escape aimed at the host does not close the open card; the reader's does.
      await page.mouse.move(5, 5);
      await overlay.click('.pill');
      await expect.poll(() => overlay.attribute('.pill', 'aria-expanded')).toBe('true');
      await page.evaluate(
        `document.querySelector('[data-modelwire-lens="overlay"]').dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }))`,
      );
      expect(await overlay.attribute('.pill', 'aria-expanded')).toBe('true');
      await overlay.focus('h2');
      await page.keyboard.press('Escape');
      await expect.poll(() => overlay.attribute('.pill', 'aria-expanded')).toBe('false');
      await lens.screenshot(page, 'attack-spy-page', { fullPage: false });
      await page.close();
    });
  });

  describe('a page that watches window messages and forges the framework’s events', () => {
    it('learns no extension id or event name, and its replays and forged location changes change nothing', async () => {
      const id = await lens.inExtension<string>('async (api) => api.runtime.id', null);
      // Listeners in the page's world from the very first moment, including for the names the framework used to use.
      const { page } = await openCovered(
        COVERED,
        `(() => {
        window.seen = [];
        const note = (where) => (event) => window.seen.push(where + ' ' + event.type + ' ' + JSON.stringify(event.data ?? event.detail ?? null));
        window.addEventListener('message', note('window'), true);
        for (const name of ['content-script-started', 'locationchange'])
          for (const script of ['content', 'modelwire']) {
            const type = '${id}:' + script + ':wxt:' + name;
            window.addEventListener(type, note('window'), true);
            document.addEventListener(type, note('document'), true);
          }
      })()`,
      );
      await pause(1000);
      const seen = (await page.evaluate('window.seen')) as string[];
      const host = (await lens.inExtension<string>('async () => location.host', null)) ?? '';
      expect(seen.filter((line) => line.includes(id) || line.includes(host) || line.includes('wxt'))).toEqual([]);

      // Count the page's reports from here on, in an extension page (a content script's messages reach every one).
      await lens.inExtension(
        `async (api) => {
          globalThis.detections = 0;
          api.runtime.onMessage.addListener((message) => { if (message && message.name === 'page.detected') globalThis.detections += 1; });
        }`,
        null,
      );
      const detections = () => lens.inExtension<number>('async () => globalThis.detections', null);
      await page.evaluate(`(() => {
        for (let i = 0; i < 15; i++) {
          for (const script of ['content', 'modelwire']) {
            window.dispatchEvent(new Event('${id}:' + script + ':wxt:locationchange'));
            window.dispatchEvent(new CustomEvent('wxt:locationchange'));
            const started = { type: '${id}:' + script + ':wxt:content-script-started', contentScriptName: script, messageId: 'forged' + i };
            window.postMessage(started, '*');
            document.dispatchEvent(new CustomEvent(started.type, { detail: started }));
          }
          globalThis.navigation?.dispatchEvent(new Event('navigate'));
        }
      })()`);
      await pause(2500);
      expect(await detections()).toBe(0);
      // Lens is still alive on the page: the card opens, and a real address change is still noticed.
      const overlay = lens.shadow(page, 'overlay');
      await overlay.click('.pill');
      await expect.poll(() => overlay.attribute('.pill', 'aria-expanded')).toBe('true');
      await page.evaluate(`history.pushState({}, '', '?view=2')`);
      await expect.poll(detections, { timeout: 10_000 }).toBeGreaterThan(0);
      await page.close();
    });
  });

  describe('a page whose form controls clobber DOM properties (the whole page is one form)', () => {
    it('is detected and covered, gets its overlay and highlights, can be clipped and checked', async () => {
      const { page, tabId } = await openCovered(CLOBBERED);
      const errors: string[] = [];
      recordConsoleErrors(page, errors);
      const overlay = lens.shadow(page, 'overlay');
      await expect.poll(() => overlay.exists('.lens:not([hidden]) .pill'), { timeout: 10_000 }).toBe(true);
      await expect
        .poll(() => page.evaluate(`CSS.highlights.get('modelwire-lens-entity')?.size ?? 0`), { timeout: 10_000 })
        .toBeGreaterThan(0);

      const clipper = await clipWithButton(page, 'until a nurse confirms the score');
      await expect.poll(() => clipper.exists('.status')).toBe(true);
      expect(await clipper.text('.status')).toBe('Clipped to your Lens library.');
      const clips = await lens.readStore<Clip>('clips');
      const clip = clips.find((candidate) => candidate.page.url.includes('/hostile/clobbered/'));
      expect(clip?.quote).toBe('until a nurse confirms the score');
      expect(clip?.page.authors).toEqual(['Dana Whitfield']);

      const popup = await lens.openPopup(tabId);
      await popup.waitForSelector('main[data-status="covered"]', { timeout: 10_000 });
      await popup.click('::-p-aria([name="Check summary"][role="tab"])');
      await popup.click('::-p-aria([name="Check Modelwire’s summary"][role="button"])');
      await popup.waitForSelector('.report', { timeout: 10_000 });
      const reuse = await popup.$$eval(
        '.figure',
        (figures) =>
          figures.find((entry) => entry.querySelector('dt')?.textContent === 'Verbatim reuse')?.querySelector('dd')
            ?.textContent,
      );
      expect(reuse).toBe('0%');
      expect(errors).toEqual([]);
      await Promise.all([popup.close(), page.close()]);
    });
  });

  describe('a page that reads the browser’s highlight registry', () => {
    it('learns the underlined names and clipped passages by default, and nothing once the reader keeps them private', async () => {
      const options = await lens.openExtensionPage('options.html');
      await options.waitForSelector('main[aria-busy="false"]');
      await setCheckbox(options, PRIVATE_LABEL, true);

      const { page } = await openCovered(COVERED);
      const overlay = lens.shadow(page, 'overlay');
      await expect.poll(() => overlay.exists('.boxes div'), { timeout: 10_000 }).toBe(true);
      const clipper = await clipWithButton(page, 'which together see about 140,000 emergency visits a year');
      await expect.poll(() => clipper.exists('.boxes div'), { timeout: 5000 }).toBe(true);
      const readable = `[...CSS.highlights.keys()].filter((key) => CSS.highlights.get(key).size > 0)`;
      expect(await page.evaluate(readable)).toEqual([]);
      // The hover card still works over a name drawn as a box.
      const name = await pointAt(page, 'Harbor Health Network');
      await page.mouse.move(name.x, name.y);
      await expect.poll(() => overlay.exists('.hover:not([hidden])'), { timeout: 5000 }).toBe(true);
      await lens.screenshot(page, 'attack-private-highlights', { fullPage: false });

      // Switched back, the registry (which the page can read) is used again, live.
      await setCheckbox(options, PRIVATE_LABEL, false);
      await expect
        .poll(() => page.evaluate(readable), { timeout: 5000 })
        .toEqual(expect.arrayContaining(['modelwire-lens-entity', 'modelwire-lens-clip']));
      await Promise.all([options.close(), page.close()]);
    });
  });
});
