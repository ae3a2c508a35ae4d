// Finds a Firefox to drive, or says exactly how to get one.
import { findBrowser } from './find-browser';

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
  return findBrowser('FIREFOX_PATH', CANDIDATES, HOW_TO_GET_FIREFOX);
}
