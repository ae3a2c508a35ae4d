// Finds a Firefox to drive, or says exactly how to get one.
import { existsSync } from 'node:fs';
import { platform } from 'node:os';

const CANDIDATES: Record<string, string[]> = {
  linux: ['/usr/bin/firefox-esr', '/usr/bin/firefox', '/snap/bin/firefox', '/usr/lib/firefox/firefox'],
  darwin: ['/Applications/Firefox.app/Contents/MacOS/firefox'],
  win32: ['C:\\Program Files\\Mozilla Firefox\\firefox.exe'],
};

export const HOW_TO_GET_FIREFOX = [
  'No Firefox was found.',
  '  Debian/Ubuntu:  sudo apt-get install -y firefox-esr   (this is what CI uses: /usr/bin/firefox-esr)',
  '  Fedora:         sudo dnf install -y firefox',
  '  macOS:          brew install --cask firefox',
  '  Or point at any Firefox 142 or later: FIREFOX_PATH=/path/to/firefox npm test',
].join('\n');

export function findFirefox(): string {
  const fromEnv = process.env.FIREFOX_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`FIREFOX_PATH is set to ${fromEnv}, but there is no file there.\n${HOW_TO_GET_FIREFOX}`);
  }
  const found = (CANDIDATES[platform()] ?? []).find((path) => existsSync(path));
  if (!found) throw new Error(HOW_TO_GET_FIREFOX);
  return found;
}
