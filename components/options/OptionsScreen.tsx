// The options page: the coverage feed and the reader's data. Props in, callbacks out; no browser APIs here.
import { useEffect, useId, useState, type FormEvent } from 'react';
import { SYNC_INTERVAL_MINUTES, TIMEOUT_SECONDS, type FeedStatus } from '../../lib/feed/settings';
import type { OptionsState } from '../../lib/ui/options-store';

/** The store's state, and a callback for each of its actions. */
export type OptionsScreenProps = Pick<
  OptionsState,
  'loaded' | 'settings' | 'status' | 'figures' | 'usage' | 'busy' | 'notice' | 'display' | 'hidden'
> & {
  onSave(input: Parameters<OptionsState['saveFeed']>[0]): void;
  onRemoveFeed(): void;
  onSyncNow(): void;
  onExport(): void;
  onImport(file: File): void;
  onClear(): void;
  onDisplay(change: Parameters<OptionsState['setDisplay']>[0]): void;
  /** Resolves true when the site was added (the field is then cleared). */
  onAddSite(site: string): Promise<boolean>;
  onRemoveSite(site: string): void;
  onShowAgain(site: string): void;
  onForgetPages(): void;
};

function PageSection(props: OptionsScreenProps) {
  const [site, setSite] = useState('');
  const { display, hidden } = props;
  const listLabel = display.siteMode === 'all-except' ? 'Sites where Lens is off' : 'Sites where Lens runs';
  return (
    <section aria-labelledby="page-heading">
      <h2 id="page-heading">On publishers’ pages</h2>
      <p className="help">
        On an article Modelwire covered, Lens can show a small “Modelwire summary” button in the corner, which opens a
        card, and underline the names its summaries mention. Nothing is added to pages without coverage.
      </p>
      <div className="checks">
        <label>
          <input
            type="checkbox"
            checked={display.overlay}
            onChange={(event) => props.onDisplay({ overlay: event.target.checked })}
          />{' '}
          Show the Modelwire button and card on covered articles
        </label>
        <label>
          <input
            type="checkbox"
            checked={display.highlights}
            onChange={(event) => props.onDisplay({ highlights: event.target.checked })}
          />{' '}
          Underline names Lens knows in covered articles
        </label>
        <label>
          <input
            type="checkbox"
            checked={display.clipButton}
            onChange={(event) => props.onDisplay({ clipButton: event.target.checked })}
          />{' '}
          Offer a “Clip” button beside text I select
        </label>
        <label>
          <input
            type="checkbox"
            checked={display.privateHighlights}
            onChange={(event) => props.onDisplay({ privateHighlights: event.target.checked })}
          />{' '}
          Keep underlines and clip highlights private from the page (drawn in Lens’s own layer; the page’s scripts can
          otherwise read the browser’s highlight list)
        </label>
      </div>
      <fieldset>
        <legend>Where Lens runs</legend>
        <label>
          <input
            type="radio"
            name="site-mode"
            checked={display.siteMode === 'all-except'}
            onChange={() => props.onDisplay({ siteMode: 'all-except' })}
          />{' '}
          Every site except those listed
        </label>
        <label>
          <input
            type="radio"
            name="site-mode"
            checked={display.siteMode === 'only'}
            onChange={() => props.onDisplay({ siteMode: 'only' })}
          />{' '}
          Only the sites listed
        </label>
      </fieldset>
      <form
        className="row"
        onSubmit={(event) => {
          event.preventDefault();
          void props.onAddSite(site).then((added) => added && setSite(''));
        }}
      >
        <label>
          Add a site{' '}
          <input
            value={site}
            onChange={(event) => setSite(event.target.value)}
            placeholder="example.com"
            spellCheck={false}
            autoComplete="off"
          />
        </label>
        <button type="submit">Add</button>
      </form>
      <h3 id="sites-heading">{listLabel}</h3>
      {display.sites.length === 0 ? (
        <p className="help">None.</p>
      ) : (
        <ul className="sites" aria-labelledby="sites-heading">
          {display.sites.map((entry) => (
            <li key={entry}>
              {entry}{' '}
              <button type="button" onClick={() => props.onRemoveSite(entry)} aria-label={`Remove ${entry}`}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <h3 id="hidden-heading">Button hidden on these sites</h3>
      {hidden.sites.length === 0 ? (
        <p className="help">None. Use “Hide on this site” in the card to add one.</p>
      ) : (
        <ul className="sites" aria-labelledby="hidden-heading">
          {hidden.sites.map((entry) => (
            <li key={entry}>
              {entry}{' '}
              <button type="button" onClick={() => props.onShowAgain(entry)} aria-label={`Show again on ${entry}`}>
                Show again
              </button>
            </li>
          ))}
        </ul>
      )}
      {hidden.pages.length > 0 && (
        <p className="help">
          Hidden on {hidden.pages.length.toLocaleString('en')} {hidden.pages.length === 1 ? 'page' : 'pages'}.{' '}
          <button type="button" onClick={props.onForgetPages}>
            Show on all pages again
          </button>
        </p>
      )}
    </section>
  );
}

const INTERVALS = [15, 30, 60, 180, 360, 720, 1440].filter(
  (minutes) => minutes >= SYNC_INTERVAL_MINUTES.min && minutes <= SYNC_INTERVAL_MINUTES.max,
);

function intervalLabel(minutes: number): string {
  return minutes < 60 ? `${minutes} minutes` : minutes === 60 ? 'hour' : `${minutes / 60} hours`;
}

function when(iso: string | null): string {
  if (iso === null) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? '—'
    : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

function size(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
}

const STATE_LABEL: Record<FeedStatus['state'], string> = {
  never: 'Not synced yet',
  syncing: 'Syncing…',
  ok: 'Synced',
  error: 'Last sync failed',
};

function FeedStatusView({ status }: { status: FeedStatus }) {
  const result = status.lastResult;
  return (
    <div className="feed-status" data-state={status.state}>
      <dl className="facts">
        <dt>Status</dt>
        <dd data-testid="feed-state">{STATE_LABEL[status.state]}</dd>
        <dt>Last successful sync</dt>
        <dd>{when(status.lastSuccess)}</dd>
        <dt>Next sync</dt>
        <dd>{when(status.nextAttempt)}</dd>
        {result && (
          <>
            <dt>Mode</dt>
            <dd data-testid="feed-mode">
              {result.index
                ? 'Coverage index: Lens keeps a filter of every covered address and checks each page on this device. ' +
                  'Only when the filter says “maybe” does it fetch one shard, which holds at least 50 addresses, so ' +
                  'the index server learns at most that you opened one of those (and when).'
                : 'Whole feed: every coverage is stored on this device, so the feed server learns nothing about the ' +
                  'pages you read; it only sees the periodic download.'}
            </dd>
          </>
        )}
        {result?.index && (
          <>
            <dt>Index</dt>
            <dd data-testid="index-result">
              Generation {result.index.generation}: {result.index.coverages.toLocaleString('en')} coverages in{' '}
              {result.index.shards.toLocaleString('en')} shards;{' '}
              {result.index.kind === 'unchanged'
                ? 'nothing new at the last sync'
                : `the last sync downloaded ${size(result.index.downloaded)} (${result.index.kind === 'base' ? 'filter and shard table' : 'changes only'})`}
            </dd>
          </>
        )}
        {result && !result.notModified && !result.index && (
          <>
            <dt>Last feed read</dt>
            <dd data-testid="feed-result">
              {result.entries.toLocaleString('en')} entries: {result.stored.toLocaleString('en')} stored
              {result.kept > 0 && `, ${result.kept.toLocaleString('en')} kept from live pages`}
              {result.rejected > 0 && `, ${result.rejected.toLocaleString('en')} refused`} ({result.ms} ms)
            </dd>
          </>
        )}
      </dl>
      {status.lastError !== null && (
        <p className="error-text" data-testid="feed-error">
          <strong>Last error:</strong> {status.lastError}
          {status.failures > 1 && ` (${status.failures} failures in a row; Lens waits longer after each.)`}
        </p>
      )}
      {result !== null && result.rejectedSamples.length > 0 && (
        <details>
          <summary>Refused entries ({result.rejected.toLocaleString('en')})</summary>
          <ul className="rejected" data-testid="feed-rejected">
            {result.rejectedSamples.map((entry) => (
              <li key={entry.index}>
                Entry {entry.index + 1}
                {entry.id !== null && <code> {entry.id}</code>}: {entry.reason}
              </li>
            ))}
          </ul>
          {result.rejected > result.rejectedSamples.length && (
            <p>…and {(result.rejected - result.rejectedSamples.length).toLocaleString('en')} more.</p>
          )}
        </details>
      )}
    </div>
  );
}

function FeedForm(props: OptionsScreenProps) {
  const ids = useId();
  const [url, setUrl] = useState(props.settings.url ?? '');
  const [intervalMinutes, setInterval] = useState(props.settings.intervalMinutes);
  const [timeoutSeconds, setTimeoutSeconds] = useState(props.settings.timeoutSeconds);
  // The stored settings arrive after the first render; the form takes them once.
  useEffect(() => {
    setUrl(props.settings.url ?? '');
    setInterval(props.settings.intervalMinutes);
    setTimeoutSeconds(props.settings.timeoutSeconds);
  }, [props.settings]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    props.onSave({ url, intervalMinutes, timeoutSeconds });
  };
  const busy = props.busy !== null;
  return (
    <form onSubmit={submit} aria-describedby={`${ids}-help`}>
      <p id={`${ids}-help`} className="help">
        An https address serving a Modelwire Lens feed or coverage index (both format version 1, see the README). When
        you save, the browser asks you to let Lens read that one site; Lens asks for nothing else and sends nothing
        there but its requests.
      </p>
      <label htmlFor={`${ids}-url`}>Feed address</label>
      <input
        id={`${ids}-url`}
        name="url"
        type="url"
        inputMode="url"
        placeholder="https://feeds.example.org/modelwire-lens.json"
        value={url}
        onChange={(event) => setUrl(event.target.value)}
        spellCheck={false}
        autoComplete="off"
      />
      <div className="row">
        <label>
          Sync every{' '}
          <select value={intervalMinutes} onChange={(event) => setInterval(Number(event.target.value))}>
            {INTERVALS.map((minutes) => (
              <option key={minutes} value={minutes}>
                {intervalLabel(minutes)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Give up after{' '}
          <input
            type="number"
            className="narrow"
            min={TIMEOUT_SECONDS.min}
            max={TIMEOUT_SECONDS.max}
            value={timeoutSeconds}
            onChange={(event) => setTimeoutSeconds(Number(event.target.value))}
          />{' '}
          seconds
        </label>
      </div>
      <div className="buttons">
        <button type="submit" className="primary" disabled={busy}>
          Save and sync
        </button>
        <button type="button" onClick={props.onSyncNow} disabled={busy || props.settings.url === null}>
          Sync now
        </button>
        <button type="button" onClick={props.onRemoveFeed} disabled={busy || props.settings.url === null}>
          Remove feed
        </button>
      </div>
    </form>
  );
}

function DataSection(props: OptionsScreenProps) {
  const [confirming, setConfirming] = useState(false);
  const busy = props.busy !== null;
  const figures = props.figures;
  return (
    <section aria-labelledby="data-heading">
      <h2 id="data-heading">Your data</h2>
      <p className="help">
        Everything Lens knows lives in this browser: coverage from the demo data, Modelwire pages you opened and the
        feed, the entities they mention, and which of them you met on which article.
      </p>
      <dl className="facts" data-testid="figures">
        <dt>Coverages</dt>
        <dd>{figures ? figures.coverages.toLocaleString('en') : '…'}</dd>
        <dt>Entities</dt>
        <dd>
          {figures ? figures.entities.toLocaleString('en') : '…'}
          {figures &&
            figures.pendingLinks > 0 &&
            ` (links of ${figures.pendingLinks.toLocaleString('en')} coverages still being built)`}
        </dd>
        <dt>Mentions on articles you read</dt>
        <dd>{figures ? figures.mentions.toLocaleString('en') : '…'}</dd>
        <dt>Storage used</dt>
        <dd data-testid="usage">
          {props.usage
            ? `${size(props.usage.usage)} of ${size(props.usage.quota)} available`
            : 'not reported by the browser'}
        </dd>
      </dl>
      <div className="buttons">
        <button type="button" onClick={props.onExport} disabled={busy}>
          Export all data (JSON)
        </button>
        <label className={`button${busy ? ' disabled' : ''}`}>
          Import a backup…
          <input
            type="file"
            accept="application/json,.json"
            className="visually-hidden"
            disabled={busy}
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = '';
              if (file) props.onImport(file);
            }}
          />
        </label>
        {!confirming ? (
          <button type="button" className="danger" onClick={() => setConfirming(true)} disabled={busy}>
            Clear all data…
          </button>
        ) : (
          <span role="group" aria-label="Confirm clearing" className="confirm">
            Remove every coverage, entity and mention?{' '}
            <button
              type="button"
              className="danger"
              onClick={() => {
                setConfirming(false);
                props.onClear();
              }}
            >
              Clear
            </button>{' '}
            <button type="button" onClick={() => setConfirming(false)} autoFocus>
              Keep
            </button>
          </span>
        )}
      </div>
    </section>
  );
}

export function OptionsScreen(props: OptionsScreenProps) {
  return (
    <main className="options" aria-busy={!props.loaded || props.busy !== null}>
      <header>
        <h1>Modelwire Lens settings</h1>
        <p role="status" aria-live="polite" className={`notice ${props.notice?.kind ?? ''}`} data-testid="notice">
          {props.busy !== null ? `${props.busy[0]?.toUpperCase()}${props.busy.slice(1)}…` : (props.notice?.text ?? '')}
        </p>
      </header>
      <section aria-labelledby="feed-heading">
        <h2 id="feed-heading">Coverage feed</h2>
        <FeedForm {...props} />
        <FeedStatusView status={props.status} />
      </section>
      <PageSection {...props} />
      <DataSection {...props} />
    </main>
  );
}
