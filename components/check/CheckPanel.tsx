import { useId, useState } from 'react';
import type { CheckRun } from '../../lib/ui/check-store';
import { CheckReportView } from './CheckReportView';

export interface CheckPanelProps {
  run: CheckRun;
  notice: string | null;
  /** Whether Modelwire's coverage of this page is known, so its summary can be checked. */
  hasCoverage: boolean;
  hasTakedown: boolean;
  onCheckCoverage(): void;
  onCheckPasted(text: string): void;
  onHighlight(): void;
  onExport(format: 'markdown' | 'json'): void;
  onRequestPolicy(): void;
}

/** The "Check summary" tab: compare Modelwire's summary, or a pasted one, with this page's own text. */
export function CheckPanel(props: CheckPanelProps) {
  const [pasted, setPasted] = useState('');
  const pasteId = useId();
  const { run } = props;
  return (
    <section className="check" aria-labelledby="check-heading">
      <h1 id="check-heading">Check the summary</h1>
      <p className="muted">
        Compares the summary with this page’s text: verbatim reuse, support for each sentence, facts the article does
        not contain, and attribution. Everything runs in your browser.
      </p>
      {props.hasCoverage && (
        <button type="button" className="primary" onClick={props.onCheckCoverage} disabled={run.status === 'running'}>
          Check Modelwire’s summary
        </button>
      )}
      <details className="paste" open={!props.hasCoverage}>
        <summary>Check a summary you paste</summary>
        <label htmlFor={pasteId}>Summary text</label>
        <textarea id={pasteId} rows={4} value={pasted} onChange={(event) => setPasted(event.target.value)} />
        <button type="button" onClick={() => props.onCheckPasted(pasted)} disabled={run.status === 'running'}>
          Check pasted text
        </button>
      </details>
      <div role="status" aria-live="polite" className="check-status">
        {run.status === 'running' && <p>Reading the page and checking…</p>}
        {run.status === 'error' && <p role="alert">{run.message}</p>}
        {props.notice && <p className="note">{props.notice}</p>}
      </div>
      {run.status === 'done' && (
        <>
          <div className="actions">
            <button type="button" onClick={props.onHighlight}>
              Highlight reused text on the page
            </button>
            <button type="button" onClick={() => props.onExport('markdown')}>
              Export Markdown
            </button>
            <button type="button" onClick={() => props.onExport('json')}>
              Export JSON
            </button>
            {props.hasTakedown && !run.pasted && (
              <button type="button" onClick={props.onRequestPolicy}>
                Request a different summarisation policy
              </button>
            )}
          </div>
          <CheckReportView report={run.report} />
        </>
      )}
    </section>
  );
}
