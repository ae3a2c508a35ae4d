// DOM clobbering: a form's named controls shadow its own properties and methods, and a document's named forms and
// images shadow its parts. The test DOM does not implement named properties, so the test shadows them the same way a
// browser does, with own properties on the instance, and checks that detection, extraction and clipping's page text
// read the same page as without them.
import { describe, expect, it } from 'vitest';
import { describePage } from '../../../lib/article/describe-page';
import { extractMainText } from '../../../lib/article/main-text';
import { pageText } from '../../../lib/clips/capture';
import { parseHtml } from '../fixtures';

const PAGE = `<!doctype html><html lang="en"><head><title>Harbour cranes run overnight | The Lakeside Ledger</title>
<meta property="og:type" content="article"><meta name="author" content="Dana Whitfield">
<link rel="canonical" href="https://www.lakesideledger.com/2026/11/21/port-cranes/"></head>
<body><form id="page" action="./"><input name="q"><article><h1>Harbour cranes run overnight</h1>
${'<p>The port let software run two of its cranes through the night shift while a single operator watched four of them from the control room, the harbour authority said on Friday, adding that the trial would last until spring. </p>'.repeat(6)}
</article></form></body></html>`;

// The real browser case, with every name, is the browser test in test/e2e/attacks.e2e.ts: the test DOM's own code
// reads parentNode, getAttribute and attributes through the instance (a browser's never does), so shadowing those
// here would break the test DOM itself.
const SHADOWED = [
  'tagName',
  'localName',
  'nodeType',
  'children',
  'childNodes',
  'firstChild',
  'nextSibling',
  'textContent',
  'closest',
  'querySelector',
  'querySelectorAll',
  'getElementsByTagName',
  'getElementsByClassName',
  'id',
  'className',
];

function clobbered(): Document {
  const doc = parseHtml(PAGE);
  const form = doc.querySelector('form') as HTMLFormElement;
  const input = form.querySelector('input') as HTMLInputElement;
  for (const name of SHADOWED) Object.defineProperty(form, name, { value: input, configurable: true });
  const image = doc.createElement('img');
  // (Not documentElement: the test DOM's own getters read it through the instance, as a browser's never do.)
  for (const name of [
    'body',
    'title',
    'head',
    'querySelector',
    'querySelectorAll',
    'getElementsByTagName',
    'getElementsByClassName',
  ])
    Object.defineProperty(doc, name, { value: image, configurable: true });
  return doc;
}

describe('reading a page whose form and document properties are shadowed by named elements', () => {
  it('the test really shadows them (as a browser would)', () => {
    const doc = clobbered();
    const form = (doc as unknown as { getElementById(id: string): HTMLElement }).getElementById('page');
    expect(typeof form.tagName).toBe('object');
    expect(typeof doc.title).toBe('object');
  });

  it('detects, extracts and reads the text exactly as on the plain page', () => {
    const plain = parseHtml(PAGE);
    const url = 'https://www.lakesideledger.com/2026/11/21/port-cranes/?ref=home';
    const expected = describePage(plain, url);
    const actual = describePage(clobbered(), url);
    expect(expected.isArticle).toBe(true);
    expect(actual).toEqual(expected);
    expect(extractMainText(clobbered()).text).toBe(extractMainText(plain).text);
    expect(pageText(clobbered()).text).toBe(pageText(plain).text);
  });
});
