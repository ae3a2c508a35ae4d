// Where Lens's UI lives on a page: a standard <div> (a page cannot define, upgrade or attachInternals() a built-in
// element, as it can a custom element name that it registers first) holding a closed shadow root, and a shield that
// keeps what the reader types in that UI away from the page's own listeners.
//
// Typing: key, input, composition and clipboard events are composed, so they leave a shadow root and reach the page's
// listeners on the host, document and window, even in the capture phase, before any listener inside the shadow root
// runs. The shield is one capture listener per event type on the window, added by the content script before any page
// script runs (document_start), so it runs first: when the event's target is one of Lens's hosts it stops the event
// there. Stopping propagation does not cancel default actions, so typing, Tab and button activation still happen; the
// few key handlers the UI has (Escape, Ctrl+Enter) are called by the shield itself with the focused element.
import { std } from '../dom/safe';

/** The attribute that names a Lens host (for people reading the DOM and for tests; Lens itself never trusts it). */
export const HOST_ATTRIBUTE = 'data-modelwire-lens';

/** Events whose content or timing tells what the reader types or copies, or that they are in Lens's UI at all. */
export const SHIELDED_EVENTS = [
  'keydown',
  'keyup',
  'keypress',
  'beforeinput',
  'input',
  'textInput',
  'compositionstart',
  'compositionupdate',
  'compositionend',
  'copy',
  'cut',
  'paste',
  'focus',
  'blur',
  'focusin',
  'focusout',
] as const;

export type KeyHandler = (event: KeyboardEvent, focused: Element | null) => void;

interface HostRecord {
  shadow: ShadowRoot;
  keyHandlers: Set<KeyHandler>;
}

/** Lens's hosts, known by identity in the content script's own world: a page cannot add to or fake this list. */
const hosts = new WeakMap<EventTarget, HostRecord>();
const shields = new WeakMap<Window, () => void>();

export interface ShadowHost {
  readonly host: HTMLElement;
  readonly shadow: ShadowRoot;
  /** Keys pressed while focus is inside this UI; untrusted (synthetic) key events never arrive here. */
  onKey(handler: KeyHandler): () => void;
}

export function isLensHost(node: unknown): boolean {
  return typeof node === 'object' && node !== null && hosts.has(node as EventTarget);
}

function deepActive(root: ShadowRoot): Element | null {
  let active = root.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/**
 * Installs the typing shield on a window (once per window; later calls return the same remover). Call it as early as
 * possible: a page listener added before it still hears events. `createShadowHost` calls it too, for pages where the
 * content script could not run first.
 */
export function shieldTyping(view: Window): () => void {
  const existing = shields.get(view);
  if (existing) return existing;
  const onEvent = (event: Event) => {
    const record = hosts.get(event.target as EventTarget);
    if (record === undefined) return;
    event.stopImmediatePropagation();
    if (!event.isTrusted || event.type !== 'keydown') return;
    const focused = deepActive(record.shadow);
    for (const handler of record.keyHandlers) handler(event as KeyboardEvent, focused);
  };
  for (const type of SHIELDED_EVENTS) view.addEventListener(type, onEvent, { capture: true });
  const remove = () => {
    for (const type of SHIELDED_EVENTS) view.removeEventListener(type, onEvent, { capture: true });
    shields.delete(view);
  };
  shields.set(view, remove);
  return remove;
}

/**
 * A fixed, zero-size host that cannot shift the page's layout, with a closed shadow root holding `css`. The host is
 * not yet in the document: the caller appends it where it wants.
 */
export function createShadowHost(doc: Document, name: string, css: string): ShadowHost {
  const host = std(doc).createElement('div');
  host.setAttribute(HOST_ATTRIBUTE, name);
  for (const [property, value] of Object.entries(HOST_STYLE)) host.style.setProperty(property, value, 'important');
  const shadow = host.attachShadow({ mode: 'closed' });
  const style = std(doc).createElement('style');
  style.textContent = HOST_CSS + css;
  shadow.append(style);
  const record: HostRecord = { shadow, keyHandlers: new Set() };
  hosts.set(host, record);
  const view = std(doc).defaultView;
  if (view) shieldTyping(view);
  return {
    host,
    shadow,
    onKey(handler) {
      record.keyHandlers.add(handler);
      return () => record.keyHandlers.delete(handler);
    },
  };
}

/** Important declarations in the shadow's own :host rule outrank every page rule, important ones included. */
const HOST_CSS = `
:host {
  all: initial !important; display: block !important; position: fixed !important; top: 0 !important;
  left: 0 !important; width: 0 !important; height: 0 !important; margin: 0 !important; padding: 0 !important;
  border: 0 !important; overflow: visible !important; z-index: 2147483647 !important; transform: none !important;
  filter: none !important; contain: none !important; visibility: visible !important; opacity: 1 !important;
  pointer-events: none !important;
}
`;

/**
 * Host styles, inline and important: before the shadow's styles apply, and whatever the page's CSS says, the host is
 * a zero-size fixed box above the page that cannot shift its layout.
 */
const HOST_STYLE: Record<string, string> = {
  all: 'initial',
  display: 'block',
  position: 'fixed',
  top: '0',
  left: '0',
  width: '0',
  height: '0',
  margin: '0',
  padding: '0',
  border: '0',
  overflow: 'visible',
  'z-index': '2147483647',
  transform: 'none',
  filter: 'none',
  contain: 'none',
  visibility: 'visible',
  opacity: '1',
  'pointer-events': 'none',
};
