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
      'By Eva Lind',
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
    expect(extractMetadata(doc, URL)).toMatchObject({ byline: null, siteName: 'valleygazette.example' });
  });
});
