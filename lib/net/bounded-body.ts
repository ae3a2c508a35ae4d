// Reading a response body (or any byte stream) whole, but never more than a limit: an endless or oversized body is
// cancelled while it streams, not buffered first. Shared by the feed, the index and `index build`.

/**
 * The stream's bytes, or null once they pass `maxBytes` (the stream is then cancelled). `declaredLength` (a
 * Content-Length) past the limit refuses at once.
 */
export async function readBytesUpTo(
  body: ReadableStream<Uint8Array> | null,
  maxBytes: number,
  declaredLength: string | null = null,
): Promise<Uint8Array | null> {
  const declared = Number(declaredLength);
  if (declaredLength !== null && Number.isFinite(declared) && declared > maxBytes) {
    await body?.cancel().catch(() => undefined);
    return null;
  }
  if (body === null) return new Uint8Array();
  const reader = body.getReader();
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

/** A response's body as UTF-8 text, at most `maxBytes`; null when longer. */
export async function readTextUpTo(response: Response, maxBytes: number): Promise<string | null> {
  const bytes = await readBytesUpTo(response.body, maxBytes, response.headers.get('content-length'));
  return bytes === null ? null : new TextDecoder('utf-8', { fatal: false }).decode(bytes);
}
