// Is this page an article? A weighted vote of cheap signals (structured data, meta tags, the shape of the page, how
// much running prose it has), with the reasons kept so that the popup can show them. Runs on every page: it reads
// attributes and paragraph lengths only, never computed styles or layout.
import { runNow, type Steps } from './steps';
import { jsonLdNodes, typesOf } from './json-ld';
import { ARTICLE_TYPES, articleNode, metaKey, publishedFrom, storyReader } from './metadata';
import { hiddenByMarkup } from './hidden';
import { COMMENTS_HEADING } from './main-text';
import { microdataTypes } from './microdata';
import {
  attr,
  bodyOf,
  byClass,
  byTag,
  closestOf,
  firstByTag,
  hasAttr,
  itemsOf,
  parentOf,
  query,
  queryAll,
  rootOf,
  tagOf,
  textOf,
  titleOf,
} from '../dom/safe';

export interface Detection {
  isArticle: boolean;
  /** 0 (surely not) to 1 (surely an article). */
  confidence: number;
  /** Human-readable signals that decided it, strongest first. */
  reasons: string[];
}

/** Structured-data types of pages that are not articles. */
const NON_ARTICLE_TYPES = new Set([
  'CollectionPage',
  'SearchResultsPage',
  'ProfilePage',
  'Product',
  'ProductGroup',
  'Offer',
  'VideoObject',
  'ItemList',
  'DiscussionForumPosting',
  'QAPage',
  'FAQPage',
  'CheckoutPage',
  'ContactPage',
  'JobPosting',
  'Event',
  'Course',
  'SoftwareApplication',
  'MobileApplication',
  'WebApplication',
  'RealEstateListing',
  'Movie',
  'Hotel',
  'Restaurant',
  'LocalBusiness',
  'Recipe',
  'ItemPage',
  'AboutPage',
  'Book',
  'Dataset',
  'MusicGroup',
  'MusicEvent',
  'MusicAlbum',
  'MusicRecording',
  'MusicPlaylist',
  'PodcastEpisode',
  'PodcastSeries',
  'TVSeries',
  'TVEpisode',
  'Store',
]);
const NON_ARTICLE_OG =
  /^(?:product(?:\.\w+)?|video(?:\.\w+)?|profile|music(?:\.\w+)?|book|place|business\.business|restaurant(?:\.\w+)?)$/;
const THRESHOLD = 0.3;
/** Stop measuring prose once it is clearly an article's worth. */
const PROSE_ENOUGH = 80;
const ERROR_TEXT =
  /\b(?:404|page not found|not found|no longer available|something went wrong|access denied|error \d{3})\b/i;
/** "/", "/index.html", "/home", and a language's home: "/en/", "/pt-br/", "/de/index.html". */
const HOME_PATH = /^\/?(?:[a-z]{2}(?:[-_][a-z]{2})?\/?)?(?:index\.\w+|home(?:\.\w+)?\/?)?$/i;
/**
 * Query parameters that leave a home page a home page: tracking, language and format. Any other picks a page
 * (WordPress's `/?p=123`, Joomla's `/index.php?option=com_content&id=12`, a search's `/?q=`).
 */
const HOME_QUERY =
  /^(?:utm_\w+|ref|source|src|from|fbclid|gclid|msclkid|mc_cid|mc_eid|lang|hl|locale|amp|outputType)$/i;
/** A site's pages about itself: about, contact and legal pages, by the words sites use for them in a few languages. */
const ABOUT_PATH =
  /(?:^|\/)(?:about|about-us|who-we-are|uber-uns|ueber-uns|über-uns|a-propos|quienes-somos|chi-siamo|over-ons|impressum|imprint|legal|legal-notice|privacy|privacy-policy|terms|terms-of-service|terms-of-use|contact|contact-us|kontakt)(?:\.[a-z]+)?(?:\/|$)/i;
const DOCS_PATH = /\/(?:docs?|documentation|reference|manual|api)(?:\/|$)/i;
/** Sites that hold documentation or a wiki by their host name: docs.example.com, wiki.example.org, help.…, support.… */
const DOCS_HOST = /^(?:docs|wiki|help|support)\./i;
/** A single post on a social network: /user/status/123… (Twitter, X, GNU social), /@user/123… (Mastodon). */
const SOCIAL_POST_PATH = /\/status(?:es)?\/\d{6,}(?:[/?]|$)|^\/@[^/]+\/\d{6,}(?:[/?]|$)/i;
/**
 * A story's address: a date, a path part of four or more words, or an article number (five digits or more, or four
 * standing alone as a path part or a query value: `/archives/2562`, `?idx=8576`; not `/2019kansai/`).
 */
const STORY_ADDRESS =
  /(?:19|20)\d\d[-/]?[01]?\d[-/]?[0-3]?\d|\/(?:[^/?#]+[-_+]){3}[^/?#]+|[=/]\d{4,}(?=[&/.?#]|$)|\d{5,}/;
const SEARCH_PATH = /\/search(?:\/|$)|[?&](?:q|query|s|search)=/i;

/**
 * The page's meta tags, by property or name (lower-cased), the first of each: one pass over the meta elements, where
 * a selector query per tag walks the whole page for each tag a page lacks.
 */
function metaTags(doc: Document): Map<string, string | null> {
  const tags = new Map<string, string | null>();
  for (const meta of itemsOf(byTag(doc, 'meta'), MAX_METAS)) {
    for (const key of [attr(meta, 'property'), attr(meta, 'name')]) {
      const name = key && metaKey(key.trim().toLowerCase());
      if (name && !tags.has(name)) tags.set(name, attr(meta, 'content'));
    }
  }
  return tags;
}

/**
 * The page's host, and its path with its query (and its route, in a single-page app that routes by the hash:
 * `/#/news/12`, `/#!/story/12`); whether that is a home page's address.
 */
function addressOf(pageUrl: string): { host: string; path: string; home: boolean } {
  try {
    const url = new URL(pageUrl);
    const route = /^#!?\//.test(url.hash) ? url.hash : '';
    const home =
      route === '' &&
      HOME_PATH.test(url.pathname) &&
      url.search
        .slice(1)
        .split('&')
        .every((pair) => pair === '' || HOME_QUERY.test(pair.split('=')[0] ?? ''));
    return { host: url.hostname, path: `${url.pathname}${url.search}${route}`, home };
  } catch {
    return { host: '', path: '', home: false };
  }
}

function decodedPath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

const OUTSIDE_PROSE = new Set(['NAV', 'ASIDE', 'FOOTER', 'HEADER']);
/** What a form holds when it wraps the page itself (ASP.NET and other server frameworks put the whole page in one). */
const PAGE_IN_FORM = 'article, main, h1, [itemprop~="articleBody" i], [role="main"]';

/** Whether an element itself hides what it holds, or holds what is not the page's prose (navigation, forms…). */
function shutsOut(element: Element, leaveOut: ReadonlySet<Element>): boolean {
  const tag = tagOf(element).toUpperCase();
  return (
    OUTSIDE_PROSE.has(tag) ||
    (tag === 'FORM' && query(element, PAGE_IN_FORM) === null) ||
    leaveOut.has(element) ||
    hiddenByMarkup(element)
  );
}

/**
 * Running prose: each paragraph of 140 characters or more adds the square root of what it has beyond 140, so a few
 * long paragraphs count for more than many short ones (the idea behind Readability's readerable check).
 */
export function proseScore(doc: Document, leaveOut: ReadonlySet<Element> = new Set()): number {
  return runNow(proseSteps(doc, leaveOut));
}

/** Han, kana and hangul: one such character carries about what three letters of a European language do. */
const CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]/g;
const CJK_WEIGHT = 3;

/**
 * A paragraph's length for the prose measure, in European-letter equivalents: a short Japanese or Chinese news item
 * says as much in 100 characters as an English one in 300, and must count as much.
 */
export function proseLength(text: string): number {
  if (text.length * CJK_WEIGHT < 140) return text.length;
  const cjk = text.match(CJK)?.length ?? 0;
  return text.length + (CJK_WEIGHT - 1) * cjk;
}

/** How often the long loops offer to pause (see steps.ts): cheap, and a few milliseconds apart on any page. */
const STEP_EVERY = 256;

/** Tags whose elements may hold a paragraph of prose, read through their live collections, paragraphs first. */
const PROSE_TAGS = ['p', 'pre', 'li', 'td'];
/** How many elements of each such tag the prose measure reads at most: bounded on a page that keeps growing. */
const MAX_OF_TAG = 200_000;
/** How many meta elements are read for detection's meta tags. */
const MAX_METAS = 2_000;

/**
 * Where running prose may be: paragraphs, preformatted text, list items and cells (by tag, read lazily, so that an
 * article's paragraphs end the measure before the rest of the page is walked), then the divisions of an article or
 * of a declared article body, and the containers of <br>-separated text.
 */
function* proseCandidates(doc: Document): Generator<Element> {
  for (const tag of PROSE_TAGS) yield* itemsOf(byTag(doc, tag), MAX_OF_TAG);
  const divisions = new Set<Element>(queryAll(doc, 'article > div, [itemprop~="articleBody" i] > div'));
  for (const br of queryAll(doc, 'div > br').slice(0, 500)) {
    const parent = parentOf(br);
    if (parent) divisions.add(parent);
  }
  yield* divisions;
}

function* proseSteps(doc: Document, leaveOut: ReadonlySet<Element>): Steps<number> {
  let score = 0;
  // Whether each element seen is inside something that shuts it out: every ancestor is looked at once per call.
  const shut = new Map<Element, boolean>();
  const isShutOut = (element: Element): boolean => {
    const path: Element[] = [];
    let result = false;
    for (let node: Element | null = element; node !== null; node = parentOf(node)) {
      const known = shut.get(node);
      if (known !== undefined) {
        result = known;
        break;
      }
      path.push(node);
      if (shutsOut(node, leaveOut)) {
        result = true;
        break;
      }
    }
    for (const node of path) shut.set(node, result);
    return result;
  };
  let seen = 0;
  for (const element of proseCandidates(doc)) {
    if (++seen % STEP_EVERY === 0) yield;
    // The length first: most candidates are short, and for them the walk up the ancestors is not needed.
    const length = proseLength(textOf(element).trim());
    if (length < 140 || isShutOut(element)) continue;
    if (tagOf(element) === 'LI' || tagOf(element) === 'TD') {
      let linked = 0;
      for (const link of Array.from(queryAll(element, 'a'))) linked += textOf(link).length;
      if (linked / length > 0.3) continue;
    }
    score += Math.sqrt(length - 140);
    if (score >= PROSE_ENOUGH) break;
  }
  return score;
}

/**
 * Teaser cards: each heading (h2, h3) that is a link to another page of the same site, with the largest container
 * around it that holds no other such heading. A listing is made of them; an article has at most a few, after its own
 * text.
 */
function teaserCards(doc: Document, all: ReadonlyArray<Element>, pageUrl: string): Set<Element> {
  let page: URL;
  try {
    page = new URL(pageUrl);
  } catch {
    return new Set();
  }
  const headings: Element[] = [];
  for (let index = 0; index < all.length && index < 300; index++) {
    const heading = all[index] as Element;
    const link = query(heading, 'a[href]');
    if (!link) continue;
    const linkText = textOf(link).trim().length;
    if (linkText === 0 || linkText < textOf(heading).trim().length * 0.8) continue;
    let target: URL;
    try {
      target = new URL(attr(link, 'href') ?? '', page);
    } catch {
      continue;
    }
    if (target.host === page.host && target.pathname !== page.pathname) headings.push(heading);
  }
  if (headings.length < 4) return new Set();
  const body = bodyOf(doc);
  const count = new Map<Element, number>();
  for (const heading of headings)
    for (let node = parentOf(heading); node !== null && node !== body; node = parentOf(node))
      count.set(node, (count.get(node) ?? 0) + 1);
  const cards = new Set<Element>();
  for (const heading of headings) {
    let card = heading;
    for (let up = parentOf(card); up !== null && up !== body && count.get(up) === 1; up = parentOf(up)) card = up;
    cards.add(card);
  }
  return cards;
}

/**
 * Teasers: headline links that lead elsewhere, as on home, section and tag pages — the links in an h2 or h3 inside an
 * article or a list item, the links that are an h2's or h3's own child, and the links of a `.story-list`.
 */
function teaserCount(doc: Document, headings: ReadonlyArray<Element>): number {
  const links = new Set<Element>();
  for (const heading of headings) {
    const headingLinks = byTag(heading, 'a');
    if (headingLinks[0] === undefined) continue;
    // (Most headings hold no link: the walk up to an article or list item is made only for those that do.)
    const parent = parentOf(heading);
    const listed = parent !== null && closestOf(parent, 'article, li') !== null;
    for (const link of itemsOf(headingLinks)) {
      if (listed || (parentOf(link) === heading && hasAttr(link, 'href'))) links.add(link);
    }
  }
  for (const list of itemsOf(byClass(doc, 'story-list'), 100)) {
    for (const link of itemsOf(byTag(list, 'a'), 1_000)) links.add(link);
  }
  return links.size;
}

const CALL_TO_ACTION =
  /^(?:learn more|find out more|read more about|download|get started|get it now|sign up|try (?:it|now|for free)|buy now|shop now|start (?:your )?free trial|see (?:all )?(?:features|plans|pricing))\b/i;

/**
 * The buttons under each post of a discussion ("Quote", "Reply", "Report"). "Report" alone is no discussion's: the
 * posts a story embeds (a social network's) carry it too.
 */
const POST_CONTROL = /^(?:quote|reply|report|multi-?quote|reply with quote)$/i;
const ANSWER_CONTROL = /quote|reply/i;
const FORUM_PATH =
  /\/(?:forums?|viewtopic\.php|showthread\.php|threads?|topics?|discussions?|comments)(?:[/?]|$)|\/t\/[^/]+\/\d+/i;

/**
 * Links and buttons whose text is a call to action, and those that are a discussion post's controls outside readers'
 * comments (an article's comments have "Reply" links too: they are what follows a heading that says so, or what a
 * class or id names so), none unless one of them answers (quotes or replies); each counted up to 20.
 */
function controlCounts(doc: Document): { calls: number; postControls: number } {
  let calls = 0;
  let postControls = 0;
  let answers = false;
  let inComments = false;
  // As the main text reads them: a comments heading counts after the headline (a "Recent comments" box above it is
  // the site's).
  let pastHeadline = firstByTag(doc, 'h1') === null;
  const candidates = queryAll(doc, 'a, button, h1, h2, h3, h4, h5, h6');
  for (let index = 0; index < candidates.length && index < 3000; index++) {
    const element = candidates[index] as Element;
    const tag = tagOf(element).toUpperCase();
    if (tag === 'H1') pastHeadline = true;
    const text = textOf(element).replace(/\s+/g, ' ').trim();
    if (text.length === 0 || text.length >= 80) continue;
    if (/^H[1-6]$/.test(tag)) {
      inComments ||= pastHeadline && COMMENTS_HEADING.test(text);
      continue;
    }
    if (calls < 20 && CALL_TO_ACTION.test(text)) calls++;
    else if (
      postControls < 20 &&
      !inComments &&
      POST_CONTROL.test(text) &&
      !closestOf(element, '[id*="comment" i], [class*="comment" i]')
    ) {
      postControls++;
      answers ||= ANSWER_CONTROL.test(text);
    }
  }
  return { calls, postControls: answers ? postControls : 0 };
}

export interface DetectOptions {
  /** False when the page's real address is not known (a saved page): what the address says is then left out. */
  addressKnown?: boolean;
  /** The page's publication date when the caller has read its metadata already (null: it has none). */
  publishedTime?: string | null;
}

export function detectArticle(doc: Document, pageUrl: string, options: DetectOptions = {}): Detection {
  return runNow(detectSteps(doc, pageUrl, options));
}

/** `detectArticle` in steps, pausing between its passes over the page (and within the long ones). */
export function* detectSteps(doc: Document, pageUrl: string, options: DetectOptions = {}): Steps<Detection> {
  const signals: Array<[number, string]> = [];
  if (!bodyOf(doc) || rootOf(doc)?.namespaceURI !== 'http://www.w3.org/1999/xhtml') {
    return { isArticle: false, confidence: 0, reasons: ['not an HTML document'] };
  }
  if (!/^https?:/i.test(pageUrl)) return { isArticle: false, confidence: 0, reasons: ['not a web page'] };

  const nodes = jsonLdNodes(doc);
  const types = new Set([...nodes.flatMap(typesOf), ...microdataTypes(doc)]);
  const articleType = [...types].find((type) => ARTICLE_TYPES.has(type));
  const otherType = [...types].find((type) => NON_ARTICLE_TYPES.has(type));
  if (articleType) signals.push([0.6, `structured data declares a ${articleType}`]);
  else if (otherType) signals.push([-0.6, `structured data declares a ${otherType}, not an article`]);

  // What the address says the page is. Said before og:type, which many sites set to "article" on every page: an
  // address that says the page is something else (a home, about or legal page, a social post, a docs site) outweighs it.
  const { host, path, home } = addressOf(pageUrl);
  const addressSays: Array<[number, string]> = [];
  if (home) addressSays.push([-0.7, 'is the site’s home page']);
  else if (ABOUT_PATH.test(decodedPath(path))) addressSays.push([-0.7, 'is an about, contact or legal page']);
  else if (SOCIAL_POST_PATH.test(path)) addressSays.push([-0.6, 'is a post on a social network']);
  if (DOCS_HOST.test(host) && !articleType) addressSays.push([-0.5, 'is on a documentation or wiki site']);
  signals.push(...addressSays);
  const metas = metaTags(doc);
  const meta = (name: string) => metas.get(name) ?? null;
  const metaOf = (...names: string[]) => names.map(meta).find((value) => value) ?? null;
  // An article's address mostly carries its date, its title's words or its number; a page whose address has none of
  // them and that shows no publication date anywhere is a product, service, landing or about page far more often.
  // Such a page's og:type "article" is the site's default, like a home page's. (The date is read as the metadata
  // reads it, from the metas and structured data already at hand; the content script passes the one it has read.)
  const undated =
    options.addressKnown !== false &&
    addressSays.length === 0 &&
    !STORY_ADDRESS.test(decodedPath(path)) &&
    (options.publishedTime === undefined
      ? publishedFrom(doc, pageUrl, articleNode(nodes), metaOf, storyReader(doc))
      : options.publishedTime) === null;
  if (undated) signals.push([-0.4, 'neither its address nor the page gives a date, and the address names no story']);

  const ogType = meta('og:type')?.trim().toLowerCase();
  if (ogType === 'article') {
    if (articleType || (addressSays.length === 0 && !undated)) signals.push([0.4, 'og:type is article']);
  } else if (ogType && NON_ARTICLE_OG.test(ogType)) signals.push([-0.5, `og:type is ${ogType}`]);
  const published = meta('article:published_time');
  if (published || meta('citation_publication_date')) {
    signals.push([0.2, 'has a publication date in its metadata']);
  }

  yield;
  const prose = yield* proseSteps(doc, new Set());
  yield;
  if (prose >= 50) signals.push([0.55, 'has plenty of running prose']);
  else if (prose >= 20) signals.push([0.35, 'has some running prose']);
  else if (prose < 8) signals.push([-0.3, 'has little running prose']);

  const headings = queryAll(doc, 'h2, h3');
  const teasers = teaserCount(doc, headings);
  yield;
  // Prose outside the teaser cards is the page's own: a listing with long excerpts (a blog's archive) has none, an
  // article followed by related stories has its story.
  const cards = prose >= 20 || teasers >= 4 ? teaserCards(doc, headings, pageUrl) : new Set<Element>();
  yield;
  const ownProse = cards.size >= 4 ? yield* proseSteps(doc, cards) : prose;
  yield;
  if (prose >= 20 && cards.size >= 4 && ownProse < 20) {
    signals.push([-0.8, `its prose is in ${cards.size} teasers of other pages`]);
  } else if (teasers >= 4 && prose < 50) {
    // Related-story lists sit under articles too: headlines count against a page only when it has little prose of
    // its own, or when its teasers hold more prose than the rest of it.
    const ownText = cards.size >= 4 && ownProse >= 8 && ownProse >= prose - ownProse;
    if (!ownText) signals.push([-0.5, `lists ${teasers} headlines that link elsewhere`]);
  }
  if (SEARCH_PATH.test(path) && query(doc, 'input[type="search" i], [role="search"]')) {
    signals.push([-0.6, 'is a search results page']);
  }
  // A sign-in box in a hidden modal sits on many article pages; a sign-in page has little else.
  if (prose < 20 && query(doc, 'input[type="password" i]')) signals.push([-0.6, 'asks for a password']);
  const h1 = query(doc, 'h1');
  const heading = `${titleOf(doc)} ${h1 ? textOf(h1) : ''}`;
  if (ERROR_TEXT.test(heading)) signals.push([-0.8, 'looks like an error page']);
  if (addressSays.length === 0 && DOCS_PATH.test(path) && !articleType && !published) {
    signals.push([-0.4, 'is a documentation page']);
  }
  // Landing and product pages sell with a call to action under every blurb; an article seldom has more than one or two.
  const hasArticleMetadata = Boolean(articleType) || ogType === 'article' || Boolean(published);
  if (!hasArticleMetadata) {
    yield;
    const { calls, postControls } = controlCounts(doc);
    yield;
    if (calls >= 4 && prose < 50) signals.push([-0.4, `has ${calls} calls to action (“Learn more”, “Download”…)`]);
    // A discussion: posts by several people, each with its own Quote / Reply / Report buttons.
    if (postControls >= 3) signals.push([-0.6, `is a discussion (${postControls} quote and reply buttons)`]);
    else if (FORUM_PATH.test(path)) signals.push([-0.4, 'its address is a forum’s']);
  }
  if (prose < 20 && query(doc, 'video, [class*="player" i] iframe')) signals.push([-0.3, 'is built around a video']);

  const score = signals.reduce((sum, [weight]) => sum + weight, 0);
  return {
    isArticle: score >= THRESHOLD,
    confidence: Math.round(Math.min(1, Math.max(0, score)) * 100) / 100,
    reasons: signals.sort((a, b) => Math.abs(b[0]) - Math.abs(a[0])).map(([, reason]) => reason),
  };
}
