import { describe, expect, it } from 'vitest';
import { extractMainText } from '../../../lib/article/main-text';
import { parseHtml, sitePage } from '../fixtures';

describe('extractMainText', () => {
  it('reads the story and leaves out the page furniture', () => {
    const { text, root, blocks } = extractMainText(
      sitePage('https://circuitweekly.net/news/orbital-compute-delays-second-fab/'),
    );
    expect(root?.className).toBe('story-body');
    expect(blocks).toBe(5);
    expect(text.startsWith('Orbital Compute will not start volume production')).toBe(true);
    expect(text).not.toContain('Most read');
    expect(text).not.toContain('CIRCUIT WEEKLY');
  });

  it('prefers the <article> that holds the whole story', () => {
    const { text, root } = extractMainText(
      sitePage('https://www.lakesideledger.com/2026/11/18/regional-hospitals-pilot-ai-triage-assistant/'),
    );
    expect(root?.tagName).toBe('ARTICLE');
    expect(text).toContain('Three emergency departments run by the Harbor Health Network');
    expect(text).toContain('Patient advocates welcomed the confirmation step');
    expect(text).not.toContain('All rights reserved');
  });

  it('skips hidden blocks, navigation, link lists and share widgets', () => {
    const doc = parseHtml(`<main>
      <nav><p>Home and sections of the site, a navigation bar with plenty of words in it.</p></nav>
      <p>First paragraph of the story, long enough to count as real text in an article.</p>
      <p hidden>A hidden paragraph that a reader never sees on the page at all.</p>
      <div class="share-tools"><p>Share this story on every network you can think of today.</p></div>
      <p><a href="/a">A paragraph</a> <a href="/b">made only</a> <a href="/c">of links to other stories</a></p>
      <p>Second paragraph of the story, again long enough to count as real text.</p>
    </main>`);
    expect(extractMainText(doc).text).toBe(
      'First paragraph of the story, long enough to count as real text in an article.\n\nSecond paragraph of the story, again long enough to count as real text.',
    );
  });

  it('returns nothing, without failing, for a page without text', () => {
    expect(extractMainText(parseHtml('<div><img src="x.png"></div>'))).toEqual({ text: '', root: null, blocks: 0 });
  });
});
