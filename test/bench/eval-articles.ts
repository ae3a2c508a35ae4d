// `npm run eval:articles -- <dataset dir> --out predictions.json`
// Runs Lens's article detection and extraction on every case of a dataset laid out as <source>/<case>/page.html.gz (or page.html)
// plus expected.json, writes predictions in the shared scorer's format, and prints Lens's scores beside Mozilla
// Readability's on the same pages, parsed by the same DOM (jsdom, the DOM Readability's own tests use), in one run.
import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { JSDOM, VirtualConsole } from 'jsdom';
import { Readability, isProbablyReaderable } from '@mozilla/readability';
import { describePage } from '../../lib/article/describe-page';
import { extractMainText } from '../../lib/article/main-text';
import { withSecondOpinion } from '../../lib/article/second-opinion';
import {
  datasetCases,
  halfOfCase,
  pageTextF1,
  savedPage,
  score,
  type DatasetCase,
  type Prediction,
} from './score-articles';

const { values, positionals } = parseArgs({
  args: process.argv.slice(2),
  allowPositionals: true,
  options: { out: { type: 'string' }, 'readability-out': { type: 'string' }, only: { type: 'string' } },
});
const datasetDir = positionals[0];
if (!datasetDir || !existsSync(datasetDir)) {
  console.error(
    'Usage: npm run eval:articles -- <dataset dir> --out predictions.json [--readability-out file] [--only source/case]',
  );
  process.exit(2);
}

const cases = datasetCases(datasetDir).filter((testCase) => !values.only || testCase.key === values.only);

const quiet = new VirtualConsole();
const collect = (globalThis as { gc?: () => void }).gc;
const heapAfter: Array<{ pages: number; mb: number }> = [];
const ours: Record<string, Prediction> = {};
const readabilityErrors: string[] = [];
const lensErrors: string[] = [];
const restyled: string[] = [];
const readability: Record<string, Prediction> = {};
for (const [index, testCase] of cases.entries()) {
  const html = savedPage(testCase.dir);
  const url = testCase.expected.url ?? `https://example.com/${testCase.key}`;
  let dom: JSDOM;
  try {
    dom = new JSDOM(html, { url, virtualConsole: quiet });
  } catch {
    // jsdom's CSS parser rejects some inline styles (Sass left-overs in calc()); browsers ignore them. Parse the page
    // without its styles, for both extractors alike: neither reads style sheets.
    restyled.push(testCase.key);
    const unstyled = html.replace(/<style\b[\s\S]*?<\/style>/gi, '').replace(/\sstyle\s*=\s*("[^"]*"|'[^']*')/gi, '');
    dom = new JSDOM(unstyled, { url, virtualConsole: quiet });
  }
  const doc = dom.window.document;
  const copy = doc.cloneNode(true) as Document;

  let started = performance.now();
  try {
    // A page saved without its address is read as one whose address is not known: an invented one says nothing.
    const page = describePage(doc, url, { addressKnown: testCase.expected.url !== null });
    // Fields are scored independently of detection, so the text is extracted on every page.
    // The text as Lens's check reads it: its own, with Readability's second opinion where its own is doubtful.
    const { text } = withSecondOpinion(doc, extractMainText(doc));
    ours[testCase.key] = {
      isArticle: page.isArticle,
      title: page.title,
      byline: page.byline,
      publishedTime: page.publishedTime,
      siteName: page.siteName,
      text,
      ms: Math.round((performance.now() - started) * 100) / 100,
    };
  } catch (error) {
    lensErrors.push(`${testCase.key}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }

  started = performance.now();
  // jsdom's CSS parser throws on some pages' inline styles, which Readability reads: count such a page as a miss.
  let readerable = false;
  let parsed: ReturnType<Readability['parse']> = null;
  try {
    readerable = isProbablyReaderable(copy);
    parsed = new Readability(copy).parse();
  } catch (error) {
    readabilityErrors.push(`${testCase.key}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
  readability[testCase.key] = {
    isArticle: readerable,
    title: parsed?.title ?? null,
    byline: parsed?.byline ?? null,
    publishedTime: parsed?.publishedTime ?? null,
    siteName: parsed?.siteName ?? null,
    text: parsed?.textContent ?? null,
    ms: Math.round((performance.now() - started) * 100) / 100,
  };
  dom.window.close();
  // Back to the event loop before the next page. jsdom keeps its nodes through WeakRefs, and V8 keeps every object a
  // WeakRef handed out alive until the current job ends: in one synchronous loop no page was ever freed (about 15 MB
  // a page, out of memory after a few hundred).
  await new Promise((resolve) => setImmediate(resolve));
  // With node --expose-gc: the heap after the tenth page and after the last, to show that it does not grow.
  if (collect !== undefined && (index === 9 || index === cases.length - 1)) {
    collect();
    heapAfter.push({ pages: index + 1, mb: Math.round(process.memoryUsage().heapUsed / 1e5) / 10 });
  }
  if (process.env.EVAL_TRACE) process.stderr.write(`${testCase.key}\n`);
  else if (process.stderr.isTTY) process.stderr.write(`\r${index + 1}/${cases.length}`);
}
if (process.stderr.isTTY) process.stderr.write('\n');

const outPath = resolve(values.out ?? 'predictions.json');
writeFileSync(outPath, `${JSON.stringify(ours, null, 1)}\n`);
if (values['readability-out'])
  writeFileSync(resolve(values['readability-out']), `${JSON.stringify(readability, null, 1)}\n`);

const lens = score(cases, ours);
const baseline = score(cases, readability);
const rows: Array<[string, unknown, unknown]> = [
  ['detection F1', lens.detection.f1, baseline.detection.f1],
  ['non-articles rejected', lens.detection.trueNegativeRate, baseline.detection.trueNegativeRate],
  ...Object.keys(lens.fields).map((field): [string, unknown, unknown] => [
    `${field} accuracy (n=${lens.fields[field]?.n})`,
    lens.fields[field]?.accuracy,
    baseline.fields[field]?.accuracy,
  ]),
  ...Object.keys(lens.text).map((from): [string, unknown, unknown] => [
    `text F1, ${from} (n=${lens.text[from]?.n})`,
    lens.text[from]?.f1,
    baseline.text[from]?.f1,
  ]),
  ['ms per page, median (jsdom)', lens.msPerPage?.median, baseline.msPerPage?.median],
];
const halfOf = (testCase: DatasetCase) => halfOfCase(testCase.key, testCase.expected.url);
const halves = { A: cases.filter((c) => halfOf(c) === 'A'), B: cases.filter((c) => halfOf(c) === 'B') };
const byHalf = {
  A: { lens: score(halves.A, ours), readability: score(halves.A, readability) },
  B: { lens: score(halves.B, ours), readability: score(halves.B, readability) },
};

// Page by page: where Lens's text is worse than Readability's by more than 0.2 F1, and the floor (Lens under 0.5
// where Readability reaches 0.8).
const worse = cases
  .filter((c) => c.expected.isArticle && c.expected.text)
  .map((c) => ({
    key: c.key,
    half: halfOf(c),
    lens: pageTextF1(c.expected.text as string, ours[c.key]?.text ?? null),
    readability: pageTextF1(c.expected.text as string, readability[c.key]?.text ?? null),
  }))
  .filter((row) => row.lens < row.readability - 0.2)
  .sort((a, b) => a.lens - a.readability - (b.lens - b.readability));
const belowFloor = worse.filter((row) => row.lens < 0.5 && row.readability >= 0.8);

console.log(`${cases.length} cases from ${resolve(datasetDir)}; predictions in ${outPath}`);
if (restyled.length > 0)
  console.log(
    `jsdom could not parse ${restyled.length} page(s) with their styles; read without them: ${restyled.join(', ')}`,
  );
if (lensErrors.length > 0) console.log(`Lens threw on ${lensErrors.length} page(s):\n  ${lensErrors.join('\n  ')}`);
if (readabilityErrors.length > 0)
  console.log(
    `Readability threw on ${readabilityErrors.length} page(s) under jsdom:\n  ${readabilityErrors.join('\n  ')}`,
  );
console.table(
  rows.map(([metric, lensValue, readabilityValue]) => ({ metric, lens: lensValue, readability: readabilityValue })),
);
for (const half of ['A', 'B'] as const) {
  const { lens: l, readability: r } = byHalf[half];
  const text = (result: typeof l) =>
    Object.entries(result.text)
      .map(([from, value]) => `${from} ${value?.f1} (n=${value?.n})`)
      .join(', ');
  console.log(
    `Half ${half} (${halves[half].length} cases): detection F1 ${l.detection.f1} vs ${r.detection.f1}; ` +
      `non-articles rejected ${l.detection.trueNegativeRate} vs ${r.detection.trueNegativeRate}; ` +
      Object.keys(l.fields)
        .map((field) => `${field} ${l.fields[field]?.accuracy} vs ${r.fields[field]?.accuracy}`)
        .join(', ') +
      `; text F1 Lens ${text(l)} / Readability ${text(r)}`,
  );
}
console.log(
  worse.length === 0
    ? 'No page where Lens’s text is worse than Readability’s by more than 0.2 F1.'
    : `Pages where Lens’s text is worse than Readability’s by more than 0.2 F1 (${worse.length}; ${belowFloor.length} under the floor: Lens < 0.5 where Readability ≥ 0.8):\n` +
        worse
          .map(
            (row) =>
              `  ${row.key} [${row.half}]: Lens ${row.lens.toFixed(2)}, Readability ${row.readability.toFixed(2)}`,
          )
          .join('\n'),
);
console.log(
  JSON.stringify({
    eval: 'articles',
    cases: cases.length,
    lens,
    readability: baseline,
    halves: byHalf,
    worseThanReadability: worse,
    belowFloor: belowFloor.length,
    ...(heapAfter.length === 2 ? { heapAfter } : {}),
  }),
);
