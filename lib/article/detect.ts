// Is this page an article? A weighted vote of cheap signals, with the reasons kept so the popup can show them.
import isProbablyReaderable from '@mozilla/readability/Readability-readerable.js';
import { jsonLdNodes, typesOf } from './json-ld';
import { ARTICLE_TYPES } from './metadata';

export interface Detection {
  isArticle: boolean;
  /** 0 (surely not) to 1 (surely an article). */
  confidence: number;
  /** Human-readable signals that decided it, strongest first. */
  reasons: string[];
}

const NON_ARTICLE_TYPES = new Set([
  'WebSite',
  'CollectionPage',
  'SearchResultsPage',
  'ProfilePage',
  'Product',
  'ProductGroup',
  'VideoObject',
  'ItemList',
  'DiscussionForumPosting',
  'QAPage',
  'FAQPage',
]);

const THRESHOLD = 0.5;

function metaContent(doc: Document, property: string): string | null {
  return (
    doc.querySelector(`meta[property="${property}" i], meta[name="${property}" i]`)?.getAttribute('content') ?? null
  );
}

function isHomePath(pageUrl: string): boolean {
  try {
    return /^\/?(?:index\.\w+)?$/.test(new URL(pageUrl).pathname);
  } catch {
    return false;
  }
}

/** Text of the paragraphs inside an element, up to `limit` characters (enough to decide). */
function paragraphChars(root: Element, limit: number): number {
  let total = 0;
  for (const paragraph of Array.from(root.querySelectorAll('p'))) {
    total += (paragraph.textContent ?? '').trim().length;
    if (total >= limit) break;
  }
  return total;
}

/** Visibility from attributes alone: no style computation, which is slow and, in some DOMs, throws. */
function isVisibleByAttributes(node: Node): boolean {
  const element = node as Element;
  if (typeof element.getAttribute !== 'function') return true;
  if (element.hasAttribute('hidden') || element.getAttribute('aria-hidden') === 'true') return false;
  return !/display\s*:\s*none|visibility\s*:\s*hidden/i.test(element.getAttribute('style') ?? '');
}

export function detectArticle(doc: Document, pageUrl: string): Detection {
  const signals: Array<[number, string]> = [];
  if (!doc.body || doc.documentElement?.namespaceURI !== 'http://www.w3.org/1999/xhtml') {
    return { isArticle: false, confidence: 0, reasons: ['not an HTML document'] };
  }
  const types = new Set(jsonLdNodes(doc).flatMap(typesOf));
  const articleType = [...types].find((type) => ARTICLE_TYPES.has(type));
  if (articleType) signals.push([0.6, `structured data declares a ${articleType}`]);
  else {
    const other = [...types].find((type) => NON_ARTICLE_TYPES.has(type) && type !== 'WebSite');
    if (other) signals.push([-0.5, `structured data declares a ${other}, not an article`]);
  }

  const ogType = metaContent(doc, 'og:type')?.trim().toLowerCase();
  if (ogType === 'article') signals.push([0.4, 'og:type is article']);
  else if (ogType && ogType !== 'website') signals.push([-0.3, `og:type is ${ogType}`]);
  if (metaContent(doc, 'article:published_time')) signals.push([0.2, 'has an article:published_time']);

  const articles = Array.from(doc.querySelectorAll('article, [itemprop="articleBody"]'));
  if (articles.length >= 3) {
    const long = articles.filter((element) => paragraphChars(element, 1500) >= 1500).length;
    if (long === 0) signals.push([-0.5, `lists ${articles.length} short <article> teasers`]);
  } else if (articles.length > 0 && articles.some((element) => paragraphChars(element, 500) >= 500)) {
    signals.push([0.3, 'has an <article> with paragraphs of text']);
  }

  if (isProbablyReaderable(doc, { visibilityChecker: isVisibleByAttributes })) {
    signals.push([0.3, 'Readability finds enough readable text']);
  } else signals.push([-0.2, 'little readable text']);

  if (isHomePath(pageUrl)) signals.push([-0.6, 'is the site’s home page']);
  if (doc.querySelector('input[type="password" i]')) signals.push([-0.4, 'asks for a password']);

  const score = signals.reduce((sum, [weight]) => sum + weight, 0);
  const confidence = Math.round(Math.min(1, Math.max(0, score)) * 100) / 100;
  return {
    isArticle: score >= THRESHOLD,
    confidence,
    reasons: signals.sort((a, b) => Math.abs(b[0]) - Math.abs(a[0])).map(([, reason]) => reason),
  };
}
