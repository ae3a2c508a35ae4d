// Turns a tab's state and the local database into what the popup shows.
import type { PageReport } from '../article/describe-page';
import { coverageCountsByEntity, getCoverage } from '../db/coverage';
import type { LensDatabase } from '../db/schema';
import { entityKey } from '../entities/entity-key';
import type { Coverage } from '../modelwire/coverage';
import type { TabState } from '../tabs/tab-state';

export interface MentionView {
  name: string;
  key: string;
  /** How many stored coverages mention this entity, this one included. */
  coverageCount: number;
}

export type PopupView =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  /** A page Lens cannot run on: the browser's own pages, the web store, a PDF viewer. */
  | { status: 'unsupported' }
  /** A web page that has not reported yet: still loading, or open since before Lens was installed. */
  | { status: 'unread'; waiting: boolean }
  | { status: 'not-article'; page: PageReport }
  | { status: 'not-covered'; page: PageReport }
  | {
      status: 'covered';
      page: PageReport;
      coverage: Coverage;
      mentions: MentionView[];
      matchedBy: 'address' | 'canonical' | 'og:url';
    }
  | {
      status: 'possible';
      page: PageReport;
      coverage: Coverage;
      mentions: MentionView[];
      confidence: number;
      reasons: string[];
    }
  | { status: 'captured'; coverage: Coverage | null; mentions: MentionView[]; missing: string[]; error: string | null };

export async function mentionViews(db: LensDatabase, coverage: Coverage): Promise<MentionView[]> {
  const keys = coverage.mentions.map(entityKey);
  const counts = await coverageCountsByEntity(db, keys);
  return coverage.mentions.map((name, index) => {
    const key = keys[index] as string;
    return { name, key, coverageCount: counts.get(key) ?? 0 };
  });
}

export async function viewForTabState(db: LensDatabase, state: TabState): Promise<PopupView> {
  switch (state.kind) {
    case 'not-article':
      return { status: 'not-article', page: state.page };
    case 'not-covered':
      return { status: 'not-covered', page: state.page };
    case 'covered': {
      const coverage = await getCoverage(db, state.coverageId);
      // The record was removed since the page reported (data cleared): say what is true now.
      if (!coverage) return { status: state.page.isArticle ? 'not-covered' : 'not-article', page: state.page };
      return {
        status: 'covered',
        page: state.page,
        coverage,
        mentions: await mentionViews(db, coverage),
        matchedBy: state.matchedBy,
      };
    }
    case 'possible': {
      const coverage = await getCoverage(db, state.coverageId);
      if (!coverage) return { status: 'not-covered', page: state.page };
      return {
        status: 'possible',
        page: state.page,
        coverage,
        mentions: await mentionViews(db, coverage),
        confidence: state.confidence,
        reasons: state.reasons,
      };
    }
    case 'modelwire': {
      const coverage = state.coverageId ? ((await getCoverage(db, state.coverageId)) ?? null) : null;
      const mentions = coverage ? await mentionViews(db, coverage) : [];
      return { status: 'captured', coverage, mentions, missing: state.missing, error: state.error };
    }
  }
}
