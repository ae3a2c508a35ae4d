import type { ReactNode } from 'react';
import type { MatchedBy } from '../../lib/match/decide';
import type { PopupView } from '../../lib/ui/popup-view';
import { CoverageCard } from './CoverageCard';
import { PageFacts } from './PageFacts';

const MATCH_NOTES: Record<MatchedBy, string | undefined> = {
  address: undefined,
  canonical: 'Matched by the page’s canonical address.',
  'og:url': 'Matched by the page’s og:url.',
  'structured data': 'Matched by the address in the page’s structured data.',
  alternate: 'Matched by an edition of this page that the page itself lists.',
  'article id': 'Matched by the article id in the address (the rest of the address changed).',
  reader: 'You confirmed that this is the article Modelwire covered.',
};

/** The reader's answer to a possible match (or taking back a confirmation). */
export type MatchAnswer = 'same' | 'different' | 'undo';

function matchNote(matchedBy: MatchedBy, copyVia: string | null): string | undefined {
  const copy = copyVia ? `This page is a copy (${copyVia}) of the article Modelwire covered.` : undefined;
  const how = MATCH_NOTES[matchedBy];
  return copy && how ? `${copy} ${how}` : (copy ?? how);
}

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
export function PopupScreen({
  view,
  onAnswer,
  answering = false,
  showMentions = true,
}: {
  view: PopupView;
  /** False where the view lists the names itself (the side panel), so that no name is listed twice. */
  showMentions?: boolean;
  /** Absent where the view cannot act on the tab (tests of the layout alone). */
  onAnswer?: (answer: MatchAnswer) => void;
  answering?: boolean;
}) {
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
            {view.dismissed && onAnswer && (
              <p className="answer-undo">
                You said this page is not the article behind “{view.dismissed.headline}”.{' '}
                <button type="button" className="link" disabled={answering} onClick={() => onAnswer('undo')}>
                  Ask me again
                </button>
              </p>
            )}
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
      return (
        <>
          <CoverageCard
            coverage={view.coverage}
            mentions={showMentions ? view.mentions : []}
            note={matchNote(view.matchedBy, view.copyVia)}
          />
          {view.matchedBy === 'reader' && onAnswer && (
            <p className="answer-undo">
              <button type="button" className="link" disabled={answering} onClick={() => onAnswer('different')}>
                Not this article after all
              </button>
            </p>
          )}
        </>
      );
    case 'possible':
      return (
        <>
          <section className="possible" aria-labelledby="possible-title">
            <h2 id="possible-title">Is this the article Modelwire covered?</h2>
            <p>
              {view.copyVia ? `This page is a copy (${view.copyVia}) and its` : 'This page’s'} address is not the one
              Modelwire summarised, but it looks like the same article ({Math.round(view.confidence * 100)}% alike):
            </p>
            <ul className="reasons">
              {view.reasons.map((reason) => (
                <li key={reason}>{reason}</li>
              ))}
            </ul>
            {onAnswer && (
              <div className="answer" role="group" aria-labelledby="possible-title">
                <button type="button" className="primary" disabled={answering} onClick={() => onAnswer('same')}>
                  Yes, the same article
                </button>
                <button type="button" disabled={answering} onClick={() => onAnswer('different')}>
                  No, a different one
                </button>
              </div>
            )}
            <p className="muted">
              Lens remembers your answer for this address, in this browser only. Until you confirm, nothing is added to
              the page.
            </p>
          </section>
          <CoverageCard coverage={view.coverage} mentions={showMentions ? view.mentions : []} />
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
