// Turning the reader's selection into a clip: the quote, its selectors in the page's text, and the page's citation
// facts. Refuses, with a reason a person can act on, what cannot be clipped.
import { joinText, positionOf } from '../anchoring/dom-text';
import { describeQuote } from '../anchoring/quote';
import { describeRange } from '../anchoring/xpath';
import { extractMetadata } from '../article/metadata';
import { CLIP_LIMITS, type NewClip } from './clip';
import { lettersAndDigits } from '../text/letters';
import { isLensHost } from '../overlay/shadow-host';
import { bodyOf, closestOf, nodeTypeOf, parentOf, rootOf, std, tagOf } from '../dom/safe';

/** Between blocks in the text clips are anchored in: a line break (white space when matching). */
export const CLIP_BLOCK_BREAK = '\n';

/** Lens's own elements (known by identity, not by a name a page could copy) are never part of the page's text. */
export function pageText(doc: Document) {
  return joinText(bodyOf(doc) ?? (rootOf(doc) as HTMLElement), CLIP_BLOCK_BREAK, isLensHost);
}

/** "Dana Whitfield and Jonas Eklund" → two authors; "By the Ledger Staff" → one. */
export function authorsFromByline(byline: string | null): string[] {
  if (!byline) return [];
  return byline
    .replace(/^\s*by\s+/i, '')
    .split(/\s*(?:,|;|&|\band\b)\s*/i)
    .map((name) => name.trim())
    .filter((name) => name.length > 1 && name.length <= 120)
    .slice(0, 20);
}

/**
 * The title a citation shows: the page's title without a trailing " | Site" (or " - ", " – ", " — ", " · ") naming
 * the site the citation already names, as long as a real title is left. "How to Build a Terrarium | eHow" → "How to
 * Build a Terrarium"; "Mozilla - Wikipedia" stays when the site is not known as Wikipedia.
 */
export function citationTitle(title: string | null, siteName: string | null): string | null {
  if (!title || !siteName) return title;
  const match = /^(.*\S)\s+[|\-–—·:]\s+([^|\-–—·]+)$/u.exec(title);
  if (!match) return title;
  const [, rest = '', suffix = ''] = match;
  const site = lettersAndDigits(siteName);
  const tail = lettersAndDigits(suffix);
  const same = tail.length >= 2 && (tail === site || site.startsWith(tail) || tail.startsWith(site));
  return same && rest.split(/\s+/).length >= 2 ? rest : title;
}

function rangeSelector(range: Range) {
  const described = describeRange(range);
  return described && described.startSelector.value.length <= 2000 && described.endSelector.value.length <= 2000
    ? { range: described }
    : {};
}

export type CaptureResult = { ok: true; clip: NewClip } | { ok: false; reason: string };

function inFormField(node: Node | null): boolean {
  if (!node) return false;
  const element = nodeTypeOf(node) === 1 ? (node as Element) : parentOf(node);
  return (
    element !== null &&
    closestOf(element, 'input, textarea, select, [contenteditable=""], [contenteditable="true"]') !== null
  );
}

export function captureSelection(doc: Document, pageUrl: string, note = '', tags: string[] = []): CaptureResult {
  const selection = std(doc).getSelection();
  const active = std(doc).activeElement;
  if (active && /^(input|textarea)$/i.test(tagOf(active)) && (selection === null || selection.isCollapsed)) {
    return { ok: false, reason: 'Lens cannot clip text inside a form field. Select text of the page itself.' };
  }
  if (selection === null || selection.rangeCount === 0 || selection.isCollapsed) {
    return { ok: false, reason: 'Nothing is selected. Select a passage of the page, then clip it.' };
  }
  const range = selection.getRangeAt(0);
  if (range.startContainer.getRootNode() !== doc || range.endContainer.getRootNode() !== doc) {
    return { ok: false, reason: 'The selection is inside an embedded component Lens cannot anchor to.' };
  }
  if (inFormField(range.startContainer) || inFormField(range.endContainer)) {
    return {
      ok: false,
      reason: 'Lens cannot clip text inside a form field or an editor. Select text of the page itself.',
    };
  }
  const shown = selection.toString().replace(/\s+/g, ' ').trim();
  if (shown === '') return { ok: false, reason: 'The selection holds only white space. Select some words.' };
  if (shown.length > CLIP_LIMITS.quote) {
    return {
      ok: false,
      reason: `That selection is too long to clip (${shown.length.toLocaleString('en')} characters; the limit is ${CLIP_LIMITS.quote.toLocaleString('en')}).`,
    };
  }
  const { text, segments } = pageText(doc);
  const start = positionOf(doc, segments, range.startContainer, range.startOffset, false);
  const end = positionOf(doc, segments, range.endContainer, range.endOffset, true);
  if (start === null || end === null || end <= start) {
    return { ok: false, reason: 'Lens could not find the selected words in the page’s text. Try a smaller selection.' };
  }
  const selectors = describeQuote(text, start, end);
  const metadata = extractMetadata(doc, pageUrl);
  return {
    ok: true,
    clip: {
      quote: shown,
      note: note.trim(),
      tags,
      selectors: { quote: selectors.quote, position: selectors.position, ...rangeSelector(range) },
      page: {
        url: pageUrl,
        canonicalUrl: metadata.canonicalUrl,
        title: citationTitle(metadata.title, metadata.siteName),
        authors: metadata.authors.length > 0 ? metadata.authors : authorsFromByline(metadata.byline),
        siteName: metadata.siteName,
        publishedTime: metadata.publishedTime,
        lang: metadata.lang,
      },
    },
  };
}
