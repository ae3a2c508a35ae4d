import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { unwrapAddress } from '../../../lib/match/unwrap';
import { describeAddress } from '../../../lib/match/address';
import { normalizeUrl } from '../../../lib/match/url';

const ARTICLE = 'https://www.example-news.com/2026/11/18/city-council-votes-on-budget/';

describe('unwrapAddress', () => {
  it.each([
    [`https://web.archive.org/web/20261119083012/${ARTICLE}`, 'web archive'],
    [`https://web.archive.org/web/20261119083012id_/${ARTICLE}`, 'web archive'],
    [
      `https://web.archive.org/web/2026/https:/www.example-news.com/2026/11/18/city-council-votes-on-budget/`,
      'web archive',
    ],
    [`https://archive.ph/2026.11.19-101112/${ARTICLE}`, 'web archive'],
    [`https://archive.ph/newest/${ARTICLE}`, 'web archive'],
    [
      `https://www-example--news-com.cdn.ampproject.org/c/s/www.example-news.com/2026/11/18/city-council-votes-on-budget/?amp_js_v=0.1`,
      'AMP cache',
    ],
    [`https://www.google.com/amp/s/www.example-news.com/2026/11/18/city-council-votes-on-budget/`, 'AMP viewer'],
    [
      `https://www-example--news-com.translate.goog/2026/11/18/city-council-votes-on-budget/?_x_tr_sl=en&_x_tr_tl=de`,
      'translation',
    ],
    [`https://translate.google.com/translate?sl=en&tl=fr&u=${encodeURIComponent(ARTICLE)}`, 'translation'],
    [`https://webcache.googleusercontent.com/search?q=cache:Ab1:${ARTICLE}+&cd=1`, 'search cache'],
    [`https://r.jina.ai/${ARTICLE}`, 'reader view'],
    [`https://12ft.io/proxy?q=${encodeURIComponent(ARTICLE)}`, 'reader view'],
    [`https://www.google.com/url?sa=t&url=${encodeURIComponent(ARTICLE)}`, 'redirect'],
    [`https://l.facebook.com/l.php?u=${encodeURIComponent(ARTICLE)}&h=AT0`, 'redirect'],
    [`https://news.google.com/news/url?url=${encodeURIComponent(ARTICLE)}`, 'redirect'],
    [`https://duckduckgo.com/l/?uddg=${encodeURIComponent(ARTICLE)}`, 'redirect'],
  ])('%s is a %s of the article', (wrapped, via) => {
    const unwrapped = unwrapAddress(wrapped);
    expect(unwrapped.via).toBe(via);
    expect(normalizeUrl(unwrapped.url)).toBe(normalizeUrl(ARTICLE));
  });

  it('follows wrappers inside wrappers, and names the outermost', () => {
    const nested = `https://web.archive.org/web/20261119/https://www.google.com/amp/s/www.example-news.com/2026/11/18/city-council-votes-on-budget/`;
    expect(unwrapAddress(nested)).toEqual({ url: ARTICLE, via: 'web archive' });
  });

  it('leaves ordinary addresses and non-wrappers alone', () => {
    for (const url of [
      ARTICLE,
      'https://web.archive.org/about/',
      'https://www.google.com/search?q=news',
      'https://r.jina.ai/',
    ]) {
      expect(unwrapAddress(url)).toEqual({ url, via: null });
    }
  });

  it('never throws on hostile addresses', () => {
    const hostile = [
      '',
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      `https://web.archive.org/web/2026/javascript:alert(1)`,
      `https://www.google.com/url?q=javascript:alert(1)`,
      `https://l.facebook.com/l.php?u=%E0%A4%A`,
      `https://r.jina.ai/%E0%A4%A`,
      `https://web.archive.org/web/1/${'https://web.archive.org/web/1/'.repeat(50)}${ARTICLE}`,
      `https://example.com/${'a'.repeat(20_000)}`,
      `https://web.archive.org/web/1/https://example.com/?q=${'%'.repeat(20_000)}`,
    ];
    for (const url of hostile) {
      const result = unwrapAddress(url);
      expect(typeof result.url).toBe('string');
      expect(result.url.startsWith('javascript:') && result.via !== null).toBe(false);
      expect(() => describeAddress(result.url)).not.toThrow();
      expect(() => normalizeUrl(result.url)).not.toThrow();
    }
  });

  it('never throws on any string, and only ever unwraps to http(s)', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 300 }),
        fc.constantFrom('https://web.archive.org/web/1/', 'https://www.google.com/url?q=', 'https://r.jina.ai/', ''),
        (text, prefix) => {
          const result = unwrapAddress(prefix + text);
          if (result.via !== null) expect(/^https?:\/\//.test(result.url)).toBe(true);
          describeAddress(result.url);
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe('describeAddress', () => {
  it.each([
    ['https://www.theverge.com/news/812345/google-gemini-agent', '812345'],
    ['https://www.bbc.com/news/articles/c0kgz0zv2j3o', 'c0kgz0zv2j3o'],
    ['https://www.bbc.co.uk/news/technology-68123456', '68123456'],
    ['https://timesofindia.indiatimes.com/x/y/articleshow/125432198.cms', '125432198'],
    ['https://www.lemonde.fr/pixels/article/2026/11/18/slug-words_6412345_4408996.html', '6412345-4408996'],
    ['https://nos.nl/artikel/2545678-kabinet-wil-meer', '2545678'],
    ['https://www.wsj.com/tech/ai/microsoft-openai-deal-3f7a9c21', '3f7a9c21'],
    ['https://www.indiatoday.in/technology/story/gpu-tender-2612345-2026-11-18', '2612345'],
    ['https://www.cbc.ca/news/business/cohere-deal-1.7391234', '7391234'],
    ['https://www.ft.com/content/1f2e3d4c-5b6a-4980-a1b2-c3d4e5f60718', '1f2e3d4c-5b6a-4980-a1b2-c3d4e5f60718'],
  ])('%s has the article id %s', (url, id) => {
    expect(describeAddress(url)?.pathId).toBe(id);
  });

  it.each([
    'https://www.example.com/2026/11/18/rtx-5090-review/',
    'https://www.example.com/news/top-10-ai-tools-2026',
    'https://www.example.com/news/20261118/council-vote',
    'https://www.example.com/story/covid19-vaccines',
  ])('%s has no article id (dates and model numbers are not ids)', (url) => {
    expect(describeAddress(url)?.pathId).toBeNull();
  });

  it('reads language editions, dates, parts and slug numbers', () => {
    expect(describeAddress('https://www.dw.com/de/slug-words/a-70812399')?.locale).toBe('de');
    expect(describeAddress('https://example.com/story?lang=pt_BR')?.locale).toBe('pt-br');
    expect(describeAddress('https://english.elpais.com/technology/2026-11-18/slug.html')?.locale).toBe('english');
    expect(describeAddress('https://www.theguardian.com/tech/2026/nov/13/techscape-x')?.date).toBe('2026-11-13');
    expect(describeAddress('https://www.businessinsider.com/deepmind-noncompete-uk-2026-11')?.date).toBe('2026-11');
    expect(describeAddress('https://example.com/2026/11/big-story-part-two/')?.part).toBe('part 2');
    expect(describeAddress('https://x.substack.com/p/import-ai-412-robots')?.numbers).toEqual(['412']);
    expect(describeAddress('https://news.example.kr/#/news/view.do?ncd=8012345')?.path).toContain('ncd=8012345');
    expect(describeAddress('javascript:alert(1)')).toBeNull();
  });
});
