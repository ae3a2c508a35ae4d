// What the background does with each message. Plain functions over their dependencies, so tests call them directly.
import { hostKey, normalizeUrl, ownPageUrls, urlKeys } from '../match/url';
import { ClipConflictError, clipsForPage, createClip, recordAnchors, updateClip } from '../db/clips';
import { describeStorageError } from '../db/errors';
import { coverageCountsByEntity, getCoverage, putCoverages } from '../db/coverage';
import { coverageLookup, forgetMatchAnswer, recordMatchAnswer, type IndexForLookup } from '../db/match-lookup';
import { coveragesMentioning, knownEntityMatcher } from '../db/entities';
import { entityKey } from '../entities/entity-key';
import { matchPageToCoverage, readPage } from '../match/decide';
import type { Coverage } from '../modelwire/coverage';
import type { PageReport } from '../article/describe-page';
import { recordMentions, recordTextMentions } from '../db/mentions';
import type { LensDatabase } from '../db/schema';
import type { Handlers } from '../messaging/router';
import { fail, ok } from '../messaging/result';
import type { EntityOnPage, TabState } from '../tabs/tab-state';
import type { OverlayContext } from '../messaging/protocol';
import { badgeFor, type Badge } from './badge';
import type { FeedStatus } from '../feed/settings';

export interface BackgroundDeps {
  db: LensDatabase;
  saveTabState(tabId: number, state: TabState): Promise<void>;
  setBadge(tabId: number, badge: Badge): Promise<void>;
  now(): Date;
  /** Syncs the configured feed (one at a time) and answers its status. */
  syncFeed(): Promise<FeedStatus>;
  /** The article's main text, from the tab's content script; null when the tab does not answer. */
  readArticleText(tabId: number): Promise<string | null>;
  readTabState(tabId: number): Promise<TabState | null>;
  /**
   * Called when the names in a page's text were found and stored, after the page's report was answered: the
   * background tells the tab, whose overlay then shows them.
   */
  entitiesFound?(tabId: number, state: TabState): void | Promise<void>;
  /** Asks the tab to report its page again (its match changed): its overlay then follows the new state. */
  pageChanged?(tabId: number): void | Promise<void>;
  /** The coverage index, when one is configured: consulted before the database on every page lookup. */
  index?: IndexForLookup;
}

/** Enough of an article to find the entities it names; longer texts are cut, not refused. */
const MAX_ENTITY_TEXT = 400_000;
/** At most this many entities are kept in the tab's state for the popup. */
const MAX_ON_PAGE = 40;

/**
 * Finds the entities Lens knows in the article's own text, records them as mentions (with counts and a passage), and
 * adds them to the tab's state, unless the tab moved on to another page meanwhile.
 */
async function findEntitiesOnPage(deps: BackgroundDeps, tabId: number, state: TabState, now: Date): Promise<TabState> {
  if (state.kind !== 'covered' && state.kind !== 'not-covered' && state.kind !== 'possible') return state;
  const matcher = await knownEntityMatcher(deps.db);
  if (matcher === null) return state;
  const text = await deps.readArticleText(tabId);
  if (text === null || text === '') return state;
  const hits = matcher.find(text.slice(0, MAX_ENTITY_TEXT));
  const url = state.page.canonicalUrl ?? state.page.url;
  const key = normalizeUrl(url);
  if (key === null) return state;
  // Mentions are tied to a coverage only when the match is certain.
  const coverageId = state.kind === 'covered' ? state.coverageId : '';
  await recordTextMentions(deps.db, hits, { url, key, coverageId }, now);
  const counts = await coverageCountsByEntity(
    deps.db,
    hits.map((hit) => hit.key),
  );
  const onPage: EntityOnPage[] = hits.slice(0, MAX_ON_PAGE).map((hit) => ({
    key: hit.key,
    name: hit.name,
    count: hit.count,
    coverageCount: counts.get(hit.key) ?? 0,
  }));
  const current = await deps.readTabState(tabId);
  if (current?.updatedAt !== state.updatedAt || current.kind !== state.kind) return state;
  const next = { ...state, onPage };
  await deps.saveTabState(tabId, next);
  return next;
}

/** The tab's state for a page report: which coverage the page is (lib/match/decide.ts decides), or none. */
async function stateForPage(
  db: LensDatabase,
  page: PageReport,
  now: Date,
  index: IndexForLookup | null = null,
): Promise<[TabState, Coverage | null]> {
  const updatedAt = now.toISOString();
  const lookup = coverageLookup(db, index);
  const { found, rejected } = await matchPageToCoverage(page, lookup);
  if (found === null) {
    if (!page.isArticle) return [{ kind: 'not-article', page, updatedAt }, null];
    // The coverage the reader said this page is not, so the popup can offer to take that back.
    const no = rejected[0] === undefined ? undefined : await lookup.byId(rejected[0]);
    const dismissed = no ? { coverageId: no.id, headline: no.headline } : null;
    return [{ kind: 'not-covered', page, updatedAt, dismissed }, null];
  }
  const { coverage, verdict } = found;
  if (verdict.kind === 'possible') {
    const { confidence, reasons, copyVia } = verdict;
    return [{ kind: 'possible', page, coverageId: coverage.id, confidence, reasons, copyVia, updatedAt }, coverage];
  }
  const { by, reasons, copyVia } = verdict;
  return [{ kind: 'covered', page, coverageId: coverage.id, matchedBy: by, copyVia, reasons, updatedAt }, coverage];
}

/** What the in-page overlay shows for a tab in `state`: null unless the match is confirmed. */
async function overlayContextFor(
  db: LensDatabase,
  state: TabState,
  /** The state's coverage when the caller has it already. */
  known: Coverage | null = null,
): Promise<OverlayContext | null> {
  if (state.kind !== 'covered') return null;
  const coverage = known?.id === state.coverageId ? known : await getCoverage(db, state.coverageId);
  if (coverage === undefined) return null;
  const inArticle = new Map((state.onPage ?? []).map((entity) => [entity.key, entity.count]));
  const mentionKeys = coverage.mentions.map((name) => entityKey(name));
  const counts = await coverageCountsByEntity(db, mentionKeys);
  const mentions = coverage.mentions.map((name, index) => {
    const key = mentionKeys[index] as string;
    return { key, name, coverageCount: counts.get(key) ?? 0, inArticle: inArticle.get(key) ?? null };
  });
  const highlightKeys = [...new Set([...mentionKeys, ...inArticle.keys()])].filter((key) => key !== '');
  const entities = await db.entities.bulkGet(highlightKeys);
  const highlight = highlightKeys.map((key, index) => {
    const entity = entities[index];
    const names = entity
      ? [entity.name, ...entity.aliases]
      : coverage.mentions.filter((name) => entityKey(name) === key);
    return { key, names };
  });
  return {
    copyVia: state.copyVia ?? null,
    coverage: {
      id: coverage.id,
      headline: coverage.headline,
      summary: coverage.summary,
      analystTake: coverage.analystTake,
      modelwireUrl: coverage.modelwireUrl,
      takedownUrl: coverage.takedownUrl,
      sourceDomain: coverage.source.domain,
      publishedAt: coverage.publishedAt,
    },
    mentions,
    highlight,
  };
}

/** The keys a page may speak for (`ownPageUrls`): a page cannot claim another site's clips by naming it canonical. */
function pageKeysOf(senderUrl: string | null, canonicalUrl: string | null): string[] {
  return urlKeys(ownPageUrls(senderUrl, canonicalUrl));
}

export function createHandlers(deps: BackgroundDeps): Handlers {
  return {
    async 'page.detected'(page, { tabId, senderUrl }) {
      if (tabId === null) return fail('refused', 'Page reports come from a tab.');
      const now = deps.now();
      const [state, shown] = await stateForPage(deps.db, page, now, deps.index ?? null);
      if (state.kind === 'covered' && shown !== null) {
        const url = page.canonicalUrl ?? page.url;
        const key = normalizeUrl(url);
        if (key !== null) await recordMentions(deps.db, shown, { url, key }, now);
      }
      await deps.saveTabState(tabId, state);
      await deps.setBadge(tabId, badgeFor(state, shown?.headline));
      // The answer carries the overlay's context and the reader's clips of this page (which the content script
      // anchors and highlights), saving the page two more round trips.
      const [overlay, clips] = await Promise.all([
        overlayContextFor(deps.db, state, shown),
        clipsForPage(deps.db, ownPageUrls(senderUrl, page.canonicalUrl)),
      ]);
      // The report is answered first, so the badge and the overlay do not wait; the names follow.
      if (page.isArticle) {
        const reported = state;
        void findEntitiesOnPage(deps, tabId, reported, now).then(
          async (found) => {
            if (found !== reported) await deps.entitiesFound?.(tabId, found);
          },
          (error: unknown) => console.warn('Modelwire Lens: finding names in the page failed', error),
        );
      }
      return ok({ ...state, overlay, clips });
    },

    async 'coverage.capture'({ url, parsed }, { tabId, senderUrl }) {
      if (tabId === null || senderUrl === null) return fail('refused', 'Captures come from a Modelwire tab.');
      // The page may only speak for itself: the coverage must be the one at the sender's own address.
      if (normalizeUrl(url) !== normalizeUrl(senderUrl)) {
        return fail('refused', 'The captured address is not the page that sent it.');
      }
      const now = deps.now();
      let state: TabState;
      if (!parsed.ok) {
        state = {
          kind: 'modelwire',
          url,
          coverageId: null,
          missing: [],
          error: parsed.error,
          updatedAt: now.toISOString(),
        };
      } else if (hostKey(parsed.coverage.modelwireUrl) !== hostKey(senderUrl)) {
        return fail('refused', 'The coverage names another site as its Modelwire page.');
      } else {
        await putCoverages(deps.db, [parsed.coverage], 'capture', now);
        const stored = await getCoverage(deps.db, parsed.coverage.id);
        const sourceUrl = stored?.source.url ?? null;
        const sourceKey = sourceUrl ? normalizeUrl(sourceUrl) : null;
        if (stored && sourceUrl && sourceKey) {
          await recordMentions(deps.db, stored, { url: sourceUrl, key: sourceKey }, now);
        }
        state = {
          kind: 'modelwire',
          url,
          coverageId: parsed.coverage.id,
          missing: parsed.missing,
          error: null,
          updatedAt: now.toISOString(),
        };
      }
      await deps.saveTabState(tabId, state);
      await deps.setBadge(tabId, badgeFor(state));
      return ok(state);
    },

    async 'overlay.context'(_, { tabId }) {
      if (tabId === null) return fail('refused', 'Overlay requests come from a tab.');
      const state = await deps.readTabState(tabId);
      return ok(state === null ? null : await overlayContextFor(deps.db, state));
    },

    async 'entity.coverages'({ key, exclude }) {
      const entity = await deps.db.entities.get(key);
      if (entity === undefined) return ok(null);
      const page = await coveragesMentioning(deps.db, key, { limit: 6 });
      return ok({
        key,
        name: entity.name,
        coverageCount: entity.coverageCount,
        coverages: page
          .filter((coverage) => coverage.id !== exclude)
          .slice(0, 5)
          .map((coverage) => ({
            id: coverage.id,
            headline: coverage.headline,
            modelwireUrl: coverage.modelwireUrl,
            publishedAt: coverage.publishedAt,
            domain: coverage.source.domain,
          })),
      });
    },

    async 'clip.create'(clip, { senderUrl }) {
      if (senderUrl === null) return fail('refused', 'Clips come from the page they quote.');
      // A page may only clip itself.
      if (normalizeUrl(clip.page.url) !== normalizeUrl(senderUrl)) {
        return fail('refused', 'The clip names another page than the one it came from.');
      }
      try {
        return ok(await createClip(deps.db, clip, deps.now()));
      } catch (error) {
        return fail('storage', describeStorageError(error));
      }
    },

    async 'clip.update'({ id, note, tags, revision }, { senderKind, senderUrl }) {
      const clip = await deps.db.clips.get(id);
      if (!clip) return fail('not-found', 'That clip no longer exists.');
      if (senderKind === 'publisher-page' && !pageKeysOf(senderUrl, clip.page.canonicalUrl).includes(clip.pageKey)) {
        return fail('refused', 'A page may only edit its own clips.');
      }
      try {
        const updated = await updateClip(deps.db, id, { note: note.trim(), tags }, deps.now(), revision);
        return updated ? ok(updated) : fail('not-found', 'That clip no longer exists.');
      } catch (error) {
        if (error instanceof ClipConflictError) return fail('conflict', error.message);
        return fail('invalid-payload', error instanceof Error ? error.message : String(error));
      }
    },

    async 'clips.anchored'({ canonicalUrl, results }, { senderUrl }) {
      const recorded = await recordAnchors(deps.db, results, pageKeysOf(senderUrl, canonicalUrl), deps.now());
      return ok({ recorded });
    },

    async 'match.answer'({ tabId, coverageId, answer }) {
      const current = await deps.readTabState(tabId);
      if (
        current === null ||
        (current.kind !== 'possible' && current.kind !== 'covered' && current.kind !== 'not-covered')
      ) {
        return fail('not-found', 'The tab no longer shows a possible match.');
      }
      const shownId = current.kind === 'not-covered' ? current.dismissed?.coverageId : current.coverageId;
      if (shownId !== coverageId) return fail('refused', 'The tab shows another coverage now.');
      const { pageKey } = readPage(current.page);
      if (pageKey === null) return fail('refused', 'This page has no address Lens can remember an answer for.');
      const now = deps.now();
      try {
        if (answer === 'undo') await forgetMatchAnswer(deps.db, pageKey, coverageId);
        else await recordMatchAnswer(deps.db, { pageKey, coverageId, answer }, now);
      } catch (error) {
        return fail('storage', describeStorageError(error));
      }
      const [state, shown] = await stateForPage(deps.db, current.page, now, deps.index ?? null);
      const next = { ...state, ...('onPage' in current && current.onPage ? { onPage: current.onPage } : {}) };
      await deps.saveTabState(tabId, next);
      await deps.setBadge(tabId, badgeFor(next, shown?.headline));
      await deps.pageChanged?.(tabId);
      return ok(next);
    },

    async 'feed.sync'() {
      return ok(await deps.syncFeed());
    },
  };
}
