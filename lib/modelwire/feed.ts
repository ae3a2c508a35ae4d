// The Modelwire Lens feed format, version 1: the JSON the embedded demo data, the local feed server and a configured
// feed all use. Entries are validated one by one so that one bad entry never costs the good ones.
import * as v from 'valibot';
import { describeIssues } from '../validation/describe-issues';
import { validateCoverageContent, type CoverageContent } from './coverage';

export const FEED_FORMAT = 'modelwire-lens-feed';
export const FEED_VERSION = 1;
/** A feed with more entries than this is refused whole: it is not a feed this extension can hold in memory at once. */
export const MAX_FEED_ITEMS = 50_000;

const FeedEnvelopeSchema = v.object({
  format: v.literal(FEED_FORMAT),
  version: v.literal(FEED_VERSION),
  generatedAt: v.pipe(v.string(), v.isoTimestamp()),
  items: v.pipe(v.array(v.unknown()), v.maxLength(MAX_FEED_ITEMS)),
});

export interface RejectedEntry {
  index: number;
  id: string | null;
  reason: string;
}

export type FeedParseResult =
  { ok: true; generatedAt: string; items: CoverageContent[]; rejected: RejectedEntry[] } | { ok: false; error: string };

function entryId(entry: unknown): string | null {
  if (typeof entry === 'object' && entry !== null && 'id' in entry && typeof entry.id === 'string') {
    return entry.id.slice(0, 64);
  }
  return null;
}

/** Validates a parsed feed document: the envelope must be right; each bad entry is reported with its reason. */
export function parseFeed(document: unknown): FeedParseResult {
  const envelope = v.safeParse(FeedEnvelopeSchema, document);
  if (!envelope.success) return { ok: false, error: `Not a Modelwire Lens feed: ${describeIssues(envelope.issues)}` };
  const items: CoverageContent[] = [];
  const rejected: RejectedEntry[] = [];
  const seen = new Set<string>();
  envelope.output.items.forEach((entry, index) => {
    const result = validateCoverageContent(entry);
    if (!result.ok) {
      rejected.push({ index, id: entryId(entry), reason: result.error });
    } else if (seen.has(result.value.id)) {
      rejected.push({ index, id: result.value.id, reason: 'duplicate id: an earlier entry has the same id' });
    } else {
      seen.add(result.value.id);
      items.push(result.value);
    }
  });
  return { ok: true, generatedAt: envelope.output.generatedAt, items, rejected };
}
