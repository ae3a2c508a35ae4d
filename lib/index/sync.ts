// A sync from a coverage index (lib/index/format.ts): the manifest is already read and parsed by the feed sync (one
// address serves either a feed or an index); this fetches the base filter and table, or only the deltas since the
// generation this browser has, checks each against the manifest, and replaces the stored index in one transaction.
// Any failure leaves the previous index in use.
import type { IndexStateRecord, LensDatabase } from '../db/schema';
import { fetchIndexFile } from './fetch-file';
import {
  applyDeltaToTable,
  decodeDelta,
  decodeTable,
  encodeTable,
  INDEX_LIMITS,
  parseManifest,
  type IndexFile,
  type ShardTable,
} from './format';
import { decodeFuseFilter } from './fuse';

/** A small record that changes with every stored index: lookups compare it instead of reading the whole index. */
export const INDEX_VERSION_META = 'index-version';

export interface IndexSyncResult {
  kind: 'base' | 'delta' | 'unchanged';
  generation: number;
  coverages: number;
  keys: number;
  shards: number;
  /** Bytes of index files downloaded by this sync (the manifest not counted). */
  downloaded: number;
}

export type IndexSyncOutcome = { ok: true; result: IndexSyncResult } | { ok: false; error: string };

export interface IndexSyncDeps {
  db: LensDatabase;
  now: Date;
  timeoutMs: number;
  fetch?: typeof fetch;
}

export async function syncIndex(
  manifestUrl: string,
  document: unknown,
  deps: IndexSyncDeps,
): Promise<IndexSyncOutcome> {
  const parsed = parseManifest(document);
  if (!parsed.ok) return { ok: false, error: `${parsed.error}. The index in use was kept.` };
  const manifest = parsed.value;
  const current = await deps.db.indexState.get('current');
  const sameBase =
    current !== undefined &&
    current.manifestUrl === manifestUrl &&
    current.baseGeneration === manifest.base.generation &&
    current.generation <= manifest.generation;
  const counts = { coverages: manifest.counts.coverages, keys: manifest.counts.keys, shards: manifest.counts.shards };
  if (sameBase && current.generation === manifest.generation) {
    return { ok: true, result: { kind: 'unchanged', generation: manifest.generation, ...counts, downloaded: 0 } };
  }
  let downloaded = 0;
  const fetchFile = async (file: IndexFile, maxBytes: number) => {
    const fetched = await fetchIndexFile(
      new URL(file.path, manifestUrl).href,
      { sha256: file.sha256, bytes: file.bytes, maxBytes },
      { timeoutMs: deps.timeoutMs, fetch: deps.fetch },
    );
    if (fetched.ok) downloaded += fetched.bytes.length;
    return fetched;
  };
  const fail = (error: string): IndexSyncOutcome => ({ ok: false, error: `${error}. The index in use was kept.` });

  let filters: Uint8Array[];
  let table: ShardTable;
  let deltas = manifest.deltas;
  if (sameBase) {
    const decoded = decodeTable(current.table, manifest.counts.shards);
    if (!decoded.ok) return fail(`The stored shard table is unreadable (${decoded.error})`);
    table = decoded.value;
    filters = [...current.filters];
    deltas = manifest.deltas.filter((delta) => delta.from >= current.generation);
  } else {
    const [filterFile, tableFile] = await Promise.all([
      fetchFile(manifest.base.filter, INDEX_LIMITS.filterBytes),
      fetchFile(manifest.base.table, INDEX_LIMITS.tableBytes),
    ]);
    if (!filterFile.ok) return fail(`The index filter was refused: ${filterFile.error}`);
    if (!tableFile.ok) return fail(`The shard table was refused: ${tableFile.error}`);
    const filter = decodeFuseFilter(filterFile.bytes);
    if (!filter.ok) return fail(`The index filter was refused: ${filter.error}`);
    const decoded = decodeTable(tableFile.bytes, manifest.counts.shards);
    if (!decoded.ok) return fail(`The shard table was refused: ${decoded.error}`);
    filters = [filterFile.bytes];
    table = decoded.value;
  }
  for (const file of deltas) {
    const fetched = await fetchFile(file, INDEX_LIMITS.deltaBytes);
    if (!fetched.ok) return fail(`A delta was refused: ${fetched.error}`);
    const delta = decodeDelta(fetched.bytes, manifest.counts.shards);
    if (!delta.ok) return fail(`A delta was refused: ${delta.error}`);
    if (delta.value.from !== file.from || delta.value.to !== file.to)
      return fail('A delta is not the one the manifest names');
    const filter = decodeFuseFilter(delta.value.filter);
    if (!filter.ok) return fail(`A delta's filter was refused: ${filter.error}`);
    applyDeltaToTable(table, delta.value);
    filters.push(delta.value.filter);
  }
  const record: IndexStateRecord = {
    id: 'current',
    manifestUrl,
    generation: manifest.generation,
    baseGeneration: manifest.base.generation,
    filters,
    table: encodeTable(table),
    ...counts,
    syncedAt: deps.now.toISOString(),
  };
  await deps.db.transaction('rw', [deps.db.indexState, deps.db.indexShards, deps.db.meta], async () => {
    await deps.db.indexState.put(record);
    await deps.db.meta.put({ key: INDEX_VERSION_META, value: `${manifestUrl} ${record.syncedAt}` });
    // Shards of another index mean nothing for this one.
    if (current !== undefined && current.manifestUrl !== manifestUrl) await deps.db.indexShards.clear();
  });
  return {
    ok: true,
    result: { kind: sameBase ? 'delta' : 'base', generation: manifest.generation, ...counts, downloaded },
  };
}

/** Forgets the index (the reader removed the address, or it now serves a feed). */
export async function forgetIndex(db: LensDatabase): Promise<void> {
  await db.transaction('rw', [db.indexState, db.indexShards, db.meta], async () => {
    await db.indexState.clear();
    await db.meta.delete(INDEX_VERSION_META);
    await db.indexShards.clear();
  });
}
