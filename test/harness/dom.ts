// Reading Lens's own pages (popup, options, library) from a browser test: text and attributes by selector, or null
// while the element is not there yet (for `expect.poll`).
import type { Page } from 'puppeteer-core';

export function textOf(page: Page, selector: string): Promise<string | null> {
  return page.$eval(selector, (element) => element.textContent).catch(() => null);
}

export function textsOf(page: Page, selector: string): Promise<string[]> {
  return page.$$eval(selector, (elements) => elements.map((element) => element.textContent ?? ''));
}

export function attributeOf(page: Page, selector: string, name: string): Promise<string | null> {
  return page.$eval(selector, (element, wanted) => element.getAttribute(wanted), name).catch(() => null);
}

/** The popup's state: `main[data-status]` (loading, covered, not-covered, possible, captured…). */
export function statusOf(page: Page): Promise<string | null> {
  return attributeOf(page, 'main', 'data-status');
}

/** Adds every console error `page` logs from now on to `into`, as "<address>: <text>". */
export function recordConsoleErrors(page: Page, into: string[]): void {
  page.on('console', (message) => {
    if (message.type() === 'error') into.push(`${page.url()}: ${message.text()}`);
  });
}

/** Lets `ms` milliseconds pass: for tests that show something does not happen in that time. */
export function pause(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}
