import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { detectArticle } from '../../../lib/article/detect';
import { describePage } from '../../../lib/article/describe-page';
import { extractMetadata } from '../../../lib/article/metadata';
import { parseHtml, sitePage } from '../fixtures';

const ARTICLES = [
  'https://www.lakesideledger.com/2026/11/18/regional-hospitals-pilot-ai-triage-assistant/',
  'https://www.lakesideledger.com/2026/11/20/city-council-budget-vote/',
  'https://circuitweekly.net/news/orbital-compute-delays-second-fab/',
  'https://circuitweekly.net/news/open-source-robotics-kit/',
  'https://northbound.tech/analysis/kestrel-labs-opens-model-weights',
];
const NOT_ARTICLES = [
  'https://www.lakesideledger.com/',
  'https://northbound.tech/app/',
  'https://themodelwire.com/takedown',
];

describe('detectArticle', () => {
  it.each(ARTICLES)('calls %s an article', (url) => {
    const detection = detectArticle(sitePage(url), url);
    expect(detection.isArticle).toBe(true);
    expect(detection.confidence).toBeGreaterThanOrEqual(0.5);
  });

  it.each(NOT_ARTICLES)('does not call %s an article', (url) => {
    expect(detectArticle(sitePage(url), url).isArticle).toBe(false);
  });

  it('gives its reasons, strongest first', () => {
    const url = ARTICLES[0] as string;
    const { reasons } = detectArticle(sitePage(url), url);
    expect(reasons[0]).toBe('structured data declares a NewsArticle');
    expect(reasons).toContain('og:type is article');
  });

  describe('on the detection fixtures (pages written for Lens, one per kind of page)', () => {
    const root = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/detection');
    const cases = ['articles', 'non-articles'].flatMap((group) =>
      readdirSync(join(root, group)).map((name) => {
        const expected = JSON.parse(readFileSync(join(root, group, name, 'expected.json'), 'utf8')) as {
          url: string;
          isArticle: boolean;
        };
        return [`${group}/${name}`, expected] as const;
      }),
    );
    it.each(cases)('%s', (key, expected) => {
      const doc = parseHtml(readFileSync(join(root, key, 'page.html'), 'utf8'));
      const detection = detectArticle(doc, expected.url);
      expect(detection.isArticle, detection.reasons.join('; ')).toBe(expected.isArticle);
    });
  });

  it.each([
    ['malformed JSON-LD', '<script type="application/ld+json">{"@type": "NewsArticle",</script><p>hi</p>'],
    ['JSON-LD that is a number', '<script type="application/ld+json">42</script>'],
    ['JSON-LD with a hostile @type', '<script type="application/ld+json">{"@type": {"toString": 1}}</script>'],
    ['an empty document', ''],
    ['a login form', '<form><input type="password"></form>'],
  ])('survives %s without calling it an article', (_, html) => {
    expect(detectArticle(parseHtml(html), 'https://example.com/x').isArticle).toBe(false);
  });

  it('does not call an XML document an article', () => {
    const xml = new DOMParser().parseFromString('<rss><channel><item>x</item></channel></rss>', 'application/xml');
    expect(detectArticle(xml, 'https://example.com/feed.xml').isArticle).toBe(false);
  });
});

describe('extractMetadata', () => {
  it('reads JSON-LD first, then meta tags', () => {
    const url = ARTICLES[0] as string;
    expect(extractMetadata(sitePage(url), `${url}?utm_source=x`)).toEqual({
      url: `${url}?utm_source=x`,
      canonicalUrl: url,
      ogUrl: url,
      structuredUrl: null,
      alternates: [],
      title: 'Regional hospitals pilot an AI triage assistant',
      siteName: 'The Lakeside Ledger',
      byline: 'Dana Whitfield',
      authors: ['Dana Whitfield'],
      publishedTime: '2026-11-18T07:30:00-05:00',
      modifiedTime: null,
      lang: 'en',
      image: null,
      section: null,
      keywords: [],
      description:
        'Three emergency departments in the Harbor Health Network will test software that suggests an urgency score for walk-in patients.',
    });
  });

  it('reads @graph, parsely and citation_* metadata', () => {
    const council = extractMetadata(sitePage(ARTICLES[1] as string), ARTICLES[1] as string);
    expect(council).toMatchObject({ byline: 'Tomás Ferreira', publishedTime: '2026-11-20T18:10:00-05:00' });
    const circuit = extractMetadata(sitePage(ARTICLES[2] as string), ARTICLES[2] as string);
    expect(circuit).toMatchObject({
      byline: 'Priya Raman',
      siteName: 'Circuit Weekly',
      title: 'Orbital Compute delays second fab to 2028',
    });
    const northbound = extractMetadata(sitePage(ARTICLES[4] as string), ARTICLES[4] as string);
    expect(northbound).toMatchObject({ byline: 'Mei Tanaka', publishedTime: '2026-11-19T00:00:00' });
  });

  it('does not take the site name for the headline when JSON-LD puts it in "name"', () => {
    const ld = {
      '@type': 'NewsArticle',
      name: 'Harbour Post',
      headline: 'Ferry timetable changes after the storm',
      publisher: { '@type': 'Organization', name: 'Harbour Post' },
    };
    const doc = parseHtml(
      `<html><head><title>Ferries | Harbour Post</title><script type="application/ld+json">${JSON.stringify(ld)}</script></head><body><h1>Ferries</h1></body></html>`,
    );
    expect(extractMetadata(doc, 'https://harbourpost.example/ferries').title).toBe(
      'Ferry timetable changes after the storm',
    );
    const onlyName = parseHtml(
      `<html><head><title>Ferry timetable changes | Harbour Post</title><meta property="og:title" content="Ferry timetable changes"><script type="application/ld+json">${JSON.stringify({ ...ld, headline: undefined })}</script></head><body></body></html>`,
    );
    expect(extractMetadata(onlyName, 'https://harbourpost.example/ferries').title).toBe('Ferry timetable changes');
  });

  it('describePage joins detection and metadata', () => {
    const page = describePage(sitePage(ARTICLES[3] as string), ARTICLES[3] as string);
    expect(page).toMatchObject({
      isArticle: true,
      title: 'A hobby robotics kit ships with an open motion planner',
      byline: 'Jonas Eklund',
    });
  });
});

describe('home page addresses', () => {
  const teaser = (n: number) =>
    `<article><h2><a href="/2026/11/story-${n}/">Story ${n} of the day with a headline</a></h2><p>An excerpt of story ${n}, long enough to read as prose on the page, clause after clause, until it passes the length of a real paragraph.</p></article>`;
  const page = `<html><head><meta property="og:type" content="website"></head><body>${[1, 2, 3].map(teaser).join('')}</body></html>`;
  it.each([
    '/',
    '/index.html',
    '/en/',
    '/pt-br/',
    '/de/index.php',
    '/home',
    '/?lang=fr',
    '/?utm_source=feed&ref=x',
    '/#top',
  ])('%s is a home page', (path) => {
    expect(detectArticle(parseHtml(page), `https://news.example${path}`).reasons).toContain('is the site’s home page');
  });
  it.each([
    '/en/2026/11/story-1/',
    '/homes-for-sale-prices-rise',
    '/us/politics/',
    '/deal',
    '/?p=4127',
    '/index.php?option=com_content&view=article&id=12',
    '/?q=harbour+bridge',
    '/#/news/2026/11/20/harbour-bridge',
    '/#!/story/4127',
  ])('%s is not', (path) => {
    expect(detectArticle(parseHtml(page), `https://news.example${path}`).reasons).not.toContain(
      'is the site’s home page',
    );
  });
  it('finds a story at a query address that picks it (WordPress without pretty links)', () => {
    const paragraph = (n: number) =>
      `<p>Paragraph ${n} of the story: the council met on Tuesday evening, heard from residents, engineers and the ferry operator, and argued over the cost until well after midnight.</p>`;
    const head =
      '<meta property="og:type" content="article"><meta property="article:published_time" content="2026-11-20T09:00:00Z">';
    const story = parseHtml(
      `<html><head>${head}</head><body><h1>The harbour bridge vote</h1>${[1, 2, 3, 4, 5, 6].map(paragraph).join('')}</body></html>`,
    );
    expect(detectArticle(story, 'https://blog.example/?p=4127').isArticle).toBe(true);
  });
});

describe('pages about the site itself, discussions, and non-article structured data', () => {
  const prose = (n: number) =>
    Array.from(
      { length: n },
      (_, i) =>
        `<p>Paragraph ${i} of a page with plenty of running prose: who the people behind it are, what they do, since when and for whom, written out in full sentences that read like an article's.</p>`,
    ).join('');
  // Dated under its headline, as articles are: an undated page at an address that names no story is another matter
  // (see "undated pages" below).
  const page = (head = '') =>
    parseHtml(
      `<html><head>${head}</head><body><h1>A page</h1><p><time datetime="2026-11-20">20 November 2026</time></p>${prose(8)}</body></html>`,
    );

  it.each([
    '/about/',
    '/about',
    '/en/about-us/',
    '/uber-uns/',
    '/%C3%BCber-uns/',
    '/kontakt/impressum-agentur/',
    '/legal/privacy-policy.html',
    '/contact-us',
  ])('%s is an about, contact or legal page, not an article, however much prose it has', (path) => {
    const detection = detectArticle(page(), `https://org.example${path}`);
    expect(detection.reasons).toContain('is an about, contact or legal page');
    expect(detection.isArticle).toBe(false);
  });

  it.each([
    '/2026/11/about-face-on-rates/',
    '/news/contact-tracing-ends',
    '/legal-affairs/2026/court-rules',
    '/blog/terms-we-use',
  ])('%s is not (the words only count as a whole part of the address)', (path) => {
    const detection = detectArticle(page(), `https://news.example${path}`);
    expect(detection.reasons).not.toContain('is an about, contact or legal page');
    expect(detection.isArticle).toBe(true);
  });

  it('an about page that the site marks og:type article (as it marks every page) is still an about page', () => {
    const marked = page('<meta property="og:type" content="article">');
    const about = detectArticle(marked, 'https://duo.example/uber-uns/');
    expect(about.reasons).not.toContain('og:type is article');
    expect(about.isArticle).toBe(false);
    // On an article's address the same mark counts.
    expect(detectArticle(marked, 'https://duo.example/2026/11/new-programme/').reasons).toContain('og:type is article');
  });

  it.each([
    'https://twitter.com/someone/status/745276948213968896',
    'https://x.com/someone/status/1861234567890123456?s=20',
    'https://mastodon.social/@someone/113456789012345678',
  ])('%s is a post on a social network, whatever its markup says', (url) => {
    const detection = detectArticle(page('<meta property="og:type" content="article">'), url);
    expect(detection.reasons).toContain('is a post on a social network');
    expect(detection.isArticle).toBe(false);
  });

  it.each(['https://docs.tool.example/engine/install/', 'https://wiki.lang.example/moin/BeginnersGuide'])(
    '%s is on a documentation or wiki site, even with a date in its metadata',
    (url) => {
      const detection = detectArticle(
        page('<meta property="article:published_time" content="2026-11-02T10:00:00Z">'),
        url,
      );
      expect(detection.reasons).toContain('is on a documentation or wiki site');
      expect(detection.isArticle).toBe(false);
    },
  );

  it('a post on a docs site that declares itself an article stays one', () => {
    const detection = detectArticle(
      page(
        '<script type="application/ld+json">{"@context": "https://schema.org", "@type": "BlogPosting", "headline": "x"}</script>',
      ),
      'https://docs.tool.example/blog/release-notes-4-2/',
    );
    expect(detection.reasons).not.toContain('is on a documentation or wiki site');
    expect(detection.isArticle).toBe(true);
  });

  it('a comments page is a discussion', () => {
    const detection = detectArticle(page(), 'https://forum.example/r/python/comments/1bbbwk/whats_in_init_py/');
    expect(detection.reasons).toContain('its address is a forum’s');
    expect(detection.isArticle).toBe(false);
  });

  it('posts with Quote and Reply under each are a discussion; posts a story embeds, with only Report, are not', () => {
    const post = (controls: string[]) =>
      `<div><p>@someone: a post of a few words.</p>${controls.map((label) => `<a href="/post/1/${label.toLowerCase()}">${label}</a>`).join(' ')}</div>`;
    const thread = detectArticle(
      parseHtml(`<html><body><h1>A thread</h1>${prose(8)}${post(['Quote', 'Report']).repeat(3)}</body></html>`),
      'https://board.example/t/harbour-bridge/4127',
    );
    expect(thread.reasons).toContain('is a discussion (6 quote and reply buttons)');
    const story = detectArticle(
      parseHtml(`<html><body><h1>A story</h1>${prose(8)}${post(['Report']).repeat(4)}</body></html>`),
      'https://news.example/2026/11/20/harbour-bridge',
    );
    expect(story.reasons.some((reason) => reason.startsWith('is a discussion'))).toBe(false);
    expect(story.isArticle).toBe(true);
  });

  it('Reply links after a heading that says comments are readers’, whatever the class names', () => {
    const comment = (n: number) =>
      `<div class="x${n}"><p>Reader ${n}: a comment of a sentence or two.</p><a href="#reply-${n}">Reply</a> <a href="#quote-${n}">Quote</a></div>`;
    const detection = detectArticle(
      parseHtml(
        `<html><body><h1>A post</h1><p><time datetime="2026-11-20">20 November 2026</time></p>${prose(8)}<h2>4 Comments</h2>${[1, 2, 3, 4].map(comment).join('')}</body></html>`,
      ),
      'https://blog.example/2026/11/20/harbour-bridge/',
    );
    expect(detection.reasons.some((reason) => reason.startsWith('is a discussion'))).toBe(false);
    expect(detection.isArticle).toBe(true);
  });

  it('a "Recent comments" box above the headline is the site’s: the posts below it stay a discussion', () => {
    const post = `<div><p>@someone: a post of a few words.</p><a href="/post/1/quote">Quote</a> <a href="/post/1/reply">Reply</a></div>`;
    const detection = detectArticle(
      parseHtml(
        `<html><body><div><h3>Recent comments</h3><a href="/t/other/12">On another thread</a></div><h1>A thread</h1>${prose(8)}${post.repeat(3)}</body></html>`,
      ),
      'https://board.example/t/harbour-bridge/4127',
    );
    expect(detection.reasons).toContain('is a discussion (6 quote and reply buttons)');
  });

  it.each(['Recipe', 'ItemPage', 'MusicGroup', 'PodcastEpisode', 'AboutPage'])(
    'structured data declaring a %s outweighs long prose',
    (type) => {
      const detection = detectArticle(
        page(
          `<script type="application/ld+json">{"@context": "https://schema.org", "@type": "${type}", "name": "x"}</script>`,
        ),
        'https://site.example/page/123',
      );
      expect(detection.reasons).toContain(`structured data declares a ${type}, not an article`);
      expect(detection.isArticle).toBe(false);
    },
  );

  it('og:type product.item is a product', () => {
    const detection = detectArticle(
      page('<meta property="og:type" content="product.item">'),
      'https://shop.example/p/1',
    );
    expect(detection.reasons).toContain('og:type is product.item');
    expect(detection.isArticle).toBe(false);
  });
});

describe('prose in Japanese and Chinese', () => {
  // The same short news item (three paragraphs, no metadata) in English and in Japanese: one CJK character carries
  // about what three English letters do, so both must count as the same amount of prose.
  const english = [
    'The city council approved a new budget on Tuesday that raises spending on public libraries and parks by a modest amount, after a long debate that lasted well into the evening hours. Several amendments were tabled, but in the end the original plan passed by a clear majority.',
    'Officials said the increase would allow the central library to open on Sunday afternoons from next spring, and would pay for repairs to three playgrounds in the eastern districts, where parents had complained for years about broken swings.',
    'Several members criticised the plan, saying that road maintenance had been neglected again, and called for a separate vote on transport spending before the end of the year, when the next budget review is due.',
  ];
  const japanese = [
    '市議会は火曜日、公立図書館と公園への支出をわずかに増やす新しい予算案を可決した。審議は夜遅くまで続き、複数の議員が修正案を提出したが、最終的には賛成多数で原案通り可決された。',
    '市の担当者によると、この増額により来年の春から中央図書館が日曜日の午後にも開館できるようになり、東部地区にある三つの公園の遊具の修理費用も賄えるという。ブランコが壊れたままだと保護者から長年苦情が出ていた。',
    '一方で、道路の維持管理が再び後回しにされたとして計画を批判する議員もおり、年内に交通関連の支出について別途採決を行うよう求める声が上がった。次の予算見直しは年末に予定されている。',
  ];
  const page = (paragraphs: string[]) =>
    parseHtml(
      `<html><body><h1>Council passes budget</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('')}</body></html>`,
    );

  it('a short Japanese item counts as much running prose as its English version', () => {
    const en = detectArticle(page(english), 'https://news.example/2026/11/budget');
    const ja = detectArticle(page(japanese), 'https://news.example.jp/2026/11/budget');
    expect(en.reasons).toContain('has some running prose');
    expect(ja.reasons).toContain('has some running prose');
    expect(ja.isArticle).toBe(en.isArticle);
    expect(ja.isArticle).toBe(true);
  });
});

describe('undated pages at addresses that name no story', () => {
  const prose = Array.from(
    { length: 8 },
    (_, i) =>
      `<p>Paragraph ${i} on tax law: what the firm advises on, for whom, and how a first meeting goes, written out in full sentences that read like an article's.</p>`,
  ).join('');
  const page = (head: string, dateline = '') =>
    parseHtml(
      `<html><head><meta property="og:type" content="article">${head}</head><body><h1>Tax law</h1>${dateline}${prose}</body></html>`,
    );
  const REASON = 'neither its address nor the page gives a date, and the address names no story';

  it('a service page with prose and a site-wide og:type article is not an article', () => {
    const detection = detectArticle(page(''), 'https://firm.example/de/steuerrecht');
    expect(detection.reasons).toContain(REASON);
    expect(detection.reasons).not.toContain('og:type is article');
    expect(detection.isArticle).toBe(false);
  });

  it.each([
    ['a date in its metadata', '<meta property="article:published_time" content="2026-11-20T08:00:00Z">', ''],
    ['a date under its headline', '', '<p>20 November 2026</p>'],
    ['a Dublin Core date, however spelled', '<meta name="DC.date" content="2026-11-20">', ''],
  ])('the same page with %s is an article', (_, head, dateline) => {
    const detection = detectArticle(page(head, dateline), 'https://firm.example/de/steuerrecht');
    expect(detection.reasons).not.toContain(REASON);
    expect(detection.isArticle).toBe(true);
  });

  it.each([
    '/2026/11/20/steuerrecht',
    '/news/what-the-new-tax-law-changes',
    '/archives/2562',
    '/news_view.html?idx=8576&page=1',
    '/story/123456',
  ])('the same page at a story’s address (%s) is an article', (path) => {
    const detection = detectArticle(page(''), `https://firm.example${path}`);
    expect(detection.reasons).not.toContain(REASON);
    expect(detection.isArticle).toBe(true);
  });

  it.each(['/seminar/2019kansai/index.html', '/online-kredit/1000-euro-kredit', '/gp/product/B0057OC5O8/'])(
    '%s names no story: a year, an amount or a product code is not an article number',
    (path) => {
      expect(detectArticle(page(''), `https://firm.example${path}`).reasons).toContain(REASON);
    },
  );

  it('says nothing of an address that is not known (a saved page)', () => {
    const detection = detectArticle(page(''), 'https://example.com/saved', { addressKnown: false });
    expect(detection.reasons).not.toContain(REASON);
    expect(detection.isArticle).toBe(true);
  });
});
