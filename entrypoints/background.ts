import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createHandlers } from '../lib/background/handlers';
import type { Badge } from '../lib/background/badge';
import { openDatabase } from '../lib/db/schema';
import { seedDemoData } from '../lib/db/seed';
import { rekeyCoverages } from '../lib/db/rekey';
import { protocol } from '../lib/messaging/protocol';
import { createRouter } from '../lib/messaging/router';
import { MODELWIRE_HOSTS } from '../lib/modelwire/hosts';
import { clearTabState, readTabState, saveTabState } from '../lib/tabs/tab-state';
import { sendToTab } from '../lib/messaging/client';
import demoFeed from '../lib/modelwire/demo/feed.json';
import { createFeedSync, FEED_ALARM } from '../lib/feed/background-sync';
import { IndexLookup } from '../lib/index/lookup';
import { registerSidePanelEntryPoints } from '../lib/background/side-panel';

async function setBadge(tabId: number, badge: Badge): Promise<void> {
  const action = browser.action ?? browser.browserAction;
  try {
    await Promise.all([
      action.setBadgeText({ tabId, text: badge.text }),
      action.setBadgeBackgroundColor({ tabId, color: badge.color }),
      action.setTitle({ tabId, title: badge.title }),
    ]);
  } catch (error) {
    // The tab closed between the report and the badge: nothing left to label.
    console.debug('Modelwire Lens: badge not set', tabId, error);
  }
}

export default defineBackground(() => {
  const db = openDatabase();
  // Idempotent (keyed on the demo feed's version), so every worker start may run it; messages wait for it.
  const seeded = seedDemoData(db, demoFeed, new Date()).catch((error: unknown) => {
    console.error('Modelwire Lens: the demo data could not be loaded', error);
  });
  // Stored coverages get the current URL keys after an update changed the rules; lookups do not wait for it.
  void seeded
    .then(() => rekeyCoverages(db))
    .catch((error: unknown) => {
      console.error('Modelwire Lens: the stored coverages could not be re-keyed', error);
    });
  const now = () => new Date();
  const index = new IndexLookup(db);
  const feed = createFeedSync(db, now);
  const route = createRouter(
    protocol,
    createHandlers({
      db,
      saveTabState,
      readTabState,
      setBadge,
      now,
      index,
      syncFeed: () => seeded.then(feed.runSync),
      entitiesFound: async (tabId) => {
        await sendToTab(tabId, 'page.entities', {});
      },
      pageChanged: async (tabId) => {
        await sendToTab(tabId, 'page.refresh', {});
      },
      readArticleText: async (tabId) => {
        const reply = await sendToTab(tabId, 'page.extract', {});
        return reply.ok ? reply.value.text : null;
      },
    }),
    { id: browser.runtime.id, baseUrl: browser.runtime.getURL('/'), modelwireHosts: MODELWIRE_HOSTS },
    console.error,
  );

  browser.runtime.onMessage.addListener((message, sender) => seeded.then(() => route(message, sender)));
  registerSidePanelEntryPoints();
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === FEED_ALARM) void seeded.then(feed.runSync);
  });
  void seeded.then(feed.resume).catch((error: unknown) => {
    console.error('Modelwire Lens: the feed schedule could not be restored', error);
  });
  browser.tabs.onRemoved.addListener((tabId) => {
    void clearTabState(tabId);
  });
  browser.tabs.onUpdated.addListener((tabId, change) => {
    // A new document is loading: what Lens said about the old one no longer holds.
    if (change.status === 'loading' && change.url !== undefined) void clearTabState(tabId);
  });
});
