// `modelwire-lens index build`: Modelwire's public pages → a static coverage index folder (lib/index/format.ts).
import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseHTML } from 'linkedom';
import { parseFeed } from '../modelwire/feed';
import { MAX_FEED_BYTES } from '../feed/fetch';
import { readTextUpTo } from '../net/bounded-body';
import { parseModelwirePage } from '../modelwire/parse-page';
import { buildIndex, DEFAULT_MAX_SHARD_BYTES, DEFAULT_MIN_KEYS, toIndexRecord, type IndexRecord } from './build';
import { crawl, CrawlLog, readSitemap, type CrawlProgress, type Target } from './crawl';
import { readPreviousBuild, writeIndex } from './files';

export const INDEX_USAGE = `Usage:
  modelwire-lens index build --out <folder> [--sitemap <url>]... [--urls <file>] [--pages <folder>] [--feed <file|url>]
                             [--rate n] [--concurrency n] [--timeout ms] [--retries n] [--min-keys n]

  --out          the index folder to write (and, on the next run, to update: only new or changed pages are read)
  --sitemap      a sitemap or sitemap index of Modelwire article pages (lastmod is used to skip unchanged pages)
  --urls         a file of Modelwire article addresses, one per line
  --pages        a folder of saved Modelwire article pages (.html, each with its canonical link)
  --feed         a Modelwire Lens feed (file or URL) whose entries join the index
  --rate         requests per second at most (default 2; robots.txt's Crawl-delay can only slow it down)
  --concurrency  requests in flight at most (default 4)
  --timeout      per request, in milliseconds (default 15000)
  --retries      retries of a request that failed or answered 429/5xx (default 3, with backoff)
  --min-keys     fewest addresses a shard may hold (default ${DEFAULT_MIN_KEYS})

Killed part way, run the same command again: it resumes. Exit status: 0 when the index was written and every page
was read, 1 when some pages failed (listed, and in <folder>/failures.json), 2 on bad usage or when nothing was built.`;

export interface IndexIo {
  stdout(text: string): void;
  stderr(text: string): void;
  interactive: boolean;
}

function positiveNumber(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) throw new Error(`--${name} must be a positive number, not "${value}".`);
  return number;
}

function bar(progress: CrawlProgress): string {
  const width = 30;
  const filled = progress.total === 0 ? width : Math.round((progress.done / progress.total) * width);
  return (
    `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${progress.done}/${progress.total} ` +
    `(${progress.fetched} requested, ${progress.unchanged} unchanged, ${progress.failed} failed)`
  );
}

async function htmlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && /\.html?$/i.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

async function readSavedPages(dir: string, failures: Array<{ url: string; error: string }>): Promise<IndexRecord[]> {
  const records: IndexRecord[] = [];
  for (const file of await htmlFiles(dir)) {
    const { document } = parseHTML(await readFile(file, 'utf8'));
    const canonical =
      document.querySelector('link[rel="canonical"]')?.getAttribute('href') ??
      document.querySelector('meta[property="og:url"]')?.getAttribute('content');
    if (!canonical) {
      failures.push({ url: file, error: 'a saved page needs its canonical link to be indexed' });
      continue;
    }
    const parsed = parseModelwirePage(document as unknown as Document, canonical);
    if (!parsed.ok) {
      failures.push({ url: file, error: `not a Modelwire article: ${parsed.error}` });
      continue;
    }
    records.push(toIndexRecord(parsed.coverage));
  }
  return records;
}

async function readFeedRecords(reference: string, timeoutMs: number, failures: Array<{ url: string; error: string }>) {
  let text: string | null;
  if (/^https?:\/\//i.test(reference)) {
    const response = await fetch(reference, { signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) throw new Error(`${reference} answered ${response.status}.`);
    text = await readTextUpTo(response, MAX_FEED_BYTES);
  } else {
    text = await readFile(reference, 'utf8');
  }
  if (text === null) throw new Error(`${reference} is larger than a feed may be (32 MB).`);
  const feed = parseFeed(JSON.parse(text));
  if (!feed.ok) throw new Error(`${reference}: ${feed.error}`);
  for (const rejected of feed.rejected) {
    failures.push({ url: `${reference} entry ${rejected.index + 1}`, error: rejected.reason });
  }
  return feed.items.map(toIndexRecord);
}

export async function runIndexCommand(argv: string[], io: IndexIo): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        out: { type: 'string' },
        sitemap: { type: 'string', multiple: true },
        urls: { type: 'string' },
        pages: { type: 'string' },
        feed: { type: 'string' },
        rate: { type: 'string' },
        concurrency: { type: 'string' },
        timeout: { type: 'string' },
        retries: { type: 'string' },
        'retry-base-ms': { type: 'string' },
        'min-keys': { type: 'string' },
        'max-shard-bytes': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
    if (values.help) {
      io.stdout(`${INDEX_USAGE}\n`);
      return 0;
    }
    if (argv[0] !== 'build') throw new Error('The index command has one action: build.');
    if (!values.out) throw new Error('Give the index folder with --out.');
    if (!values.sitemap && !values.urls && !values.pages && !values.feed) {
      throw new Error('Give at least one source: --sitemap, --urls, --pages or --feed.');
    }
  } catch (error) {
    io.stderr(`${error instanceof Error ? error.message : String(error)}\n\n${INDEX_USAGE}\n`);
    return 2;
  }
  const out = values.out;
  let options;
  try {
    options = {
      rate: positiveNumber(values.rate, 2, 'rate'),
      concurrency: Math.round(positiveNumber(values.concurrency, 4, 'concurrency')),
      timeoutMs: positiveNumber(values.timeout, 15_000, 'timeout'),
      retries: values.retries === '0' ? 0 : Math.round(positiveNumber(values.retries, 3, 'retries')),
      retryBaseMs: positiveNumber(values['retry-base-ms'], 1000, 'retry-base-ms'),
      minKeys: Math.round(positiveNumber(values['min-keys'], DEFAULT_MIN_KEYS, 'min-keys')),
      maxShardBytes: Math.round(positiveNumber(values['max-shard-bytes'], DEFAULT_MAX_SHARD_BYTES, 'max-shard-bytes')),
    };
  } catch (error) {
    io.stderr(`${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }

  await mkdir(join(out, '.crawl'), { recursive: true });
  const runFile = join(out, '.crawl', 'run.json');
  let run: { id: string; startedAt: string; finished: boolean };
  try {
    run = JSON.parse(await readFile(runFile, 'utf8')) as typeof run;
    if (run.finished) throw new Error('finished');
    io.stderr(`Resuming the run started at ${run.startedAt}.\n`);
  } catch {
    run = { id: randomUUID(), startedAt: new Date().toISOString(), finished: false };
    await writeFile(runFile, JSON.stringify(run));
  }

  const failures: Array<{ url: string; error: string }> = [];
  const log = new CrawlLog(out);
  await log.open();
  await log.load();
  const targets: Target[] = [];
  try {
    for (const sitemap of values.sitemap ?? [])
      targets.push(...(await readSitemap(sitemap, { ...options, run: run.id })));
    if (values.urls) {
      for (const line of (await readFile(values.urls, 'utf8')).split('\n')) {
        const url = line.trim();
        if (url !== '' && !url.startsWith('#')) targets.push({ url, lastmod: null });
      }
    }
  } catch (error) {
    io.stderr(`${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  const unique = [...new Map(targets.map((target) => [target.url, target])).values()];
  let lastLine = -1;
  const summary = await crawl(unique, log, {
    ...options,
    run: run.id,
    onProgress(progress) {
      if (io.interactive) io.stderr(`\r${bar(progress)}`);
      else if (Math.floor((progress.done / progress.total) * 10) > lastLine) {
        lastLine = Math.floor((progress.done / progress.total) * 10);
        io.stderr(`${bar(progress)}\n`);
      }
    },
  });
  if (io.interactive && unique.length > 0) io.stderr('\n');
  failures.push(...summary.failures);

  const records = log.records();
  try {
    if (values.pages) records.push(...(await readSavedPages(values.pages, failures)));
    if (values.feed) records.push(...(await readFeedRecords(values.feed, options.timeoutMs, failures)));
  } catch (error) {
    io.stderr(`${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }

  let result;
  try {
    result = await buildIndex(records, await readPreviousBuild(out), {
      generatedAt: new Date(),
      minKeysPerShard: options.minKeys,
      maxShardBytes: options.maxShardBytes,
      shardsInto: out,
    });
  } catch (error) {
    io.stderr(`No index was written: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  await writeIndex(out, result);
  await writeFile(join(out, 'failures.json'), `${JSON.stringify(failures, null, 2)}\n`);
  await writeFile(runFile, JSON.stringify({ ...run, finished: true }));

  io.stderr(
    `${unique.length} pages listed: ${summary.fetched} requested, ${summary.unchanged} unchanged, ` +
      `${summary.resumed} not requested again, ${summary.failed} failed.\n`,
  );
  for (const failure of failures.slice(0, 20)) io.stderr(`  failed: ${failure.url}: ${failure.error}\n`);
  if (failures.length > 20) io.stderr(`  …and ${failures.length - 20} more in ${join(out, 'failures.json')}\n`);
  const { stats } = result;
  io.stdout(
    result.kind === 'unchanged'
      ? `The index in ${out} is up to date (generation ${result.next?.manifest.generation}).\n`
      : `Index generation ${result.manifest?.generation} (${result.kind}) written to ${out}: ${stats.coverages} coverages, ` +
          `${stats.keys} keys in ${stats.shards} shards` +
          (result.kind === 'delta' ? `; ${stats.changedShards} shards changed, ${stats.newKeys} new keys.\n` : '.\n'),
  );
  if (result.unindexed.length > 0)
    io.stderr(`${result.unindexed.length} coverages name no publisher address and are not in the index.\n`);
  return failures.length > 0 ? 1 : 0;
}
