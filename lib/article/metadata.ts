// Citation metadata of a page: JSON-LD first, then OpenGraph/article:*, citation_*, Dublin Core, parsely, microdata,
// and the DOM last.
import { jsonLdNodes, namesOf, textValue, typesOf, type JsonLdNode } from './json-ld';

export const ARTICLE_TYPES = new Set([
  'Article',
  'NewsArticle',
  'BlogPosting',
  'ReportageNewsArticle',
  'AnalysisNewsArticle',
  'OpinionNewsArticle',
  'ReviewNewsArticle',
  'BackgroundNewsArticle',
  'AskPublicNewsArticle',
  'SatiricalArticle',
  'LiveBlogPosting',
  'TechArticle',
  'ScholarlyArticle',
  'Report',
]);

export interface ArticleMetadata {
  url: string;
  canonicalUrl: string | null;
  ogUrl: string | null;
  title: string | null;
  siteName: string | null;
  byline: string | null;
  publishedTime: string | null;
  lang: string | null;
  description: string | null;
}

const MAX_FIELD = 2000;

function clean(text: string | null | undefined): string | null {
  const value = (text ?? '').replace(/\s+/g, ' ').trim();
  return value === '' ? null : value.slice(0, MAX_FIELD);
}

function meta(doc: Document, ...keys: string[]): string | null {
  for (const key of keys) {
    const element =
      doc.querySelector(`meta[property="${key}" i]`) ??
      doc.querySelector(`meta[name="${key}" i]`) ??
      doc.querySelector(`meta[itemprop="${key}" i]`);
    const value = clean(element?.getAttribute('content'));
    if (value) return value;
  }
  return null;
}

function absolute(href: string | null | undefined, base: string): string | null {
  if (!href) return null;
  try {
    const url = new URL(href.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** An ISO 8601 time when the text is a date, else null. */
export function isoTime(text: string | null | undefined): string | null {
  if (!text) return null;
  const time = Date.parse(text.trim());
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

export function articleNode(nodes: JsonLdNode[]): JsonLdNode | null {
  return nodes.find((node) => typesOf(node).some((type) => ARTICLE_TYPES.has(type))) ?? null;
}

function looksLikeUrl(text: string): boolean {
  return /^https?:\/\//i.test(text);
}

function bylineFromDom(doc: Document): string | null {
  const element =
    doc.querySelector('[itemprop="author"] [itemprop="name"]') ??
    doc.querySelector('[itemprop="author"]') ??
    doc.querySelector('a[rel="author"]') ??
    doc.querySelector('[class*="byline" i] [class*="author" i], [class*="byline" i]');
  const text = clean(element?.textContent);
  return text && text.length <= 200 ? text.replace(/^by\s+/i, '') : null;
}

/** Drops a " | Site" or " - Site" suffix from a document title when it names the site. */
function titleWithoutSite(title: string | null, siteName: string | null): string | null {
  if (!title || !siteName) return title;
  const parts = title.split(/\s+[|–—·-]\s+/);
  if (parts.length > 1 && parts[parts.length - 1]?.toLowerCase() === siteName.toLowerCase()) {
    return parts.slice(0, -1).join(' - ');
  }
  return title;
}

export function extractMetadata(doc: Document, pageUrl: string): ArticleMetadata {
  const article = articleNode(jsonLdNodes(doc));
  const publisher = article?.publisher;
  const siteName =
    meta(doc, 'og:site_name', 'application-name') ??
    clean(textValue(publisher)) ??
    meta(doc, 'citation_journal_title', 'DC.publisher', 'dcterms.publisher');
  const authors = article ? namesOf(article.author) : [];
  const metaAuthor = meta(
    doc,
    'author',
    'article:author',
    'parsely-author',
    'citation_author',
    'DC.creator',
    'dcterms.creator',
  );
  const byline =
    clean(authors.join(', ')) ?? (metaAuthor && !looksLikeUrl(metaAuthor) ? metaAuthor : null) ?? bylineFromDom(doc);
  const h1 = clean(doc.querySelector('article h1, main h1, h1')?.textContent);
  const title =
    clean(textValue(article?.headline)) ??
    meta(doc, 'og:title', 'twitter:title', 'citation_title', 'parsely-title', 'DC.title', 'dcterms.title') ??
    h1 ??
    titleWithoutSite(clean(doc.title), siteName);
  const publishedTime =
    isoTime(textValue(article?.datePublished)) ??
    isoTime(
      meta(
        doc,
        'article:published_time',
        'citation_publication_date',
        'citation_date',
        'parsely-pub-date',
        'DC.date',
        'dcterms.created',
        'datePublished',
      ),
    ) ??
    isoTime(doc.querySelector('article time[datetime], time[datetime]')?.getAttribute('datetime'));
  return {
    url: pageUrl,
    canonicalUrl: absolute(doc.querySelector('link[rel="canonical" i]')?.getAttribute('href'), pageUrl),
    ogUrl: absolute(meta(doc, 'og:url'), pageUrl),
    title,
    siteName: siteName ?? hostName(pageUrl),
    byline,
    publishedTime,
    lang: clean(doc.documentElement?.getAttribute('lang')) ?? meta(doc, 'og:locale', 'DC.language'),
    description: meta(doc, 'description', 'og:description', 'twitter:description'),
  };
}

function hostName(pageUrl: string): string | null {
  try {
    return new URL(pageUrl).hostname.replace(/^www\./, '') || null;
  } catch {
    return null;
  }
}
