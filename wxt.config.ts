import { defineConfig } from 'wxt';
import { fileURLToPath } from 'node:url';

// The extension's build: entrypoints are discovered in entrypoints/, everything else is imported explicitly
// (imports: false) so the boundaries between content scripts, background, UI and lib stay visible.
/** Where a feed may live: any https origin, or this computer. The one the user sets is asked for when they set it. */
const FEED_ORIGINS = ['https://*/*', 'http://localhost/*', 'http://127.0.0.1/*'];

export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  imports: false,
  // WXT's content-script context announces itself to the page and takes location changes from window events a page
  // can forge; Lens's own (same API) keeps both inside the content script's world. See lib/content/script-context.ts.
  vite: () => ({
    resolve: {
      alias: [
        {
          find: /^wxt\/utils\/content-script-context$/,
          replacement: fileURLToPath(new URL('./lib/content/script-context.ts', import.meta.url)),
        },
      ],
    },
  }),
  publicDir: 'assets/public',
  manifest: ({ browser }) => ({
    name: 'Modelwire Lens',
    description:
      "Shows Modelwire's summary and analyst take on the publisher articles it covers. Works offline; sends no browsing history anywhere.",
    // storage: settings and per-tab state. No tabs, history or webRequest permission: the content script reports what
    // it found and every lookup happens in the local database.
    // alarms: the feed's periodic sync. A feed's origin is asked for when the user sets it (optional), never before.
    // contextMenus: "open the side panel" on a page's menu. (WXT adds sidePanel for Chrome's side panel.)
    permissions: ['storage', 'alarms', 'contextMenus'],
    commands:
      browser === 'firefox'
        ? {
            _execute_sidebar_action: {
              suggested_key: { default: 'Alt+Shift+L' },
              description: 'Open the Modelwire Lens sidebar',
            },
            'clip-selection': {
              suggested_key: { default: 'Alt+Shift+K' },
              description: 'Clip the selected passage with Modelwire Lens',
            },
          }
        : {
            'open-side-panel': {
              suggested_key: { default: 'Alt+Shift+L' },
              description: 'Open the Modelwire Lens side panel',
            },
            'clip-selection': {
              suggested_key: { default: 'Alt+Shift+K' },
              description: 'Clip the selected passage with Modelwire Lens',
            },
          },
    // Manifest V2 (Firefox) lists optional origins among optional_permissions.
    ...(browser === 'firefox' ? { optional_permissions: FEED_ORIGINS } : { optional_host_permissions: FEED_ORIGINS }),
    action: { default_title: 'Modelwire Lens' },
    icons: { 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png', 128: 'icon/128.png' },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'lens@themodelwire.com',
              strict_min_version: '142.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
});
