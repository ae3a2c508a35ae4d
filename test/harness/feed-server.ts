// A real Modelwire Lens feed server on 127.0.0.1: the embedded demo data plus the feed-only fixture entries, with ETag
// and Last-Modified, and switchable failures (500, a route that never answers, bad JSON, an endless body, a foreign
// document, a feed with broken entries) for the browser tests. Run directly, it serves until stopped:
//   npx tsx test/harness/feed-server.ts [port]
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { listenOnLoopback } from './loopback-server';
import { fileURLToPath } from 'node:url';
import demoFeed from '../../lib/modelwire/demo/feed.json';

const EXTRA_ITEMS = fileURLToPath(new URL('../fixtures/feed/extra-items.json', import.meta.url));

export type FeedMode = 'ok' | 'error-500' | 'hang' | 'bad-json' | 'huge' | 'foreign' | 'mixed';

export interface FeedServer {
  port: number;
  /** The feed's address: http://127.0.0.1:<port>/feed.json */
  url: string;
  /** What /feed.json does from now on. */
  setMode(mode: FeedMode): void;
  /** Requests /feed.json has had, with the conditional headers they carried. */
  requests: Array<{ ifNoneMatch: string | null; ifModifiedSince: string | null; status: number }>;
  close(): Promise<void>;
}

/** The feed document: the demo items and the feed-only fixture items, in the Lens feed format. */
export function buildFeed(): { format: string; version: number; generatedAt: string; items: unknown[] } {
  const extra = JSON.parse(readFileSync(EXTRA_ITEMS, 'utf8')) as unknown[];
  return { ...demoFeed, generatedAt: '2026-11-24T08:00:00.000Z', items: [...demoFeed.items, ...extra] };
}

/** The feed with two broken entries among the good ones. */
function mixedFeed() {
  const feed = buildFeed();
  return {
    ...feed,
    items: [
      ...feed.items,
      { id: 'NOT-A-ULID', headline: 'An entry without the rest' },
      { ...(feed.items[0] as object), id: '01KX3Q0000000000000000000Z', modelwireUrl: 'javascript:alert(1)' },
    ],
  };
}

const LAST_MODIFIED = 'Tue, 24 Nov 2026 08:00:00 GMT';

export async function startFeedServer(port = 0): Promise<FeedServer> {
  let mode: FeedMode = 'ok';
  const requests: FeedServer['requests'] = [];
  const body = JSON.stringify(buildFeed());
  const etag = `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`;

  const answer = (request: IncomingMessage, response: ServerResponse) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    if (path !== '/feed.json') {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    const record = (status: number) =>
      requests.push({
        ifNoneMatch: request.headers['if-none-match'] ?? null,
        ifModifiedSince: request.headers['if-modified-since'] ?? null,
        status,
      });
    switch (mode) {
      case 'error-500':
        record(500);
        response.writeHead(500, { 'content-type': 'text/plain' }).end('The feed generator crashed.');
        return;
      case 'hang':
        // Never answers: the request stays open until the client gives up or the server closes.
        record(0);
        return;
      case 'bad-json':
        record(200);
        response.writeHead(200, { 'content-type': 'application/json' }).end(body.slice(0, 700));
        return;
      case 'foreign':
        record(200);
        response
          .writeHead(200, { 'content-type': 'application/json' })
          .end(
            JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'Someone else’s feed', items: [] }),
          );
        return;
      case 'huge': {
        // An endless body without a length: the client must stop reading, not the server.
        record(200);
        response.writeHead(200, { 'content-type': 'application/json' });
        const chunk = Buffer.alloc(256 * 1024, 0x20);
        const pump = () => {
          while (!response.destroyed && response.write(chunk));
          if (!response.destroyed) response.once('drain', pump);
        };
        response.on('close', () => response.removeAllListeners('drain'));
        pump();
        return;
      }
      case 'mixed':
        record(200);
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(mixedFeed()));
        return;
      case 'ok': {
        const fresh =
          request.headers['if-none-match'] === etag ||
          (request.headers['if-none-match'] === undefined && request.headers['if-modified-since'] === LAST_MODIFIED);
        record(fresh ? 304 : 200);
        const headers = { etag, 'last-modified': LAST_MODIFIED, 'cache-control': 'no-cache' };
        if (fresh) response.writeHead(304, headers).end();
        else response.writeHead(200, { ...headers, 'content-type': 'application/json' }).end(body);
      }
    }
  };

  const server = await listenOnLoopback(answer, port);
  const actual = server.port;
  return {
    port: actual,
    url: `http://127.0.0.1:${actual}/feed.json`,
    setMode(next) {
      mode = next;
    },
    requests,
    close: () => server.close(),
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const server = await startFeedServer(Number(process.argv[2] ?? 0));
  console.log(`Modelwire Lens feed at ${server.url} (Ctrl-C to stop)`);
}
