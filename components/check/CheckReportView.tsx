import type { CheckReport } from '../../lib/check/report';
import type { FactCheck } from '../../lib/check/fidelity';

const percent = (share: number) => `${Math.round(share * 1000) / 10}%`;

function Figure({ label, value, warn }: { label: string; value: string; warn: boolean }) {
  return (
    <div className={`figure${warn ? ' warn' : ''}`}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

function FactList({ facts, label }: { facts: FactCheck[]; label: string }) {
  if (facts.length === 0) return null;
  return (
    <>
      <h4>{label}</h4>
      <ul className="facts-missing">
        {facts.map((fact, index) => (
          <li key={index}>
            <span className="kind">{fact.kind}</span> “{fact.text}”: {fact.note}
            {fact.closest && <span className="muted"> — the source says “{fact.closest}”</span>}
          </li>
        ))}
      </ul>
    </>
  );
}

/** The answer first: consistent or not, the score, and for each reason the summary's words beside the passage. */
function VerdictView({ verdict, notes }: { verdict: CheckReport['verdict']; notes: string[] }) {
  const inconsistent = verdict.label === 'inconsistent';
  return (
    <section className={`verdict ${inconsistent ? 'inconsistent' : 'consistent'}`} aria-labelledby="verdict-heading">
      <h3 id="verdict-heading">
        {inconsistent
          ? 'Says what the article does not'
          : verdict.reasons.length === 0
            ? 'Nothing found beyond the article'
            : 'No clear sign it goes beyond the article'}{' '}
        <span className="muted">(score {verdict.score})</span>
      </h3>
      {notes.map((note, index) => (
        <p key={index} className="note" role="note">
          {note}
        </p>
      ))}
      {!inconsistent && verdict.reasons.length > 0 && (
        <p className="muted">
          {verdict.reasons.length === 1
            ? 'A weaker sign, not enough to call the summary inconsistent:'
            : 'Weaker signs, not enough together to call the summary inconsistent:'}
        </p>
      )}
      {verdict.reasons.length > 0 && (
        <ol className="reasons">
          {verdict.reasons.map((reason, index) => (
            <li key={index}>
              <span className="kind">{reason.kind}</span>: {reason.detail}.
              <blockquote className="summary-side">
                <span className="label">Summary</span> “{reason.sentence}”
              </blockquote>
              <blockquote className="article-side">
                <span className="label">Article</span>{' '}
                {reason.passage === null ? 'no passage shares its words' : `“${reason.passage}”`}
              </blockquote>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** The summarisation check's findings: the verdict, headline figures, then the evidence behind each. */
export function CheckReportView({ report }: { report: CheckReport }) {
  const weak = report.support.sentences.filter((sentence) => sentence.level !== 'supported');
  const missingSummary = report.fidelity.summary.filter((fact) => !fact.found);
  const missingTake = report.fidelity.analystTake.filter((fact) => !fact.found);
  const { sourceLinked, publisherNamed, takedownPage } = report.attribution;
  const longest = report.verbatim.passages[0]?.words ?? 0;
  return (
    <section className="report" aria-labelledby="report-heading">
      <h2 id="report-heading">Check results</h2>
      <VerdictView verdict={report.verdict} notes={report.notes} />
      <dl className="figures">
        <Figure label="Verbatim reuse" value={percent(report.verbatim.share)} warn={report.verbatim.share >= 0.2} />
        <Figure label="Longest shared run" value={`${longest} words`} warn={longest >= 15} />
        <Figure
          label="Weakly supported"
          value={`${report.support.weak} of ${report.support.sentences.length} sentences`}
          warn={report.support.weak > 0}
        />
        <Figure
          label="Facts not in the article"
          value={String(report.fidelity.unsupported)}
          warn={report.fidelity.unsupported > 0}
        />
        <Figure
          label="Length"
          value={`${report.length.summaryWords} of ${report.length.articleWords} words${report.length.compression ? ` (1/${report.length.compression})` : ''}`}
          warn={false}
        />
      </dl>

      <h3>Shared passages</h3>
      {report.verbatim.passages.length === 0 ? (
        <p className="muted">No passage of six words or more appears in both.</p>
      ) : (
        <ol className="passages">
          {report.verbatim.passages.slice(0, 5).map((passage, index) => (
            <li key={index}>
              “{passage.text}”{' '}
              <span className="muted">
                ({passage.words} words, {passage.part === 'summary' ? 'summary' : 'analyst take'})
              </span>
            </li>
          ))}
        </ol>
      )}

      <h3>Support</h3>
      {weak.length === 0 ? (
        <p className="muted">Every summary sentence is supported by a passage of the article.</p>
      ) : (
        <ul className="support">
          {weak.map((sentence, index) => (
            <li key={index}>
              <strong>{sentence.level}</strong> ({sentence.score.toFixed(2)}): “{sentence.sentence.text}”
              {sentence.passage && <p className="muted">Closest passage: “{sentence.passage.text}”</p>}
            </li>
          ))}
        </ul>
      )}

      <h3>Facts the article does not contain</h3>
      {missingSummary.length === 0 && missingTake.length === 0 ? (
        <p className="muted">Every number, date, name and quotation checked is in the article.</p>
      ) : (
        <>
          <FactList facts={missingSummary} label="In the summary" />
          <FactList facts={missingTake} label="In the analyst take (analysis may go beyond the article)" />
        </>
      )}

      <h3>Attribution</h3>
      <ul className="attribution">
        {(
          [
            ['Source linked', sourceLinked],
            ['Publisher named', publisherNamed],
            ['Takedown page', takedownPage],
          ] as const
        ).map(([label, check]) => (
          <li key={label} data-status={check.status}>
            <strong>{label}:</strong> {check.status} <span className="muted">({check.detail})</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
