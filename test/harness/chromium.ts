// Finds a Chromium or Chrome to drive, or says exactly how to get one.
import { findBrowser } from './find-browser';

const CANDIDATES: Record<string, string[]> = {
  linux: [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/snap/bin/chromium',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/opt/google/chrome/chrome',
  ],
  darwin: [
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  ],
  win32: [
    'C:\\Program Files\\Chromium\\Application\\chrome.exe',
    'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
    'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
  ],
};

export const HOW_TO_GET_CHROMIUM = [
  'No Chromium or Chrome was found.',
  '  Debian/Ubuntu:  sudo apt-get install -y chromium      (this is what CI uses: /usr/bin/chromium)',
  '  Fedora:         sudo dnf install -y chromium',
  '  macOS:          brew install --cask chromium',
  '  Or point at any Chromium build: CHROMIUM_PATH=/path/to/chrome npm test',
  'Chromium is preferred: branded Google Chrome 137+ ignores --load-extension.',
].join('\n');

export function findChromium(): string {
  return findBrowser('CHROMIUM_PATH', CANDIDATES, HOW_TO_GET_CHROMIUM);
}

/**
 * Flags that load one unpacked extension and send the fixture host names to a local server (`MAP host 127.0.0.1:port`
 * rules); localhost itself stays unmapped for the feed and index servers.
 */
export function extensionArgs(extensionDir: string, hosts: string[], port: number): string[] {
  const rules = hosts.map((host) => `MAP ${host} 127.0.0.1:${port}`).join(', ');
  return [
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
    '--disable-features=DisableLoadExtensionCommandLineSwitch',
    `--host-resolver-rules=${rules}, EXCLUDE localhost`,
  ];
}

/** Flags for a quiet, offline Chromium: no sandbox (CI runs as root), no GPU, and no background network traffic. */
export const QUIET_CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
