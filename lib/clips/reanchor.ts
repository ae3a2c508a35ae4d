// Finding a page's clips again when it is visited: each one anchored (exactly or approximately) and highlighted, or
// reported orphaned with the reason. The page's DOM is not changed (CSS Custom Highlight API).
import { rangeOf } from '../anchoring/dom-text';
import { anchorQuote } from '../anchoring/quote';
import { highlightSupported, setHighlight } from '../page/highlight';
import { drawBoxes } from '../overlay/entity-highlights';
import type { AnchorStatus, Clip } from './clip';
import { pageText } from './capture';

export const CLIP_HIGHLIGHT = 'modelwire-lens-clip';
const CLIP_STYLE =
  'background-color: rgba(250, 204, 21, 0.35); text-decoration: underline 2px solid rgba(202, 138, 4, 0.9);';

export interface AnchorOutcome {
  id: string;
  status: Exclude<AnchorStatus['status'], 'unchecked'>;
  reason: string | null;
}

export function anchorClips(
  doc: Document,
  clips: ReadonlyArray<Pick<Clip, 'id' | 'selectors'>>,
): { outcomes: AnchorOutcome[]; ranges: Range[] } {
  const { text, segments } = pageText(doc);
  const outcomes: AnchorOutcome[] = [];
  const ranges: Range[] = [];
  for (const clip of clips) {
    const found = anchorQuote(text, clip.selectors.quote, clip.selectors.position);
    if (found.status === 'orphaned') {
      outcomes.push({ id: clip.id, status: 'orphaned', reason: found.reason });
      continue;
    }
    const range = rangeOf(doc, segments, found.start, found.end);
    if (range === null) {
      outcomes.push({ id: clip.id, status: 'orphaned', reason: 'The passage could not be mapped to the page.' });
      continue;
    }
    ranges.push(range);
    outcomes.push({
      id: clip.id,
      status: found.status,
      reason: found.status === 'fuzzy' ? `Found ${Math.round(found.similarity * 100)}% alike` : null,
    });
  }
  return { outcomes, ranges };
}

/** Highlights the anchored clips; returns false where the browser has no Custom Highlight API. */
/**
 * Highlights the clips' ranges: in the browser's highlight registry, or, given `layer` (a box layer in Lens's shadow
 * root; the reader chose private highlights), as boxes there, which the page cannot read. Returns the function that
 * removes the boxes (call it before showing the clips again).
 */
export function showClipHighlights(doc: Document, ranges: Range[], layer: HTMLElement | null = null): () => void {
  const registry = highlightSupported(doc);
  if (layer !== null) {
    if (registry) setHighlight(doc, CLIP_HIGHLIGHT, [], CLIP_STYLE);
    return drawBoxes(doc, ranges, layer);
  }
  if (registry) setHighlight(doc, CLIP_HIGHLIGHT, ranges, CLIP_STYLE);
  return () => {};
}
