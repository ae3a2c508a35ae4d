// The side panel in real Chromium: the tab's full context and the page's entity list, opened from the popup.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lensSession } from '../harness/browser';
import { screenshot } from '../harness/screenshots';

const COVERED = 'https://www.lakesideledger.com/2026/11/18/regional-hospitals-pilot-ai-triage-assistant/';
const UNCOVERED = 'https://www.lakesideledger.com/2026/11/22/port-cranes-run-night-shift-on-autopilot/';
const session = lensSession({ beforeAll, afterAll });

async function sidePanelFor(tabId: number, colorScheme: 'light' | 'dark' = 'light') {
  const panel = await session.lens.context.newPage();
  await panel.emulateMedia({ colorScheme });
  await panel.setViewportSize({ width: 420, height: 900 });
  await panel.goto(`chrome-extension://${session.lens.extensionId}/sidepanel.html?tabId=${tabId}`);
  await panel.waitForSelector('main[data-status]:not([data-status="loading"])');
  return panel;
}

describe('the side panel', () => {
  it('shows the covered article’s context and the names in the article, each with other coverage', async () => {
    const page = await session.lens.context.newPage();
    await page.goto(COVERED);
    const tabId = await session.lens.tabIdOf(page);
    await expect.poll(async () => (await session.lens.badgeOf(tabId)).text, { timeout: 10_000 }).toBe('MW');
    const panel = await sidePanelFor(tabId);
    await expect.poll(() => panel.getAttribute('main', 'data-status')).toBe('covered');
    expect(await panel.textContent('h1')).toBe(
      'Regional hospitals pilot an AI triage assistant in three emergency rooms',
    );
    await panel.waitForSelector('#entities-heading');
    expect(await panel.textContent('#entities-heading')).toBe('Mentions (3)');
    // Each name once: the coverage's mentions are the panel's list, not a second list beside it.
    expect(await panel.locator('#mentions-heading').count()).toBe(0);
    expect(await panel.getByRole('button', { name: 'Kestrel Labs' }).count()).toBe(1);
    const kestrel = panel.getByRole('button', { name: 'Kestrel Labs' });
    await kestrel.focus();
    await panel.keyboard.press('Enter');
    expect(await kestrel.getAttribute('aria-expanded')).toBe('true');
    await expect
      .poll(() => panel.locator('.entity-coverages li a').allTextContents())
      .toEqual([
        'Kestrel Labs publishes the weights of its mid-size model',
        'Orbital Compute pushes its second chip fab back by a year',
      ]);
    await screenshot(panel, 'sidepanel-covered');
    const dark = await sidePanelFor(tabId, 'dark');
    await expect.poll(() => dark.getAttribute('main', 'data-status')).toBe('covered');
    await screenshot(dark, 'sidepanel-covered-dark');
    await Promise.all([panel.close(), dark.close(), page.close()]);
  });

  it('lists the names Lens knows in an uncovered article', async () => {
    const page = await session.lens.context.newPage();
    await page.goto(UNCOVERED);
    const tabId = await session.lens.tabIdOf(page);
    const panel = await sidePanelFor(tabId);
    await expect.poll(() => panel.getAttribute('main', 'data-status')).toBe('not-covered');
    await panel.waitForSelector('#entities-heading');
    expect(await panel.locator('.entity-list li').first().textContent()).toBe(
      'Kestrel Labs 2× here · in 3 saved summaries',
    );
    await screenshot(panel, 'sidepanel-not-covered');
    await Promise.all([panel.close(), page.close()]);
  });

  it('opens from the popup: Chrome’s side panel shows sidepanel.html and the popup closes', async () => {
    const page = await session.lens.context.newPage();
    await page.goto(COVERED);
    const tabId = await session.lens.tabIdOf(page);
    const popup = await session.lens.openPopup(tabId);
    await expect.poll(() => popup.getAttribute('main', 'data-status')).toBe('covered');
    const cdp = await session.lens.context.newCDPSession(page);
    const panels = async () =>
      (await cdp.send('Target.getTargets')).targetInfos.filter((target) => target.url.endsWith('/sidepanel.html'))
        .length;
    expect(await panels()).toBe(0);
    await popup.getByRole('button', { name: 'Open in side panel' }).click();
    // The browser's own side panel is not a tab Playwright drives; the DevTools protocol lists it.
    await expect.poll(panels, { timeout: 10_000 }).toBe(1);
    await expect.poll(() => popup.isClosed()).toBe(true);
    await page.close();
  });
});
