// @vitest-environment node
// The CLI runs in Node: Node's fetch and timers, not the DOM environment's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { main, type Io } from '../../../lib/check/cli/main';
import { parseCsv } from '../../../lib/check/cli/batch';
import { BIAS } from '../../../lib/check/verdict';
import { fixtureHtml } from '../fixtures';

const ARTICLE_PATH = 'sites/circuitweekly.net/news/open-source-robotics-kit/index.html';
const MODELWIRE_PATH =
  'sites/themodelwire.com/article/open-source-robotics-kit-ships-with-motion-planner-01KX3K9M1N3P5Q7R9S2T4V6W8X/index.html';

let server: Server;
let base: string;
const dir = mkdtempSync(join(tmpdir(), 'lens-cli-'));

function io(): Io & { out: string; err: string } {
  const captured = { out: '', err: '' };
  return Object.assign(captured, {
    stdout: (text: string) => void (captured.out += text),
    stderr: (text: string) => void (captured.err += text),
    interactive: false,
  });
}

/** The JSON report of a check of two files in the test folder, which must succeed. */
async function checkAsJson(article: string, summary: string) {
  const out = io();
  expect(await main(['check', '--article', join(dir, article), '--summary', join(dir, summary), '--json'], out)).toBe(
    0,
  );
  return JSON.parse(out.out);
}

beforeAll(async () => {
  server = createServer((request, response) => {
    const path = request.url ?? '/';
    if (path === '/slow') return; // never answers: the CLI's time-out must end the wait
    if (path === '/endless') {
      // Streams without a Content-Length and never ends: only a limit applied while reading stops it.
      response.writeHead(200, { 'content-type': 'text/html' });
      const chunk = Buffer.alloc(64 * 1024, '<p>more words </p>');
      const send = () => {
        while (!response.destroyed && response.write(chunk));
        if (!response.destroyed) response.once('drain', send);
      };
      send();
      return;
    }
    if (path === '/stalls') {
      // Headers and the start of a page, then nothing: the time limit must cover the body too.
      response.writeHead(200, { 'content-type': 'text/html' });
      response.write('<html><body><article><p>The start of a story');
      return;
    }
    if (path === '/article') {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end(fixtureHtml(ARTICLE_PATH));
    } else if (path.startsWith('/article/open-source-robotics-kit')) {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end(fixtureHtml(MODELWIRE_PATH));
    } else {
      response.writeHead(404);
      response.end('not here');
    }
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  writeFileSync(join(dir, 'article.html'), fixtureHtml(ARTICLE_PATH));
  writeFileSync(join(dir, 'modelwire.html'), fixtureHtml(MODELWIRE_PATH));
  writeFileSync(
    join(dir, 'pasted.txt'),
    'Pallet Robotics has started shipping a $349 arm kit for schools and hobbyists that plans its own movements.',
  );
  writeFileSync(join(dir, 'article.txt'), 'Just some text about nothing in particular, written for a test.');
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe('modelwire-lens check', () => {
  it('checks an article URL against a Modelwire URL and prints Markdown', async () => {
    const out = io();
    const code = await main(
      [
        'check',
        '--article',
        `${base}/article`,
        '--summary',
        `${base}/article/open-source-robotics-kit-01KX3K9M1N3P5Q7R9S2T4V6W8X`,
      ],
      out,
    );
    expect(code).toBe(0);
    expect(out.out).toContain('# Summarisation check: A hobby robotics kit ships with an open motion planner');
    expect(out.out).toContain('- Source linked: yes');
  });

  it('checks saved files and prints JSON', async () => {
    const report = await checkAsJson('article.html', 'modelwire.html');
    expect(report.summary.modelwireUrl).toBe(
      'https://themodelwire.com/article/open-source-robotics-kit-ships-with-motion-planner-01KX3K9M1N3P5Q7R9S2T4V6W8X',
    );
    expect(report.article.url).toBe('https://circuitweekly.net/news/open-source-robotics-kit/');
    expect(report.verbatim.share).toBe(0);
  });

  it('checks a pasted text summary, finding its copied words', async () => {
    const out = io();
    expect(
      await main(
        ['check', '--article', join(dir, 'article.html'), '--summary', join(dir, 'pasted.txt'), '--json'],
        out,
      ),
    ).toBe(0);
    const report = JSON.parse(out.out);
    expect(report.verbatim.share).toBe(1);
    expect(report.attribution.sourceLinked.status).toBe('not applicable');
  });

  it.each([
    [['check', '--article', 'http://127.0.0.1:1/closed', '--summary', 'x.txt'], /Could not (fetch|read)/],
    [['check', '--article', '/no/such/file.html', '--summary', '/no/such/summary.txt'], /Could not read \/no\/such/],
  ])('fails with a clear message: %j', async (args, message) => {
    const out = io();
    expect(await main(args, out)).toBe(1);
    expect(out.err).toMatch(message);
  });

  it('gives up on a server that does not answer within the time-out', async () => {
    const out = io();
    const started = Date.now();
    expect(
      await main(['check', '--article', `${base}/slow`, '--summary', join(dir, 'pasted.txt'), '--timeout', '300'], out),
    ).toBe(1);
    expect(out.err).toContain('no answer within 300 ms');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it.each([
    ['an empty page', 'empty.html', '', 'pasted.txt', 'empty.html is empty'],
    ['a page of spaces', 'blank.html', '  \n\t ', 'pasted.txt', 'blank.html is empty'],
    ['a page without markup', 'words.html', 'just words', 'pasted.txt', 'words.html is not an HTML page'],
    ['a missing article', null, '', 'pasted.txt', 'there is no such file'],
    ['a folder', '.', '', 'pasted.txt', 'it is a folder, not a file'],
    ['an empty summary', 'article.html', null, 'empty-summary.txt', 'empty-summary.txt is empty'],
    ['a binary summary', 'article.html', null, 'image.png', 'image.png is not a text file'],
  ])('refuses %s with its reason (exit 1)', async (_, article, content, summary, message) => {
    const articlePath = article === null ? join(dir, 'no-such-article.html') : join(dir, article);
    if (article !== null && article !== '.' && content !== null) writeFileSync(articlePath, content);
    writeFileSync(join(dir, 'empty-summary.txt'), ' \n');
    writeFileSync(join(dir, 'image.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
    const out = io();
    expect(await main(['check', '--article', articlePath, '--summary', join(dir, summary)], out)).toBe(1);
    expect(out.err).toContain(message);
    expect(out.err).not.toMatch(/TypeError|ENOENT|EISDIR/);
    expect(out.out).toBe('');
  });

  it('stops reading a response at the size limit, though it has no Content-Length and never ends', async () => {
    const out = io();
    expect(await main(['check', '--article', `${base}/endless`, '--summary', join(dir, 'pasted.txt')], out)).toBe(1);
    expect(out.err).toContain(`${base}/endless is larger than 10 MB`);
  });

  it('gives up on a body that stops arriving, with the time-out named', async () => {
    const out = io();
    expect(
      await main(
        ['check', '--article', `${base}/stalls`, '--summary', join(dir, 'pasted.txt'), '--timeout', '300'],
        out,
      ),
    ).toBe(1);
    expect(out.err).toContain('the page did not arrive within 300 ms');
    expect(out.err).not.toMatch(/TimeoutError|DOMException/);
  });

  it('refuses a local file over the size limit without reading it', async () => {
    const big = join(dir, 'big.html');
    // Sparse: the size is there, the bytes are not; a reader that read it whole would still take a while.
    writeFileSync(big, '<html><body><p>A story</p>');
    truncateSync(big, 50 * 1024 * 1024);
    const out = io();
    expect(await main(['check', '--article', big, '--summary', join(dir, 'pasted.txt')], out)).toBe(1);
    expect(out.err).toContain('big.html is larger than 10 MB');
  });

  it('refuses a named pipe instead of waiting for a writer forever', async () => {
    const pipe = join(dir, 'article.pipe');
    execFileSync('mkfifo', [pipe]);
    const out = io();
    expect(await main(['check', '--article', pipe, '--summary', join(dir, 'pasted.txt')], out)).toBe(1);
    expect(out.err).toContain('it is a named pipe, socket or device, not a file');
  });

  it('says so when the report was built from a page cut at the node limit', async () => {
    const story = 'Pallet Robotics has started shipping a $349 arm kit for schools and hobbyists. '.repeat(8);
    const page = `<html><head><title>Kit</title></head><body><article><h1>Kit ships</h1><p>${story}</p><p>${story}</p></article><div>${'<span>x</span>'.repeat(70_000)}</div></body></html>`;
    writeFileSync(join(dir, 'huge.html'), page);
    const report = await checkAsJson('huge.html', 'pasted.txt');
    expect(report.notes).toHaveLength(1);
    expect(report.notes[0]).toMatch(/larger than Lens reads \(60,000 nodes\).*first part of the page only/);
    const markdown = io();
    expect(
      await main(['check', '--article', join(dir, 'huge.html'), '--summary', join(dir, 'pasted.txt')], markdown),
    ).toBe(0);
    expect(markdown.out).toContain('> **Note:** The article page is larger than Lens reads');
    // A page within the limit carries no note.
    expect((await checkAsJson('article.html', 'pasted.txt')).notes).toEqual([]);
  });

  it('reads a saved page in the encoding it declares (windows-1252)', async () => {
    const page =
      '<html><head><meta charset="windows-1252"><title>Caf\u00e9 owners</title></head><body><article>' +
      '<p>The caf\u00e9 owners of R\u00e9mi Street said the new rules would cost each of them about \u20ac2,000 a year.</p>' +
      '<p>Their association asked the city for a year of delay before the rules apply to terraces and awnings.</p>' +
      '</article></body></html>';
    const bytes = Buffer.from(new Uint8Array([...page].map((char) => (char === '\u20ac' ? 0x80 : char.charCodeAt(0)))));
    writeFileSync(join(dir, 'cafe.html'), bytes);
    writeFileSync(
      join(dir, 'cafe-summary.txt'),
      'The caf\u00e9 owners of R\u00e9mi Street said the rules cost \u20ac2,000 a year.',
    );
    const report = await checkAsJson('cafe.html', 'cafe-summary.txt');
    expect(report.article.title).toBe('Caf\u00e9 owners');
    // Every name and figure of the summary is found in the article: nothing was mangled into a "new" fact.
    expect(report.fidelity.summary.every((fact: { found: boolean }) => fact.found)).toBe(true);
    expect(JSON.stringify(report)).not.toContain('\ufffd');
  });

  it('says which option is wrong', async () => {
    const args = ['check', '--article', join(dir, 'article.html'), '--summary', join(dir, 'pasted.txt')];
    let out = io();
    expect(await main([...args, '--timeout', 'abc'], out)).toBe(2);
    expect(out.err).toContain('--timeout takes a number of milliseconds above 0, not "abc".');
    out = io();
    expect(await main(['check', '--batch', 'x.csv', '--concurrency', '1.5'], out)).toBe(2);
    expect(out.err).toContain('--concurrency takes a whole number of 1 or more, not "1.5".');
  });

  it('writes a single report to --out (JSON for a .json name, else Markdown)', async () => {
    const args = ['check', '--article', join(dir, 'article.html'), '--summary', join(dir, 'modelwire.html')];
    let out = io();
    expect(await main([...args, '--out', join(dir, 'report.json')], out)).toBe(0);
    expect(out.out).toBe('');
    expect(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')).version).toBe(1);
    out = io();
    expect(await main([...args, '--out', join(dir, 'report.md')], out)).toBe(0);
    expect(readFileSync(join(dir, 'report.md'), 'utf8')).toMatch(/^# Summarisation check/);
  });

  it('explains its usage on bad arguments', async () => {
    for (const args of [
      [],
      ['check'],
      ['check', '--article', 'a'],
      ['check', '--bogus'],
      ['check', '--batch', 'x.csv', '--concurrency', '0'],
    ]) {
      const out = io();
      expect(await main(args, out)).toBe(2);
      expect(out.err).toContain('Usage:');
    }
  });
});

describe('modelwire-lens check --batch', () => {
  it('checks every pair of a CSV, carries on past failures and writes CSV results in order', async () => {
    const list = join(dir, 'pairs.csv');
    writeFileSync(
      list,
      [
        'article,summary',
        'article.html,modelwire.html',
        `${base}/missing,pasted.txt`,
        `"article.html","pasted.txt"`,
        `${base}/slow,pasted.txt`,
        'article.txt,pasted.txt',
      ].join('\n'),
    );
    const out = io();
    const results = join(dir, 'results.csv');
    expect(await main(['check', '--batch', list, '--out', results, '--timeout', '300'], out)).toBe(1);
    const rows = parseCsv(readFileSync(results, 'utf8'));
    expect(rows[0]?.slice(0, 8)).toEqual([
      'article',
      'summary',
      'ok',
      'error',
      'verdict',
      'verdict_score',
      'verdict_reasons',
      'verbatim_share',
    ]);
    expect(rows.slice(1).map((row) => row[2])).toEqual(['yes', 'no', 'yes', 'no', 'yes']);
    expect(rows[2]?.[3]).toBe(`Could not fetch ${base}/missing: HTTP 404`);
    expect(rows[4]?.[3]).toContain('no answer within 300 ms');
    // The summary copied from the article: consistent, nothing to report, all of it reused.
    // Its score is the model's floor, with no sign at all: σ(BIAS).
    expect(rows[3]?.slice(4, 8)).toEqual([
      'consistent',
      String(Math.round(1000 / (1 + Math.exp(-BIAS))) / 1000),
      '0',
      '1',
    ]);
    expect(rows[2]?.slice(4, 8)).toEqual(['', '', '', '']);
    expect(out.err).toContain('3 checked, 2 failed');
    expect(out.err).toContain('[##############################] 5/5, 2 failed');
  });

  it('carries on past a page that cannot be read and writes every result', async () => {
    writeFileSync(join(dir, 'empty-page.html'), '');
    const list = join(dir, 'pairs-with-empty.json');
    writeFileSync(
      list,
      JSON.stringify([
        { article: 'empty-page.html', summary: 'pasted.txt' },
        { article: 'article.html', summary: 'modelwire.html' },
      ]),
    );
    const out = io();
    const results = join(dir, 'results-with-empty.json');
    expect(await main(['check', '--batch', list, '--out', results], out)).toBe(1);
    const written = JSON.parse(readFileSync(results, 'utf8'));
    expect(written.results.map((result: { ok: boolean }) => result.ok)).toEqual([false, true]);
    expect(written.results[0].error).toContain('empty-page.html is empty');
  });

  it('reads a JSON list and writes JSON with the full reports', async () => {
    const list = join(dir, 'pairs.json');
    writeFileSync(list, JSON.stringify({ pairs: [{ article: 'article.html', summary: 'modelwire.html' }] }));
    const out = io();
    expect(await main(['check', '--batch', list], out)).toBe(0);
    const output = JSON.parse(out.out);
    expect(output).toMatchObject({ version: 1, checked: 1, failed: 0 });
    expect(output.results[0].report.version).toBe(1);
  });

  it.each([
    ['pairs-bad.json', '{"pairs": 5}', 'expected a list'],
    ['pairs-bad.csv', 'url,text\na,b', 'must name the columns "article" and "summary"'],
    ['pairs-empty.csv', 'article,summary\na.html,', 'pair 1 needs both'],
    ['pairs-broken.json', '{', 'not valid JSON'],
  ])('refuses a malformed list %s', async (name, content, message) => {
    writeFileSync(join(dir, name), content);
    const out = io();
    expect(await main(['check', '--batch', join(dir, name)], out)).toBe(2);
    expect(out.err).toContain(message);
  });
});

describe('parseCsv', () => {
  it('handles quotes, doubled quotes, commas and CRLF', () => {
    expect(parseCsv('a,b\r\n"x, y","he said ""hi"""\r\n\r\nlast,')).toEqual([
      ['a', 'b'],
      ['x, y', 'he said "hi"'],
      ['last', ''],
    ]);
  });
});
