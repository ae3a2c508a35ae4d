// The coverage index format, version 1: a folder of static files that any web server or CDN can serve.
//
//   index.json                 the manifest (short cache): generation, counts, parameters, each file's size and SHA-256
//   filter-<sha>.bin           a binary fuse filter over every coverage key (lib/index/fuse.ts)
//   table-<sha>.bin            the shard table: where each shard's hash range starts, and each shard's content hash
//   delta-<from>-<to>-<sha>.bin what changed since the previous generation: a filter of new keys, changed shards
//   shards/<hash>.json.gz      coverage records of one hash range (≥ minKeysPerShard keys), gzipped JSON
//
// Everything but the manifest is named by its content, so it never changes and can be cached for ever. Readers check
// every file against the manifest (or, for shards, the table) before using it: a corrupt, truncated or hostile file
// is refused and the previous index stays in use.
import * as v from 'valibot';
import { describeIssues } from '../validation/describe-issues';
import { CoverageContentSchema, type CoverageContent } from '../modelwire/coverage';

export const INDEX_FORMAT = 'modelwire-lens-index';
export const INDEX_VERSION = 1;
export const SHARD_FORMAT = 'modelwire-lens-index-shard';
export const MANIFEST_NAME = 'index.json';
/** Bytes of a shard's content hash kept in the table and its file name (128 bits of SHA-256). */
export const SHARD_HASH_BYTES = 16;

/** What a reader accepts at most; a manifest that declares more is refused before anything is downloaded. */
export const INDEX_LIMITS = {
  manifestBytes: 256 * 1024,
  filterBytes: 16 * 1024 * 1024,
  tableBytes: 8 * 1024 * 1024,
  deltaBytes: 8 * 1024 * 1024,
  deltas: 64,
  shardBytes: 1024 * 1024,
  /** Decompressed: a gzip bomb stops here. */
  shardTextBytes: 8 * 1024 * 1024,
  shardEntries: 10_000,
  keysPerEntry: 64,
  shards: 1 << 22,
} as const;

const sha256 = v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/, 'must be 64 lower-case hex digits'));
/** A path inside the index folder: no scheme, no parent steps, no query. */
const relativePath = v.pipe(
  v.string(),
  v.maxLength(200),
  v.regex(/^[a-z0-9][a-z0-9._-]*(?:\/[a-z0-9][a-z0-9._-]*)*$/, 'must be a plain relative path inside the index'),
);
const count = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(2 ** 32 - 1));
const fileOf = (maxBytes: number) =>
  v.object({ path: relativePath, bytes: v.pipe(count, v.maxValue(maxBytes)), sha256 });

export const ManifestSchema = v.object({
  format: v.literal(INDEX_FORMAT),
  version: v.literal(INDEX_VERSION),
  generation: v.pipe(count, v.minValue(1)),
  generatedAt: v.pipe(v.string(), v.isoTimestamp()),
  base: v.object({
    generation: v.pipe(count, v.minValue(1)),
    filter: fileOf(INDEX_LIMITS.filterBytes),
    table: fileOf(INDEX_LIMITS.tableBytes),
  }),
  deltas: v.pipe(
    v.array(
      v.object({
        from: count,
        to: count,
        ...fileOf(INDEX_LIMITS.deltaBytes).entries,
      }),
    ),
    v.maxLength(INDEX_LIMITS.deltas),
  ),
  counts: v.object({
    coverages: count,
    keys: count,
    shards: v.pipe(count, v.minValue(1), v.maxValue(INDEX_LIMITS.shards)),
  }),
  params: v.object({
    hash: v.literal('sha-256'),
    filter: v.literal('binary-fuse-8'),
    minKeysPerShard: v.pipe(count, v.minValue(1)),
  }),
});

export type IndexManifest = v.InferOutput<typeof ManifestSchema>;
export type IndexFile = IndexManifest['base']['filter'];

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/** Checks a parsed manifest: its shape and that its deltas form one chain from its base to its generation. */
export function parseManifest(document: unknown): Parsed<IndexManifest> {
  const result = v.safeParse(ManifestSchema, document);
  if (!result.success)
    return { ok: false, error: `Not a Modelwire Lens index manifest: ${describeIssues(result.issues)}` };
  const manifest = result.output;
  let at = manifest.base.generation;
  for (const delta of manifest.deltas) {
    if (delta.from !== at || delta.to !== at + 1) {
      return {
        ok: false,
        error: `The index manifest's deltas do not follow each other (${delta.from} → ${delta.to} after ${at})`,
      };
    }
    at = delta.to;
  }
  if (at !== manifest.generation) {
    return {
      ok: false,
      error: `The index manifest's deltas end at generation ${at}, not at its own ${manifest.generation}`,
    };
  }
  return { ok: true, value: manifest };
}

/** Whether a parsed JSON document says it is an index manifest (the feed URL may name either). */
export function looksLikeIndexManifest(document: unknown): boolean {
  return (
    typeof document === 'object' && document !== null && (document as { format?: unknown }).format === INDEX_FORMAT
  );
}

/** The shard table: shard i holds the keys whose 32-bit prefix is in [starts[i], starts[i + 1]). */
export interface ShardTable {
  starts: Uint32Array;
  /** `SHARD_HASH_BYTES` per shard, in order. */
  hashes: Uint8Array;
}

const TABLE_MAGIC = 0x3154_574d; // "MWT1"
const DELTA_MAGIC = 0x3144_574d; // "MWD1"

export function encodeTable(table: ShardTable): Uint8Array {
  const n = table.starts.length;
  const bytes = new Uint8Array(8 + n * 4 + n * SHARD_HASH_BYTES);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, TABLE_MAGIC, true);
  view.setUint32(4, n, true);
  for (let i = 0; i < n; i++) view.setUint32(8 + i * 4, table.starts[i] as number, true);
  bytes.set(table.hashes, 8 + n * 4);
  return bytes;
}

export function decodeTable(bytes: Uint8Array, expectedShards: number): Parsed<ShardTable> {
  if (bytes.length < 8) return { ok: false, error: 'the shard table is shorter than its header' };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== TABLE_MAGIC)
    return { ok: false, error: 'the shard table is not a Lens table (bad magic)' };
  const n = view.getUint32(4, true);
  if (n !== expectedShards)
    return { ok: false, error: `the shard table lists ${n} shards, the manifest ${expectedShards}` };
  if (bytes.length !== 8 + n * (4 + SHARD_HASH_BYTES))
    return { ok: false, error: 'the shard table has the wrong length' };
  const starts = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    starts[i] = view.getUint32(8 + i * 4, true);
    if (i === 0 ? starts[0] !== 0 : (starts[i] as number) <= (starts[i - 1] as number)) {
      return { ok: false, error: 'the shard table’s ranges are not in order from 0' };
    }
  }
  return { ok: true, value: { starts, hashes: bytes.slice(8 + n * 4) } };
}

/** The shard whose range holds a 32-bit prefix: the last start ≤ prefix. */
export function shardIndexOf(table: ShardTable, prefix: number): number {
  let low = 0;
  let high = table.starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >>> 1;
    if ((table.starts[mid] as number) <= prefix) low = mid;
    else high = mid - 1;
  }
  return low;
}

export function shardHashAt(table: ShardTable, index: number): Uint8Array {
  return table.hashes.subarray(index * SHARD_HASH_BYTES, (index + 1) * SHARD_HASH_BYTES);
}

export function shardPath(hashHex: string): string {
  return `shards/${hashHex}.json.gz`;
}

/** What changed from one generation to the next: shards with new content, and a filter over the new keys. */
export interface IndexDelta {
  from: number;
  to: number;
  changed: Uint32Array;
  /** `SHARD_HASH_BYTES` per changed shard, in the same order. */
  hashes: Uint8Array;
  filter: Uint8Array;
}

export function encodeDelta(delta: IndexDelta): Uint8Array {
  const n = delta.changed.length;
  const bytes = new Uint8Array(20 + n * (4 + SHARD_HASH_BYTES) + delta.filter.length);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, DELTA_MAGIC, true);
  view.setUint32(4, delta.from, true);
  view.setUint32(8, delta.to, true);
  view.setUint32(12, n, true);
  view.setUint32(16, delta.filter.length, true);
  for (let i = 0; i < n; i++) view.setUint32(20 + i * 4, delta.changed[i] as number, true);
  bytes.set(delta.hashes, 20 + n * 4);
  bytes.set(delta.filter, 20 + n * (4 + SHARD_HASH_BYTES));
  return bytes;
}

export function decodeDelta(bytes: Uint8Array, shards: number): Parsed<IndexDelta> {
  if (bytes.length < 20) return { ok: false, error: 'a delta file is shorter than its header' };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== DELTA_MAGIC)
    return { ok: false, error: 'a delta file is not a Lens delta (bad magic)' };
  const n = view.getUint32(12, true);
  const filterBytes = view.getUint32(16, true);
  if (bytes.length !== 20 + n * (4 + SHARD_HASH_BYTES) + filterBytes) {
    return { ok: false, error: 'a delta file has the wrong length' };
  }
  const changed = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    changed[i] = view.getUint32(20 + i * 4, true);
    if ((changed[i] as number) >= shards) return { ok: false, error: 'a delta names a shard the table does not have' };
  }
  return {
    ok: true,
    value: {
      from: view.getUint32(4, true),
      to: view.getUint32(8, true),
      changed,
      hashes: bytes.slice(20 + n * 4, 20 + n * (4 + SHARD_HASH_BYTES)),
      filter: bytes.slice(20 + n * (4 + SHARD_HASH_BYTES)),
    },
  };
}

/** Applies a delta's changed shards to a table, in place. */
export function applyDeltaToTable(table: ShardTable, delta: IndexDelta): void {
  for (let i = 0; i < delta.changed.length; i++) {
    const index = delta.changed[i] as number;
    table.hashes.set(delta.hashes.subarray(i * SHARD_HASH_BYTES, (i + 1) * SHARD_HASH_BYTES), index * SHARD_HASH_BYTES);
  }
}

export interface ShardEntry {
  /** The coverage's keys that fall in this shard's range. */
  keys: string[];
  coverage: CoverageContent;
}

const ShardEnvelopeSchema = v.object({
  format: v.literal(SHARD_FORMAT),
  version: v.literal(INDEX_VERSION),
  entries: v.pipe(v.array(v.unknown()), v.maxLength(INDEX_LIMITS.shardEntries)),
});
const ShardEntrySchema = v.object({
  keys: v.pipe(v.array(v.pipe(v.string(), v.maxLength(5000))), v.minLength(1), v.maxLength(INDEX_LIMITS.keysPerEntry)),
  coverage: CoverageContentSchema,
});

/** Reads a shard's JSON: the envelope must be right; entries that do not validate are skipped and counted. */
export function parseShard(document: unknown): Parsed<{ entries: ShardEntry[]; skipped: number }> {
  const envelope = v.safeParse(ShardEnvelopeSchema, document);
  if (!envelope.success) return { ok: false, error: `Not a Lens index shard: ${describeIssues(envelope.issues)}` };
  const entries: ShardEntry[] = [];
  let skipped = 0;
  for (const entry of envelope.output.entries) {
    const result = v.safeParse(ShardEntrySchema, entry);
    if (result.success) entries.push(result.output);
    else skipped++;
  }
  return { ok: true, value: { entries, skipped } };
}
