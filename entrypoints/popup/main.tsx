import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { useStore } from 'zustand';
import { browser } from 'wxt/browser';
import { CheckPanel } from '../../components/check/CheckPanel';
import { PopupScreen, type MatchAnswer } from '../../components/popup/PopupScreen';
import { Tabs } from '../../components/popup/Tabs';
import { reportToJson, reportToMarkdown, type CheckSummary } from '../../lib/check/report';
import { openDatabase } from '../../lib/db/schema';
import { sendMessage, sendToTab } from '../../lib/messaging/client';
import type { Coverage } from '../../lib/modelwire/coverage';
import { readTabState, watchTabState } from '../../lib/tabs/tab-state';
import { createCheckStore, pastedSummary } from '../../lib/ui/check-store';
import { withSecondOpinionOnMarkup } from '../../lib/article/second-opinion';
import { createPopupStore } from '../../lib/ui/popup-store';
import {
  copyText,
  downloadText,
  openSidePanel,
  openTab,
  requestedOrActiveTab,
  slug,
} from '../../lib/ui/browser-actions';
import '../../assets/popup.css';

const store = createPopupStore({ db: openDatabase(), readTabState, watchTabState });
const checkStore = createCheckStore({
  extract: (tabId) => sendToTab(tabId, 'page.extract', { withMarkup: true }),
  secondOpinion: withSecondOpinionOnMarkup,
  highlight: (tabId, passages) => sendToTab(tabId, 'page.highlight', { passages }),
  now: () => new Date(),
});

function coverageSummary(coverage: Coverage): CheckSummary {
  return {
    summary: coverage.summary,
    analystTake: coverage.analystTake,
    headline: coverage.headline,
    modelwireUrl: coverage.modelwireUrl,
    source: coverage.source,
    takedownUrl: coverage.takedownUrl,
  };
}

function Popup() {
  const view = useStore(store, (state) => state.view);
  const run = useStore(checkStore, (state) => state.run);
  const notice = useStore(checkStore, (state) => state.notice);
  const [tabId, setTabId] = useState<number | null>(null);
  const [selected, setSelected] = useState('summary');
  const [answering, setAnswering] = useState(false);
  const [answerError, setAnswerError] = useState<string | null>(null);
  useEffect(() => {
    let stop = () => {};
    let cancelled = false;
    requestedOrActiveTab().then(
      (tab) => {
        if (cancelled) return;
        setTabId(tab?.id ?? null);
        stop = store.getState().open(tab);
      },
      (error: unknown) =>
        store.setState({ view: { status: 'error', message: `Could not find the tab: ${String(error)}` } }),
    );
    return () => {
      cancelled = true;
      stop();
    };
  }, []);

  const answer = (value: MatchAnswer) => {
    const coverageId =
      view.status === 'possible' || view.status === 'covered'
        ? view.coverage.id
        : view.status === 'not-covered'
          ? view.dismissed?.coverageId
          : undefined;
    if (tabId === null || coverageId === undefined) return;
    setAnswering(true);
    setAnswerError(null);
    // The tab's new state arrives through the state watch; only a refusal needs saying here.
    void sendMessage('match.answer', { tabId, coverageId, answer: value }).then((reply) => {
      setAnswering(false);
      if (!reply.ok) setAnswerError(`Your answer was not saved: ${reply.error.message}`);
    });
  };
  const screen = (
    <>
      {answerError && (
        <p className="error" role="alert">
          {answerError}
        </p>
      )}
      <PopupScreen view={view} onAnswer={answer} answering={answering} />
    </>
  );
  const checkable =
    tabId !== null && (view.status === 'covered' || view.status === 'possible' || view.status === 'not-covered');
  const coverage = view.status === 'covered' || view.status === 'possible' ? view.coverage : null;
  const content = !checkable ? (
    screen
  ) : (
    <Tabs
      selected={selected}
      onSelect={setSelected}
      tabs={[
        { id: 'summary', label: coverage ? 'Summary' : 'This page', panel: screen },
        {
          id: 'check',
          label: 'Check summary',
          panel: (
            <CheckPanel
              run={run}
              notice={notice}
              hasCoverage={coverage !== null}
              hasTakedown={Boolean(coverage?.takedownUrl)}
              onCheckCoverage={() =>
                coverage && void checkStore.getState().check(tabId, coverageSummary(coverage), false)
              }
              onCheckPasted={(text) => void checkStore.getState().check(tabId, pastedSummary(text), true)}
              onHighlight={() => void checkStore.getState().highlightReuse(tabId)}
              onExport={(format) => {
                if (run.status !== 'done') return;
                const name = `modelwire-check-${slug(run.report.article.title)}`;
                if (format === 'markdown') downloadText(`${name}.md`, reportToMarkdown(run.report), 'text/markdown');
                else downloadText(`${name}.json`, reportToJson(run.report), 'application/json');
              }}
              onRequestPolicy={() => {
                if (run.status !== 'done' || !coverage?.takedownUrl) return;
                const takedown = coverage.takedownUrl;
                void copyText(reportToMarkdown(run.report)).then(async (copied) => {
                  checkStore
                    .getState()
                    .setNotice(
                      copied
                        ? 'The report is on your clipboard: paste it into Modelwire’s takedown form.'
                        : 'Copying failed: use “Export Markdown” and attach the file to your request.',
                    );
                  await openTab(takedown);
                });
              }}
            />
          ),
        },
      ]}
    />
  );
  return (
    <main className="popup" aria-live="polite" aria-busy={view.status === 'loading'} data-status={view.status}>
      {content}
      <footer className="popup-footer">
        {tabId !== null && (
          <button
            type="button"
            className="link"
            onClick={() => {
              void openSidePanel(tabId).then((opened) => opened && window.close());
            }}
          >
            Open in side panel
          </button>
        )}
        <button
          type="button"
          className="link"
          onClick={() => void browser.tabs.create({ url: browser.runtime.getURL('/library.html') })}
        >
          Clip library
        </button>
        <button type="button" className="link" onClick={() => void browser.runtime.openOptionsPage()}>
          Settings, feed and data
        </button>
      </footer>
    </main>
  );
}

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <Popup />
  </StrictMode>,
);
