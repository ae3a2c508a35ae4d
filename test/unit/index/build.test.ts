// @vitest-environment node
import { must } from '../fixtures';
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { buildIndex, manifestOf, toIndexRecord, type BuildResult } from '../../../lib/index/build';
import {
  applyDeltaToTable,
  decodeDelta,
  decodeTable,
  parseManifest,
  parseShard,
  shardHashAt,
  shardIndexOf,
  shardPath,
  type ShardTable,
} from '../../../lib/index/format';
import { decodeFuseFilter, fuseContains, type FuseFilter } from '../../../lib/index/fuse';
import { syntheticCoverage } from '../../bench/synthetic-coverage';

const records = (from: number, to: number, revision = 0) =>
  Array.from({ length: to - from }, (_, i) => toIndexRecord(syntheticCoverage(from + i, revision)));
const at = new Date('2026-11-29T00:00:00Z');

function keyWords(key: string): { hi: number; lo: number } {
  const digest = createHash('sha256').update(key).digest();
  return { hi: digest.readUInt32BE(0), lo: digest.readUInt32BE(4) };
}

function tableOf(result: BuildResult): ShardTable {
  const manifest = manifestOf(result);
  const table = decodeTable(must(result.files.get(manifest.base.table.path)), manifest.counts.shards);
  if (!table.ok) throw new Error(table.error);
  return table.value;
}

function filterOf(bytes: Uint8Array): FuseFilter {
  const filter = decodeFuseFilter(bytes);
  if (!filter.ok) throw new Error(filter.error);
  return filter.value;
}

/** The coverages a shard file holds for a key, as a reader would find them. */
function lookUp(files: Map<string, Uint8Array>, table: ShardTable, key: string): string[] {
  const { hi } = keyWords(key);
  const path = shardPath(Buffer.from(shardHashAt(table, shardIndexOf(table, hi))).toString('hex'));
  const shard = parseShard(JSON.parse(gunzipSync(must(files.get(path))).toString('utf8')));
  if (!shard.ok) throw new Error(shard.error);
  return shard.value.entries.filter((entry) => entry.keys.includes(key)).map((entry) => entry.coverage.id);
}

describe('index build', () => {
  it('puts every key in the filter and in the shard its range names; every shard has at least 50 keys', async () => {
    const input = records(0, 800);
    const result = await buildIndex(input, null, { generatedAt: at });
    expect(result.kind).toBe('base');
    expect(parseManifest(JSON.parse(JSON.stringify(result.manifest))).ok).toBe(true);
    const table = tableOf(result);
    const filter = filterOf(must(result.files.get(manifestOf(result).base.filter.path)));
    expect(result.stats.minShardKeys).toBeGreaterThanOrEqual(50);
    expect(result.stats.shards).toBeGreaterThan(5);
    for (const record of input) {
      for (const key of record.keys) {
        const { hi, lo } = keyWords(key);
        expect(fuseContains(filter, hi, lo)).toBe(true);
        expect(lookUp(result.files, table, key)).toContain(record.id);
      }
    }
    // Every file the manifest names is there and has the size and hash it says.
    for (const file of [manifestOf(result).base.filter, manifestOf(result).base.table]) {
      const bytes = must(result.files.get(file.path));
      expect(bytes.length).toBe(file.bytes);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(file.sha256);
    }
  });

  it('is deterministic: the same coverages in another order give the same files', async () => {
    const input = records(0, 300);
    const a = await buildIndex(input, null, { generatedAt: at });
    const b = await buildIndex([...input].reverse(), null, { generatedAt: at });
    expect([...b.files.keys()].sort()).toEqual([...a.files.keys()].sort());
    for (const [path, bytes] of a.files) expect(b.files.get(path)).toEqual(bytes);
    expect(b.manifest).toEqual(a.manifest);
  });

  it('writes shard files straight into a folder when asked, the same bytes as it would return', async () => {
    const input = records(0, 400);
    const inMemory = await buildIndex(input, null, { generatedAt: at });
    const folder = mkdtempSync(join(tmpdir(), 'lens-index-build-'));
    try {
      const written = await buildIndex(input, null, { generatedAt: at, shardsInto: folder });
      expect(written.manifest).toEqual(inMemory.manifest);
      const shardFiles = [...inMemory.files.keys()].filter((path) => path.startsWith('shards/'));
      expect(shardFiles.length).toBe(inMemory.stats.shards);
      // Only the filter and the table are returned; every shard is on disk, and nothing else is (no temporary files).
      expect([...written.files.keys()].sort()).toEqual(
        [...inMemory.files.keys()].filter((path) => !path.startsWith('shards/')).sort(),
      );
      expect(readdirSync(join(folder, 'shards')).sort()).toEqual(
        shardFiles.map((path) => path.slice('shards/'.length)).sort(),
      );
      for (const path of shardFiles)
        expect(new Uint8Array(readFileSync(join(folder, path)))).toEqual(inMemory.files.get(path));
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('holds few coverages in one shard, the most private index there is', async () => {
    const result = await buildIndex(records(0, 5), null, { generatedAt: at });
    expect(result.stats.shards).toBe(1);
  });

  it(
    'builds the next generation as a delta: changed shards and a filter of the new keys only',
    { timeout: 60_000 },
    async () => {
      const base = await buildIndex(records(0, 3000), null, { generatedAt: at });
      const changed = [...records(0, 3000).slice(10), ...records(0, 10, 1), ...records(3000, 3010)];
      const next = await buildIndex(changed, base.next, { generatedAt: new Date('2026-11-30T00:00:00Z') });
      expect(next.kind).toBe('delta');
      const manifest = manifestOf(next);
      expect(manifest.generation).toBe(2);
      expect(manifest.base).toEqual(manifestOf(base).base);
      expect(manifest.deltas).toHaveLength(1);
      const deltaFile = must(manifest.deltas[0]);
      const delta = decodeDelta(must(next.files.get(deltaFile.path)), manifest.counts.shards);
      if (!delta.ok) throw new Error(delta.error);
      // At most one shard per changed key, and far from all of them.
      const changedKeys = [...records(0, 10), ...records(3000, 3010)].reduce(
        (sum, record) => sum + record.keys.length,
        0,
      );
      expect(delta.value.changed.length).toBeGreaterThan(0);
      expect(delta.value.changed.length).toBeLessThanOrEqual(changedKeys);
      expect(delta.value.changed.length).toBeLessThan(manifest.counts.shards / 2);
      const newFilter = filterOf(delta.value.filter);
      for (const record of records(3000, 3010)) {
        for (const key of record.keys) {
          const { hi, lo } = keyWords(key);
          expect(fuseContains(newFilter, hi, lo)).toBe(true);
        }
      }
      // A reader applying the delta to its table finds the edited and the new coverages.
      const table = tableOf(base);
      applyDeltaToTable(table, delta.value);
      const files = new Map([...base.files, ...next.files]);
      for (const record of [...records(0, 10, 1), ...records(3000, 3010)]) {
        expect(lookUp(files, table, must(record.keys[0]))).toContain(record.id);
      }
      const edited = must(records(0, 1, 1)[0]);
      const path = shardPath(
        Buffer.from(shardHashAt(table, shardIndexOf(table, keyWords(must(edited.keys[0])).hi))).toString('hex'),
      );
      const shard = parseShard(JSON.parse(gunzipSync(must(files.get(path))).toString('utf8')));
      expect(shard.ok && shard.value.entries.find((entry) => entry.coverage.id === edited.id)?.coverage.summary).toBe(
        syntheticCoverage(0, 1).summary,
      );
      // Nothing changed: no new generation.
      const again = await buildIndex(changed, next.next, { generatedAt: at });
      expect(again.kind).toBe('unchanged');
      expect(again.manifest).toBeNull();
    },
  );
});
