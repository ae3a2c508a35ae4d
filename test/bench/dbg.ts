import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { JSDOM, VirtualConsole } from 'jsdom';
import { extractMainText } from '../../lib/article/main-text';
const chainOf = (e: Element | null) => {
  let c = '';
  for (; e; e = e.parentElement)
    c = `${e.tagName}.${(e.getAttribute('class') ?? '').slice(0, 30)}#${(e.id ?? '').slice(0, 20)} > ` + c;
  return c.slice(-400);
};
for (const c of process.argv.slice(2)) {
  const dir = `../shared/datasets/articles/${c}`;
  const html = gunzipSync(readFileSync(`${dir}/page.html.gz`)).toString('utf8');
  const expected = JSON.parse(readFileSync(`${dir}/expected.json`, 'utf8'));
  const doc = new JSDOM(html, { url: 'https://x.com/', virtualConsole: new VirtualConsole() }).window.document;
  const r = extractMainText(doc);
  console.log(
    '==',
    c,
    'blocks',
    r.blocks,
    'len',
    r.text.length,
    '\n  root:',
    chainOf(r.root),
    '\n  ours starts:',
    JSON.stringify(r.text.slice(0, 120)),
  );
  const firstWords = expected.text.split(/\s+/).slice(0, 6).join(' ');
  console.log('  expected starts:', JSON.stringify(expected.text.slice(0, 120)));
  const walker = doc.createTreeWalker(doc.body, 4);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if ((n as Text).data.includes(firstWords.split(' ').slice(0, 3).join(' '))) {
      console.log('  expected in:', chainOf(n.parentElement));
      break;
    }
  }
}
