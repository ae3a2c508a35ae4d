// Entity names underlined in the article: found with the same rules as the background (lib/entities/find.ts), shown
// with the CSS Custom Highlight API (no change to the page's DOM) or, where that API is missing, as boxes drawn in the
// overlay's shadow root. Also answers "which entity is under the pointer" for the hover card.
import { createEntityMatcher, type KnownEntity } from '../entities/find';
import { highlightSupported, setHighlight } from '../page/highlight';
import { joinText, rangeOf } from '../anchoring/dom-text';
import { std } from '../dom/safe';

export const ENTITY_HIGHLIGHT = 'modelwire-lens-entity';
const ENTITY_STYLE =
  'text-decoration: underline 2px dotted #2563eb; text-underline-offset: 3px; background-color: rgba(37, 99, 235, 0.08);';

/** Between blocks: neither a word nor white space, so no name runs from one paragraph into the next. */
const BLOCK_BREAK = '\u0001';

export interface EntityRanges {
  key: string;
  ranges: Range[];
}

/** Ranges of every occurrence of the entities in `root`'s text (at most `limit` per entity). */
export function findEntityRanges(root: Node, entities: ReadonlyArray<KnownEntity>, limit = 500): EntityRanges[] {
  const doc = root.ownerDocument ?? (root as Document);
  const { text, segments } = joinText(root, BLOCK_BREAK);
  const hits = createEntityMatcher(entities).find(text, limit);
  return hits.map((hit) => ({
    key: hit.key,
    ranges: hit.ranges.flatMap(([start, end]) => {
      const range = rangeOf(doc, segments, start, end);
      return range ? [range] : [];
    }),
  }));
}

export interface EntityHighlights {
  /** How many occurrences are shown. */
  readonly count: number;
  /** 'highlight-api' or 'boxes' (the fallback). */
  readonly mode: 'highlight-api' | 'boxes';
  /** The entity under a point of the viewport, if any. */
  entityAt(x: number, y: number): string | null;
  clear(): void;
}

function caretAt(doc: Document, x: number, y: number): [Node, number] | null {
  const withPosition = doc as Document & {
    caretPositionFromPoint?(x: number, y: number): { offsetNode: Node; offset: number } | null;
  };
  const position = withPosition.caretPositionFromPoint?.(x, y);
  if (position) return [position.offsetNode, position.offset];
  const range = std(doc).caretRangeFromPoint?.(x, y);
  return range ? [range.startContainer, range.startOffset] : null;
}

function contains(rects: DOMRectList, x: number, y: number): boolean {
  for (const rect of Array.from(rects)) {
    if (x >= rect.left && x <= rect.right && y >= rect.top && y <= rect.bottom) return true;
  }
  return false;
}

/**
 * Boxes over the ranges in `layer` (inside a closed shadow root), redrawn on scroll and resize: the page's DOM stays
 * as it was, and the page's scripts cannot see which text is marked. Returns the function that removes them.
 */
export function drawBoxes(doc: Document, ranges: Range[], layer: HTMLElement): () => void {
  const view = std(doc).defaultView;
  if (!view) return () => {};
  let frame = 0;
  const draw = () => {
    frame = 0;
    const boxes: HTMLElement[] = [];
    for (const range of ranges) {
      for (const rect of Array.from(range.getClientRects())) {
        if (rect.bottom < 0 || rect.top > view.innerHeight) continue;
        const box = std(doc).createElement('div');
        box.style.cssText = `left:${rect.left}px;top:${rect.top}px;width:${rect.width}px;height:${rect.height}px`;
        boxes.push(box);
      }
    }
    layer.replaceChildren(...boxes);
  };
  const schedule = () => {
    if (frame === 0) frame = view.requestAnimationFrame(draw);
  };
  draw();
  view.addEventListener('scroll', schedule, { passive: true, capture: true });
  view.addEventListener('resize', schedule, { passive: true });
  return () => {
    view.removeEventListener('scroll', schedule, { capture: true });
    view.removeEventListener('resize', schedule);
    if (frame !== 0) view.cancelAnimationFrame(frame);
    layer.replaceChildren();
  };
}

/**
 * Shows the ranges: in the browser's highlight registry, or as boxes in `layer` (the overlay's shadow root) where the
 * registry is missing or the reader keeps highlights private.
 */
export function showEntityHighlights(
  doc: Document,
  groups: EntityRanges[],
  layer: HTMLElement,
  options: { private?: boolean } = {},
): EntityHighlights {
  const all = groups.flatMap((group) => group.ranges);
  let stopBoxes = () => {};
  const mode = highlightSupported(doc) && !options.private ? 'highlight-api' : 'boxes';
  if (mode === 'highlight-api') setHighlight(doc, ENTITY_HIGHLIGHT, all, ENTITY_STYLE);
  else stopBoxes = drawBoxes(doc, all, layer);
  return {
    count: all.length,
    mode,
    entityAt(x, y) {
      const caret = caretAt(doc, x, y);
      if (caret === null) return null;
      for (const group of groups) {
        for (const range of group.ranges) {
          try {
            if (range.isPointInRange(caret[0], caret[1]) && contains(range.getClientRects(), x, y)) return group.key;
          } catch {
            // The caret is in another document or a removed node: not one of ours.
          }
        }
      }
      return null;
    },
    clear() {
      if (mode === 'highlight-api') setHighlight(doc, ENTITY_HIGHLIGHT, [], ENTITY_STYLE);
      stopBoxes();
    },
  };
}
