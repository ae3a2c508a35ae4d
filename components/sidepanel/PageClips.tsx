// The side panel's list of the reader's clips of the page in the tab, with whether each was found again.
import type { Clip } from '../../lib/clips/clip';

const STATUS: Record<Clip['anchor']['status'], string> = {
  unchecked: 'not checked yet',
  exact: 'highlighted on the page',
  fuzzy: 'highlighted; the page’s wording changed slightly',
  orphaned: 'not found on the page',
};

export function PageClips({ clips, onOpenLibrary }: { clips: Clip[]; onOpenLibrary(): void }) {
  if (clips.length === 0) return null;
  const orphaned = clips.filter((clip) => clip.anchor.status === 'orphaned').length;
  return (
    <section aria-labelledby="page-clips-heading" className="page-clips">
      <h2 id="page-clips-heading">
        Your clips of this page ({clips.length}
        {orphaned > 0 ? `, ${orphaned} not found` : ''})
      </h2>
      <ul className="plain">
        {clips.map((clip) => (
          <li key={clip.id} data-status={clip.anchor.status}>
            <q>{clip.quote.length > 200 ? `${clip.quote.slice(0, 200)}…` : clip.quote}</q>{' '}
            <span className={clip.anchor.status === 'orphaned' ? 'orphaned' : 'muted'}>
              — {STATUS[clip.anchor.status]}
              {clip.anchor.status === 'orphaned' && clip.anchor.reason ? ` (${clip.anchor.reason})` : ''}
            </span>
            {clip.note && <p className="muted">{clip.note}</p>}
          </li>
        ))}
      </ul>
      <button type="button" className="link" onClick={onOpenLibrary}>
        Open the clip library
      </button>
    </section>
  );
}
