import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { JSDOM, VirtualConsole } from 'jsdom';
import { detectArticle, proseScore } from '../../lib/article/detect';
for (const c of process.argv.slice(2)) {
  const dir = `../shared/datasets/articles/${c}`;
  const e = JSON.parse(readFileSync(`${dir}/expected.json`, 'utf8'));
  const html = gunzipSync(readFileSync(`${dir}/page.html.gz`)).toString('utf8');
  const url = e.url ?? `https://example.com/${c}`;
  const doc = new JSDOM(html, { url, virtualConsole: new VirtualConsole() }).window.document;
  const d = detectArticle(doc, url);
  console.log(c, proseScore(doc).toFixed(1), d.confidence, d.reasons.join(' | '));
}
