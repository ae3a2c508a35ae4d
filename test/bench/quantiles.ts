// Median and 95th percentile of a set of timings: shared by the benchmarks in Node and the code they run in pages.

/** Median and 95th percentile, rounded to `decimals`, with how many samples there were. */
export function quantiles(samples: ReadonlyArray<number>, decimals = 2) {
  const sorted = [...samples].sort((a, b) => a - b);
  const scale = 10 ** decimals;
  const at = (q: number) =>
    Math.round((sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0) * scale) / scale;
  return { median: at(0.5), p95: at(0.95), runs: sorted.length };
}
