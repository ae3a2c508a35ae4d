// `npm run eval:summaries -- <dataset dir> [--fit]`
// Runs the summarisation check on a labelled set laid out like ../shared/datasets/summaries (pairs.json: article and
// summary paths; labels.jsonl in the same order: id, domain, label 1 consistent / 0 inconsistent, doc) and prints the
// verdict's balanced accuracy per domain, their mean, and the same on the set's two halves: documents split by the
// parity of the first byte of the SHA-1 of their id, a fixed rule, so that a change can be developed on one half and
// checked on the other. Ends with one JSON line.
//
// --fit also fits the verdict's weights (lib/check/verdict.ts) to the set: a logistic regression on ln(1 + signs of
// each kind), every (domain, label) group weighing the same in the loss, and the cut that maximises the mean balanced
// accuracy folded into the bias. It fits on each half and scores the other half (the honest figure: documents the
// weights never saw), then on the whole set, and prints the whole set's weights to copy into verdict.ts.
//
// --ablate (with --fit) also refits each half with one kind of sign left out at a time and prints how much the held-out
// figure changes: a kind whose removal does not lower both halves does not earn its place. --without <kind> (repeatable)
// leaves a kind out of every fit.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runCheck } from '../../lib/check/report';
import { BIAS, SIGN_KINDS, SIGN_WEIGHTS, signCounts, verdictLogit, type SignKind } from '../../lib/check/verdict';

const { values, positionals } = parseArgs({
  args: process.argv.slice(2),
  allowPositionals: true,
  options: {
    fit: { type: 'boolean', default: false },
    ablate: { type: 'boolean', default: false },
    without: { type: 'string', multiple: true, default: [] },
  },
});
const dir = positionals[0];
if (!dir || !existsSync(join(dir, 'pairs.json')) || !existsSync(join(dir, 'labels.jsonl'))) {
  console.error('Usage: npm run eval:summaries -- <dataset dir with pairs.json and labels.jsonl> [--fit]');
  process.exit(2);
}

interface Row {
  domain: string;
  half: 'A' | 'B';
  /** 1: inconsistent (what the verdict looks for), 0: consistent. */
  inconsistent: 0 | 1;
  counts: Record<SignKind, number>;
}

const pairs = JSON.parse(readFileSync(join(dir, 'pairs.json'), 'utf8')) as Array<{ article: string; summary: string }>;
const labels = readFileSync(join(dir, 'labels.jsonl'), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as { domain: string; label: 0 | 1; doc: string });
if (labels.length !== pairs.length) {
  console.error(`pairs.json has ${pairs.length} pairs but labels.jsonl ${labels.length} lines`);
  process.exit(2);
}
const halfOf = (doc: string) => (((createHash('sha1').update(doc).digest()[0] as number) & 1) === 0 ? 'A' : 'B');

const started = performance.now();
const texts = new Map<string, string>();
const read = (path: string) => {
  let text = texts.get(path);
  if (text === undefined) texts.set(path, (text = readFileSync(join(dir, path), 'utf8')));
  return text;
};
const rows: Row[] = pairs.map((pair, index) => {
  const label = labels[index] as (typeof labels)[number];
  const report = runCheck(
    { text: read(pair.article), url: null, title: null, siteName: null },
    {
      summary: read(pair.summary),
      analystTake: [],
      headline: null,
      modelwireUrl: null,
      source: null,
      takedownUrl: null,
    },
  );
  return {
    domain: label.domain,
    half: halfOf(label.doc),
    inconsistent: label.label === 0 ? 1 : 0,
    counts: signCounts(report.verdict.reasons),
  };
});
const checkSeconds = (performance.now() - started) / 1000;

type Model = { weights: Record<SignKind, number>; bias: number };
/** The model's inputs; a kind left out counts as never found, so its weight stays 0. */
const features = (row: Row, without: ReadonlySet<SignKind>) =>
  SIGN_KINDS.map((kind) => (without.has(kind) ? 0 : Math.log1p(row.counts[kind])));
const logit = (model: Model, row: Row) => verdictLogit(row.counts, model.weights, model.bias);

/** Balanced accuracy per domain (recall on inconsistent and on consistent summaries, averaged) and their mean. */
function balanced(rows: Row[], model: Model) {
  const domains = [...new Set(rows.map((row) => row.domain))].sort();
  const perDomain: Record<string, number> = {};
  for (const domain of domains) {
    const inDomain = rows.filter((row) => row.domain === domain);
    const recall = (label: 0 | 1) => {
      const group = inDomain.filter((row) => row.inconsistent === label);
      const right = group.filter((row) => logit(model, row) > 0 === (label === 1)).length;
      return group.length === 0 ? 0 : right / group.length;
    };
    perDomain[domain] = Math.round(500 * (recall(1) + recall(0))) / 10;
  }
  const values = Object.values(perDomain);
  const mean = values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
  return { mean: Math.round(mean * 10) / 10, perDomain };
}

function fit(rows: Row[], without: ReadonlySet<SignKind> = new Set()): Model {
  const groupSize = new Map<string, number>();
  for (const row of rows)
    groupSize.set(`${row.domain}/${row.inconsistent}`, (groupSize.get(`${row.domain}/${row.inconsistent}`) ?? 0) + 1);
  const groups = groupSize.size;
  const x = rows.map((row) => features(row, without));
  const w = new Array<number>(SIGN_KINDS.length + 1).fill(0);
  for (let step = 0; step < 4000; step++) {
    const gradient = new Array<number>(w.length).fill(0);
    rows.forEach((row, index) => {
      const xi = x[index] as number[];
      const z = (w[0] as number) + xi.reduce((sum, value, k) => sum + value * (w[k + 1] as number), 0);
      const error =
        (1 / (1 + Math.exp(-z)) - row.inconsistent) / (groupSize.get(`${row.domain}/${row.inconsistent}`) as number);
      gradient[0] = (gradient[0] as number) + error;
      xi.forEach((value, k) => (gradient[k + 1] = (gradient[k + 1] as number) + error * value));
    });
    // A light L2 penalty keeps weights of rare kinds from running away.
    for (let k = 0; k < w.length; k++)
      w[k] = (w[k] as number) - 0.5 * ((gradient[k] as number) / groups + (k > 0 ? 0.002 * (w[k] as number) : 0));
  }
  const weights = Object.fromEntries(
    SIGN_KINDS.map((kind, k) => [kind, Math.round((w[k + 1] as number) * 100) / 100]),
  ) as Record<SignKind, number>;
  // The cut: of the distinct values the rows take, the one that maximises mean balanced accuracy, halfway to the next.
  const raw = [...new Set(rows.map((row) => verdictLogit(row.counts, weights, 0)))].sort((a, b) => a - b);
  let best = { bias: -(raw[0] ?? 0) + 1e-6, mean: -1 };
  for (let index = 0; index < raw.length; index++) {
    const cut =
      index + 1 < raw.length ? ((raw[index] as number) + (raw[index + 1] as number)) / 2 : (raw[index] as number) + 0.5;
    const candidate = { weights, bias: -cut };
    const { mean } = balanced(rows, candidate);
    if (mean > best.mean) best = { bias: -cut, mean };
  }
  return { weights, bias: Math.round(best.bias * 100) / 100 };
}

const current: Model = { weights: SIGN_WEIGHTS, bias: BIAS };
const halves = { A: rows.filter((row) => row.half === 'A'), B: rows.filter((row) => row.half === 'B') };
const result: Record<string, unknown> = {
  pairs: rows.length,
  seconds: Math.round(checkSeconds * 10) / 10,
  current: { all: balanced(rows, current), A: balanced(halves.A, current), B: balanced(halves.B, current) },
};
const show = (name: string, figures: ReturnType<typeof balanced>) =>
  console.log(
    `${name.padEnd(34)} ${figures.mean.toFixed(1).padStart(5)}   ` +
      Object.entries(figures.perDomain)
        .map(([domain, value]) => `${domain} ${value.toFixed(1)}`)
        .join(', '),
  );
console.log(
  `${rows.length} pairs checked in ${checkSeconds.toFixed(1)} s; balanced accuracy (mean over domains, then per domain)`,
);
show('verdict.ts weights, whole set', balanced(rows, current));
show('verdict.ts weights, half A', balanced(halves.A, current));
show('verdict.ts weights, half B', balanced(halves.B, current));
if (values.fit) {
  const unknown = (values.without ?? []).filter((kind) => !(SIGN_KINDS as readonly string[]).includes(kind));
  if (unknown.length > 0) {
    console.error(`--without: no such kind of sign: ${unknown.join(', ')}; the kinds are: ${SIGN_KINDS.join(', ')}`);
    process.exit(2);
  }
  const leftOut = new Set(values.without as SignKind[]);
  const onA = fit(halves.A, leftOut);
  const onB = fit(halves.B, leftOut);
  const onAll = fit(rows, leftOut);
  show('fitted on A, scored on B', balanced(halves.B, onA));
  show('fitted on B, scored on A', balanced(halves.A, onB));
  show('fitted on the whole set (in sample)', balanced(rows, onAll));
  for (const [name, model] of [
    ['A', onA],
    ['B', onB],
    ['whole', onAll],
  ] as const) {
    console.log(`weights fitted on ${name}: ${JSON.stringify(model.weights)} bias ${model.bias}`);
  }
  result.fit = {
    heldOut: { AonB: balanced(halves.B, onA), BonA: balanced(halves.A, onB) },
    whole: { ...onAll, inSample: balanced(rows, onAll) },
  };
  if (values.ablate) {
    const full = { AonB: balanced(halves.B, onA).mean, BonA: balanced(halves.A, onB).mean };
    const ablation: Record<string, { AonB: number; BonA: number }> = {};
    console.log('left out (refitted on each half)   change A→B, B→A');
    for (const kind of SIGN_KINDS) {
      const without = new Set([...leftOut, kind]);
      const change = {
        AonB: Math.round(10 * (balanced(halves.B, fit(halves.A, without)).mean - full.AonB)) / 10,
        BonA: Math.round(10 * (balanced(halves.A, fit(halves.B, without)).mean - full.BonA)) / 10,
      };
      ablation[kind] = change;
      console.log(`${kind.padEnd(40)} ${change.AonB.toFixed(1).padStart(5)} ${change.BonA.toFixed(1).padStart(5)}`);
    }
    result.ablation = ablation;
  }
}
console.log(JSON.stringify(result));
