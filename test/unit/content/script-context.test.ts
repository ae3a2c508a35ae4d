// Lens's content-script context (used in place of WXT's): it tells the page nothing, a page's events cannot drive it,
// and a newer copy of a script stops the older one inside the content script's own world.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ContentScriptContext } from '../../../lib/content/script-context';

afterEach(() => {
  vi.useRealTimers();
});

describe('ContentScriptContext', () => {
  it('announces nothing to the page when it starts', () => {
    const posted = vi.spyOn(window, 'postMessage');
    const dispatched = vi.spyOn(document, 'dispatchEvent');
    const windowDispatched = vi.spyOn(window, 'dispatchEvent');
    const ctx = new ContentScriptContext('content');
    expect(posted).not.toHaveBeenCalled();
    expect(dispatched).not.toHaveBeenCalled();
    expect(windowDispatched).not.toHaveBeenCalled();
    ctx.notifyInvalidated();
  });

  it('calls location listeners when the address really changes, never for events a page dispatches', () => {
    vi.useFakeTimers();
    const ctx = new ContentScriptContext('content');
    const changes: string[] = [];
    ctx.addEventListener(window, 'wxt:locationchange', ((event: { newUrl: URL }) =>
      changes.push(event.newUrl.pathname)) as never);
    for (const type of ['wxt:locationchange', 'undefined:content:wxt:locationchange', 'popstate'])
      window.dispatchEvent(new Event(type));
    vi.advanceTimersByTime(3000);
    expect(changes).toEqual([]);
    history.pushState({}, '', '/next-story');
    vi.advanceTimersByTime(1000);
    expect(changes).toEqual(['/next-story']);
    vi.advanceTimersByTime(3000);
    expect(changes).toEqual(['/next-story']);
    ctx.notifyInvalidated();
    history.pushState({}, '', '/after-invalidation');
    vi.advanceTimersByTime(2000);
    expect(changes).toEqual(['/next-story']);
  });

  it('is stopped by a newer copy of the same script, and a replayed start message does nothing', () => {
    const older = new ContentScriptContext('content');
    window.postMessage({ type: 'wxt:content-script-started', contentScriptName: 'content', messageId: 'x' }, '*');
    document.dispatchEvent(new CustomEvent('wxt:content-script-started', { detail: { contentScriptName: 'content' } }));
    expect(older.signal.aborted).toBe(false);
    const other = new ContentScriptContext('modelwire');
    expect(older.signal.aborted).toBe(false);
    const newer = new ContentScriptContext('content');
    expect(older.signal.aborted).toBe(true);
    expect(newer.signal.aborted).toBe(false);
    newer.notifyInvalidated();
    other.notifyInvalidated();
  });
});
