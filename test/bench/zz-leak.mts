import { readFileSync, readdirSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { JSDOM, VirtualConsole } from 'jsdom';
import { describePage } from '/work/main/lib/article/describe-page';
import { extractMainText } from '/work/main/lib/article/main-text';
import { Readability } from '@mozilla/readability';
const dir = '/work/shared/datasets/articles/scrapinghub';
const names = readdirSync(dir).slice(0, Number(process.env.PAGES ?? 40));
const mode = process.env.MODE ?? 'lens';
const gc = (globalThis as any).gc as () => void;
gc(); const start = process.memoryUsage().heapUsed;
for (const [i, name] of names.entries()) {
  const html = gunzipSync(readFileSync(`${dir}/${name}/page.html.gz`)).toString('utf8');
  const dom = process.env.NOVC ? new JSDOM(html, { url: 'https://example.com/a' }) : new JSDOM(html, { url: 'https://example.com/a', virtualConsole: new VirtualConsole() });
  const doc = dom.window.document;
  if (mode === 'lens') { describePage(doc, 'https://example.com/a'); extractMainText(doc); }
  if (mode === 'read') { new Readability(doc.cloneNode(true) as Document).parse(); }
  if (mode === 'clone') { doc.cloneNode(true); }
  dom.window.close();
  await new Promise((r) => setImmediate(r));
  if (i % 10 === 9) { gc(); console.log(mode, i + 1, ((process.memoryUsage().heapUsed - start) / 1e6).toFixed(1), 'MB'); }
}
