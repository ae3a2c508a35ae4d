import type { ReactNode } from 'react';
import type { PopupView } from '../../lib/ui/popup-view';
import { CoverageCard } from './CoverageCard';
import { PageFacts } from './PageFacts';

const MATCH_NOTES = {
  address: undefined,
  canonical: 'Matched by the page’s canonical address.',
  'og:url': 'Matched by the page’s og:url.',
} as const;

const PART_NAMES: Record<string, string> = {
  summary: 'summary',
  analystTake: 'analyst take',
  drewOn: 'coverage drawn on',
  mentions: 'mentions',
  source: 'source link',
  takedown: 'takedown link',
  publishedAt: 'date',
};

function Status({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <section className="status" aria-labelledby="status-title">
      <h1 id="status-title">{title}</h1>
      {children}
    </section>
  );
}

/** Everything the popup can show, one branch per state. */
export function PopupScreen({ view }: { view: PopupView }) {
  switch (view.status) {
    case 'loading':
      return <Status title="Looking up this page…" />;
    case 'error':
      return (
        <Status title="Something went wrong">
          <p role="alert">{view.message}</p>
        </Status>
      );
    case 'unsupported':
      return (
        <Status title="Lens does not run on this page">
          <p>
            Browser pages, extension stores and built-in viewers are off limits to extensions. Open a news article to
            see Modelwire's coverage.
          </p>
        </Status>
      );
    case 'unread':
      return view.waiting ? (
        <Status title="Reading this page…" />
      ) : (
        <Status title="Lens has not read this page yet">
          <p>
            It may be a browser page that extensions cannot read, or it was open before Lens was installed. Reload the
            page to check it for Modelwire coverage.
          </p>
        </Status>
      );
    case 'not-article':
      return (
        <>
          <Status title="This page is not an article">
            <p>Lens looks for Modelwire coverage on news and blog articles. This page looks like something else.</p>
          </Status>
          <PageFacts page={view.page} showReasons />
        </>
      );
    case 'not-covered':
      return (
        <>
          <Status title="No Modelwire coverage of this article">
            <p>
              None of the summaries Lens has saved is about this article. Lens checked locally; nothing was sent
              anywhere.
            </p>
          </Status>
          {view.onPage.length > 0 && (
            <section aria-labelledby="on-page-heading" className="on-page">
              <h2 id="on-page-heading">Names Lens knows in this article</h2>
              <ul className="mentions">
                {view.onPage.map((entity) => (
                  <li key={entity.key}>
                    <span className="entity">{entity.name}</span>{' '}
                    <span className="muted">
                      {entity.count}× here · in {entity.coverageCount} saved{' '}
                      {entity.coverageCount === 1 ? 'summary' : 'summaries'}
                    </span>
                  </li>
                ))}
              </ul>
            </section>
          )}
          <PageFacts page={view.page} showReasons={false} />
        </>
      );
    case 'covered':
      return <CoverageCard coverage={view.coverage} mentions={view.mentions} note={MATCH_NOTES[view.matchedBy]} />;
    case 'possible':
      return (
        <>
          <section className="possible" aria-labelledby="possible-title">
            <h2 id="possible-title">Possible match: {Math.round(view.confidence * 100)}% alike</h2>
            <p>
              This page’s address is not the one Modelwire summarised, but it looks like the same article. Check before
              relying on the summary:
            </p>
            <ul className="reasons">
              {view.reasons.map((reason) => (
                <li key={reason}>{reason}</li>
              ))}
            </ul>
          </section>
          <CoverageCard coverage={view.coverage} mentions={view.mentions} />
        </>
      );
    case 'captured': {
      if (view.coverage === null) {
        return (
          <Status title="This Modelwire page could not be read">
            <p role="alert">{view.error ?? 'The page did not look like a Modelwire article.'}</p>
          </Status>
        );
      }
      const missing = view.missing
        .filter((part) => part !== 'drewOn' && part !== 'publishedAt')
        .map((part) => PART_NAMES[part] ?? part);
      const note = `Saved: its source article will show this summary.${missing.length > 0 ? ` Not found on the page: ${missing.join(', ')}.` : ''}`;
      return <CoverageCard coverage={view.coverage} mentions={view.mentions} note={note} />;
    }
  }
}
