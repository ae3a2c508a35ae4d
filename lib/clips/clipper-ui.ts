// The clipping UI on the page: a small "Clip" button beside a selection, and after a clip a panel for its note and
// tags, with "Copy citation". Added only when the reader selects text or clips, in its own closed shadow root.
import type { Result } from '../messaging/result';
import { h } from '../overlay/dom';
import type { Clip, NewClip } from './clip';
import { captureSelection } from './capture';
import { createShadowHost, isLensHost, type KeyHandler } from '../overlay/shadow-host';
import { closestOf, nodeTypeOf, parentOf, rootOf, std } from '../dom/safe';
import { cite, passageLink } from './cite';

/** The name on the clipper's host element (`data-modelwire-lens`). */
export const CLIPPER_HOST = 'clipper';

const CSS = `
* { box-sizing: border-box; }
[hidden] { display: none !important; }
.root {
  --bg: #ffffff; --fg: #0f172a; --muted: #475569; --line: #cbd5e1; --accent: #1d4ed8; --accent-fg: #ffffff;
  --ok: #166534; --error: #b91c1c; --focus: #2563eb;
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg);
}
@media (prefers-color-scheme: dark) {
  .root { --bg: #0b1120; --fg: #e2e8f0; --muted: #94a3b8; --line: #334155; --accent: #93c5fd; --accent-fg: #0b1120;
    --ok: #86efac; --error: #fca5a5; --focus: #93c5fd; }
}
.clip-button {
  position: fixed; pointer-events: auto; margin: 0; padding: 4px 10px; cursor: pointer;
  font: 600 13px/1.2 system-ui, sans-serif; color: var(--accent-fg); background: var(--accent);
  border: 0; border-radius: 999px; box-shadow: 0 2px 8px rgba(15, 23, 42, 0.25);
}
.panel {
  position: fixed; left: 16px; bottom: 16px; width: 340px; max-width: calc(100vw - 32px); pointer-events: auto;
  padding: 12px 14px; background: var(--bg); color: var(--fg); border: 1px solid var(--line); border-radius: 12px;
  box-shadow: 0 10px 30px rgba(15, 23, 42, 0.25);
}
.panel p { margin: 0 0 8px; }
.status { font-weight: 700; }
.status.ok { color: var(--ok); }
.status.error { color: var(--error); }
.quote { color: var(--muted); font-style: italic; max-height: 4.5em; overflow: hidden; }
label { display: block; font-size: 12px; font-weight: 700; color: var(--muted); margin: 6px 0 2px; }
textarea, input {
  width: 100%; font: inherit; color: inherit; background: var(--bg); border: 1px solid var(--line); border-radius: 6px;
  padding: 4px 8px;
}
textarea { min-height: 3.2em; resize: vertical; }
.actions { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 8px; }
button {
  font: inherit; color: var(--fg); background: transparent; border: 1px solid var(--line); border-radius: 6px;
  padding: 3px 10px; cursor: pointer;
}
button.primary { background: var(--accent); color: var(--accent-fg); border-color: var(--accent); }
.boxes { position: fixed; inset: 0; pointer-events: none; }
.boxes div { position: fixed; background: rgba(250, 204, 21, 0.35); border-bottom: 2px solid #ca8a04; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
`;

export interface ClipperDeps {
  pageUrl(): string;
  save(clip: NewClip): Promise<Result<Clip>>;
  update(id: string, note: string, tags: string[], revision: number | undefined): Promise<Result<Clip>>;
  copy(text: string): Promise<boolean>;
  /** Whether to offer the button beside selections (the options' switch). */
  buttonEnabled(): boolean;
  /** Pixels free to the left of the article: the panel fits itself there when it can, so the text stays visible. */
  freeLeft?(): number;
}

export interface Clipper {
  /** A layer in the clipper's closed shadow root for highlight boxes the page cannot read (private highlights). */
  boxLayer(): HTMLElement;
  /** Clips the current selection (context menu, keyboard command, the button); shows the outcome. */
  clipSelection(): Promise<Result<Clip>>;
  notice(text: string): void;
  destroy(): void;
}

function parseTags(text: string): string[] {
  return text
    .split(',')
    .map((tag) => tag.trim())
    .filter(Boolean);
}

export function createClipper(doc: Document, deps: ClipperDeps): Clipper {
  let host: HTMLElement | null = null;
  let root: HTMLElement | null = null;
  /** Key handlers of the open panel (the shield calls them; see shadow-host.ts). */
  let panelKeys: KeyHandler | null = null;
  let button: HTMLElement | null = null;
  let panel: HTMLElement | null = null;

  const ensure = () => {
    if (host && root) return root;
    const created = createShadowHost(doc, CLIPPER_HOST, CSS);
    created.onKey((event, focused) => panelKeys?.(event, focused));
    host = created.host;
    root = h(doc, 'div', { class: 'root' });
    created.shadow.append(root);
    rootOf(doc)?.append(host);
    return root;
  };

  const closePanel = () => {
    panel?.remove();
    panel = null;
    panelKeys = null;
  };

  const showPanel = (content: HTMLElement[], focus?: HTMLElement, keys?: KeyHandler) => {
    const container = ensure();
    closePanel();
    panel = h(doc, 'section', { class: 'panel', role: 'dialog', 'aria-label': 'Modelwire Lens clip' }, ...content);
    const free = (deps.freeLeft?.() ?? 0) - 32;
    if (free >= 240) panel.style.width = `${Math.min(free, 340)}px`;
    const shown = panel;
    panelKeys = (event, focused) => {
      if (focused === null || !shown.contains(focused)) return;
      if (event.key === 'Escape') closePanel();
      else keys?.(event, focused);
    };
    container.append(panel);
    (focus ?? panel.querySelector('button'))?.focus();
  };

  const showError = (reason: string) => {
    const close = h(doc, 'button', { type: 'button' }, 'Close');
    close.addEventListener('click', closePanel);
    showPanel([
      h(doc, 'p', { class: 'status error', role: 'alert' }, reason),
      h(doc, 'div', { class: 'actions' }, close),
    ]);
  };

  const showSaved = (clip: Clip) => {
    const noteField = h(doc, 'textarea', {
      id: 'lens-clip-note',
      placeholder: 'Why this passage matters',
    }) as HTMLTextAreaElement;
    const tagsField = h(doc, 'input', {
      id: 'lens-clip-tags',
      placeholder: 'e.g. health, follow up',
    }) as HTMLInputElement;
    const status = h(doc, 'p', { class: 'status ok', role: 'status' }, 'Clipped to your Lens library.');
    const save = h(doc, 'button', { type: 'button', class: 'primary' }, 'Save note and tags');
    const copy = h(doc, 'button', { type: 'button' }, 'Copy citation');
    const close = h(doc, 'button', { type: 'button' }, 'Done');
    let revision = clip.revision;
    const saveNote = async () => {
      const reply = await deps.update(clip.id, noteField.value, parseTags(tagsField.value), revision);
      if (reply.ok) revision = reply.value.revision;
      status.textContent = reply.ok ? 'Note and tags saved.' : `Not saved: ${reply.error.message}`;
      status.className = `status ${reply.ok ? 'ok' : 'error'}`;
    };
    save.addEventListener('click', () => void saveNote());
    copy.addEventListener('click', () => {
      const text = `“${clip.quote}” ${cite(clip, 'apa')} ${passageLink(clip)}`;
      void deps.copy(text).then((copied) => {
        status.textContent = copied
          ? 'Quote, citation and link copied.'
          : 'Copying failed: the browser refused the clipboard.';
        status.className = `status ${copied ? 'ok' : 'error'}`;
      });
    });
    close.addEventListener('click', closePanel);
    showPanel(
      [
        status,
        h(doc, 'p', { class: 'quote' }, `“${clip.quote.length > 160 ? `${clip.quote.slice(0, 160)}…` : clip.quote}”`),
        h(doc, 'label', { for: 'lens-clip-note' }, 'Note'),
        noteField,
        h(doc, 'label', { for: 'lens-clip-tags' }, 'Tags, separated by commas'),
        tagsField,
        h(doc, 'div', { class: 'actions' }, save, copy, close),
      ],
      noteField,
      (event, focused) => {
        if (focused === noteField && event.key === 'Enter' && (event.ctrlKey || event.metaKey)) void saveNote();
      },
    );
  };

  const clipSelection = async (): Promise<Result<Clip>> => {
    hideButton();
    const captured = captureSelection(doc, deps.pageUrl());
    if (!captured.ok) {
      showError(captured.reason);
      return { ok: false, error: { code: 'refused', message: captured.reason } };
    }
    const reply = await deps.save(captured.clip);
    if (reply.ok) showSaved(reply.value);
    else showError(`The clip was not saved: ${reply.error.message}`);
    return reply;
  };

  // The button beside a selection.
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hideButton = () => {
    if (button) button.hidden = true;
  };
  const placeButton = () => {
    const selection = std(doc).getSelection();
    if (!deps.buttonEnabled() || !selection || selection.isCollapsed || selection.rangeCount === 0) {
      hideButton();
      return;
    }
    const range = selection.getRangeAt(0);
    const end = range.endContainer;
    const anchor = nodeTypeOf(end) === 1 ? (end as Element) : parentOf(end);
    if (anchor && (isLensHost(anchor) || closestOf(anchor, 'input, textarea'))) return;
    if (selection.toString().trim() === '') {
      hideButton();
      return;
    }
    const rects = range.getClientRects();
    const last = rects[rects.length - 1];
    if (!last) return;
    const container = ensure();
    if (!button) {
      button = h(
        doc,
        'button',
        { type: 'button', class: 'clip-button', 'aria-label': 'Clip this passage with Modelwire Lens' },
        'Clip',
      );
      // Keep the selection: a mousedown on the button would otherwise clear it before the click.
      button.addEventListener('mousedown', (event) => event.preventDefault());
      button.addEventListener('click', () => void clipSelection());
      container.append(button);
    }
    const view = std(doc).defaultView;
    button.style.left = `${Math.min(last.right + 6, (view?.innerWidth ?? 1024) - 70)}px`;
    button.style.top = `${Math.min(last.bottom + 6, (view?.innerHeight ?? 768) - 36)}px`;
    button.hidden = false;
  };
  const onSelectionChange = () => {
    clearTimeout(timer);
    timer = setTimeout(placeButton, 200);
  };
  doc.addEventListener('selectionchange', onSelectionChange);
  const onScroll = () => hideButton();
  doc.addEventListener('scroll', onScroll, { passive: true, capture: true });

  let boxes: HTMLElement | null = null;
  return {
    boxLayer() {
      const container = ensure();
      if (boxes === null || !container.contains(boxes)) {
        boxes = h(doc, 'div', { class: 'boxes', 'aria-hidden': 'true' });
        container.prepend(boxes);
      }
      return boxes;
    },
    clipSelection,
    notice: showError,
    destroy() {
      clearTimeout(timer);
      doc.removeEventListener('selectionchange', onSelectionChange);
      doc.removeEventListener('scroll', onScroll, { capture: true });
      host?.remove();
      host = null;
      root = null;
      button = null;
      panel = null;
      panelKeys = null;
      boxes = null;
    },
  };
}
