// What Lens knows about each open tab, kept in storage.session: it survives the MV3 service worker stopping, and is
// gone when the browser closes. Written by the background only; read by the popup.
import { storage } from 'wxt/utils/storage';
import type { PageReport } from '../article/describe-page';
import type { MatchedBy } from '../match/decide';
import type { Wrapper } from '../match/unwrap';

/** A known entity found in the article's own text. */
export interface EntityOnPage {
  key: string;
  name: string;
  /** Occurrences in the article. */
  count: number;
  /** Stored coverages that mention it. */
  coverageCount: number;
}

export type TabState =
  | { kind: 'not-article'; page: PageReport; updatedAt: string }
  | {
      kind: 'not-covered';
      page: PageReport;
      updatedAt: string;
      onPage?: EntityOnPage[];
      /** A coverage the reader said this page is not (so they can take the answer back). */
      dismissed?: { coverageId: string; headline: string } | null;
    }
  | {
      kind: 'covered';
      page: PageReport;
      coverageId: string;
      /** What decided the match: one of the page's addresses, the article id, or the reader's own answer. */
      matchedBy: MatchedBy;
      /** Set when the page is a copy of the article (web archive, AMP cache, translation…). */
      copyVia?: Wrapper | null;
      reasons?: string[];
      updatedAt: string;
      onPage?: EntityOnPage[];
    }
  | {
      kind: 'possible';
      page: PageReport;
      coverageId: string;
      /** 0–1: how alike the page and the coverage's source are (see lib/match/decide.ts). */
      confidence: number;
      reasons: string[];
      copyVia?: Wrapper | null;
      updatedAt: string;
      onPage?: EntityOnPage[];
    }
  | {
      kind: 'modelwire';
      url: string;
      /** Set when the page was read and stored as coverage. */
      coverageId: string | null;
      missing: string[];
      error: string | null;
      updatedAt: string;
    };

type TabStateKey = `session:tab:${number}`;

function keyOf(tabId: number): TabStateKey {
  return `session:tab:${tabId}`;
}

export async function saveTabState(tabId: number, state: TabState): Promise<void> {
  await storage.setItem(keyOf(tabId), state);
}

export async function readTabState(tabId: number): Promise<TabState | null> {
  return storage.getItem<TabState>(keyOf(tabId));
}

export async function clearTabState(tabId: number): Promise<void> {
  await storage.removeItem(keyOf(tabId));
}

/** Calls back whenever the tab's state changes; returns the function that stops watching. */
export function watchTabState(tabId: number, onChange: (state: TabState | null) => void): () => void {
  return storage.watch<TabState>(keyOf(tabId), (state) => onChange(state));
}
