import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { useStore } from 'zustand';
import { browser } from 'wxt/browser';
import { PopupScreen } from '../../components/popup/PopupScreen';
import { EntityList } from '../../components/sidepanel/EntityList';
import { PageClips } from '../../components/sidepanel/PageClips';
import type { Clip } from '../../lib/clips/clip';
import { clipsForPage } from '../../lib/db/clips';
import { openDatabase } from '../../lib/db/schema';
import { sendMessage } from '../../lib/messaging/client';
import { readTabState, watchTabState } from '../../lib/tabs/tab-state';
import { requestedOrActiveTab } from '../../lib/ui/browser-actions';
import { createPopupStore } from '../../lib/ui/popup-store';
import { namesOfPage } from '../../lib/ui/popup-view';
import '../../assets/popup.css';
import '../../assets/sidepanel.css';

const db = openDatabase();
const store = createPopupStore({ db, readTabState, watchTabState });
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
  const page =
    view.status === 'covered' || view.status === 'possible' || view.status === 'not-covered' ? view.page : null;
  const [clips, setClips] = useState<Clip[]>([]);
  useEffect(() => {
    if (page === null) {
      setClips([]);
      return;
    }
    let current = true;
    void clipsForPage(db, [page.url, page.canonicalUrl]).then((found) => current && setClips(found));
    return () => {
      current = false;
    };
  }, [page, view]);
  return (
    <main className="popup sidepanel" aria-busy={view.status === 'loading'} data-status={view.status}>
      <PopupScreen view={view} showMentions={false} />
      <EntityList
        entities={namesOfPage(view)}
        heading={view.status === 'covered' || view.status === 'possible' ? 'Mentions' : 'Names in this article'}
        load={async (key) => {
          const reply = await sendMessage('entity.coverages', { key, exclude: shown });
          if (!reply.ok) throw new Error(reply.error.message);
          return reply.value;
        }}
      />
      <PageClips
        clips={clips}
        onOpenLibrary={() => void browser.tabs.create({ url: browser.runtime.getURL('/library.html') })}
      />
    </main>
  );
}

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <SidePanel />
  </StrictMode>,
);
