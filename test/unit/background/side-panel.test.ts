import { afterEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { openForTab } from '../../../lib/background/side-panel';

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
