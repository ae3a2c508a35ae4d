// Finds passages of text in the DOM and returns them as Ranges, ignoring differences of whitespace, case and quote
// style, and the gaps between block elements.
import { joinText } from './dom-text';
import { foldChar } from './fold';
import { std } from '../dom/safe';

function foldText(text: string): string {
  let result = '';
  for (const char of text) if (!/\s/.test(char)) result += foldChar(char);
  return result;
}

interface TextIndex {
  /** The folded text of the root, without white space. */
  text: string;
  /** For each character of `text`: its text node and the offset in that node. */
  nodes: Text[];
  offsets: number[];
}

/** The root's text folded character by character, over the text nodes lib/anchoring/dom-text.ts walks. */
function indexText(root: Node): TextIndex {
  const chars: string[] = [];
  const nodes: Text[] = [];
  const offsets: number[] = [];
  for (const { node } of joinText(root, '').segments) {
    const data = node.data;
    for (let offset = 0; offset < data.length; offset++) {
      const char = data[offset] as string;
      if (/\s/.test(char)) continue;
      chars.push(foldChar(char));
      nodes.push(node);
      offsets.push(offset);
    }
  }
  return { text: chars.join(''), nodes, offsets };
}

export interface TextSpan {
  startNode: Text;
  startOffset: number;
  endNode: Text;
  /** Offset just past the last character. */
  endOffset: number;
}

/** Where each needle first occurs under `root`, or null where it does not occur. */
export function findTextSpans(root: Node, needles: ReadonlyArray<string>): Array<TextSpan | null> {
  const index = indexText(root);
  return needles.map((needle) => {
    const folded = foldText(needle);
    if (folded === '') return null;
    const at = index.text.indexOf(folded);
    if (at < 0) return null;
    const last = at + folded.length - 1;
    return {
      startNode: index.nodes[at] as Text,
      startOffset: index.offsets[at] as number,
      endNode: index.nodes[last] as Text,
      endOffset: (index.offsets[last] as number) + 1,
    };
  });
}

/** One Range per needle (the first place it occurs), or null where it does not occur. */
export function findTextRanges(root: Node, needles: ReadonlyArray<string>): Array<Range | null> {
  const doc = root.ownerDocument ?? (root as Document);
  return findTextSpans(root, needles).map((span) => {
    if (span === null) return null;
    const range = std(doc).createRange();
    range.setStart(span.startNode, span.startOffset);
    range.setEnd(span.endNode, span.endOffset);
    return range;
  });
}
