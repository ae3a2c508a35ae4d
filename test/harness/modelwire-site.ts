// A local Modelwire: `count` article pages in Modelwire's layout, made from synthetic coverage, with a sitemap index
// (two sitemaps, lastmod per page), robots.txt (one disallowed path), ETag and Last-Modified with 304s, and a log of
// every request. Pages can be changed (their lastmod and content move on). For `index build`'s tests and the demo.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { listenOnLoopback } from './loopback-server';
import type { CoverageContent } from '../../lib/modelwire/coverage';
import { syntheticCoverage } from '../bench/synthetic-coverage';

const escape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A Modelwire article page for a coverage, in the structure the capture parser reads. */
export function modelwirePage(coverage: CoverageContent, canonical: string): string {
  const source = coverage.source.url ?? '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(coverage.headline)} · Modelwire</title>
<link rel="canonical" href="${escape(canonical)}">
${coverage.publishedAt ? `<meta property="article:published_time" content="${coverage.publishedAt}">` : ''}
</head><body><header><a href="/">Modelwire</a></header><main>
<h1>${escape(coverage.headline)}</h1>
<p>${escape(coverage.summary)}</p>
<section><h2>Modelwire context</h2><h3>Analyst take</h3>
${coverage.analystTake.map((paragraph) => `<p>${escape(paragraph)}</p>`).join('\n')}
</section>
<div><span>Mentions</span>${coverage.mentions.map((name) => `<a href="/entity/x">${escape(name)}</a>`).join(' · ')}</div>
</main><footer><p>Modelwire summarizes, we don’t republish. The full content lives on
<a href="${escape(source)}">${escape(coverage.source.domain ?? '')}</a>. See our <a href="/takedown">takedown page</a>.</p></footer>
</body></html>`;
}

export interface SiteRequest {
  path: string;
  status: number;
  at: number;
  conditional: boolean;
}

export interface ModelwireSite {
  origin: string;
  sitemap: string;
  requests: SiteRequest[];
  /** Edits these pages: new content, new lastmod. */
  change(indexes: number[]): void;
  /** Path of page `i`. */
  pathOf(i: number): string;
  close(): Promise<void>;
}

const DISALLOWED = '/article/private-';

export async function startModelwireSite(
  count: number,
  options: { brokenEvery?: number; privateEvery?: number; crawlDelay?: number; failFirst?: number } = {},
): Promise<ModelwireSite> {
  const failures = new Map<string, number>();
  const requests: SiteRequest[] = [];
  const revisions = new Map<number, number>();
  const brokenEvery = options.brokenEvery ?? 0;
  const privateEvery = options.privateEvery ?? 0;
  const pathOf = (i: number) =>
    `${privateEvery > 0 && i % privateEvery === privateEvery - 1 ? DISALLOWED : '/article/'}page-${i}-${syntheticCoverage(i).id}`;
  const lastmodOf = (i: number) =>
    new Date(Date.UTC(2026, 10, 1) + (revisions.get(i) ?? 0) * 86_400_000 + i * 1000).toISOString();
  const byPath = new Map<string, number>();
  for (let i = 0; i < count; i++) byPath.set(pathOf(i), i);
  let origin = '';

  const answer = (request: IncomingMessage, response: ServerResponse) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    const conditional = Boolean(request.headers['if-none-match'] || request.headers['if-modified-since']);
    const send = (status: number, body: string, headers: Record<string, string> = {}) => {
      requests.push({ path, status, at: Date.now(), conditional });
      response.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...headers }).end(body);
    };
    if (path === '/robots.txt') {
      const delay = options.crawlDelay ? `Crawl-delay: ${options.crawlDelay}\n` : '';
      return send(200, `User-agent: *\nDisallow: ${DISALLOWED}\n${delay}`, { 'content-type': 'text/plain' });
    }
    if (path === '/sitemap.xml') {
      return send(
        200,
        `<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` +
          `<sitemap><loc>${origin}/sitemap-1.xml</loc></sitemap><sitemap><loc>${origin}/sitemap-2.xml</loc></sitemap></sitemapindex>`,
        { 'content-type': 'application/xml' },
      );
    }
    const part = /^\/sitemap-([12])\.xml$/.exec(path);
    if (part) {
      const half = Math.ceil(count / 2);
      const from = part[1] === '1' ? 0 : half;
      const to = part[1] === '1' ? half : count;
      let xml = '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">';
      for (let i = from; i < to; i++)
        xml += `<url><loc>${origin}${pathOf(i)}</loc><lastmod>${lastmodOf(i)}</lastmod></url>`;
      return send(200, `${xml}</urlset>`, { 'content-type': 'application/xml' });
    }
    const i = byPath.get(path);
    if (i === undefined) return send(404, 'Not found');
    // A busy server: the first requests for each page are refused with 503 and Retry-After.
    const failed = failures.get(path) ?? 0;
    if (failed < (options.failFirst ?? 0)) {
      failures.set(path, failed + 1);
      return send(503, 'Busy', { 'retry-after': '0' });
    }
    const revision = revisions.get(i) ?? 0;
    const etag = `"${i}-${revision}"`;
    if (request.headers['if-none-match'] === etag) return send(304, '', { etag });
    if (brokenEvery > 0 && i % brokenEvery === brokenEvery - 1)
      return send(200, '<html><body><p>Moved.</p></body></html>', { etag });
    const body = modelwirePage(syntheticCoverage(i, revision), `${origin}${path}`);
    return send(200, body, { etag, 'last-modified': new Date(lastmodOf(i)).toUTCString() });
  };

  const server = await listenOnLoopback(answer, 0);
  origin = `http://127.0.0.1:${server.port}`;
  return {
    origin,
    sitemap: `${origin}/sitemap.xml`,
    requests,
    change(indexes) {
      for (const i of indexes) revisions.set(i, (revisions.get(i) ?? 0) + 1);
    },
    pathOf,
    close: () => server.close(),
  };
}
