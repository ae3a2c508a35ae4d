// A coverage index (lib/index/format.ts) served over HTTP on 127.0.0.1, for the browser tests and the demo: built at
// start by the same builder as `modelwire-lens index build`, from the feed-only fixture coverage plus synthetic
// coverages (so that there are many shards), with ETag on the manifest and switchable faults: 500s, truncated files,
// a manifest that disagrees with its files, a hostile manifest. Every request is logged with
// the headers a privacy test needs. Run directly, it serves until stopped:
//   npx tsx test/harness/index-server.ts [port]
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { listenOnLoopback } from './loopback-server';
import { fileURLToPath } from 'node:url';
import { buildIndex, manifestOf, toIndexRecord, type BuildResult } from '../../lib/index/build';
import type { CoverageContent } from '../../lib/modelwire/coverage';
import type { IndexFile, IndexManifest } from '../../lib/index/format';
import { syntheticCoverage } from '../bench/synthetic-coverage';

/** Names under which the truncated mode serves files cut in half. */
const TRUNCATED = 'cut-';
const EXTRA_ITEMS = fileURLToPath(new URL('../fixtures/feed/extra-items.json', import.meta.url));

export type IndexMode = 'ok' | 'error-500' | 'truncated' | 'bad-hash' | 'hostile-manifest';

export interface IndexRequest {
  path: string;
  status: number;
  cookie: string | null;
  referer: string | null;
  at: number;
}

export interface IndexServer {
  port: number;
  /** The manifest's address: http://127.0.0.1:<port>/index.json */
  url: string;
  /** The manifest served in the normal mode. */
  manifest: IndexManifest;
  setMode(mode: IndexMode): void;
  requests: IndexRequest[];
  /** The build served, when the server built it. */
  build: BuildResult | null;
  close(): Promise<void>;
}

/** The index the tests use: the fixture coverage and `synthetic` generated ones. */
export async function buildTestIndex(synthetic = 3000): Promise<BuildResult> {
  const fixtures = JSON.parse(readFileSync(EXTRA_ITEMS, 'utf8')) as CoverageContent[];
  const coverages = [...fixtures, ...Array.from({ length: synthetic }, (_, i) => syntheticCoverage(i))];
  return buildIndex(coverages.map(toIndexRecord), null, { generatedAt: new Date('2026-11-28T00:00:00Z') });
}

/** Serves an index folder that `modelwire-lens index build` wrote (the demo's). */
export async function serveIndexFolder(folder: string, port = 0): Promise<IndexServer> {
  const files = new Map<string, Uint8Array>();
  for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = relative(folder, join(entry.parentPath, entry.name)).split(sep).join('/');
    if (!path.startsWith('.') && path !== 'index.json')
      files.set(path, new Uint8Array(readFileSync(join(folder, path))));
  }
  const manifest = JSON.parse(readFileSync(join(folder, 'index.json'), 'utf8')) as IndexManifest;
  return serve(manifest, files, null, port);
}

export async function startIndexServer(port = 0): Promise<IndexServer> {
  const build = await buildTestIndex();
  return serve(manifestOf(build), build.files, build, port);
}

async function serve(
  manifest: IndexManifest,
  files: Map<string, Uint8Array>,
  build: BuildResult | null,
  port: number,
): Promise<IndexServer> {
  let mode: IndexMode = 'ok';
  const requests: IndexRequest[] = [];
  const manifestText = JSON.stringify(manifest);
  const etag = (text: string) => `"${createHash('sha256').update(text).digest('hex').slice(0, 16)}"`;

  /** The manifest as a newer base generation: a reader that holds this index must fetch its files again. */
  const newerBase = (filter = manifest.base.filter, table = manifest.base.table) =>
    JSON.stringify({
      ...manifest,
      generation: manifest.generation + 1,
      base: { ...manifest.base, generation: manifest.generation + 1, filter, table },
    });
  const manifestFor = (current: IndexMode): string => {
    // A filter hash that does not match the filter file.
    if (current === 'bad-hash') return newerBase({ ...manifest.base.filter, sha256: 'f'.repeat(64) });
    // Files cut in half (below), under names no browser cache holds yet: their full copies are cached as immutable.
    if (current === 'truncated') {
      const renamed = (file: IndexFile) => ({ ...file, path: `${TRUNCATED}${file.path}` });
      return newerBase(renamed(manifest.base.filter), renamed(manifest.base.table));
    }
    if (current === 'hostile-manifest') {
      return `{"format":"modelwire-lens-index","version":1,"__proto__":{"polluted":true},"generation":99,"generatedAt":"2026-11-29T00:00:00Z","base":{"generation":99,"filter":{"path":"../../etc/passwd","bytes":99999999999,"sha256":"00"},"table":{"path":"table.bin","bytes":1,"sha256":"${'0'.repeat(64)}"}},"deltas":[],"counts":{"coverages":1,"keys":1,"shards":1},"params":{"hash":"sha-256","filter":"binary-fuse-8","minKeysPerShard":50}}`;
    }
    return manifestText;
  };

  const answer = (request: IncomingMessage, response: ServerResponse) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname.replace(/^\//, '');
    const log = (status: number) =>
      requests.push({
        path,
        status,
        cookie: request.headers.cookie ?? null,
        referer: request.headers.referer ?? null,
        at: Date.now(),
      });
    const current = mode;
    if (current === 'error-500') {
      log(500);
      response.writeHead(500, { 'content-type': 'text/plain' }).end('Internal error');
      return;
    }
    if (path === 'index.json') {
      const text = manifestFor(current);
      const tag = etag(text);
      if (request.headers['if-none-match'] === tag) {
        log(304);
        response.writeHead(304, { etag: tag }).end();
        return;
      }
      log(200);
      response.writeHead(200, { 'content-type': 'application/json', etag: tag, 'cache-control': 'no-cache' }).end(text);
      return;
    }
    const bytes = files.get(path.startsWith(TRUNCATED) ? path.slice(TRUNCATED.length) : path);
    if (bytes === undefined) {
      log(404);
      response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    const body = path.startsWith(TRUNCATED) ? bytes.subarray(0, Math.floor(bytes.length / 2)) : bytes;
    log(200);
    response
      .writeHead(200, {
        'content-type': 'application/octet-stream',
        'cache-control': 'public, max-age=31536000, immutable',
        'content-length': String(body.length),
      })
      .end(Buffer.from(body));
  };

  const server = await listenOnLoopback(answer, port);
  const actual = server.port;
  return {
    port: actual,
    url: `http://127.0.0.1:${actual}/index.json`,
    manifest,
    setMode(next) {
      mode = next;
    },
    requests,
    build,
    close: () => server.close(),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const server = await startIndexServer(Number(process.argv[2] ?? 0));
  console.log(
    `Modelwire Lens index at ${server.url} (${server.build?.stats.coverages} coverages, ${server.build?.stats.shards} shards)`,
  );
}
