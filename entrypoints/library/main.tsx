import { StrictMode, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { useStore } from 'zustand';
import { LibraryScreen } from '../../components/library/LibraryScreen';
import { clipFacets, deleteClips, importClips, listClips, restoreClips, updateClip } from '../../lib/db/clips';
import { databaseProblem, openDatabase } from '../../lib/db/schema';
import { liveQuery } from 'dexie';
import { copyText, downloadText, openTab } from '../../lib/ui/browser-actions';
import { createLibraryStore } from '../../lib/ui/library-store';
import '../../assets/options.css';
import '../../assets/library.css';

const db = openDatabase();
const store = createLibraryStore({
  list: async (filter) => {
    await db.open();
    const problem = databaseProblem(db);
    if (problem !== null) throw new Error(problem);
    return listClips(db, filter);
  },
  facets: () => clipFacets(db),
  orphanCount: () => db.clips.where('anchor.status').equals('orphaned').count(),
  update: (id, change, revision) => updateClip(db, id, change, new Date(), revision),
  remove: (ids) => deleteClips(db, ids),
  restore: (clips) => restoreClips(db, clips),
  importText: (text) => importClips(db, text),
  copy: copyText,
  download: downloadText,
  open: openTab,
  now: () => new Date(),
});

function Library() {
  const state = useStore(store);
  useEffect(() => {
    // The first load, then every change to the clips, from this page, another library tab or the background (a new
    // clip, an anchoring result): Dexie's change notifications reach every open library.
    const live = liveQuery(() => db.clips.count()).subscribe(() => void store.getState().refresh());
    return () => live.unsubscribe();
  }, []);
  return (
    <LibraryScreen
      {...state}
      onFilter={(change) => void state.setFilter(change)}
      onToggle={state.toggle}
      onSelectAll={state.selectAll}
      onStyle={state.setStyle}
      onSave={(id, note, tags, revision) => void state.save(id, note, tags, revision)}
      onRemove={(ids) => void state.remove(ids)}
      onUndo={() => void state.undoRemove()}
      onCopy={(clip) => void state.copyCitation(clip)}
      onOpen={(clip) => void state.open(clip)}
      onExport={state.exportAs}
      onImport={(file) => void state.importFile(file)}
    />
  );
}

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <Library />
  </StrictMode>,
);
