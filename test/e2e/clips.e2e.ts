// Editors' clips in real Chromium: clip a passage with the Clip button and through the menu/command path, add a note,
// come back to a changed version of the page (clips re-anchor and are highlighted; a removed passage is reported
// orphaned), then use the library: search, filter, edit, delete with undo, export in every format (checked field by
// field), import back, refuse a corrupt file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseBibtex } from '@retorquere/bibtex-parser';
import type { Page } from 'playwright-core';
import { lensSession } from '../harness/browser';
import { lensShadow, type LensShadow } from '../harness/shadow';
import { screenshot } from '../harness/screenshots';
import { selectText } from '../harness/text-in-page';
import { SITES_DIR } from '../harness/fixture-server';

const ARTICLE = 'https://www.lakesideledger.com/2026/11/18/regional-hospitals-pilot-ai-triage-assistant/';
const FIRST = 'Nothing about the queue changes until a nurse confirms the score';
const SECOND = 'which together see about 140,000 emergency visits a year';
const session = lensSession({ beforeAll, afterAll });
const consoleErrors: string[] = [];

async function openArticle(): Promise<{ page: Page; clipper: LensShadow; tabId: number }> {
  const page = await session.lens.context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(`${page.url()}: ${message.text()}`);
  });
  await page.goto(ARTICLE);
  await expect.poll(async () => (await session.lens.badgeOf(await session.lens.tabIdOf(page))).text).toBe('MW');
  return { page, clipper: await lensShadow(page, 'clipper'), tabId: await session.lens.tabIdOf(page) };
}

/** What the context-menu item and the keyboard command do: the background asks the tab to clip its selection. */
async function clipLikeTheMenu(tabId: number): Promise<unknown> {
  const worker = await session.lens.worker();
  return worker.evaluate(
    `chrome.tabs.sendMessage(${tabId}, { channel: 'modelwire-lens', name: 'page.clip', payload: {} })`,
  );
}

let library: Page;

describe('clipping', () => {
  it('clips a selected passage with the Clip button, then takes a note and tags', async () => {
    const { page, clipper } = await openArticle();
    await selectText(page, FIRST);
    await expect.poll(() => clipper.exists('.clip-button:not([hidden])'), { timeout: 5000 }).toBe(true);
    await screenshot(page, 'clip-button');
    await clipper.click('.clip-button');
    await expect.poll(() => clipper.exists('.panel')).toBe(true);
    expect(await clipper.text('.status')).toBe('Clipped to your Lens library.');
    // The new clip is highlighted on the page at once, without a reload.
    await expect
      .poll(() => page.evaluate(`CSS.highlights.get('modelwire-lens-clip')?.size ?? 0`), { timeout: 5000 })
      .toBe(1);
    // The note field has focus: type, then tags, then save.
    expect(
      await clipper.call('#lens-clip-note', 'function () { return this.getRootNode().activeElement === this; }'),
    ).toBe(true);
    await page.keyboard.type('Confirm who decides: the nurse, not the model.');
    await clipper.focus('#lens-clip-tags');
    await page.keyboard.type('health, follow up');
    await clipper.click('.actions .primary');
    await expect.poll(() => clipper.text('.status')).toBe('Note and tags saved.');
    await screenshot(page, 'clip-panel');
    await page.close();
  });

  it('clips through the menu and command path, and refuses an empty selection and a form field with a reason', async () => {
    const { page, clipper, tabId } = await openArticle();
    await selectText(page, SECOND);
    expect(await clipLikeTheMenu(tabId)).toMatchObject({ ok: true, value: { clipped: true } });
    expect(await clipper.text('.status')).toBe('Clipped to your Lens library.');
    await page.evaluate('getSelection().removeAllRanges()');
    expect(await clipLikeTheMenu(tabId)).toMatchObject({ ok: true, value: { clipped: false } });
    expect(await clipper.text('.status')).toBe('Nothing is selected. Select a passage of the page, then clip it.');
    await page.evaluate(`(() => {
      const field = document.createElement('textarea');
      field.value = 'typed by the reader';
      document.body.append(field);
      field.focus();
      field.select();
    })()`);
    expect(await clipLikeTheMenu(tabId)).toMatchObject({ ok: true, value: { clipped: false } });
    expect(await clipper.text('.status')).toMatch(/cannot clip text inside a form field/);
    await page.close();
  });

  it('offers no button when the reader turned it off in the options', async () => {
    const options = await session.lens.context.newPage();
    await options.goto(`chrome-extension://${session.lens.extensionId}/options.html`);
    await options.waitForSelector('main[aria-busy="false"]');
    await options.getByLabel('Offer a “Clip” button beside text I select').uncheck();
    const { page, clipper } = await openArticle();
    await selectText(page, FIRST);
    await page.waitForTimeout(600);
    expect(await clipper.exists('.clip-button:not([hidden])')).toBe(false);
    await options.getByLabel('Offer a “Clip” button beside text I select').check();
    // Switched back on, the same selection gets its button: the absence above was the switch, not a broken page.
    await page.evaluate('getSelection().removeAllRanges()');
    await selectText(page, FIRST);
    await expect.poll(() => clipper.exists('.clip-button:not([hidden])'), { timeout: 5000 }).toBe(true);
    await Promise.all([options.close(), page.close()]);
  });

  it('re-anchors on a changed version of the page and reports the passage that is gone', async () => {
    // The publisher edits the story: a new first paragraph, reworded text around the first clip, and the second clip's
    // sentence removed.
    const original = readFileSync(
      join(SITES_DIR, 'www.lakesideledger.com/2026/11/18/regional-hospitals-pilot-ai-triage-assistant/index.html'),
      'utf8',
    );
    const changed = original
      .replace('<article>', '<article><p><strong>Update:</strong> this story was updated on 20 November.</p>')
      .replace('until a nurse confirms the score', 'until a  nurse <em>confirms</em> the score')
      .replace(/which together see about 140,000 emergency visits a year/, 'which did not give figures');
    expect(changed).not.toBe(original);
    await session.lens.context.route(ARTICLE, (route) =>
      route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: changed }),
    );
    const { page } = await openArticle();
    await expect
      .poll(() => page.evaluate(`CSS.highlights.get('modelwire-lens-clip')?.size ?? 0`), { timeout: 10_000 })
      .toBe(1);
    const highlighted = await page.evaluate(`[...CSS.highlights.get('modelwire-lens-clip')][0].toString()`);
    expect(String(highlighted).replace(/\s+/g, ' ')).toBe(FIRST);
    await screenshot(page, 'clip-reanchored');
    // The side panel lists this page's clips and says which one did not re-attach.
    const tabId = await session.lens.tabIdOf(page);
    const panel = await session.lens.context.newPage();
    await panel.goto(`chrome-extension://${session.lens.extensionId}/sidepanel.html?tabId=${tabId}`);
    await expect
      .poll(() => panel.textContent('#page-clips-heading').catch(() => null), { timeout: 10_000 })
      .toBe('Your clips of this page (2, 1 not found)');
    expect(await panel.locator('.page-clips li[data-status="orphaned"] q').textContent()).toBe(SECOND);
    await screenshot(panel, 'sidepanel-page-clips');
    await panel.close();
    await page.close();
    await session.lens.context.unroute(ARTICLE);
  });
});

describe('the clip library', () => {
  it('lists the clips, newest first, with the orphaned one flagged', async () => {
    library = await session.lens.context.newPage();
    library.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(`library: ${message.text()}`);
    });
    await library.goto(`chrome-extension://${session.lens.extensionId}/library.html`);
    await library.waitForSelector('main[aria-busy="false"]');
    await expect.poll(() => library.locator('.clip blockquote').allTextContents()).toEqual([SECOND, FIRST]);
    expect(await library.textContent('[data-testid="orphans"]')).toMatch(/^1 clip was not found on its page/);
    expect(await library.locator('.clip[data-status="orphaned"] blockquote').textContent()).toBe(SECOND);
    expect(await library.locator('.clip').nth(1).locator('.citation').textContent()).toBe(
      `Whitfield, D. (2026, November 18). Regional hospitals pilot an AI triage assistant. The Lakeside Ledger. ${ARTICLE}`,
    );
    await screenshot(library, 'library');
  });

  it('searches, filters by tag, edits a note, deletes and undoes', async () => {
    await library.getByRole('searchbox').fill('nurse model');
    await expect.poll(() => library.locator('.clip blockquote').allTextContents()).toEqual([FIRST]);
    await library.getByRole('searchbox').fill('');
    await library.getByLabel('Filter by tag').selectOption('follow up');
    await expect.poll(() => library.locator('.clip blockquote').allTextContents()).toEqual([FIRST]);
    await library.getByLabel('Filter by tag').selectOption('');
    await expect.poll(() => library.locator('.clip').count()).toBe(2);
    const first = library.locator('.clip').nth(1);
    await first.getByLabel('Note').fill('Edited in the library.');
    await first.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => library.textContent('[data-testid="notice"]')).toBe('Saved.');
    await library.locator('.clip').first().getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => library.locator('.clip').count()).toBe(1);
    expect(await library.textContent('[data-testid="notice"]')).toBe('Deleted 1 clip. Undo');
    await library.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => library.locator('.clip').count()).toBe(2);
  });

  it('exports every format, checked field by field', async () => {
    const files: Record<string, string> = {};
    for (const label of ['Markdown', 'CSL-JSON', 'BibTeX', 'W3C Web Annotation', 'Lens JSON (re-importable)']) {
      const download = library.waitForEvent('download');
      await library.getByRole('button', { name: label, exact: true }).click();
      const file = await download;
      const path = join(tmpdir(), `lens-${Date.now()}-${file.suggestedFilename()}`);
      await file.saveAs(path);
      files[label] = readFileSync(path, 'utf8');
      rmSync(path);
    }
    expect(files.Markdown).toContain(`> ${FIRST}`);
    expect(files.Markdown).toContain('**Note:** Edited in the library.');
    expect(files.Markdown).toContain('Tags: #health #follow-up');
    expect(files.Markdown).toContain(
      `(<${ARTICLE}#:~:text=Nothing%20about%20the%20queue%20changes,a%20nurse%20confirms%20the%20score>)`,
    );
    const csl = JSON.parse(files['CSL-JSON'] ?? '[]');
    expect(csl).toHaveLength(2);
    expect(csl[1]).toMatchObject({
      type: 'article-newspaper',
      title: 'Regional hospitals pilot an AI triage assistant',
      author: [{ family: 'Whitfield', given: 'Dana' }],
      'container-title': 'The Lakeside Ledger',
      issued: { 'date-parts': [[2026, 11, 18]] },
      URL: ARTICLE,
    });
    const bib = parseBibtex(files.BibTeX ?? '');
    expect(bib.errors).toEqual([]);
    expect(bib.entries.map((entry) => entry.type)).toEqual(['online', 'online']);
    expect(bib.entries[1]?.fields).toMatchObject({
      title: 'Regional hospitals pilot an AI triage assistant',
      url: ARTICLE,
    });
    const annotations = JSON.parse(files['W3C Web Annotation'] ?? '{}');
    expect(annotations).toMatchObject({ type: 'AnnotationCollection', total: 2 });
    expect(annotations.first.items[1].target.selector[0]).toMatchObject({ type: 'TextQuoteSelector', exact: FIRST });
    expect(annotations.first.items[1].target.selector[2]).toMatchObject({
      type: 'RangeSelector',
      startSelector: { type: 'XPathSelector', value: expect.stringMatching(/^\/html\[1\]\/body\[1\]\/.*\/p\[\d+\]$/) },
      endSelector: { type: 'XPathSelector' },
    });
    writeFileSync(join(tmpdir(), 'lens-clips-roundtrip.json'), files['Lens JSON (re-importable)'] ?? '');
  });

  it('imports its own export back after the clips are deleted, and refuses a corrupt file', async () => {
    await library.getByLabel('Select all shown (2 of 2)').check();
    await library.getByRole('button', { name: 'Delete selected (2)' }).click();
    await expect.poll(() => library.locator('.clip').count()).toBe(0);
    // An empty library offers nothing to export.
    expect(await library.getByRole('button', { name: 'BibTeX', exact: true }).isDisabled()).toBe(true);
    const corrupt = join(tmpdir(), 'lens-clips-corrupt.json');
    writeFileSync(corrupt, '{"format": "modelwire-lens-clips", "version": 1, "clips": [{"id": "x"}]}');
    await library.locator('input[type=file]').setInputFiles(corrupt);
    await expect
      .poll(() => library.textContent('[data-testid="notice"]'))
      .toMatch(/^lens-clips-corrupt\.json: clips\[0\]: .*Nothing was imported\./);
    await library.locator('input[type=file]').setInputFiles(join(tmpdir(), 'lens-clips-roundtrip.json'));
    await expect
      .poll(() => library.textContent('[data-testid="notice"]'))
      .toBe('Imported 2 clips from lens-clips-roundtrip.json.');
    await expect.poll(() => library.locator('.clip blockquote').allTextContents()).toEqual([SECOND, FIRST]);
    rmSync(corrupt);
  });

  it('two library tabs editing one clip: each follows the other live, and no edit is lost', async () => {
    const other = await session.lens.context.newPage();
    await other.goto(`chrome-extension://${session.lens.extensionId}/library.html`);
    await other.waitForSelector('.clip');
    const mine = library.locator('.clip').nth(1);
    const theirs = other.locator('.clip').nth(1);
    // The second tab starts editing the tags; meanwhile the first saves a new note.
    await theirs.getByLabel('Tags, separated by commas').fill('health, follow up, checked');
    await mine.getByLabel('Note').fill('Saved in the first tab.');
    await mine.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => library.textContent('[data-testid="notice"]')).toBe('Saved.');
    // The second tab shows the new note at once (its note field was untouched), keeps its typed tags, and says so.
    await expect.poll(() => theirs.getByLabel('Note').inputValue(), { timeout: 5000 }).toBe('Saved in the first tab.');
    expect(await theirs.getByLabel('Tags, separated by commas').inputValue()).toBe('health, follow up, checked');
    expect(await theirs.locator('.changed').textContent()).toContain('Changed in another tab meanwhile');
    await screenshot(other, 'library-changed-elsewhere');
    await theirs.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => other.textContent('[data-testid="notice"]')).toBe('Saved.');
    // Both edits are kept, and the first tab shows the second's tags without a reload.
    await expect
      .poll(() => mine.getByLabel('Tags, separated by commas').inputValue(), { timeout: 5000 })
      .toBe('health, follow up, checked');
    expect(await mine.getByLabel('Note').inputValue()).toBe('Saved in the first tab.');
    await other.close();
  });

  it('opens a clip at its passage, and logs no errors', async () => {
    const opened = session.lens.context.waitForEvent('page');
    await library.locator('.clip').nth(1).getByRole('button', { name: 'Open at the passage' }).click();
    const page = await opened;
    await page.waitForLoadState();
    expect(page.url()).toBe(
      `${ARTICLE}#:~:text=Nothing%20about%20the%20queue%20changes,a%20nurse%20confirms%20the%20score`,
    );
    // The page is back to its original text: both clips anchor, the one reported orphaned included.
    await expect
      .poll(() => page.evaluate(`CSS.highlights.get('modelwire-lens-clip')?.size ?? 0`), { timeout: 10_000 })
      .toBe(2);
    await page.close();
    await library.reload();
    await library.waitForSelector('.clip');
    expect(await library.locator('[data-testid="orphans"]').count()).toBe(0);
    const dark = await session.lens.context.newPage();
    await dark.emulateMedia({ colorScheme: 'dark' });
    await dark.goto(`chrome-extension://${session.lens.extensionId}/library.html`);
    await dark.waitForSelector('.clip');
    await screenshot(dark, 'library-dark');
    await dark.close();
    expect(consoleErrors).toEqual([]);
  });
});
