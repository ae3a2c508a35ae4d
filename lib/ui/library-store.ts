// The clip library's state and actions: search and filters, edits, delete with undo, bulk selection, exports and
// import. A vanilla zustand store over injected effects, tested without React or a browser.
import { ClipConflictError } from '../db/clips';
import { createStore } from 'zustand/vanilla';
import type { Clip } from '../clips/clip';
import { cite, passageLink, type CitationStyle } from '../clips/cite';
import { toBibtex } from '../clips/export/bibtex';
import { toCslJson } from '../clips/export/csl-json';
import { toLensJson } from '../clips/export/lens-json';
import { toMarkdown } from '../clips/export/markdown';
import { toWebAnnotation } from '../clips/export/web-annotation';
import type { ClipFilter } from '../db/clips';
import { plural } from '../text/plural';

export type { ClipFilter };

export type ExportFormat = 'markdown' | 'csl-json' | 'bibtex' | 'web-annotation' | 'lens-json';

export const EXPORTS: Record<ExportFormat, { label: string; extension: string; type: string }> = {
  markdown: { label: 'Markdown', extension: 'md', type: 'text/markdown' },
  'csl-json': { label: 'CSL-JSON', extension: 'csl.json', type: 'application/json' },
  bibtex: { label: 'BibTeX', extension: 'bib', type: 'application/x-bibtex' },
  'web-annotation': { label: 'W3C Web Annotation', extension: 'jsonld', type: 'application/ld+json' },
  'lens-json': { label: 'Lens JSON (re-importable)', extension: 'lens-clips.json', type: 'application/json' },
};

export interface LibraryDeps {
  list(filter: ClipFilter): Promise<Clip[]>;
  facets(): Promise<{ sites: string[]; tags: string[]; total: number }>;
  orphanCount(): Promise<number>;
  /** Throws `ClipConflictError` when the clip's stored revision is not `revision` (changed elsewhere). */
  update(id: string, change: { note: string; tags: string[] }, revision: number | undefined): Promise<Clip | null>;
  remove(ids: string[]): Promise<Clip[]>;
  restore(clips: Clip[]): Promise<void>;
  importText(text: string): Promise<{ ok: true; imported: number; unchanged: number } | { ok: false; error: string }>;
  copy(text: string): Promise<boolean>;
  download(filename: string, text: string, type: string): void;
  open(url: string): Promise<boolean>;
  now(): Date;
}

export interface LibraryState {
  filter: ClipFilter;
  clips: Clip[];
  facets: { sites: string[]; tags: string[]; total: number };
  orphans: number;
  selected: string[];
  style: CitationStyle;
  loading: boolean;
  notice: { kind: 'ok' | 'error'; text: string } | null;
  /** What the last delete removed, for "Undo". */
  undo: Clip[] | null;
  refresh(): Promise<void>;
  setFilter(change: Partial<ClipFilter>): Promise<void>;
  toggle(id: string): void;
  selectAll(all: boolean): void;
  setStyle(style: CitationStyle): void;
  /** Saves an edit made from `revision`; an edit over a newer change is refused, and the reader shown that change. */
  save(id: string, note: string, tags: string[], revision?: number): Promise<void>;
  remove(ids: string[]): Promise<void>;
  undoRemove(): Promise<void>;
  copyCitation(clip: Clip): Promise<void>;
  open(clip: Clip): Promise<void>;
  exportAs(format: ExportFormat): void;
  importFile(file: { name: string; text(): Promise<string> }): Promise<void>;
}

export function createLibraryStore(deps: LibraryDeps) {
  return createStore<LibraryState>()((set, get) => {
    const targets = () => {
      const { clips, selected } = get();
      return selected.length > 0 ? clips.filter((clip) => selected.includes(clip.id)) : clips;
    };
    return {
      filter: {},
      clips: [],
      facets: { sites: [], tags: [], total: 0 },
      orphans: 0,
      selected: [],
      style: 'apa',
      loading: true,
      notice: null,
      undo: null,

      async refresh() {
        let clips: Clip[], facets: LibraryState['facets'], orphans: number;
        try {
          [clips, facets, orphans] = await Promise.all([deps.list(get().filter), deps.facets(), deps.orphanCount()]);
        } catch (error) {
          // Not an empty library: the library could not be read. What the page showed stays.
          set({
            loading: false,
            notice: {
              kind: 'error',
              text: `The clip library could not be read: ${error instanceof Error ? error.message : String(error)}`,
            },
          });
          return;
        }
        const ids = new Set(clips.map((clip) => clip.id));
        set({ clips, facets, orphans, loading: false, selected: get().selected.filter((id) => ids.has(id)) });
      },

      async setFilter(change) {
        set({ filter: { ...get().filter, ...change } });
        await get().refresh();
      },

      toggle(id) {
        const selected = get().selected;
        set({ selected: selected.includes(id) ? selected.filter((entry) => entry !== id) : [...selected, id] });
      },

      selectAll(all) {
        set({ selected: all ? get().clips.map((clip) => clip.id) : [] });
      },

      setStyle(style) {
        set({ style });
      },

      async save(id, note, tags, revision) {
        try {
          const updated = await deps.update(id, { note, tags }, revision);
          set({
            notice: updated ? { kind: 'ok', text: 'Saved.' } : { kind: 'error', text: 'That clip no longer exists.' },
          });
        } catch (error) {
          if (error instanceof ClipConflictError) {
            const { note: theirNote, tags: theirTags } = error.current;
            set({
              notice: {
                kind: 'error',
                text:
                  `Not saved: this clip was changed in another tab. It now reads: note “${theirNote || '(none)'}”, ` +
                  `tags ${theirTags.length > 0 ? theirTags.join(', ') : '(none)'}. Your text is still in the form; ` +
                  'save again to replace theirs.',
              },
            });
            await get().refresh();
            return;
          }
          set({
            notice: { kind: 'error', text: `Not saved: ${error instanceof Error ? error.message : String(error)}` },
          });
        }
        await get().refresh();
      },

      async remove(ids) {
        if (ids.length === 0) return;
        const removed = await deps.remove(ids);
        set({
          undo: removed,
          selected: get().selected.filter((id) => !ids.includes(id)),
          notice: { kind: 'ok', text: `Deleted ${plural(removed.length, 'clip')}.` },
        });
        await get().refresh();
      },

      async undoRemove() {
        const undo = get().undo;
        if (!undo) return;
        await deps.restore(undo);
        set({ undo: null, notice: { kind: 'ok', text: `Restored ${plural(undo.length, 'clip')}.` } });
        await get().refresh();
      },

      async copyCitation(clip) {
        const text = `“${clip.quote}” ${cite(clip, get().style)} ${passageLink(clip)}`;
        const copied = await deps.copy(text);
        set({
          notice: copied
            ? { kind: 'ok', text: 'Quote, citation and link to the passage copied.' }
            : { kind: 'error', text: 'Copying failed: the browser refused the clipboard.' },
        });
      },

      async open(clip) {
        await deps.open(passageLink(clip));
      },

      exportAs(format) {
        const clips = targets();
        if (clips.length === 0) {
          set({ notice: { kind: 'error', text: 'There are no clips to export.' } });
          return;
        }
        const now = deps.now();
        const text =
          format === 'markdown'
            ? toMarkdown(clips)
            : format === 'csl-json'
              ? `${JSON.stringify(toCslJson(clips), null, 1)}\n`
              : format === 'bibtex'
                ? toBibtex(clips)
                : format === 'web-annotation'
                  ? `${JSON.stringify(toWebAnnotation(clips, now), null, 1)}\n`
                  : toLensJson(clips, now);
        const { extension, type } = EXPORTS[format];
        deps.download(`modelwire-lens-clips-${now.toISOString().slice(0, 10)}.${extension}`, text, type);
        set({ notice: { kind: 'ok', text: `Exported ${plural(clips.length, 'clip')} as ${EXPORTS[format].label}.` } });
      },

      async importFile(file) {
        const outcome = await deps.importText(await file.text());
        set({
          undo: null,
          notice: outcome.ok
            ? {
                kind: 'ok',
                text: `Imported ${plural(outcome.imported, 'clip')} from ${file.name}${
                  outcome.unchanged > 0 ? `; ${plural(outcome.unchanged, 'clip')} already up to date` : ''
                }.`,
              }
            : { kind: 'error', text: `${file.name}: ${outcome.error}` },
        });
        await get().refresh();
      },
    };
  });
}
