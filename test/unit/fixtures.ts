// Loads the fixture pages into a DOM for unit tests.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PageReport } from '../../lib/article/describe-page';
import type { Reading } from '../../lib/article/second-opinion';

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

/** A page report with every field a page may leave empty left empty, and the given ones set. */
export function pageReport(fields: Partial<PageReport> & { url: string; title: string | null }): PageReport {
  return {
    canonicalUrl: null,
    ogUrl: null,
    structuredUrl: null,
    alternates: [],
    siteName: null,
    byline: null,
    authors: [],
    publishedTime: null,
    modifiedTime: null,
    lang: null,
    description: null,
    image: null,
    section: null,
    keywords: [],
    isArticle: true,
    confidence: 1,
    reasons: [],
    ...fields,
  };
}

/** The value, or a failed test saying what was missing (instead of a non-null assertion). */
export function must<T>(value: T | null | undefined, what = 'a value'): T {
  if (value === null || value === undefined) throw new Error(`Expected ${what}, found ${String(value)}`);
  return value;
}

/** A reading of a page as `withSecondOpinion` takes it (Lens's or another extractor's): this text, without links. */
export function reading(text: string): Reading {
  return { text, linkWords: 0 };
}
