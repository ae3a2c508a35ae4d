import { describe, expect, it, vi } from 'vitest';
import type { Clip } from '../../../lib/clips/clip';
import { createLibraryStore, type LibraryDeps } from '../../../lib/ui/library-store';
import { ClipConflictError } from '../../../lib/db/clips';

function clip(id: string, quote: string): Clip {
  return {
    id,
    quote,
    note: '',
    tags: [],
    selectors: {
      quote: { type: 'TextQuoteSelector', exact: quote, prefix: '', suffix: '' },
      position: { type: 'TextPositionSelector', start: 0, end: quote.length },
    },
    page: {
      url: 'https://news.example/a',
      canonicalUrl: null,
      title: 'A story',
      authors: ['Ana Lima'],
      siteName: 'News Example',
      publishedTime: '2026-11-01T00:00:00Z',
      lang: 'en',
    },
    pageKey: 'news.example/a',
    site: 'news.example',
    accessedAt: '2026-11-24T10:00:00.000Z',
    createdAt: '2026-11-24T10:00:00.000Z',
    updatedAt: '2026-11-24T10:00:00.000Z',
    coverage: null,
    anchor: { status: 'exact', checkedAt: null, reason: null },
  };
}

function setup() {
  let stored = [clip('clip-0001', 'first words'), clip('clip-0002', 'second words')];
  const deps: LibraryDeps = {
    list: vi.fn(async () => stored),
    facets: vi.fn(async () => ({ sites: ['news.example'], tags: [], total: stored.length })),
    orphanCount: vi.fn(async () => 0),
    update: vi.fn(async () => null),
    remove: vi.fn(async (ids: string[]) => {
      const removed = stored.filter((item) => ids.includes(item.id));
      stored = stored.filter((item) => !ids.includes(item.id));
      return removed;
    }),
    restore: vi.fn(async (clips: Clip[]) => {
      stored = [...stored, ...clips];
    }),
    importText: vi.fn(async () => ({ ok: true as const, imported: 1, unchanged: 0 })),
    copy: vi.fn(async () => true),
    download: vi.fn(),
    open: vi.fn(async () => true),
    now: () => new Date('2026-11-24T12:00:00Z'),
  };
  return { deps, store: createLibraryStore(deps) };
}

describe('library store', () => {
  it('deletes with undo', async () => {
    const { store } = setup();
    await store.getState().refresh();
    await store.getState().remove(['clip-0001']);
    expect(store.getState().clips.map((item) => item.id)).toEqual(['clip-0002']);
    expect(store.getState().notice?.text).toBe('Deleted 1 clip.');
    await store.getState().undoRemove();
    expect(
      store
        .getState()
        .clips.map((item) => item.id)
        .sort(),
    ).toEqual(['clip-0001', 'clip-0002']);
    expect(store.getState().undo).toBeNull();
  });

  it('exports the selection when there is one, else everything shown', async () => {
    const { deps, store } = setup();
    await store.getState().refresh();
    store.getState().exportAs('bibtex');
    expect(deps.download).toHaveBeenLastCalledWith(
      'modelwire-lens-clips-2026-11-24.bib',
      expect.stringContaining('@online{lima2026story,'),
      'application/x-bibtex',
    );
    expect((vi.mocked(deps.download).mock.calls.at(-1)?.[1] ?? '').match(/@online/g)).toHaveLength(2);
    store.getState().toggle('clip-0002');
    store.getState().exportAs('markdown');
    const markdown = vi.mocked(deps.download).mock.calls.at(-1)?.[1] ?? '';
    expect(markdown).toContain('> second words');
    expect(markdown).not.toContain('first words');
  });

  it('copies the quote, the citation in the chosen style and the passage link', async () => {
    const { deps, store } = setup();
    await store.getState().refresh();
    store.getState().setStyle('mla');
    await store.getState().copyCitation(store.getState().clips[0] as Clip);
    expect(deps.copy).toHaveBeenCalledWith(
      '“first words” Lima, Ana. “A story.” News Example, 1 Nov. 2026, news.example/a. https://news.example/a#:~:text=first%20words',
    );
  });
});

describe('an edit over a change made in another tab', () => {
  it('is refused by the database and the reader is shown what the clip now holds', async () => {
    const { deps, store } = setup();
    const current = { ...clip('clip-0001', 'first words'), note: 'Their note', tags: ['theirs'], revision: 3 };
    deps.update = vi.fn(async () => {
      throw new ClipConflictError(current);
    });
    await store.getState().refresh();
    await store.getState().save('clip-0001', 'My note', ['mine'], 2);
    expect(deps.update).toHaveBeenCalledWith('clip-0001', { note: 'My note', tags: ['mine'] }, 2);
    expect(store.getState().notice).toEqual({
      kind: 'error',
      text: expect.stringMatching(/changed in another tab.*note “Their note”, tags theirs.*save again/),
    });
  });
});

describe('a library that cannot be read', () => {
  it('says so, instead of showing an empty library', async () => {
    const { deps, store } = setup();
    deps.list = vi.fn(async () => {
      throw new Error('Lens’s database was changed by a newer version of Modelwire Lens');
    });
    await store.getState().refresh();
    expect(store.getState().loading).toBe(false);
    expect(store.getState().notice).toEqual({
      kind: 'error',
      text: 'The clip library could not be read: Lens’s database was changed by a newer version of Modelwire Lens',
    });
  });
});
