// Pages that try to break detection and extraction: nothing may throw, and none of them is an article.
import { describe, expect, it } from 'vitest';
import { describePage } from '../../../lib/article/describe-page';
import { extractMainText } from '../../../lib/article/main-text';
import { jsonLdNodes } from '../../../lib/article/json-ld';
import { parseHtml } from '../fixtures';

const URL = 'https://example.com/news/a-story-at-the-end-of-a-deep-page';

function expectCalm(doc: Document, url = URL) {
  const page = describePage(doc, url);
  const main = extractMainText(doc);
  expect(page.isArticle, page.reasons.join('; ')).toBe(false);
  return { page, main };
}

describe('hostile JSON-LD', () => {
  it.each([
    ['truncated', '{"@type": "NewsArticle", "headline": '],
    ['a number', '42'],
    ['null', 'null'],
    ['an object for @type', '{"@type": {"toString": 1}, "headline": {"valueOf": 2}}'],
    ['__proto__ keys', '{"__proto__": {"isArticle": true}, "@type": "WebPage"}'],
    ['1,000-deep nesting', `${'{"@graph": ['.repeat(1000)}{"@type": "NewsArticle"}${']}'.repeat(1000)}`],
    ['100,000 nodes', JSON.stringify({ '@graph': Array.from({ length: 100_000 }, () => ({ '@type': 'Thing' })) })],
    ['a 1 MB block', JSON.stringify({ '@type': 'NewsArticle', headline: 'x'.repeat(1_000_000) })],
  ])('%s: no exception, no article', (_, json) => {
    const doc = parseHtml(
      `<html><head><script type="application/ld+json">${json}</script></head><body><p>Short.</p></body></html>`,
    );
    expectCalm(doc);
    expect(jsonLdNodes(doc).length).toBeLessThanOrEqual(500);
  });

  it('ignores prototype pollution attempts', () => {
    const doc = parseHtml('<script type="application/ld+json">{"__proto__": {"polluted": true}}</script><p>x</p>');
    jsonLdNodes(doc);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('odd documents', () => {
  it('a frameset page', () => {
    expectCalm(parseHtml('<html><frameset cols="50%,50%"><frame src="a.html"><frame src="b.html"></frameset></html>'));
  });

  it('a page of frames around nothing else', () => {
    const { main } = expectCalm(
      parseHtml('<body><iframe src="about:blank"></iframe><iframe srcdoc="<p>inner</p>"></iframe></body>'),
    );
    expect(main.text).toBe('');
  });

  it('an SVG document', () => {
    const svg = new DOMParser().parseFromString(
      '<svg xmlns="http://www.w3.org/2000/svg"><text>hello</text></svg>',
      'image/svg+xml',
    );
    expect(describePage(svg, URL).isArticle).toBe(false);
  });

  it('an XML feed', () => {
    const xml = new DOMParser().parseFromString(
      '<rss><channel><item><title>x</title></item></channel></rss>',
      'application/xml',
    );
    expect(describePage(xml, 'https://example.com/feed.xml').isArticle).toBe(false);
  });

  it('the PDF viewer', () => {
    expectCalm(
      parseHtml(
        '<html><body style="margin:0"><embed type="application/pdf" src="about:blank" width="100%" height="100%"></body></html>',
      ),
    );
  });

  it('about:blank', () => {
    const { page } = expectCalm(parseHtml(''), 'about:blank');
    expect(page.reasons).toEqual(['not a web page']);
  });

  it('an error page', () => {
    expectCalm(
      parseHtml(
        '<title>502 Bad Gateway</title><h1>Error 502</h1><p>The server returned an invalid response. Please try again in a few minutes; if the problem persists, contact the site administrator with the time of the error.</p>',
      ),
    );
  });
});

// Heavy inputs: these check behaviour (no throw, bounded output), not speed, so they get a generous time limit that
// a busy 2-core machine also meets; speed is measured by `npm run bench:extract`.
describe('huge and deep DOMs', { timeout: 60_000 }, () => {
  it('20,000 short paragraphs: no article, text bounded', () => {
    const { main } = expectCalm(parseHtml(`<div>${'<p>tiny</p>'.repeat(20_000)}</div>`));
    expect(main.text.length).toBeLessThan(200_000);
  });

  it('microdata items nested 1,000 deep, each claiming to be the image', () => {
    const doc = parseHtml(
      `<div itemscope itemtype="https://schema.org/NewsArticle">${'<div itemprop="image url name" itemscope itemtype="https://schema.org/ImageObject">'.repeat(1000)}x${'</div>'.repeat(1000)}</div>`,
    );
    const page = describePage(doc, URL);
    expect(page.image).toBeNull();
    expect(() => extractMainText(doc)).not.toThrow();
  });

  it('300 teaser headings 500 elements deep, each with an excerpt', () => {
    const teaser = (n: number) =>
      `<div><h2><a href="/story-${n}">Story ${n}</a></h2><p>An excerpt long enough to count as prose, clause after clause, well past the length of a real paragraph, for story ${n}, and then some more words so that it is clearly longer than the threshold.</p></div>`;
    const cards = Array.from({ length: 300 }, (_, n) => teaser(n)).join('');
    const { page } = expectCalm(
      parseHtml(
        `<html><head><meta property="og:type" content="article"></head><body>${'<div>'.repeat(500)}${cards}${'</div>'.repeat(500)}</body></html>`,
      ),
      'https://example.com/category/news/',
    );
    expect(page.reasons.join(' ')).toContain('teasers of other pages');
  });

  it('an article buried 1,000 elements deep is still read', () => {
    const paragraph =
      '<p>This sentence is long enough to be prose, and it goes on, clause after clause, well past the length that counts as a real paragraph of an article.</p>';
    const doc = parseHtml(
      `<html><head><meta property="og:type" content="article"></head><body>${'<div>'.repeat(1000)}${paragraph.repeat(8)}${'</div>'.repeat(1000)}</body></html>`,
    );
    const page = describePage(doc, URL);
    expect(page.isArticle).toBe(true);
    expect(extractMainText(doc).blocks).toBe(8);
  });
});
