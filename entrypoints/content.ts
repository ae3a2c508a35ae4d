import { defineContentScript } from 'wxt/utils/define-content-script';
import { describePage } from '../lib/article/describe-page';
import { afterDomSettles, DEFAULT_SETTLE } from '../lib/article/settle';
import { browser } from 'wxt/browser';
import { CHANNEL } from '../lib/messaging/channel';
import { sendMessage } from '../lib/messaging/client';
import { pageProtocol } from '../lib/messaging/protocol';
import { createRouter } from '../lib/messaging/router';
import { createPageHandlers } from '../lib/page/page-handlers';

// Runs on every web page, so it does as little as possible: detect, read metadata, report. No page text leaves the
// page; the lookup happens in the extension's local database.
export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  excludeMatches: ['*://themodelwire.com/*', '*://*.themodelwire.com/*'],
  runAt: 'document_idle',
  main(ctx) {
    let generation = 0;
    const report = async () => {
      if (ctx.isInvalid) return;
      const page = describePage(document, location.href);
      const reply = await sendMessage('page.detected', page);
      if (!reply.ok && reply.error.code !== 'unreachable') console.warn('Modelwire Lens:', reply.error.message);
      return page;
    };
    const detectWhenSettled = async () => {
      const mine = ++generation;
      await afterDomSettles(document.documentElement, DEFAULT_SETTLE, ctx.signal);
      if (mine === generation) await report();
    };

    void report().then((page) => {
      // A page that renders its article after load gets a second look once it settles.
      if (page && !page.isArticle) void detectWhenSettled();
    });
    // Single-page apps change the address without a new document: detect again once the new view has rendered.
    ctx.addEventListener(window, 'wxt:locationchange', () => void detectWhenSettled());

    // Extension pages (the popup's summarisation check) ask for the page's text and for highlights.
    const route = createRouter(
      pageProtocol,
      createPageHandlers(document, () => location.href),
      { id: browser.runtime.id, baseUrl: browser.runtime.getURL('/'), modelwireHosts: [] },
      console.error,
    );
    const onMessage = (message: unknown, sender: unknown) =>
      (message as { channel?: unknown } | null)?.channel === CHANNEL && !ctx.isInvalid
        ? route(message, sender)
        : undefined;
    browser.runtime.onMessage.addListener(onMessage);
    ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onMessage));
  },
});
