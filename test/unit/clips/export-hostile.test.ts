// @vitest-environment node
// Exports built from a hostile page's data, read back by real parsers of each format (markdown-it as a Markdown
// viewer with HTML and autolinks on, @retorquere/bibtex-parser, JSON.parse): exactly the intended entries, links and
// text, and nothing a viewer would run.
import { describe, expect, it } from 'vitest';
import MarkdownIt from 'markdown-it';
import { parse as parseBibtex } from '@retorquere/bibtex-parser';
import fc from 'fast-check';
import type { Clip } from '../../../lib/clips/clip';
import { toBibtex } from '../../../lib/clips/export/bibtex';
import { toCslJson } from '../../../lib/clips/export/csl-json';
import { toMarkdown } from '../../../lib/clips/export/markdown';
import { toWebAnnotation } from '../../../lib/clips/export/web-annotation';
import { reportToJson, reportToMarkdown, runCheck } from '../../../lib/check/report';
import { markdownInline, safeUrl } from '../../../lib/text/export-escape';

const viewer = new MarkdownIt({ html: true, linkify: true });
const NOW = '2026-11-29T10:00:00.000Z';

const BREAKOUT_URL = 'https://evil.example/story)[click me](javascript:alert(1))';
const BIBTEX_URL = 'https://evil.example/?q=}},\n@misc{injected, title={Injected}';
const IMG_TITLE = 'Budget <img src=x onerror=alert(1)> vote [x](javascript:alert(2)) & <script>alert(3)</script>';
const NUL_TITLE = 'Council\u0000 approves\u0007 budget\u202E';

function hostileClip(id: string, page: Partial<Clip['page']>, extra: Partial<Clip> = {}): Clip {
  return {
    id,
    quote: 'The council voted 7–2 <b>to</b> approve the **budget** _today_',
    note: '# Not a heading\n- not a list\n<iframe src="javascript:alert(4)"></iframe>',
    tags: ['city', 'x](javascript:alert(5)'],
    selectors: {
      quote: { type: 'TextQuoteSelector', exact: 'The council voted', prefix: '', suffix: ' 7–2' },
      position: { type: 'TextPositionSelector', start: 0, end: 17 },
    },
    page: {
      url: 'https://www.lakesideledger.com/2026/11/20/city-council-budget-vote/',
      canonicalUrl: null,
      title: 'City council budget vote',
      authors: ['Dana Whitfield'],
      siteName: 'The Lakeside Ledger',
      publishedTime: '2026-11-20T09:00:00Z',
      lang: 'en',
      ...page,
    },
    pageKey: 'site:lakesideledger.com/2026/11/20/city-council-budget-vote',
    site: 'lakesideledger.com',
    accessedAt: NOW,
    createdAt: NOW,
    updatedAt: NOW,
    coverage: {
      id: 'c1',
      modelwireUrl: 'https://themodelwire.com/article/x)(javascript:alert(6)',
      headline: 'Headline <img src=y onerror=alert(7)>',
    },
    anchor: { status: 'unchecked', checkedAt: null, reason: null },
    ...extra,
  };
}

const CLIPS: Clip[] = [
  hostileClip('clip-0001', { canonicalUrl: BREAKOUT_URL, title: IMG_TITLE }),
  hostileClip('clip-0002', { url: BIBTEX_URL.replace('\n', ''), title: NUL_TITLE, authors: ['Evil } Author @x'] }),
  hostileClip('clip-0003', {}),
];

/** The links and dangerous markup a Markdown viewer would produce. */
function rendered(markdown: string) {
  const html = viewer.render(markdown);
  const hrefs = [...html.matchAll(/<a href="([^"]*)"/g)].map((match) => match[1] as string);
  return { html, hrefs };
}

function expectInert(html: string) {
  expect(html).not.toMatch(/<img|<script|<iframe|<b>/i);
  expect(html).not.toMatch(/href="javascript:/i);
  // eslint-disable-next-line no-control-regex -- looking for control characters
  expect(html).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u202E]/);
}

describe('Markdown export from hostile pages', () => {
  it('renders every page value as text, with exactly one passage link and one Modelwire link per clip', () => {
    const { html, hrefs } = rendered(toMarkdown(CLIPS));
    expectInert(html);
    expect(hrefs.every((href) => href.startsWith('https://'))).toBe(true);
    // Per clip: the passage link, the Modelwire link, and the citation's own address (autolinked by the viewer).
    const passages = hrefs.filter((href) => href.includes('#:~:text='));
    expect(passages).toHaveLength(3);
    expect(passages[0]).toMatch(/^https:\/\/evil\.example\/story%29%5Bclick%20me%5D%28javascript:alert%281%29%29#/);
    expect(hrefs.filter((href) => href.startsWith('https://themodelwire.com/'))).toHaveLength(3);
    // The title shows as its own text.
    expect(html).toContain('Budget &lt;img src=x onerror=alert(1)&gt; vote [x](javascript:alert(2)) &amp;');
    expect(html).toContain('# Not a heading');
    expect(html).not.toMatch(/<h1|<ul/);
  });

  it('an e-mail address in the text stays its own text, whether or not a viewer links it', () => {
    const html = viewer.renderInline(markdownInline('write to 0@0.LA <b>now</b>'));
    expect(html.replace(/<[^>]+>/g, '')).toBe('write to 0@0.LA &lt;b&gt;now&lt;/b&gt;');
    expect(html.replace(/<a href="mailto:0@0\.LA">|<\/a>/g, '')).not.toMatch(/</);
  });

  it('any text, through markdownInline, renders as exactly itself (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-ascii', maxLength: 60 }), (text) => {
        const clean = text
          // eslint-disable-next-line no-control-regex -- removing control characters
          .replace(/[\u0000-\u001F\u007F]/g, '')
          .replace(/\s+/g, ' ')
          .trim();
        fc.pre(clean.length > 0);
        const html = viewer.renderInline(markdownInline(text));
        const decoded = html
          .replace(/<[^>]+>/g, '')
          .replace(/&lt;/g, '<')
          .replace(/&gt;/g, '>')
          .replace(/&quot;/g, '"')
          .replace(/&amp;/g, '&');
        expect(decoded).toBe(clean);
        // A viewer may autolink a domain name or an e-mail address in the text (an http or mailto link, which is
        // fine: the text still reads as itself); nothing else is markup.
        expect(html.replace(/<a href="(?:https?:\/\/|mailto:)[^"]*">|<\/a>/g, '')).not.toMatch(/</);
      }),
      { numRuns: 300 },
    );
  });
});

describe('BibTeX export from hostile pages', () => {
  it('parses back to exactly one entry per clip, each value intact and without control characters', () => {
    const parsed = parseBibtex(toBibtex(CLIPS));
    expect(parsed.errors).toEqual([]);
    expect(parsed.entries).toHaveLength(3);
    expect(parsed.entries.map((entry) => entry.fields.title)).toEqual([
      IMG_TITLE,
      'Council approves budget',
      'City council budget vote',
    ]);
    expect(parsed.entries[1]?.fields.url).toBe(safeUrl(BIBTEX_URL.replace('\n', '')));
    expect(String(parsed.entries[1]?.fields.url)).not.toMatch(/[{}\s]/);
    const [author] = parsed.entries[1]?.fields.author as Array<{ firstName: string; lastName: string }>;
    expect(`${author?.firstName} ${author?.lastName}`).toBe('Evil } Author @x');
    expect(parsed.entries.map((entry) => entry.type)).toEqual(['online', 'online', 'online']);
  });
});

describe('JSON exports from hostile pages', () => {
  it('CSL-JSON and Web Annotation carry no control characters and keep every value as text', () => {
    const csl = JSON.stringify(toCslJson(CLIPS));
    const annotations = JSON.stringify(toWebAnnotation(CLIPS, new Date(NOW)));
    for (const text of [csl, annotations]) {
      expect(text).not.toMatch(/\\u000[0-8]|\\u00(0b|0c|0e|0f|1[0-9a-f])|\u202E|\\u202e/i);
      expect(() => JSON.parse(text)).not.toThrow();
    }
    expect(JSON.parse(csl)[1].title).toBe('Council approves budget');
    expect(JSON.parse(csl)[0].URL).toBe(safeUrl(BREAKOUT_URL));
  });
});

describe('the check report from a hostile page', () => {
  it('renders its Markdown as text with only the article and Modelwire links, and its JSON without controls', () => {
    const report = runCheck(
      {
        url: BREAKOUT_URL,
        title: IMG_TITLE,
        siteName: 'The <b>Ledger</b>',
        text: 'The council voted 7–2 to approve the budget today. <img src=x onerror=alert(1)> was in the text.',
      },
      {
        modelwireUrl: 'https://themodelwire.com/article/x)(javascript:alert(6)',
        headline: 'Council <script>alert(1)</script> budget',
        summary: 'The council voted 9–0 to approve the budget <img src=z onerror=alert(8)> said Mayor Evil\u0000.',
        analystTake: [],
        source: { url: BREAKOUT_URL, domain: 'evil.example' },
        takedownUrl: null,
      },
      new Date(NOW),
    );
    const { html, hrefs } = rendered(reportToMarkdown(report));
    expectInert(html);
    // The two links the report makes; an address quoted in its text may be autolinked by a viewer, as an https link.
    expect(hrefs.slice(0, 2)).toEqual([
      safeUrl(BREAKOUT_URL),
      'https://themodelwire.com/article/x%29%28javascript:alert%286%29',
    ]);
    expect(hrefs.every((href) => href.startsWith('https://'))).toBe(true);
    expect(reportToJson(report)).not.toMatch(/\\u0000/);
  });
});
