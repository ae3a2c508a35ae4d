// What the background does with each message. Plain functions over their dependencies, so tests call them directly.
import { hostKey, normalizeUrl, urlKeys } from '../match/url';
import { findCoverageByUrlKeys, getCoverage, putCoverages } from '../db/coverage';
import { recordMentions } from '../db/mentions';
import type { LensDatabase } from '../db/schema';
import type { Handlers } from '../messaging/router';
import { fail, ok } from '../messaging/result';
import type { TabState } from '../tabs/tab-state';
import { badgeFor, type Badge } from './badge';

export interface BackgroundDeps {
  db: LensDatabase;
  saveTabState(tabId: number, state: TabState): Promise<void>;
  setBadge(tabId: number, badge: Badge): Promise<void>;
  now(): Date;
}

const MATCH_SOURCES = ['address', 'canonical', 'og:url'] as const;

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
        state = { kind: page.isArticle ? 'not-covered' : 'not-article', page, updatedAt: now.toISOString() };
      }
      await deps.saveTabState(tabId, state);
      await deps.setBadge(tabId, badgeFor(state, found?.coverage.headline));
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
  };
}
