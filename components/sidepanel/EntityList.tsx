// The side panel's list of names Lens found in the page, each with the other coverage that mentions it.
import { useState } from 'react';
import type { EntityCard } from '../../lib/messaging/protocol';
import type { EntityOnPage } from '../../lib/tabs/tab-state';
import { ExternalLink } from '../ExternalLink';

type Loaded =
  { status: 'loading' } | { status: 'error'; message: string } | { status: 'done'; card: EntityCard | null };

function EntityRow({ entity, load }: { entity: EntityOnPage; load(key: string): Promise<EntityCard | null> }) {
  const [open, setOpen] = useState(false);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const toggle = () => {
    const next = !open;
    setOpen(next);
    if (next && loaded === null) {
      setLoaded({ status: 'loading' });
      load(entity.key).then(
        (card) => setLoaded({ status: 'done', card }),
        (error: unknown) => setLoaded({ status: 'error', message: String(error) }),
      );
    }
  };
  const panelId = `entity-${entity.key.replace(/[^a-z0-9]+/gi, '-')}`;
  return (
    <li>
      <button
        type="button"
        className="link entity-toggle"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={toggle}
      >
        {entity.name}
      </button>{' '}
      <span className="muted">
        {entity.count > 0 ? `${entity.count}× here` : 'not named in the page’s text'} · in {entity.coverageCount} saved{' '}
        {entity.coverageCount === 1 ? 'summary' : 'summaries'}
      </span>
      {open && (
        <div id={panelId} className="entity-coverages">
          {loaded?.status === 'loading' && <p className="muted">Looking in saved summaries…</p>}
          {loaded?.status === 'error' && <p role="alert">{loaded.message}</p>}
          {loaded?.status === 'done' &&
            (loaded.card === null || loaded.card.coverages.length === 0 ? (
              <p className="muted">No other saved summary mentions it.</p>
            ) : (
              <ul aria-label={`Coverage mentioning ${entity.name}, newest first`}>
                {loaded.card.coverages.map((coverage) => (
                  <li key={coverage.id}>
                    <ExternalLink href={coverage.modelwireUrl}>{coverage.headline}</ExternalLink>
                    {coverage.domain && <span className="muted"> · {coverage.domain}</span>}
                  </li>
                ))}
              </ul>
            ))}
        </div>
      )}
    </li>
  );
}

export function EntityList({
  entities,
  load,
  heading = 'Names in this article',
}: {
  entities: EntityOnPage[];
  load(key: string): Promise<EntityCard | null>;
  heading?: string;
}) {
  if (entities.length === 0) return null;
  return (
    <section aria-labelledby="entities-heading" className="entity-list">
      <h2 id="entities-heading">
        {heading} ({entities.length})
      </h2>
      <ul className="plain">
        {entities.map((entity) => (
          <EntityRow key={entity.key} entity={entity} load={load} />
        ))}
      </ul>
    </section>
  );
}
