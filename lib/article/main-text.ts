// The main text of an article: the container whose paragraphs hold the most text with the fewest links, read as
// blocks in document order. Small on purpose, it runs in the content script; see README for how it compares.

const BLOCKS = 'p, h2, h3, h4, h5, h6, li, blockquote, pre, dd';
const EXCLUDED = new Set([
  'NAV',
  'ASIDE',
  'FOOTER',
  'HEADER',
  'FORM',
  'FIGURE',
  'FIGCAPTION',
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'SVG',
  'BUTTON',
  'SELECT',
  'TEXTAREA',
  'IFRAME',
]);
/** Generic names of page furniture, not of any one site. */
const FURNITURE =
  /(?:^|[\s_-])(?:share|social|related|newsletter|promo|advert|ads?|comments?|subscribe|sidebar|breadcrumbs?|byline|caption|credits?|tags|toolbar|cookie|paywall|recirc|more-stories)(?:$|[\s_-])/i;
const MAX_BLOCKS = 5000;

export interface MainText {
  text: string;
  /** The element the text was read from, or null when the page had none. */
  root: Element | null;
  blocks: number;
}

function clean(text: string | null | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

function isExcluded(element: Element, stopAt: Element | null): boolean {
  for (let node: Element | null = element; node !== null && node !== stopAt; node = node.parentElement) {
    if (EXCLUDED.has(node.tagName.toUpperCase())) return true;
    if (node.hasAttribute('hidden') || node.getAttribute('aria-hidden') === 'true') return true;
    if (/display\s*:\s*none|visibility\s*:\s*hidden/i.test(node.getAttribute('style') ?? '')) return true;
    const names = `${node.getAttribute('class') ?? ''} ${node.getAttribute('id') ?? ''}`;
    if (names.trim() !== '' && FURNITURE.test(names) && node.tagName !== 'ARTICLE' && node.tagName !== 'BODY')
      return true;
  }
  return false;
}

function linkDensity(element: Element, textLength: number): number {
  if (textLength === 0) return 0;
  let linked = 0;
  for (const link of Array.from(element.querySelectorAll('a'))) linked += clean(link.textContent).length;
  return linked / textLength;
}

/** Text of a candidate's own paragraphs, discounted by how much of it is links. */
function score(candidate: Element): number {
  let total = 0;
  for (const paragraph of Array.from(candidate.querySelectorAll('p')).slice(0, MAX_BLOCKS)) {
    if (isExcluded(paragraph, candidate)) continue;
    const length = clean(paragraph.textContent).length;
    if (length < 25) continue;
    total += length * (1 - Math.min(1, linkDensity(paragraph, length)));
  }
  return total;
}

function bestRoot(doc: Document): Element | null {
  const body = doc.body;
  if (!body) return null;
  const candidates = new Set<Element>();
  for (const element of Array.from(doc.querySelectorAll('[itemprop="articleBody"], article, main, [role="main"]')))
    candidates.add(element);
  for (const paragraph of Array.from(body.querySelectorAll('p')).slice(0, MAX_BLOCKS)) {
    if (paragraph.parentElement) candidates.add(paragraph.parentElement);
  }
  let best: Element | null = null;
  let bestScore = 0;
  let semantic: Element | null = null;
  let semanticScore = 0;
  for (const candidate of candidates) {
    const value = score(candidate);
    // A clearly better candidate wins; an equal one wins when it sits inside the current one (less furniture).
    if (
      value > bestScore * 1.01 ||
      (value > 0 && value >= bestScore * 0.99 && best !== null && best.contains(candidate))
    ) {
      best = candidate;
      bestScore = value;
    }
    if (/^(ARTICLE)$/.test(candidate.tagName) || candidate.getAttribute('itemprop') === 'articleBody') {
      if (value > semanticScore) {
        semantic = candidate;
        semanticScore = value;
      }
    }
  }
  // Paragraph parents often split one story into sections: prefer the article element that holds them all.
  if (semantic !== null && semanticScore >= bestScore * 0.8) return semantic;
  // A story split over sibling sections: climb while the parent holds clearly more of the text.
  while (best !== null && best.parentElement !== null && best.parentElement !== body) {
    const parentScore = score(best.parentElement);
    if (parentScore < bestScore * 1.3) break;
    best = best.parentElement;
    bestScore = parentScore;
  }
  return best;
}

export function extractMainText(doc: Document): MainText {
  const root = bestRoot(doc);
  if (root === null) return { text: '', root: null, blocks: 0 };
  const parts: string[] = [];
  for (const block of Array.from(root.querySelectorAll(BLOCKS)).slice(0, MAX_BLOCKS)) {
    // The innermost block only: a list item made of paragraphs is read as its paragraphs.
    if (block.querySelector(BLOCKS) !== null) continue;
    if (isExcluded(block, root)) continue;
    const text = clean(block.textContent);
    if (text === '' || linkDensity(block, text.length) > 0.5) continue;
    parts.push(text);
  }
  return { text: parts.join('\n\n'), root, blocks: parts.length };
}
