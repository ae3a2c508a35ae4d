// `npm run bench:check`: the summarisation check's speed on this machine. Prints its figures and ends with one JSON line.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCheck } from '../../lib/check/report';
import { countWords } from '../../lib/text/words';
import { readPairs, runBatch } from '../../lib/check/cli/batch';
import { article, articleHtml, summaryOf } from './text-generator';

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
}

// 1. One long article against one summary.
const paragraphs = article(5000, 7);
const articleText = paragraphs.join('\n\n');
const summaryText = summaryOf(paragraphs, 300, 11);
const input = { text: articleText, url: null, title: null, siteName: null };
const summary = {
  summary: summaryText,
  analystTake: [],
  headline: null,
  modelwireUrl: null,
  source: null,
  takedownUrl: null,
};
for (let warm = 0; warm < 5; warm++) runCheck(input, summary);
const times: number[] = [];
for (let run = 0; run < 40; run++) {
  const started = performance.now();
  runCheck(input, summary);
  times.push(performance.now() - started);
}
times.sort((a, b) => a - b);
const single = {
  articleWords: countWords(articleText),
  summaryWords: countWords(summaryText),
  runs: times.length,
  medianMs: Math.round(quantile(times, 0.5) * 10) / 10,
  p95Ms: Math.round(quantile(times, 0.95) * 10) / 10,
};
console.log(
  `single check: ${single.articleWords}-word article × ${single.summaryWords}-word summary: median ${single.medianMs} ms, p95 ${single.p95Ms} ms over ${single.runs} runs (target ≤ 50 ms)`,
);

// The CLI as it is installed: the plain-JavaScript build (`npm run build:cli`, run by this benchmark's npm script).
const bin = fileURLToPath(new URL('../../dist/cli/modelwire-lens.mjs', import.meta.url));
if (!existsSync(bin)) throw new Error(`No built CLI at ${bin}: run "npm run build:cli" first.`);

// 2. A batch of saved HTML articles and text summaries from local files, in-process and through the CLI.
const dir = mkdtempSync(join(tmpdir(), 'lens-bench-check-'));
async function batch(pairs: number, articleWords: number) {
  const rows = ['article,summary'];
  for (let index = 0; index < pairs; index++) {
    const body = article(articleWords, 1000 + index);
    writeFileSync(join(dir, `a${index}.html`), articleHtml(`Story ${index}`, body));
    writeFileSync(join(dir, `s${index}.txt`), summaryOf(body, 150, 2000 + index));
    rows.push(`a${index}.html,s${index}.txt`);
  }
  const list = join(dir, `pairs-${articleWords}.csv`);
  writeFileSync(list, rows.join('\n'));
  const started = performance.now();
  const results = await runBatch(await readPairs(list), { timeoutMs: 15_000, concurrency: 4 });
  const seconds = (performance.now() - started) / 1000;
  if (results.some((result) => !result.ok)) throw new Error('a benchmark pair failed');
  const cliStarted = performance.now();
  execFileSync(process.execPath, [bin, 'check', '--batch', list, '--out', join(dir, `results-${articleWords}.csv`)], {
    stdio: 'pipe',
  });
  const cliSeconds = (performance.now() - cliStarted) / 1000;
  return {
    pairs,
    articleWords,
    summaryWords: 150,
    pairsPerSecond: Math.round(pairs / seconds),
    cliPairsPerSecond: Math.round(pairs / cliSeconds),
  };
}
const typical = await batch(300, 1200);
console.log(
  `batch, ${typical.articleWords}-word HTML articles: ${typical.pairsPerSecond} pairs/s in-process, ${typical.cliPairsPerSecond} pairs/s through the CLI including its start-up (target ≥ 50)`,
);
const long = await batch(100, 5000);
console.log(
  `batch, ${long.articleWords}-word HTML articles: ${long.pairsPerSecond} pairs/s in-process, ${long.cliPairsPerSecond} pairs/s through the CLI`,
);
rmSync(dir, { recursive: true, force: true });

// 3. How long `modelwire-lens --help` takes to answer, start-up included.
const helpTimes: number[] = [];
for (let run = 0; run < 7; run++) {
  const started = performance.now();
  execFileSync(process.execPath, [bin, '--help'], { stdio: 'pipe' });
  helpTimes.push(performance.now() - started);
}
helpTimes.sort((a, b) => a - b);
const helpMedianMs = Math.round(quantile(helpTimes, 0.5));
console.log(
  `modelwire-lens --help: median ${helpMedianMs} ms over ${helpTimes.length} runs (target: well under a second)`,
);
console.log(JSON.stringify({ bench: 'check', single, batch: typical, batchLongArticles: long, helpMedianMs }));
