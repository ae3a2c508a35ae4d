import { StrictMode, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { useStore } from 'zustand';
import { browser } from 'wxt/browser';
import { PopupScreen } from '../../components/popup/PopupScreen';
import { openDatabase } from '../../lib/db/schema';
import { readTabState, watchTabState } from '../../lib/tabs/tab-state';
import { createPopupStore } from '../../lib/ui/popup-store';
import '../../assets/popup.css';

const store = createPopupStore({ db: openDatabase(), readTabState, watchTabState });

/** The tab the popup describes: the active one, or `?tabId=` when the popup is opened as a page (tests, the demo). */
async function targetTab() {
  const requested = Number(new URLSearchParams(location.search).get('tabId'));
  if (Number.isInteger(requested) && requested > 0) return browser.tabs.get(requested);
  const [active] = await browser.tabs.query({ active: true, currentWindow: true });
  return active;
}

function Popup() {
  const view = useStore(store, (state) => state.view);
  useEffect(() => {
    let stop = () => {};
    let cancelled = false;
    targetTab().then(
      (tab) => {
        if (!cancelled) stop = store.getState().open(tab);
      },
      (error: unknown) =>
        store.setState({ view: { status: 'error', message: `Could not find the tab: ${String(error)}` } }),
    );
    return () => {
      cancelled = true;
      stop();
    };
  }, []);
  return (
    <main className="popup" aria-live="polite" aria-busy={view.status === 'loading'} data-status={view.status}>
      <PopupScreen view={view} />
    </main>
  );
}

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <Popup />
  </StrictMode>,
);
