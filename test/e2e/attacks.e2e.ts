// The hostile-page suite: one fixture page per attack, each test saying what the page can and cannot see or do. The
// other cases of RELIABILITY.md live beside the flows they concern (hostile.e2e.ts: broken built-ins, forged protocol
// messages, frames, a stopped worker, a reload; overlay.e2e.ts: CSS resets and a removed host).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { lensSession } from '../harness/browser';
import { lensShadow, type LensShadow } from '../harness/shadow';
import { readStore } from '../harness/idb';
import { pointAt, selectText } from '../harness/text-in-page';
import { screenshot } from '../harness/screenshots';
import type { Clip } from '../../lib/clips/clip';

const SPY = 'https://www.lakesideledger.com/hostile/spy/';
const COVERED = 'https://www.lakesideledger.com/2026/11/18/regional-hospitals-pilot-ai-triage-assistant/';
const CLOBBERED = 'https://www.lakesideledger.com/hostile/clobbered/';
const NOTE = 'Ask the chief nursing officer for the overrule rate';
const session = lensSession({ beforeAll, afterAll });

interface Spy {
  heard: string[];
  reached: unknown[];
  upgraded: number;
}

async function spyOf(page: Page): Promise<Spy> {
  return page.evaluate(
    '({ heard: window.spy.heard, reached: window.spy.reached.length, upgraded: window.spy.upgraded })',
  );
}

async function openCovered(url: string): Promise<{ page: Page; tabId: number }> {
  const page = await session.lens.context.newPage();
  await page.goto(url);
  const tabId = await session.lens.tabIdOf(page);
  await expect.poll(async () => (await session.lens.badgeOf(tabId)).text, { timeout: 10_000 }).toBe('MW');
  return { page, tabId };
}

/** Selects `text` and clips it with the button beside the selection, as a reader would; the clipper's UI. */
async function clipWithButton(page: Page, text: string): Promise<LensShadow> {
  await selectText(page, text);
  const clipper = await lensShadow(page, 'clipper');
  await expect.poll(() => clipper.exists('.clip-button:not([hidden])'), { timeout: 5000 }).toBe(true);
  await clipper.click('.clip-button');
  return clipper;
}

describe('a page that defines Lens’s old element names and listens to everything', () => {
  it('cannot upgrade or open Lens’s UI, hears nothing the reader types, and its synthetic events trigger nothing', async () => {
    const { page } = await openCovered(SPY);
    const overlay = await lensShadow(page, 'overlay');
    await expect.poll(() => overlay.exists('.lens:not([hidden]) .pill'), { timeout: 10_000 }).toBe(true);

    // Clip a passage and type a note: the reader's typing, Escape and Ctrl+Enter all work inside the panel.
    const clipper = await clipWithButton(page, 'Nothing about the queue changes until a nurse confirms the score');
    await expect.poll(() => clipper.exists('#lens-clip-note')).toBe(true);
    await page.keyboard.type(NOTE);
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => clipper.text('.status')).toBe('Note and tags saved.');
    const clips = await readStore<Clip>(await session.lens.worker(), 'clips');
    expect(clips.find((clip) => clip.page.url.includes('/hostile/spy/'))?.note).toBe(NOTE);
    const spy = await spyOf(page);
    expect(spy.heard).toEqual([]);
    expect(spy.upgraded).toBe(0);
    expect(spy.reached).toBe(0);
    await page.keyboard.press('Escape');
    await expect.poll(() => clipper.exists('.panel')).toBe(false);
    // The page's listeners are alive: typing in its own field is heard.
    await page.locator('#page-form input').focus();
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
    await page.waitForTimeout(400);
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
    await screenshot(page, 'attack-spy-page');
    await page.close();
  });
});

describe('a page that watches window messages and forges the framework’s events', () => {
  it('learns no extension id or event name, and its replays and forged location changes change nothing', async () => {
    const id = session.lens.extensionId;
    const page = await session.lens.context.newPage();
    // Listeners in the page's world from the very first moment, including for the names the framework used to use.
    await page.addInitScript(`(() => {
      window.seen = [];
      const note = (where) => (event) => window.seen.push(where + ' ' + event.type + ' ' + JSON.stringify(event.data ?? event.detail ?? null));
      window.addEventListener('message', note('window'), true);
      for (const name of ['content-script-started', 'locationchange'])
        for (const script of ['content', 'modelwire']) {
          const type = '${id}:' + script + ':wxt:' + name;
          window.addEventListener(type, note('window'), true);
          document.addEventListener(type, note('document'), true);
        }
    })()`);
    await page.goto(COVERED);
    const tabId = await session.lens.tabIdOf(page);
    await expect.poll(async () => (await session.lens.badgeOf(tabId)).text, { timeout: 10_000 }).toBe('MW');
    await page.waitForTimeout(1000);
    const seen = (await page.evaluate('window.seen')) as string[];
    expect(seen.filter((line) => line.includes(id) || line.includes('wxt'))).toEqual([]);

    // Count the page's reports from here on, in the background.
    const worker = await session.lens.worker();
    await worker.evaluate(`(() => {
      self.detections = 0;
      chrome.runtime.onMessage.addListener((message) => { if (message && message.name === 'page.detected') self.detections += 1; });
    })()`);
    await page.evaluate(`(() => {
      for (let i = 0; i < 15; i++) {
        for (const script of ['content', 'modelwire']) {
          window.dispatchEvent(new Event('${id}:' + script + ':wxt:locationchange'));
          window.dispatchEvent(new CustomEvent('wxt:locationchange'));
          const started = { type: '${id}:' + script + ':wxt:content-script-started', contentScriptName: script, messageId: 'forged' + i };
          window.postMessage(started, '*');
          document.dispatchEvent(new CustomEvent(started.type, { detail: started }));
        }
        navigation.dispatchEvent(new Event('navigate'));
      }
    })()`);
    await page.waitForTimeout(2500);
    expect(await worker.evaluate('self.detections')).toBe(0);
    // Lens is still alive on the page: the card opens, and a real address change is still noticed.
    const overlay = await lensShadow(page, 'overlay');
    await overlay.click('.pill');
    await expect.poll(() => overlay.attribute('.pill', 'aria-expanded')).toBe('true');
    await page.evaluate(`history.pushState({}, '', '?view=2')`);
    await expect.poll(() => worker.evaluate('self.detections'), { timeout: 10_000 }).toBeGreaterThan(0);
    await page.close();
  });
});

describe('a page whose form controls clobber DOM properties (the whole page is one form)', () => {
  it('is detected and covered, gets its overlay and highlights, can be clipped and checked', async () => {
    const { page, tabId } = await openCovered(CLOBBERED);
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    const overlay = await lensShadow(page, 'overlay');
    await expect.poll(() => overlay.exists('.lens:not([hidden]) .pill'), { timeout: 10_000 }).toBe(true);
    await expect
      .poll(() => page.evaluate(`CSS.highlights.get('modelwire-lens-entity')?.size ?? 0`), { timeout: 10_000 })
      .toBeGreaterThan(0);

    const clipper = await clipWithButton(page, 'until a nurse confirms the score');
    await expect.poll(() => clipper.exists('.status')).toBe(true);
    expect(await clipper.text('.status')).toBe('Clipped to your Lens library.');
    const clips = await readStore<Clip>(await session.lens.worker(), 'clips');
    const clip = clips.find((candidate) => candidate.page.url.includes('/hostile/clobbered/'));
    expect(clip?.quote).toBe('until a nurse confirms the score');
    expect(clip?.page.authors).toEqual(['Dana Whitfield']);

    const popup = await session.lens.openPopup(tabId);
    await expect.poll(() => popup.getAttribute('main', 'data-status'), { timeout: 10_000 }).toBe('covered');
    await popup.getByRole('tab', { name: 'Check summary' }).click();
    await popup.getByRole('button', { name: 'Check Modelwire’s summary' }).click();
    await popup.waitForSelector('.report', { timeout: 10_000 });
    expect(await popup.locator('.figure', { hasText: 'Verbatim reuse' }).locator('dd').textContent()).toBe('0%');
    expect(errors).toEqual([]);
    await Promise.all([popup.close(), page.close()]);
  });
});

describe('a page that reads the browser’s highlight registry', () => {
  it('learns the underlined names and clipped passages by default, and nothing once the reader keeps them private', async () => {
    const options = await session.lens.context.newPage();
    await options.goto(`chrome-extension://${session.lens.extensionId}/options.html`);
    await options.waitForSelector('main[aria-busy="false"]');
    const privacy = options.getByLabel(/Keep underlines and clip highlights private from the page/);
    await privacy.check();

    const { page } = await openCovered(COVERED);
    const overlay = await lensShadow(page, 'overlay');
    await expect.poll(() => overlay.exists('.boxes div'), { timeout: 10_000 }).toBe(true);
    const clipper = await clipWithButton(page, 'which together see about 140,000 emergency visits a year');
    await expect.poll(() => clipper.exists('.boxes div'), { timeout: 5000 }).toBe(true);
    const readable = `[...CSS.highlights.keys()].filter((key) => CSS.highlights.get(key).size > 0)`;
    expect(await page.evaluate(readable)).toEqual([]);
    // The hover card still works over a name drawn as a box.
    const name = await pointAt(page, 'Harbor Health Network');
    await page.mouse.move(name.x, name.y);
    await expect.poll(() => overlay.exists('.hover:not([hidden])'), { timeout: 5000 }).toBe(true);
    await screenshot(page, 'attack-private-highlights');

    // Switched back, the registry (which the page can read) is used again, live.
    await privacy.uncheck();
    await expect
      .poll(() => page.evaluate(readable), { timeout: 5000 })
      .toEqual(expect.arrayContaining(['modelwire-lens-entity', 'modelwire-lens-clip']));
    await Promise.all([options.close(), page.close()]);
  });
});
