// The side panel's ways in besides the popup: a context-menu item and a keyboard command. Both are user gestures,
// which Chrome requires before it opens a side panel.
import { browser } from 'wxt/browser';
import { openSidePanel } from '../ui/browser-actions';

export const SIDE_PANEL_MENU_ID = 'modelwire-lens-side-panel';
/** Chrome's command; Firefox uses its built-in `_execute_sidebar_action`. */
export const SIDE_PANEL_COMMAND = 'open-side-panel';

/** What the menu item and the command do with the tab they came from. */
export async function openForTab(tab: { id?: number } | undefined): Promise<boolean> {
  return typeof tab?.id === 'number' ? openSidePanel(tab.id) : false;
}

export function registerSidePanelEntryPoints(): void {
  browser.runtime.onInstalled.addListener(() => {
    browser.contextMenus.create({
      id: SIDE_PANEL_MENU_ID,
      title: 'Modelwire Lens: open the side panel',
      contexts: ['page', 'selection', 'link'],
      documentUrlPatterns: ['http://*/*', 'https://*/*'],
    });
  });
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId === SIDE_PANEL_MENU_ID) void openForTab(tab);
  });
  browser.commands?.onCommand.addListener((command, tab) => {
    if (command === SIDE_PANEL_COMMAND) void openForTab(tab);
  });
}
