// The entity cache: which entities Modelwire mentions, in which coverages, and the queries the UI needs.
import type { EntityCoverageRecord, EntityRecord, LensDatabase } from './schema';
import type { Coverage } from '../modelwire/coverage';
import { entityKey } from '../entities/entity-key';
import { liveQuery } from 'dexie';
import { createEntityMatcher, type EntityMatcher, type KnownEntity } from '../entities/find';

function publishedAtOf(coverage: Pick<Coverage, 'publishedAt' | 'updatedAt'>): string {
  return coverage.publishedAt ?? coverage.updatedAt;
}

/** All links of one entity: the other two key parts are strings, so '' and U+FFFF bound them in every build. */
function rangeOf(key: string): [[string, string, string], [string, string, string]] {
  return [
    [key, '', ''],
    [key, '\uffff', '\uffff'],
  ];
}

/**
 * Brings the entity tables in line with freshly written coverages. Call inside the transaction that wrote them, with
 * `entities` and `entityCoverages` in its scope.
 */
export async function indexCoverageEntities(
  db: LensDatabase,
  written: ReadonlyArray<Coverage>,
  /** Ids among `written` that were stored before this write: only their old links need looking up. */
  rewrittenIds: ReadonlyArray<string> = written.map((coverage) => coverage.id),
): Promise<void> {
  if (written.length === 0) return;
  const previous =
    rewrittenIds.length > 0 ? await db.entityCoverages.where('coverageId').anyOf(rewrittenIds).toArray() : [];
  const lostLinks = new Set(previous.map((link) => link.entityKey));
  if (previous.length > 0) await db.entityCoverages.where('coverageId').anyOf(rewrittenIds).delete();

  const links: EntityCoverageRecord[] = [];
  const added = new Map<string, { name: string; count: number; first: string; last: string }>();
  for (const coverage of written) {
    const seen = new Set<string>();
    const publishedAt = publishedAtOf(coverage);
    for (const name of coverage.mentions) {
      const key = entityKey(name);
      if (key === '' || seen.has(key)) continue;
      seen.add(key);
      links.push({ entityKey: key, coverageId: coverage.id, publishedAt });
      const entry = added.get(key);
      if (entry === undefined) added.set(key, { name, count: 1, first: publishedAt, last: publishedAt });
      else {
        entry.count++;
        if (publishedAt < entry.first) entry.first = publishedAt;
        if (publishedAt >= entry.last) {
          entry.last = publishedAt;
          entry.name = name;
        }
      }
    }
  }
  await db.entityCoverages.bulkPut(links);

  const keys = [...new Set([...added.keys(), ...lostLinks])];
  const current = await db.entities.bulkGet(keys);
  const updates: EntityRecord[] = [];
  const gone: string[] = [];
  for (const [index, key] of keys.entries()) {
    const existing = current[index];
    const fresh = added.get(key);
    let count: number;
    let firstSeen: string;
    let lastSeen: string;
    if (!lostLinks.has(key) && fresh) {
      // Only additions (the common case: a sync, a first capture): update the figures without reading the links.
      count = (existing?.coverageCount ?? 0) + fresh.count;
      firstSeen = existing && existing.firstSeen < fresh.first ? existing.firstSeen : fresh.first;
      lastSeen = existing && existing.lastSeen > fresh.last ? existing.lastSeen : fresh.last;
    } else {
      // A rewritten coverage dropped or moved some links: count this entity's links again.
      const [lower, upper] = rangeOf(key);
      const range = db.entityCoverages.where('[entityKey+publishedAt+coverageId]').between(lower, upper, true, true);
      count = await range.count();
      if (count === 0) {
        gone.push(key);
        continue;
      }
      firstSeen = ((await range.first()) as EntityCoverageRecord).publishedAt;
      lastSeen = ((await range.last()) as EntityCoverageRecord).publishedAt;
    }
    const spelling = fresh?.name ?? existing?.name ?? key;
    const aliases = new Set(existing?.aliases ?? []);
    if (existing && existing.name !== spelling) aliases.add(existing.name);
    aliases.delete(spelling);
    updates.push({
      key,
      name: spelling,
      aliases: [...aliases],
      kind: existing?.kind ?? 'unknown',
      coverageCount: count,
      firstSeen,
      lastSeen,
    });
  }
  await db.entities.bulkPut(updates);
  if (gone.length > 0) await db.entities.bulkDelete(gone);
}

export interface Page {
  offset?: number;
  limit?: number;
}

/** Coverages that mention an entity, newest first, a page at a time. */
export async function coveragesMentioning(db: LensDatabase, key: string, page: Page = {}): Promise<Coverage[]> {
  const [lower, upper] = rangeOf(key);
  const links = await db.entityCoverages
    .where('[entityKey+publishedAt+coverageId]')
    .between(lower, upper, true, true)
    .reverse()
    .offset(page.offset ?? 0)
    .limit(page.limit ?? 20)
    .toArray();
  const coverages = await db.coverages.bulkGet(links.map((link) => link.coverageId));
  return coverages.filter((coverage): coverage is Coverage => coverage !== undefined);
}

/** The entities most mentioned in coverages published in [since, until), with their counts in that period. */
export async function topEntities(
  db: LensDatabase,
  period: { since: string; until: string },
  limit = 10,
): Promise<Array<{ entity: EntityRecord; count: number }>> {
  const counts = new Map<string, number>();
  await db.entityCoverages
    .where('publishedAt')
    .between(period.since, period.until, true, false)
    .each((link) => {
      counts.set(link.entityKey, (counts.get(link.entityKey) ?? 0) + 1);
    });
  const top = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, limit);
  const entities = await db.entities.bulkGet(top.map(([key]) => key));
  return top.flatMap(([, count], index) => {
    const entity = entities[index];
    return entity ? [{ entity, count }] : [];
  });
}

/** Entities that appear in the same coverages as `key`, most often first. */
export async function coMentioned(
  db: LensDatabase,
  key: string,
  limit = 10,
): Promise<Array<{ entity: EntityRecord; together: number }>> {
  const [lower, upper] = rangeOf(key);
  const ids = (
    await db.entityCoverages.where('[entityKey+publishedAt+coverageId]').between(lower, upper, true, true).toArray()
  ).map((link) => link.coverageId);
  const counts = new Map<string, number>();
  for (const link of await db.entityCoverages.where('coverageId').anyOf(ids).toArray()) {
    if (link.entityKey !== key) counts.set(link.entityKey, (counts.get(link.entityKey) ?? 0) + 1);
  }
  const top = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, limit);
  const entities = await db.entities.bulkGet(top.map(([other]) => other));
  return top.flatMap(([, together], index) => {
    const entity = entities[index];
    return entity ? [{ entity, together }] : [];
  });
}

/**
 * Writes the entity links of coverages a deferred write queued, `chunk` coverages at a time, until the queue is empty
 * or `shouldStop` says so. Each round reads in a read-only transaction (so URL lookups, which read coverages, are
 * never held up), then writes the links and takes the entries off the queue in one transaction over the entity tables
 * only; an entry queued again meanwhile is left for the next round. A stop in between loses nothing. Returns how many
 * coverages it indexed.
 */
export async function indexPendingEntities(
  db: LensDatabase,
  options: { chunk?: number; shouldStop?: () => boolean } = {},
): Promise<number> {
  const chunk = options.chunk ?? 250;
  let done = 0;
  for (;;) {
    if (options.shouldStop?.()) return done;
    const [queued, coverages] = await db.transaction('r', [db.pendingEntityIndex, db.coverages], async () => {
      const entries = await db.pendingEntityIndex.limit(chunk).toArray();
      return [entries, await db.coverages.bulkGet(entries.map((entry) => entry.coverageId))] as const;
    });
    if (queued.length === 0) return done;
    await db.transaction('rw', [db.entities, db.entityCoverages, db.pendingEntityIndex], async () => {
      const current = await db.pendingEntityIndex.bulkGet(queued.map((entry) => entry.coverageId));
      const unchanged = new Set(
        queued.filter((entry, index) => current[index]?.token === entry.token).map((entry) => entry.coverageId),
      );
      const present = coverages.filter(
        (coverage): coverage is Coverage => coverage !== undefined && unchanged.has(coverage.id),
      );
      const rewritten = queued
        .filter((entry) => entry.rewritten === 1 && unchanged.has(entry.coverageId))
        .map((entry) => entry.coverageId);
      await indexCoverageEntities(db, present, rewritten);
      await db.pendingEntityIndex.bulkDelete([...unchanged]);
    });
    done += queued.length;
  }
}

/** How many coverages still wait for their entity links. */
export async function pendingEntityCount(db: LensDatabase): Promise<number> {
  return db.pendingEntityIndex.count();
}

/** Every entity Lens knows, with its spellings, for finding them in article text. */
export async function knownEntities(db: LensDatabase): Promise<KnownEntity[]> {
  const entities = await db.entities.toArray();
  return entities.map((entity) => ({ key: entity.key, names: [entity.name, ...entity.aliases] }));
}

interface MatcherCache {
  /** Bumped whenever the entities table changes, in this context or another (Dexie's live queries tell). */
  generation: number;
  built: { generation: number; matcher: Promise<EntityMatcher | null> } | null;
}
const matcherCaches = new WeakMap<LensDatabase, MatcherCache>();

/**
 * The matcher of every known entity (null when there are none), compiled once and kept until the entities table
 * changes: a feed sync, a backup import or a clear, from any extension page or the background.
 */
export function knownEntityMatcher(db: LensDatabase): Promise<EntityMatcher | null> {
  let cache = matcherCaches.get(db);
  if (cache === undefined) {
    const created: MatcherCache = { generation: 0, built: null };
    matcherCaches.set(db, created);
    // Any write to the table re-runs this query and emits; the first emission is the subscription's own.
    liveQuery(() => db.entities.count()).subscribe({
      next: () => created.generation++,
      error: () => created.generation++,
    });
    cache = created;
  }
  const { built, generation } = cache;
  if (built !== null && built.generation === generation) return built.matcher;
  const matcher = knownEntities(db).then((known) => (known.length === 0 ? null : createEntityMatcher(known)));
  cache.built = { generation, matcher };
  // A failed read is not kept: the next visit tries again.
  matcher.catch(() => {
    if (cache.built?.matcher === matcher) cache.built = null;
  });
  return matcher;
}
