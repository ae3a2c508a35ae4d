import { describe, expect, it } from 'vitest';
import { modelwireIdFromUrl, parseModelwirePage } from '../../../lib/modelwire/parse-page';
import { fixtureHtml, parseHtml, sitePage } from '../fixtures';

const FULL =
  'https://themodelwire.com/article/open-source-robotics-kit-ships-with-motion-planner-01KX3K9M1N3P5Q7R9S2T4V6W8X';
const PARTIAL = 'https://themodelwire.com/article/council-budget-vote-summary-in-progress-01KX3M2Y4Z6A8B1C3D5E7F9G2H';

describe('parseModelwirePage', () => {
  it('reads every part of a full page', () => {
    const result = parseModelwirePage(sitePage(FULL), FULL);
    if (!result.ok) throw new Error(result.error);
    const { coverage, missing } = result;
    expect(missing).toEqual([]);
    expect(coverage.id).toBe('01KX3K9M1N3P5Q7R9S2T4V6W8X');
    expect(coverage.modelwireUrl).toBe(FULL);
    expect(coverage.headline).toBe('A hobby robotics kit ships with an open motion planner');
    expect(coverage.summary).toMatch(/^Pallet Robotics is shipping a \$349 robot arm kit/);
    expect(coverage.analystTake).toHaveLength(3);
    expect(coverage.analystTake[0]).toMatch(/^The notable part is not the price/);
    expect(coverage.analystTake[2]).toMatch(/^Watch whether the firmware update/);
    expect(coverage.analystTake.join(' ')).not.toContain('This analysis is generated');
    expect(coverage.drewOn).toEqual([
      {
        title: 'Orbital Compute delays second fab to 2028',
        publisher: 'Circuit Weekly',
        section: 'News',
        url: 'https://circuitweekly.net/news/orbital-compute-delays-second-fab/',
      },
      {
        title: 'Kestrel Labs opens the weights of Kite-14',
        publisher: 'Northbound Tech',
        section: 'Analysis',
        url: null,
      },
    ]);
    expect(coverage.mentions).toEqual(['Pallet Robotics', 'Kestrel Labs', 'Circuit Weekly']);
    expect(coverage.source).toEqual({
      url: 'https://circuitweekly.net/news/open-source-robotics-kit/?utm_source=modelwire',
      domain: 'circuitweekly.net',
      aliases: [],
    });
    expect(coverage.takedownUrl).toBe('https://themodelwire.com/takedown');
    expect(coverage.publishedAt).toBe('2026-11-21T16:00:00.000Z');
  });

  it('gives a partial record for a page missing sections, naming what is missing', () => {
    const result = parseModelwirePage(sitePage(PARTIAL), PARTIAL);
    if (!result.ok) throw new Error(result.error);
    expect(result.coverage.headline).toBe('Lakeside council delays its budget vote');
    expect(result.coverage.summary).toMatch(/^The Lakeside city council put off/);
    expect(result.coverage.source).toEqual({ url: null, domain: 'lakesideledger.com', aliases: [] });
    expect(result.missing).toEqual(['analystTake', 'drewOn', 'mentions', 'takedown', 'publishedAt']);
  });

  it('reads other markup for the same structure: role=heading, inline labels, text-separated mentions', () => {
    const url = 'https://themodelwire.com/article/meta-limits-rival-coding-assistants-01KWA14D2NFAABQ16CGASTKS9Y';
    const result = parseModelwirePage(parseHtml(fixtureHtml('modelwire/inline-markup.html')), url);
    if (!result.ok) throw new Error(result.error);
    const { coverage } = result;
    expect(coverage.headline).toBe('Meta limits staff use of rival coding assistants');
    expect(coverage.summary).toMatch(/^Meta has told employees/);
    expect(coverage.analystTake).toEqual(['First paragraph of the take.', 'Second paragraph, with emphasis.']);
    expect(coverage.mentions).toEqual(['Meta', 'Anthropic', 'Claude', 'OpenAI', 'Codex']);
    expect(coverage.source).toEqual({
      url: 'https://the-decoder.com/meta-restricts-claude-code-and-codex/',
      domain: 'the-decoder.com',
      aliases: [],
    });
    expect(coverage.takedownUrl).toBe('https://themodelwire.com/takedown');
  });

  it('handles mentions given as a list after a heading', () => {
    const url = 'https://themodelwire.com/article/x-01KX3J7A2B4C6D8E1F3G5H7J9K';
    const doc = parseHtml(
      '<h1>Headline here</h1><p>A summary paragraph that is long enough to count as the summary of the article.</p>' +
        '<h2>Mentions</h2><ul><li>Alpha</li><li>Beta Corp</li></ul><p>Modelwire Editorial</p>',
    );
    const result = parseModelwirePage(doc, url);
    expect(result.ok && result.coverage.mentions).toEqual(['Alpha', 'Beta Corp']);
  });

  it('keeps page text as text: markup in it never becomes markup in the record', () => {
    const url = 'https://themodelwire.com/article/x-01KX3J7A2B4C6D8E1F3G5H7J9K';
    const doc = parseHtml(
      '<h1>&lt;img src=x onerror=alert(1)&gt; Headline</h1><p>&lt;script&gt;alert(1)&lt;/script&gt; is what this long summary paragraph says.</p>',
    );
    const result = parseModelwirePage(doc, url);
    if (!result.ok) throw new Error(result.error);
    expect(result.coverage.headline).toBe('<img src=x onerror=alert(1)> Headline');
    expect(result.coverage.summary).toContain('<script>');
  });

  it('refuses a page without an article id, or without a headline, with a reason', () => {
    expect(parseModelwirePage(sitePage(FULL), 'https://themodelwire.com/article/no-id-here')).toEqual({
      ok: false,
      error: 'This address has no Modelwire article id at the end of its slug.',
    });
    const result = parseModelwirePage(
      parseHtml('<p>nothing</p>'),
      'https://themodelwire.com/article/x-01KX3J7A2B4C6D8E1F3G5H7J9K',
    );
    expect(result.ok).toBe(false);
  });

  it('ignores links to non-http schemes', () => {
    const url = 'https://themodelwire.com/article/x-01KX3J7A2B4C6D8E1F3G5H7J9K';
    const doc = parseHtml(
      '<h1>Headline</h1><p>A summary paragraph that is long enough to count as the summary of the article.</p>' +
        '<p>The full content lives on example.com. <a href="javascript:alert(1)">source</a> <a href="javascript:void(0)">takedown page</a></p>',
    );
    const result = parseModelwirePage(doc, url);
    if (!result.ok) throw new Error(result.error);
    expect(result.coverage.source).toEqual({ url: null, domain: 'example.com', aliases: [] });
    expect(result.coverage.takedownUrl).toBeNull();
  });

  it('survives deeply nested and wide markup', () => {
    const url = 'https://themodelwire.com/article/x-01KX3J7A2B4C6D8E1F3G5H7J9K';
    // Chromium's parser flattens nesting past 512 levels; 1,000 is past anything a browser would hand us.
    const deep = `<h1>Deep</h1>${'<div>'.repeat(1000)}<p>Inside a very deep nest, still a paragraph of summary text.</p>${'</div>'.repeat(1000)}`;
    expect(parseModelwirePage(parseHtml(deep), url).ok).toBe(true);
    const wide = `<h1>Wide</h1>${'<p>filler paragraph text</p>'.repeat(5000)}`;
    expect(parseModelwirePage(parseHtml(wide), url).ok).toBe(true);
  });
});

describe('modelwireIdFromUrl', () => {
  it.each([
    ['https://themodelwire.com/article/meta-restricts-use-01KWA14D2NFAABQ16CGASTKS9Y', '01KWA14D2NFAABQ16CGASTKS9Y'],
    ['https://themodelwire.com/article/meta-restricts-use-01kwa14d2nfaabq16cgastks9y/', '01KWA14D2NFAABQ16CGASTKS9Y'],
    ['https://themodelwire.com/article/short', null],
    ['https://themodelwire.com/article/has-an-ILLEGAL-letter-01KWA14D2NFAABQ16CGASTKSIU', null],
    ['not a url', null],
  ])('%s → %s', (url, id) => {
    expect(modelwireIdFromUrl(url)).toBe(id);
  });
});
