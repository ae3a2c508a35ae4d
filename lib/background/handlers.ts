// What the background does with each message. Plain functions over their dependencies, so tests call them directly.
import { hostKey, normalizeUrl, urlKeys } from '../match/url';
import { coveragesOfDomain, findCoverageByUrlKeys, getCoverage, putCoverages } from '../db/coverage';
import { decideFuzzyMatch } from '../match/fuzzy';
import type { Coverage } from '../modelwire/coverage';
import type { PageReport } from '../article/describe-page';
import { recordMentions } from '../db/mentions';
import type { LensDatabase } from '../db/schema';
import type { Handlers } from '../messaging/router';
import { fail, ok } from '../messaging/result';
import type { TabState } from '../tabs/tab-state';
import { badgeFor, type Badge } from './badge';
import type { FeedStatus } from '../feed/settings';

export interface BackgroundDeps {
  db: LensDatabase;
  saveTabState(tabId: number, state: TabState): Promise<void>;
  setBadge(tabId: number, badge: Badge): Promise<void>;
  now(): Date;
  /** Syncs the configured feed (one at a time) and answers its status. */
  syncFeed(): Promise<FeedStatus>;
}

const MATCH_SOURCES = ['address', 'canonical', 'og:url'] as const;

/** The publisher's coverage most like this page, when one is alike enough to show as a possible match. */
async function bestFuzzyMatch(db: LensDatabase, page: PageReport) {
  const domain = hostKey(page.canonicalUrl ?? page.url);
  if (domain === null) return null;
  let best: { coverage: Coverage; confidence: number; reasons: string[] } | null = null;
  for (const coverage of await coveragesOfDomain(db, domain)) {
    const decision = decideFuzzyMatch(page, coverage);
    if (decision.kind === 'possible' && (best === null || decision.confidence > best.confidence)) {
      best = { coverage, confidence: decision.confidence, reasons: decision.reasons };
    }
  }
  return best;
}

export function createHandlers(deps: BackgroundDeps): Handlers {
  return {
    async 'page.detected'(page, { tabId }) {
      if (tabId === null) return fail('refused', 'Page reports come from a tab.');
      const candidates = [page.url, page.canonicalUrl, page.ogUrl];
      const keys = urlKeys(candidates);
      const found = await findCoverageByUrlKeys(deps.db, keys);
      const now = deps.now();
      let state: TabState;
      if (found) {
        const matchedBy = MATCH_SOURCES[candidates.findIndex((url) => url !== null && normalizeUrl(url) === found.key)];
        state = {
          kind: 'covered',
          page,
          coverageId: found.coverage.id,
          matchedBy: matchedBy ?? 'address',
          updatedAt: now.toISOString(),
        };
        await recordMentions(deps.db, found.coverage, { url: page.canonicalUrl ?? page.url, key: found.key }, now);
      } else {
        const possible = page.isArticle ? await bestFuzzyMatch(deps.db, page) : null;
        state = possible
          ? {
              kind: 'possible',
              page,
              coverageId: possible.coverage.id,
              confidence: possible.confidence,
              reasons: possible.reasons,
              updatedAt: now.toISOString(),
            }
          : { kind: page.isArticle ? 'not-covered' : 'not-article', page, updatedAt: now.toISOString() };
      }
      await deps.saveTabState(tabId, state);
      const headline =
        state.kind === 'covered' || state.kind === 'possible'
          ? (await getCoverage(deps.db, state.coverageId))?.headline
          : undefined;
      await deps.setBadge(tabId, badgeFor(state, headline));
      return ok(state);
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

    async 'feed.sync'() {
      return ok(await deps.syncFeed());
    },
  };
}
