import type { PageReport } from '../../lib/article/describe-page';

function formatDate(iso: string | null): string | null {
  if (!iso) return null;
  const time = Date.parse(iso);
  return Number.isNaN(time) ? iso : new Date(time).toLocaleDateString(undefined, { dateStyle: 'medium' });
}

/** What Lens detected on the page: the metadata a citation would use, and why it did or did not call it an article. */
export function PageFacts({ page, showReasons }: { page: PageReport; showReasons: boolean }) {
  const rows: Array<[string, string | null]> = [
    ['Title', page.title],
    ['Site', page.siteName],
    ['Byline', page.byline],
    ['Published', formatDate(page.publishedTime)],
    ['Updated', page.modifiedTime === page.publishedTime ? null : formatDate(page.modifiedTime)],
    ['Section', page.section],
    ['Canonical URL', page.canonicalUrl],
  ];
  return (
    <section className="facts" aria-labelledby="facts-heading">
      <h2 id="facts-heading">What Lens detected</h2>
      <dl>
        {rows
          .filter(([, value]) => value)
          .map(([label, value]) => (
            <div key={label} className="fact">
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        <div className="fact">
          <dt>Article?</dt>
          <dd>
            {page.isArticle ? 'Yes' : 'No'} (likelihood {Math.round(page.confidence * 100)}%)
          </dd>
        </div>
      </dl>
      {showReasons && page.reasons.length > 0 && (
        <>
          <h3>Why</h3>
          <ul className="reasons">
            {page.reasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
