// @vitest-environment node
// `modelwire-lens index build` against a local Modelwire (test/harness/modelwire-site.ts): robots.txt obeyed, pages
// that do not parse listed with why, a second run reading only what changed, the rate limit and retries kept.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runIndexCommand } from '../../../lib/index/cli';
import { parseManifest } from '../../../lib/index/format';
import { startModelwireSite, type ModelwireSite } from '../../harness/modelwire-site';

const dirs: string[] = [];
const sites: ModelwireSite[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  for (const site of sites.splice(0)) await site.close();
});

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lens-index-crawl-'));
  dirs.push(dir);
  return dir;
}

async function site(count: number, options: Parameters<typeof startModelwireSite>[1] = {}): Promise<ModelwireSite> {
  const started = await startModelwireSite(count, options);
  sites.push(started);
  return started;
}

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runIndexCommand(args, {
    stdout: (text) => (out += text),
    stderr: (text) => (err += text),
    interactive: false,
  });
  return { code, out, err };
}

/** `index build` arguments for a folder and a local Modelwire's sitemap, plus options. */
const build = (out: string, modelwire: ModelwireSite, ...options: string[]) => [
  'build',
  '--out',
  out,
  '--sitemap',
  modelwire.sitemap,
  ...options,
];

const pageRequests = (s: ModelwireSite) => s.requests.filter((request) => request.path.startsWith('/article/'));
const manifestOf = (dir: string) => {
  const parsed = parseManifest(JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')));
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
};

describe('index build from a sitemap', () => {
  it('obeys robots.txt, lists the pages that fail with why, and on the next run reads only changed pages', async () => {
    const modelwire = await site(240, { brokenEvery: 97, privateEvery: 101 });
    const out = folder();
    const args = build(out, modelwire, '--rate', '1000', '--concurrency', '6', '--min-keys', '20');
    const first = await run(args);
    expect(first.code).toBe(1);
    const failures = JSON.parse(readFileSync(join(out, 'failures.json'), 'utf8')) as Array<{
      url: string;
      error: string;
    }>;
    const notArticle = 'not a Modelwire article: The page has no headline: it does not look like a Modelwire article.';
    const disallowed = 'disallowed by robots.txt (not requested)';
    expect(failures.map((failure) => failure.error).sort()).toEqual([disallowed, disallowed, notArticle, notArticle]);
    expect(first.err).toContain('failed: ');
    // The disallowed pages were never requested; every other page once.
    expect(pageRequests(modelwire).some((request) => request.path.includes('private-'))).toBe(false);
    expect(pageRequests(modelwire)).toHaveLength(238);
    expect(modelwire.requests.filter((request) => request.path === '/robots.txt')).toHaveLength(1);
    const manifest = manifestOf(out);
    expect(manifest.counts.coverages).toBe(236);
    expect(first.out).toContain('Index generation 1 (base)');

    modelwire.change([3, 50, 170]);
    const before = modelwire.requests.length;
    const second = await run(args);
    const requested = modelwire.requests.slice(before).filter((request) => request.path.startsWith('/article/'));
    // The three changed pages, and the two broken ones (a failure is tried again), nothing else.
    expect(requested.map((request) => request.path).sort()).toEqual(
      [3, 50, 170, 96, 193].map((i) => modelwire.pathOf(i)).sort(),
    );
    expect(second.out).toContain('Index generation 2 (delta)');
    expect(manifestOf(out).deltas).toHaveLength(1);
  }, 60_000);

  it('keeps to the request rate and to robots.txt’s Crawl-delay, and retries a busy server', async () => {
    const modelwire = await site(30, { failFirst: 1 });
    const out = folder();
    const result = await run(build(out, modelwire, '--rate', '20', '--concurrency', '4', '--retry-base-ms', '50'));
    expect(result.code).toBe(0);
    // Page requests and retries go through the pacer (the sitemaps are read before the crawl starts).
    const starts = modelwire.requests
      .filter((request) => request.path.startsWith('/article/') || request.path === '/robots.txt')
      .map((request) => request.at)
      .sort((a, b) => a - b);
    // 20 a second: any 21 requests in a row span a second (a few ms of timer slack allowed).
    for (let i = 20; i < starts.length; i++)
      expect((starts[i] as number) - (starts[i - 20] as number)).toBeGreaterThanOrEqual(980);
    // Every page answered 503 once, then was read.
    expect(pageRequests(modelwire).filter((request) => request.status === 503)).toHaveLength(30);
    expect(pageRequests(modelwire).filter((request) => request.status === 200)).toHaveLength(30);
    expect(manifestOf(out).counts.coverages).toBe(30);

    const slow = await site(4, { crawlDelay: 1 });
    const slowOut = folder();
    const began = Date.now();
    expect((await run(build(slowOut, slow, '--rate', '100'))).code).toBe(0);
    const pages = pageRequests(slow)
      .map((request) => request.at)
      .sort((a, b) => a - b);
    for (let i = 1; i < pages.length; i++)
      expect((pages[i] as number) - (pages[i - 1] as number)).toBeGreaterThanOrEqual(980);
    expect(Date.now() - began).toBeGreaterThanOrEqual(3000);
  }, 60_000);

  it('says what is wrong with its arguments', async () => {
    expect(await run(['build'])).toMatchObject({ code: 2, err: expect.stringContaining('--out') });
    expect(await run(['build', '--out', folder()])).toMatchObject({
      code: 2,
      err: expect.stringContaining('at least one source'),
    });
    expect(await run(['build', '--out', folder(), '--urls', 'x.txt', '--rate', 'abc'])).toMatchObject({
      code: 2,
      err: expect.stringContaining('--rate must be a positive number'),
    });
    expect(await run(['drop', '--out', folder(), '--urls', 'x.txt'])).toMatchObject({
      code: 2,
      err: expect.stringContaining('one action: build'),
    });
    expect(await run(['build', '--out', folder(), '--urls', '/nonexistent/list.txt'])).toMatchObject({
      code: 2,
      err: expect.stringContaining('ENOENT'),
    });
  });
});
