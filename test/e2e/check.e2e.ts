// The publishers' summarisation check in the popup, on the demo pages, in real Chromium.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { lensSession } from '../harness/browser';
import { screenshot } from '../harness/screenshots';

const COVERED = 'https://www.lakesideledger.com/2026/11/18/regional-hospitals-pilot-ai-triage-assistant/';
const UNCOVERED = 'https://www.lakesideledger.com/2026/11/20/city-council-budget-vote/';
const COPIED =
  'The draft budget would hold library spending flat at $4.2 million, which the library board says would force it to close the Eastside and Harbor Road branches on Saturdays from March. The council also voted to sell the old ferry terminal for $2 million.';

const session = lensSession({ beforeAll, afterAll });

async function openCheckTab(url: string, expectedStatus: string): Promise<{ page: Page; popup: Page; tabId: number }> {
  const page = await session.lens.context.newPage();
  await page.goto(url);
  const tabId = await session.lens.tabIdOf(page);
  const popup = await session.lens.openPopup(tabId);
  await expect.poll(() => popup.getAttribute('main', 'data-status'), { timeout: 10_000 }).toBe(expectedStatus);
  await popup.getByRole('tab', { name: 'Check summary' }).click();
  return { page, popup, tabId };
}

const figure = (popup: Page, label: string) => popup.locator('.figure', { hasText: label }).locator('dd').textContent();

describe('checking Modelwire’s summary of a covered article', () => {
  it('reports reuse, support, facts and attribution, exports them, and leads to the takedown page', async () => {
    const { page, popup } = await openCheckTab(COVERED, 'covered');
    await popup.getByRole('button', { name: 'Check Modelwire’s summary' }).click();
    await popup.waitForSelector('.report');
    // The verdict comes first: nothing in Modelwire's summary goes beyond the article.
    expect(await popup.locator('.report > :nth-child(2)').getAttribute('class')).toBe('verdict consistent');
    expect(await popup.textContent('#verdict-heading')).toMatch(
      /^Nothing found beyond the article \(score 0(\.\d+)?\)$/,
    );
    expect(await figure(popup, 'Verbatim reuse')).toBe('0%');
    expect(await figure(popup, 'Weakly supported')).toBe('1 of 2 sentences');
    expect(await figure(popup, 'Facts not in the article')).toBe('0');
    expect(await popup.locator('.attribution li').allTextContents()).toEqual([
      expect.stringMatching(/^Source linked: yes/),
      expect.stringMatching(/^Publisher named: yes/),
      expect.stringMatching(/^Takedown page: yes/),
    ]);
    await screenshot(popup, 'popup-check-report');

    const [markdownDownload] = await Promise.all([
      popup.waitForEvent('download'),
      popup.getByRole('button', { name: 'Export Markdown' }).click(),
    ]);
    expect(markdownDownload.suggestedFilename()).toBe(
      'modelwire-check-regional-hospitals-pilot-an-ai-triage-assistant.md',
    );
    const markdown = readFileSync(await markdownDownload.path(), 'utf8');
    expect(markdown).toContain('# Summarisation check: Regional hospitals pilot an AI triage assistant');
    expect(markdown).toContain('## Verdict\n\n**Consistent** (score');
    expect(markdown).toContain('- Source linked: yes');
    const [jsonDownload] = await Promise.all([
      popup.waitForEvent('download'),
      popup.getByRole('button', { name: 'Export JSON' }).click(),
    ]);
    const json = JSON.parse(readFileSync(await jsonDownload.path(), 'utf8'));
    expect(json).toMatchObject({
      version: 1,
      verdict: { label: 'consistent', reasons: [] },
      article: { url: COVERED },
      support: { weak: 1 },
      attribution: { takedownPage: { status: 'yes' } },
    });

    const [takedown] = await Promise.all([
      session.lens.context.waitForEvent('page'),
      popup.getByRole('button', { name: 'Request a different summarisation policy' }).click(),
    ]);
    await takedown.waitForLoadState();
    expect(takedown.url()).toBe('https://themodelwire.com/takedown');
    await expect.poll(() => popup.textContent('.check-status')).toContain('The report is on your clipboard');
    // Paste what was copied into the popup's own text box: the report really is on the clipboard.
    await popup.locator('.paste summary').click();
    await popup.getByLabel('Summary text').focus();
    await popup.keyboard.press('Control+V');
    expect(await popup.getByLabel('Summary text').inputValue()).toContain('# Summarisation check: Regional hospitals');
    await Promise.all([takedown.close(), popup.close(), page.close()]);
  });
});

describe('checking a pasted summary', () => {
  it('finds a copied passage and highlights it on the page without changing its DOM', async () => {
    const { page, popup } = await openCheckTab(UNCOVERED, 'not-covered');
    const domBefore = await page.evaluate(() => new XMLSerializer().serializeToString(document.body));
    expect(await popup.getByRole('button', { name: 'Check Modelwire’s summary' }).count()).toBe(0);
    await popup.getByLabel('Summary text').fill(COPIED);
    await popup.getByRole('button', { name: 'Check pasted text' }).click();
    await popup.waitForSelector('.report');
    expect(Number.parseFloat((await figure(popup, 'Verbatim reuse')) ?? '0')).toBeGreaterThan(50);
    expect(await figure(popup, 'Longest shared run')).toBe('31 words');
    const facts = await popup.locator('.facts-missing li').allTextContents();
    expect(facts).toContain('money “$2 million”: the source has no such figure');
    expect(facts.join('\n')).not.toContain('$4.2 million');
    // The verdict names the invented figure beside the article's passage it was compared with.
    expect(await popup.getAttribute('.verdict', 'class')).toBe('verdict inconsistent');
    expect(await popup.textContent('#verdict-heading')).toMatch(/^Says what the article does not \(score 0\.\d+\)$/);
    const reason = popup.locator('.reasons li').first();
    expect(await reason.textContent()).toContain('fact not in the article: the money “$2 million”');
    expect(await reason.locator('.article-side').textContent()).toMatch(/^Article “[\s\S]+”$/);
    await screenshot(popup, 'popup-check-verdict-inconsistent');
    expect(await popup.locator('.attribution li').first().textContent()).toContain('not applicable');

    await popup.getByRole('button', { name: 'Highlight reused text on the page' }).click();
    await expect.poll(() => popup.textContent('.check-status')).toContain('Highlighted 1 reused passage on the page.');
    const highlighted = await page.evaluate(() => {
      const highlight = CSS.highlights.get('modelwire-lens-reuse');
      return highlight ? [...highlight].map((range) => (range as Range).toString()) : [];
    });
    expect(highlighted).toHaveLength(1);
    expect(highlighted[0]).toMatch(/^The draft budget would hold library spending flat at \$4\.2 million/);
    expect(await page.evaluate(() => new XMLSerializer().serializeToString(document.body))).toBe(domBefore);
    await screenshot(page, 'page-reuse-highlighted');
    await Promise.all([popup.close(), page.close()]);
  });

  it('says clearly when there is nothing to check', async () => {
    const { page, popup } = await openCheckTab(UNCOVERED, 'not-covered');
    await popup.getByRole('button', { name: 'Check pasted text' }).click();
    expect(await popup.getByRole('alert').textContent()).toBe('There is no summary text to check.');
    await Promise.all([popup.close(), page.close()]);
  });

  it('moves between the tabs with the arrow keys', async () => {
    const { page, popup } = await openCheckTab(COVERED, 'covered');
    await popup.getByRole('tab', { name: 'Check summary' }).focus();
    await popup.keyboard.press('ArrowLeft');
    expect(await popup.getAttribute('[role="tab"][aria-selected="true"]', 'id')).toBe('tab-summary');
    expect(await popup.evaluate(() => document.activeElement?.id)).toBe('tab-summary');
    await popup.keyboard.press('ArrowRight');
    expect(await popup.getAttribute('[role="tab"][aria-selected="true"]', 'id')).toBe('tab-check');
    await Promise.all([popup.close(), page.close()]);
  });
});
