// Scores article predictions the way the shared benchmark scorer does: detection P/R/F1 and true-negative rate,
// field accuracy after normalisation, body-text F1 over 4-gram shingles of \w+ tokens averaged per page.

import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { siteOf } from '../../lib/match/url';

/**
 * Two halves by site, a fixed rule: the parity of the first byte of SHA-1 of the page's registrable domain (of the
 * case's folder name when it has no address). Develop on one half, keep a rule only if it helps the other as well.
 */
export function halfOfCase(key: string, url: string | null): 'A' | 'B' {
  const site = url ? siteOf(new URL(url).hostname) : key;
  return ((createHash('sha1').update(site).digest()[0] as number) & 1) === 0 ? 'A' : 'B';
}

export interface Expected {
  isArticle: boolean | null;
  title: string | null;
  byline: string | null;
  publishedTime: string | null;
  siteName: string | null;
  text: string | null;
  textFrom?: string;
}

/** A case of an article set: `<source>/<case>/expected.json` beside its saved page. */
export interface DatasetCase {
  key: string;
  dir: string;
  expected: Expected & { url: string | null };
}

/** The cases of a set laid out as `<source>/<case>/`, in order: the folders with an expected.json and a saved page. */
export function datasetCases(datasetDir: string): DatasetCase[] {
  const cases: DatasetCase[] = [];
  for (const source of readdirSync(datasetDir).sort()) {
    const sourceDir = join(datasetDir, source);
    if (!statSync(sourceDir).isDirectory()) continue;
    for (const name of readdirSync(sourceDir).sort()) {
      const dir = join(sourceDir, name);
      if (!existsSync(join(dir, 'expected.json'))) continue;
      if (!existsSync(join(dir, 'page.html.gz')) && !existsSync(join(dir, 'page.html'))) continue;
      cases.push({
        key: `${source}/${name}`,
        dir,
        expected: JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')),
      });
    }
  }
  return cases;
}

/** A case's saved page (page.html.gz, or page.html). */
export function savedPage(dir: string): string {
  const gz = join(dir, 'page.html.gz');
  return existsSync(gz) ? gunzipSync(readFileSync(gz)).toString('utf8') : readFileSync(join(dir, 'page.html'), 'utf8');
}

export interface Prediction {
  isArticle: boolean;
  title: string | null;
  byline: string | null;
  publishedTime: string | null;
  siteName: string | null;
  text: string | null;
  ms: number;
}

const TOKEN = /[\p{L}\p{N}_]+/gu;

function shingles(text: string, n = 4): Map<string, number> {
  const tokens = text.match(TOKEN) ?? [];
  const counts = new Map<string, number>();
  for (let index = 0; index < Math.max(1, tokens.length - n + 1); index++) {
    const gram = tokens.slice(index, index + n);
    if (gram.length === 0) continue;
    const key = gram.join('\u0001');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

function tpFpFn(expected: string, predicted: string): [number, number, number] {
  const a = shingles(expected);
  const b = shingles(predicted);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    const t = a.get(key) ?? 0;
    const p = b.get(key) ?? 0;
    tp += Math.min(t, p);
    fp += Math.max(0, p - t);
    fn += Math.max(0, t - p);
  }
  const sum = tp + fp + fn;
  return sum ? [tp / sum, fp / sum, fn / sum] : [0, 0, 0];
}

/** One page's main-text F1 (4-gram shingles), as the scorer averages it. */
export function pageTextF1(expected: string, predicted: string | null): number {
  const [tp, fp, fn] = tpFpFn(expected, predicted ?? '');
  return prf([[tp, fp, fn]]).f1;
}

const mean = (values: number[]) => (values.length ? values.reduce((sum, value) => sum + value, 0) / values.length : 0);

function prf(rows: Array<[number, number, number]>) {
  const precision = (tp: number, fp: number, fn: number) =>
    fp === 0 && fn === 0 ? 1 : tp === 0 && fp === 0 ? 0 : tp / (tp + fp);
  const recall = (tp: number, fp: number, fn: number) =>
    fp === 0 && fn === 0 ? 1 : tp === 0 && fn === 0 ? 0 : tp / (tp + fn);
  const P = mean(rows.filter(([tp, fp]) => tp + fp > 0).map((row) => precision(...row)));
  const R = mean(rows.filter(([tp, , fn]) => tp + fn > 0).map((row) => recall(...row)));
  return { f1: P + R ? (2 * P * R) / (P + R) : 0, precision: P, recall: R, n: rows.length };
}

export function normalizeField(value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  return value
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[‘’“”"']/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[ .|\-–—:]+|[ .|\-–—:]+$/g, '');
}

function bylineOk(expected: string, got: string | null): boolean {
  const e = normalizeField(expected).replace(/^by\s+/, '');
  const g = normalizeField(got).replace(/^by\s+/, '');
  return Boolean(g) && (e === g || e.includes(g) || g.includes(e));
}

function dateOk(expected: string, got: string | null): boolean {
  const e = /\d{4}-\d{2}-\d{2}/.exec(expected ?? '')?.[0];
  const g = /\d{4}-\d{2}-\d{2}/.exec(got ?? '')?.[0];
  return Boolean(e && g && e === g);
}

const round = (value: number) => Math.round(value * 1000) / 1000;

export function score(
  cases: ReadonlyArray<{ key: string; expected: Expected }>,
  predictions: Record<string, Prediction | undefined>,
) {
  let tp = 0;
  let fn = 0;
  let fp = 0;
  let tn = 0;
  const fields = { title: [0, 0], byline: [0, 0], publishedTime: [0, 0], siteName: [0, 0] } as Record<
    string,
    [number, number]
  >;
  const text = new Map<string, Array<[number, number, number]>>();
  const times: number[] = [];
  for (const { key, expected } of cases) {
    const got = predictions[key];
    if (got) times.push(got.ms);
    if (expected.isArticle !== null) {
      const predicted = Boolean(got?.isArticle);
      if (expected.isArticle && predicted) tp++;
      else if (expected.isArticle) fn++;
      else if (predicted) fp++;
      else tn++;
    }
    if (!expected.isArticle) continue;
    const tally = (field: string, ok: boolean) => {
      const entry = fields[field] as [number, number];
      entry[1]++;
      if (ok) entry[0]++;
    };
    if (expected.title) tally('title', normalizeField(expected.title) === normalizeField(got?.title));
    if (expected.byline) tally('byline', bylineOk(expected.byline, got?.byline ?? null));
    if (expected.publishedTime) tally('publishedTime', dateOk(expected.publishedTime, got?.publishedTime ?? null));
    if (expected.siteName) tally('siteName', normalizeField(expected.siteName) === normalizeField(got?.siteName));
    if (expected.text) {
      const from = expected.textFrom ?? 'unknown';
      text.set(from, [...(text.get(from) ?? []), tpFpFn(expected.text, got?.text ?? '')]);
    }
  }
  const P = tp + fp ? tp / (tp + fp) : 0;
  const R = tp + fn ? tp / (tp + fn) : 0;
  times.sort((a, b) => a - b);
  return {
    detection: {
      tp,
      fn,
      fp,
      tn,
      precision: round(P),
      recall: round(R),
      f1: round(P + R ? (2 * P * R) / (P + R) : 0),
      trueNegativeRate: tn + fp ? round(tn / (tn + fp)) : null,
    },
    fields: Object.fromEntries(
      Object.entries(fields).map(([name, [ok, n]]) => [name, { accuracy: n ? round(ok / n) : null, n }]),
    ),
    text: Object.fromEntries(
      [...text].map(([from, rows]) => {
        const result = prf(rows);
        return [
          from,
          { f1: round(result.f1), precision: round(result.precision), recall: round(result.recall), n: result.n },
        ];
      }),
    ),
    msPerPage: times.length
      ? {
          median: round(times[Math.floor(times.length / 2)] as number),
          p95: round(times[Math.floor(0.95 * (times.length - 1))] as number),
        }
      : null,
  };
}
