// How Lens's article detection holds when a page's markup says something else than the page. Each labelled page of an
// article set is judged as saved and again with one generic change. A page that is not an article gets the markup
// many sites put on every page: `og:type` article (as WordPress SEO plugins set it on every page), that with a
// publication date meta, a BlogPosting in JSON-LD; or three paragraphs of a site's own prose; or loses every class
// and id. An article loses its structured data and date metas, or every class and id, or its address's date, words
// and number, or all three at once (a bare article), or is moved to a query address (`/?p=4127`). Lens (as the
// content script judges a page) and Readability's `isProbablyReaderable` judge the same changed page; the figures are
// the share judged right per change, on the whole set and on each half (split by site as `npm run eval:articles`
// splits it), and the pages judged wrong. Only the query address was written beside a rule (a query that picks a
// page is not a home page's); no other rule of Lens's was written against these changes.
//
//   npm run eval:detection -- <dataset dir>
import { existsSync } from 'node:fs';
import { JSDOM, VirtualConsole } from 'jsdom';
import { isProbablyReaderable } from '@mozilla/readability';
import { describePage } from '../../lib/article/describe-page';
import { datasetCases, halfOfCase, savedPage } from './score-articles';

const datasetDir = process.argv[2];
if (!datasetDir || !existsSync(datasetDir)) {
  console.error('Usage: npm run eval:detection -- <dataset dir>');
  process.exit(2);
}

/** Changes a page; returns the address to judge it at. */
type Change = (doc: Document, url: string) => string;

const DATE = '2021-03-04T10:00:00+00:00';

function addMeta(doc: Document, property: string, content: string): void {
  const meta = doc.createElement('meta');
  meta.setAttribute('property', property);
  meta.setAttribute('content', content);
  doc.head.append(meta);
}

function addJsonLd(doc: Document, data: object): void {
  const script = doc.createElement('script');
  script.setAttribute('type', 'application/ld+json');
  script.textContent = JSON.stringify(data);
  doc.head.append(script);
}

const ogTypeArticle: Change = (doc, url) => {
  for (const meta of Array.from(doc.querySelectorAll('meta[property="og:type" i], meta[name="og:type" i]')))
    meta.remove();
  addMeta(doc, 'og:type', 'article');
  return url;
};

const noClassOrId: Change = (doc, url) => {
  for (const named of Array.from(doc.querySelectorAll('[class], [id]'))) {
    named.removeAttribute('class');
    named.removeAttribute('id');
  }
  return url;
};

/** A site's prose about itself, of the length of a short story: three paragraphs of 230–260 characters. */
const SITE_PROSE = [
  'Our team has spent more than twenty years helping customers find exactly what they need, whether that is a single replacement part or a complete set of equipment for a growing business. Every order is checked by hand before it leaves the warehouse.',
  'We believe that good service starts with listening. That is why our advisers are available six days a week by phone and chat, and why every question gets an answer from a person who knows the products, not from a script.',
  'Delivery is free on orders over a modest amount, and most parcels arrive within two working days. If something is not right, returns are simple: keep the packaging, print the label from your account and drop it at any collection point.',
];

/** Structured data and the metas that date a page or call it an article, and microdata's item attributes. */
const noStructuredData: Change = (doc, url) => {
  const metadata = doc.querySelectorAll(
    'script[type*="ld+json" i], meta[property^="og:" i], meta[name^="og:" i], meta[property^="article:" i], ' +
      'meta[name^="article:" i], meta[name*="date" i], meta[property*="date" i], meta[name^="citation_" i]',
  );
  for (const element of Array.from(metadata)) element.remove();
  for (const item of Array.from(doc.querySelectorAll('[itemprop], [itemtype], [itemscope]'))) {
    for (const name of ['itemprop', 'itemtype', 'itemscope']) item.removeAttribute(name);
  }
  return url;
};

/** A number below `range` drawn from the page's path: the same page moves to the same made-up address every run. */
function pathNumber(url: string, range: number): number {
  let hash = 0;
  for (const char of new URL(url).pathname) hash = (hash * 31 + char.charCodeAt(0)) % range;
  return hash;
}

/** The same site, at an address of no date, no words and no number: `/p/k3` (a short link's, or a new CMS's). */
const plainAddress: Change = (_doc, url) => `${new URL(url).origin}/p/${pathNumber(url, 1296).toString(36)}`;

/** The same site, at the address of a CMS without pretty links: WordPress's `/?p=4127`. */
const queryAddress: Change = (_doc, url) => `${new URL(url).origin}/?p=${1000 + pathNumber(url, 9000)}`;

const NON_ARTICLE_CHANGES: Record<string, Change> = {
  'as saved': (_doc, url) => url,
  'og:type article': ogTypeArticle,
  'og:type article and a date meta': (doc, url) => {
    ogTypeArticle(doc, url);
    addMeta(doc, 'article:published_time', DATE);
    return url;
  },
  'a BlogPosting in JSON-LD': (doc, url) => {
    addJsonLd(doc, {
      '@context': 'https://schema.org',
      '@type': 'BlogPosting',
      headline: doc.title,
      datePublished: DATE,
    });
    return url;
  },
  'three paragraphs of prose added': (doc, url) => {
    const box = doc.createElement('div');
    for (const text of SITE_PROSE) {
      const paragraph = doc.createElement('p');
      paragraph.textContent = text;
      box.append(paragraph);
    }
    (doc.querySelector('main') ?? doc.body).append(box);
    return url;
  },
  'no class or id': noClassOrId,
};

const ARTICLE_CHANGES: Record<string, Change> = {
  'as saved': (_doc, url) => url,
  'no structured data or date metas': noStructuredData,
  'no class or id': noClassOrId,
  'an address of no date, words or number': plainAddress,
  'bare: all three': (doc, url) => {
    noStructuredData(doc, url);
    noClassOrId(doc, url);
    return plainAddress(doc, url);
  },
  'a query address, /?p=4127': queryAddress,
};

interface Row {
  kind: 'non-article' | 'article';
  change: string;
  pages: number;
  lens: number;
  readability: number;
  halves: Record<'A' | 'B', { pages: number; lens: number }>;
  wrong: string[];
}

const emptyRow = (kind: Row['kind'], change: string): [string, Row] => [
  `${kind}: ${change}`,
  {
    kind,
    change,
    pages: 0,
    lens: 0,
    readability: 0,
    halves: { A: { pages: 0, lens: 0 }, B: { pages: 0, lens: 0 } },
    wrong: [],
  },
];
const rows = new Map<string, Row>([
  ...Object.keys(NON_ARTICLE_CHANGES).map((change) => emptyRow('non-article', change)),
  ...Object.keys(ARTICLE_CHANGES).map((change) => emptyRow('article', change)),
]);

const quiet = new VirtualConsole();
let cases = 0;
for (const { key, expected, dir } of datasetCases(datasetDir)) {
  if (typeof expected.isArticle !== 'boolean') continue;
  // Styles are left out (jsdom rejects some); neither check reads them.
  const html = savedPage(dir).replace(/<style\b[\s\S]*?<\/style>/gi, '');
  const half = halfOfCase(key, expected.url ?? null);
  const kind = expected.isArticle ? 'article' : 'non-article';
  const savedAt: string = expected.url ?? `https://example.com/${key}`;
  for (const [change, apply] of Object.entries(expected.isArticle ? ARTICLE_CHANGES : NON_ARTICLE_CHANGES)) {
    const dom = new JSDOM(html, { url: savedAt, virtualConsole: quiet });
    const doc = dom.window.document;
    const url = apply(doc, savedAt);
    const report = describePage(doc, url, { addressKnown: expected.url !== null });
    const lensRight = report.isArticle === expected.isArticle;
    let readabilityRight = false;
    try {
      readabilityRight = isProbablyReaderable(doc) === expected.isArticle;
    } catch {
      // A page Readability cannot judge counts as judged wrong.
    }
    const row = rows.get(`${kind}: ${change}`) as Row;
    row.pages++;
    row.lens += Number(lensRight);
    row.readability += Number(readabilityRight);
    row.halves[half].pages++;
    row.halves[half].lens += Number(lensRight);
    if (!lensRight) row.wrong.push(`${key} [${half}] ${report.confidence}: ${report.reasons.join('; ')}`);
    dom.window.close();
    await new Promise((resolve) => setImmediate(resolve)); // lets jsdom free the page (see eval-articles.ts)
  }
  cases++;
  if (process.stderr.isTTY) process.stderr.write(`\r${cases}`);
}
if (process.stderr.isTTY) process.stderr.write('\n');

const share = (right: number, pages: number) => (pages === 0 ? null : Math.round((right / pages) * 1000) / 1000);
const summary = [...rows.values()].map((row) => ({
  judged: row.kind === 'article' ? 'articles found' : 'non-articles rejected',
  change: row.change,
  pages: row.pages,
  lens: share(row.lens, row.pages),
  lensHalfA: share(row.halves.A.lens, row.halves.A.pages),
  lensHalfB: share(row.halves.B.lens, row.halves.B.pages),
  readability: share(row.readability, row.pages),
}));
console.log(`${cases} labelled pages from ${datasetDir}: detection after each change (share judged right)`);
console.table(summary);
for (const row of rows.values()) {
  if (row.wrong.length > 0) console.log(`Lens wrong on ${row.kind}s, "${row.change}":\n  ${row.wrong.join('\n  ')}`);
}
console.log(JSON.stringify({ eval: 'detection-perturbed', cases, changes: summary }));
