// The popup's summarisation check: fetch the page's text from its content script, run the check, keep the report.
import { createStore, type StoreApi } from 'zustand/vanilla';
import { reusedSourcePassages, runCheck, type CheckReport, type CheckSummary } from '../check/report';
import type { ExtractedPage } from '../messaging/protocol';
import type { Result } from '../messaging/result';
import type { CheckedText, Reading } from '../article/second-opinion';

export interface CheckDeps {
  extract(tabId: number): Promise<Result<ExtractedPage>>;
  /** A second reading of the page's markup, sent when Lens's own text was doubtful (Readability, in the popup). */
  secondOpinion(markup: string, lens: Reading): CheckedText;
  highlight(tabId: number, passages: string[]): Promise<Result<{ found: number; missing: number }>>;
  now(): Date;
}

export type CheckRun =
  | { status: 'idle' }
  | { status: 'running' }
  | { status: 'done'; report: CheckReport; reused: string[]; pasted: boolean }
  | { status: 'error'; message: string };

export interface CheckState {
  run: CheckRun;
  /** The outcome of the last page action (highlight, export, request), in words. */
  notice: string | null;
  check(tabId: number, summary: CheckSummary, pasted: boolean): Promise<void>;
  highlightReuse(tabId: number): Promise<void>;
  setNotice(notice: string | null): void;
}

/** The longest summary a reader may paste: far beyond any summary, short of freezing the popup. */
export const MAX_PASTED_CHARS = 50_000;

export function pastedSummary(text: string): CheckSummary {
  return { summary: text, analystTake: [], headline: null, modelwireUrl: null, source: null, takedownUrl: null };
}

export function createCheckStore(deps: CheckDeps): StoreApi<CheckState> {
  return createStore<CheckState>()((set, get) => ({
    run: { status: 'idle' },
    notice: null,
    async check(tabId, summary, pasted) {
      if (summary.summary.trim() === '') {
        set({ run: { status: 'error', message: 'There is no summary text to check.' } });
        return;
      }
      if (summary.summary.length > MAX_PASTED_CHARS) {
        set({
          run: {
            status: 'error',
            message: `That text is too long to be a summary (over ${MAX_PASTED_CHARS.toLocaleString()} characters).`,
          },
        });
        return;
      }
      set({ run: { status: 'running' }, notice: null });
      const page = await deps.extract(tabId);
      if (!page.ok) {
        const message =
          page.error.code === 'unreachable'
            ? 'Lens cannot read this page: reload it and try again.'
            : page.error.message;
        set({ run: { status: 'error', message } });
        return;
      }
      const checked =
        page.value.markup === undefined
          ? { text: page.value.text, note: null }
          : deps.secondOpinion(page.value.markup, page.value);
      if (checked.text.trim() === '') {
        set({ run: { status: 'error', message: 'Lens found no article text on this page.' } });
        return;
      }
      const article = {
        text: checked.text,
        url: page.value.url,
        title: page.value.title,
        siteName: page.value.siteName,
        notes: checked.note === null ? [] : [checked.note],
      };
      const report = runCheck(article, summary, deps.now());
      set({ run: { status: 'done', report, reused: reusedSourcePassages(report, article.text), pasted } });
    },
    async highlightReuse(tabId) {
      const { run } = get();
      if (run.status !== 'done') return;
      if (run.reused.length === 0) {
        set({ notice: 'Nothing to highlight: no passage of six words or more is shared.' });
        return;
      }
      const result = await deps.highlight(tabId, run.reused);
      set({
        notice: result.ok
          ? `Highlighted ${result.value.found} reused passage${result.value.found === 1 ? '' : 's'} on the page${result.value.missing > 0 ? ` (${result.value.missing} not found)` : ''}.`
          : `Could not highlight: ${result.error.message}`,
      });
    },
    setNotice(notice) {
      set({ notice });
    },
  }));
}
