// Rendering shards: each shard's JSON assembled in one buffer, its SHA-1 (the builder's change detector) and, when it
// changed, its gzip (on libuv's thread pool, so the machine's cores share the work) and SHA-256.
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { INDEX_VERSION, SHARD_FORMAT, SHARD_HASH_BYTES } from './format';
import { sameBytes } from './hash';

/** One shard to render: its coverages in order, each with its keys in this shard and its JSON. */
export interface ShardPlan {
  entries: Array<{ keys: string[]; json: Uint8Array }>;
  /** SHA-1 (16 bytes) of this shard's JSON in the previous build, when the ranges are the previous build's. */
  previousJsonHash: Uint8Array | null;
}

const HEAD = Buffer.from(`{"format":${JSON.stringify(SHARD_FORMAT)},"version":${INDEX_VERSION},"entries":[`);
const TAIL = Buffer.from(']}');
const CLOSE = Buffer.from('}');
const GZIP_LEVEL = 4;
const gzipAsync = promisify(gzip);

/** The shard's JSON (one buffer of the exact size) and its SHA-1; the JSON is null when the previous build had it. */
export function shardJson(plan: ShardPlan): { jsonHash: Uint8Array; json: Buffer | null } {
  const prefixes = plan.entries.map(({ keys }, i) => `${i > 0 ? ',' : ''}{"keys":${JSON.stringify(keys)},"coverage":`);
  let size = HEAD.length + TAIL.length;
  plan.entries.forEach(({ json }, i) => (size += Buffer.byteLength(prefixes[i] as string) + json.length + 1));
  const buffer = Buffer.allocUnsafe(size);
  let written = HEAD.copy(buffer, 0);
  plan.entries.forEach(({ json }, i) => {
    written += buffer.write(prefixes[i] as string, written);
    buffer.set(json, written);
    written += json.length;
    written += CLOSE.copy(buffer, written);
  });
  TAIL.copy(buffer, written);
  // A change detector for the builder's own state, not a published hash: the faster SHA-1 will do.
  const jsonHash = new Uint8Array(createHash('sha1').update(buffer).digest().subarray(0, SHARD_HASH_BYTES));
  if (plan.previousJsonHash !== null && sameBytes(plan.previousJsonHash, jsonHash)) return { jsonHash, json: null };
  return { jsonHash, json: buffer };
}

/** The gzipped file of a shard's JSON and its content hash (the first 128 bits of SHA-256). */
export async function shardFile(json: Buffer): Promise<{ gz: Uint8Array; hash: Uint8Array }> {
  // One output chunk per shard: fewer callbacks into the builder's thread.
  const gz = new Uint8Array(await gzipAsync(json, { level: GZIP_LEVEL, chunkSize: 256 * 1024 }));
  return { gz, hash: new Uint8Array(createHash('sha256').update(gz).digest().subarray(0, SHARD_HASH_BYTES)) };
}
