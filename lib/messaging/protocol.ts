// Every message between Lens's contexts: its name, who may send it, its payload schema and its reply type.
// The receiver (lib/messaging/router.ts) checks all three before any handler runs.
import * as v from 'valibot';
import { CoverageContentSchema } from '../modelwire/coverage';
import { NewClipSchema, TagsSchema, type Clip } from '../clips/clip';
import type { TabState } from '../tabs/tab-state';
import type { FeedStatus } from '../feed/settings';
import type { Wrapper } from '../match/unwrap';

import { CHANNEL } from './channel';
export { CHANNEL };

/** Who sent a message, decided from the browser's sender record, never from anything the message says. */
export type SenderKind = 'publisher-page' | 'modelwire-page' | 'extension-page' | 'foreign';

const MAX_URL = 4096;
const httpUrl = v.pipe(
  v.string(),
  v.maxLength(MAX_URL),
  v.check((value) => /^https?:\/\//i.test(value) && URL.canParse(value), 'must be an absolute http(s) URL'),
);
const shortText = (max: number) => v.nullable(v.pipe(v.string(), v.maxLength(max)));

export const PageReportSchema = v.object({
  url: httpUrl,
  canonicalUrl: v.nullable(httpUrl),
  ogUrl: v.nullable(httpUrl),
  structuredUrl: v.nullable(httpUrl),
  alternates: v.pipe(v.array(httpUrl), v.maxLength(30)),
  title: shortText(2000),
  siteName: shortText(2000),
  byline: shortText(2000),
  authors: v.pipe(v.array(v.pipe(v.string(), v.maxLength(300))), v.maxLength(20)),
  publishedTime: shortText(64),
  modifiedTime: shortText(64),
  lang: shortText(64),
  description: shortText(2000),
  image: v.nullable(httpUrl),
  section: shortText(200),
  keywords: v.pipe(v.array(v.pipe(v.string(), v.maxLength(100))), v.maxLength(30)),
  isArticle: v.boolean(),
  confidence: v.pipe(v.number(), v.minValue(0), v.maxValue(1)),
  reasons: v.pipe(v.array(v.pipe(v.string(), v.maxLength(300))), v.maxLength(30)),
});

const PagePartSchema = v.picklist([
  'summary',
  'analystTake',
  'drewOn',
  'mentions',
  'source',
  'takedown',
  'publishedAt',
]);

export const CapturePayloadSchema = v.object({
  url: httpUrl,
  parsed: v.variant('ok', [
    v.object({
      ok: v.literal(true),
      coverage: CoverageContentSchema,
      missing: v.pipe(v.array(PagePartSchema), v.maxLength(10)),
    }),
    v.object({ ok: v.literal(false), error: v.pipe(v.string(), v.maxLength(1000)) }),
  ]),
});

/** Messages the background receives. */
export const protocol = {
  /** A publisher content script reports what it found on its page; the reply is the tab's new state. */
  'page.detected': { senders: ['publisher-page'], payload: PageReportSchema },
  /** The Modelwire content script hands over the coverage it read from a Modelwire article page. */
  'coverage.capture': { senders: ['modelwire-page'], payload: CapturePayloadSchema },
  /** The publisher content script asks what to show in its overlay for its own tab (null: nothing). */
  'overlay.context': { senders: ['publisher-page'], payload: v.object({}) },
  /** The overlay's entity card: what the cache knows about one entity, other coverages newest first. */
  'entity.coverages': {
    senders: ['publisher-page', 'extension-page'],
    payload: v.object({
      key: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
      exclude: v.nullable(v.pipe(v.string(), v.maxLength(64))),
    }),
  },
  /** The content script saves a clip of its own page. */
  'clip.create': { senders: ['publisher-page'], payload: NewClipSchema },
  /** A clip's note and tags change (from its page's clip panel, or the library). */
  'clip.update': {
    senders: ['publisher-page', 'extension-page'],
    payload: v.object({
      id: v.pipe(v.string(), v.maxLength(64)),
      note: v.pipe(v.string(), v.maxLength(10_000)),
      tags: TagsSchema,
      /** The clip's revision the editor started from (refused when the stored one is newer). */
      revision: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(Number.MAX_SAFE_INTEGER))),
    }),
  },
  /** The content script reports which of its page's clips anchored and which are orphaned. */
  'clips.anchored': {
    senders: ['publisher-page'],
    payload: v.object({
      canonicalUrl: v.nullable(httpUrl),
      results: v.pipe(
        v.array(
          v.object({
            id: v.pipe(v.string(), v.maxLength(64)),
            status: v.picklist(['exact', 'fuzzy', 'orphaned']),
            reason: v.nullable(v.pipe(v.string(), v.maxLength(300))),
          }),
        ),
        v.maxLength(2000),
      ),
    }),
  },
  /**
   * The reader answers "is this the article Modelwire covered?" for a possible match (or takes back a confirmation):
   * stored for the tab's page address and used from then on. The reply is the tab's new state.
   */
  'match.answer': {
    senders: ['extension-page'],
    payload: v.object({
      tabId: v.pipe(v.number(), v.integer(), v.minValue(0)),
      coverageId: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
      /** `undo` forgets the stored answer, so Lens asks again. */
      answer: v.picklist(['same', 'different', 'undo']),
    }),
  },
  /** The options page asks for a sync of the configured feed now; the reply is the feed's new status. */
  'feed.sync': { senders: ['extension-page'], payload: v.object({}) },
} as const satisfies ProtocolSpec;

/** Messages the publisher content script receives, from the extension's own pages only. */
export const pageProtocol = {
  /** The page's main text and citation metadata, for the summarisation check. */
  /**
   * The page's article text and metadata for the check. `withMarkup`: when Lens's text is doubtful (few words), the
   * page's markup comes too, so the extension page can ask a second extractor (not in the content script's budget).
   */
  'page.extract': { senders: ['extension-page'], payload: v.object({ withMarkup: v.optional(v.boolean()) }) },
  /** Highlights passages of the page's text (verbatim reuse); an empty list clears the highlights. */
  'page.highlight': {
    senders: ['extension-page'],
    payload: v.object({ passages: v.pipe(v.array(v.pipe(v.string(), v.maxLength(20_000))), v.maxLength(200)) }),
  },
  /** Clip the current selection (the context-menu item and the keyboard command). */
  'page.clip': { senders: ['extension-page'], payload: v.object({}) },
  /** Show a short message on the page (why a clip could not be made from where it was asked). */
  'page.notice': { senders: ['extension-page'], payload: v.object({ message: v.pipe(v.string(), v.maxLength(500)) }) },
  /** What Lens knows of the page changed (the reader answered a possible match): report the page again. */
  'page.refresh': { senders: ['extension-page'], payload: v.object({}) },
  /** The background found the known names in the page's text: the overlay and highlights may show more now. */
  'page.entities': { senders: ['extension-page'], payload: v.object({}) },
} as const satisfies ProtocolSpec;

export type ProtocolSpec = Record<string, { senders: ReadonlyArray<SenderKind>; payload: v.GenericSchema }>;
export type MessageName = keyof typeof protocol;
export type PageMessageName = keyof typeof pageProtocol;
export type Payload<K extends MessageName> = v.InferOutput<(typeof protocol)[K]['payload']>;
export type PagePayload<K extends PageMessageName> = v.InferOutput<(typeof pageProtocol)[K]['payload']>;

/** What a page gives the summarisation check. */
export interface ExtractedPage {
  url: string;
  title: string | null;
  siteName: string | null;
  text: string;
  words: number;
  /** Words of the text that are the words of links, for the second opinion's comparison. */
  linkWords: number;
  /** The page's markup, sent only when asked for and Lens's text is doubtful (and the markup not too large). */
  markup?: string;
}

/** Reply types, one per message. */
export interface Replies {
  /**
   * The tab's new state, with what the overlay shows when the article is covered (null otherwise) and the reader's
   * clips of the page (to anchor and highlight): one answer instead of two more round trips.
   */
  'page.detected': TabState & { overlay?: OverlayContext | null; clips?: Clip[] };
  'coverage.capture': TabState;
  'feed.sync': FeedStatus;
  'match.answer': TabState;
  'overlay.context': OverlayContext | null;
  'entity.coverages': EntityCard | null;
  'clip.create': Clip;
  'clip.update': Clip;
  'clips.anchored': { recorded: number };
}

/** What the in-page overlay shows for an article whose match is confirmed (never for a possible one). */
export interface OverlayContext {
  /** Set when the page is a copy of the covered article (a web archive, an AMP cache, a translation…). */
  copyVia: Wrapper | null;
  coverage: {
    id: string;
    headline: string;
    summary: string;
    analystTake: string[];
    modelwireUrl: string;
    takedownUrl: string | null;
    sourceDomain: string | null;
    publishedAt: string | null;
  };
  mentions: Array<{ key: string; name: string; coverageCount: number; inArticle: number | null }>;
  /** Entities to underline in the article, with every spelling to look for. */
  highlight: Array<{ key: string; names: string[] }>;
}

export interface EntityCard {
  key: string;
  name: string;
  coverageCount: number;
  /** Newest first, without the coverage the page already shows. */
  coverages: Array<{
    id: string;
    headline: string;
    modelwireUrl: string;
    publishedAt: string | null;
    domain: string | null;
  }>;
}

export interface PageReplies {
  'page.extract': ExtractedPage;
  'page.highlight': { found: number; missing: number };
  'page.entities': { refreshed: boolean };
  'page.refresh': { reported: boolean };
  'page.clip': { clipped: boolean };
  'page.notice': { shown: boolean };
}
