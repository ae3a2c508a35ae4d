import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { useStore } from 'zustand';
import { browser } from 'wxt/browser';
import { PopupScreen } from '../../components/popup/PopupScreen';
import { EntityList } from '../../components/sidepanel/EntityList';
import { openDatabase } from '../../lib/db/schema';
import { sendMessage } from '../../lib/messaging/client';
import { readTabState, watchTabState } from '../../lib/tabs/tab-state';
import { requestedOrActiveTab } from '../../lib/ui/browser-actions';
import { createPopupStore } from '../../lib/ui/popup-store';
import { entitiesOnPage } from '../../lib/ui/popup-view';
import '../../assets/popup.css';
import '../../assets/sidepanel.css';

const store = createPopupStore({ db: openDatabase(), readTabState, watchTabState });
const pinned = new URLSearchParams(location.search).has('tabId');

function SidePanel() {
  const view = useStore(store, (state) => state.view);
  const [, setTabId] = useState<number | null>(null);
  useEffect(() => {
    let stop = () => {};
    const show = (tab: Awaited<ReturnType<typeof requestedOrActiveTab>>) => {
      stop();
      setTabId(tab?.id ?? null);
      stop = store.getState().open(tab);
    };
    requestedOrActiveTab().then(show, (error: unknown) =>
      store.setState({ view: { status: 'error', message: `Could not find the tab: ${String(error)}` } }),
    );
    // The panel stays open while the reader moves between tabs: it follows the active one.
    const onActivated = ({ tabId }: { tabId: number }) => void browser.tabs.get(tabId).then(show);
    if (!pinned) browser.tabs.onActivated.addListener(onActivated);
    return () => {
      stop();
      if (!pinned) browser.tabs.onActivated.removeListener(onActivated);
    };
  }, []);
  const shown = view.status === 'covered' || view.status === 'possible' ? view.coverage.id : null;
  return (
    <main className="popup sidepanel" aria-busy={view.status === 'loading'} data-status={view.status}>
      <PopupScreen view={view} />
      <EntityList
        entities={entitiesOnPage(view)}
        load={async (key) => {
          const reply = await sendMessage('entity.coverages', { key, exclude: shown });
          if (!reply.ok) throw new Error(reply.error.message);
          return reply.value;
        }}
      />
    </main>
  );
}

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <SidePanel />
  </StrictMode>,
);
