import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { JSDOM, VirtualConsole } from 'jsdom';
import { detectArticle } from '../lib/article/detect';
import { jsonLdNodes } from '../lib/article/json-ld';
import { siteOf } from '../lib/match/url';
const root = '../shared/datasets/articles';
const rows: any[] = [];
const quiet = new VirtualConsole();
for (const src of readdirSync(root)) {
  if (!statSync(`${root}/${src}`).isDirectory()) continue;
  for (const name of readdirSync(`${root}/${src}`)) {
    const dir = `${root}/${src}/${name}`;
    if (!existsSync(`${dir}/page.html.gz`)) continue;
    const exp = JSON.parse(readFileSync(`${dir}/expected.json`, 'utf8'));
    const url = exp.url ?? `https://example.com/${name}/`;
    const html = gunzipSync(readFileSync(`${dir}/page.html.gz`)).toString('utf8').replace(/<style[\s\S]*?<\/style>/gi, '');
    const dom = new JSDOM(html, { url, virtualConsole: quiet });
    const doc = dom.window.document;
    const site = exp.url ? siteOf(new URL(exp.url).hostname) : `${src}/${name}`;
    const half = ((createHash('sha1').update(site).digest()[0] as number) & 1) === 0 ? 'A' : 'B';
    const metas = [...doc.querySelectorAll('meta')].map((m) => `${m.getAttribute('property') ?? ''} ${m.getAttribute('name') ?? ''} ${m.getAttribute('itemprop') ?? ''}`.toLowerCase());
    const metaDate = metas.some((m) => /publish|date|created|modified|pubdate/.test(m));
    const ld = JSON.stringify(jsonLdNodes(doc));
    const ldDate = /"date(Published|Created|Modified)"/.test(ld);
    const timeEl = doc.querySelector('time') !== null || doc.querySelector('[itemprop~="datePublished" i], [itemprop~="dateModified" i]') !== null;
    const urlDate = /\/(19|20)\d{2}[/-](0?[1-9]|1[0-2])\b|\/(19|20)\d{6}\b|\d{4}-\d{2}-\d{2}/.test(url);
    const d = detectArticle(doc, url);
    rows.push({ key: `${src}/${name}`, half, article: exp.isArticle !== false, metaDate, ldDate, timeEl, urlDate, detected: d.isArticle, conf: d.confidence });
    dom.window.close();
  }
}
for (const article of [true, false]) for (const half of ['A', 'B']) {
  const g = rows.filter((r) => r.article === article && r.half === half);
  const any = g.filter((r) => r.metaDate || r.ldDate || r.timeEl || r.urlDate);
  console.log(article ? 'article' : 'non-art', half, g.length, 'anyDate', any.length, 'meta', g.filter((r) => r.metaDate).length, 'ld', g.filter((r) => r.ldDate).length, 'time', g.filter((r) => r.timeEl).length, 'url', g.filter((r) => r.urlDate).length);
}
console.log('articles without any date:');
for (const r of rows.filter((r) => r.article && !(r.metaDate || r.ldDate || r.timeEl || r.urlDate))) console.log('  ', r.key, r.half, r.conf);
console.log('non-articles detected, with date:');
for (const r of rows.filter((r) => !r.article && r.detected)) console.log('  ', r.key, r.half, r.metaDate, r.ldDate, r.timeEl, r.urlDate);
