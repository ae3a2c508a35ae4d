// @vitest-environment node
// `modelwire-lens index build` over a local Modelwire of 10,000 pages: killed at a random point and run again, it
// produces the same index as an uninterrupted build, reading no page twice (but those in flight at the kill); a later
// run with 100 pages changed requests exactly those 100.
import { must } from '../fixtures';
import { afterAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runIndexCommand } from '../../../lib/index/cli';
import { startModelwireSite, type ModelwireSite } from '../../harness/modelwire-site';

const PAGES = 10_000;
const CONCURRENCY = 8;
/** The CLI as installed (built by `npm ci`'s prepare step, or `npm run build:cli`): the process the test kills. */
const BIN = fileURLToPath(new URL('../../../dist/cli/modelwire-lens.mjs', import.meta.url));
if (!existsSync(BIN)) throw new Error(`No built CLI at ${BIN}: run "npm run build:cli" first.`);
const dirs: string[] = [];
const sites: ModelwireSite[] = [];
afterAll(async () => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  for (const site of sites) await site.close();
});

const args = (out: string, sitemap: string) => [
  'build',
  '--out',
  out,
  '--sitemap',
  sitemap,
  '--rate',
  '5000',
  '--concurrency',
  String(CONCURRENCY),
];
const quiet = { stdout: () => undefined, stderr: () => undefined, interactive: false };

/** The published files of an index folder, by path (the builder's and crawler's state left out). */
function published(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name).slice(dir.length + 1);
    if (path.startsWith('.') || path === 'failures.json') continue;
    files.set(path, readFileSync(join(dir, path)));
  }
  return files;
}

function logLines(dir: string): number {
  const path = join(dir, '.crawl', 'pages.jsonl');
  return existsSync(path) ? readFileSync(path, 'utf8').split('\n').length - 1 : 0;
}

describe('index build over 10,000 pages', () => {
  it('killed and restarted equals an uninterrupted build; a second run reads only the changed pages', async () => {
    // One site for both builds (the pages name their own address), read one build after the other.
    const siteA = await startModelwireSite(PAGES);
    const siteB = siteA;
    sites.push(siteA);
    const outA = mkdtempSync(join(tmpdir(), 'lens-index-a-'));
    const outB = mkdtempSync(join(tmpdir(), 'lens-index-b-'));
    dirs.push(outA, outB);

    expect(await runIndexCommand(args(outA, siteA.sitemap), quiet)).toBe(0);
    const startOfB = siteA.requests.length;

    // B: the same build in another process, killed (SIGKILL, no chance to tidy up) at a random point.
    const killAt = 1000 + Math.floor(Math.random() * 7000);
    console.log(`index build killed after ${killAt} pages were logged`);
    const child = spawn(process.execPath, [BIN, 'index', ...args(outB, siteB.sitemap)], { stdio: 'ignore' });
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (logLines(outB) >= killAt) {
          clearInterval(timer);
          child.kill('SIGKILL');
          resolve();
        }
      }, 20);
      child.once('exit', () => {
        clearInterval(timer);
        reject(new Error('the build ended before it could be killed'));
      });
    });
    expect(existsSync(join(outB, 'index.json'))).toBe(false);
    expect(await runIndexCommand(args(outB, siteB.sitemap), quiet)).toBe(0);

    // The same index: every published file, byte for byte; the manifests differ only in their time.
    const a = published(outA);
    const b = published(outB);
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
    for (const [path, bytes] of a) {
      if (path === 'index.json') continue;
      expect(b.get(path)?.equals(bytes), path).toBe(true);
    }
    const manifestA = JSON.parse(must(a.get('index.json')).toString('utf8'));
    const manifestB = JSON.parse(must(b.get('index.json')).toString('utf8'));
    expect({ ...manifestB, generatedAt: null }).toEqual({ ...manifestA, generatedAt: null });
    expect(manifestA.counts.coverages).toBe(PAGES);

    // Nothing twice: each page read once across both runs, but the few in flight when the process was killed.
    const reads = new Map<string, number>();
    for (const request of siteB.requests.slice(startOfB)) {
      if (request.path.startsWith('/article/') && request.status === 200) {
        reads.set(request.path, (reads.get(request.path) ?? 0) + 1);
      }
    }
    expect(reads.size).toBe(PAGES);
    expect([...reads.values()].filter((count) => count > 1).length).toBeLessThanOrEqual(CONCURRENCY);

    // 100 pages change: the next run requests those and nothing else, and publishes a delta.
    const changed = Array.from({ length: 100 }, (_, i) => i * 97);
    siteA.change(changed);
    const before = siteA.requests.length;
    let out = '';
    expect(await runIndexCommand(args(outA, siteA.sitemap), { ...quiet, stdout: (text) => (out += text) })).toBe(0);
    const requested = siteA.requests.slice(before).filter((request) => request.path.startsWith('/article/'));
    expect(requested.map((request) => request.path).sort()).toEqual(changed.map((i) => siteA.pathOf(i)).sort());
    expect(out).toContain('(delta)');
  }, 600_000);
});
