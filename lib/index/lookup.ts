// Looking a page up in the coverage index: every key of the page is tested against the local filters (no request);
// only on a hit is that key's shard fetched — once: it is kept in IndexedDB — and the full key confirmed in it. The
// confirmed coverages are stored like any other (origin "index"), so the usual lookup then finds them.
import { putCoverages } from '../db/coverage';
import type { IndexStateRecord, LensDatabase } from '../db/schema';
import type { CoverageContent } from '../modelwire/coverage';
import { fetchIndexFile, gunzipText } from './fetch-file';
import { decodeTable, INDEX_LIMITS, parseShard, shardHashAt, shardIndexOf, shardPath, type ShardTable } from './format';
import { decodeFuseFilter, fuseContains, type FuseFilter } from './fuse';
import { hashKey, prefixOf, secondWordOf, toHex } from './hash';
import { INDEX_VERSION_META } from './sync';

/** Keys remembered as settled at most (a Map keeps insertion order: the oldest go first). */
const MAX_SETTLED_KEYS = 5000;

/** Shards kept at most; the least recently fetched go first. */
export const MAX_CACHED_SHARDS = 2000;

interface Loaded {
  state: IndexStateRecord;
  filters: FuseFilter[];
  table: ShardTable;
}

export interface IndexLookupOptions {
  timeoutMs?: number;
  fetch?: typeof fetch;
  now?: () => Date;
}

export interface EnsureResult {
  /** Shard requests made for these keys. */
  requests: number;
  /** Coverages confirmed by full key and stored. */
  confirmed: number;
  /** Why a shard could not be used, if one could not. */
  error: string | null;
}

export class IndexLookup {
  private loaded: Loaded | null = null;
  private loading: Promise<Loaded | null> | null = null;
  private loadedVersion: string | null = null;
  /**
   * Keys already settled against a shard (their coverages stored, or found absent), by shard hash: a second visit
   * neither unpacks the shard again nor writes. Forgotten when the worker stops; bounded.
   */
  private readonly settled = new Map<string, { shard: string; ids: string[] }>();

  constructor(
    private readonly db: LensDatabase,
    private readonly options: IndexLookupOptions = {},
  ) {}

  /** Drops the decoded index held in memory: the next lookup reads the stored one again (after a sync). */
  reset(): void {
    this.loaded = null;
    this.loading = null;
  }

  private async load(): Promise<Loaded | null> {
    const version = (await this.db.meta.get(INDEX_VERSION_META))?.value;
    if (version === undefined) return null;
    if (this.loaded !== null && this.loadedVersion === version) return this.loaded;
    this.loading ??= (async () => {
      const state = await this.db.indexState.get('current');
      if (state === undefined) return null;
      this.loadedVersion = `${state.manifestUrl} ${state.syncedAt}`;
      const filters: FuseFilter[] = [];
      for (const bytes of state.filters) {
        const decoded = decodeFuseFilter(bytes);
        if (decoded.ok) filters.push(decoded.value);
      }
      const table = decodeTable(state.table, state.shards);
      this.loaded = table.ok ? { state, filters, table: table.value } : null;
      return this.loaded;
    })().finally(() => {
      this.loading = null;
    });
    return this.loading;
  }

  /**
   * Makes sure every coverage the index holds for these keys is in the database. Keys the filters rule out cost
   * nothing but a hash; a hit costs one request per shard the first time and none after.
   */
  async ensure(keys: ReadonlyArray<string>): Promise<EnsureResult> {
    const outcome: EnsureResult = { requests: 0, confirmed: 0, error: null };
    if (keys.length === 0) return outcome;
    const index = await this.load();
    if (index === null || index.filters.length === 0) return outcome;
    const wanted = new Map<string, Set<string>>();
    const scratch = new Uint32Array(4);
    for (const key of keys) {
      const hash = await hashKey(key);
      const hi = prefixOf(hash);
      const lo = secondWordOf(hash);
      if (!index.filters.some((filter) => fuseContains(filter, hi, lo, scratch))) continue;
      const shard = toHex(shardHashAt(index.table, shardIndexOf(index.table, hi)));
      if (await this.isSettled(key, shard)) continue;
      if (await this.isSettled(key, shard)) continue;
      const set = wanted.get(shard) ?? new Set<string>();
      set.add(key);
      wanted.set(shard, set);
    }
    for (const [shard, shardKeys] of wanted) {
      const read = await this.shard(index.state, shard);
      if (!read.ok) {
        outcome.error = read.error;
        continue;
      }
      if (read.fetched) outcome.requests++;
      const found = read.entries.filter((entry) => entry.keys.some((key) => shardKeys.has(key)));
      if (found.length > 0) {
        await putCoverages(
          this.db,
          found.map((entry) => entry.coverage),
          'index',
          this.now(),
        );
        outcome.confirmed += found.length;
      }
      for (const key of shardKeys) {
        const ids = found.filter((entry) => entry.keys.includes(key)).map((entry) => entry.coverage.id);
        this.settle(key, shard, ids);
      }
    }
    return outcome;
  }

  /** Settled against this very shard, and its coverages still stored (the reader may have cleared them). */
  private async isSettled(key: string, shard: string): Promise<boolean> {
    const settled = this.settled.get(key);
    if (settled?.shard !== shard) return false;
    if (settled.ids.length === 0) return true;
    return (await this.db.coverages.where('id').anyOf(settled.ids).count()) === settled.ids.length;
  }

  private settle(key: string, shard: string, ids: string[]): void {
    this.settled.delete(key);
    this.settled.set(key, { shard, ids });
    if (this.settled.size > MAX_SETTLED_KEYS) this.settled.delete(this.settled.keys().next().value as string);
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  private async shard(
    state: IndexStateRecord,
    hash: string,
  ): Promise<
    | { ok: true; fetched: boolean; entries: Array<{ keys: string[]; coverage: CoverageContent }> }
    | { ok: false; error: string }
  > {
    let bytes = (await this.db.indexShards.get(hash))?.bytes;
    let fetched = false;
    if (bytes === undefined) {
      const response = await fetchIndexFile(
        new URL(shardPath(hash), state.manifestUrl).href,
        { sha256: hash, maxBytes: INDEX_LIMITS.shardBytes },
        { timeoutMs: this.options.timeoutMs ?? 10_000, fetch: this.options.fetch },
      );
      if (!response.ok) return { ok: false, error: response.error };
      bytes = response.bytes;
      fetched = true;
    }
    const text = await gunzipText(bytes, INDEX_LIMITS.shardTextBytes);
    if (text === null)
      return { ok: false, error: 'a shard does not unpack (corrupt, or larger than any shard may be)' };
    let document: unknown;
    try {
      document = JSON.parse(text);
    } catch {
      return { ok: false, error: 'a shard is not valid JSON' };
    }
    const shard = parseShard(document);
    if (!shard.ok) return { ok: false, error: shard.error };
    if (fetched) await this.keep(hash, bytes);
    return { ok: true, fetched, entries: shard.value.entries };
  }

  private async keep(hash: string, bytes: Uint8Array): Promise<void> {
    await this.db.indexShards.put({ hash, bytes, fetchedAt: this.now().toISOString() });
    const count = await this.db.indexShards.count();
    if (count > MAX_CACHED_SHARDS) {
      const oldest = await this.db.indexShards
        .orderBy('fetchedAt')
        .limit(count - MAX_CACHED_SHARDS)
        .primaryKeys();
      await this.db.indexShards.bulkDelete(oldest);
    }
  }
}
