// A DOM subtree's text as one string, with a way back from positions in it to text nodes. Shared by the entity
// highlights and the clip anchors, so both read a page the same way.
import { firstChildOf, nextSiblingOf, nodeTypeOf, parentNodeOf, std, tagOf } from '../dom/safe';

const SKIPPED = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA', 'SELECT', 'SVG', 'MATH']);
const BLOCKS = new Set([
  'P', 'DIV', 'LI', 'UL', 'OL', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'BLOCKQUOTE', 'SECTION', 'ARTICLE', 'TD', 'TH',
  'TR', 'DT', 'DD', 'FIGCAPTION', 'FIGURE', 'PRE', 'BR', 'HR', 'HEADER', 'FOOTER', 'ASIDE', 'MAIN', 'TABLE', 'NAV',
]); // prettier-ignore

export interface TextSegment {
  node: Text;
  /** Where the node's text starts in the joined text. */
  start: number;
}

export interface DomText {
  text: string;
  segments: TextSegment[];
}

/**
 * The root's text as the DOM holds it (white space as written), with `blockBreak` between blocks so that words of two
 * paragraphs never run together. Skips scripts, styles and form fields, and anything under `skip` (Lens's own host).
 */
export function joinText(root: Node, blockBreak: string, skip?: (element: Element) => boolean): DomText {
  const parts: string[] = [];
  const segments: TextSegment[] = [];
  let length = 0;
  const push = (text: string) => {
    parts.push(text);
    length += text.length;
  };
  // A plain depth-first walk (no TreeWalker callback, which cannot run where page scripts are off).
  let node: Node | null = firstChildOf(root);
  while (node !== null) {
    let descend = false;
    if (nodeTypeOf(node) === 3) {
      const data = (node as Text).data;
      if (data.length > 0) {
        segments.push({ node: node as Text, start: length });
        push(data);
      }
    } else if (nodeTypeOf(node) === 1) {
      const element = node as Element;
      const tag = tagOf(element).toUpperCase();
      if (BLOCKS.has(tag)) push(blockBreak);
      descend = !SKIPPED.has(tag) && firstChildOf(node) !== null && !(skip?.(element) ?? false);
    }
    if (descend) {
      node = firstChildOf(node);
      continue;
    }
    while (node !== null && node !== root && nextSiblingOf(node) === null) {
      node = parentNodeOf(node);
      if (node !== null && nodeTypeOf(node) === 1 && BLOCKS.has(tagOf(node as Element).toUpperCase())) push(blockBreak);
    }
    node = node === null || node === root ? null : nextSiblingOf(node);
  }
  return { text: parts.join(''), segments };
}

/** The text node and offset of a position in the joined text (binary search over the segments). */
export function locate(segments: ReadonlyArray<TextSegment>, position: number, end: boolean): [Text, number] | null {
  let low = 0;
  let high = segments.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const segment = segments[middle] as TextSegment;
    const stop = segment.start + segment.node.data.length;
    if (position < segment.start) high = middle - 1;
    else if (end ? position > stop : position >= stop) low = middle + 1;
    else return [segment.node, position - segment.start];
  }
  // A position on a block break: the nearest text after it (a start) or before it (an end).
  if (!end && low < segments.length) return [(segments[low] as TextSegment).node, 0];
  if (end && high >= 0) {
    const segment = segments[high] as TextSegment;
    return [segment.node, segment.node.data.length];
  }
  return null;
}

/**
 * The position in the joined text of a boundary point of a Range (a selection's start or end), or null when the point
 * is outside the text. A point between elements maps to the first text after it (for a start) or the end of the last
 * text before it (for an end).
 */
export function positionOf(
  doc: Document,
  segments: ReadonlyArray<TextSegment>,
  node: Node,
  offset: number,
  end: boolean,
): number | null {
  if (nodeTypeOf(node) === 3) {
    const segment = segments.find((candidate) => candidate.node === node);
    return segment ? segment.start + Math.min(offset, segment.node.data.length) : null;
  }
  const point = std(doc).createRange();
  point.setStart(node, offset);
  // Segments are in document order: find the first whose text starts at or after the point.
  let low = 0;
  let high = segments.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (point.comparePoint((segments[middle] as TextSegment).node, 0) < 0) low = middle + 1;
    else high = middle;
  }
  if (!end) return low < segments.length ? (segments[low] as TextSegment).start : null;
  if (low === 0) return null;
  const before = segments[low - 1] as TextSegment;
  return before.start + before.node.data.length;
}

/** A DOM Range for [start, end) of the joined text. */
export function rangeOf(doc: Document, segments: ReadonlyArray<TextSegment>, start: number, end: number): Range | null {
  const from = locate(segments, start, false);
  const to = locate(segments, end, true);
  if (from === null || to === null) return null;
  const range = std(doc).createRange();
  range.setStart(from[0], from[1]);
  range.setEnd(to[0], to[1]);
  return range;
}
