// The clip library: search, filters, each clip with its citation, note and tags, and the bulk actions and exports.
import { useEffect, useRef, useState } from 'react';
import type { Clip } from '../../lib/clips/clip';
import { cite, type CitationStyle } from '../../lib/clips/cite';
import { EXPORTS, type ClipFilter, type ExportFormat, type LibraryState } from '../../lib/ui/library-store';

export type LibraryScreenProps = Pick<
  LibraryState,
  'filter' | 'clips' | 'facets' | 'orphans' | 'selected' | 'style' | 'loading' | 'notice' | 'undo'
> & {
  onFilter(change: Partial<ClipFilter>): void;
  onToggle(id: string): void;
  onSelectAll(all: boolean): void;
  onStyle(style: CitationStyle): void;
  /** `revision`: the clip's revision the edit was made on. */
  onSave(id: string, note: string, tags: string[], revision: number | undefined): void;
  onRemove(ids: string[]): void;
  onUndo(): void;
  onCopy(clip: Clip): void;
  onOpen(clip: Clip): void;
  onExport(format: ExportFormat): void;
  onImport(file: File): void;
};

const STATUS_TEXT: Record<Clip['anchor']['status'], string> = {
  unchecked: 'Not checked yet',
  exact: 'Found on its page',
  fuzzy: 'Found on its page, slightly changed',
  orphaned: 'Not found on its page',
};

function ClipCard({ clip, props }: { clip: Clip; props: LibraryScreenProps }) {
  const storedTags = clip.tags.join(', ');
  const [note, setNote] = useState(clip.note);
  const [tags, setTags] = useState(storedTags);
  // The clip changed in the database (saved here, or in another tab): a field the reader has not touched follows it;
  // a field being edited keeps the reader's text, and the card says what the stored clip now holds.
  const base = useRef({ note: clip.note, tags: storedTags });
  const [elsewhere, setElsewhere] = useState<{ note: string; tags: string } | null>(null);
  useEffect(() => {
    const previous = base.current;
    if (previous.note === clip.note && previous.tags === storedTags) return;
    base.current = { note: clip.note, tags: storedTags };
    const noteKept = note !== previous.note && note !== clip.note;
    const tagsKept = tags !== previous.tags && tags !== storedTags;
    if (!noteKept) setNote(clip.note);
    if (!tagsKept) setTags(storedTags);
    setElsewhere(noteKept || tagsKept ? { note: clip.note, tags: storedTags } : null);
  }, [clip.note, storedTags, note, tags]);
  const dirty = note !== clip.note || tags !== storedTags;
  const id = `clip-${clip.id}`;
  return (
    <li className="clip" data-status={clip.anchor.status} aria-labelledby={`${id}-quote`}>
      <div className="clip-head">
        <input
          type="checkbox"
          checked={props.selected.includes(clip.id)}
          onChange={() => props.onToggle(clip.id)}
          aria-label={`Select the clip “${clip.quote.slice(0, 40)}”`}
        />
        <blockquote id={`${id}-quote`}>{clip.quote}</blockquote>
      </div>
      <p className="citation">{cite(clip, props.style)}</p>
      <p className="meta">
        <span>{clip.site}</span> · <span>clipped {clip.createdAt.slice(0, 10)}</span> ·{' '}
        <span className={`status ${clip.anchor.status}`}>
          {STATUS_TEXT[clip.anchor.status]}
          {clip.anchor.status === 'orphaned' && clip.anchor.reason ? `: ${clip.anchor.reason}` : ''}
        </span>
        {clip.coverage && (
          <>
            {' '}
            · <span>Modelwire: {clip.coverage.headline}</span>
          </>
        )}
      </p>
      <label htmlFor={`${id}-note`}>Note</label>
      <textarea id={`${id}-note`} value={note} onChange={(event) => setNote(event.target.value)} />
      <label htmlFor={`${id}-tags`}>Tags, separated by commas</label>
      <input id={`${id}-tags`} value={tags} onChange={(event) => setTags(event.target.value)} />
      {elsewhere && dirty && (
        <p className="changed" role="status">
          Changed in another tab meanwhile: note “{elsewhere.note || '(none)'}”, tags {elsewhere.tags || '(none)'}.
          Saving replaces it with what is in the form.
        </p>
      )}
      <div className="buttons">
        <button
          type="button"
          className="primary"
          disabled={!dirty}
          onClick={() =>
            props.onSave(
              clip.id,
              note,
              tags
                .split(',')
                .map((tag) => tag.trim())
                .filter(Boolean),
              clip.revision,
            )
          }
        >
          Save
        </button>
        <button type="button" onClick={() => props.onOpen(clip)}>
          Open at the passage
        </button>
        <button type="button" onClick={() => props.onCopy(clip)}>
          Copy citation
        </button>
        <button type="button" className="danger" onClick={() => props.onRemove([clip.id])}>
          Delete
        </button>
      </div>
    </li>
  );
}

export function LibraryScreen(props: LibraryScreenProps) {
  const { filter, facets, clips } = props;
  const allSelected = clips.length > 0 && props.selected.length === clips.length;
  return (
    <main className="library" aria-busy={props.loading}>
      <header>
        <h1>Clip library</h1>
        <p role="status" aria-live="polite" className={`notice ${props.notice?.kind ?? ''}`} data-testid="notice">
          {props.notice?.text ?? ''}
          {props.undo && props.undo.length > 0 && (
            <>
              {' '}
              <button type="button" className="link" onClick={props.onUndo}>
                Undo
              </button>
            </>
          )}
        </p>
      </header>
      {props.orphans > 0 && (
        <p className="orphans" data-testid="orphans">
          {props.orphans === 1 ? '1 clip was' : `${props.orphans} clips were`} not found on{' '}
          {props.orphans === 1 ? 'its page' : 'their pages'} the last time you visited.{' '}
          <button type="button" className="link" onClick={() => props.onFilter({ orphanedOnly: true })}>
            Show {props.orphans === 1 ? 'it' : 'them'}
          </button>
        </p>
      )}
      <section className="filters" aria-label="Search and filters">
        <label>
          Search{' '}
          <input
            type="search"
            value={filter.query ?? ''}
            placeholder="Words in the quote, note, title or tags"
            onChange={(event) => props.onFilter({ query: event.target.value })}
          />
        </label>
        <FacetSelect
          label="Site"
          name="site"
          every="All sites"
          values={facets.sites}
          value={filter.site}
          onChange={(site) => props.onFilter({ site })}
        />
        <FacetSelect
          label="Tag"
          name="tag"
          every="All tags"
          values={facets.tags}
          value={filter.tag}
          onChange={(tag) => props.onFilter({ tag })}
        />
        <label>
          From{' '}
          <input
            type="date"
            value={filter.from ?? ''}
            onChange={(event) => props.onFilter({ from: event.target.value || null })}
          />
        </label>
        <label>
          To{' '}
          <input
            type="date"
            value={filter.to ?? ''}
            onChange={(event) => props.onFilter({ to: event.target.value || null })}
          />
        </label>
        <label>
          <input
            type="checkbox"
            checked={filter.orphanedOnly ?? false}
            onChange={(event) => props.onFilter({ orphanedOnly: event.target.checked })}
          />{' '}
          Not found on their pages only
        </label>
      </section>
      <section className="bulk" aria-label="Selection and exports">
        <label>
          <input type="checkbox" checked={allSelected} onChange={(event) => props.onSelectAll(event.target.checked)} />{' '}
          Select all shown ({clips.length} of {facets.total})
        </label>
        <button
          type="button"
          className="danger"
          disabled={props.selected.length === 0}
          onClick={() => props.onRemove(props.selected)}
        >
          Delete selected ({props.selected.length})
        </button>
        <label>
          Citation style{' '}
          <select value={props.style} onChange={(event) => props.onStyle(event.target.value as CitationStyle)}>
            <option value="apa">APA</option>
            <option value="mla">MLA</option>
            <option value="chicago">Chicago</option>
          </select>
        </label>
        <span className="exports">
          Export {props.selected.length > 0 ? 'selected' : 'shown'}:{' '}
          {(Object.keys(EXPORTS) as ExportFormat[]).map((format) => (
            <button
              key={format}
              type="button"
              disabled={clips.length === 0}
              title={clips.length === 0 ? 'Nothing to export: no clip is shown' : undefined}
              onClick={() => props.onExport(format)}
            >
              {EXPORTS[format].label}
            </button>
          ))}
        </span>
        <label className="button">
          Import clips…
          <input
            type="file"
            accept="application/json,.json"
            className="visually-hidden"
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = '';
              if (file) props.onImport(file);
            }}
          />
        </label>
      </section>
      {props.loading ? (
        <p>Loading…</p>
      ) : clips.length === 0 ? (
        <p className="empty">
          {facets.total === 0
            ? 'No clips yet. Select a passage on any page and choose “Clip”, the page’s context menu, or Alt+Shift+K.'
            : 'No clip matches these filters.'}
        </p>
      ) : (
        <ul className="clips">
          {clips.map((clip) => (
            <ClipCard key={clip.id} clip={clip} props={props} />
          ))}
        </ul>
      )}
    </main>
  );
}

/** A filter by one facet of the clips (their sites, their tags): "All …" or one value. */
function FacetSelect(props: {
  label: string;
  name: string;
  every: string;
  values: string[];
  value: string | null | undefined;
  onChange(value: string | null): void;
}) {
  return (
    <label>
      {props.label}{' '}
      <select
        aria-label={`Filter by ${props.name}`}
        value={props.value ?? ''}
        onChange={(event) => props.onChange(event.target.value || null)}
      >
        <option value="">{props.every}</option>
        {props.values.map((value) => (
          <option key={value} value={value}>
            {value}
          </option>
        ))}
      </select>
    </label>
  );
}
