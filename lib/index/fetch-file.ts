// One index file over HTTP: no cookies, no referrer, bounded in time and size, checked against the hash the
// manifest (or the shard table) gives for it. Never throws: every way it can fail becomes a sentence.
import { sha256Hex } from './hash';

export interface FetchFileOptions {
  timeoutMs: number;
  fetch?: typeof fetch;
}

export type Fetched = { ok: true; bytes: Uint8Array } | { ok: false; error: string };

/** Reads a body up to `maxBytes`; null when it is longer. */
async function readUpTo(response: Response, maxBytes: number): Promise<Uint8Array | null> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) return null;
  if (response.body === null) return new Uint8Array();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

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
    const bytes = await readUpTo(response, expected.bytes ?? expected.maxBytes);
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
export async function gunzipText(bytes: Uint8Array, maxBytes: number): Promise<string | null> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip'));
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => undefined);
        return null;
      }
      chunks.push(value);
    }
  } catch {
    return null;
  }
  const decoder = new TextDecoder('utf-8', { fatal: false });
  return chunks.map((chunk) => decoder.decode(chunk, { stream: true })).join('') + decoder.decode();
}
