// The in-page overlay: a small pill in the corner that opens a card with Modelwire's context. One host element, a
// closed shadow root, styles that the page's CSS cannot reach, no change to the page's layout. Plain DOM (no React):
// this code ships in the content script, which every page loads.
import type { EntityCard, OverlayContext } from '../messaging/protocol';
import { h } from './dom';
import { OVERLAY_CSS } from './overlay-css';
import { plural } from '../text/plural';
import { createShadowHost } from './shadow-host';
import { std } from '../dom/safe';

/** The name on the overlay's host element (`data-modelwire-lens`). */
export const OVERLAY_HOST = 'overlay';

export interface OverlayActions {
  hidePage(): void;
  hideSite(): void;
  entityCard(key: string): Promise<EntityCard | null>;
}

export interface Overlay {
  readonly host: HTMLElement;
  /** Shows what the cache knows about an entity beside the point (x, y) of the viewport. */
  showEntity(key: string, x: number, y: number): void;
  hideEntity(): void;
  /** The shadow root's layer for drawn highlight boxes, where the Custom Highlight API is missing. */
  readonly boxLayer: HTMLElement;
  /** Shows or hides the pill (and its card); the highlights' hover card stays available. */
  setPill(visible: boolean): void;
  /** Whether the reader has the card open. */
  isOpen(): boolean;
  /** New figures for the mentions (the names found in the article arrived): redrawn in place, the host kept. */
  setMentions(mentions: OverlayContext['mentions']): void;
  destroy(): void;
}

/** Space kept between the pill and the window's edge (and the article). */
const PILL_GAP = 16;
/** The edge tab's width bounds, in pixels: a touch target, and no more than a margin usually holds. */
const MIN_TAB = 12;
const MAX_TAB = 28;

function when(iso: string | null): string {
  if (iso === null) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : date.toLocaleDateString(undefined, { dateStyle: 'medium' });
}

export function mountOverlay(
  doc: Document,
  context: OverlayContext,
  actions: OverlayActions,
  options: {
    pill: boolean;
    /** Pixels free to the right of the article: the card fits itself there when it can, so the text stays visible. */
    freeRight?: () => number;
  } = { pill: true },
): Overlay {
  const { host, shadow, onKey } = createShadowHost(doc, OVERLAY_HOST, OVERLAY_CSS);

  const cardId = 'lens-card';
  const pill = h(
    doc,
    'button',
    { class: 'pill', type: 'button', 'aria-expanded': 'false', 'aria-controls': cardId },
    h(doc, 'span', { class: 'mark', 'aria-hidden': 'true' }, 'MW'),
    h(doc, 'span', { class: 'label' }, 'Modelwire summary'),
  );
  const heading = h(doc, 'h2', { id: 'lens-headline', tabindex: '-1' }, context.coverage.headline);
  const close = h(doc, 'button', { class: 'icon', type: 'button', 'aria-label': 'Close the Modelwire card' }, '×');
  const hidePage = h(doc, 'button', { type: 'button' }, 'Hide on this page');
  const hideSite = h(doc, 'button', { type: 'button' }, 'Hide on this site');

  const mentionItem = (mention: OverlayContext['mentions'][number]) => {
    const toggle = h(doc, 'button', { class: 'entity', type: 'button', 'aria-expanded': 'false' }, mention.name);
    const detail = h(doc, 'div', { class: 'entity-detail', hidden: true });
    const figures = [plural(mention.coverageCount, 'saved summary', 'saved summaries')];
    if (mention.inArticle !== null) figures.push(`${mention.inArticle}× here`);
    toggle.addEventListener('click', () => {
      const open = toggle.getAttribute('aria-expanded') !== 'true';
      toggle.setAttribute('aria-expanded', String(open));
      detail.hidden = !open;
      if (open && detail.childElementCount === 0) void fillEntity(detail, mention.key);
    });
    return h(doc, 'li', {}, toggle, ' ', h(doc, 'span', { class: 'muted' }, figures.join(' · ')), detail);
  };
  const mentionList = h(doc, 'ul', { class: 'mentions' }, ...context.mentions.map(mentionItem));

  const body = h(doc, 'div', { class: 'body' });
  const card = h(
    doc,
    'section',
    { id: cardId, class: 'card', role: 'region', 'aria-labelledby': 'lens-headline', hidden: true },
    h(
      doc,
      'div',
      { class: 'top' },
      h(
        doc,
        'p',
        { class: 'eyebrow' },
        context.copyVia ? `Modelwire summary · this page is a copy (${context.copyVia})` : 'Modelwire summary',
      ),
      close,
    ),
    body,
  );
  const parts: Array<HTMLElement | null> = [
    heading,
    context.coverage.summary ? h(doc, 'p', { class: 'summary' }, context.coverage.summary) : null,
    context.coverage.analystTake.length > 0
      ? h(
          doc,
          'section',
          { 'aria-label': 'Analyst take' },
          h(doc, 'h3', {}, 'Analyst take'),
          ...context.coverage.analystTake.map((paragraph) => h(doc, 'p', {}, paragraph)),
        )
      : null,
    context.mentions.length > 0
      ? h(doc, 'section', { 'aria-label': 'Mentions' }, h(doc, 'h3', {}, 'Mentions'), mentionList)
      : null,
    h(
      doc,
      'nav',
      { class: 'links', 'aria-label': 'Modelwire links' },
      h(
        doc,
        'a',
        { href: context.coverage.modelwireUrl, target: '_blank', rel: 'noopener noreferrer' },
        'Read on Modelwire',
      ),
      context.coverage.takedownUrl
        ? h(
            doc,
            'a',
            { href: context.coverage.takedownUrl, target: '_blank', rel: 'noopener noreferrer' },
            'Publisher? Takedown page',
          )
        : null,
    ),
    h(doc, 'div', { class: 'actions' }, hidePage, hideSite),
  ];
  for (const part of parts) if (part !== null) body.append(part);
  const atEnd = () => body.classList.toggle('at-end', body.scrollTop + body.clientHeight >= body.scrollHeight - 2);
  body.addEventListener('scroll', atEnd, { passive: true });

  const hover = h(doc, 'div', { class: 'hover', role: 'tooltip', id: 'lens-entity-tip', hidden: true });
  const boxLayer = h(doc, 'div', { class: 'boxes', 'aria-hidden': 'true' });
  const root = h(doc, 'div', { class: 'lens', hidden: !options.pill }, card, pill);
  shadow.append(boxLayer, root, hover);

  const setOpen = (open: boolean) => {
    if (open) {
      // Beside the article when its margin is wide enough to read in (the header stays and the body scrolls, so a
      // narrow card still reads well); otherwise the usual width, over the page (the reader asked for the card).
      const free = (options.freeRight?.() ?? 0) - 32;
      card.style.width = free >= 240 ? `${Math.min(free, 420)}px` : '';
    }
    card.hidden = !open;
    if (open) atEnd();
    pill.setAttribute('aria-expanded', String(open));
    if (open) heading.focus();
  };
  pill.addEventListener('click', () => setOpen(card.hidden));

  // The pill sits in the margin right of the article. Where that margin is narrower than the pill (a phone, a narrow
  // window), it becomes a small tab at the window's edge, no wider than the margin, so it never covers a line of text.
  let fullWidth = 0;
  const fitPill = () => {
    if (root.hidden || options.freeRight === undefined) return;
    if (!root.classList.contains('edge')) fullWidth = pill.getBoundingClientRect().width || fullWidth;
    const free = options.freeRight();
    const edge = fullWidth > 0 && free < fullWidth + PILL_GAP * 2;
    root.classList.toggle('edge', edge);
    if (edge) root.style.setProperty('--edge', `${Math.max(MIN_TAB, Math.min(free - 2, MAX_TAB))}px`);
  };
  const win = std(doc).defaultView;
  let frame = 0;
  const scheduleFit = () => {
    if (frame !== 0 || !win) return;
    frame = win.requestAnimationFrame(() => {
      frame = 0;
      fitPill();
    });
  };
  win?.addEventListener('resize', scheduleFit, { passive: true });
  scheduleFit();
  close.addEventListener('click', () => {
    setOpen(false);
    pill.focus();
  });
  onKey((event, focused) => {
    if (event.key === 'Escape' && focused !== null && card.contains(focused)) {
      setOpen(false);
      pill.focus();
    }
  });
  hidePage.addEventListener('click', () => actions.hidePage());
  hideSite.addEventListener('click', () => actions.hideSite());

  const cards = new Map<string, Promise<EntityCard | null>>();
  const cardFor = (key: string) => {
    let pending = cards.get(key);
    if (pending === undefined) {
      pending = actions.entityCard(key).catch(() => null);
      cards.set(key, pending);
    }
    return pending;
  };

  async function fillEntity(target: HTMLElement, key: string) {
    target.replaceChildren(h(doc, 'p', { class: 'muted' }, 'Looking in saved summaries…'));
    const entity = await cardFor(key);
    if (entity === null) {
      target.replaceChildren(h(doc, 'p', { class: 'muted' }, 'Lens knows nothing more about this name.'));
      return;
    }
    target.replaceChildren(
      h(
        doc,
        'p',
        { class: 'muted' },
        `${entity.name}: in ${plural(entity.coverageCount, 'saved summary', 'saved summaries')}.`,
      ),
      entity.coverages.length === 0
        ? h(doc, 'p', { class: 'muted' }, 'No other coverage mentions it yet.')
        : h(
            doc,
            'ul',
            { class: 'others', 'aria-label': `Other coverage mentioning ${entity.name}, newest first` },
            ...entity.coverages.map((coverage) =>
              h(
                doc,
                'li',
                {},
                h(
                  doc,
                  'a',
                  { href: coverage.modelwireUrl, target: '_blank', rel: 'noopener noreferrer' },
                  coverage.headline,
                ),
                h(
                  doc,
                  'span',
                  { class: 'muted' },
                  ` ${[coverage.domain, when(coverage.publishedAt)].filter(Boolean).join(' · ')}`,
                ),
              ),
            ),
          ),
    );
  }

  let hoverKey: string | null = null;
  return {
    host,
    boxLayer,
    showEntity(key, x, y) {
      if (hoverKey !== key) {
        hoverKey = key;
        void fillEntity(hover, key);
      }
      const view = std(doc).defaultView;
      const width = view?.innerWidth ?? 1024;
      const height = view?.innerHeight ?? 768;
      hover.style.left = `${Math.max(8, Math.min(x + 12, width - 328))}px`;
      hover.style.top = `${y + 18 > height - 200 ? Math.max(8, y - 200) : y + 18}px`;
      hover.hidden = false;
    },
    isOpen: () => !card.hidden,
    setMentions(mentions) {
      mentionList.replaceChildren(...mentions.map(mentionItem));
    },
    setPill(visible) {
      if (!visible) setOpen(false);
      root.hidden = !visible;
      if (visible) scheduleFit();
    },
    hideEntity() {
      hover.hidden = true;
      hoverKey = null;
    },
    destroy() {
      win?.removeEventListener('resize', scheduleFit);
      if (frame !== 0) win?.cancelAnimationFrame(frame);
      host.remove();
    },
  };
}
