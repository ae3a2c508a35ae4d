// Bundled and evaluated in a benchmark page: Lens's entity highlighting (find the names, build the ranges, register
// the highlight) on a long article, timed in the page itself.
import { findEntityRanges, showEntityHighlights } from '../../lib/overlay/entity-highlights';
import { quantiles } from './quantiles';

(globalThis as unknown as { lensHighlightBench: unknown }).lensHighlightBench = (runs: number, entityCount: number) => {
  const root = document.querySelector('article') as HTMLElement;
  const layer = document.createElement('div');
  const entities = Array.from({ length: entityCount }, (_, index) => ({
    key: `entity ${index}`,
    names: [`Entity${index} Holdings`],
  }));
  const samples: number[] = [];
  let count = 0;
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    const highlights = showEntityHighlights(document, findEntityRanges(root, entities), layer);
    samples.push(performance.now() - started);
    count = highlights.count;
    highlights.clear();
  }
  const words = (root.textContent ?? '').split(/\s+/).filter(Boolean).length;
  return { words, mentions: count, ms: quantiles(samples) };
};
