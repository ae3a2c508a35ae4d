// An HTTPS server on 127.0.0.1 that serves the fixture sites in test/fixtures/sites/<host>/ by the request's Host,
// so that Chromium (with --host-resolver-rules) reaches "publisher" and "Modelwire" pages without any network.
import { createServer } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import selfsigned from 'selfsigned';

export const SITES_DIR = fileURLToPath(new URL('../fixtures/sites/', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/** Answers a request itself (a dynamic page, a failing feed) or returns false to fall through to the files. */
export type RouteHandler = (request: IncomingMessage, response: ServerResponse, url: URL) => boolean | Promise<boolean>;

export interface FixtureServer {
  port: number;
  /** Every host name with a folder of fixture pages, for --host-resolver-rules. */
  hosts: string[];
  /** Requests seen, as "host/path", for tests that check what was (not) fetched. */
  requests: string[];
  /** Serves `body` as HTML at "host/path" instead of the fixture file (a publisher editing a page); null restores. */
  serve(hostAndPath: string, body: string | null): void;
  close(): Promise<void>;
}

export function fixtureHosts(root: string = SITES_DIR): string[] {
  return readdirSync(root).filter((name) => statSync(join(root, name)).isDirectory());
}

async function fileFor(root: string, host: string, pathname: string): Promise<{ body: Buffer; type: string } | null> {
  const siteRoot = resolve(root, host);
  let path: string;
  try {
    path = normalize(join(siteRoot, decodeURIComponent(pathname)));
  } catch {
    return null;
  }
  if (!path.startsWith(siteRoot)) return null;
  // Judge the extension by the URL path: the folder names are host names, which have dots of their own.
  const candidates = /\.[a-z0-9]+$/i.test(pathname) ? [path] : [join(path, 'index.html'), `${path}.html`];
  for (const candidate of candidates) {
    try {
      return { body: await readFile(candidate), type: TYPES[extname(candidate)] ?? 'application/octet-stream' };
    } catch {
      // try the next spelling
    }
  }
  return null;
}

export async function startFixtureServer(
  options: { root?: string; routes?: RouteHandler[] } = {},
): Promise<FixtureServer> {
  const root = options.root ?? SITES_DIR;
  const routes = options.routes ?? [];
  const hosts = fixtureHosts(root);
  const pems = await selfsigned.generate([{ name: 'commonName', value: 'modelwire-lens-fixtures' }], {
    keyType: 'ec',
    algorithm: 'sha256',
  });
  const requests: string[] = [];
  const served = new Map<string, string>();
  const server = createServer({ key: pems.private, cert: pems.cert }, (request, response) => {
    void (async () => {
      const host = (request.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
      const url = new URL(request.url ?? '/', `https://${host}`);
      requests.push(`${host}${url.pathname}`);
      for (const route of routes) if (await route(request, response, url)) return;
      const replaced = served.get(`${host}${url.pathname}`);
      if (replaced !== undefined) {
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
        response.end(replaced);
        return;
      }
      if (url.pathname === '/favicon.ico') {
        response.writeHead(204);
        response.end();
        return;
      }
      const file = await fileFor(root, host, url.pathname);
      if (file === null) {
        response.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
        response.end('<!doctype html><title>Not found</title><h1>Not found</h1>');
        return;
      }
      response.writeHead(200, { 'content-type': file.type, 'cache-control': 'no-store' });
      response.end(file.body);
    })().catch((error: unknown) => {
      response.writeHead(500);
      response.end(String(error));
    });
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    hosts,
    requests,
    serve(hostAndPath, body) {
      if (body === null) served.delete(hostAndPath);
      else served.set(hostAndPath, body);
    },
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
