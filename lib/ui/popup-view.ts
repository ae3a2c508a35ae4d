// Turns a tab's state and the local database into what the popup shows.
import type { PageReport } from '../article/describe-page';
import { coverageCountsByEntity, getCoverage } from '../db/coverage';
import type { LensDatabase } from '../db/schema';
import { entityKey } from '../entities/entity-key';
import type { Coverage } from '../modelwire/coverage';
import type { EntityOnPage, TabState } from '../tabs/tab-state';
import type { MatchedBy } from '../match/decide';
import type { Wrapper } from '../match/unwrap';

export interface MentionView {
  name: string;
  key: string;
  /** How many stored coverages mention this entity, this one included. */
  coverageCount: number;
  /** How often the article itself names it, once Lens has read the text. */
  inArticle?: number;
}

export type PopupView =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  /** A page Lens cannot run on: the browser's own pages, the web store, a PDF viewer. */
  | { status: 'unsupported' }
  /** A web page that has not reported yet: still loading, or open since before Lens was installed. */
  | { status: 'unread'; waiting: boolean }
  | { status: 'not-article'; page: PageReport }
  | {
      status: 'not-covered';
      page: PageReport;
      onPage: EntityOnPage[];
      dismissed: { coverageId: string; headline: string } | null;
    }
  | {
      status: 'covered';
      page: PageReport;
      coverage: Coverage;
      mentions: MentionView[];
      matchedBy: MatchedBy;
      copyVia: Wrapper | null;
      onPage: EntityOnPage[];
    }
  | {
      status: 'possible';
      page: PageReport;
      coverage: Coverage;
      mentions: MentionView[];
      confidence: number;
      reasons: string[];
      copyVia: Wrapper | null;
      onPage: EntityOnPage[];
    }
  | { status: 'captured'; coverage: Coverage | null; mentions: MentionView[]; missing: string[]; error: string | null };

export async function mentionViews(
  db: LensDatabase,
  coverage: Coverage,
  onPage: ReadonlyArray<EntityOnPage> = [],
): Promise<MentionView[]> {
  const keys = coverage.mentions.map(entityKey);
  const counts = await coverageCountsByEntity(db, keys);
  const inArticle = new Map(onPage.map((entity) => [entity.key, entity.count]));
  return coverage.mentions.map((name, index) => {
    const key = keys[index] as string;
    const here = inArticle.get(key);
    return { name, key, coverageCount: counts.get(key) ?? 0, ...(here === undefined ? {} : { inArticle: here }) };
  });
}

export async function viewForTabState(db: LensDatabase, state: TabState): Promise<PopupView> {
  switch (state.kind) {
    case 'not-article':
      return { status: 'not-article', page: state.page };
    case 'not-covered':
      return {
        status: 'not-covered',
        page: state.page,
        onPage: state.onPage ?? [],
        dismissed: state.dismissed ?? null,
      };
    case 'covered': {
      const coverage = await getCoverage(db, state.coverageId);
      // The record was removed since the page reported (data cleared): say what is true now.
      if (!coverage) {
        return state.page.isArticle
          ? { status: 'not-covered', page: state.page, onPage: state.onPage ?? [], dismissed: null }
          : { status: 'not-article', page: state.page };
      }
      return {
        status: 'covered',
        page: state.page,
        coverage,
        mentions: await mentionViews(db, coverage, state.onPage),
        matchedBy: state.matchedBy,
        copyVia: state.copyVia ?? null,
        onPage: state.onPage ?? [],
      };
    }
    case 'possible': {
      const coverage = await getCoverage(db, state.coverageId);
      if (!coverage) return { status: 'not-covered', page: state.page, onPage: state.onPage ?? [], dismissed: null };
      return {
        status: 'possible',
        page: state.page,
        coverage,
        mentions: await mentionViews(db, coverage, state.onPage),
        confidence: state.confidence,
        reasons: state.reasons,
        copyVia: state.copyVia ?? null,
        onPage: state.onPage ?? [],
      };
    }
    case 'modelwire': {
      const coverage = state.coverageId ? ((await getCoverage(db, state.coverageId)) ?? null) : null;
      const mentions = coverage ? await mentionViews(db, coverage) : [];
      return { status: 'captured', coverage, mentions, missing: state.missing, error: state.error };
    }
  }
}

/** The entities Lens found in the page's text, for the views that have them. */
export function entitiesOnPage(view: PopupView): EntityOnPage[] {
  return view.status === 'covered' || view.status === 'possible' || view.status === 'not-covered' ? view.onPage : [];
}

/**
 * Every name once, for a view that lists them in one place (the side panel): the coverage's mentions first, with how
 * often the article names each (0 when it does not), then the other names found in the article.
 */
export function namesOfPage(view: PopupView): EntityOnPage[] {
  const found = entitiesOnPage(view);
  const mentions = view.status === 'covered' || view.status === 'possible' ? view.mentions : [];
  const mentioned = new Set(mentions.map((mention) => mention.key));
  return [
    ...mentions.map((mention) => ({
      key: mention.key,
      name: mention.name,
      count: mention.inArticle ?? found.find((entity) => entity.key === mention.key)?.count ?? 0,
      coverageCount: mention.coverageCount,
    })),
    ...found.filter((entity) => !mentioned.has(entity.key)),
  ];
}
