// A clip: a quoted passage of a page with its note and tags, the selectors that find it again, the citation facts
// of the page, and Modelwire's coverage of the page when there is one. Validated wherever it crosses a boundary.
import * as v from 'valibot';

/** The `format` of Lens's own clip export (lib/clips/export/lens-json.ts). */
export const CLIPS_FORMAT = 'modelwire-lens-clips';

export const CLIP_LIMITS = { quote: 20_000, note: 10_000, tags: 30, tag: 60, text: 2000, url: 4096 } as const;

const httpUrl = v.pipe(
  v.string(),
  v.maxLength(CLIP_LIMITS.url),
  v.check((value) => /^https?:\/\//i.test(value) && URL.canParse(value), 'must be an absolute http(s) URL'),
);
const isoTime = v.pipe(v.string(), v.isoTimestamp());
const text = (max: number) => v.pipe(v.string(), v.maxLength(max));
const nullableText = (max: number) => v.nullable(text(max));

export const TagsSchema = v.pipe(
  v.array(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(CLIP_LIMITS.tag))),
  v.maxLength(CLIP_LIMITS.tags),
  v.transform((tags) => [...new Set(tags.map((tag) => tag.toLowerCase()))]),
);

const offset = v.pipe(v.number(), v.integer(), v.minValue(0));
const XPathSelectorSchema = v.object({
  type: v.literal('XPathSelector'),
  value: v.pipe(v.string(), v.maxLength(2000), v.regex(/^\/[a-z0-9\-[\]/]*$/i, 'must be an element XPath')),
  refinedBy: v.optional(v.object({ type: v.literal('TextPositionSelector'), start: offset, end: offset })),
});

export const SelectorsSchema = v.object({
  quote: v.object({
    type: v.literal('TextQuoteSelector'),
    exact: v.pipe(v.string(), v.minLength(1), v.maxLength(CLIP_LIMITS.quote)),
    prefix: text(200),
    suffix: text(200),
  }),
  position: v.object({
    type: v.literal('TextPositionSelector'),
    start: v.pipe(v.number(), v.integer(), v.minValue(0)),
    end: v.pipe(v.number(), v.integer(), v.minValue(0)),
  }),
  /** For other annotation tools: XPaths of the range's ends (lib/anchoring/xpath.ts). Absent in older clips. */
  range: v.optional(
    v.object({
      type: v.literal('RangeSelector'),
      startSelector: XPathSelectorSchema,
      endSelector: XPathSelectorSchema,
    }),
  ),
});

/** The citation facts of the clipped page, as the article extractor read them. */
export const ClipPageSchema = v.object({
  url: httpUrl,
  canonicalUrl: v.nullable(httpUrl),
  title: nullableText(CLIP_LIMITS.text),
  authors: v.pipe(v.array(text(300)), v.maxLength(20)),
  siteName: nullableText(CLIP_LIMITS.text),
  publishedTime: nullableText(64),
  lang: nullableText(64),
});

/** What the content script sends: everything but what the background adds (ids, times, coverage). */
export const NewClipSchema = v.object({
  quote: v.pipe(v.string(), v.trim(), v.minLength(1, 'the quote is empty'), v.maxLength(CLIP_LIMITS.quote)),
  note: v.pipe(v.string(), v.trim(), v.maxLength(CLIP_LIMITS.note)),
  tags: TagsSchema,
  selectors: SelectorsSchema,
  page: ClipPageSchema,
});

export const AnchorStatusSchema = v.object({
  status: v.picklist(['unchecked', 'exact', 'fuzzy', 'orphaned']),
  checkedAt: v.nullable(isoTime),
  reason: nullableText(300),
});

export const ClipSchema = v.object({
  ...NewClipSchema.entries,
  id: v.pipe(v.string(), v.regex(/^[0-9a-z-]{8,64}$/i, 'must be a clip id')),
  /** The normalised page address the clip is looked up by (lib/match/url.ts). */
  pageKey: v.pipe(v.string(), v.minLength(1), v.maxLength(CLIP_LIMITS.url)),
  /** Host name without www., for the site filter. */
  site: v.pipe(v.string(), v.maxLength(253)),
  accessedAt: isoTime,
  createdAt: isoTime,
  updatedAt: isoTime,
  coverage: v.nullable(v.object({ id: v.string(), modelwireUrl: httpUrl, headline: text(CLIP_LIMITS.text) })),
  anchor: AnchorStatusSchema,
  /** Counts edits: an edit made against an older revision is refused, not silently written over a newer one. */
  revision: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
});

export type NewClip = v.InferOutput<typeof NewClipSchema>;
export type Clip = v.InferOutput<typeof ClipSchema>;
export type ClipPage = v.InferOutput<typeof ClipPageSchema>;
export type AnchorStatus = v.InferOutput<typeof AnchorStatusSchema>;

/** A random id (not guessable, sortable enough with createdAt beside it). */
export function newClipId(): string {
  return crypto.randomUUID();
}
