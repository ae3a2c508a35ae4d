// Finds passages of text in the DOM and returns them as Ranges, ignoring differences of whitespace, case and quote
// style, and the gaps between block elements.

const SKIPPED = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA']);

function fold(char: string): string {
  if (/[‘’`´]/.test(char)) return "'";
  if (/[“”«»„]/.test(char)) return '"';
  return char.toLowerCase();
}

function foldText(text: string): string {
  let result = '';
  for (const char of text) if (!/\s/.test(char)) result += fold(char);
  return result;
}

interface TextIndex {
  /** The folded text of the root, without whitespace. */
  text: string;
  /** For each character of `text`: its text node and the offset in that node. */
  nodes: Text[];
  offsets: number[];
}

function indexText(root: Node): TextIndex {
  const index: TextIndex = { text: '', nodes: [], offsets: [] };
  const chars: string[] = [];
  // A plain depth-first walk (no TreeWalker callback, which cannot run where page scripts are off).
  let node: Node | null = root.firstChild;
  while (node !== null) {
    const skip = node.nodeType === 1 && SKIPPED.has((node as Element).tagName.toUpperCase());
    if (node.nodeType === 3) {
      const data = (node as Text).data;
      for (let offset = 0; offset < data.length; offset++) {
        const char = data[offset] as string;
        if (/\s/.test(char)) continue;
        chars.push(fold(char));
        index.nodes.push(node as Text);
        index.offsets.push(offset);
      }
    }
    if (!skip && node.firstChild !== null) {
      node = node.firstChild;
      continue;
    }
    while (node !== null && node !== root && node.nextSibling === null) node = node.parentNode;
    node = node === null || node === root ? null : node.nextSibling;
  }
  index.text = chars.join('');
  return index;
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
    const range = doc.createRange();
    range.setStart(span.startNode, span.startOffset);
    range.setEnd(span.endNode, span.endOffset);
    return range;
  });
}
