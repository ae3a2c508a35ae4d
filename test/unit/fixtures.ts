// Loads the fixture pages into a DOM for unit tests.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Paths, not URL objects: under happy-dom the global URL is the DOM's, which node:url does not accept.
const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/');

export function fixtureHtml(relativePath: string): string {
  return readFileSync(`${FIXTURES}${relativePath}`, 'utf8');
}

/** The page a fixture site serves at `url` (https://host/path → sites/host/path/index.html). */
export function sitePage(url: string): Document {
  const { hostname, pathname } = new URL(url);
  const file = pathname.endsWith('.html') ? pathname : `${pathname.replace(/\/$/, '')}/index.html`;
  return parseHtml(fixtureHtml(`sites/${hostname}${file}`));
}

export function parseHtml(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}
