// The stored form of a coverage: its content plus the keys the database indexes on. Lives with the database, so the
// content scripts, which share the Coverage schema, never load the matching rules and their lists.
import { entityKeys } from '../entities/entity-key';
import { coverageIndexKeys } from '../match/decide';
import type { Coverage, CoverageContent, CoverageOrigin } from '../modelwire/coverage';

/** The stored form of validated content. */
export function toCoverageRecord(content: CoverageContent, origin: CoverageOrigin, now: Date): Coverage {
  return {
    ...content,
    origin,
    ...coverageIndexKeys(content),
    entityKeys: entityKeys(content.mentions),
    updatedAt: now.toISOString(),
  };
}
