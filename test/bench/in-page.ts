// Bundled into one script and evaluated inside each benchmark page: Lens's detection and extraction beside
// Readability's, timed in the page itself.
import { Readability, isProbablyReaderable } from '@mozilla/readability';
import { describePage } from '../../lib/article/describe-page';
import { detectArticle } from '../../lib/article/detect';
import { extractMainText } from '../../lib/article/main-text';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/**
 * Median over `runs` batches of the mean time of one call: browsers coarsen performance.now() to 0.1 ms, so
 * sub-millisecond work is timed ten calls at a time. One batch first, not timed: without it the measure taken first
 * on a page (Lens's detection) also paid for the page's first reads and the code's first runs, which the measures
 * after it found done (Lens's detection measured twice in a row on the same page: 0.58 ms, then 0.18 ms).
 */
function time(runs: number, work: () => unknown): number {
  const perBatch = 10;
  for (let call = 0; call < perBatch; call++) work();
  const samples: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    for (let call = 0; call < perBatch; call++) work();
    samples.push((performance.now() - started) / perBatch);
  }
  return median(samples);
}

(globalThis as unknown as { lensBench: unknown }).lensBench = (runs: number, addressKnown: boolean) => {
  const url = location.href;
  return {
    lensDetect: time(runs, () => detectArticle(document, url, { addressKnown })),
    lensFull: time(runs, () => {
      describePage(document, url, { addressKnown });
      extractMainText(document);
    }),
    readabilityDetect: time(runs, () => isProbablyReaderable(document)),
    // Readability changes the document it reads, so every run parses a fresh clone, as an extension must.
    readabilityFull: time(runs, () => {
      isProbablyReaderable(document);
      new Readability(document.cloneNode(true) as Document).parse();
    }),
  };
};
