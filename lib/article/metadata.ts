// Citation metadata of a page: JSON-LD first, then Dublin Core, OpenGraph and article:*, Twitter, parsely,
// citation_* (Highwire), microdata, and the DOM last.
import { jsonLdNodes, namesOf, resolveReferences, textValue, typesOf, type JsonLdNode } from './json-ld';
import { itemProperty, storyItem } from './microdata';
import { dateFromAddress, datelineNear } from './dateline';
import { lettersAndDigits } from '../text/letters';
import { attr, attrOf, byTag, closestOf, itemsOf, query, queryAll, rootOf, textOf, titleOf } from '../dom/safe';

/** Types that mean "this page is an article" for detection. */
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
  'AdvertiserContentArticle',
  'LiveBlogPosting',
  'TechArticle',
  'ScholarlyArticle',
  'MedicalScholarlyArticle',
  'Report',
]);

/** Types whose metadata describes the page's main text, article or not (a post, an API page). */
const TEXT_TYPES = new Set([...ARTICLE_TYPES, 'SocialMediaPosting', 'DiscussionForumPosting', 'APIReference']);

export interface ArticleMetadata {
  url: string;
  canonicalUrl: string | null;
  ogUrl: string | null;
  /** The article's url (or mainEntityOfPage) in its JSON-LD. */
  structuredUrl: string | null;
  /** `<link rel="alternate" hreflang>` addresses: the page's editions in other languages. */
  alternates: string[];
  title: string | null;
  siteName: string | null;
  byline: string | null;
  /** Authors named one by one in structured data (JSON-LD, or several author metas); empty when only a byline is. */
  authors: string[];
  publishedTime: string | null;
  modifiedTime: string | null;
  lang: string | null;
  description: string | null;
  image: string | null;
  section: string | null;
  keywords: string[];
}

const MAX_LIST = 30;

const MAX_FIELD = 2000;

function clean(text: string | null | undefined): string | null {
  const value = (text ?? '').replace(/\s+/g, ' ').trim();
  return value === '' ? null : value.slice(0, MAX_FIELD);
}

/** A meta key as Lens looks it up: Dublin Core's spellings ("DC.date", "dcterms:created") folded to one. */
export function metaKey(key: string): string {
  return key.replace(/^(dc|dcterm|dcterms)[.:]/, (_, prefix: string) => `${prefix === 'dc' ? 'dc' : 'dcterm'}:`);
}

/**
 * All <meta> values by lower-cased key; a meta may name several keys ("og:title dc:title"). Keys given as
 * `property` win over the same keys given as `name`; otherwise the first value wins. "og:article:author" also
 * answers for "article:author".
 */
function metaValues(doc: Document): { values: Map<string, string>; lists: Map<string, string[]> } {
  const byName = new Map<string, string>();
  const byProperty = new Map<string, string>();
  const lists = new Map<string, string[]>();
  const keysOf = (attribute: string | null) =>
    (attribute ?? '')
      .toLowerCase()
      .split(/\s+/)
      .filter(Boolean)
      .map(metaKey)
      .flatMap((key) => (key.startsWith('og:article:') ? [key, key.slice(3)] : [key]));
  const listed = (key: string, content: string) => {
    const list = lists.get(key) ?? [];
    if (list.length < MAX_LIST && !list.includes(content)) list.push(content);
    lists.set(key, list);
  };
  for (const element of Array.from(queryAll(doc, 'meta[content]')).slice(0, 2000)) {
    const content = clean(attr(element, 'content'));
    if (!content) continue;
    for (const key of keysOf(attr(element, 'property'))) {
      if (!byProperty.has(key)) byProperty.set(key, content);
      listed(key, content);
    }
    for (const key of [...keysOf(attr(element, 'name')), ...keysOf(attr(element, 'itemprop'))]) {
      if (!byName.has(key)) byName.set(key, content);
      listed(key, content);
    }
  }
  for (const [key, value] of byProperty) byName.set(key, value);
  return { values: byName, lists };
}

/** Every value of the metas with one of these names or properties, in document order (several authors, tags). */
function allOf(lists: Map<string, string[]>, ...keys: string[]): string[] {
  const found: string[] = [];
  for (const key of keys) for (const value of lists.get(key) ?? []) if (!found.includes(value)) found.push(value);
  return found.slice(0, MAX_LIST);
}

/** Keywords from a list, or from one comma-separated string; at most MAX_LIST, each once. */
function keywordList(values: unknown[]): string[] {
  const words: string[] = [];
  for (const value of values.slice(0, MAX_LIST)) {
    const parts = typeof value === 'string' ? value.split(',') : [textValue(value) ?? ''];
    for (const part of parts) {
      const word = clean(part)?.slice(0, 100);
      if (word && !words.some((known) => known.toLowerCase() === word.toLowerCase())) words.push(word);
    }
  }
  return words.slice(0, MAX_LIST);
}

/** An image's address: a string, an ImageObject's url, or the first of a list of either. */
function imageUrl(value: unknown, base: string): string | null {
  const first = Array.isArray(value) ? value[0] : value;
  if (typeof first === 'string') return absolute(first, base);
  if (typeof first === 'object' && first !== null) {
    const node = first as JsonLdNode;
    return imageUrl(node.url ?? node.contentUrl, base);
  }
  return null;
}

function first(values: Map<string, string>, ...keys: string[]): string | null {
  for (const key of keys) {
    const value = values.get(key);
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

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** "+05:30" → 330; "Z", "UTC", "GMT" → 0. */
function offsetMinutes(zone: string): number {
  if (/^(?:z|utc|gmt)$/i.test(zone)) return 0;
  const [, sign, hours, minutes = '0'] = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone) ?? [];
  return (sign === '-' ? -1 : 1) * (Number(hours) * 60 + Number(minutes));
}

function zoneText(minutes: number): string {
  if (minutes === 0) return 'Z';
  const size = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${pad(Math.floor(size / 60))}:${pad(size % 60)}`;
}

/**
 * The time as the page wrote it, in ISO 8601: with the page's own UTC offset when it gives one
 * ("2026-11-20T20:10:00-05:00", not the next day in UTC), without a zone when it gives none ("2026-11-19T00:00:00").
 * Either way the date part is the publisher's date, the one a citation shows. Null when the text is not a date.
 */
export function isoTime(text: string | null | undefined): string | null {
  if (!text) return null;
  const value = text.trim().slice(0, 100);
  const iso =
    /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?\s*(z|utc|gmt|[+-]\d{2}(?::?\d{2})?)?$/i.exec(
      value,
    );
  if (iso) {
    const [, year, month, day, hour = '00', minute = '00', second = '00', zone] = iso;
    const written = `${year}-${month}-${day}T${hour}:${minute}:${second}`;
    const zoneSuffix = zone === undefined ? '' : zoneText(offsetMinutes(zone));
    // Checked with a zone, so that the engine does not read it in the machine's own.
    return Number.isNaN(Date.parse(`${written}${zoneSuffix || 'Z'}`)) ? null : `${written}${zoneSuffix}`;
  }
  // Other forms ("April 28, 2019 6:01 am", "Tue, 19 Nov 2019 20:00:00 -0500") are left to the engine's parser.
  const time = Date.parse(value);
  if (Number.isNaN(time)) return null;
  const zone = /(?:^|[\s\d])(z|utc|gmt|[+-]\d{2}:?\d{2})$/i.exec(value)?.[1];
  if (zone !== undefined) {
    const minutes = offsetMinutes(zone);
    const local = new Date(time + minutes * 60_000);
    const written = `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}`;
    return `${written}${zoneText(minutes)}`;
  }
  // No zone: the engine read it in the machine's zone, so its local fields are what the page wrote.
  const local = new Date(time);
  return `${pad(local.getFullYear(), 4)}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}T${pad(local.getHours())}:${pad(local.getMinutes())}:${pad(local.getSeconds())}`;
}

export function articleNode(nodes: JsonLdNode[]): JsonLdNode | null {
  return (
    nodes.find((node) => typesOf(node).some((type) => ARTICLE_TYPES.has(type))) ??
    nodes.find((node) => typesOf(node).some((type) => TEXT_TYPES.has(type))) ??
    null
  );
}

function looksLikeUrl(text: string): boolean {
  return /^https?:\/\//i.test(text);
}

const BYLINE_HINT = /byline|author|writtenby|p-author|dateline/i;

/**
 * A byline from the page itself: an element marked as the author or the byline, preferring the first one after the
 * headline (promotions and author boxes above it belong to other stories).
 */
const MONTH = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?';
/** Where a date, a time or "Updated …" starts after the names in a byline's text. */
const DATE_START = new RegExp(
  `(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\\s*(?=${MONTH}|\\d)|(?:^|[\\s,|·•—–-]+)(?:(?:on\\s+)?${MONTH}\\s+\\d{1,2}\\b|\\d{1,2}\\.?\\s+${MONTH}|\\d{4}-\\d{2}-\\d{2}|\\d{1,2}[/.]\\d{1,2}[/.]\\d{2,4}|\\d{1,2}:\\d{2}|(?:updated|published|posted|last updated)\\b))`,
  'i',
);

/** An author that is the publisher or a desk, not a person: a company's legal form, "Staff", "Newsroom", the site. */
const ORGANISATION =
  /(?:\b(?:inc|ltd|llc|gmbh|corp|plc|limited|corporation|company|staff|newsroom|editors|editorial(?: team| board| staff)?)\.?|\bco\.|\bs\.a\.|\bk\.k\.)$/i;

/** Who the page says holds its copyright ("© 2022 Condé Nast. All rights reserved."), from its footers. */
const COPYRIGHT = /(?:©|\(c\)|copyright)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*,?\s*([^.|\n©]{2,60})/gi;

function copyrightHolders(doc: Document): string[] {
  const holders: string[] = [];
  for (const footer of itemsOf(byTag(doc, 'footer'), 5)) {
    for (const found of textOf(footer).slice(-5000).matchAll(COPYRIGHT)) {
      const holder = found[1]?.replace(/\s+/g, ' ').trim().toLowerCase();
      if (holder) holders.push(holder);
    }
  }
  return holders;
}

/**
 * The publisher as an author: a legal form, a desk, the site's own name, or who holds the page's copyright (the
 * holders are read only when the cheaper tests say nothing).
 */
function isOrganisation(
  name: string,
  siteName: string | null,
  holders: () => ReadonlyArray<string> = () => [],
): boolean {
  const text = name.trim();
  const lower = text.toLowerCase();
  return (
    ORGANISATION.test(text) ||
    (siteName !== null && lower === siteName.trim().toLowerCase()) ||
    (lower.length >= 3 && holders().some((holder) => holder.startsWith(lower)))
  );
}

/** Names, as a byline on the page gives them: no figures (a date), no label ("About the author:"), a few words. */
function looksLikePeople(text: string, siteName: string | null): boolean {
  return !/[\d:]/.test(text) && text.split(/\s+/).length <= 8 && !isOrganisation(text, siteName);
}

/** A line that asks the reader to do something ("Follow us on Twitter", "Sign up") is not a byline. */
const CALL_TO_READER =
  /^(?:follow|subscribe|sign (?:up|in)|share|e-?mail us|contact us|read more|see more|view more)\b/i;

/** Link texts in a byline that are not names ("View more articles", "Follow", "Email"). */
const NOT_A_NAME = /\b(?:articles?|stories|posts|more|view|follow|e-?mail|twitter|profile|bio)\b/i;

/**
 * The names in a byline element: its author links or microdata names when it has them ("By <a>Ana Ruiz</a> and
 * <a>Ben Okafor</a> · 3 hours ago" → "Ana Ruiz, Ben Okafor"), else its text up to a date, a time or "Updated".
 */
function bylineText(element: Element): string | null {
  const names: string[] = [];
  const linked = queryAll(
    element,
    '[itemprop~="name" i], [rel~="author" i], a[href*="/author" i], a[href*="/authors/" i], a[href*="/staff/" i], a[href*="/people/" i]',
  );
  for (const name of Array.from(linked).slice(0, 10)) {
    const text = clean(textOf(name));
    if (!text || looksLikeUrl(text) || NOT_A_NAME.test(text) || DATE_START.test(text)) continue;
    if (!names.some((known) => known.includes(text) || text.includes(known))) names.push(text);
  }
  if (names.length > 0) return names.join(', ');
  const text = clean(textOf(element));
  if (!text) return null;
  const cut = DATE_START.exec(text);
  const before = (cut ? text.slice(0, cut.index) : text).replace(/[\s,|·•—–-]+$/u, '').trim();
  // A byline that starts with its date ("18 November 2026 | By Ana Ruiz"): the names come after the separator.
  if (before === '' && cut) {
    const after = /[|·•]\s*(.+)$/u.exec(text)?.[1];
    return after ? clean(after) : text;
  }
  return before || text;
}

function bylineFromDom(doc: Document): string | null {
  const candidates = Array.from(
    queryAll(
      doc,
      '[rel~="author" i], [itemprop~="author" i], [class*="byline" i], [id*="byline" i], [class*="author" i], [class*="writtenby" i]',
    ),
  ).slice(0, 200);
  const headline = query(doc, 'article h1, main h1, h1');
  const found: Array<{ element: Element; text: string }> = [];
  for (const element of candidates) {
    if (closestOf(element, 'nav, footer, [class*="comment" i], [class*="related" i]')) continue;
    const aside = closestOf(element, 'aside');
    if (aside && !closestOf(aside, 'article')) continue;
    const names = `${attr(element, 'class') ?? ''} ${attr(element, 'id') ?? ''} ${attr(element, 'rel') ?? ''} ${attr(element, 'itemprop') ?? ''}`;
    if (!BYLINE_HINT.test(names)) continue;
    const text = bylineText(element);
    if (text && text.length < 100 && !looksLikeUrl(text) && /\p{L}/u.test(text) && !CALL_TO_READER.test(text))
      found.push({ element, text });
  }
  const afterHeadline = headline
    ? found.find(({ element }) => (headline.compareDocumentPosition(element) & 4) !== 0) // DOCUMENT_POSITION_FOLLOWING
    : undefined;
  return (afterHeadline ?? found[0])?.text ?? null;
}

const wordCount = (text: string) => text.split(/\s+/).filter(Boolean).length;

/**
 * The document title without the site's name: a title made of parts ("Story - Section - Site") loses its last part,
 * unless what is left is too short to be a headline; a "Site: Story" title keeps the story when no heading says
 * otherwise; a title too short or too long gives way to the page's only h1.
 */
export function cleanDocumentTitle(doc: Document): string | null {
  const original = clean(titleOf(doc));
  if (!original) return clean(query(doc, 'h1')?.textContent);
  let title = original;
  let hierarchical = false;
  const parts = original.split(/(\s[|\-–—\\/>»]\s)/);
  if (parts.length >= 3) {
    hierarchical = /\s[\\/>»]\s/.test(original);
    title = parts.slice(0, -2).join('');
    if (wordCount(title) < 3) title = parts.slice(2).join('');
  } else if (original.includes(': ')) {
    const headings = Array.from(queryAll(doc, 'h1, h2')).map((heading) => clean(textOf(heading)));
    if (!headings.includes(original)) {
      const last = original.slice(original.lastIndexOf(':') + 1).trim();
      const head = original.slice(0, original.indexOf(':'));
      title = wordCount(last) >= 3 ? last : original.slice(original.indexOf(':') + 1).trim();
      if (wordCount(last) >= 3 && wordCount(head) > 5) title = original;
    }
  } else if (original.length > 150 || original.length < 15) {
    const h1s = queryAll(doc, 'h1');
    if (h1s.length === 1) title = clean(h1s[0]?.textContent) ?? original;
  }
  title = title.replace(/\s+/g, ' ').trim();
  const words = wordCount(title);
  if (words <= 4 && (!hierarchical || words !== wordCount(original.replace(/[|\-–—\\/>»]+/g, '')) - 1))
    title = original;
  return title || original;
}

/**
 * Between a headline and the site's name or section in a title: "|", dashes, "_", "·", a full-width colon. (A plain
 * colon is left alone: headlines use it themselves, "'What is the sea telling us?': Māori tribes…".)
 */
const SEPARATORS = '[|\\-–—：_·•»«/]';
const SEPARATOR_AFTER = new RegExp(`^\\s*${SEPARATORS}`, 'u');
const SEPARATOR_BEFORE = new RegExp(`${SEPARATORS}\\s*$`, 'u');

const foldQuotes = (text: string) => text.replace(/[‘’‚‛′]/g, "'").replace(/[“”„‟″]/g, '"');

/**
 * A declared title that is the page's headline plus the site's name or a section ("Story | Site", "Opinion | Story",
 * "Story：Site") becomes the headline itself, when the page's headline (its h1) is that part of it.
 */
function withoutSiteParts(title: string, headline: string | null): string {
  if (!headline || headline.length < title.length * 0.4 || headline.length < 8) return title;
  // Compared with quotes folded: a title often has straight quotes where the headline has curly ones.
  const whole = foldQuotes(title.toLowerCase());
  const head = foldQuotes(headline.toLowerCase());
  if (whole === head) return title;
  if (whole.startsWith(head) && SEPARATOR_AFTER.test(whole.slice(head.length))) return headline;
  if (whole.endsWith(head) && SEPARATOR_BEFORE.test(whole.slice(0, whole.length - head.length))) return headline;
  return title;
}

/**
 * The story's headline on the page: the first h1 with text, in the article or main element if there is one (an empty
 * h1 often holds the site's logo).
 */
function pageHeadline(doc: Document): string | null {
  return (
    [...queryAll(doc, 'article h1, main h1'), ...queryAll(doc, 'h1')]
      .slice(0, 20)
      .map((h1) => clean(textOf(h1)))
      .find((text) => text !== null) ?? null
  );
}

/** Words, and each Han, kana or hangul character on its own (those scripts do not space their words). */
const titleWords = (text: string) =>
  new Set(
    text.toLowerCase().match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]|[\p{L}\p{N}]+/gu),
  );

/**
 * The headline the reader sees, when the declared title (og:title, JSON-LD) is a shortened cut of it: a social title
 * drops words ("…Tags on Her Coat" for the h1's "…Tags on Her Céline Coat: 'I Wore It Four Times…'"), so a longer
 * h1 that holds nearly every word of the declared title is the fuller headline. A reworded or shorter h1 (a display
 * line, a section's name, the site's logo) leaves the declared title as it is.
 */
function headlineOverDeclared(title: string, headline: string | null): string {
  if (!headline || headline === title) return title;
  const inTitle = titleWords(title);
  const inHeadline = titleWords(headline);
  if (inHeadline.size <= inTitle.size) return title;
  let kept = 0;
  for (const word of inTitle) if (inHeadline.has(word)) kept++;
  return kept >= inTitle.size * KEPT_IN_HEADLINE ? headline : title;
}
/** The share of the declared title's words the longer h1 must hold. */
const KEPT_IN_HEADLINE = 0.8;

/**
 * A JSON-LD node's headline or name: when both are given and differ, the one the document's title contains. A name
 * that is the site's own name (some sites put it there) is never the title.
 */
function jsonLdTitle(article: JsonLdNode | null, doc: Document, siteName: string | null): string | null {
  const headline = clean(textValue(article?.headline));
  let name = clean(textValue(article?.name));
  if (name && siteName && name.toLowerCase() === siteName.toLowerCase()) name = null;
  if (headline && name && headline !== name) {
    const title = (titleOf(doc) ?? '').toLowerCase();
    return title.includes(name.toLowerCase()) && !title.includes(headline.toLowerCase()) ? name : headline;
  }
  return headline ?? name;
}

/** Where a page's publication date is read, in order: structured data, metas, microdata, the page, the address. */
export function publishedFrom(
  doc: Document,
  pageUrl: string,
  article: JsonLdNode | null,
  meta: (...keys: string[]) => string | null,
  fromItem: (property: string) => string | null,
): string | null {
  return (
    isoTime(textValue(article?.datePublished)) ??
    isoTime(
      meta(
        'article:published_time',
        'parsely-pub-date',
        'citation_publication_date',
        'citation_date',
        'dc:date',
        'dcterm:created',
        'dcterm:date',
        'datepublished',
        'date',
        'pubdate',
        'publish-date',
        'sailthru.date',
        'og:published_time',
      ),
    ) ??
    isoTime(fromItem('datePublished')) ??
    isoTime(
      attrOf(query(doc, 'article time[datetime], time[itemprop~="datePublished" i], time[pubdate]'), 'datetime'),
    ) ??
    isoTime(dateFromAddress(pageUrl)) ??
    isoTime(datelineNear(doc))
  );
}

/** A reader of the page's one story in microdata, for what JSON-LD and the metas leave out. */
export function storyReader(doc: Document): (property: string) => string | null {
  const item = storyItem(doc);
  return (property) => (item ? itemProperty(item, property) : null);
}

export function extractMetadata(doc: Document, pageUrl: string): ArticleMetadata {
  const nodes = jsonLdNodes(doc);
  const article = articleNode(nodes);
  const { values, lists } = metaValues(doc);
  const publisherName =
    clean(textValue(resolveReferences(article?.publisher, nodes))) ??
    clean(textValue(nodes.find((node) => typesOf(node).includes('WebSite'))?.name));
  const siteName =
    publisherName ??
    first(values, 'og:site_name', 'application-name', 'citation_journal_title', 'dc:publisher', 'dcterm:publisher');
  const notUrl = (value: string | null) => (value && !looksLikeUrl(value) ? value : null);
  const structuredAuthors = article
    ? namesOf(resolveReferences(article.author, nodes)).filter((name) => !looksLikeUrl(name))
    : [];
  const metaAuthors = allOf(lists, 'citation_author', 'article:author', 'author').filter((name) => !looksLikeUrl(name));
  let read: string[] | null = null;
  const holders = () => (read ??= copyrightHolders(doc));
  const listed = (structuredAuthors.length > 0 ? structuredAuthors : metaAuthors.length > 1 ? metaAuthors : [])
    .map((name) => clean(name)?.slice(0, 300) ?? '')
    .filter(Boolean)
    .slice(0, 20);
  // The publisher listed beside the writers is not one of the authors.
  const people = listed.filter((name) => !isOrganisation(name, siteName, holders));
  const authors = people.length > 0 ? people : listed;
  // An author given as the publisher itself ("mediagene Inc.", "Staff", the copyright holder) gives way to a person
  // the metadata names elsewhere (a generic `author` meta often names the publisher, `article:author` the writer),
  // or else to a person named on the page.
  const candidates = [
    clean(structuredAuthors.join(', ')),
    notUrl(first(values, 'dc:creator', 'dcterm:creator', 'author', 'parsely-author')),
    notUrl(first(values, 'article:author', 'citation_author', 'sailthru.author', 'byl')),
  ].filter((name): name is string => name !== null);
  const declared = candidates.find((name) => !isOrganisation(name, siteName, holders)) ?? candidates[0] ?? null;
  const onPage = declared === null || isOrganisation(declared, siteName, holders) ? bylineFromDom(doc) : null;
  const byline = declared === null ? onPage : onPage !== null && looksLikePeople(onPage, siteName) ? onPage : declared;
  const fromItem = storyReader(doc);
  const jsonTitle = jsonLdTitle(article, doc, siteName);
  const declaredTitle =
    jsonTitle ??
    first(
      values,
      'dc:title',
      'dcterm:title',
      'og:title',
      'weibo:article:title',
      'weibo:webpage:title',
      'title',
      'twitter:title',
      'parsely-title',
      'citation_title',
    ) ??
    fromItem('headline') ??
    cleanDocumentTitle(doc);
  const headline = pageHeadline(doc);
  const title =
    declaredTitle === null ? null : headlineOverDeclared(withoutSiteParts(declaredTitle, headline), headline);
  const publishedTime = publishedFrom(doc, pageUrl, article, (...keys) => first(values, ...keys), fromItem);
  const modifiedTime =
    isoTime(textValue(article?.dateModified)) ??
    isoTime(first(values, 'article:modified_time', 'og:updated_time', 'dcterm:modified', 'last-modified')) ??
    isoTime(fromItem('dateModified'));
  const section =
    clean(textValue(article?.articleSection))?.slice(0, 200) ??
    first(values, 'article:section', 'parsely-section', 'section')?.slice(0, 200) ??
    fromItem('articleSection')?.slice(0, 200) ??
    null;
  const keywords = keywordList(
    Array.isArray(article?.keywords)
      ? article.keywords
      : article?.keywords !== undefined
        ? [article.keywords]
        : [
            ...allOf(lists, 'article:tag'),
            ...[
              first(values, 'keywords', 'news_keywords', 'parsely-tags', 'citation_keywords') ?? fromItem('keywords'),
            ].filter(Boolean),
          ],
  );
  return {
    url: pageUrl,
    canonicalUrl: absolute(query(doc, 'link[rel~="canonical" i]')?.getAttribute('href'), pageUrl),
    ogUrl: absolute(first(values, 'og:url'), pageUrl),
    structuredUrl: absolute(structuredUrlOf(article?.url) ?? structuredUrlOf(article?.mainEntityOfPage), pageUrl),
    alternates: alternatesOf(doc, pageUrl),
    title,
    siteName: siteName ?? siteFromTitle(doc, pageUrl) ?? hostName(pageUrl),
    byline,
    authors,
    publishedTime,
    modifiedTime,
    lang: clean(rootOf(doc)?.getAttribute('lang')) ?? first(values, 'og:locale', 'dc:language'),
    description: first(values, 'description', 'og:description', 'twitter:description', 'dc:description'),
    image:
      imageUrl(resolveReferences(article?.image, nodes), pageUrl) ??
      absolute(first(values, 'og:image', 'og:image:url', 'twitter:image', 'twitter:image:src'), pageUrl) ??
      absolute(fromItem('image'), pageUrl),
    section,
    keywords,
  };
}

/** A JSON-LD url value: a string, or a node with `@id` or `url` (mainEntityOfPage is often a WebPage node). */
function structuredUrlOf(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return structuredUrlOf(value[0]);
  if (typeof value === 'object' && value !== null) {
    const node = value as Record<string, unknown>;
    return typeof node['@id'] === 'string' ? node['@id'] : typeof node.url === 'string' ? node.url : null;
  }
  return null;
}

function alternatesOf(doc: Document, pageUrl: string): string[] {
  const urls: string[] = [];
  for (const link of Array.from(queryAll(doc, 'link[rel~="alternate" i][hreflang]')).slice(0, 60)) {
    const url = absolute(attr(link, 'href'), pageUrl);
    if (url && /^https?:/i.test(url) && url.length <= 4096 && !urls.includes(url)) urls.push(url);
    if (urls.length === MAX_LIST) break;
  }
  return urls;
}

/**
 * The site's name as the document title gives it after a separator ("Story | The Lakeside Ledger"), when that part
 * is short and reads like the address ("thelakesideledger" holds "lakesideledger" of lakesideledger.com), so a
 * section name or the end of a headline is never taken for it.
 */
const GENERIC_LABEL = new Set(['com', 'org', 'net', 'gov', 'edu', 'www', 'news', 'blog', 'blogs', 'web']);

function siteFromTitle(doc: Document, pageUrl: string): string | null {
  const title = clean(titleOf(doc));
  const host = hostName(pageUrl);
  if (!title || !host) return null;
  const parts = title.split(/\s[|\-–—·•:]\s/);
  // The address's own words: "bbc" of www.bbc.co.uk, "lakesideledger" of lakesideledger.com.
  const labels = host
    .split('.')
    .slice(0, -1)
    .map(lettersAndDigits)
    .filter((label) => label.length >= 3 && !GENERIC_LABEL.has(label));
  if (parts.length < 2 || labels.length === 0) return null;
  for (const part of [parts[parts.length - 1], parts[0]]) {
    const name = clean(part);
    // A name, not an address ("www.site.ru") or a headline's end ("site at the 2018 fair").
    if (!name || wordCount(name) > 5 || /^\S+\.\S+$/.test(name) || /\d{4}/.test(name)) continue;
    const squeezed = lettersAndDigits(name);
    const alike = (label: string) =>
      (squeezed.includes(label) && squeezed.length <= label.length * 2.5) ||
      (squeezed.length >= 4 && label.includes(squeezed));
    if (labels.some(alike)) return name;
  }
  return null;
}

function hostName(pageUrl: string): string | null {
  try {
    return new URL(pageUrl).hostname.replace(/^www\./, '') || null;
  } catch {
    return null;
  }
}
