import { readFileSync, readdirSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { JSDOM } from 'jsdom';
const dir = '/work/shared/datasets/articles/scrapinghub';
const name = readdirSync(dir)[3];
const html = gunzipSync(readFileSync(`${dir}/${name}/page.html.gz`)).toString('utf8');
const gc = (globalThis as any).gc as () => void;
gc(); const start = process.memoryUsage().heapUsed;
for (let i = 0; i < 60; i++) {
  const dom = new JSDOM(html, { url: 'https://example.com/a' });
  if (process.env.TOUCH) dom.window.document.body.textContent;
  dom.window.close();
  if (process.env.WAIT) await new Promise(r => setTimeout(r, 0));
  if (i % 20 === 19) { gc(); console.log(i + 1, ((process.memoryUsage().heapUsed - start) / 1e6).toFixed(1), 'MB', html.length); }
}
