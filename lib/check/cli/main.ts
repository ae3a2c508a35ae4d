// modelwire-lens: the summarisation check for publishers, from the command line.
import { writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parseArgs } from 'node:util';
import { reportToJson, reportToMarkdown } from '../report';
import { INDEX_USAGE, runIndexCommand } from '../../index/cli';
import { BatchInputError, checkPair, readPairs, resultsToCsv, resultsToJson, runBatch } from './batch';

export const USAGE = `Usage:
  modelwire-lens check --article <url|file> --summary <modelwire-url|file> [--json] [--out report] [--timeout ms]
  modelwire-lens check --batch <pairs.csv|pairs.json> [--out results.json|results.csv] [--concurrency n] [--timeout ms]

  --article   the publisher's article: a URL, a saved .html page, or a .txt file of its text
  --summary   Modelwire's summary: a Modelwire article URL, a saved page (.html, with its canonical link),
              a coverage record (.json), or plain text (.txt)
  --batch     a CSV with "article" and "summary" columns, or a JSON list of {"article", "summary"};
              relative paths are read from the list's folder
  --out       where to write the results: for a batch, JSON or CSV by the extension (default: JSON on stdout);
              for one check, the report (JSON for a .json name, else Markdown; default: stdout)
  --json      print a single report as JSON instead of Markdown
  --timeout   per request, in milliseconds (default 15000)
  --concurrency  pairs checked at once in a batch (default 4)

Exit status: 0 when every check ran, 1 when a pair failed (its reason is in the results), 2 on bad usage.`;

export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Whether stderr is a terminal, for a live progress bar. */
  interactive: boolean;
}

function progressBar(done: number, total: number, failed: number): string {
  const width = 30;
  const filled = total === 0 ? width : Math.round((done / total) * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total}${failed > 0 ? `, ${failed} failed` : ''}`;
}

export async function main(argv: string[], io: Io): Promise<number> {
  if (argv[0] === 'index') return runIndexCommand(argv.slice(1), io);
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        article: { type: 'string' },
        summary: { type: 'string' },
        batch: { type: 'string' },
        out: { type: 'string' },
        json: { type: 'boolean', default: false },
        timeout: { type: 'string', default: '15000' },
        concurrency: { type: 'string', default: '4' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    io.stderr(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(`${USAGE}\n\n${INDEX_USAGE}\n`);
    return 0;
  }
  const timeoutMs = Number(values.timeout);
  const concurrency = Number(values.concurrency);
  if (positionals[0] !== 'check') {
    io.stderr(`${USAGE}\n`);
    return 2;
  }
  const wrong =
    !Number.isFinite(timeoutMs) || timeoutMs <= 0
      ? `--timeout takes a number of milliseconds above 0, not "${values.timeout}".`
      : !Number.isInteger(concurrency) || concurrency < 1
        ? `--concurrency takes a whole number of 1 or more, not "${values.concurrency}".`
        : null;
  if (wrong !== null) {
    io.stderr(`${wrong}\n\n${USAGE}\n`);
    return 2;
  }

  if (values.batch !== undefined) {
    let pairs;
    try {
      pairs = await readPairs(values.batch);
    } catch (error) {
      if (!(error instanceof BatchInputError)) throw error;
      io.stderr(`${error.message}\n`);
      return 2;
    }
    let lastLine = 0;
    const started = performance.now();
    const results = await runBatch(pairs, {
      timeoutMs,
      concurrency,
      onProgress(done, failed) {
        if (io.interactive) io.stderr(`\r${progressBar(done, pairs.length, failed)}`);
        else if (done === pairs.length || Math.floor((done / pairs.length) * 10) > lastLine) {
          lastLine = Math.floor((done / pairs.length) * 10);
          io.stderr(`${progressBar(done, pairs.length, failed)}\n`);
        }
      },
    });
    if (io.interactive) io.stderr('\n');
    const failed = results.filter((result) => !result.ok);
    for (const result of failed) io.stderr(`failed: ${result.article} × ${result.summary}: ${result.error}\n`);
    const output =
      values.out && extname(values.out).toLowerCase() === '.csv' ? resultsToCsv(results) : resultsToJson(results);
    if (values.out) await writeFile(values.out, output);
    else io.stdout(output);
    const seconds = (performance.now() - started) / 1000;
    io.stderr(
      `${results.length - failed.length} checked, ${failed.length} failed in ${seconds.toFixed(2)} s${values.out ? `; results in ${values.out}` : ''}\n`,
    );
    return failed.length > 0 ? 1 : 0;
  }

  if (values.article === undefined || values.summary === undefined) {
    io.stderr(`Give both --article and --summary, or --batch.\n\n${USAGE}\n`);
    return 2;
  }
  const result = await checkPair({ article: values.article, summary: values.summary }, { timeoutMs });
  if (!result.ok || result.report === null) {
    io.stderr(`${result.error}\n`);
    return 1;
  }
  const asJson = values.json || (values.out !== undefined && extname(values.out).toLowerCase() === '.json');
  const report = asJson ? reportToJson(result.report) : reportToMarkdown(result.report);
  if (values.out === undefined) io.stdout(report);
  else {
    await writeFile(values.out, report);
    io.stderr(`Report written to ${values.out}\n`);
  }
  return 0;
}
