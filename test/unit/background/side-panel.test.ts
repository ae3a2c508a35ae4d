import { afterEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { clipFromTab, openForTab } from '../../../lib/background/side-panel';

const api = browser as unknown as Record<string, unknown>;

afterEach(() => {
  delete api.sidePanel;
  delete api.sidebarAction;
});

describe('opening the side panel from the menu item or the command', () => {
  it('opens Chrome’s side panel for the tab the gesture came from', async () => {
    const open = vi.fn(async () => undefined);
    api.sidePanel = { open };
    expect(await openForTab({ id: 12 })).toBe(true);
    expect(open).toHaveBeenCalledWith({ tabId: 12 });
  });

  it('opens Firefox’s sidebar where there is no side panel', async () => {
    const open = vi.fn(async () => undefined);
    api.sidebarAction = { open };
    expect(await openForTab({ id: 3 })).toBe(true);
    expect(open).toHaveBeenCalledOnce();
  });

  it('does nothing without a tab, and says so when the browser refuses', async () => {
    const open = vi.fn(async () => {
      throw new Error('sidePanel.open() may only be called in response to a user gesture.');
    });
    api.sidePanel = { open };
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(await openForTab(undefined)).toBe(false);
    expect(open).not.toHaveBeenCalled();
    expect(await openForTab({ id: 4 })).toBe(false);
    expect(warn).toHaveBeenCalled();
  });
});

describe('clipping from the context menu or the keyboard command', () => {
  it('asks the tab to clip its selection, and says how it went', async () => {
    // The browser's sendMessage is typed as answering nothing; the content script's router answers a Result.
    const send = vi.spyOn(browser.tabs, 'sendMessage') as unknown as ReturnType<typeof vi.fn>;
    send.mockResolvedValueOnce({ ok: true, value: { clipped: true } });
    send.mockResolvedValueOnce({ ok: true, value: { clipped: false } });
    expect(await clipFromTab({ id: 5 })).toBe('clipped');
    expect(send).toHaveBeenCalledWith(5, { channel: 'modelwire-lens', name: 'page.clip', payload: {} });
    expect(await clipFromTab({ id: 5 })).toBe('refused');
    expect(await clipFromTab(undefined)).toBe('no tab');
  });

  it('refuses a selection inside a frame, and tells the page why', async () => {
    const send = vi.spyOn(browser.tabs, 'sendMessage') as unknown as ReturnType<typeof vi.fn>;
    send.mockResolvedValue({ ok: true, value: { shown: true } });
    expect(await clipFromTab({ id: 6 }, 3)).toBe('frame refused');
    expect(send).toHaveBeenCalledWith(6, {
      channel: 'modelwire-lens',
      name: 'page.notice',
      payload: { message: expect.stringMatching(/not of frames embedded in it/) },
    });
  });
});
