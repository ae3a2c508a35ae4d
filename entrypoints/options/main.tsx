import { StrictMode, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { useStore } from 'zustand';
import { browser } from 'wxt/browser';
import { OptionsScreen } from '../../components/options/OptionsScreen';
import { clearAll, exportBackup, importBackup, storeFigures } from '../../lib/db/backup';
import { openDatabase } from '../../lib/db/schema';
import {
  readFeedSettings,
  readFeedStatus,
  watchFeedStatus,
  writeFeedSettings,
  writeFeedStatus,
} from '../../lib/feed/settings';
import { sendMessage } from '../../lib/messaging/client';
import {
  readDisplaySettings,
  readOverlayHidden,
  watchOverlayHidden,
  writeDisplaySettings,
  writeOverlayHidden,
} from '../../lib/settings/display';
import { downloadText } from '../../lib/ui/browser-actions';
import { createOptionsStore } from '../../lib/ui/options-store';
import '../../assets/options.css';

const db = openDatabase();
const store = createOptionsStore({
  readSettings: readFeedSettings,
  writeSettings: writeFeedSettings,
  readStatus: readFeedStatus,
  watchStatus: watchFeedStatus,
  requestOrigin: (pattern) => browser.permissions.request({ origins: [pattern] }),
  releaseOrigin: async (pattern) => {
    await browser.permissions.remove({ origins: [pattern] });
  },
  syncNow: () => sendMessage('feed.sync', {}),
  figures: () => storeFigures(db),
  estimate: async () => {
    const estimate = await navigator.storage?.estimate?.();
    return estimate?.usage !== undefined && estimate.quota !== undefined
      ? { usage: estimate.usage, quota: estimate.quota }
      : null;
  },
  exportText: async () => JSON.stringify(await exportBackup(db, new Date()), null, 1),
  importText: (text) => importBackup(db, text),
  clear: async () => {
    await clearAll(db);
    // The feed's validators describe data that is gone: the next sync must read the whole feed again.
    const status = await readFeedStatus();
    await writeFeedStatus({ ...status, etag: null, lastModified: null });
  },
  download: (filename, text) => downloadText(filename, text, 'application/json'),
  now: () => new Date(),
  readDisplay: readDisplaySettings,
  writeDisplay: writeDisplaySettings,
  readHidden: readOverlayHidden,
  writeHidden: writeOverlayHidden,
  watchHidden: watchOverlayHidden,
});

function Options() {
  const state = useStore(store);
  useEffect(() => state.load(), []); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <OptionsScreen
      {...state}
      onSave={(input) => void state.saveFeed(input)}
      onRemoveFeed={() => void state.removeFeed()}
      onSyncNow={() => void state.syncNow()}
      onExport={() => void state.exportData()}
      onImport={(file) => void state.importData(file)}
      onClear={() => void state.clearData()}
      onDisplay={(change) => void state.setDisplay(change)}
      onAddSite={(site) => state.addSite(site)}
      onRemoveSite={(site) => void state.removeSite(site)}
      onShowAgain={(site) => void state.showAgain(site)}
      onForgetPages={() => void state.forgetHiddenPages()}
    />
  );
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <Options />
    </StrictMode>,
  );
}
