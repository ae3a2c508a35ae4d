// One index file over HTTP: no cookies, no referrer, bounded in time and size, checked against the hash the
// manifest (or the shard table) gives for it. Never throws: every way it can fail becomes a sentence.
import { readBytesUpTo } from '../net/bounded-body';
import { sha256Hex } from './hash';

export interface FetchFileOptions {
  timeoutMs: number;
  fetch?: typeof fetch;
}

export type Fetched = { ok: true; bytes: Uint8Array } | { ok: false; error: string };

/**
 * Fetches `url` and checks it: exactly `expected.bytes` long when given, at most `maxBytes`, and its SHA-256 starting
 * with `expected.sha256` (a shard's name is the first 128 bits of its hash).
 */
export async function fetchIndexFile(
  url: string,
  expected: { sha256: string; bytes?: number; maxBytes: number },
  options: FetchFileOptions,
): Promise<Fetched> {
  const name = new URL(url).pathname.split('/').pop() ?? url;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs);
  try {
    const response = await (options.fetch ?? fetch)(url, {
      signal: controller.signal,
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      redirect: 'follow',
    });
    if (!response.ok) return { ok: false, error: `${name} answered ${response.status} ${response.statusText}`.trim() };
    const bytes = await readBytesUpTo(
      response.body,
      expected.bytes ?? expected.maxBytes,
      response.headers.get('content-length'),
    );
    if (bytes === null) return { ok: false, error: `${name} is larger than the index says it is` };
    if (expected.bytes !== undefined && bytes.length !== expected.bytes) {
      return {
        ok: false,
        error: `${name} has ${bytes.length} bytes where the index says ${expected.bytes} (cut short?)`,
      };
    }
    const hash = await sha256Hex(bytes);
    if (!hash.startsWith(expected.sha256)) return { ok: false, error: `${name} does not match its hash in the index` };
    return { ok: true, bytes };
  } catch (error) {
    if (controller.signal.aborted) {
      return { ok: false, error: `${name} did not arrive within ${Math.round(options.timeoutMs / 1000)} s` };
    }
    return {
      ok: false,
      error: `${name} could not be fetched (${error instanceof Error ? error.message : String(error)})`,
    };
  } finally {
    clearTimeout(timer);
  }
}

/** Gunzips at most `maxBytes` of text: a gzip bomb is refused, not unpacked. */
export async function gunzipText(gzipped: Uint8Array, maxBytes: number): Promise<string | null> {
  const stream = new Blob([gzipped as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip'));
  try {
    const bytes = await readBytesUpTo(stream, maxBytes);
    return bytes === null ? null : new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  } catch {
    // Not gzip, or cut short.
    return null;
  }
}
