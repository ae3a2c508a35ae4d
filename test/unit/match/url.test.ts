import { describe, expect, it } from 'vitest';
import { hostKey, normalizeUrl, safeHttpUrl, siteOf, urlKeys } from '../../../lib/match/url';

describe('normalizeUrl', () => {
  const same: Array<[string, string]> = [
    ['https://www.example.com/news/story/', 'example.com/news/story'],
    ['http://example.com/news/story', 'example.com/news/story'],
    ['https://EXAMPLE.com/news/story#comments', 'example.com/news/story'],
    ['https://m.example.com/news/story', 'example.com/news/story'],
    ['https://amp.example.com/news/story', 'example.com/news/story'],
    ['https://example.com/news/story/amp/', 'example.com/news/story'],
    ['https://example.com/amp/news/story', 'example.com/news/story'],
    ['https://example.com/news/story.amp.html', 'example.com/news/story.html'],
    ['https://example.com/news/story/index.html', 'example.com/news/story'],
    ['https://example.com/news/story?utm_source=x&utm_medium=y&fbclid=1&gclid=2', 'example.com/news/story'],
    ['https://example.com/news/story?mc_cid=1&mc_eid=2&ref=homepage', 'example.com/news/story'],
    ['https://example.com/news/story?id=5&utm_campaign=z', 'example.com/news/story?id=5'],
    ['https://example.com/news/story?b=2&a=1', 'example.com/news/story?a=1&b=2'],
    ['https://example.com/news/%7Estory', 'example.com/news/~story'],
    ['https://example.com/news/caf%c3%a9', 'example.com/news/caf%C3%A9'],
    ['https://example.com//news//story', 'example.com/news/story'],
    ['https://example.com:443/news/story', 'example.com/news/story'],
    ['https://example.com:8443/news/story', 'example.com:8443/news/story'],
    ['https://example.com.', 'example.com/'],
  ];
  it.each(same)('%s → %s', (input, expected) => {
    expect(normalizeUrl(input)).toBe(expected);
  });

  it('keeps parameters that select content apart', () => {
    expect(normalizeUrl('https://example.com/read?id=1')).not.toBe(normalizeUrl('https://example.com/read?id=2'));
    expect(normalizeUrl('https://example.com/a/b')).not.toBe(normalizeUrl('https://example.com/a'));
    expect(normalizeUrl('https://example.com/a')).not.toBe(normalizeUrl('https://example.org/a'));
    expect(normalizeUrl('https://news.example.com/a')).not.toBe(normalizeUrl('https://example.com/a'));
  });

  it.each(['', 'not a url', 'javascript:alert(1)', 'ftp://example.com/x', 'data:text/html,hi', 'chrome://settings'])(
    'refuses %j',
    (input) => {
      expect(normalizeUrl(input)).toBeNull();
    },
  );
});

describe('helpers', () => {
  it('urlKeys dedupes and drops unusable candidates, in order', () => {
    expect(
      urlKeys(['https://www.a.com/x/?utm_source=1', null, 'https://a.com/x', 'nonsense', 'https://a.com/y']),
    ).toEqual(['a.com/x', 'a.com/y']);
  });

  it('hostKey drops mirror prefixes', () => {
    expect(hostKey('https://www.Example.com/x')).toBe('example.com');
    expect(hostKey('mailto:a@b.c')).toBeNull();
  });

  it('safeHttpUrl passes only http(s)', () => {
    expect(safeHttpUrl('https://a.com/x')).toBe('https://a.com/x');
    expect(safeHttpUrl('javascript:alert(1)')).toBeNull();
    expect(safeHttpUrl('  JaVaScRiPt:alert(1)')).toBeNull();
    expect(safeHttpUrl('/relative')).toBeNull();
    expect(safeHttpUrl(null)).toBeNull();
  });
});

describe('tracking parameters from the maintained list', () => {
  it.each([
    'srsltid',
    'gad_source',
    'xtor',
    'INTCMP',
    '_hsenc',
    'ttclid',
    'from',
    'utm_brand',
    'mtm_campaign',
    'wt_mc',
  ])('drops %s', (name) => {
    expect(normalizeUrl(`https://example.com/news/story?${name}=abc`)).toBe('example.com/news/story');
  });

  it.each(['p=48213', 'id=5', 'story=77', 'lang=de', 'page=2'])('keeps %s, which selects content', (param) => {
    expect(normalizeUrl(`https://example.com/news/story?${param}&utm_source=x`)).toBe(
      `example.com/news/story?${param}`,
    );
  });

  it('drops output=amp but keeps other output values', () => {
    expect(normalizeUrl('https://example.com/?p=48213&output=amp')).toBe('example.com/?p=48213');
    expect(normalizeUrl('https://example.com/?p=48213&output=print')).toBe('example.com/?output=print&p=48213');
  });

  it('keeps a hash route, which is the page of a single-page app, and drops other fragments', () => {
    expect(normalizeUrl('https://app.example.com/#/news/story-one')).toBe('app.example.com/#/news/story-one');
    expect(normalizeUrl('https://app.example.com/#!/news/story-one/')).toBe('app.example.com/#/news/story-one');
    expect(normalizeUrl('https://app.example.com/#/')).toBe('app.example.com/');
    expect(normalizeUrl('https://app.example.com/#comments')).toBe('app.example.com/');
    expect(normalizeUrl('https://app.example.com/#/news')).not.toBe(normalizeUrl('https://app.example.com/#/sport'));
  });

  it('groups hosts by registrable domain', () => {
    expect(siteOf('edition.cnn.com')).toBe('cnn.com');
    expect(siteOf('news.bbc.co.uk')).toBe('bbc.co.uk');
    expect(siteOf('someone.github.io')).toBe('someone.github.io');
    expect(siteOf('localhost')).toBe('localhost');
  });
});
