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

  const paragraph = (topic: string) =>
    `<p>${topic}, and what followed: the council met twice, the budget moved, and residents wrote letters about it.</p>`;

  it('does not take a listing of other stories for the story, or add it to the story', () => {
    const teaser = (n: number) =>
      `<article class="post"><h3>Other story ${n}</h3>${paragraph(`Teaser ${n} with its own long summary`)}${paragraph(`More of teaser ${n}`)}</article>`;
    const doc = parseHtml(`<div id="primary">
      <article class="post"><h1>The story</h1>${paragraph('The story itself')}${paragraph('The story, later')}</article>
      <article class="related"><h3>You may like</h3>${teaser(1)}${teaser(2)}${teaser(3)}</article>
    </div>`);
    const { text } = extractMainText(doc);
    expect(text).toContain('The story itself');
    expect(text).not.toContain('Teaser');
  });

  it('prefers the story the page marks up as one (schema.org microdata)', () => {
    const doc = parseHtml(`<div>
      <div itemscope itemtype="https://schema.org/BlogPosting"><h1>Short post</h1>${paragraph('The short post')}</div>
      <div class="more">${paragraph('An excerpt of another post')}${paragraph('Another excerpt')}</div>
    </div>`);
    const { text } = extractMainText(doc);
    expect(text).toContain('The short post');
    expect(text).not.toContain('excerpt');
  });

  it('counts teaser cards wrapped in a link as links', () => {
    const card = (n: number) =>
      `<a href="/story-${n}"><div>${paragraph(`Teaser card ${n}, with a summary, a date, a section`)}</div></a>`;
    const doc = parseHtml(`<main><div class="body">${paragraph('The story')}${paragraph('The story again')}</div>
      <div class="cards">${[1, 2, 3, 4, 5, 6].map(card).join('')}</div></main>`);
    expect(extractMainText(doc).text).not.toContain('Teaser card');
  });

  it('keeps a short sentence that sits between the story’s blocks', () => {
    const doc = parseHtml(`<div class="body"><p>Good morning. Here is the news.</p>
      <ol><li>${paragraph('First item')}</li><li>${paragraph('Second item')}</li><li>${paragraph('Third item')}</li></ol>
      <p>Menu</p></div>`);
    const { text } = extractMainText(doc);
    expect(text.startsWith('Good morning. Here is the news.')).toBe(true);
    expect(text).not.toContain('Menu');
  });

  it('drops label lines and a bare link to the page’s own site, keeps other links', () => {
    const doc = new DOMParser().parseFromString(
      `<html><body><div class="body">${paragraph('The story')}<p>Caption</p><p>https://www.example.com/story-permalink</p>
      <p>https://archive.example.org/report.pdf</p>${paragraph('The story again')}<p>Explore further</p></div></body></html>`,
      'text/html',
    );
    Object.defineProperty(doc, 'URL', { value: 'https://www.example.com/story' });
    const { text } = extractMainText(doc);
    expect(text).not.toContain('Caption');
    expect(text).not.toContain('story-permalink');
    expect(text).not.toContain('Explore further');
    expect(text).toContain('https://archive.example.org/report.pdf');
  });

  it('leaves out what hiding classes hide, but not what shows again on wider screens', () => {
    const doc = parseHtml(`<main>${paragraph('The story')}
      <p class="sr-only">Skip to the comments, past the rest of the story, for screen reader users only.</p>
      <div class="ad hidden"><p>An advertisement's text, long enough to be read as a paragraph of the story by mistake.</p></div>
      <div class="hidden md:block">${paragraph('Shown on desktop')}</div>
      <div class="d-none d-lg-block">${paragraph('Shown on large screens')}</div>
      ${paragraph('The story again')}</main>`);
    const { text } = extractMainText(doc);
    expect(text).not.toContain('screen reader');
    expect(text).not.toContain('advertisement');
    expect(text).toContain('Shown on desktop');
    expect(text).toContain('Shown on large screens');
  });

  it('leaves out a gallery’s controls and credit lines, not figures the story gives', () => {
    const story = Array.from(
      { length: 4 },
      (_, i) => `<p>Paragraph ${i} of the story, with commas, clauses and enough words to read as prose.</p>`,
    ).join('');
    const gallery = ['Image 1 of 8', '1 / 8', '1of/8', 'Close', 'Next', 'Photo: Hau Dinh, AP']
      .map((line) => `<div>${line}</div>`)
      .join('');
    const main = extractMainText(parseHtml(`<article><h1>Report</h1>${gallery}${story}<p>23/16</p></article>`));
    expect(main.text.split('\n\n')).toEqual([
      ...Array.from(
        { length: 4 },
        (_, i) => `Paragraph ${i} of the story, with commas, clauses and enough words to read as prose.`,
      ),
      '23/16',
    ]);
  });

  it('leaves out a heading that ends the text, over links it leaves out, but not text set in heading tags', () => {
    const story = [
      '<p>First paragraph of the story, long enough to count as real text in an article.</p>',
      '<h2>What the council decided</h2>',
      '<p>Second paragraph of the story, again long enough to count as real text.</p>',
    ].join('');
    const list =
      '<ul><li><a href="/a">Museum reopens its west wing</a></li><li><a href="/b">Bakery wins a prize</a></li></ul>';
    const { text, linkWords } = extractMainText(
      parseHtml(`<main>${story}<h3>More stories from <a href="/news">Harbour</a></h3>${list}</main>`),
    );
    expect(text).toContain('What the council decided');
    expect(text.endsWith('again long enough to count as real text.')).toBe(true);
    expect(linkWords).toBe(0);
    // A site that sets its last paragraph in a heading tag: a sentence, not a heading.
    const last = '<h3>Still, the ferry will run on Sundays from May, the operator said.</h3>';
    expect(extractMainText(parseHtml(`<main>${story}${last}${list}</main>`)).text).toContain('on Sundays from May');
  });

  it('leaves out the heading of a list of links inside the story, not a section heading over one link', () => {
    const paragraph = (i: number) =>
      `<p>Paragraph ${i} of the story, long enough to count as real text in an article about the ferry.</p>`;
    const links = [1, 2, 3].map((i) => `<li><a href="/n/${i}">Other story number ${i}</a></li>`).join('');
    const doc = parseHtml(
      `<main>${paragraph(1)}<h3>More from this section</h3><ul>${links}</ul>${paragraph(2)}` +
        `<h2>What the council decided</h2><p><a href="/report">The council's report</a></p>${paragraph(3)}</main>`,
    );
    const { text } = extractMainText(doc);
    expect(text).not.toContain('More from this section');
    expect(text).toContain('What the council decided');
    expect(text.split('\n\n')).toHaveLength(4);
    // The list's heading counted out once, when the end of the text takes the headings before it too.
    const atEnd = extractMainText(
      parseHtml(
        `<main>${paragraph(1)}${paragraph(2)}<h3>More from <a href="/h">Harbour</a> news</h3><ul>${links}</ul><h3>Also</h3></main>`,
      ),
    );
    expect(atEnd.text.split('\n\n')).toHaveLength(2);
    expect(atEnd.linkWords).toBe(0);
  });

  it('counts the words of links in the text it reads', () => {
    const story = Array.from(
      { length: 4 },
      (_, i) =>
        `<p>Paragraph ${i} of the story, with commas, clauses and a <a href="/r${i}">linked report</a> in it.</p>`,
    ).join('');
    const main = extractMainText(parseHtml(`<article><h1>Report</h1>${story}</article>`));
    expect(main.text).toContain('Paragraph 3 of the story');
    expect(main.linkWords).toBe(8);
  });

  it('returns nothing, without failing, for a page without text', () => {
    expect(extractMainText(parseHtml('<div><img src="x.png"></div>'))).toEqual({
      text: '',
      root: null,
      blocks: 0,
      cut: false,
      linkWords: 0,
    });
  });

  it('says when a page had more nodes than it reads, and reads the first part', () => {
    const story =
      '<p>' + 'The council voted to keep the library open on Sundays after a long debate. '.repeat(6) + '</p>';
    const huge = parseHtml(`<article>${story}${story}</article><div>${'<i></i>'.repeat(61_000)}</div>`);
    const read = extractMainText(huge);
    expect(read.cut).toBe(true);
    expect(read.text).toContain('The council voted to keep the library open');
    expect(extractMainText(parseHtml(`<article>${story}${story}</article>`)).cut).toBe(false);
  }, 30_000);
});
