// What the content script shows on a covered article, kept in step with the tab's state and the reader's settings:
// the overlay (pill and card), entity highlights, and the entity card under the pointer.
import { extractMainText } from '../article/main-text';
import type { EntityCard, OverlayContext } from '../messaging/protocol';
import type { Result } from '../messaging/result';
import { hideOn, overlayHiddenOn, siteAllowed, type DisplaySettings, type OverlayHidden } from '../settings/display';
import type { TabState } from '../tabs/tab-state';
import { findEntityRanges, showEntityHighlights, type EntityHighlights } from './entity-highlights';
import { mountOverlay, type Overlay } from './overlay';
import { bodyOf, isConnectedOf, rootOf, std } from '../dom/safe';

export interface PageLensDeps {
  doc: Document;
  hostname(): string;
  /** The page's normalised address, for "Hide on this page". */
  pageKey(): string | null;
  overlayContext(): Promise<Result<OverlayContext | null>>;
  /** What the cache knows about an entity, without the coverage `exclude` (the one the page shows). */
  entityCard(key: string, exclude: string): Promise<Result<EntityCard | null>>;
  /** The settings and hidden lists as read when the script started; `refresh` brings later changes. */
  initial: { settings: DisplaySettings; hidden: OverlayHidden };
  writeHidden(hidden: OverlayHidden): Promise<void>;
}

export interface PageLens {
  /** The tab's state as the background last answered it, with the overlay's context when it came along. */
  update(state: TabState | null, overlay?: OverlayContext | null): Promise<void>;
  /** Settings or hidden lists changed: show or remove accordingly. */
  refresh(change?: { settings?: DisplaySettings; hidden?: OverlayHidden }): Promise<void>;
  /**
   * The background learned more about the page (the names in its text): fetch the context again and redraw, unless
   * the reader has the card open. Resolves whether it redrew.
   */
  reloadContext(): Promise<boolean>;
  destroy(): void;
}

export function createPageLens(deps: PageLensDeps): PageLens {
  const { doc } = deps;
  let state: TabState | null = null;
  let context: OverlayContext | null = null;
  let overlay: Overlay | null = null;
  let highlights: EntityHighlights | null = null;
  let highlightsPrivate = false;
  let generation = 0;
  let { settings, hidden } = deps.initial;

  let frame = 0;
  let pointer: { x: number; y: number } | null = null;
  const onPointer = (event: MouseEvent) => {
    // A page can fire mousemove at any point: only the reader's own pointer opens a name's card.
    if (!event.isTrusted) return;
    pointer = { x: event.clientX, y: event.clientY };
    const view = std(doc).defaultView;
    if (frame !== 0 || !view) return;
    frame = view.requestAnimationFrame(() => {
      frame = 0;
      if (!overlay || !highlights || !pointer) return;
      const key = highlights.entityAt(pointer.x, pointer.y);
      if (key === null) overlay.hideEntity();
      else overlay.showEntity(key, pointer.x, pointer.y);
    });
  };

  // The article's text element, read once and kept while it stays in the page: the button's margin (measured again on
  // every resize) and the highlights both need it, and reading it is a walk over the whole page.
  let textRoot: Element | null = null;
  const articleRoot = (): Element | null => {
    if (textRoot === null || !isConnectedOf(textRoot)) textRoot = extractMainText(doc).root;
    return textRoot;
  };

  const removeAll = () => {
    highlights?.clear();
    highlights = null;
    overlay?.destroy();
    overlay = null;
    doc.removeEventListener('mousemove', onPointer, { capture: true });
  };

  const render = async () => {
    const mine = ++generation;
    // A possible match is a question for the reader (in the popup), not something to put on the page.
    if (state === null || state.kind !== 'covered') {
      context = null;
      removeAll();
      return;
    }
    if (!siteAllowed(settings, deps.hostname()) || (!settings.overlay && !settings.highlights)) {
      removeAll();
      return;
    }
    if (context === null || context.coverage.id !== state.coverageId) {
      const reply = await deps.overlayContext();
      if (mine !== generation) return;
      context = reply.ok ? reply.value : null;
      removeAll();
    }
    if (context === null) {
      removeAll();
      return;
    }
    const showPill = settings.overlay && !overlayHiddenOn(hidden, deps.hostname(), deps.pageKey());
    if (overlay === null) {
      const current = context;
      overlay = mountOverlay(
        doc,
        context,
        {
          hidePage: () => {
            const page = deps.pageKey();
            if (page !== null) void deps.writeHidden(hideOn(hidden, { page }));
          },
          hideSite: () => void deps.writeHidden(hideOn(hidden, { site: deps.hostname() })),
          entityCard: async (key) => {
            const reply = await deps.entityCard(key, current.coverage.id);
            return reply.ok ? reply.value : null;
          },
        },
        {
          pill: showPill,
          freeRight: () => {
            const root = articleRoot();
            // The layout viewport, less any scroll bar (where a fixed element's right: 0 is).
            const width = rootOf(doc)?.clientWidth || (std(doc).defaultView?.innerWidth ?? 0);
            return root ? width - root.getBoundingClientRect().right : 0;
          },
        },
      );
      rootOf(doc)?.append(overlay.host);
      doc.addEventListener('mousemove', onPointer, { capture: true, passive: true });
    } else {
      // A page that removed our element gets it back at the next change of state, not in a loop.
      if (!overlay.host.isConnected) rootOf(doc)?.append(overlay.host);
      overlay.setPill(showPill);
    }
    // The reader switched between the browser's highlight registry and private boxes: draw them again.
    if (highlights !== null && (!settings.highlights || highlightsPrivate !== settings.privateHighlights)) {
      highlights.clear();
      highlights = null;
    }
    if (settings.highlights && highlights === null) {
      const root = articleRoot() ?? bodyOf(doc);
      highlightsPrivate = settings.privateHighlights;
      if (root)
        highlights = showEntityHighlights(doc, findEntityRanges(root, context.highlight), overlay.boxLayer, {
          private: highlightsPrivate,
        });
    }
  };

  return {
    async update(next, overlay) {
      state = next;
      // A context that came with the report replaces another coverage's; `render` checks it matches the state.
      if (overlay && overlay.coverage.id !== context?.coverage.id) {
        removeAll();
        context = overlay;
      }
      await render();
    },
    async refresh(change = {}) {
      settings = change.settings ?? settings;
      hidden = change.hidden ?? hidden;
      await render();
    },
    async reloadContext() {
      if (context === null || overlay === null || overlay.isOpen()) return false;
      const reply = await deps.overlayContext();
      const fresh = reply.ok ? reply.value : null;
      if (fresh === null || overlay === null || fresh.coverage.id !== context.coverage.id) return false;
      // Same coverage, more known: update the figures and the underlines in place; the element stays.
      context = fresh;
      overlay.setMentions(fresh.mentions);
      if (highlights !== null) {
        highlights.clear();
        highlights = null;
      }
      await render();
      return true;
    },
    destroy() {
      generation++;
      removeAll();
    },
  };
}
