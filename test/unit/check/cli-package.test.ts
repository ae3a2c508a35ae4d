// @vitest-environment node
// The CLI as publishers get it: `npm pack` builds it to plain JavaScript and packs it; the packed file installs into
// an empty folder with nothing else (no network, no TypeScript) and runs a check and a batch there.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fixtureHtml } from '../fixtures';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const work = mkdtempSync(join(tmpdir(), 'lens-cli-package-'));
const packs = join(work, 'packs');
const app = join(work, 'empty-folder');
let bin: string;
let packed: { files: { path: string }[]; filename: string }[];

beforeAll(() => {
  execFileSync('mkdir', ['-p', packs, app]);
  // `npm pack` runs prepack, which builds dist/cli/modelwire-lens.mjs.
  const output = execFileSync(NPM, ['pack', '--json', '--pack-destination', packs], { cwd: ROOT, encoding: 'utf8' });
  packed = JSON.parse(output.slice(output.indexOf('[')));
  const tarball = join(packs, packed[0]?.filename ?? '');
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'a-publisher', private: true }));
  execFileSync(NPM, ['install', '--offline', '--no-audit', '--no-fund', tarball], { cwd: app, stdio: 'pipe' });
  bin = join(app, 'node_modules', '.bin', 'modelwire-lens');
  writeFileSync(
    join(app, 'article.html'),
    fixtureHtml('sites/circuitweekly.net/news/open-source-robotics-kit/index.html'),
  );
  writeFileSync(
    join(app, 'summary.txt'),
    'Pallet Robotics has started shipping a $349 arm kit for schools and hobbyists that plans its own movements.',
  );
  writeFileSync(join(app, 'empty.html'), '');
}, 180_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

function run(...args: string[]) {
  return spawnSync(bin, args, { cwd: app, encoding: 'utf8' });
}

describe('the packed CLI', () => {
  it('holds the built program and nothing of the extension or its sources', () => {
    const files = (packed[0]?.files ?? []).map((file) => file.path).sort();
    expect(files).toEqual(['README.md', 'dist/cli/modelwire-lens.mjs', 'package.json']);
    const installed = JSON.parse(readFileSync(join(app, 'node_modules', 'modelwire-lens', 'package.json'), 'utf8'));
    // Nothing to fetch at install: its libraries are inside the one file.
    expect(installed.dependencies ?? {}).toEqual({});
  });

  it('answers --help', () => {
    const help = run('--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('modelwire-lens check --article');
    expect(help.stdout).toContain('modelwire-lens index build');
  });

  it('checks an article against a summary', () => {
    const check = run('check', '--article', 'article.html', '--summary', 'summary.txt', '--json');
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
    const report = JSON.parse(check.stdout);
    expect(report.article.title).toBe('A hobby robotics kit ships with an open motion planner');
    expect(report.fidelity.unsupported).toBe(0);
  });

  it('checks a batch, carries on past a bad pair and writes its results', () => {
    writeFileSync(
      join(app, 'pairs.csv'),
      'article,summary\narticle.html,summary.txt\nempty.html,summary.txt\nmissing.html,summary.txt\n',
    );
    const batch = run('check', '--batch', 'pairs.csv', '--out', 'results.json');
    expect(batch.status).toBe(1);
    const results = JSON.parse(readFileSync(join(app, 'results.json'), 'utf8')).results;
    expect(results.map((result: { ok: boolean }) => result.ok)).toEqual([true, false, false]);
    expect(results[1].error).toContain('empty.html is empty');
    expect(results[2].error).toContain('there is no such file');
  });
});
