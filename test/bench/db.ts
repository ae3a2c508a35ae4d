// `npm run bench:db`: the database code of the built extension, in Chromium, in the extension's own origin, with
// 100,000 coverages and 1,000,000 mentions. Prints its figures and ends with one JSON line.
import { pageScript } from './page-script';
import { launchWithExtension } from '../harness/browser';

const COVERAGES = Number(process.env.BENCH_COVERAGES ?? 100_000);
const MENTIONS = Number(process.env.BENCH_MENTIONS ?? 1_000_000);

const script = await pageScript('db-in-extension.ts');
// No fixture hosts are needed: everything happens inside the extension.
const lens = await launchWithExtension({ port: 9, hosts: [] });
try {
  const page = await lens.context.newPage();
  page.on('console', (message) => console.log(`  ${message.text()}`));
  await page.goto(`chrome-extension://${lens.extensionId}/popup.html`);
  await page.evaluate(script);
  console.log(
    `Filling a bench database with ${COVERAGES.toLocaleString()} coverages and ${MENTIONS.toLocaleString()} mentions…`,
  );
  // A string, not a function: the test runner's compiler would add helpers to a function that the page lacks.
  const result: unknown = await page.evaluate(
    `lensDbBench({ coverages: ${COVERAGES}, mentions: ${MENTIONS}, log: (line) => console.log(line) })`,
  );
  const filled = result as {
    urlLookupMs: { median: number; p95: number };
    uncoveredLookupMs: { median: number; p95: number };
    entityLatest20Ms: { median: number; p95: number };
    loadCoveragesMs: number;
    loadMentionsMs: number;
  };
  // A second extension page reads while the first imports, as the popup would during a sync.
  const readerPage = await lens.context.newPage();
  await readerPage.goto(`chrome-extension://${lens.extensionId}/popup.html`);
  await readerPage.evaluate(script);
  const reading = readerPage.evaluate(`lensDbReader.start(${COVERAGES})`).catch(() => undefined);
  const imported = (await page.evaluate('lensDbImport()')) as {
    counts: Record<string, number>;
    import10kFeedMs: number;
    validate10kFeedMs: number;
    entityLinks10kMs: number;
    feedBytes: number;
    storageUsageBytes: number | null;
  };
  const during = (await readerPage.evaluate('lensDbReader.stop()')) as { median: number; p95: number; runs: number };
  await reading;
  const figures = { ...filled, ...imported, urlLookupDuringImportMs: during };
  console.log(`rows: ${JSON.stringify(figures.counts)}`);
  console.log(
    `page lookup, covered article (address with tracking parameters): median ${figures.urlLookupMs.median} ms, p95 ${figures.urlLookupMs.p95} ms (target p95 ≤ 5 ms)`,
  );
  console.log(
    `page lookup, uncovered article on a covered publisher's site (similarity over its newest coverages): median ${figures.uncoveredLookupMs.median} ms, p95 ${figures.uncoveredLookupMs.p95} ms`,
  );
  console.log(
    `an entity's latest 20 coverages: median ${figures.entityLatest20Ms.median} ms, p95 ${figures.entityLatest20Ms.p95} ms (target p95 ≤ 20 ms)`,
  );
  console.log(
    `importing a 10,000-entry feed (${(figures.feedBytes / 1024 / 1024).toFixed(1)} MB): ${figures.import10kFeedMs} ms, of which parsing and validation ${figures.validate10kFeedMs} ms (target ≤ 3,000 ms); its entity links built after: ${figures.entityLinks10kMs} ms`,
  );
  console.log(
    `URL lookups from another page during the import and link building: median ${during.median} ms, p95 ${during.p95} ms (${during.runs} lookups)`,
  );
  console.log(
    `loading: coverages ${figures.loadCoveragesMs} ms, mentions ${figures.loadMentionsMs} ms; storage used ${figures.storageUsageBytes === null ? 'unknown' : `${(figures.storageUsageBytes / 1024 / 1024).toFixed(0)} MB`}`,
  );
  console.log(JSON.stringify({ bench: 'db', coverages: COVERAGES, mentions: MENTIONS, ...figures }));
} finally {
  await lens.close();
}
