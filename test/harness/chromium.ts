// Finds a Chromium or Chrome to drive, or says exactly how to get one.
import { existsSync } from 'node:fs';
import { platform } from 'node:os';

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
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`CHROMIUM_PATH is set to ${fromEnv}, but there is no file there.\n${HOW_TO_GET_CHROMIUM}`);
  }
  const found = (CANDIDATES[platform()] ?? []).find((path) => existsSync(path));
  if (!found) throw new Error(HOW_TO_GET_CHROMIUM);
  return found;
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
