// The whole cache as one JSON file: export, and an import that checks every record before it writes any.
import * as v from 'valibot';
import { CoverageContentSchema, type Coverage } from '../modelwire/coverage';
import { toCoverageRecord } from './coverage-record';
import { describeIssues } from '../validation/describe-issues';
import { indexCoverageEntities } from './entities';
import { describeStorageError } from './errors';
import type { LensDatabase, MentionRecord } from './schema';

export const BACKUP_FORMAT = 'modelwire-lens-backup';
export const BACKUP_VERSION = 1;
/** Past this a file is refused before it is parsed: no cache Lens writes comes near it. */
export const MAX_BACKUP_BYTES = 512 * 1024 * 1024;

const isoTime = v.pipe(v.string(), v.isoTimestamp());

const StoredCoverageSchema = v.object({
  ...CoverageContentSchema.entries,
  origin: v.picklist(['demo', 'feed', 'index', 'capture']),
  updatedAt: isoTime,
});

const MentionSchema = v.object({
  entityKey: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  entity: v.pipe(v.string(), v.maxLength(200)),
  coverageId: v.pipe(v.string(), v.maxLength(64)),
  articleKey: v.pipe(v.string(), v.minLength(1), v.maxLength(4096)),
  articleUrl: v.pipe(v.string(), v.maxLength(4096)),
  firstSeen: isoTime,
  lastSeen: isoTime,
  timesSeen: v.pipe(v.number(), v.integer(), v.minValue(0)),
  count: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
  context: v.optional(v.nullable(v.pipe(v.string(), v.maxLength(1000)))),
});

const BackupSchema = v.object({
  format: v.literal(BACKUP_FORMAT),
  version: v.literal(BACKUP_VERSION),
  exportedAt: isoTime,
  coverages: v.array(v.unknown()),
  mentions: v.array(v.unknown()),
});

export interface Backup {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  exportedAt: string;
  /** Coverages as stored, without the keys Lens derives from them. */
  coverages: Array<Omit<Coverage, 'sourceKeys' | 'entityKeys'>>;
  mentions: MentionRecord[];
}

/** Everything Lens knows, in a form any version of Lens that reads version 1 can import. */
export async function exportBackup(db: LensDatabase, now: Date): Promise<Backup> {
  return db.transaction('r', db.coverages, db.mentions, async () => {
    const coverages = (await db.coverages.toArray()).map((coverage) => {
      const record: Partial<Coverage> = { ...coverage };
      delete record.sourceKeys;
      delete record.entityKeys;
      return record as Omit<Coverage, 'sourceKeys' | 'entityKeys'>;
    });
    return {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      exportedAt: now.toISOString(),
      coverages,
      mentions: await db.mentions.toArray(),
    };
  });
}

export type ImportOutcome =
  { ok: true; coverages: number; mentions: number; unchanged: number } | { ok: false; error: string };

function checkEach<T>(
  items: ReadonlyArray<unknown>,
  schema: v.GenericSchema<unknown, T>,
  label: string,
): { ok: true; value: T[] } | { ok: false; error: string } {
  const value: T[] = [];
  for (const [index, item] of items.entries()) {
    const result = v.safeParse(schema, item);
    if (!result.success) return { ok: false, error: `${label}[${index}]: ${describeIssues(result.issues)}` };
    value.push(result.output);
  }
  return { ok: true, value };
}

/**
 * Imports a backup file's text. Every record is checked first; one bad record refuses the whole file, and the write
 * is a single transaction, so a refused or failed import changes nothing. Records merge with what is stored: the one
 * written most recently wins.
 */
export async function importBackup(db: LensDatabase, text: string): Promise<ImportOutcome> {
  if (text.length > MAX_BACKUP_BYTES) return { ok: false, error: 'The file is too large to be a Lens backup.' };
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, error: `The file is not JSON (${detail.slice(0, 160)}). Nothing was imported.` };
  }
  const envelope = v.safeParse(BackupSchema, document);
  if (!envelope.success) {
    return {
      ok: false,
      error: `Not a Modelwire Lens backup (${describeIssues(envelope.issues)}). Nothing was imported.`,
    };
  }
  const coverages = checkEach(envelope.output.coverages, StoredCoverageSchema, 'coverages');
  if (!coverages.ok) return { ok: false, error: `${coverages.error}. Nothing was imported.` };
  const mentions = checkEach(envelope.output.mentions, MentionSchema, 'mentions');
  if (!mentions.ok) return { ok: false, error: `${mentions.error}. Nothing was imported.` };

  try {
    return await db.transaction(
      'rw',
      [db.coverages, db.mentions, db.entities, db.entityCoverages, db.pendingEntityIndex],
      async () => {
        const incoming = coverages.value;
        const existing = await db.coverages.bulkGet(incoming.map((coverage) => coverage.id));
        const records: Coverage[] = [];
        const rewritten: string[] = [];
        for (const [index, coverage] of incoming.entries()) {
          const current = existing[index];
          if (current !== undefined && current.updatedAt > coverage.updatedAt) continue;
          const { origin, updatedAt, ...content } = coverage;
          records.push({ ...toCoverageRecord(content, origin, new Date(updatedAt)), updatedAt });
          if (current !== undefined) rewritten.push(coverage.id);
        }
        await db.coverages.bulkPut(records);
        await db.pendingEntityIndex.bulkDelete(records.map((record) => record.id));
        await indexCoverageEntities(db, records, rewritten);

        const keys = mentions.value.map((m): [string, string, string] => [m.entityKey, m.coverageId, m.articleKey]);
        const stored = await db.mentions.bulkGet(keys);
        const newer = mentions.value.filter((mention, index) => {
          const current = stored[index];
          return current === undefined || current.lastSeen <= mention.lastSeen;
        });
        await db.mentions.bulkPut(newer);
        return {
          ok: true as const,
          coverages: records.length,
          mentions: newer.length,
          unchanged: incoming.length - records.length + mentions.value.length - newer.length,
        };
      },
    );
  } catch (error) {
    return { ok: false, error: `${describeStorageError(error)} Nothing was imported.` };
  }
}

/** Removes every coverage, mention and entity Lens holds (the demo data comes back at the next start). */
export async function clearAll(db: LensDatabase): Promise<void> {
  await db.transaction(
    'rw',
    [db.coverages, db.mentions, db.entities, db.entityCoverages, db.pendingEntityIndex, db.meta],
    async () => {
      await Promise.all([
        db.coverages.clear(),
        db.mentions.clear(),
        db.entities.clear(),
        db.entityCoverages.clear(),
        db.pendingEntityIndex.clear(),
        db.meta.clear(),
      ]);
    },
  );
}

export interface StoreFigures {
  coverages: number;
  entities: number;
  mentions: number;
  pendingLinks: number;
}

export async function storeFigures(db: LensDatabase): Promise<StoreFigures> {
  const [coverages, entities, mentions, pendingLinks] = await Promise.all([
    db.coverages.count(),
    db.entities.count(),
    db.mentions.count(),
    db.pendingEntityIndex.count(),
  ]);
  return { coverages, entities, mentions, pendingLinks };
}
