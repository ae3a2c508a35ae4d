// The Coverage record: one Modelwire article about one publisher article, as stored and as carried in the feed.
import * as v from 'valibot';
import { describeIssues } from '../validation/describe-issues';

/** Size limits: a record past these is refused before it reaches the database. */
export const LIMITS = {
  url: 4096,
  headline: 1000,
  summary: 20_000,
  paragraph: 20_000,
  paragraphs: 50,
  mentions: 200,
  mention: 200,
  drewOn: 100,
  label: 1000,
  aliases: 20,
} as const;

/** Crockford base32, 26 characters: the id at the end of every Modelwire article slug. */
export const ULID_PATTERN = /^[0-9A-HJKMNP-TV-Z]{26}$/;

const httpUrl = v.pipe(
  v.string(),
  v.maxLength(LIMITS.url),
  v.check((value) => {
    try {
      const { protocol } = new URL(value);
      return protocol === 'https:' || protocol === 'http:';
    } catch {
      return false;
    }
  }, 'must be an absolute http(s) URL'),
);

/** A bare host name, lower-cased ("www.bbc.com"). */
const hostName = v.pipe(
  v.string(),
  v.trim(),
  v.toLowerCase(),
  v.regex(
    /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/,
    'must be a host name',
  ),
);

const text = (max: number) => v.pipe(v.string(), v.trim(), v.maxLength(max));
const nonEmptyText = (max: number) => v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(max));

export const DrewOnItemSchema = v.object({
  title: nonEmptyText(LIMITS.label),
  publisher: v.nullable(text(LIMITS.label)),
  section: v.nullable(text(LIMITS.label)),
  url: v.nullable(httpUrl),
});

/** What a Modelwire page or feed entry provides; everything the reader sees comes from here. */
export const CoverageContentSchema = v.object({
  id: v.pipe(v.string(), v.toUpperCase(), v.regex(ULID_PATTERN, 'must be a 26-character ULID')),
  modelwireUrl: httpUrl,
  headline: nonEmptyText(LIMITS.headline),
  summary: text(LIMITS.summary),
  analystTake: v.pipe(v.array(nonEmptyText(LIMITS.paragraph)), v.maxLength(LIMITS.paragraphs)),
  drewOn: v.pipe(v.array(DrewOnItemSchema), v.maxLength(LIMITS.drewOn)),
  mentions: v.pipe(v.array(nonEmptyText(LIMITS.mention)), v.maxLength(LIMITS.mentions)),
  source: v.object({
    url: v.nullable(httpUrl),
    domain: v.nullable(text(253)),
    /** The publisher's other hosts ("bbc.com" beside "bbc.co.uk"): feed format 1.1, absent in older feeds. */
    aliases: v.optional(v.pipe(v.array(v.pipe(hostName, v.maxLength(253))), v.maxLength(LIMITS.aliases)), []),
  }),
  takedownUrl: v.nullable(httpUrl),
  publishedAt: v.nullable(v.pipe(v.string(), v.isoTimestamp())),
});

export type CoverageContent = v.InferOutput<typeof CoverageContentSchema>;
export type DrewOnItem = v.InferOutput<typeof DrewOnItemSchema>;

/** Where a stored record came from. A capture from the live page wins over the demo data and the feed. */
export type CoverageOrigin = 'demo' | 'feed' | 'index' | 'capture';

/** A stored coverage: content plus the keys the database indexes on. */
export interface Coverage extends CoverageContent {
  origin: CoverageOrigin;
  /** Normalised source URL keys, host-exact and per publisher site (lib/match/decide.ts `coverageIndexKeys`). */
  sourceKeys: string[];
  /** The publisher's registrable domains, for candidates when no address matches (`coverageIndexKeys`). */
  siteKeys: string[];
  /** Normalised entity keys of `mentions`, a multi-entry index. */
  entityKeys: string[];
  /** When this record was last written (ISO 8601). */
  updatedAt: string;
}

export type ValidationResult<T> = { ok: true; value: T } | { ok: false; error: string };

export function validateCoverageContent(input: unknown): ValidationResult<CoverageContent> {
  const result = v.safeParse(CoverageContentSchema, input);
  return result.success ? { ok: true, value: result.output } : { ok: false, error: describeIssues(result.issues) };
}
