import { describe, expect, it } from 'vitest';
import { describeRange, xpathOf } from '../../../lib/anchoring/xpath';

function page(): Document {
  return new DOMParser().parseFromString(
    '<html><body><header><p>Masthead</p></header><main><article><h1>Title</h1><p>First <em>para</em>graph.</p><p>Second paragraph here.</p></article></main></body></html>',
    'text/html',
  );
}

describe('RangeSelector', () => {
  it('names elements by their position among same-named siblings', () => {
    const doc = page();
    const second = doc.querySelectorAll('article p')[1] as Element;
    expect(xpathOf(second)).toBe('/html[1]/body[1]/main[1]/article[1]/p[2]');
    expect(xpathOf(doc.querySelector('header p') as Element)).toBe('/html[1]/body[1]/header[1]/p[1]');
  });

  it('refines each end by its offset in the element’s text, across inline markup', () => {
    const doc = page();
    const first = doc.querySelectorAll('article p')[0] as Element;
    const tail = first.lastChild as Text; // "graph."
    // happy-dom's Range moves its start when its end is set: the boundary points are given as a plain object.
    const range = { startContainer: tail, startOffset: 0, endContainer: tail, endOffset: 5 } as unknown as Range;
    expect(describeRange(range)).toEqual({
      type: 'RangeSelector',
      startSelector: {
        type: 'XPathSelector',
        value: '/html[1]/body[1]/main[1]/article[1]/p[1]',
        refinedBy: { type: 'TextPositionSelector', start: 10, end: 10 },
      },
      endSelector: {
        type: 'XPathSelector',
        value: '/html[1]/body[1]/main[1]/article[1]/p[1]',
        refinedBy: { type: 'TextPositionSelector', start: 15, end: 15 },
      },
    });
  });
});
