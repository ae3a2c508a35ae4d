// Batch mode: many article/summary pairs from a CSV or JSON list, checked a few at a time; a failed pair is
// reported with its reason and the batch carries on.
import { readFile } from 'node:fs/promises';
import { dirname, extname, isAbsolute, resolve } from 'node:path';
import { runCheck, type CheckReport } from '../report';
import { LoadError, loadArticle, loadSummary, type LoadOptions } from './load';

export interface Pair {
  article: string;
  summary: string;
}

export interface PairResult extends Pair {
  ok: boolean;
  error: string | null;
  report: CheckReport | null;
}

/** Parses CSV with a header row, quoted fields and doubled quotes (RFC 4180). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"' && field === '') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[index + 1] === '\n') index++;
      row.push(field);
      if (row.some((value) => value.trim() !== '')) rows.push(row);
      row = [];
      field = '';
    } else field += char;
  }
  row.push(field);
  if (row.some((value) => value.trim() !== '')) rows.push(row);
  return rows;
}

function csvField(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export class BatchInputError extends Error {}

/** Reads the list of pairs; relative file paths are taken from the list's own folder. */
export async function readPairs(path: string): Promise<Pair[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new BatchInputError(`Could not read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  const base = dirname(path);
  const locate = (reference: string) =>
    /^https?:\/\//i.test(reference) || isAbsolute(reference) ? reference : resolve(base, reference);
  let pairs: Array<{ article?: unknown; summary?: unknown }>;
  if (extname(path).toLowerCase() === '.json') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new BatchInputError(`${path}: not valid JSON`);
    }
    const list = Array.isArray(parsed) ? parsed : (parsed as { pairs?: unknown } | null)?.pairs;
    if (!Array.isArray(list)) throw new BatchInputError(`${path}: expected a list of {"article", "summary"} pairs`);
    pairs = list as typeof pairs;
  } else {
    const [header, ...rows] = parseCsv(text);
    const columns = (header ?? []).map((name) => name.trim().toLowerCase());
    const articleColumn = columns.indexOf('article');
    const summaryColumn = columns.indexOf('summary');
    if (articleColumn < 0 || summaryColumn < 0)
      throw new BatchInputError(`${path}: the header must name the columns "article" and "summary"`);
    pairs = rows.map((row) => ({ article: row[articleColumn]?.trim(), summary: row[summaryColumn]?.trim() }));
  }
  return pairs.map((pair, index) => {
    if (
      typeof pair?.article !== 'string' ||
      typeof pair.summary !== 'string' ||
      pair.article === '' ||
      pair.summary === ''
    ) {
      throw new BatchInputError(`${path}: pair ${index + 1} needs both an article and a summary`);
    }
    return { article: locate(pair.article), summary: locate(pair.summary) };
  });
}

export async function checkPair(
  pair: Pair,
  options: LoadOptions,
  now: () => Date = () => new Date(),
): Promise<PairResult> {
  try {
    const [article, summary] = await Promise.all([
      loadArticle(pair.article, options),
      loadSummary(pair.summary, options),
    ]);
    return { ...pair, ok: true, error: null, report: runCheck(article, summary, now()) };
  } catch (error) {
    // Whatever went wrong is this pair's failure, with its reason: the batch carries on.
    const message =
      error instanceof LoadError
        ? error.message
        : `${pair.article} × ${pair.summary} could not be checked: ${error instanceof Error ? error.message : String(error)}`;
    return { ...pair, ok: false, error: message, report: null };
  }
}

/** Checks every pair, `concurrency` at a time, calling `onProgress` after each; results keep the input's order. */
export async function runBatch(
  pairs: ReadonlyArray<Pair>,
  options: LoadOptions & { concurrency: number; onProgress?(done: number, failed: number): void },
): Promise<PairResult[]> {
  const results: PairResult[] = new Array(pairs.length);
  let next = 0;
  let done = 0;
  let failed = 0;
  const worker = async () => {
    while (next < pairs.length) {
      const index = next++;
      const result = await checkPair(pairs[index] as Pair, options);
      results[index] = result;
      done++;
      if (!result.ok) failed++;
      options.onProgress?.(done, failed);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, pairs.length)) }, worker));
  return results;
}

const CSV_COLUMNS = [
  'article', 'summary', 'ok', 'error', 'verdict', 'verdict_score', 'verdict_reasons', 'verbatim_share', 'longest_passage_words', 'mean_support', 'weak_sentences',
  'sentences', 'unsupported_facts', 'source_linked', 'publisher_named', 'takedown_page', 'summary_words', 'article_words', 'compression',
] as const; // prettier-ignore

export function resultsToCsv(results: ReadonlyArray<PairResult>): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const result of results) {
    const report = result.report;
    const values: Array<string | number | null> = [
      result.article,
      result.summary,
      result.ok ? 'yes' : 'no',
      result.error,
      report?.verdict.label ?? null,
      report?.verdict.score ?? null,
      report?.verdict.reasons.length ?? null,
      report ? Math.round(report.verbatim.share * 1000) / 1000 : null,
      report ? (report.verbatim.passages[0]?.words ?? 0) : null,
      report?.support.mean ?? null,
      report?.support.weak ?? null,
      report?.support.sentences.length ?? null,
      report?.fidelity.unsupported ?? null,
      report?.attribution.sourceLinked.status ?? null,
      report?.attribution.publisherNamed.status ?? null,
      report?.attribution.takedownPage.status ?? null,
      report?.length.summaryWords ?? null,
      report?.length.articleWords ?? null,
      report?.length.compression ?? null,
    ];
    lines.push(values.map(csvField).join(','));
  }
  return `${lines.join('\n')}\n`;
}

export function resultsToJson(results: ReadonlyArray<PairResult>): string {
  return `${JSON.stringify({ version: 1, checked: results.length, failed: results.filter((result) => !result.ok).length, results }, null, 2)}\n`;
}
