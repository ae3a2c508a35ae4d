import type { Coverage } from '../../lib/modelwire/coverage';
import type { MentionView } from '../../lib/ui/popup-view';
import { ExternalLink } from '../ExternalLink';

function summariesLabel(count: number): string {
  return count === 1 ? 'in 1 saved summary' : `in ${count} saved summaries`;
}

/** Modelwire's coverage of an article: headline, summary, analyst take, mentions and the links that go with them. */
export function CoverageCard({
  coverage,
  mentions,
  note,
}: {
  coverage: Coverage;
  mentions: MentionView[];
  note?: string;
}) {
  return (
    <article className="coverage" aria-labelledby="coverage-headline">
      <p className="eyebrow">Modelwire summary</p>
      <h1 id="coverage-headline">{coverage.headline}</h1>
      {note && <p className="note">{note}</p>}
      {coverage.summary ? (
        <p className="summary">{coverage.summary}</p>
      ) : (
        <p className="muted">Modelwire's page had no summary paragraph.</p>
      )}
      {coverage.analystTake.length > 0 && (
        <section aria-labelledby="take-heading">
          <h2 id="take-heading">Analyst take</h2>
          {coverage.analystTake.map((paragraph, index) => (
            <p key={index}>{paragraph}</p>
          ))}
        </section>
      )}
      {coverage.drewOn.length > 0 && (
        <section aria-labelledby="drew-heading">
          <h2 id="drew-heading">Coverage Modelwire drew on</h2>
          <ul className="drew-on">
            {coverage.drewOn.map((item, index) => (
              <li key={index}>
                <ExternalLink href={item.url}>{item.title}</ExternalLink>
                {item.publisher && <span className="muted"> · {item.publisher}</span>}
                {item.section && <span className="muted"> — {item.section}</span>}
              </li>
            ))}
          </ul>
        </section>
      )}
      {mentions.length > 0 && (
        <section aria-labelledby="mentions-heading">
          <h2 id="mentions-heading">Mentions</h2>
          <p className="legend muted">
            Numbers: saved Modelwire summaries that mention each one
            {mentions.some((m) => m.inArticle !== undefined) ? '; “here”: times this article names it' : ''}.
          </p>
          <ul className="mentions">
            {mentions.map((mention) => (
              <li key={mention.key}>
                <span className="entity">{mention.name}</span>{' '}
                <span
                  className="count"
                  aria-label={summariesLabel(mention.coverageCount)}
                  title={summariesLabel(mention.coverageCount)}
                >
                  {mention.coverageCount}
                </span>
                {mention.inArticle !== undefined && <span className="muted here"> {mention.inArticle}× here</span>}
              </li>
            ))}
          </ul>
        </section>
      )}
      <nav className="links" aria-label="Links">
        <ExternalLink href={coverage.modelwireUrl}>Read on Modelwire</ExternalLink>
        {coverage.source.url && (
          <ExternalLink href={coverage.source.url}>
            Original article{coverage.source.domain ? ` (${coverage.source.domain})` : ''}
          </ExternalLink>
        )}
        {coverage.takedownUrl && <ExternalLink href={coverage.takedownUrl}>Publisher? Takedown page</ExternalLink>}
      </nav>
    </article>
  );
}
