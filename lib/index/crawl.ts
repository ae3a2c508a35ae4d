// Reads Modelwire's public article pages for `modelwire-lens index build`, politely: robots.txt first (its rules and
// its Crawl-delay), a request rate and a concurrency limit, retries with backoff (Retry-After honoured), conditional
// requests, and a sitemap's lastmod to skip pages that did not change. Every page's outcome is appended to a log in
// the output folder as soon as it is known, so a run killed part way resumes where it stopped: a page already read
// is not read again, and a page never read is not lost.
import { appendFile, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { readTextUpTo } from '../net/bounded-body';
import robotsParser from 'robots-parser';
import { parseModelwirePage } from '../modelwire/parse-page';
import { toIndexRecord, type IndexRecord } from './build';

export const USER_AGENT = 'ModelwireLens-index/0.1 (+https://themodelwire.com)';
const MAX_PAGE_BYTES = 5 * 1024 * 1024;
const MAX_SITEMAP_BYTES = 50 * 1024 * 1024;
const MAX_SITEMAP_DEPTH = 3;

export interface Target {
  url: string;
  lastmod: string | null;
}

/** One page's last known outcome, as the crawl log holds it. */
export interface PageState {
  url: string;
  status: 'ok' | 'failed' | 'gone';
  at: string;
  lastmod: string | null;
  etag: string | null;
  lastModified: string | null;
  record?: IndexRecord;
  error?: string;
  /** The run that wrote this line (a run interrupted and resumed keeps its id). */
  run?: string;
}

export interface CrawlOptions {
  /** This run's id: lines it wrote are not read again when it is resumed. */
  run: string;
  /** Requests per second at most, across all hosts. */
  rate: number;
  concurrency: number;
  timeoutMs: number;
  retries: number;
  /** First retry waits this long; each next one twice as long. */
  retryBaseMs: number;
  fetch?: typeof fetch;
  now?: () => Date;
  onProgress?(progress: CrawlProgress): void;
}

export interface CrawlProgress {
  total: number;
  done: number;
  fetched: number;
  unchanged: number;
  failed: number;
}

export interface CrawlSummary extends CrawlProgress {
  /** Pages not requested: the log has them, unchanged by the sitemap's lastmod or from this run before it stopped. */
  resumed: number;
  failures: Array<{ url: string; error: string }>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A log line: the record's JSON kept as text (the builder holds it as bytes). */
function serialize(state: PageState): string {
  const { record, ...rest } = state;
  return JSON.stringify(
    record ? { ...rest, record: { ...record, json: Buffer.from(record.json).toString('utf8') } } : rest,
  );
}

function deserialize(line: string): PageState | null {
  const state = JSON.parse(line) as PageState & { record?: { id: string; keys: string[]; json: string } };
  if (typeof state.url !== 'string') return null;
  if (state.record) {
    if (typeof state.record.json !== 'string' || !Array.isArray(state.record.keys)) return null;
    return { ...state, record: { ...state.record, json: Buffer.from(state.record.json) } };
  }
  return state as PageState;
}

/** The crawl log of an output folder: one JSON line per outcome, the last line per URL wins. */
export class CrawlLog {
  readonly pages = new Map<string, PageState>();
  private readonly path: string;

  constructor(dir: string) {
    this.path = join(dir, '.crawl', 'pages.jsonl');
  }

  async load(): Promise<void> {
    let text = '';
    try {
      text = await readFile(this.path, 'utf8');
    } catch {
      return;
    }
    let lines = 0;
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      try {
        const state = deserialize(line);
        if (state !== null) this.pages.set(state.url, state);
        lines++;
      } catch {
        // A line cut short by a kill: that page is simply read again.
      }
    }
    // A log mostly of superseded lines is written again, whole, once.
    if (lines > 2 * this.pages.size + 1000) await this.compact();
  }

  async add(state: PageState): Promise<void> {
    this.pages.set(state.url, state);
    await appendFile(this.path, `${serialize(state)}\n`);
  }

  async open(): Promise<void> {
    await mkdir(join(this.path, '..'), { recursive: true });
  }

  private async compact(): Promise<void> {
    const temporary = `${this.path}.tmp`;
    await writeFile(temporary, [...this.pages.values()].map((state) => `${serialize(state)}\n`).join(''));
    await rename(temporary, this.path);
  }

  records(): IndexRecord[] {
    return [...this.pages.values()].flatMap((state) => (state.status === 'ok' && state.record ? [state.record] : []));
  }
}

/** Spaces request starts at least `interval` ms apart, across every worker. */
class Pacer {
  private next = 0;
  constructor(private interval: number) {}
  slowTo(interval: number): void {
    this.interval = Math.max(this.interval, interval);
  }
  async wait(): Promise<void> {
    const now = Date.now();
    const at = Math.max(now, this.next);
    this.next = at + this.interval;
    if (at > now) await sleep(at - now);
  }
}

type Robots = ReturnType<typeof robotsParser>;

async function fetchWithTimeout(url: string, init: RequestInit, options: CrawlOptions): Promise<Response> {
  return (options.fetch ?? fetch)(url, { ...init, signal: AbortSignal.timeout(options.timeoutMs), redirect: 'follow' });
}

/** The sitemap's page addresses with their lastmod, following sitemap indexes a few levels deep. */
export async function readSitemap(url: string, options: CrawlOptions, depth = 0): Promise<Target[]> {
  const response = await fetchWithTimeout(url, { headers: { 'user-agent': USER_AGENT } }, options);
  if (!response.ok) throw new Error(`The sitemap ${url} answered ${response.status}.`);
  const text = await readTextUpTo(response, MAX_SITEMAP_BYTES);
  if (text === null) throw new Error(`The sitemap ${url} is larger than 50 MB.`);
  const { document } = parseHTML(`<root>${text.replace(/^<\?xml[^>]*>/, '')}</root>`);
  const locOf = (element: Element) => element.querySelector('loc')?.textContent?.trim() ?? '';
  const children = [...document.querySelectorAll('sitemap')];
  if (children.length > 0) {
    if (depth >= MAX_SITEMAP_DEPTH)
      throw new Error(`Sitemap indexes nest deeper than ${MAX_SITEMAP_DEPTH} levels at ${url}.`);
    const nested: Target[] = [];
    for (const child of children) {
      const loc = locOf(child as unknown as Element);
      if (loc) nested.push(...(await readSitemap(new URL(loc, url).href, options, depth + 1)));
    }
    return nested;
  }
  return [...document.querySelectorAll('url')].flatMap((element) => {
    const loc = locOf(element as unknown as Element);
    if (!loc) return [];
    const lastmod = (element as unknown as Element).querySelector('lastmod')?.textContent?.trim() || null;
    return [{ url: new URL(loc, url).href, lastmod }];
  });
}

/** Reads the targets into the log; returns what happened. */
export async function crawl(
  targets: ReadonlyArray<Target>,
  log: CrawlLog,
  options: CrawlOptions,
): Promise<CrawlSummary> {
  const now = () => (options.now?.() ?? new Date()).toISOString();
  const pacer = new Pacer(1000 / options.rate);
  const robots = new Map<string, Promise<Robots | null>>();
  const summary: CrawlSummary = {
    total: targets.length,
    done: 0,
    fetched: 0,
    unchanged: 0,
    failed: 0,
    resumed: 0,
    failures: [],
  };
  const report = () => options.onProgress?.({ ...summary });
  const record = (state: PageState) => log.add({ ...state, run: options.run });

  const robotsFor = (origin: string): Promise<Robots | null> => {
    let known = robots.get(origin);
    if (known === undefined) {
      known = (async () => {
        await pacer.wait();
        try {
          const response = await fetchWithTimeout(
            `${origin}/robots.txt`,
            { headers: { 'user-agent': USER_AGENT } },
            options,
          );
          // No robots.txt (4xx): everything is allowed. A failing server (5xx): treat as "stay away" for this run.
          if (response.status >= 500) return robotsParser(`${origin}/robots.txt`, 'User-agent: *\nDisallow: /');
          const text = response.ok ? ((await readTextUpTo(response, 512 * 1024)) ?? '') : '';
          const parsed = robotsParser(`${origin}/robots.txt`, text);
          const delay = parsed.getCrawlDelay(USER_AGENT);
          if (typeof delay === 'number' && delay > 0) pacer.slowTo(Math.min(delay, 60) * 1000);
          return parsed;
        } catch {
          return null;
        }
      })();
      robots.set(origin, known);
    }
    return known;
  };

  const fail = async (target: Target, error: string, previous: PageState | undefined) => {
    summary.failed++;
    summary.failures.push({ url: target.url, error });
    // A page that was read before keeps its record: a passing failure does not take it out of the index.
    if (previous?.status === 'ok') return;
    await record({
      url: target.url,
      status: 'failed',
      at: now(),
      lastmod: target.lastmod,
      etag: null,
      lastModified: null,
      error,
    });
  };

  const readOne = async (target: Target): Promise<void> => {
    const previous = log.pages.get(target.url);
    if (previous?.status === 'ok' && target.lastmod !== null && previous.lastmod === target.lastmod) {
      summary.unchanged++;
      summary.resumed++;
      return;
    }
    // Read by this same run before it was interrupted: not again.
    if (previous?.run === options.run && previous.status !== 'failed') {
      if (previous.status === 'ok') summary.unchanged++;
      summary.resumed++;
      return;
    }
    const origin = new URL(target.url).origin;
    const rules = await robotsFor(origin);
    if (rules?.isDisallowed(target.url, USER_AGENT))
      return fail(target, 'disallowed by robots.txt (not requested)', previous);
    const headers: Record<string, string> = { 'user-agent': USER_AGENT, accept: 'text/html' };
    if (previous?.status === 'ok' && previous.etag) headers['if-none-match'] = previous.etag;
    if (previous?.status === 'ok' && previous.lastModified) headers['if-modified-since'] = previous.lastModified;
    for (let attempt = 0; ; attempt++) {
      await pacer.wait();
      let response: Response;
      try {
        response = await fetchWithTimeout(target.url, { headers }, options);
      } catch (error) {
        const reason =
          error instanceof Error && error.name === 'TimeoutError'
            ? `no answer within ${options.timeoutMs} ms`
            : String(error instanceof Error ? (error.cause ?? error.message) : error);
        if (attempt < options.retries) {
          await sleep(options.retryBaseMs * 2 ** attempt);
          continue;
        }
        return fail(target, `could not be fetched: ${reason}`, previous);
      }
      if (response.status === 429 || response.status >= 500) {
        await response.body?.cancel().catch(() => undefined);
        if (attempt < options.retries) {
          const after = Number(response.headers.get('retry-after'));
          await sleep(
            Number.isFinite(after) && after > 0 ? Math.min(after, 60) * 1000 : options.retryBaseMs * 2 ** attempt,
          );
          continue;
        }
        return fail(target, `answered ${response.status} ${options.retries + 1} times`, previous);
      }
      summary.fetched++;
      if (response.status === 304 && previous?.status === 'ok') {
        summary.unchanged++;
        await record({ ...previous, at: now(), lastmod: target.lastmod });
        return;
      }
      if (response.status === 404 || response.status === 410) {
        await response.body?.cancel().catch(() => undefined);
        await record({
          url: target.url,
          status: 'gone',
          at: now(),
          lastmod: target.lastmod,
          etag: null,
          lastModified: null,
          error: `answered ${response.status}`,
        });
        summary.failures.push({ url: target.url, error: `answered ${response.status}: taken out of the index` });
        return;
      }
      if (!response.ok) {
        await response.body?.cancel().catch(() => undefined);
        return fail(target, `answered ${response.status}`, previous);
      }
      const html = await readTextUpTo(response, MAX_PAGE_BYTES);
      if (html === null) return fail(target, 'the page is larger than 5 MB', previous);
      const parsed = parseModelwirePage(parseHTML(html).document as unknown as Document, response.url || target.url);
      if (!parsed.ok) return fail(target, `not a Modelwire article: ${parsed.error}`, previous);
      const indexRecord = toIndexRecord(parsed.coverage);
      if (indexRecord.keys.length === 0) return fail(target, 'the page names no publisher article to index', previous);
      await record({
        url: target.url,
        status: 'ok',
        at: now(),
        lastmod: target.lastmod,
        etag: response.headers.get('etag'),
        lastModified: response.headers.get('last-modified'),
        record: indexRecord,
      });
      return;
    }
  };

  let next = 0;
  const worker = async () => {
    while (next < targets.length) {
      const target = targets[next++] as Target;
      await readOne(target);
      summary.done++;
      report();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
  return summary;
}
