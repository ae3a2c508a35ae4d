// The extension's IndexedDB database. Opened only by the background and extension pages (never by content scripts,
// whose IndexedDB belongs to the page). Each schema change is a new version with its own upgrade; nothing here
// imports the rest of the project, so old upgrades keep working as the code moves on.
import Dexie, { type EntityTable, type Table } from 'dexie';
import type { Coverage } from '../modelwire/coverage';
import type { Clip } from '../clips/clip';

export const DATABASE_NAME = 'modelwire-lens';

/** One entity seen in one coverage, for one publisher article. */
export interface MentionRecord {
  entityKey: string;
  /** The name as Modelwire wrote it, for display. */
  entity: string;
  coverageId: string;
  /** Normalised URL of the publisher article (lib/match/url.ts). */
  articleKey: string;
  articleUrl: string;
  firstSeen: string;
  lastSeen: string;
  /** How many times the reader has opened this article with this coverage. */
  timesSeen: number;
  /** Occurrences of the entity in the article's own text (when Lens read it), and one short passage around the first. */
  count?: number;
  context?: string | null;
}

/** An entity Modelwire mentions, with how many stored coverages mention it. */
export interface EntityRecord {
  /** lib/entities/entity-key.ts: "OpenAI's" → "openai". */
  key: string;
  /** The most recent spelling, for display. */
  name: string;
  /** Other spellings seen for the same key. */
  aliases: string[];
  kind: 'unknown' | 'organization' | 'person' | 'product' | 'place';
  coverageCount: number;
  /** Publication time of the oldest and newest coverage that mentions it. */
  firstSeen: string;
  lastSeen: string;
}

/** Entity × coverage, keyed for "newest coverages mentioning X" as a range scan. */
export interface EntityCoverageRecord {
  entityKey: string;
  coverageId: string;
  /** The coverage's publication time (or, without one, when it was stored). */
  publishedAt: string;
}

/** A stored coverage whose entity links are still to be written (a large sync defers them; see lib/db/entities.ts). */
export interface PendingEntityIndexRecord {
  coverageId: string;
  /** 1 when the coverage was stored before, so its old links must be replaced. */
  rewritten: 0 | 1;
  /** Changes with every write of the coverage: the indexer skips an entry that was queued again while it worked. */
  token: string;
}

/** A reader's answer to "is this the article Modelwire covered?" for one page address and one coverage. */
export interface MatchAnswerRecord {
  /** The page's unwrapped, normalised address (lib/match/url.ts). */
  pageKey: string;
  coverageId: string;
  answer: 'same' | 'different';
  answeredAt: string;
}

/** The coverage index this browser follows (lib/index/sync.ts): one record, replaced whole by each sync. */
export interface IndexStateRecord {
  id: 'current';
  /** The manifest's address: shards are fetched relative to it. */
  manifestUrl: string;
  generation: number;
  baseGeneration: number;
  /** The base filter, then one filter per delta (lib/index/fuse.ts encoding). */
  filters: Uint8Array[];
  /** The shard table with every delta applied (lib/index/format.ts encoding). */
  table: Uint8Array;
  shards: number;
  coverages: number;
  keys: number;
  syncedAt: string;
}

/** A shard fetched once for a filter hit, kept so the next visit needs no request. */
export interface IndexShardRecord {
  /** The shard's content hash (hex), as the table names it. */
  hash: string;
  bytes: Uint8Array;
  fetchedAt: string;
}

/** Small key-value facts about the database itself (which demo data was loaded, …). */
export interface MetaRecord {
  key: string;
  value: string;
}

export class LensDatabase extends Dexie {
  coverages!: EntityTable<Coverage, 'id'>;
  mentions!: Table<MentionRecord, [string, string, string]>;
  meta!: EntityTable<MetaRecord, 'key'>;
  entities!: EntityTable<EntityRecord, 'key'>;
  entityCoverages!: Table<EntityCoverageRecord, [string, string, string]>;
  pendingEntityIndex!: EntityTable<PendingEntityIndexRecord, 'coverageId'>;
  clips!: EntityTable<Clip, 'id'>;
  matchAnswers!: Table<MatchAnswerRecord, [string, string]>;
  indexState!: EntityTable<IndexStateRecord, 'id'>;
  indexShards!: EntityTable<IndexShardRecord, 'hash'>;

  constructor(name: string = DATABASE_NAME) {
    // Lens reads by query, not liveQuery: Dexie's optimistic cache would only slow bulk writes down.
    super(name, { cache: 'disabled' });
    this.version(1).stores({
      coverages: 'id, *sourceKeys, source.domain, *entityKeys, updatedAt',
      mentions: '[entityKey+coverageId+articleKey], entityKey, coverageId, articleKey, lastSeen',
      meta: 'key',
    });
    // Version 2: the entity cache. Built from the stored coverages, so an upgrade loses nothing and needs no network.
    this.version(2)
      .stores({
        entities: 'key, lastSeen, coverageCount',
        entityCoverages: '[entityKey+publishedAt+coverageId], coverageId, publishedAt',
      })
      .upgrade(async (tx) => {
        const entities = new Map<string, EntityRecord>();
        const links: EntityCoverageRecord[] = [];
        await tx
          .table('coverages')
          .toCollection()
          .each((coverage: { id: string; mentions?: string[]; publishedAt?: string | null; updatedAt: string }) => {
            const publishedAt = coverage.publishedAt ?? coverage.updatedAt;
            const seen = new Set<string>();
            for (const name of coverage.mentions ?? []) {
              const key = upgradeEntityKey(name);
              if (key === '' || seen.has(key)) continue;
              seen.add(key);
              links.push({ entityKey: key, coverageId: coverage.id, publishedAt });
              const entity = entities.get(key);
              if (entity === undefined) {
                entities.set(key, {
                  key,
                  name,
                  aliases: [],
                  kind: 'unknown',
                  coverageCount: 1,
                  firstSeen: publishedAt,
                  lastSeen: publishedAt,
                });
              } else {
                entity.coverageCount++;
                if (name !== entity.name && !entity.aliases.includes(name)) entity.aliases.push(name);
                if (publishedAt < entity.firstSeen) entity.firstSeen = publishedAt;
                if (publishedAt > entity.lastSeen) entity.lastSeen = publishedAt;
              }
            }
          });
        await tx.table('entities').bulkPut([...entities.values()]);
        await tx.table('entityCoverages').bulkPut(links);
      });
    // Version 3: the entity tables answer "which coverages mention X", so coverages lose their entity and
    // updatedAt indexes, which every write paid for. Dropping indexes needs no upgrade of the records.
    this.version(3).stores({ coverages: 'id, *sourceKeys, source.domain' });
    // Version 4: a queue of coverages whose entity links are still to be written, so that a large sync stores its
    // coverages first (lookups work at once) and builds the entity links after, in small transactions.
    this.version(4).stores({ pendingEntityIndex: 'coverageId' });
    // Version 5: the editors' clips, looked up by page, filtered by site, tag and date.
    this.version(5).stores({ clips: 'id, pageKey, site, *tags, createdAt, updatedAt, anchor.status' });
    // Version 6: coverages found by publisher site (registrable domains, so a coverage without source.domain is found
    // too), and the readers' answers to possible matches. The new keys are written by lib/db/rekey.ts, which runs at
    // start-up whenever the URL-key rules changed, so this upgrade needs no code of the rest of the project.
    this.version(6).stores({
      coverages: 'id, *sourceKeys, source.domain, *siteKeys',
      matchAnswers: '[pageKey+coverageId], pageKey, coverageId',
    });
    // Version 7: the static coverage index (filter and shard table) and the shards fetched on filter hits.
    this.version(7).stores({ indexState: 'id', indexShards: 'hash, fetchedAt' });
  }
}

/**
 * The entity key as version 2 computed it. A copy, not an import: an upgrade must keep computing what it computed
 * when it shipped, whatever lib/entities becomes.
 */
function upgradeEntityKey(name: string): string {
  return name
    .normalize('NFKC')
    .trim()
    .replace(/['’]s$/i, '')
    .replace(/\s+/g, ' ')
    .toLowerCase();
}

/** One connection per extension context; the version-change handler lets a newer context upgrade without a hang. */
let shared: LensDatabase | null = null;
/**
 * Whether the open database was written by a newer version of Lens than this one. Dexie then opens it anyway and
 * re-creates any store it expects and does not find, empty, so this version would show an empty library or cache
 * where the newer one keeps its data elsewhere. Views that read it say so instead. Null when all is well.
 */
export function databaseProblem(db: LensDatabase): string | null {
  if (!db.isOpen()) return null;
  const installed = db.backendDB().version;
  const ours = Math.round(db.verno * 10);
  return installed > ours
    ? `Lens’s database was changed by a newer version of Modelwire Lens (database version ${installed}, this version knows ${ours}). ` +
        'What it shows may be incomplete: update Modelwire Lens, or restore a backup in the options.'
    : null;
}

export function openDatabase(): LensDatabase {
  if (shared === null) {
    const db = new LensDatabase();
    db.on('versionchange', () => {
      db.close();
      shared = null;
    });
    shared = db;
  }
  return shared;
}
