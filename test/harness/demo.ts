// `npm run demo`: the reader's, the editor's and the publisher's paths on the embedded demo data, in a real browser
// with the built extension: Chromium by default, Firefox with BROWSER=firefox. Serves the demo publisher and Modelwire
// pages on 127.0.0.1, visits them, and writes screenshots of each page and its popup (and the 360 px views) to a
// folder it prints. Headed where a display exists, headless otherwise.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { platform, tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';

import type { Page } from 'puppeteer-core';
import { extensionWithGrantedOrigins } from './browser';
import { launchLens, type BrowserName, type LensBrowsers } from './lens-browsers';
import { serveIndexFolder } from './index-server';
import { runIndexCommand } from '../../lib/index/cli';
import { selectText } from './text-in-page';

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

const browserName = (process.env.BROWSER ?? 'chromium').toLowerCase();
if (browserName !== 'chromium' && browserName !== 'firefox') {
  console.error(`BROWSER=${browserName}: the demo runs in chromium (the default) or firefox.`);
  process.exit(2);
}
const hasDisplay = platform() !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const headless = process.env.HEADLESS === '1' || !hasDisplay;
const outDir = join(
  fileURLToPath(new URL('../../demo-output/', import.meta.url)),
  new Date().toISOString().replace(/[:.]/g, '-'),
);
mkdirSync(outDir, { recursive: true });

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
// The index server's origin counts as granted, as after clicking "Allow" in the browser's prompt when saving its
// address: Chromium through a copy of the build with the origin granted, Firefox by granting on the click itself.
const extensionDir = browserName === 'chromium' ? extensionWithGrantedOrigins(['http://127.0.0.1/*']) : undefined;
const lens: LensBrowsers = await launchLens(browserName as BrowserName, { headless, extensionDir });
console.log(
  `Modelwire Lens demo: ${browserName} ${headless ? 'headless' : 'with a window'}, fixture sites on 127.0.0.1:${lens.server.port}, coverage index at ${index.url}`,
);
const rows: Array<Record<string, string>> = [];
const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));
/** Waits until `check` holds, or fails with `failure` after ten seconds. */
async function waitUntil(check: () => Promise<boolean>, failure: string): Promise<void> {
  for (const started = Date.now(); !(await check()); await pause(50)) {
    if (Date.now() - started > 10_000) throw new Error(failure);
  }
}
const textOf = (page: Page, selector: string) => page.$eval(selector, (element) => element.textContent ?? '');

/** Takes a step's screenshot and adds its row to the table (the heading cut to the table's width). */
async function record(
  page: Page,
  shot: string,
  row: { step: string; what: string; badge: string; popup: string; heading: string },
  fullPage = true,
): Promise<void> {
  await lens.screenshot(page, shot, { dir: outDir, fullPage });
  rows.push({ ...row, heading: row.heading.trim().slice(0, 70) });
}

/** Opens a page and its popup, waits for Lens to have read it, takes both screenshots and adds a row. */
async function visit(step: { name: string; url: string; what: string }, width = 1280): Promise<Page> {
  const page = await lens.open(step.url, { width, height: width < 600 ? 740 : 900 });
  const tabId = await lens.tabIdOf(page);
  const popup = await lens.openPopup(tabId, { width: Math.min(width, 400) });
  await popup.waitForFunction(() => {
    const status = document.querySelector('main')?.getAttribute('data-status');
    return (
      status &&
      status !== 'loading' &&
      !(status === 'unread' && document.querySelector('h1')?.textContent === 'Reading this page…')
    );
  });
  // The names Lens knows in an article's text arrive a moment after the verdict.
  await pause(300);
  const status = (await popup.$eval('main', (main) => main.getAttribute('data-status'))) ?? '';
  const heading = await textOf(popup, 'h1');
  const badge = await lens.badgeOf(tabId);
  await lens.screenshot(page, `${step.name}-page`, { dir: outDir, fullPage: width >= 600 });
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
    const page = await visit(step);
    if (headless) await page.close();
  }
  // A publisher checks Modelwire's summary of the covered article, in the popup's "Check summary" tab.
  const article = await lens.open(STEPS[3]?.url ?? '');
  const popup = await lens.openPopup(await lens.tabIdOf(article));
  await popup.click('::-p-aria([name="Check summary"][role="tab"])');
  await popup.click('::-p-aria([name="Check Modelwire’s summary"][role="button"])');
  await popup.waitForSelector('.report');
  await record(popup, '7-check-summary-popup', {
    step: '7-check-summary',
    what: 'A publisher checks the summary against the article',
    badge: 'MW',
    popup: 'check',
    heading: await textOf(popup, '#verdict-heading'),
  });
  await popup.close();
  if (headless) await article.close();

  // The coverage index: an article the demo data does not cover, then the index set in the options page.
  const before = await visit({
    name: '8-index-only-article-before',
    url: FEED_ONLY,
    what: 'Not covered yet; the popup lists names Lens knows in it',
  });
  if (headless) await before.close();
  const options = await lens.openExtensionPage('options.html');
  await options.waitForSelector('main[aria-busy="false"]');
  await options.click('::-p-aria([name="Feed address"])');
  await options.keyboard.type(index.url);
  await options.click('::-p-aria([name="Save and sync"][role="button"])');
  await options.waitForSelector('[data-testid="notice"].ok, [data-testid="notice"].error');
  await record(options, '9-options-index-synced', {
    step: '9-options-index',
    what: 'Options: the local coverage index set and synced',
    badge: '',
    popup: 'options',
    heading: await textOf(options, '[data-testid="notice"]'),
  });
  if (headless) await options.close();
  const after = await visit({
    name: '10-index-only-article-after',
    url: FEED_ONLY,
    what: 'The same article, found in the index (one shard request)',
  });
  if (headless) await after.close();

  // The reader's context on the page itself: the overlay's card, the underlined names, and the side panel.
  const reading = await lens.open(STEPS[3]?.url ?? '');
  const overlay = lens.shadow(reading);
  await reading.waitForFunction(
    () => document.documentElement.lastElementChild?.getAttribute('data-modelwire-lens') === 'overlay',
  );
  await waitUntil(() => overlay.exists('.lens:not([hidden]) .pill'), 'The Modelwire button did not appear.');
  await overlay.click('.pill');
  await record(
    reading,
    '11-overlay-card',
    {
      step: '11-overlay-card',
      what: 'The Modelwire button on the page, opened, names underlined',
      badge: 'MW',
      popup: 'overlay',
      heading: (await overlay.text('h2')) ?? '',
    },
    false,
  );
  await reading.keyboard.press('Escape');
  const panel = await lens.openExtensionPage(`sidepanel.html?tabId=${await lens.tabIdOf(reading)}`, {
    width: 420,
    height: 900,
  });
  await panel.waitForSelector('#entities-heading');
  await record(panel, '12-side-panel', {
    step: '12-side-panel',
    what: 'The side panel: the context and the names in the article',
    badge: 'MW',
    popup: 'side panel',
    heading: await textOf(panel, '#entities-heading'),
  });
  if (headless) await panel.close();

  // An editor clips a passage with the Clip button beside the selection, adds a note, and opens the library.
  await reading.bringToFront();
  await selectText(reading, 'Nothing about the queue changes until a nurse confirms the score');
  const clipper = lens.shadow(reading, 'clipper');
  await waitUntil(() => clipper.exists('.clip-button:not([hidden])'), 'No Clip button beside the selection.');
  await clipper.click('.clip-button');
  await waitUntil(() => clipper.exists('#lens-clip-note'), 'The clip panel did not open.');
  await reading.keyboard.type('Who decides: the nurse, not the model.');
  await clipper.focus('#lens-clip-tags');
  await reading.keyboard.type('health, follow up');
  await clipper.click('.actions .primary');
  await waitUntil(
    async () => ((await clipper.text('.status')) ?? '').includes('saved'),
    'The clip’s note and tags were not saved.',
  );
  await record(
    reading,
    '13-clip-panel',
    {
      step: '13-clip',
      what: 'An editor clips a passage with a note and tags',
      badge: 'MW',
      popup: 'clip',
      heading: (await clipper.text('.status')) ?? '',
    },
    false,
  );
  const library = await lens.openExtensionPage('library.html');
  await library.waitForSelector('.clip');
  await record(library, '14-clip-library', {
    step: '14-library',
    what: 'The clip library: citation, note, tags, exports',
    badge: '',
    popup: 'library',
    heading: await textOf(library, '.clip .citation'),
  });
  if (headless) await Promise.all([library.close(), reading.close()]);

  // A phone-sized window: the button is a tab at the edge, the card and the popup fit 360 px.
  const narrow = await visit(
    { name: '15-covered-article-360px', url: STEPS[3]?.url ?? '', what: 'The covered article at 360 px' },
    360,
  );
  const narrowOverlay = lens.shadow(narrow);
  await narrowOverlay.click('.pill');
  await record(
    narrow,
    '16-overlay-card-360px',
    {
      step: '16-card-360px',
      what: 'The card at 360 px: inside the window, its header in view',
      badge: 'MW',
      popup: 'overlay',
      heading: (await narrowOverlay.text('h2')) ?? '',
    },
    false,
  );
  if (headless) await narrow.close();

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
  if (extensionDir) rmSync(extensionDir, { recursive: true, force: true });
}
