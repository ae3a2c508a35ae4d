import { describe, expect, it } from 'vitest';
import { findTextSpans, type TextSpan } from '../../../lib/anchoring/text-search';
import { parseHtml } from '../fixtures';

/** The text a span covers, read node by node in document order. */
function spanText(span: TextSpan | null): string | null {
  if (span === null) return null;
  const doc = span.startNode.ownerDocument as Document;
  const walker = doc.createTreeWalker(doc.body, 4);
  let text = '';
  let inside = false;
  for (let node = walker.nextNode() as Text | null; node !== null; node = walker.nextNode() as Text | null) {
    if (node === span.startNode) inside = true;
    if (!inside) continue;
    const start = node === span.startNode ? span.startOffset : 0;
    const end = node === span.endNode ? span.endOffset : node.data.length;
    text += node.data.slice(start, end);
    if (node === span.endNode) break;
  }
  return text;
}

describe('findTextSpans', () => {
  const doc = parseHtml(
    '<article><p>The tool, called <em>Triage   Assist</em>, reads the notes.</p><p>“Quoted” words end here.</p><script>var notText = 1;</script></article>',
  );
  const root = doc.querySelector('article') as Element;

  it('finds passages across elements and whitespace differences', () => {
    const [span] = findTextSpans(root, ['called Triage Assist, reads']);
    expect(spanText(span ?? null)).toBe('called Triage   Assist, reads');
  });

  it('ignores case and quote style, and joins blocks', () => {
    const [span] = findTextSpans(root, ['the notes. "quoted" WORDS']);
    expect(spanText(span ?? null)).toBe('the notes.“Quoted” words');
  });

  it('answers null for text that is not there, or only in scripts', () => {
    expect(findTextSpans(root, ['not in the page', 'var notText', ''])).toEqual([null, null, null]);
  });
});
