import { describe, expect, it } from 'vitest';
import { extractMetadata } from '../../../lib/article/metadata';
import { parseHtml } from '../fixtures';

const URL = 'https://valleygazette.example/2026/11/ferry-timetable';

function page(head: string, body: string): Document {
  return parseHtml(
    `<html><head><title>Ferry timetable changes | Valley Gazette</title>${head}</head><body>${body}</body></html>`,
  );
}
const ld = (value: unknown) => `<script type="application/ld+json">${JSON.stringify(value)}</script>`;
const story = '<p>The ferry runs twice an hour from Monday, the operator said, after a month of storm repairs.</p>';

describe('bylines and publishers, the ways pages write them', () => {
  it.each([
    [
      'JSON-LD authors as a list of people',
      page(
        ld({ '@type': 'NewsArticle', author: [{ '@type': 'Person', name: 'Ana Ruiz' }, { name: 'Ben Okafor' }] }),
        story,
      ),
      'Ana Ruiz, Ben Okafor',
    ],
    ['JSON-LD author as a string', page(ld({ '@type': 'BlogPosting', author: 'Ana Ruiz' }), story), 'Ana Ruiz'],
    [
      'a @graph whose article names its author by @id (WordPress SEO plugins)',
      page(
        ld({
          '@context': 'https://schema.org',
          '@graph': [
            {
              '@type': 'Article',
              '@id': `${URL}#article`,
              author: { '@id': 'https://valleygazette.example/#/person/7' },
            },
            { '@type': 'Person', '@id': 'https://valleygazette.example/#/person/7', name: 'Carla Mendes' },
          ],
        }),
        story,
      ),
      'Carla Mendes',
    ],
    [
      'a person given by given and family name',
      page(ld({ '@type': 'NewsArticle', author: { '@type': 'Person', givenName: 'Dev', familyName: 'Patel' } }), story),
      'Dev Patel',
    ],
    ['<meta name="author">', page('<meta name="author" content="Eva Lind">', story), 'Eva Lind'],
    [
      'article:author as a profile URL, so the page’s rel=author link instead',
      page(
        '<meta property="article:author" content="https://facebook.example/eva.lind">',
        `<h1>Ferry timetable changes</h1><p class="byline">By <a rel="author" href="/staff/eva">Eva Lind</a></p>${story}`,
      ),
      'Eva Lind',
    ],
    [
      'microdata author with a name inside',
      page(
        '',
        `<h1>Ferry timetable changes</h1><div itemprop="author" itemscope itemtype="https://schema.org/Person"><img alt=""><span itemprop="name">Femi Adeyemi</span><span>Transport reporter</span></div>${story}`,
      ),
      'Femi Adeyemi',
    ],
    [
      'an author box of another story above the headline',
      page(
        '',
        `<div class="promo"><span class="author">Gil Navarro</span></div><h1>Ferry timetable changes</h1><span class="byline">Hana Sato</span>${story}`,
      ),
      'Hana Sato',
    ],
    [
      'a byline with its date after the name',
      page('', `<h1>Ferry timetable changes</h1><p class="byline">By Tom Reyes · 24 November 2026</p>${story}`),
      'By Tom Reyes',
    ],
    [
      'a byline with "Updated" and a time',
      page(
        '',
        `<h1>Ferry timetable changes</h1><div class="article-byline">Ana Ruiz, Transport reporter Updated 9:41 PM</div>${story}`,
      ),
      'Ana Ruiz, Transport reporter',
    ],
    [
      'a byline that starts with its date',
      page('', `<h1>Ferry timetable changes</h1><div class="byline">Nov. 24, 2026 | By Tom Reyes</div>${story}`),
      'By Tom Reyes',
    ],
    [
      'a byline whose authors are links',
      page(
        '',
        `<h1>Ferry timetable changes</h1><div class="byline">By <a href="/author/ana-ruiz">Ana Ruiz</a> and <a href="/author/ben-okafor">Ben Okafor</a> · 3 hours ago</div>${story}`,
      ),
      'Ana Ruiz, Ben Okafor',
    ],
    [
      'a byline glued to its weekday and date, an author link beside a "more articles" link',
      page(
        '',
        `<h1>Ferry timetable changes</h1><div class="byline"><span>by Jeff Stone</span><span>Monday, November 23, 2026</span></div><div class="author-box"><a href="/author/ana">Ana Ruiz</a><a href="/author/ana">View More Articles</a><span itemprop="name">NOVEMBER 23, 2026 10:43</span></div>${story}`,
      ),
      'by Jeff Stone',
    ],
    [
      'an author box with a "more articles" link and a date marked as a name',
      page(
        '',
        `<h1>Ferry timetable changes</h1><div class="author-box"><a href="/author/ana">Ana Ruiz</a><a href="/author/ana">View More Articles</a><span itemprop="name">NOVEMBER 23, 2026 10:43</span></div>${story}`,
      ),
      'Ana Ruiz',
    ],
  ])('%s', (_, doc, byline) => {
    expect(extractMetadata(doc, URL).byline).toBe(byline);
  });

  it('reads a publisher given by @id, and never a URL as a byline', () => {
    const doc = page(
      ld({
        '@graph': [
          { '@type': 'NewsArticle', publisher: { '@id': '#org' }, author: { '@id': '#nobody' } },
          { '@type': 'Organization', '@id': '#org', name: 'Valley Gazette Media' },
          { '@type': 'Person', '@id': '#nobody', name: 'https://valleygazette.example/staff' },
        ],
      }),
      story,
    );
    expect(extractMetadata(doc, URL)).toMatchObject({ siteName: 'Valley Gazette Media', byline: null });
  });

  it('leaves an unresolvable reference alone', () => {
    const doc = page(
      ld({ '@type': 'NewsArticle', author: { '@id': '#missing' }, publisher: { '@id': '#gone' } }),
      story,
    );
    expect(extractMetadata(doc, URL)).toMatchObject({ byline: null, siteName: 'Valley Gazette' });
  });
});

describe('the rest of the citation metadata', () => {
  it('reads modified time, image, section, keywords and authors from JSON-LD', () => {
    const doc = page(
      ld({
        '@graph': [
          {
            '@type': 'NewsArticle',
            headline: 'Ferry timetable changes',
            datePublished: '2026-11-20T20:10:00-05:00',
            dateModified: '2026-11-21T09:00:00-05:00',
            image: [{ '@type': 'ImageObject', url: '/img/ferry.jpg' }, 'https://cdn.example/other.jpg'],
            articleSection: 'Transport',
            keywords: 'ferries, timetables, Ferries , storms',
            author: [{ '@id': '#a' }, { '@type': 'Person', name: 'Ben Okafor' }],
          },
          { '@type': 'Person', '@id': '#a', name: 'Ana Ruiz' },
        ],
      }),
      story,
    );
    expect(extractMetadata(doc, URL)).toMatchObject({
      authors: ['Ana Ruiz', 'Ben Okafor'],
      byline: 'Ana Ruiz, Ben Okafor',
      publishedTime: '2026-11-20T20:10:00-05:00',
      modifiedTime: '2026-11-21T09:00:00-05:00',
      image: 'https://valleygazette.example/img/ferry.jpg',
      section: 'Transport',
      keywords: ['ferries', 'timetables', 'storms'],
    });
  });

  it('reads them from meta tags when there is no JSON-LD, each author meta an author', () => {
    const doc = page(
      `<meta name="citation_author" content="Ruiz, Ana"><meta name="citation_author" content="Okafor, Ben">
       <meta property="article:modified_time" content="2026-11-21T14:00:00Z"><meta property="og:image" content="https://cdn.example/f.jpg">
       <meta property="article:section" content="Transport"><meta property="article:tag" content="ferries"><meta property="article:tag" content="storms">`,
      story,
    );
    expect(extractMetadata(doc, URL)).toMatchObject({
      authors: ['Ruiz, Ana', 'Okafor, Ben'],
      byline: 'Ruiz, Ana',
      modifiedTime: '2026-11-21T14:00:00Z',
      image: 'https://cdn.example/f.jpg',
      section: 'Transport',
      keywords: ['ferries', 'storms'],
    });
  });

  it('gives empty values, not guesses, when the page says nothing', () => {
    expect(extractMetadata(page('', story), URL)).toMatchObject({
      authors: [],
      modifiedTime: null,
      image: null,
      section: null,
      keywords: [],
    });
  });

  it('bounds hostile lists and refuses script URLs for the image', () => {
    const doc = page(
      ld({
        '@type': 'NewsArticle',
        keywords: Array.from({ length: 500 }, (_, index) => `tag ${index}`),
        image: 'javascript:alert(1)',
        author: Array.from({ length: 100 }, (_, index) => ({ name: `Writer ${index}` })),
      }),
      story,
    );
    const metadata = extractMetadata(doc, URL);
    expect(metadata.keywords).toHaveLength(30);
    expect(metadata.authors).toHaveLength(20);
    expect(metadata.image).toBeNull();
  });
});

describe('microdata', () => {
  it('fills in what JSON-LD and the metas leave out from the page’s one story item', () => {
    const doc = parseHtml(`<html><head><title>Valley Gazette</title></head><body>
      <div itemscope itemtype="https://schema.org/NewsArticle">
        <h1 itemprop="headline">Ferry timetable changes after the storm</h1>
        <time itemprop="datePublished" datetime="2026-11-20T20:10:00-05:00">Friday evening</time>
        <meta itemprop="dateModified" content="2026-11-21T08:00:00-05:00">
        <span itemprop="articleSection">Transport</span>
        <div itemprop="image" itemscope itemtype="https://schema.org/ImageObject"><meta itemprop="url" content="/img/ferry.jpg"><meta itemprop="width" content="800"></div>
        <div itemprop="author" itemscope itemtype="https://schema.org/Person"><span itemprop="name">Ana Ruiz</span></div>
        <div itemprop="articleBody"><p>The ferry runs twice an hour from Monday, the operator said.</p></div>
        <aside itemscope itemtype="https://schema.org/CreativeWork"><span itemprop="headline">Another story's headline</span></aside>
      </div></body></html>`);
    expect(extractMetadata(doc, URL)).toMatchObject({
      title: 'Ferry timetable changes after the storm',
      byline: 'Ana Ruiz',
      publishedTime: '2026-11-20T20:10:00-05:00',
      modifiedTime: '2026-11-21T08:00:00-05:00',
      section: 'Transport',
      image: 'https://valleygazette.example/img/ferry.jpg',
    });
  });

  it('ignores microdata when several stories are marked up (a listing)', () => {
    const teaser = (n: number) =>
      `<div itemscope itemtype="https://schema.org/BlogPosting"><h2 itemprop="headline">Teaser ${n}</h2><span itemprop="articleSection">Section ${n}</span></div>`;
    const doc = parseHtml(
      `<html><head><title>Harbour – Harbour &amp; Hill</title></head><body>${teaser(1)}${teaser(2)}</body></html>`,
    );
    expect(extractMetadata(doc, URL)).toMatchObject({ title: 'Harbour – Harbour & Hill', section: null });
  });
});

describe('the site name from the title', () => {
  const titled = (title: string) => parseHtml(`<html><head><title>${title}</title></head><body>${story}</body></html>`);
  it.each([
    [
      'Council delays budget vote | The Lakeside Ledger',
      'https://www.lakesideledger.com/2026/11/20/vote/',
      'The Lakeside Ledger',
    ],
    ['Mozilla - Wikipedia', 'https://en.wikipedia.org/wiki/Mozilla', 'Wikipedia'],
    ['BBC News - Ferries cancelled after the storm', 'https://www.bbc.co.uk/news/uk-1', 'BBC News'],
    ['Ferries | Transport', 'https://valleygazette.example/ferries', 'valleygazette.example'],
    ['Take care - comwrap at the DMEXCO fair 2018', 'https://blog.comwrap.example/take-care', 'blog.comwrap.example'],
    ['Diet of the week - www.wday.example', 'https://www.wday.example/diet', 'wday.example'],
    ['Ferry timetable changes', 'https://valleygazette.example/ferries', 'valleygazette.example'],
  ])('%s at %s → %s', (title, url, site) => {
    expect(extractMetadata(titled(title), url).siteName).toBe(site);
  });

  it('prefers the page’s own statement of its name', () => {
    const doc = parseHtml(
      '<html><head><title>Vote | Lakeside</title><meta property="og:site_name" content="The Lakeside Ledger"></head><body></body></html>',
    );
    expect(extractMetadata(doc, 'https://www.lakesideledger.com/x').siteName).toBe('The Lakeside Ledger');
  });
});

describe('an author that is the publisher, and lines that are not bylines', () => {
  const headline = '<h1>Ferry timetable changes</h1>';
  it.each([
    ['a company', '<meta name="author" content="mediagene Inc.">'],
    ['a staff desk', '<meta name="author" content="Valley Gazette Staff">'],
    [
      'the site itself',
      '<meta property="og:site_name" content="Valley Gazette"><meta name="author" content="Valley Gazette">',
    ],
  ])('an author meta naming %s gives way to the person in the byline', (_, head) => {
    const doc = page(head, `${headline}<p class="byline">By Ana Ruiz</p>${story}`);
    expect(extractMetadata(doc, URL).byline).toBe('By Ana Ruiz');
  });

  it('keeps the publisher when the page names nobody else, or only a date', () => {
    expect(
      extractMetadata(page('<meta name="author" content="mediagene Inc.">', `${headline}${story}`), URL).byline,
    ).toBe('mediagene Inc.');
    const dated = page(
      '<meta name="author" content="Valley Gazette Staff">',
      `${headline}<p class="byline">20 Nov 2026 08:00 GMT</p>${story}`,
    );
    expect(extractMetadata(dated, URL).byline).toBe('Valley Gazette Staff');
  });

  it('keeps a person named in the metadata over another line of the page', () => {
    const doc = page(
      '<meta name="author" content="Ben Okafor">',
      `${headline}<p class="byline">By Ana Ruiz</p>${story}`,
    );
    expect(extractMetadata(doc, URL).byline).toBe('Ben Okafor');
  });

  it('takes the writer over the copyright holder when the metadata names both', () => {
    const doc = page(
      '<meta name="author" content="Harbour Media Group"><meta property="article:author" content="Ana Ruiz">',
      `${headline}${story}<footer><p>© 2026 Harbour Media Group. All rights reserved.</p></footer>`,
    );
    const metadata = extractMetadata(doc, URL);
    expect(metadata.byline).toBe('Ana Ruiz');
    expect(metadata.authors).toEqual(['Ana Ruiz']);
    // Without the footer saying who the publisher is, the generic author meta is taken as written.
    const unsaid = page(
      '<meta name="author" content="Harbour Media Group"><meta property="article:author" content="Ana Ruiz">',
      `${headline}${story}`,
    );
    expect(extractMetadata(unsaid, URL).byline).toBe('Harbour Media Group');
  });

  it('never takes a call to the reader for a byline', () => {
    const doc = page(
      '',
      `${headline}<div class="author-follow">Follow us on Twitter</div><p class="byline">By Ana Ruiz</p>${story}`,
    );
    expect(extractMetadata(doc, URL).byline).toBe('By Ana Ruiz');
  });
});

describe('a declared title that carries the site’s name or a section', () => {
  const titled = (ogTitle: string, h1: string) =>
    page(`<meta property="og:title" content="${ogTitle}">`, `<h1>${h1}</h1>${story}`);
  it.each([
    ['Ferry timetable changes | Valley Gazette', 'Ferry timetable changes'],
    ['Ferry timetable changes - Valley Gazette', 'Ferry timetable changes'],
    ['Ferry timetable changes — Harbour News', 'Ferry timetable changes'],
    ['Opinion | Ferry timetable changes', 'Ferry timetable changes'],
    ['フェリーの時刻表が変わる：バレー新聞デジタル', 'フェリーの時刻表が変わる'],
  ])('"%s" becomes the page’s headline "%s"', (declared, headline) => {
    expect(extractMetadata(titled(declared, headline), URL).title).toBe(headline);
  });

  it.each([
    // A colon belongs to headlines themselves; a short h1 is the site's logo, not the story's headline.
    ["'What is the sea telling us?': tribes fear the oil spill", 'tribes fear the oil spill'],
    ['Valley Gazette | Ferry timetable changes after the storm repairs', 'Valley Gazette'],
    // A longer h1 that rewords the declared title, or a shorter one, is not its fuller form.
    ['Ferry timetable changes after the storm', 'Ferry timetable is rewritten as crews patch the pier'],
    ['Ferry timetable changes: Ferry timetable changes', 'Ferry timetable changes'],
  ])('"%s" stays as declared beside the h1 "%s"', (declared, headline) => {
    expect(extractMetadata(titled(declared, headline), URL).title).toBe(declared);
  });

  it.each([
    // A social title is often a shortened cut of the headline the reader sees.
    ['Ferry timetable changes', 'Ferry timetable changes after the storm'],
    [
      'Council agrees ferry timetable with Harbour crews',
      'Council agrees new ferry timetable with Harbour crews after strike',
    ],
    ['フェリーの時刻表が変わる', 'フェリーの時刻表が変わる：嵐の後の修理で'],
  ])('"%s" gives way to the longer h1 that holds it, "%s"', (declared, headline) => {
    expect(extractMetadata(titled(declared, headline), URL).title).toBe(headline);
  });

  it('compares with quotes folded, and passes over an empty h1 (a logo) to the headline', () => {
    const curly = titled(
      "Box Office: It's Good to Be 'Peculiar' | Fan Pages",
      'Box Office: It’s Good to Be ‘Peculiar’',
    );
    expect(extractMetadata(curly, URL).title).toBe('Box Office: It’s Good to Be ‘Peculiar’');
    const logo = page(
      '<meta property="og:title" content="Ferry timetable changes | Valley Gazette">',
      `<h1><a href="/"><img src="logo.png" alt=""></a></h1><h1>Ferry timetable changes</h1>${story}`,
    );
    expect(extractMetadata(logo, URL).title).toBe('Ferry timetable changes');
  });
});
