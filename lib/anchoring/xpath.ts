// A W3C RangeSelector for a DOM range: the XPaths of the elements its ends are in, each refined by the character
// offset within that element's text. Written with the clip for other annotation tools (Lens itself re-anchors by
// quote and position, which survive markup changes better).
import {
  firstChildOf,
  localNameOf,
  nextSiblingOf,
  nodeTypeOf,
  parentNodeOf,
  parentOf,
  previousElementOf,
} from '../dom/safe';

export interface XPathSelector {
  type: 'XPathSelector';
  value: string;
  refinedBy?: { type: 'TextPositionSelector'; start: number; end: number };
}

export interface RangeSelector {
  type: 'RangeSelector';
  startSelector: XPathSelector;
  endSelector: XPathSelector;
}

/** `/html[1]/body[1]/article[1]/p[2]`: element names with their position among same-named siblings. */
export function xpathOf(element: Element): string {
  const steps: string[] = [];
  for (let node: Element | null = element; node !== null; node = parentOf(node)) {
    const name = localNameOf(node);
    let index = 1;
    for (let sibling = previousElementOf(node); sibling !== null; sibling = previousElementOf(sibling)) {
      if (localNameOf(sibling) === name) index++;
    }
    steps.unshift(`${name}[${index}]`);
  }
  return `/${steps.join('/')}`;
}

/** Characters of `element`'s text before the point (node, offset). */
function offsetWithin(element: Element, node: Node, offset: number): number {
  if (nodeTypeOf(node) !== 3) return 0;
  let total = 0;
  let current: Node | null = firstChildOf(element);
  // Depth-first through the element's text nodes, up to the point.
  while (current !== null) {
    if (current === node) return total + offset;
    if (nodeTypeOf(current) === 3) total += (current as Text).data.length;
    if (firstChildOf(current)) {
      current = firstChildOf(current);
      continue;
    }
    while (current !== null && current !== element && nextSiblingOf(current) === null) current = parentNodeOf(current);
    current = current === null || current === element ? null : nextSiblingOf(current);
  }
  return total;
}

function endSelector(node: Node, offset: number): XPathSelector | null {
  const element = nodeTypeOf(node) === 1 ? (node as Element) : parentOf(node);
  if (element === null) return null;
  const at = offsetWithin(element, node, offset);
  return {
    type: 'XPathSelector',
    value: xpathOf(element),
    refinedBy: { type: 'TextPositionSelector', start: at, end: at },
  };
}

export function describeRange(range: Range): RangeSelector | null {
  const start = endSelector(range.startContainer, range.startOffset);
  const end = endSelector(range.endContainer, range.endOffset);
  return start && end ? { type: 'RangeSelector', startSelector: start, endSelector: end } : null;
}
