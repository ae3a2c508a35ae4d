// Entity mentions: which entities the reader met, in which coverage, on which publisher article, and when.
import type { LensDatabase, MentionRecord } from './schema';
import type { Coverage } from '../modelwire/coverage';
import { entityKey } from '../entities/entity-key';
import type { EntityHit } from '../entities/find';

/** Records (or refreshes) one mention per entity of the coverage for the article at `articleUrl`. */
export async function recordMentions(
  db: LensDatabase,
  coverage: Pick<Coverage, 'id' | 'mentions'>,
  article: { url: string; key: string },
  now: Date,
): Promise<number> {
  const seenAt = now.toISOString();
  const byKey = new Map<string, string>();
  for (const name of coverage.mentions) {
    const key = entityKey(name);
    if (key !== '' && !byKey.has(key)) byKey.set(key, name);
  }
  if (byKey.size === 0) return 0;
  return db.transaction('rw', db.mentions, async () => {
    const ids = [...byKey.keys()].map((key): [string, string, string] => [key, coverage.id, article.key]);
    const existing = await db.mentions.bulkGet(ids);
    const records = ids.map(([key], index): MentionRecord => {
      const current = existing[index];
      return {
        entityKey: key,
        entity: byKey.get(key) as string,
        coverageId: coverage.id,
        articleKey: article.key,
        articleUrl: article.url,
        firstSeen: current?.firstSeen ?? seenAt,
        lastSeen: seenAt,
        timesSeen: (current?.timesSeen ?? 0) + 1,
      };
    });
    await db.mentions.bulkPut(records);
    return records.length;
  });
}

/**
 * Records the known entities found in an article's own text: how often each occurs and a passage around the first.
 * `coverageId` is the coverage shown for the article, or '' when there is none. Called once per visit, after
 * `recordMentions` if the article is covered, so a visit counts once.
 */
export async function recordTextMentions(
  db: LensDatabase,
  hits: ReadonlyArray<Pick<EntityHit, 'key' | 'name' | 'count' | 'context'>>,
  article: { url: string; key: string; coverageId: string },
  now: Date,
): Promise<number> {
  if (hits.length === 0) return 0;
  const seenAt = now.toISOString();
  return db.transaction('rw', db.mentions, async () => {
    const ids = hits.map((hit): [string, string, string] => [hit.key, article.coverageId, article.key]);
    const existing = await db.mentions.bulkGet(ids);
    const records = hits.map((hit, index): MentionRecord => {
      const current = existing[index];
      const sameVisit = current?.lastSeen === seenAt;
      return {
        entityKey: hit.key,
        entity: current?.entity ?? hit.name,
        coverageId: article.coverageId,
        articleKey: article.key,
        articleUrl: article.url,
        firstSeen: current?.firstSeen ?? seenAt,
        lastSeen: seenAt,
        timesSeen: (current?.timesSeen ?? 0) + (sameVisit ? 0 : 1),
        count: hit.count,
        context: hit.context.slice(0, 1000),
      };
    });
    await db.mentions.bulkPut(records);
    return records.length;
  });
}

export async function mentionsOfArticle(db: LensDatabase, articleKey: string): Promise<MentionRecord[]> {
  return db.mentions.where('articleKey').equals(articleKey).toArray();
}
