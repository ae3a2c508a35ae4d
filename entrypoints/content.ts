import { defineContentScript } from 'wxt/utils/define-content-script';
import { describePageInSteps } from '../lib/article/describe-page';
import { afterDomSettles, DEFAULT_SETTLE } from '../lib/article/settle';
import { browser } from 'wxt/browser';
import { CHANNEL } from '../lib/messaging/channel';
import { sendMessage } from '../lib/messaging/client';
import { pageProtocol } from '../lib/messaging/protocol';
import type { TabState } from '../lib/tabs/tab-state';
import type { Clip } from '../lib/clips/clip';
import { createRouter } from '../lib/messaging/router';
import { createPageLens } from '../lib/overlay/page-lens';
import { createClipper } from '../lib/clips/clipper-ui';
import { shieldTyping } from '../lib/overlay/shadow-host';
import { extractMainText } from '../lib/article/main-text';
import { anchorClips, showClipHighlights } from '../lib/clips/reanchor';
import { createPageHandlers } from '../lib/page/page-handlers';
import {
  pageAddressKey,
  readDisplayState,
  siteAllowed,
  watchDisplaySettings,
  watchOverlayHidden,
  writeOverlayHidden,
} from '../lib/settings/display';
import { rootOf } from '../lib/dom/safe';

// Runs on every web page, so it does as little as possible: detect, read metadata, report. The lookup happens in the
// extension's local database; only a covered article gets the overlay and highlights.
export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  excludeMatches: ['*://themodelwire.com/*', '*://*.themodelwire.com/*'],
  // Started before the page is parsed, so that the settings are read while the page loads; detection waits for the
  // parsed document.
  runAt: 'document_start',
  async main(ctx) {
    // First, before any page script can add its own listeners: what the reader types in Lens's UI stays there.
    const unshield = shieldTyping(window);
    const parsed =
      document.readyState === 'loading'
        ? new Promise<void>((resolve) => document.addEventListener('DOMContentLoaded', () => resolve(), { once: true }))
        : Promise.resolve();
    // A site the reader turned off: nothing more runs here, not even detection.
    const initial = await readDisplayState();
    let settings = initial.settings;
    if (!siteAllowed(settings, location.hostname)) {
      unshield();
      return;
    }
    await parsed;
    if (ctx.isInvalid) return;

    let latestPage: { canonicalUrl: string | null; url: string } | null = null;
    const lens = createPageLens({
      doc: document,
      hostname: () => location.hostname,
      pageKey: () => pageAddressKey(latestPage?.canonicalUrl ?? location.href),
      overlayContext: () => sendMessage('overlay.context', {}),
      entityCard: (key, exclude) => sendMessage('entity.coverages', { key, exclude }),
      initial,
      writeHidden: writeOverlayHidden,
    });
    ctx.onInvalidated(() => lens.destroy());
    const stopSettings = watchDisplaySettings((next) => {
      const redrawClips = next.privateHighlights !== settings.privateHighlights;
      settings = next;
      void lens.refresh({ settings: next });
      if (redrawClips) void anchorMyClips(latestPage?.canonicalUrl ?? null, myClips, false);
    });
    const stopHidden = watchOverlayHidden((hidden) => void lens.refresh({ hidden }));
    ctx.onInvalidated(() => {
      // The extension is gone (reloaded or removed): its APIs throw now, and there is nothing left to unhook.
      try {
        stopSettings();
        stopHidden();
      } catch {
        // Expected after the extension context is invalidated.
      }
    });

    // Clipping: the button beside a selection, the context menu and the keyboard command all end here.
    const clipper = createClipper(document, {
      pageUrl: () => location.href,
      save: async (clip) => {
        const reply = await sendMessage('clip.create', clip);
        // The new clip is highlighted at once, with the page's other clips.
        if (reply.ok) {
          myClips = [...myClips, reply.value];
          void anchorMyClips(latestPage?.canonicalUrl ?? null, myClips, false);
        }
        return reply;
      },
      update: (id, note, tags, revision) => sendMessage('clip.update', { id, note, tags, revision }),
      copy: async (text) => {
        try {
          await navigator.clipboard.writeText(text);
          return true;
        } catch {
          return false;
        }
      },
      buttonEnabled: () => settings.clipButton,
      freeLeft: () => extractMainText(document).root?.getBoundingClientRect().left ?? 0,
    });
    ctx.onInvalidated(() => clipper.destroy());

    // The reader's clips of this page: anchored again (even after the page changed) and highlighted; those that
    // cannot be found are reported, so the library lists them as orphaned.
    let clipsShown = '';
    let clearClipBoxes = () => {};
    /** The reader's clips of this page, as the last report's answer listed them, plus those made since. */
    let myClips: Clip[] = [];
    const anchorMyClips = async (canonicalUrl: string | null, clips: Clip[], retry: boolean) => {
      if (clips.length === 0) return;
      const { outcomes, ranges } = anchorClips(document, clips);
      clearClipBoxes();
      clearClipBoxes = showClipHighlights(document, ranges, settings.privateHighlights ? clipper.boxLayer() : null);
      const summary = JSON.stringify(outcomes);
      if (summary !== clipsShown) {
        clipsShown = summary;
        await sendMessage('clips.anchored', { canonicalUrl, results: outcomes });
      }
      // A page that renders late may hold the missing passages once it settles: one more look then.
      if (retry && outcomes.some((outcome) => outcome.status === 'orphaned')) {
        await afterDomSettles(rootOf(document) ?? document, DEFAULT_SETTLE, ctx.signal);
        await anchorMyClips(canonicalUrl, clips, false);
      }
    };

    let generation = 0;
    const report = async () => {
      if (ctx.isInvalid) return;
      if (!siteAllowed(settings, location.hostname)) {
        lens.destroy();
        return;
      }
      const page = await describePageInSteps(document, location.href);
      if (ctx.isInvalid) return;
      latestPage = page;
      const reply = await sendMessage('page.detected', page);
      if (!reply.ok && reply.error.code !== 'unreachable') console.warn('Modelwire Lens:', reply.error.message);
      if (reply.ok) {
        const { overlay, clips, ...state } = reply.value;
        await lens.update(state as TabState, overlay);
        myClips = clips ?? [];
        void anchorMyClips(page.canonicalUrl, myClips, true);
      } else {
        await lens.update(null);
      }
      return page;
    };
    const detectWhenSettled = async () => {
      const mine = ++generation;
      await afterDomSettles(rootOf(document) ?? document, DEFAULT_SETTLE, ctx.signal);
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
      createPageHandlers(document, () => location.href, {
        onEntities: () => lens.reloadContext(),
        report: async () => (await report()) !== undefined,
        clip: async () => (await clipper.clipSelection()).ok,
        notice: (message) => clipper.notice(message),
      }),
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
