// The context-menu items and keyboard commands: open the side panel (a user gesture, which Chrome requires before
// it opens one) and clip the selected passage.
import { browser } from 'wxt/browser';
import { openSidePanel } from '../ui/browser-actions';
import { sendToTab } from '../messaging/client';

export const SIDE_PANEL_MENU_ID = 'modelwire-lens-side-panel';
/** Chrome's command; Firefox uses its built-in `_execute_sidebar_action`. */
export const SIDE_PANEL_COMMAND = 'open-side-panel';

/** What the menu item and the command do with the tab they came from. */
export async function openForTab(tab: { id?: number } | undefined): Promise<boolean> {
  return typeof tab?.id === 'number' ? openSidePanel(tab.id) : false;
}

export const CLIP_MENU_ID = 'modelwire-lens-clip';
export const CLIP_COMMAND = 'clip-selection';

/**
 * Asks the page's content script to clip its selection. A selection inside a frame cannot be clipped (Lens runs in
 * the page itself only): the page says so instead.
 */
export async function clipFromTab(tab: { id?: number } | undefined, frameId = 0): Promise<string> {
  if (typeof tab?.id !== 'number') return 'no tab';
  if (frameId !== 0) {
    const reply = await sendToTab(tab.id, 'page.notice', {
      message:
        'Lens clips text of the page itself, not of frames embedded in it. Open the frame’s page to clip from it.',
    });
    return reply.ok ? 'frame refused' : 'unreachable';
  }
  const reply = await sendToTab(tab.id, 'page.clip', {});
  if (!reply.ok) return 'unreachable';
  return reply.value.clipped ? 'clipped' : 'refused';
}

export function registerSidePanelEntryPoints(): void {
  browser.runtime.onInstalled.addListener(async () => {
    // An update keeps the old items: start from none, so there are never two of one.
    await browser.contextMenus.removeAll();
    browser.contextMenus.create({
      id: SIDE_PANEL_MENU_ID,
      title: 'Modelwire Lens: open the side panel',
      contexts: ['page', 'selection', 'link'],
      documentUrlPatterns: ['http://*/*', 'https://*/*'],
    });
    browser.contextMenus.create({
      id: CLIP_MENU_ID,
      title: 'Modelwire Lens: clip this passage',
      contexts: ['selection'],
      documentUrlPatterns: ['http://*/*', 'https://*/*'],
    });
  });
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId === SIDE_PANEL_MENU_ID) void openForTab(tab);
    if (info.menuItemId === CLIP_MENU_ID) void clipFromTab(tab, info.frameId ?? 0);
  });
  browser.commands?.onCommand.addListener((command, tab) => {
    if (command === SIDE_PANEL_COMMAND) void openForTab(tab);
    if (command === CLIP_COMMAND) void clipFromTab(tab);
  });
}
