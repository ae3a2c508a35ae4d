// schema.org microdata (itemscope / itemtype / itemprop): the page's types, and the one story it marks up.
import { attr, bodyOf, closestOf, hasAttr, parentOf, queryAll, rootOf, textOf } from '../dom/safe';

const STORY_TYPE = /schema\.org\/(?:\w*Article|BlogPosting|Report|LiveBlogPosting)\b/i;
const MAX_ITEMS = 200;

/** A type URL's bare name: "https://schema.org/QAPage" → "QAPage". */
function bareType(type: string): string {
  return type.replace(/^.*[/:#]/, '').trim();
}

/**
 * The schema.org types of the page's top-level items and their main entities (a QAPage and its Question). Nested
 * items (an author's Person, a logo's ImageObject) say nothing about the page.
 */
export function microdataTypes(doc: Document): string[] {
  const types: string[] = [];
  const items = queryAll(doc, '[itemscope][itemtype]');
  for (let index = 0; index < items.length && index < MAX_ITEMS; index++) {
    const item = items[index] as Element;
    const parent = parentOf(item);
    const outer = parent ? closestOf(parent, '[itemscope]') : null;
    if (outer && !/\bmainEntity\b/i.test(attr(item, 'itemprop') ?? '')) continue;
    for (const type of (attr(item, 'itemtype') ?? '').split(/\s+/)) {
      const name = bareType(type);
      if (name) types.push(name);
    }
  }
  return types;
}

/** The only element typed as an article (Article, NewsArticle, BlogPosting…); null when there is none or several. */
export function storyItem(doc: Document): Element | null {
  const typed = Array.from(queryAll(doc, '[itemscope][itemtype]'))
    .slice(0, MAX_ITEMS)
    .filter((element) => STORY_TYPE.test(attr(element, 'itemtype') ?? ''));
  return typed.length === 1 ? (typed[0] ?? null) : null;
}

/**
 * Where the page's markup says its one story's text is: a single itemprop="articleBody", or the story item unless
 * that is the whole page (which says nothing about where in it the story is); null when it does not say.
 */
export function markedStory(doc: Document): Element | null {
  const bodies = queryAll(doc, '[itemprop~="articleBody" i]');
  if (bodies.length === 1) return bodies[0] ?? null;
  const story = storyItem(doc);
  return story === bodyOf(doc) || story === rootOf(doc) ? null : story;
}

/**
 * A property of an item, from the first element inside it that carries it and belongs to it (not to an item nested
 * within): its content, datetime, src or href attribute, or its text; when the value is an item itself, its url or
 * name (two items deep at most).
 */
export function itemProperty(item: Element, property: string, depth = 0): string | null {
  for (const element of Array.from(queryAll(item, `[itemprop~="${property}" i]`)).slice(0, 20)) {
    const parent = parentOf(element);
    const owner = parent ? closestOf(parent, '[itemscope]') : null;
    if (owner !== item && owner !== undefined && owner !== null) continue;
    // The value is an item of its own (an ImageObject, a Person): its url, else its name.
    if (hasAttr(element, 'itemscope')) {
      if (depth >= 2) continue;
      const inner = itemProperty(element, 'url', depth + 1) ?? itemProperty(element, 'name', depth + 1);
      if (inner) return inner;
      continue;
    }
    const value =
      attr(element, 'content') ??
      attr(element, 'datetime') ??
      attr(element, 'src') ??
      attr(element, 'href') ??
      textOf(element);
    const text = (value ?? '').replace(/\s+/g, ' ').trim();
    if (text) return text.slice(0, 2000);
  }
  return null;
}
