// The main text of an article. One walk over the page's text gathers "blocks" (the nearest block-level element of each
// run of text, whether a <p>, a <div> of loose text or <br>-separated lines); each block scores its ancestors by its
// length and commas, less its links; the best-scoring container, with the siblings that score like it, is the
// article. Small and single-pass on purpose: it runs in the content script.
import { interfaceBoxes } from './interface-boxes';
import { hiddenByMarkup } from './hidden';
import { markedStory } from './microdata';
import { OFF_HEADLINE, OPENING_WORDS, headlineShare, headlineStems } from './headline';
import { countWords } from '../text/words';
import {
  attr,
  bodyOf,
  childrenOf,
  closestOf,
  firstByTag,
  firstChildOf,
  nextSiblingOf,
  nodeTypeOf,
  parentNodeOf,
  parentOf,
  query,
  tagOf,
  textOf,
  titleOf,
} from '../dom/safe';

const INLINE = new Set([
  'A', 'ABBR', 'B', 'BDI', 'BDO', 'BR', 'CITE', 'CODE', 'DATA', 'DFN', 'EM', 'FONT', 'I', 'IMG', 'INS', 'DEL', 'KBD',
  'LABEL', 'MARK', 'Q', 'S', 'SAMP', 'SMALL', 'SPAN', 'STRIKE', 'STRONG', 'SUB', 'SUP', 'TIME', 'TT', 'U', 'VAR', 'WBR',
  'NOBR', 'BIG', 'CENTER', 'PICTURE', 'SOURCE',
]); // prettier-ignore
/** Never article text. */
const EXCLUDED_TAGS = new Set([
  'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'MATH', 'CANVAS', 'IFRAME', 'OBJECT', 'EMBED', 'VIDEO', 'AUDIO',
  'NAV', 'ASIDE', 'FOOTER', 'HEADER', 'BUTTON', 'SELECT', 'TEXTAREA', 'INPUT', 'FIGCAPTION', 'MENU', 'DIALOG',
]); // prettier-ignore
const EXCLUDED_ROLES = /^(?:navigation|complementary|banner|contentinfo|dialog|alertdialog|menu|menubar|search|note)$/i;
/** Class and id words of page furniture, on any site, matched as whole words ("pageRow" is not "pager"). */
const UNLIKELY_WORD =
  /^(?:comments?|disqus|replies|remarks?|share|sharing|social|related|recommend(?:ed|ations?)?|newsletters?|subscribe|subscription|promos?|promoted|sponsor(?:ed|s)?|advert(?:s|isement|ising)?|ads?|banners?|breadcrumbs?|sidebar|popup|modal|cookies?|consent|gdpr|pagination|pager|masthead|menu|navbar|nav|footer|toolbar|signup|outbrain|taboola|rss|tags?|byline|caption|credits?|recirc|trending|widget-area|jump)$/;
const UNLIKELY_PHRASE = /more-stories|read-more|author-bio|most-popular|most-read|skip-link|also-read|you-may-like/;
/** Words that keep an element even when it also has a furniture word ("main-content" stays in). */
const LIKELY_WORD = /^(?:article|articles|body|content|contents|entry|main|post|story|text|column|prose|blog|hentry)$/;

function classWords(element: Element): string[] {
  const names = `${attr(element, 'class') ?? ''} ${attr(element, 'id') ?? ''}`;
  return names
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

function isFurniture(element: Element): boolean {
  const words = classWords(element);
  if (words.length === 0) return false;
  if (words.some((word) => LIKELY_WORD.test(word))) return false;
  return words.some((word) => UNLIKELY_WORD.test(word)) || UNLIKELY_PHRASE.test(words.join('-'));
}
const BOILERPLATE_LINE =
  /^(?:advertisement|advert|sponsored|share(?: this(?: article| story)?)?|read more|continue reading|related(?: articles| stories| news)?|explore further|caption|back to gallery|(?:view |show )?comments|this slideshow requires javascript\.?|subscribe.*|sign up.*|follow us.*|click here.*|(?:(?:image|photo|picture|slide)\s+)?\d+(?:\s*of\s*\/?|\s+\/)\s*\d+|close|next|prev(?:ious)?|image|photo|(?:photo|image|picture)s?(?:\s+credit)?\s*:\s*[^.]{1,80})$/i;
/** A heading over readers' comments: "12 Comments", "Leave a Reply", "34 responses to …", in a few languages. */
export const COMMENTS_HEADING =
  /^(?:(?:\d+|top(?:[- ]rated)?|readers?'?|user|latest|recent|all)\s+comments|comments(?:\s*\(\d+\))?|\d+\s+(?:responses?|replies|reactions)(?:\s+to\s.+)?|(?:leave|post|add|write)\s+a\s+(?:reply|comment)\b.*|join\s+the\s+(?:discussion|conversation)|kommentare|commentaires|comentarios|commenti|comentários|コメント|评论|留言)$/i;
/** Nodes read at most, so a huge or hostile page cannot hold the thread; `MainText.cut` says when a page had more. */
export const MAX_PAGE_NODES = 60_000;
const MARKED_STORY_WEIGHT = 2;

/** Fewer words than this from the main text of a page taken for an article is doubtful: a second opinion is due. */
export const DOUBTFUL_WORDS = 150;

export interface MainText {
  text: string;
  /** The element the text was read from, or null when the page had none. */
  root: Element | null;
  blocks: number;
  /** The page had more nodes than Lens reads (MAX_PAGE_NODES): the text is from its first part only. */
  cut: boolean;
  /** Words of the text that are the words of links (a second opinion counts words outside links). */
  linkWords: number;
}

interface Block {
  element: Element;
  parts: string[];
  linkLength: number;
  linkWords: number;
  linked: boolean;
}

interface Stats {
  score: number;
  text: number;
  link: number;
  /** Blocks long enough to score. */
  blocks: number;
}

function isExcludedSelf(element: Element, boxes: ReadonlySet<Element>): boolean {
  if (boxes.has(element)) return true;
  const tag = tagOf(element).toUpperCase();
  if (EXCLUDED_TAGS.has(tag)) return true;
  if (hiddenByMarkup(element)) return true;
  const role = attr(element, 'role');
  if (role && EXCLUDED_ROLES.test(role)) return true;
  if (tag === 'BODY' || tag === 'HTML' || tag === 'ARTICLE' || tag === 'MAIN') return false;
  return isFurniture(element);
}

/** Inline by tag; custom elements (<company-name>) sit inside paragraphs far more often than they hold them. */
function isInline(element: Element): boolean {
  const tag = tagOf(element).toUpperCase();
  return INLINE.has(tag) || tag.includes('-');
}

function clean(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Adds a run of text (or a line break) to the block that owns it: its nearest block-level ancestor. */
function addText(blocks: Map<Element, Block>, body: Element, node: Node, value: string): void {
  let inLink = false;
  let owner = parentOf(node);
  while (owner !== null && isInline(owner) && owner !== body) {
    if (tagOf(owner).toUpperCase() === 'A') inLink = true;
    owner = parentOf(owner);
  }
  if (owner === null) return;
  let block = blocks.get(owner);
  if (block === undefined) {
    // A block inside a link (a teaser card: <a><div><h3>…</h3><p>…</p></div></a>) is link text through and through.
    block = { element: owner, parts: [], linkLength: 0, linkWords: 0, linked: closestOf(owner, 'a[href]') !== null };
    blocks.set(owner, block);
  }
  block.parts.push(value);
  if (inLink || block.linked) {
    block.linkLength += value.trim().length;
    block.linkWords += countWords(value);
  }
}

/** Gathers the text blocks of the page in document order, and whether the page had more nodes than Lens reads. */
function collectBlocks(doc: Document): { blocks: Block[]; cut: boolean } {
  const body = bodyOf(doc);
  if (!body) return { blocks: [], cut: false };
  const blocks = new Map<Element, Block>();
  const boxes = interfaceBoxes(doc);
  // A hand-rolled depth-first walk rather than a TreeWalker with a filter callback: callbacks cannot run on pages
  // where the user turned JavaScript off, and skipping a whole excluded subtree is one step here.
  // Readers' comments start at a heading that says so, after the headline: the rest of that heading's container is
  // theirs (whatever the site's class names; comments can outweigh a short story).
  let pastHeadline = firstByTag(doc, 'h1') === null;
  let node: Node | null = firstChildOf(body);
  for (let visited = 0; node !== null && visited < MAX_PAGE_NODES; visited++) {
    let descend = false;
    if (nodeTypeOf(node) === 1) {
      const element = node as Element;
      const tag = tagOf(element).toUpperCase();
      if (tag === 'BR') addText(blocks, body, element, '\n');
      else if (tag === 'H1') pastHeadline = true;
      if (pastHeadline && /^H[2-6]$/.test(tag) && COMMENTS_HEADING.test(clean(textOf(element)))) {
        node = parentNodeOf(node) ?? body;
      } else if (tag !== 'BR') descend = !isExcludedSelf(element, boxes);
    } else if (nodeTypeOf(node) === 3 && (node as Text).data.trim() !== '') {
      addText(blocks, body, node, (node as Text).data);
    }
    if (descend && firstChildOf(node) !== null) {
      node = firstChildOf(node);
      continue;
    }
    while (node !== null && node !== body && nextSiblingOf(node) === null) node = parentNodeOf(node);
    node = node === null || node === body ? null : nextSiblingOf(node);
  }
  return { blocks: [...blocks.values()], cut: node !== null };
}

/** Lines of links left out after a heading that make it the heading of a list of links. */
const LIST_LINES = 2;

/** A heading's line is short and no sentence (some sites set whole paragraphs in heading tags). */
const MAX_HEADING_LINE = 60;

function isHeadingLine(text: string): boolean {
  return text.length <= MAX_HEADING_LINE && !/[.。]$/.test(text);
}

function blockText(block: Block): string {
  return block.parts.join('').split(/\n/).map(clean).filter(Boolean).join('\n');
}

/** Readability-style paragraph weight: one for being there, one per comma, up to three for length. */
function blockScore(text: string, linkLength: number): number {
  const length = text.length;
  if (length < 25) return 0;
  const commas = (text.match(/[,，、]/g) ?? []).length;
  return (1 + commas + Math.min(Math.floor(length / 100), 3)) * (1 - Math.min(1, linkLength / length));
}

/**
 * A sibling that is, or holds, an <article> of its own is another story (a "you may also like" listing, the next
 * post), not more of this one.
 */
function isOtherComposition(root: Element, sibling: Element): boolean {
  if (tagOf(sibling).toUpperCase() === 'ARTICLE' && tagOf(root).toUpperCase() === 'ARTICLE') return true;
  return query(sibling, 'article') !== null;
}

/** A block that is nothing but an address on the page's own site: a permalink or share widget, not prose. */
function isOwnAddress(text: string, doc: Document): boolean {
  if (!/^https?:\/\/\S+$/i.test(text)) return false;
  try {
    return new URL(text).host === new URL(doc.URL).host;
  } catch {
    return false;
  }
}

/** A container's score less its share of link text. */
function valueOf(entry: Stats | undefined): number {
  return entry === undefined ? 0 : entry.score * (1 - Math.min(1, entry.text ? entry.link / entry.text : 0));
}

/** The text read from a root, with the containers it came from. */
interface Read {
  text: string;
  root: Element;
  containers: Set<Element>;
  parts: number;
  linkWords: number;
}

/** A line of the text read, with its links' words, and whether it is a heading (one short enough to be one). */
interface Part {
  text: string;
  linkWords: number;
  heading: boolean;
}

function isWithin(element: Element, container: Element): boolean {
  for (let at: Element | null = element; at !== null; at = parentOf(at)) if (at === container) return true;
  return false;
}

/** Rivals looked at for a story that reads like the headline, best first. */
const HEADLINE_RIVALS = 8;
/** A rival with fewer words than this outside its headings is a caption or a teaser, not a story. */
const RIVAL_WORDS = 30;

/**
 * When the text read is off the headline (shares under OFF_HEADLINE of its words), the best-ranked other part of the
 * page whose opening is not (a news item's lede often repeats only a third of its headline's words), or null. Other
 * parts: neither inside what was read nor holding it.
 */
function onHeadlineRoot(
  doc: Document,
  read: Read,
  rivals: Array<[Element, number]>,
  blocks: Block[],
  texts: string[],
): Element | null {
  const headline = headlineStems(doc);
  if (headlineShare(headline, read.text) >= OFF_HEADLINE) return null;
  const containers = [...read.containers];
  let looked = 0;
  for (const [element] of rivals) {
    if (containers.some((container) => isWithin(element, container) || isWithin(container, element))) continue;
    if (++looked > HEADLINE_RIVALS) break;
    const opening: string[] = [];
    let words = 0;
    let entered = false;
    for (let index = 0; index < blocks.length && words < OPENING_WORDS; index++) {
      const block = blocks[index] as Block;
      // Blocks are in document order: the rival's are one run of them.
      if (!isWithin(block.element, element)) {
        if (entered) break;
        continue;
      }
      entered = true;
      // The headline itself says nothing of whether what follows it is its story.
      if (/^H[1-6]$/.test(tagOf(block.element).toUpperCase())) continue;
      const text = texts[index] as string;
      opening.push(text);
      words += countWords(text);
    }
    if (words >= RIVAL_WORDS && headlineShare(headline, opening.join('\n')) >= OFF_HEADLINE) return element;
  }
  return null;
}

export function extractMainText(doc: Document): MainText {
  const { blocks, cut } = collectBlocks(doc);
  if (blocks.length === 0) return { text: '', root: null, blocks: 0, cut, linkWords: 0 };
  const texts = blocks.map(blockText);
  const stats = new Map<Element, Stats>();
  const bump = (element: Element, score: number, text: number, link: number) => {
    const entry = stats.get(element) ?? { score: 0, text: 0, link: 0, blocks: 0 };
    entry.score += score;
    entry.text += text;
    entry.link += link;
    if (text > 0) entry.blocks++;
    stats.set(element, entry);
  };
  // The <article> elements that hold scoring text, counted for every element above them: one that holds two or more
  // is a listing of stories (a "you may also like" block, a home page's column), never the story itself.
  const articlesBelow = new Map<Element, Set<Element>>();
  const isListing = (element: Element) => (articlesBelow.get(element)?.size ?? 0) >= 2;
  blocks.forEach((block, index) => {
    const text = texts[index] as string;
    const score = blockScore(text, block.linkLength);
    // A block's score counts for itself and, less and less, for its ancestors: parent, grandparent, then a third per
    // level up to six; its text and links count for every ancestor, for the climb below.
    let article: Element | null = null;
    let ancestor: Element | null = block.element;
    for (let level = 0; ancestor !== null; level++, ancestor = parentOf(ancestor)) {
      const share = level <= 1 ? 1 : level === 2 ? 0.5 : level < 6 ? 1 / ((level - 1) * 3) : 0;
      bump(ancestor, score * share, score > 0 ? text.length : 0, score > 0 ? block.linkLength : 0);
      if (article !== null && score > 0) {
        const below = articlesBelow.get(ancestor) ?? new Set<Element>();
        below.add(article);
        articlesBelow.set(ancestor, below);
      }
      if (article === null && tagOf(ancestor).toUpperCase() === 'ARTICLE') article = ancestor;
      if (ancestor === bodyOf(doc)) break;
    }
  });

  // A story marked up as one (microdata) outranks text outside it; the mark-up picks the root, not how many
  // siblings join it.
  const marked = markedStory(doc);
  const rankOf = (element: Element, value: number) =>
    marked !== null && marked.contains(element) ? value * MARKED_STORY_WEIGHT : value;
  let root: Element | null = null;
  let best = 0;
  let bestRank = 0;
  for (const [element, entry] of stats) {
    if (isListing(element)) continue;
    const value = valueOf(entry);
    const rank = rankOf(element, value);
    if (rank > bestRank) {
      bestRank = rank;
      best = value;
      root = element;
    }
  }
  if (root === null) return { text: '', root: null, blocks: 0, cut, linkWords: 0 };

  /** The story read from a root: climbed to the containers that hold all of it, with the siblings that score like it. */
  const readFrom = (start: Element, startValue: number): Read => {
    let top = start;
    let topValue = startValue;
    // A story split over sibling containers (one per section, or around inline ads): climb while the parent holds
    // clearly more readable text, with few links.
    // Wrappers that add nothing are passed through on the way.
    for (let climbs = 0; climbs < 3; climbs++) {
      const here = stats.get(top);
      if (!here) break;
      let up: Element | null = parentOf(top);
      for (let steps = 0; up !== null && up !== bodyOf(doc) && steps < 5; steps++) {
        if ((stats.get(up)?.text ?? 0) >= here.text * 1.25) break;
        up = parentOf(up);
      }
      const there = up ? stats.get(up) : undefined;
      if (up === null || up === bodyOf(doc) || !there || there.text < here.text * 1.25) break;
      if (isListing(up) || (marked !== null && marked.contains(top) && !marked.contains(up))) break;
      // What the parent adds must read like more of the story: paragraphs of some length, hardly any links (a
      // listing of teasers or a link-heavy sidebar does not).
      const added = there.text - here.text;
      const perBlock = added / Math.max(1, there.blocks - here.blocks);
      if (perBlock < 100 || (there.link - here.link) / added > 0.1) break;
      top = up;
      topValue = Math.max(topValue, there.score);
    }

    // Siblings that score like the story's container are part of it (a split body, a lead paragraph set apart).
    const containers = new Set<Element>([top]);
    const parent = parentOf(top);
    if (parent !== null) {
      const threshold = Math.max(10, topValue * 0.2);
      for (const sibling of Array.from(childrenOf(parent))) {
        if (sibling === top || isOtherComposition(top, sibling)) continue;
        if (marked !== null && marked.contains(top) && !marked.contains(sibling)) continue; // the mark-up's edge
        const entry = stats.get(sibling);
        if (!entry) continue;
        const density = entry.text ? entry.link / entry.text : 0;
        const own = blocks.find((block) => block.element === sibling);
        const ownText = own ? blockText(own) : '';
        // Readability's rule for paragraph siblings: long with few links, or a short sentence with none.
        const sentence = own !== undefined && own.linkLength === 0 && /\.(?:\s|$)/.test(ownText);
        if (
          entry.score * (1 - density) >= threshold ||
          (own && ownText.length > 80 && density < 0.25) ||
          (sentence && tagOf(sibling).toUpperCase() === 'P')
        )
          containers.add(sibling);
      }
    }

    const title = clean(titleOf(doc)).toLowerCase();
    const parts: Part[] = [];
    // Lines of links left out since the last part kept (they make a heading just before them a list's heading).
    let linksSince = 0;
    blocks.forEach((block, index) => {
      let inside = false;
      for (let element: Element | null = block.element; element !== null && !inside; element = parentOf(element)) {
        inside = containers.has(element);
        if (element === parent) break;
      }
      if (!inside) return;
      const text = texts[index] as string;
      if (text === '') return; // a block of line breaks alone
      const tag = tagOf(block.element).toUpperCase();
      if (tag === 'H1' || (/^H[2-6]$/.test(tag) && title.includes(text.toLowerCase()) && text.length > 15)) return;
      if (text.length < 200 && block.linkLength / Math.max(1, text.length) > 0.5) {
        linksSince++;
        return;
      }
      if (BOILERPLATE_LINE.test(text) || isOwnAddress(text, doc)) return;
      // A heading followed by lines of links that were left out heads that list, not the text after it.
      if (parts.at(-1)?.heading === true && linksSince >= LIST_LINES) parts.pop();
      linksSince = 0;
      parts.push({ text, linkWords: block.linkWords, heading: /^H[2-6]$/.test(tag) && isHeadingLine(text) });
    });
    // A heading that ends the text heads nothing Lens kept (a "More from this section" over links left out).
    while (parts.at(-1)?.heading === true) parts.pop();
    let linkWords = 0;
    for (const part of parts) linkWords += part.linkWords;
    return {
      text: parts.map((part) => part.text).join('\n\n'),
      linkWords,
      root: containers.size === 1 ? top : (parent ?? top),
      containers,
      parts: parts.length,
    };
  };

  let read = readFrom(root, best);
  // A short text that does not read like the headline's story (a consent notice or a sign-up box outscoring a news
  // item of a few paragraphs): another part of the page that does, if any, is the story.
  if (countWords(read.text) < DOUBTFUL_WORDS) {
    // Ranked again only here, on the rare short text: the common path keeps no list of every container.
    const rivals = [...stats]
      .filter(([element]) => !isListing(element))
      .map(([element, entry]): [Element, number] => [element, rankOf(element, valueOf(entry))])
      .filter(([, rank]) => rank > 0)
      .sort((a, b) => b[1] - a[1]);
    const other = onHeadlineRoot(doc, read, rivals, blocks, texts);
    if (other !== null) read = readFrom(other, valueOf(stats.get(other)));
  }
  return { text: read.text, root: read.root, blocks: read.parts, cut, linkWords: read.linkWords };
}
