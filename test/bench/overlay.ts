// `npm run bench:overlay`: in Chromium with the built extension, (1) the time from DOMContentLoaded to the overlay's
// pill on the demo article, over repeated loads, and (2) highlighting 1,000 entity mentions in a 20,000-word article.
// Prints the figures and ends with one JSON line.
import { pageScript, quantiles } from './page-script';
import { launchWithExtension } from '../harness/browser';
import { startFixtureServer } from '../harness/fixture-server';

const LOADS = Number(process.env.BENCH_LOADS ?? 30);
const DEMO_ARTICLE = 'https://www.lakesideledger.com/2026/11/18/regional-hospitals-pilot-ai-triage-assistant/';

/** A 20,000-word article in which 1,000 mentions of 200 entities are spread over 400 paragraphs. */
function longArticle(): string {
  const filler =
    'the council said on Tuesday that the plan would be reviewed by an independent panel next spring'.split(' ');
  const paragraphs: string[] = [];
  let mentions = 0;
  for (let p = 0; p < 410; p++) {
    const words: string[] = [];
    for (let w = 0; w < 50; w++) {
      if (w % 10 === 3 && mentions < 1000) {
        words.push(`Entity${mentions % 200}`, 'Holdings');
        mentions++;
        w++;
      } else {
        words.push(filler[(p * 7 + w) % filler.length] as string);
      }
    }
    paragraphs.push(`<p>${words.join(' ')}.</p>`);
  }
  return `<!doctype html><html><head><title>Long article</title></head><body><article><h1>A long article</h1>${paragraphs.join('')}</article></body></html>`;
}

const script = await pageScript('overlay-in-page.ts');

const server = await startFixtureServer();
const lens = await launchWithExtension({ port: server.port, hosts: server.hosts });
try {
  // (1) Time to pill, measured in the page's own world: a MutationObserver notes when the host element arrives.
  await lens.context.addInitScript(`
    window.__lensPill = new Promise((resolve) => {
      new MutationObserver((records, observer) => {
        for (const record of records) for (const node of record.addedNodes) {
          if (node.nodeType === 1 && node.getAttribute('data-modelwire-lens') === 'overlay') { observer.disconnect(); resolve(performance.now()); }
        }
      }).observe(document, { childList: true, subtree: true });
    });
  `);
  const afterDomContentLoaded: number[] = [];
  const afterLoad: number[] = [];
  // One warm-up load: the service worker starts and the demo data is seeded once.
  for (let load = 0; load <= LOADS; load++) {
    const page = await lens.context.newPage();
    await page.goto(DEMO_ARTICLE);
    const times = (await page.evaluate(`window.__lensPill.then((pill) => {
      const nav = performance.getEntriesByType('navigation')[0];
      return { pill, dcl: nav.domContentLoadedEventEnd, load: nav.loadEventEnd };
    })`)) as { pill: number; dcl: number; load: number };
    if (load > 0) {
      afterDomContentLoaded.push(times.pill - times.dcl);
      afterLoad.push(times.pill - times.load);
    }
    await page.close();
  }
  const pill = quantiles(afterDomContentLoaded, 1);
  const pillAfterLoad = quantiles(afterLoad, 1);
  console.log(
    `pill on the demo article: median ${pill.median} ms after DOMContentLoaded (p95 ${pill.p95}; aim ≤ 50), ` +
      `${pillAfterLoad.median} ms after the load event, ${pill.runs} loads`,
  );

  // (2) Highlighting, on a page of its own (no extension involved: the same code the content script runs).
  const page = await lens.context.newPage();
  await page.route('https://bench.invalid/**', (route) =>
    route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: longArticle() }),
  );
  await page.goto('https://bench.invalid/long-article');
  await page.evaluate(script);
  const highlight = (await page.evaluate('lensHighlightBench(20, 200)')) as {
    words: number;
    mentions: number;
    ms: { median: number; p95: number; runs: number };
  };
  console.log(
    `highlighting ${highlight.mentions} mentions in a ${highlight.words.toLocaleString('en')}-word article: ` +
      `median ${highlight.ms.median} ms, p95 ${highlight.ms.p95} ms (target ≤ 30 ms)`,
  );
  console.log(
    JSON.stringify({
      bench: 'overlay',
      pillAfterDomContentLoadedMs: pill,
      pillAfterLoadMs: pillAfterLoad,
      highlight: { words: highlight.words, mentions: highlight.mentions, ms: highlight.ms },
    }),
  );
} finally {
  await lens.close();
  await server.close();
}
