// `npm run demo`: the reader's path on the embedded demo data, in a real Chromium with the built extension.
// Serves the demo publisher and Modelwire pages on 127.0.0.1, visits them, and writes screenshots of each page and
// its popup to a folder it prints. Headed where a display exists, headless otherwise.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { platform } from 'node:os';
import { fileURLToPath } from 'node:url';

import type { Page } from 'playwright-core';
import { extensionWithGrantedOrigins, launchWithExtension, type LensBrowser } from './browser';
import { serveIndexFolder } from './index-server';
import { runIndexCommand } from '../../lib/index/cli';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { lensShadow } from './shadow';
import { selectText } from './text-in-page';
import { startFixtureServer } from './fixture-server';
import { screenshot } from './screenshots';

const STEPS: Array<{ name: string; url: string; what: string }> = [
  {
    name: '1-publisher-before-capture',
    url: 'https://circuitweekly.net/news/open-source-robotics-kit/',
    what: 'An article Modelwire has not covered yet',
  },
  {
    name: '2-modelwire-page',
    url: 'https://themodelwire.com/article/open-source-robotics-kit-ships-with-motion-planner-01KX3K9M1N3P5Q7R9S2T4V6W8X',
    what: 'Reading Modelwire’s summary of it: Lens captures the coverage',
  },
  {
    name: '3-publisher-after-capture',
    url: 'https://circuitweekly.net/news/open-source-robotics-kit/',
    what: 'The same article now lights up',
  },
  {
    name: '4-covered-article',
    url: 'https://www.lakesideledger.com/2026/11/18/regional-hospitals-pilot-ai-triage-assistant/?utm_source=newsletter',
    what: 'An article in the embedded demo data (tracking parameters ignored)',
  },
  {
    name: '5-uncovered-article',
    url: 'https://www.lakesideledger.com/2026/11/20/city-council-budget-vote/',
    what: 'An article Modelwire did not cover',
  },
  {
    name: '5b-moved-article',
    url: 'https://www.lakesideledger.com/health/regional-hospitals-pilot-ai-triage-assistant/',
    what: 'The covered article at another address: Lens asks whether it is the same one',
  },
  { name: '6-not-an-article', url: 'https://www.lakesideledger.com/', what: 'A home page' },
];
const FEED_ONLY = 'https://www.lakesideledger.com/2026/11/22/port-cranes-run-night-shift-on-autopilot/';

const hasDisplay = platform() !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const headless = process.env.HEADLESS === '1' || !hasDisplay;
const outDir = join(
  fileURLToPath(new URL('../../demo-output/', import.meta.url)),
  new Date().toISOString().replace(/[:.]/g, '-'),
);
mkdirSync(outDir, { recursive: true });

const server = await startFixtureServer();
// The coverage index, built by `modelwire-lens index build` from the demo's saved Modelwire pages, served on loopback.
const indexFolder = mkdtempSync(join(tmpdir(), 'modelwire-lens-demo-index-'));
await runIndexCommand(
  [
    'build',
    '--out',
    indexFolder,
    '--pages',
    fileURLToPath(new URL('../fixtures/sites/themodelwire.com/', import.meta.url)),
  ],
  { stdout: (text) => process.stdout.write(`index build: ${text}`), stderr: () => undefined, interactive: false },
);
const index = await serveIndexFolder(indexFolder);
// The index server's origin counts as granted, as after clicking "Allow" in the browser's prompt when saving its address.
const extensionDir = extensionWithGrantedOrigins(['http://127.0.0.1/*']);
const lens = await launchWithExtension({ port: server.port, hosts: server.hosts, headless, extensionDir });
console.log(
  `Modelwire Lens demo: Chromium ${headless ? 'headless' : 'with a window'}, fixture sites on 127.0.0.1:${server.port}, coverage index at ${index.url}`,
);
const rows: Array<Record<string, string>> = [];

/** Takes a step's screenshot and adds its row to the table (the heading cut to the table's width). */
async function record(
  page: Page,
  shot: string,
  row: { step: string; what: string; badge: string; popup: string; heading: string },
): Promise<void> {
  await screenshot(page, shot, outDir);
  rows.push({ ...row, heading: row.heading.trim().slice(0, 70) });
}

/** Opens a page and its popup, waits for Lens to have read it, takes both screenshots and adds a row. */
async function visit(browser: LensBrowser, step: { name: string; url: string; what: string }): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(step.url);
  const tabId = await browser.tabIdOf(page);
  const popup = await browser.openPopup(tabId);
  await popup.waitForFunction(() => {
    const status = document.querySelector('main')?.getAttribute('data-status');
    return (
      status &&
      status !== 'loading' &&
      !(status === 'unread' && document.querySelector('h1')?.textContent === 'Reading this page…')
    );
  });
  // The names Lens knows in an article's text arrive a moment after the verdict.
  await popup.waitForTimeout(300);
  const status = (await popup.getAttribute('main', 'data-status')) ?? '';
  const heading = (await popup.textContent('h1')) ?? '';
  const badge = await browser.badgeOf(tabId);
  await screenshot(page, `${step.name}-page`, outDir);
  await record(popup, `${step.name}-popup`, {
    step: step.name,
    what: step.what,
    badge: badge.text || '—',
    popup: status,
    heading,
  });
  await popup.close();
  return page;
}

try {
  for (const step of STEPS) {
    const page = await visit(lens, step);
    if (headless) await page.close();
  }
  // A publisher checks Modelwire's summary of the covered article, in the popup's "Check summary" tab.
  const article = await lens.context.newPage();
  await article.goto(STEPS[3]?.url ?? '');
  const articleTab = await lens.tabIdOf(article);
  const popup = await lens.openPopup(articleTab);
  await popup.getByRole('tab', { name: 'Check summary' }).click();
  await popup.getByRole('button', { name: 'Check Modelwire’s summary' }).click();
  await popup.waitForSelector('.report');
  const figures = await popup
    .locator('.figure')
    .evaluateAll((nodes) =>
      nodes.map((node) => `${node.querySelector('dt')?.textContent}: ${node.querySelector('dd')?.textContent}`),
    );
  await record(popup, '7-check-summary-popup', {
    step: '7-check-summary',
    what: 'A publisher checks the summary against the article',
    badge: 'MW',
    popup: 'check',
    heading: figures.slice(0, 3).join(' · '),
  });
  await popup.close();
  if (headless) await article.close();

  // The coverage index: an article the demo data does not cover, then the index set in the options page.
  const before = await visit(lens, {
    name: '8-index-only-article-before',
    url: FEED_ONLY,
    what: 'Not covered yet; the popup lists names Lens knows in it',
  });
  if (headless) await before.close();
  const options = await lens.context.newPage();
  await options.goto(`chrome-extension://${lens.extensionId}/options.html`);
  await options.waitForSelector('main[aria-busy="false"]');
  await options.getByLabel('Feed address').fill(index.url);
  await options.getByRole('button', { name: 'Save and sync', exact: true }).click();
  await options.waitForSelector('[data-testid="notice"].ok, [data-testid="notice"].error');
  const notice = (await options.textContent('[data-testid="notice"]')) ?? '';
  await record(options, '9-options-index-synced', {
    step: '9-options-index',
    what: 'Options: the local coverage index set and synced',
    badge: '',
    popup: 'options',
    heading: notice,
  });
  if (headless) await options.close();
  const after = await visit(lens, {
    name: '10-index-only-article-after',
    url: FEED_ONLY,
    what: 'The same article, found in the index (one shard request)',
  });
  if (headless) await after.close();

  // The reader's context on the page itself: the overlay's card, the underlined names and their hover card, and the
  // side panel.
  const reading = await lens.context.newPage();
  await reading.goto(STEPS[3]?.url ?? '');
  const shadow = await lensShadow(reading);
  await reading.waitForFunction(
    () => document.documentElement.lastElementChild?.getAttribute('data-modelwire-lens') === 'overlay',
  );
  await shadow.click('.pill');
  await record(reading, '11-overlay-card', {
    step: '11-overlay-card',
    what: 'The Modelwire button on the page, opened, names underlined',
    badge: 'MW',
    popup: 'overlay',
    heading: (await shadow.text('h2')) ?? '',
  });
  const readingTab = await lens.tabIdOf(reading);
  const panel = await lens.context.newPage();
  await panel.setViewportSize({ width: 420, height: 900 });
  await panel.goto(`chrome-extension://${lens.extensionId}/sidepanel.html?tabId=${readingTab}`);
  await panel.waitForSelector('#entities-heading');
  await record(panel, '12-side-panel', {
    step: '12-side-panel',
    what: 'The side panel: the context and the names in the article',
    badge: 'MW',
    popup: 'side panel',
    heading: (await panel.textContent('#entities-heading')) ?? '',
  });
  if (headless) await panel.close();

  // An editor clips a passage with the Clip button beside the selection, adds a note, and opens the library.
  await selectText(reading, 'Nothing about the queue changes until a nurse confirms the score');
  const clipper = await lensShadow(reading, 'clipper');
  await clipper.waitFor('.clip-button:not([hidden])');
  await clipper.click('.clip-button');
  await clipper.waitFor('#lens-clip-note');
  await reading.keyboard.type('Who decides: the nurse, not the model.');
  await clipper.focus('#lens-clip-tags');
  await reading.keyboard.type('health, follow up');
  await clipper.click('.actions .primary');
  for (const started = Date.now(); !(await clipper.text('.status')).includes('saved');) {
    if (Date.now() - started > 5000) throw new Error('The clip’s note and tags were not saved.');
    await reading.waitForTimeout(100);
  }
  await record(reading, '13-clip-panel', {
    step: '13-clip',
    what: 'An editor clips a passage with a note and tags',
    badge: 'MW',
    popup: 'clip',
    heading: (await clipper.text('.status')) ?? '',
  });
  const library = await lens.context.newPage();
  await library.goto(`chrome-extension://${lens.extensionId}/library.html`);
  await library.waitForSelector('.clip');
  await record(library, '14-clip-library', {
    step: '14-library',
    what: 'The clip library: citation, note, tags, exports',
    badge: '',
    popup: 'library',
    heading: (await library.locator('.clip .citation').first().textContent()) ?? '',
  });
  if (headless) await Promise.all([library.close(), reading.close()]);

  console.table(rows);
  console.log(`Screenshots of every page and its popup: ${outDir}`);
  console.log('The same check from the command line, on the demo pages:');
  console.log(
    '  npx modelwire-lens check --article test/fixtures/sites/circuitweekly.net/news/open-source-robotics-kit/index.html \\\n' +
      '    --summary test/fixtures/sites/themodelwire.com/article/open-source-robotics-kit-ships-with-motion-planner-01KX3K9M1N3P5Q7R9S2T4V6W8X/index.html',
  );
  if (!headless && process.stdin.isTTY) {
    console.log('The browser stays open so you can try the popup yourself; press Enter here to finish.');
    await new Promise((done) => process.stdin.once('data', done));
  }
} finally {
  await lens.close();
  await index.close();
  await server.close();
  rmSync(extensionDir, { recursive: true, force: true });
}
