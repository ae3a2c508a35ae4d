// `npm run bench:extract -- [dataset dir]`: Lens's article detection and extraction against Readability's, inside
// real Chromium pages (their own scripts blocked, subresources too), plus the size of what the content script loads.
// Prints per-page medians and p95s and ends with one JSON line.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { pageScript } from './page-script';
import { findChromium, QUIET_CHROMIUM_ARGS } from '../harness/chromium';
import { EXTENSION_DIR } from '../harness/browser';

const dataset = process.argv[2] ?? fileURLToPath(new URL('../../../shared/datasets/articles', import.meta.url));
/** Batches of ten calls per measurement, after one untimed batch (see in-page.ts). */
const RUNS = 5;
if (!existsSync(dataset)) {
  console.error(
    `No dataset at ${dataset}: give the folder as the first argument (layout: <source>/<case>/page.html.gz).`,
  );
  process.exit(2);
}

/** Each page with its own address where the set gives one (the page is served there), else null. */
const pages: Array<{ key: string; html: string; url: string | null }> = [];
for (const source of readdirSync(dataset).sort()) {
  const sourceDir = join(dataset, source);
  if (!statSync(sourceDir).isDirectory()) continue;
  for (const name of readdirSync(sourceDir).sort()) {
    const gz = join(sourceDir, name, 'page.html.gz');
    const plain = join(sourceDir, name, 'page.html');
    const expected = join(sourceDir, name, 'expected.json');
    let url: string | null = null;
    try {
      const given = (JSON.parse(readFileSync(expected, 'utf8')) as { url?: unknown }).url;
      if (typeof given === 'string' && /^https?:\/\//.test(given)) url = given;
    } catch {
      // No expected values: the page is served at an address of the benchmark's own.
    }
    if (existsSync(gz))
      pages.push({ key: `${source}/${name}`, html: gunzipSync(readFileSync(gz)).toString('utf8'), url });
    else if (existsSync(plain)) pages.push({ key: `${source}/${name}`, html: readFileSync(plain, 'utf8'), url });
  }
}

const script = await pageScript('in-page.ts');

const browser = await chromium.launch({
  executablePath: findChromium(),
  headless: true,
  args: QUIET_CHROMIUM_ARGS,
});
const context = await browser.newContext();
let current = '';
// Every request is answered here: the page being measured for its document, nothing for anything else.
await context.route('**/*', (route) =>
  route.request().resourceType() === 'document'
    ? // The page's own scripts are blocked by policy; the benchmark's code is evaluated through the debugger protocol.
      route.fulfill({
        status: 200,
        contentType: 'text/html; charset=utf-8',
        headers: { 'content-security-policy': "script-src 'none'" },
        body: current,
      })
    : route.abort(),
);
let page = await context.newPage();

type Timing = { lensDetect: number; lensFull: number; readabilityDetect: number; readabilityFull: number };
const timings: Timing[] = [];
const failed: string[] = [];
for (const [index, entry] of pages.entries()) {
  current = entry.html;
  try {
    // Served at its own address when known (every request is answered here, none reaches the network), so that
    // what Lens reads from the address is what it reads on the real page; else at an address it is told is not known.
    await page.goto(entry.url ?? `http://bench.invalid/${entry.key}/`, {
      waitUntil: 'domcontentloaded',
      timeout: 15_000,
    });
    await page.evaluate(script);
    timings.push(
      await page.evaluate(
        ([runs, addressKnown]) =>
          (globalThis as unknown as { lensBench(runs: number, addressKnown: boolean): Timing }).lensBench(
            runs,
            addressKnown,
          ),
        [RUNS, entry.url !== null] as const,
      ),
    );
  } catch (error) {
    failed.push(`${entry.key}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    // A page that never finished loading would interrupt the next one's navigation: the next page gets a fresh tab.
    await page.close().catch(() => undefined);
    page = await context.newPage();
  }
  if (process.stderr.isTTY) process.stderr.write(`\r${index + 1}/${pages.length}`);
}
if (process.stderr.isTTY) process.stderr.write('\n');

// A hostile page: 200,000 nodes (100,000 short paragraphs and their text) around one real story.
const story = Array.from(
  { length: 12 },
  (_, index) =>
    `<p>Paragraph ${index} of the story goes on long enough, clause after clause, to read as prose rather than as a label or a teaser, which takes a little over a hundred and forty characters.</p>`,
).join('');
current = `<!doctype html><html><head><title>Huge page</title><meta property="og:type" content="article"></head><body><div class="filler">${'<p>x</p>'.repeat(100_000)}</div><article>${story}</article></body></html>`;
await page.goto('http://bench.invalid/huge/', { waitUntil: 'domcontentloaded' });
await page.evaluate(script);
const nodes = await page.evaluate(
  () =>
    document.querySelectorAll('*').length + document.evaluate('count(//text())', document, null, 1, null).numberValue,
);
const huge = await page.evaluate(() =>
  (globalThis as unknown as { lensBench(runs: number, addressKnown: boolean): Timing }).lensBench(1, true),
);
await browser.close();

const round = (value: number) => Math.round(value * 1000) / 1000;
function summary(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    median: round(sorted[Math.floor(sorted.length / 2)] as number),
    p95: round(sorted[Math.floor(0.95 * (sorted.length - 1))] as number),
  };
}
const figures = {
  pages: timings.length,
  runsPerPage: RUNS,
  detectionMs: {
    lens: summary(timings.map((t) => t.lensDetect)),
    readability: summary(timings.map((t) => t.readabilityDetect)),
  },
  extractionMs: {
    lens: summary(timings.map((t) => t.lensFull)),
    readability: summary(timings.map((t) => t.readabilityFull)),
  },
};
const ratioOf = (lens: number, readability: number) => (readability > 0 ? round(lens / readability) : null);
const ratio = {
  detection: ratioOf(figures.detectionMs.lens.median, figures.detectionMs.readability.median),
  extraction: ratioOf(figures.extractionMs.lens.median, figures.extractionMs.readability.median),
};

// What the content script costs the browser on every page, and what loads only on articles (nothing: see README).
const contentScript = join(EXTENSION_DIR, 'content-scripts/content.js');
const everyPageGzip = existsSync(contentScript) ? gzipSync(readFileSync(contentScript), { level: 9 }).length : null;

console.log(
  `${figures.pages} pages from ${dataset}, ${RUNS} batches of 10 calls each after one untimed batch, Chromium, per-page medians:`,
);
console.table({
  'detection (Lens detectArticle vs Readability isProbablyReaderable)': {
    'Lens median ms': figures.detectionMs.lens.median,
    'Lens p95 ms': figures.detectionMs.lens.p95,
    'Readability median ms': figures.detectionMs.readability.median,
    'Readability p95 ms': figures.detectionMs.readability.p95,
    'Lens / Readability': ratio.detection,
  },
  'full extraction (metadata + main text vs readerable + parse)': {
    'Lens median ms': figures.extractionMs.lens.median,
    'Lens p95 ms': figures.extractionMs.lens.p95,
    'Readability median ms': figures.extractionMs.readability.median,
    'Readability p95 ms': figures.extractionMs.readability.p95,
    'Lens / Readability': ratio.extraction,
  },
});
console.log(
  everyPageGzip === null
    ? 'Content script size: no build found (run npm run build).'
    : `Content script loaded on every page: ${(everyPageGzip / 1024).toFixed(1)} KB gzipped (target ≤ 40 KB); loaded only on articles: 0 KB (extraction ships inside it).`,
);
console.log(
  `A ${Math.round(nodes / 1000)}k-node page: Lens detection ${huge.lensDetect.toFixed(1)} ms, full extraction ${huge.lensFull.toFixed(1)} ms; Readability ${huge.readabilityFull.toFixed(1)} ms.`,
);
if (failed.length > 0) console.log(`Pages that could not be measured: ${failed.length}\n  ${failed.join('\n  ')}`);
console.log(
  JSON.stringify({
    bench: 'extract',
    ...figures,
    ratio,
    hugePage: { nodes, ...huge },
    contentScriptGzipBytes: { everyPage: everyPageGzip, articlesOnly: 0 },
    failed: failed.length,
  }),
);
