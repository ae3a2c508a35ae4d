// The extension's IndexedDB database. Opened only by the background and extension pages (never by content scripts,
// whose IndexedDB belongs to the page). Each schema change is a new version with its own upgrade; nothing here
// imports the rest of the project, so old upgrades keep working as the code moves on.
import Dexie, { type EntityTable, type Table } from 'dexie';
import type { Coverage } from '../modelwire/coverage';

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

  constructor(name: string = DATABASE_NAME) {
    super(name);
    this.version(1).stores({
      coverages: 'id, *sourceKeys, source.domain, *entityKeys, updatedAt',
      mentions: '[entityKey+coverageId+articleKey], entityKey, coverageId, articleKey, lastSeen',
      meta: 'key',
    });
  }
}

/** One connection per extension context; the version-change handler lets a newer context upgrade without a hang. */
let shared: LensDatabase | null = null;
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
