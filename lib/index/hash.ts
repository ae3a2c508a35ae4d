// The index's one hash: SHA-256 of a normalised URL key (lib/match/decide.ts `coverageIndexKeys`), as the builder and
// the extension both compute it. Its first four bytes address the shard (`prefixOf`); its first eight feed the filter.

/** The 32-byte SHA-256 of a key's UTF-8 bytes, with Web Crypto (present in Node ≥ 20, browsers and workers). */
export async function hashKey(key: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(key)));
}

/** The first 32 bits of a key hash, big-endian: where the key's shard starts looking. */
export function prefixOf(hash: Uint8Array): number {
  return (
    (((hash[0] as number) << 24) | ((hash[1] as number) << 16) | ((hash[2] as number) << 8) | (hash[3] as number)) >>> 0
  );
}

/** Bits 32–63 of a key hash, big-endian: the filter's second word. */
export function secondWordOf(hash: Uint8Array): number {
  return (
    (((hash[4] as number) << 24) | ((hash[5] as number) << 16) | ((hash[6] as number) << 8) | (hash[7] as number)) >>> 0
  );
}

/** Lower-case hexadecimal of some bytes. */
export function toHex(bytes: Uint8Array): string {
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

/** Whether two byte arrays hold the same bytes. */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** SHA-256 of some bytes as hexadecimal: how the manifest names each file's content. */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>)));
}
