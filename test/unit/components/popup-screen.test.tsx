import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { PopupScreen } from '../../../components/popup/PopupScreen';
import type { PopupView } from '../../../lib/ui/popup-view';
import type { Coverage } from '../../../lib/modelwire/coverage';
import type { PageReport } from '../../../lib/article/describe-page';

const XSS = [
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  '</style><script>alert(2)</script>',
  '"><svg onload=alert(3)>',
  '\u202Egnp.exe',
  'x'.repeat(1_000_000),
];

function hostileCoverage(text: string, url: string): Coverage {
  return {
    id: '01KX3F8Q2M7V4N6R9T1W5Y8Z0A',
    modelwireUrl: url,
    headline: text,
    summary: text,
    analystTake: [text, text],
    drewOn: [{ title: text, publisher: text, section: text, url }],
    mentions: [text],
    source: { url, domain: text, aliases: [] },
    takedownUrl: url,
    publishedAt: null,
    origin: 'capture',
    sourceKeys: [],
    siteKeys: [],
    entityKeys: [],
    updatedAt: '2026-11-24T00:00:00.000Z',
  };
}

function hostilePage(text: string, url: string): PageReport {
  return {
    url,
    canonicalUrl: url,
    ogUrl: url,
    structuredUrl: url,
    alternates: [url],
    title: text,
    siteName: text,
    byline: text,
    authors: [text],
    publishedTime: text,
    modifiedTime: text,
    lang: text,
    description: text,
    image: url,
    section: text,
    keywords: [text],
    isArticle: true,
    confidence: 0.5,
    reasons: [text],
  };
}

function assertInert(html: string) {
  const doc = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  expect(doc.querySelectorAll('script, img, svg, style, iframe')).toHaveLength(0);
  for (const element of Array.from(doc.querySelectorAll('*'))) {
    for (const attribute of Array.from(element.attributes)) {
      expect(attribute.name.startsWith('on'), `${element.tagName} ${attribute.name}`).toBe(false);
      expect(attribute.value.trim().toLowerCase().startsWith('javascript:')).toBe(false);
    }
  }
}

describe('PopupScreen with hostile text', () => {
  for (const text of XSS) {
    for (const url of ['javascript:alert(1)', 'https://example.com/x']) {
      const views: PopupView[] = [
        {
          status: 'covered',
          page: hostilePage(text, url),
          coverage: hostileCoverage(text, url),
          mentions: [{ name: text, key: 'k', coverageCount: 2, inArticle: 3 }],
          matchedBy: 'canonical',
          copyVia: 'web archive',
          onPage: [{ key: 'k', name: text, count: 3, coverageCount: 2 }],
        },
        { status: 'captured', coverage: hostileCoverage(text, url), mentions: [], missing: ['summary'], error: null },
        { status: 'captured', coverage: null, mentions: [], missing: [], error: text },
        {
          status: 'not-covered',
          page: hostilePage(text, url),
          onPage: [{ key: 'k', name: text, count: 2, coverageCount: 1 }],
          dismissed: { coverageId: 'c', headline: text },
        },
        { status: 'not-article', page: hostilePage(text, url) },
        { status: 'error', message: text },
      ];
      it(`renders ${text.slice(0, 30)}… with ${url} as text only`, () => {
        for (const view of views) {
          assertInert(renderToStaticMarkup(<PopupScreen view={view} />));
          assertInert(renderToStaticMarkup(<PopupScreen view={view} onAnswer={() => undefined} />));
        }
      });
    }
  }

  it('renders javascript: links as plain text and http links as links', () => {
    const safe = renderToStaticMarkup(
      <PopupScreen
        view={{
          status: 'captured',
          coverage: hostileCoverage('t', 'https://example.com/x'),
          mentions: [],
          missing: [],
          error: null,
        }}
      />,
    );
    expect(safe).toContain('href="https://example.com/x"');
    const unsafe = renderToStaticMarkup(
      <PopupScreen
        view={{
          status: 'captured',
          coverage: hostileCoverage('t', 'javascript:alert(1)'),
          mentions: [],
          missing: [],
          error: null,
        }}
      />,
    );
    expect(unsafe).not.toContain('href=');
  });
});

describe('PopupScreen states', () => {
  it.each([
    [{ status: 'loading' } as PopupView, 'Looking up this page…'],
    [{ status: 'unsupported' } as PopupView, 'Lens does not run on this page'],
    [{ status: 'unread', waiting: true } as PopupView, 'Reading this page…'],
    [{ status: 'unread', waiting: false } as PopupView, 'Lens has not read this page yet'],
    [{ status: 'error', message: 'x' } as PopupView, 'Something went wrong'],
  ])('%j has the heading %s', (view, heading) => {
    const doc = new DOMParser().parseFromString(renderToStaticMarkup(<PopupScreen view={view} />), 'text/html');
    expect(doc.querySelector('h1')?.textContent).toBe(heading);
  });
});
