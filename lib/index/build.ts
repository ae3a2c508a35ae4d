// Builds the coverage index (lib/index/format.ts) from coverage records, in Node: the `modelwire-lens index build`
// command and the benchmark call it. A build is deterministic: the same coverages give the same files.
//
// When a previous build is in the output folder and its shard ranges still fit (every shard keeps at least
// `minKeysPerShard` keys and stays under the size limit), the new generation is a delta: the shards whose content
// changed get new files, and a small filter covers the keys that are new. Otherwise it is a new base with fresh ranges.
import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { coverageIndexKeys } from '../match/decide';
import type { CoverageContent } from '../modelwire/coverage';
import { buildFuseFilter, encodeFuseFilter } from './fuse';
import { sameBytes } from './hash';
import { newScratch, ShardCompressor, shardJson } from './render';
import {
  encodeDelta,
  encodeTable,
  INDEX_FORMAT,
  INDEX_VERSION,
  SHARD_HASH_BYTES,
  shardPath,
  type IndexManifest,
  type ShardTable,
} from './format';

export interface BuildOptions {
  generatedAt: Date;
  /** Fewest keys a shard may hold: fetching one reveals only that the page is one of at least this many. */
  minKeysPerShard?: number;
  /** Most bytes a gzipped shard may take. */
  maxShardBytes?: number;
  /** Most deltas kept after a base before the next build starts a new base. */
  maxDeltas?: number;
  /**
   * The index folder: shard files are written straight into it as they are made (content-addressed, so a reader of
   * the published manifest never sees them) and left out of the result's `files`. Without it they are returned.
   */
  shardsInto?: string;
}

export const DEFAULT_MIN_KEYS = 50;
export const DEFAULT_MAX_SHARD_BYTES = 64 * 1024;
const DEFAULT_MAX_DELTAS = 16;
/** Raw JSON at which a shard closes once it has its minimum of keys: about 40–55 KB once gzipped. */
const SOFT_SHARD_JSON_BYTES = 110 * 1024;

/** What the previous build left for the next one (in the output folder's `.build/`). */
export interface PreviousBuild {
  manifest: IndexManifest;
  /** The table as of the previous generation (base with its deltas applied). */
  table: ShardTable;
  /** Every key hash the published filters hold (first 64 bits, sorted). */
  keyHashes: BigUint64Array;
  /** SHA-1 (first 16 bytes) of each shard's JSON before gzip: an unchanged shard is not compressed again. */
  jsonHashes: Uint8Array;
}

export interface BuildResult {
  /** Null when nothing changed since the previous build: no new generation. */
  manifest: IndexManifest | null;
  /** New files by path (content-addressed: a path that exists already holds the same bytes). */
  files: Map<string, Uint8Array>;
  /** What the next build needs. */
  next: PreviousBuild | null;
  kind: 'base' | 'delta' | 'unchanged';
  stats: {
    coverages: number;
    keys: number;
    shards: number;
    minShardKeys: number;
    maxShardBytes: number;
    filterBytes: number;
    tableBytes: number;
    changedShards: number;
    newKeys: number;
  };
  /** Coverages that have no source address to index, by id. */
  unindexed: string[];
}

/** A coverage as the builder holds it: its id, its index keys and its JSON (a million objects would not fit). */
export interface IndexRecord {
  id: string;
  keys: string[];
  /** UTF-8 JSON of the coverage, outside the JavaScript heap (a million strings would keep the collector busy). */
  json: Uint8Array;
}

/** The builder's form of a coverage record. */
export function toIndexRecord(coverage: CoverageContent): IndexRecord {
  return { id: coverage.id, keys: coverageIndexKeys(coverage).sourceKeys, json: Buffer.from(JSON.stringify(coverage)) };
}

interface KeyEntry {
  key: string;
  coverage: number;
  /** The key hash's first and second 32 bits. */
  prefix: number;
  low: number;
}

function keyEntries(coverages: ReadonlyArray<IndexRecord>): { entries: KeyEntry[]; unindexed: string[] } {
  const entries: KeyEntry[] = [];
  const unindexed: string[] = [];
  coverages.forEach((coverage, index) => {
    if (coverage.keys.length === 0) unindexed.push(coverage.id);
    for (const key of coverage.keys) {
      const digest = createHash('sha256').update(key).digest();
      entries.push({ key, coverage: index, prefix: digest.readUInt32BE(0), low: digest.readUInt32BE(4) });
    }
  });
  entries.sort((a, b) => a.prefix - b.prefix || a.low - b.low || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { entries, unindexed };
}

/**
 * Fresh ranges of equal key counts: as many keys per shard as fit in about `SOFT_SHARD_JSON_BYTES` of JSON, never
 * fewer than the minimum (plus a small margin, since a cut moves forward to the next change of prefix).
 */
function freshStarts(entries: ReadonlyArray<KeyEntry>, sizes: ReadonlyArray<number>, minKeys: number): Uint32Array {
  const bytes = entries.reduce((sum, entry) => sum + (sizes[entry.coverage] as number), 0);
  const perKey = bytes / entries.length;
  const target = Math.max(minKeys + 2, Math.min(2 * minKeys, Math.floor(SOFT_SHARD_JSON_BYTES / perKey)));
  const shards = Math.max(1, Math.floor(entries.length / target));
  const starts: number[] = [0];
  let previousCut = 0;
  for (let j = 1; j < shards; j++) {
    let cut = Math.max(Math.floor((j * entries.length) / shards), previousCut + minKeys);
    while (cut < entries.length && (entries[cut] as KeyEntry).prefix === (entries[cut - 1] as KeyEntry).prefix) cut++;
    if (entries.length - cut < minKeys) break;
    starts.push((entries[cut] as KeyEntry).prefix);
    previousCut = cut;
  }
  return Uint32Array.from(starts);
}

/** Shards in flight to the compressing threads at once. */
const GZIP_PARALLEL = 8;

interface Shards {
  hashes: Uint8Array;
  jsonHashes: Uint8Array;
  files: Map<string, Uint8Array>;
  keyCounts: Uint32Array;
  sizes: Uint32Array;
}

/** Which coverages (with which of their keys) each shard holds, in the order they are written. */
function planShards(entries: ReadonlyArray<KeyEntry>, coverages: ReadonlyArray<IndexRecord>, starts: Uint32Array) {
  const n = starts.length;
  const keyCounts = new Uint32Array(n);
  const plans: Array<Array<[number, string[]]>> = [];
  let at = 0;
  for (let shard = 0; shard < n; shard++) {
    const end = shard + 1 < n ? (starts[shard + 1] as number) : 2 ** 32;
    const byCoverage = new Map<number, string[]>();
    while (at < entries.length && (entries[at] as KeyEntry).prefix < end) {
      const entry = entries[at] as KeyEntry;
      const keys = byCoverage.get(entry.coverage);
      if (keys === undefined) byCoverage.set(entry.coverage, [entry.key]);
      else keys.push(entry.key);
      keyCounts[shard] = (keyCounts[shard] as number) + 1;
      at++;
    }
    plans.push(
      [...byCoverage]
        .map(([coverage, keys]): [number, string[]] => [coverage, keys.sort()])
        .sort(([a], [b]) => {
          const left = (coverages[a] as IndexRecord).id;
          const right = (coverages[b] as IndexRecord).id;
          return left < right ? -1 : left > right ? 1 : 0;
        }),
    );
  }
  return { plans, keyCounts };
}

async function shardFiles(
  entries: ReadonlyArray<KeyEntry>,
  coverages: ReadonlyArray<IndexRecord>,
  starts: Uint32Array,
  /** The same ranges' previous JSON hashes and file hashes, when the ranges are the previous build's. */
  previous: PreviousBuild | null,
  writeTo: string | null,
): Promise<Shards> {
  const n = starts.length;
  const { plans, keyCounts } = planShards(entries, coverages, starts);
  const previousJsonHash = (shard: number) =>
    previous === null ? null : previous.jsonHashes.slice(shard * SHARD_HASH_BYTES, (shard + 1) * SHARD_HASH_BYTES);
  const hashes = new Uint8Array(n * SHARD_HASH_BYTES);
  const jsonHashes = new Uint8Array(n * SHARD_HASH_BYTES);
  const files = new Map<string, Uint8Array>();
  const sizes = new Uint32Array(n);
  const running = new Set<Promise<void>>();
  if (writeTo !== null) await mkdir(join(writeTo, dirname(shardPath('0'))), { recursive: true });
  const compressor = new ShardCompressor(writeTo);
  // One scratch buffer per shard being compressed: a buffer is free again once its shard's gzip is done.
  const free = Array.from({ length: GZIP_PARALLEL }, () => newScratch(256 * 1024));
  try {
    for (let shard = 0; shard < n; shard++) {
      const plan = plans[shard] as Array<[number, string[]]>;
      const { jsonHash, json, scratch } = shardJson(
        {
          previousJsonHash: previousJsonHash(shard),
          entries: plan.map(([record, keys]) => ({ keys, json: (coverages[record] as IndexRecord).json })),
        },
        free.pop() as Buffer,
      );
      const offset = shard * SHARD_HASH_BYTES;
      jsonHashes.set(jsonHash, offset);
      if (json === null) {
        free.push(scratch);
        // Same JSON, same gzip: the file is already published under the previous hash.
        if (previous !== null) hashes.set(previous.table.hashes.subarray(offset, offset + SHARD_HASH_BYTES), offset);
        continue;
      }
      const task = compressor.compress(json, scratch).then(({ gz, bytes, hash, scratch: back }) => {
        free.push(back);
        hashes.set(hash, offset);
        if (gz !== null) files.set(shardPath(Buffer.from(hash).toString('hex')), gz);
        sizes[shard] = bytes;
      });
      running.add(task);
      void task.finally(() => running.delete(task));
      if (free.length === 0) await Promise.race(running);
    }
    await Promise.all(running);
  } finally {
    await compressor.close();
  }
  return { hashes, jsonHashes, files, keyCounts, sizes };
}

function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function filterOver(hashes: BigUint64Array): Uint8Array {
  const hi = new Uint32Array(hashes.length);
  const lo = new Uint32Array(hashes.length);
  for (let i = 0; i < hashes.length; i++) {
    const value = hashes[i] as bigint;
    hi[i] = Number(value >> 32n);
    lo[i] = Number(value & 0xffff_ffffn);
  }
  return encodeFuseFilter(buildFuseFilter(hi, lo));
}

function uniqueSorted(entries: ReadonlyArray<KeyEntry>): BigUint64Array {
  const values = new BigUint64Array(entries.length);
  let n = 0;
  for (const entry of entries) {
    const full = (BigInt(entry.prefix) << 32n) | BigInt(entry.low);
    if (n === 0 || values[n - 1] !== full) values[n++] = full;
  }
  return values.slice(0, n);
}

/** Sorted `a` minus sorted `b`. */
function difference(a: BigUint64Array, b: BigUint64Array): BigUint64Array {
  const out = new BigUint64Array(a.length);
  let n = 0;
  let j = 0;
  for (let i = 0; i < a.length; i++) {
    const value = a[i] as bigint;
    while (j < b.length && (b[j] as bigint) < value) j++;
    if (j >= b.length || b[j] !== value) out[n++] = value;
  }
  return out.slice(0, n);
}

/** The latest record per coverage id (later entries win), so a list with repeats builds what its last word says. */
function latestById(coverages: ReadonlyArray<IndexRecord>): IndexRecord[] {
  const byId = new Map<string, IndexRecord>();
  for (const coverage of coverages) byId.set(coverage.id, coverage);
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
}

export async function buildIndex(
  input: ReadonlyArray<IndexRecord>,
  previous: PreviousBuild | null,
  options: BuildOptions,
): Promise<BuildResult> {
  const minKeys = options.minKeysPerShard ?? DEFAULT_MIN_KEYS;
  const maxBytes = options.maxShardBytes ?? DEFAULT_MAX_SHARD_BYTES;
  const maxDeltas = options.maxDeltas ?? DEFAULT_MAX_DELTAS;
  const writeTo = options.shardsInto ?? null;
  const coverages = latestById(input);
  const { entries, unindexed } = keyEntries(coverages);
  if (entries.length === 0) throw new Error('None of these coverages names a publisher address to index.');
  const keyHashes = uniqueSorted(entries);
  const sizes = coverages.map((coverage) => coverage.json.length + 40);

  const stats = (shards: Shards, filterBytes: number, tableBytes: number) => ({
    coverages: coverages.length,
    keys: entries.length,
    shards: shards.keyCounts.length,
    minShardKeys: shards.keyCounts.reduce((min, keys) => Math.min(min, keys), Infinity),
    maxShardBytes: shards.sizes.reduce((max, size) => Math.max(max, size), 0),
    filterBytes,
    tableBytes,
    changedShards: 0,
    newKeys: 0,
  });

  // One shard holding every key is as private as an index can be, however few keys there are.
  const fits = (shards: Shards) =>
    (shards.keyCounts.length === 1 || shards.keyCounts.every((keys) => keys >= minKeys)) &&
    shards.sizes.every((size) => size <= maxBytes);

  // A delta on the previous base, when its ranges still fit and the chain is not too long.
  if (previous !== null && previous.manifest.params.minKeysPerShard === minKeys) {
    const shards = await shardFiles(entries, coverages, previous.table.starts, previous, writeTo);
    const newKeys = difference(keyHashes, previous.keyHashes);
    const changed: number[] = [];
    for (let i = 0; i < previous.table.starts.length; i++) {
      const offset = i * SHARD_HASH_BYTES;
      const before = previous.table.hashes.subarray(offset, offset + SHARD_HASH_BYTES);
      if (!sameBytes(before, shards.hashes.subarray(offset, offset + SHARD_HASH_BYTES))) changed.push(i);
    }
    const baseBytes = previous.manifest.base.filter.bytes + previous.manifest.base.table.bytes;
    const deltaBytesSoFar = previous.manifest.deltas.reduce((sum, delta) => sum + delta.bytes, 0);
    if (changed.length === 0 && newKeys.length === 0) {
      return {
        manifest: null,
        files: new Map(),
        next: previous,
        kind: 'unchanged',
        stats: stats(shards, previous.manifest.base.filter.bytes, previous.manifest.base.table.bytes),
        unindexed,
      };
    }
    if (fits(shards) && previous.manifest.deltas.length < maxDeltas) {
      const from = previous.manifest.generation;
      const changedHashes = new Uint8Array(changed.length * SHARD_HASH_BYTES);
      changed.forEach((index, i) =>
        changedHashes.set(
          shards.hashes.subarray(index * SHARD_HASH_BYTES, (index + 1) * SHARD_HASH_BYTES),
          i * SHARD_HASH_BYTES,
        ),
      );
      const delta = encodeDelta({
        from,
        to: from + 1,
        changed: Uint32Array.from(changed),
        hashes: changedHashes,
        filter: filterOver(newKeys),
      });
      if (deltaBytesSoFar + delta.length <= baseBytes / 2) {
        const deltaSha = sha256Hex(delta);
        const deltaPath = `delta-${from}-${from + 1}-${deltaSha.slice(0, 16)}.bin`;
        const files = new Map<string, Uint8Array>([[deltaPath, delta]]);
        for (const index of changed) {
          const path = shardPath(
            Buffer.from(shards.hashes.subarray(index * SHARD_HASH_BYTES, (index + 1) * SHARD_HASH_BYTES)).toString(
              'hex',
            ),
          );
          const file = shards.files.get(path);
          if (file !== undefined) files.set(path, file);
        }
        const manifest: IndexManifest = {
          ...previous.manifest,
          generation: from + 1,
          generatedAt: options.generatedAt.toISOString(),
          deltas: [
            ...previous.manifest.deltas,
            { from, to: from + 1, path: deltaPath, bytes: delta.length, sha256: deltaSha },
          ],
          counts: { coverages: coverages.length, keys: entries.length, shards: shards.keyCounts.length },
        };
        const merged = new BigUint64Array(previous.keyHashes.length + newKeys.length);
        merged.set(previous.keyHashes);
        merged.set(newKeys, previous.keyHashes.length);
        merged.sort();
        return {
          manifest,
          files,
          next: {
            manifest,
            table: { starts: previous.table.starts, hashes: shards.hashes },
            keyHashes: merged,
            jsonHashes: shards.jsonHashes,
          },
          kind: 'delta',
          stats: {
            ...stats(shards, previous.manifest.base.filter.bytes, previous.manifest.base.table.bytes),
            changedShards: changed.length,
            newKeys: newKeys.length,
          },
          unindexed,
        };
      }
    }
  }

  // A new base: fresh ranges over every key.
  const starts = freshStarts(entries, sizes, minKeys);
  const shards = await shardFiles(entries, coverages, starts, null, writeTo);
  const tooBig = shards.sizes.findIndex((size) => size > maxBytes);
  if (tooBig >= 0) {
    throw new Error(
      `Shard ${tooBig} takes ${shards.sizes[tooBig]} bytes gzipped with its minimum of ${minKeys} keys, over the limit of ${maxBytes}: ` +
        'the coverage records are unusually large; raise --max-shard-bytes or lower --min-keys.',
    );
  }
  const filter = filterOver(keyHashes);
  const table = encodeTable({ starts, hashes: shards.hashes });
  const filterSha = sha256Hex(filter);
  const tableSha = sha256Hex(table);
  const generation = (previous?.manifest.generation ?? 0) + 1;
  const filterPath = `filter-${filterSha.slice(0, 16)}.bin`;
  const tablePath = `table-${tableSha.slice(0, 16)}.bin`;
  const manifest: IndexManifest = {
    format: INDEX_FORMAT,
    version: INDEX_VERSION,
    generation,
    generatedAt: options.generatedAt.toISOString(),
    base: {
      generation,
      filter: { path: filterPath, bytes: filter.length, sha256: filterSha },
      table: { path: tablePath, bytes: table.length, sha256: tableSha },
    },
    deltas: [],
    counts: { coverages: coverages.length, keys: entries.length, shards: starts.length },
    params: { hash: 'sha-256', filter: 'binary-fuse-8', minKeysPerShard: minKeys },
  };
  const files = new Map<string, Uint8Array>(shards.files);
  files.set(filterPath, filter);
  files.set(tablePath, table);
  return {
    manifest,
    files,
    next: { manifest, table: { starts, hashes: shards.hashes }, keyHashes, jsonHashes: shards.jsonHashes },
    kind: 'base',
    stats: stats(shards, filter.length, table.length),
    unindexed,
  };
}

/** The manifest a build published; for callers that know the build was not "unchanged". */
export function manifestOf(result: BuildResult): IndexManifest {
  if (result.manifest === null) throw new Error('This build published nothing: the index was unchanged.');
  return result.manifest;
}
