// Launches Chromium with the built extension loaded through Playwright, fixture hosts mapped to the local fixture
// server: for the benchmarks, which measure Chromium. (Browser tests use lens-browsers.ts, in Chromium and Firefox.)
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { cpSync, mkdtempSync, readFileSync, rmSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extensionArgs, findChromium, QUIET_CHROMIUM_ARGS } from './chromium';

/** The production build; `LENS_EXTENSION_DIR` points the tests at another (an older build, to see a test fail). */
export const EXTENSION_DIR =
  process.env.LENS_EXTENSION_DIR ?? fileURLToPath(new URL('../../.output/chrome-mv3/', import.meta.url));

/**
 * A copy of the built extension with `origins` already granted, as after a user clicked "Allow" in the browser's
 * permission prompt. Automation cannot answer that prompt (it is browser UI, not part of any page), and Chrome skips it
 * for origins already granted, so `permissions.request` resolves at once. Everything else is the production build.
 */
export function extensionWithGrantedOrigins(origins: string[], source: string = EXTENSION_DIR): string {
  const copy = mkdtempSync(join(tmpdir(), 'modelwire-lens-granted-'));
  cpSync(source, copy, { recursive: true });
  const manifestPath = join(copy, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { host_permissions?: string[] };
  manifest.host_permissions = [...(manifest.host_permissions ?? []), ...origins];
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
  return copy;
}

export interface LensBrowser {
  context: BrowserContext;
  extensionId: string;
  worker(): Promise<Worker>;
  /** The id of the tab showing `page`, as the extension sees it. */
  tabIdOf(page: Page): Promise<number>;
  badgeOf(tabId: number): Promise<{ text: string; title: string }>;
  /** Renders the popup for a tab as a page of its own. */
  openPopup(tabId: number, options?: { colorScheme?: 'light' | 'dark' }): Promise<Page>;
  close(): Promise<void>;
}

export interface LaunchOptions {
  port: number;
  hosts: string[];
  headless?: boolean;
  extensionDir?: string;
}

export async function launchWithExtension(options: LaunchOptions): Promise<LensBrowser> {
  const extensionDir = options.extensionDir ?? EXTENSION_DIR;
  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`No built extension at ${extensionDir}: run "npm run build" first.`);
  }
  const profile = mkdtempSync(join(tmpdir(), 'modelwire-lens-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: findChromium(),
    headless: options.headless ?? true,
    viewport: { width: 1280, height: 900 },
    args: [
      ...extensionArgs(extensionDir, options.hosts, options.port),
      '--ignore-certificate-errors',
      ...QUIET_CHROMIUM_ARGS,
    ],
  });
  const worker = async (): Promise<Worker> => {
    const existing = context.serviceWorkers().find((candidate) => candidate.url().startsWith('chrome-extension://'));
    return existing ?? context.waitForEvent('serviceworker', { timeout: 15_000 });
  };
  const extensionId = new URL((await worker()).url()).host;

  return {
    context,
    extensionId,
    worker,
    async tabIdOf(page) {
      // Lens has no "tabs" permission, so it cannot see tab URLs: find the tab by making it the active one.
      await page.bringToFront();
      const sw = await worker();
      const id = await sw.evaluate(async () => {
        const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
        return tab?.id ?? null;
      });
      if (id === null) throw new Error(`No active tab for ${page.url()}`);
      return id;
    },
    async badgeOf(tabId) {
      const sw = await worker();
      return sw.evaluate(
        async (id: number) => ({
          text: await chrome.action.getBadgeText({ tabId: id }),
          title: await chrome.action.getTitle({ tabId: id }),
        }),
        tabId,
      );
    },
    async openPopup(tabId, popupOptions = {}) {
      const page = await context.newPage();
      await page.emulateMedia({ colorScheme: popupOptions.colorScheme ?? 'light' });
      await page.setViewportSize({ width: 400, height: 600 });
      await page.goto(`chrome-extension://${extensionId}/popup.html?tabId=${tabId}`);
      return page;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
