// Lens's content-script context, used in place of WXT's (wxt.config.ts aliases `wxt/utils/content-script-context` to
// this file). WXT's announces every start to the page (a `postMessage` and a document event named after the
// extension's id) and delivers location changes as a window event: a page could read the id, replay the announcement
// to shut Lens down, and forge location changes to make Lens detect again and again. This one keeps all of it inside
// the content script's own world: a newer script stops an older one through a global of that world, and location
// changes come from the browser's trusted navigation events (or polling where there are none) straight to the
// listeners, with no DOM event in between. The public API is WXT's, so entrypoints and WXT's entry wrapper are
// unchanged.
import { browser } from 'wxt/browser';

const LOCATION_CHANGE = 'wxt:locationchange';
/** How often the address is compared where the Navigation API is missing. */
const POLL_MS = 1000;

type Handler = (event: { newUrl: URL; oldUrl: URL }) => void;

interface NavigationLike {
  addEventListener(type: 'navigate', listener: (event: Event) => void, options?: AddEventListenerOptions): void;
}

/** The running context of each content script, by name, in this world only (a page's world cannot see it). */
const running = new Map<string, ContentScriptContext>();

export class ContentScriptContext {
  readonly id = Math.random().toString(36).slice(2);
  readonly abortController = new AbortController();
  private readonly locationHandlers = new Set<Handler>();
  private watching = false;

  constructor(
    readonly contentScriptName: string,
    readonly options?: unknown,
  ) {
    running.get(contentScriptName)?.notifyInvalidated();
    running.set(contentScriptName, this);
    this.onInvalidated(() => {
      if (running.get(contentScriptName) === this) running.delete(contentScriptName);
    });
  }

  get signal(): AbortSignal {
    return this.abortController.signal;
  }

  abort(reason?: unknown): void {
    this.abortController.abort(reason);
  }

  /** True once the extension was reloaded or removed (its APIs are gone), or a newer copy of this script started. */
  get isInvalid(): boolean {
    let gone: boolean;
    try {
      gone = browser.runtime?.id == null;
    } catch {
      gone = true;
    }
    if (gone) this.notifyInvalidated();
    return this.signal.aborted;
  }

  get isValid(): boolean {
    return !this.isInvalid;
  }

  onInvalidated(callback: () => void): () => void {
    this.signal.addEventListener('abort', callback);
    return () => this.signal.removeEventListener('abort', callback);
  }

  block<T>(): Promise<T> {
    return new Promise(() => {});
  }

  setInterval(handler: () => void, timeout?: number): number {
    const id = setInterval(() => {
      if (this.isValid) handler();
    }, timeout) as unknown as number;
    this.onInvalidated(() => clearInterval(id));
    return id;
  }

  setTimeout(handler: () => void, timeout?: number): number {
    const id = setTimeout(() => {
      if (this.isValid) handler();
    }, timeout) as unknown as number;
    this.onInvalidated(() => clearTimeout(id));
    return id;
  }

  requestAnimationFrame(callback: FrameRequestCallback): number {
    const id = requestAnimationFrame((time) => {
      if (this.isValid) callback(time);
    });
    this.onInvalidated(() => cancelAnimationFrame(id));
    return id;
  }

  requestIdleCallback(callback: IdleRequestCallback, options?: IdleRequestOptions): number {
    const id = requestIdleCallback((deadline) => {
      if (!this.signal.aborted) callback(deadline);
    }, options);
    this.onInvalidated(() => cancelIdleCallback(id));
    return id;
  }

  /**
   * As WXT's, except `wxt:locationchange`: that one is never a DOM event here. Its handler is called directly when
   * the page's address really changed.
   */
  addEventListener(
    target: EventTarget,
    type: string,
    handler: (event: never) => void,
    options?: AddEventListenerOptions,
  ): void {
    if (type === LOCATION_CHANGE) {
      const listener = handler as unknown as Handler;
      this.locationHandlers.add(listener);
      this.onInvalidated(() => this.locationHandlers.delete(listener));
      this.watchLocation();
      return;
    }
    target.addEventListener(type, handler as unknown as EventListener, { ...options, signal: this.signal });
  }

  notifyInvalidated(): void {
    this.abort('Content script context invalidated');
  }

  private watchLocation(): void {
    if (this.watching || this.signal.aborted) return;
    this.watching = true;
    let last = location.href;
    const check = () => {
      if (this.signal.aborted) return;
      const now = location.href;
      if (now === last) return;
      const change = { newUrl: new URL(now), oldUrl: new URL(last) };
      last = now;
      for (const handler of this.locationHandlers) handler(change);
    };
    const navigation = (globalThis as { navigation?: NavigationLike }).navigation;
    if (typeof navigation?.addEventListener === 'function') {
      // The event comes before the address changes: look once the navigation has been committed. Events a page
      // dispatches itself are not trusted and are ignored; a real change is confirmed by the address either way.
      navigation.addEventListener(
        'navigate',
        (event) => {
          if (event.isTrusted) this.setTimeout(check, 0);
        },
        { signal: this.signal },
      );
    }
    // Also a slow poll: some address changes (history.replaceState in some browsers, a navigation the API misses)
    // raise no event.
    this.setInterval(check, POLL_MS);
  }
}
