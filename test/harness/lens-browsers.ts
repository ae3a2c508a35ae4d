// One browser-test harness for Chromium and Firefox: the same test file runs in each, the browser is a parameter.
// Both are driven by puppeteer-core (Chromium over the DevTools protocol, Firefox over WebDriver BiDi), with the built
// extension installed and the fixture host names sent to the local fixture server: Chromium maps them with
// --host-resolver-rules, Firefox (which has no such switch) reaches them through a CONNECT proxy that refuses any
// other host. Nothing leaves the machine.
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extensionArgs, findChromium, QUIET_CHROMIUM_ARGS } from './chromium';
import { findFirefox } from './firefox';
import { startConnectProxy, type ConnectProxy } from './connect-proxy';
import { startFixtureServer, type FixtureServer } from './fixture-server';
import { SCREENSHOT_DIR } from './screenshots';

export type BrowserName = 'chromium' | 'firefox';

/** The browsers a run covers: both unless `LENS_BROWSERS` names some (e.g. `LENS_BROWSERS=firefox`). */
export function browsersToTest(): BrowserName[] {
  const wanted = (process.env.LENS_BROWSERS ?? 'chromium,firefox').split(',').map((name) => name.trim());
  const known = wanted.filter((name): name is BrowserName => name === 'chromium' || name === 'firefox');
  if (known.length === 0) throw new Error(`LENS_BROWSERS names no browser this harness knows: ${wanted.join(', ')}`);
  return known;
}

const BUILDS: Record<BrowserName, string> = {
  chromium: fileURLToPath(new URL('../../.output/chrome-mv3/', import.meta.url)),
  firefox: fileURLToPath(new URL('../../.output/firefox-mv2/', import.meta.url)),
};
const BUILD_COMMANDS: Record<BrowserName, string> = { chromium: 'npm run build', firefox: 'npm run build:firefox' };

/** Firefox's `moz-extension://` host is random per profile unless fixed through this pref. */
const GECKO_ID = 'lens@themodelwire.com';
const FIREFOX_EXTENSION_UUID = '6f1c5a2e-3d4b-4c8e-9a7f-0b2d4e6f8a13';

export interface ViewOptions {
  colorScheme?: 'light' | 'dark';
  width?: number;
  height?: number;
}

export interface OpenOptions extends ViewOptions {
  /** Script run in the page's own world before any of the page's (and Lens's) scripts, on every load of the tab. */
  beforeLoad?: string;
}

/** Lens's overlay or clipper, inside its closed shadow root, reached through the browser's automation protocol. */
export interface ShadowView {
  hosts(): Promise<number>;
  /** Runs `fn` (source of `(root, arg) => value`) with the shadow root, in the page's world; the value as JSON. */
  run<T>(fn: string, arg?: unknown): Promise<T>;
  exists(selector: string): Promise<boolean>;
  text(selector: string): Promise<string | null>;
  /** The text of every element matching `selector`. */
  texts(selector: string): Promise<string[]>;
  /** Runs `fn` (source of `function () { ... }`) with `this` the first element matching `selector`. */
  call<T>(selector: string, fn: string): Promise<T>;
  attribute(selector: string, name: string): Promise<string | null>;
  /** The element's box in viewport coordinates, or null when nothing matches. */
  box(selector: string): Promise<{ left: number; top: number; right: number; bottom: number } | null>;
  /** A real mouse click at the element's centre: it must be on top of whatever the page puts there. */
  click(selector: string): Promise<void>;
  focus(selector: string): Promise<void>;
}

export interface LensBrowsers {
  name: BrowserName;
  browser: Browser;
  /** The extension's origin: chrome-extension://<id> or moz-extension://<uuid>. */
  origin: string;
  server: FixtureServer;
  /** Hosts the proxy was asked for (Firefox only; Chromium resolves hosts itself). */
  proxied: string[];
  open(url: string, options?: OpenOptions): Promise<Page>;
  /** The id of the tab showing `page`, as the extension sees it. */
  tabIdOf(page: Page): Promise<number>;
  badgeOf(tabId: number): Promise<{ text: string; title: string }>;
  /**
   * Runs `fn` (source of `async (api, arg) => value`) in an extension page, `api` being the extension API: what a
   * background-initiated path does (the context menu and keyboard commands message the tab), which automation
   * cannot trigger through the browser's own menus.
   */
  inExtension<T>(fn: string, arg: unknown): Promise<T>;
  /** Every record of one of the extension's IndexedDB stores, read without the extension's own code. */
  readStore<T>(store: string): Promise<T[]>;
  /** Writes to the extension's `storage.local`, as its options page would. */
  setStorage(values: Record<string, unknown>): Promise<void>;
  /** Where the browser saves downloads; `downloaded` waits for a finished file whose name matches. */
  downloads: string;
  downloaded(name: RegExp, timeoutMs?: number): Promise<string>;
  /**
   * The tab whose document is at `url` (exactly, or as `url` decides), once one is: for tabs the extension opens.
   * Asks each tab's document itself, since Firefox reports tabs it opened at moz-extension:// pages as about:blank.
   */
  tabAt(url: string | ((address: string) => boolean), timeoutMs?: number): Promise<Page>;
  /** One of the extension's pages (`options.html`, `library.html`, `sidepanel.html?tabId=3`) in a tab. */
  openExtensionPage(path: string, view?: ViewOptions): Promise<Page>;
  /** The popup for a tab, rendered as a page of its own. */
  openPopup(tabId: number, view?: ViewOptions): Promise<Page>;
  shadow(page: Page, tag?: 'overlay' | 'clipper'): ShadowView;
  /** Saves a screenshot as `<name>-<browser>.png`: the whole page, or only the window (where fixed UI sits). */
  screenshot(page: Page, name: string, options?: { fullPage?: boolean; dir?: string }): Promise<string>;
  close(): Promise<void>;
}

/** Waits for `work` (its failure ignored), or `ms` milliseconds, whichever ends first. */
function within(ms: number, work: Promise<unknown> | undefined): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise((done) => (timer = setTimeout(done, ms)));
  return Promise.race([(work ?? Promise.resolve()).catch(() => undefined), timeout]).finally(() => clearTimeout(timer));
}

/** Runs `fn` with the shadow root of the host `hostSelector` matches; its value as JSON. */
type RunInShadow = (page: Page, hostSelector: string, fn: string, arg: unknown) => Promise<string | undefined>;

interface BidiConnection {
  send(method: string, params: object): Promise<{ result: unknown }>;
}

function bidiOf(browser: Browser): BidiConnection {
  return (browser as unknown as { connection: BidiConnection }).connection;
}

function contextOf(page: Page): string {
  return (page.mainFrame() as unknown as { _id: string })._id;
}

/** Sets a pref in a running Firefox, from its own chrome window (allowed by --remote-allow-system-access). */
async function setFirefoxPref(browser: Browser, pref: string, value: number): Promise<void> {
  const bidi = bidiOf(browser);
  const tree = (await bidi.send('browsingContext.getTree', { 'moz:scope': 'chrome', maxDepth: 0 })) as {
    result: { contexts: { context: string }[] };
  };
  const chrome = tree.result.contexts[0]?.context;
  if (chrome === undefined) throw new Error('Firefox has no chrome window to set a pref in');
  const done = (await bidi.send('script.evaluate', {
    expression: `Services.prefs.setIntPref(${JSON.stringify(pref)}, ${value})`,
    target: { context: chrome },
    awaitPromise: false,
  })) as { result: { type: string } };
  if (done.result.type !== 'success') throw new Error(`Could not set ${pref} in Firefox`);
}

export interface LaunchOptions {
  /** Headless unless false (the demo shows a window where there is a display). */
  headless?: boolean;
  /** Another build to load (the demo's copy with a loopback origin granted, in Chromium). */
  extensionDir?: string;
}

export async function launchLens(name: BrowserName, options: LaunchOptions = {}): Promise<LensBrowsers> {
  const extensionDir = options.extensionDir ?? BUILDS[name];
  const headless = options.headless ?? true;
  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`No ${name} build at ${extensionDir}: run "${BUILD_COMMANDS[name]}" first.`);
  }
  const server = await startFixtureServer();
  const downloads = mkdtempSync(join(tmpdir(), `modelwire-lens-downloads-${name}-`));
  let proxy: ConnectProxy | null = null;
  let browser: Browser;
  let origin: string;
  if (name === 'firefox') {
    proxy = await startConnectProxy(server.hosts, server.port);
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: findFirefox(),
      headless,
      acceptInsecureCerts: true,
      // Lets the tests open moz-extension:// pages (the popup and options rendered as tabs).
      args: ['--remote-allow-system-access'],
      extraPrefsFirefox: {
        'network.proxy.type': 1,
        'network.proxy.ssl': '127.0.0.1',
        'network.proxy.ssl_port': proxy.port,
        'network.proxy.http': '127.0.0.1',
        'network.proxy.http_port': proxy.port,
        'network.proxy.no_proxies_on': 'localhost, 127.0.0.1',
        'network.proxy.allow_hijacking_localhost': false,
        'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_EXTENSION_UUID }),
        // An optional permission is granted on a user gesture instead of a prompt automation cannot answer.
        'extensions.webextOptionalPermissionPrompts': false,
        // Downloads go to the test's folder without asking.
        'browser.download.folderList': 2,
        'browser.download.dir': downloads,
        'browser.download.useDownloadDir': true,
        'browser.download.always_ask_before_handling_new_types': false,
      },
    });
    const installed = await browser.installExtension(extensionDir);
    if (installed !== GECKO_ID) throw new Error(`Firefox installed ${installed}, expected ${GECKO_ID}`);
    origin = `moz-extension://${FIREFOX_EXTENSION_UUID}`;
  } else {
    browser = await puppeteer.launch({
      browser: 'chrome',
      executablePath: findChromium(),
      headless,
      acceptInsecureCerts: true,
      enableExtensions: true,
      defaultViewport: null,
      args: [
        ...extensionArgs(extensionDir, server.hosts, server.port),
        '--window-size=1280,900',
        ...QUIET_CHROMIUM_ARGS,
      ],
    });
    const worker = await browser.waitForTarget(
      (target) => target.type() === 'service_worker' && target.url().startsWith('chrome-extension://'),
      { timeout: 15_000 },
    );
    origin = `chrome-extension://${new URL(worker.url()).host}`;
    const cdp = await browser.target().createCDPSession();
    await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads });
  }

  const view = async (page: Page, options: ViewOptions = {}) => {
    await page.setViewport({ width: options.width ?? 1280, height: options.height ?? 900 });
    const scheme = options.colorScheme ?? 'light';
    if (name === 'chromium') await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
    // Firefox over BiDi cannot emulate a media feature per page: the colour scheme is the browser's, for every page.
    else await setFirefoxPref(browser, 'layout.css.prefers-color-scheme.content-override', scheme === 'dark' ? 0 : 1);
  };

  /** Opens one of the extension's pages. Firefox's page.goto never settles on moz-extension:// pages. */
  const openExtensionPage = async (path: string, options: ViewOptions = {}): Promise<Page> => {
    const page = await browser.newPage();
    await view(page, options);
    const url = `${origin}/${path}`;
    if (name === 'chromium') {
      await page.goto(url);
      return page;
    }
    await bidiOf(browser).send('browsingContext.navigate', { context: contextOf(page), url, wait: 'none' });
    const deadline = Date.now() + 15_000;
    for (;;) {
      const ready = await page
        .evaluate(() => document.readyState === 'complete' && location.protocol === 'moz-extension:')
        .catch(() => false);
      if (ready) return page;
      if (Date.now() > deadline) throw new Error(`${url} did not load`);
      await new Promise((wait) => setTimeout(wait, 50));
    }
  };

  // One extension page (the library) kept open in the background, to ask the extension's APIs what the tests need to know.
  // Not the options page: "Settings" in the popup must open a tab of its own, not find this one.
  const helper = await openExtensionPage('library.html');
  const askExtension = <T>(fn: string, arg: unknown): Promise<T> =>
    helper.evaluate(
      `(async () => { const api = globalThis.browser ?? globalThis.chrome; return (${fn})(api, ${JSON.stringify(arg)}); })()`,
    ) as Promise<T>;

  const shadow = (page: Page, tag: 'overlay' | 'clipper' = 'overlay'): ShadowView => {
    const hostSelector = `[data-modelwire-lens="${tag}"]`;
    const run = async <T>(fn: string, arg?: unknown): Promise<T> => {
      const json =
        name === 'firefox'
          ? await runInFirefox(page, hostSelector, fn, arg)
          : await runInChromium(page, hostSelector, fn, arg);
      return (json === undefined ? undefined : JSON.parse(json)) as T;
    };
    const box = (selector: string) =>
      run<{ left: number; top: number; right: number; bottom: number } | null>(
        '(root, selector) => { const e = root.querySelector(selector); if (!e) return null; const r = e.getBoundingClientRect(); return { left: r.left, top: r.top, right: r.right, bottom: r.bottom }; }',
        selector,
      );
    return {
      hosts: () => countHosts(page, hostSelector),
      run,
      exists: (selector) =>
        run<boolean>('(root, selector) => root.querySelector(selector) !== null', selector).catch(() => false),
      text: (selector) => run('(root, selector) => root.querySelector(selector)?.textContent ?? null', selector),
      texts: (selector) =>
        run('(root, selector) => [...root.querySelectorAll(selector)].map((e) => e.textContent)', selector),
      call: (selector, fn) =>
        run(
          `(root, selector) => { const e = root.querySelector(selector); if (!e) throw new Error('Nothing matches ' + selector); return (${fn}).call(e); }`,
          selector,
        ),
      attribute: (selector, attribute) =>
        run('(root, [selector, name]) => root.querySelector(selector)?.getAttribute(name) ?? null', [
          selector,
          attribute,
        ]),
      box,
      async click(selector) {
        await run("(root, selector) => root.querySelector(selector)?.scrollIntoView({ block: 'nearest' })", selector);
        const found = await box(selector);
        if (found === null) throw new Error(`Nothing matches ${selector} in the ${tag}`);
        await page.mouse.click((found.left + found.right) / 2, (found.top + found.bottom) / 2);
      },
      async focus(selector) {
        if (
          !(await run<boolean>(
            '(root, selector) => { const e = root.querySelector(selector); e?.focus(); return e !== null; }',
            selector,
          ))
        )
          throw new Error(`Nothing matches ${selector} in the ${tag}`);
      },
    };
  };

  /**
   * Firefox: BiDi hands out a closed shadow root when asked to serialise shadow trees, then calls a function on it. Both
   * run in a sandbox of the page, whose built-ins the page cannot break (hostile fixtures replace JSON.parse and more).
   */
  const runInFirefox: RunInShadow = async (page, hostSelector, fn, arg) => {
    const bidi = bidiOf(browser);
    const target = { context: contextOf(page), sandbox: 'lens-tests' };
    const found = (await bidi.send('script.evaluate', {
      expression: `document.querySelector(${JSON.stringify(hostSelector)})`,
      target,
      awaitPromise: false,
      serializationOptions: { includeShadowTree: 'all', maxDomDepth: 0 },
    })) as { result: { type: string; result: { value?: { shadowRoot?: { sharedId?: string } } } } };
    const sharedId = found.result.result?.value?.shadowRoot?.sharedId;
    if (sharedId === undefined) throw new Error(`No Lens host with a shadow root (${hostSelector}) on ${page.url()}`);
    const called = (await bidi.send('script.callFunction', {
      functionDeclaration: `(root, arg) => JSON.stringify((${fn})(root, JSON.parse(arg)))`,
      this: { type: 'undefined' },
      arguments: [{ sharedId }, { type: 'string', value: JSON.stringify(arg ?? null) }],
      target,
      awaitPromise: true,
    })) as { result: { type: string; result?: { value?: string }; exceptionDetails?: { text: string } } };
    if (called.result.type === 'exception') throw new Error(called.result.exceptionDetails?.text ?? 'script error');
    return called.result.result?.value;
  };

  /** How many Lens hosts the page holds, counted where the page's own scripts cannot falsify the answer. */
  const countHosts = async (page: Page, hostSelector: string): Promise<number> => {
    if (name === 'firefox') {
      const counted = (await bidiOf(browser).send('script.evaluate', {
        expression: `document.querySelectorAll(${JSON.stringify(hostSelector)}).length`,
        target: { context: contextOf(page), sandbox: 'lens-tests' },
        awaitPromise: false,
      })) as { result: { result?: { value?: number } } };
      return counted.result.result?.value ?? 0;
    }
    const cdp = await page.createCDPSession();
    try {
      const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
      return (await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector: hostSelector })).nodeIds.length;
    } finally {
      await cdp.detach().catch(() => undefined);
    }
  };

  /** Chromium: the DevTools protocol pierces shadow roots, closed ones included; the call runs in an isolated world. */
  const runInChromium: RunInShadow = async (page, hostSelector, fn, arg) => {
    const cdp = await page.createCDPSession();
    try {
      const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
      const { nodeId: hostId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: hostSelector });
      if (!hostId) throw new Error(`No Lens host (${hostSelector}) on ${page.url()}`);
      const { node } = await cdp.send('DOM.describeNode', { nodeId: hostId, depth: 1, pierce: true });
      const backendNodeId = node.shadowRoots?.[0]?.backendNodeId;
      if (backendNodeId === undefined) throw new Error(`The Lens host on ${page.url()} has no shadow root`);
      const { frameTree } = await cdp.send('Page.getFrameTree');
      const { executionContextId } = await cdp.send('Page.createIsolatedWorld', {
        frameId: frameTree.frame.id,
        worldName: 'lens-tests',
      });
      const { object } = await cdp.send('DOM.resolveNode', { backendNodeId, executionContextId });
      const result = await cdp.send('Runtime.callFunctionOn', {
        objectId: object.objectId,
        functionDeclaration: `function (arg) { return JSON.stringify((${fn})(this, JSON.parse(arg))); }`,
        arguments: [{ value: JSON.stringify(arg ?? null) }],
        returnByValue: true,
        awaitPromise: true,
      });
      if (result.exceptionDetails)
        throw new Error(result.exceptionDetails.exception?.description ?? result.exceptionDetails.text);
      return result.result.value as string | undefined;
    } finally {
      await cdp.detach().catch(() => undefined);
    }
  };

  return {
    name,
    browser,
    origin,
    server,
    proxied: proxy?.requests ?? [],
    async open(url, options = {}) {
      const page = await browser.newPage();
      await view(page, options);
      if (options.beforeLoad !== undefined) await page.evaluateOnNewDocument(options.beforeLoad);
      await page.goto(url);
      return page;
    },
    async tabIdOf(page) {
      // Lens has no "tabs" permission, so it cannot see tab addresses: find the tab by making it the active one.
      await page.bringToFront();
      const id = await askExtension<number | null>(
        'async (api) => { const [tab] = await api.tabs.query({ active: true, lastFocusedWindow: true }); return tab?.id ?? null; }',
        null,
      );
      if (id === null) throw new Error(`No active tab for ${page.url()}`);
      return id;
    },
    inExtension: askExtension,
    readStore: <T>(store: string) =>
      askExtension<T[]>(
        `(api, store) => new Promise((resolve, reject) => {
          const open = indexedDB.open('modelwire-lens');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const db = open.result;
            const request = db.transaction(store, 'readonly').objectStore(store).getAll();
            request.onsuccess = () => { db.close(); resolve(request.result); };
            request.onerror = () => reject(request.error);
          };
        })`,
        store,
      ),
    setStorage: (values) => askExtension('(api, values) => api.storage.local.set(values)', values),
    downloads,
    async downloaded(pattern, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        // Chromium writes .crdownload and Firefox .part files until the download is complete.
        const done = readdirSync(downloads).find((file) => pattern.test(file) && !/\.(crdownload|part)$/.test(file));
        if (done !== undefined) {
          const path = join(downloads, done);
          if (statSync(path).size > 0) return path;
        }
        if (Date.now() > deadline) throw new Error(`No download matching ${pattern} in ${downloads}`);
        await new Promise((wait) => setTimeout(wait, 50));
      }
    },
    badgeOf(tabId) {
      return askExtension(
        'async (api, tabId) => { const action = api.action ?? api.browserAction; return { text: await action.getBadgeText({ tabId }), title: await action.getTitle({ tabId }) }; }',
        tabId,
      );
    },
    async tabAt(url, timeoutMs = 10_000) {
      const wanted = typeof url === 'string' ? (address: string) => address === url : url;
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        for (const page of await browser.pages()) {
          const address = await page.evaluate(() => location.href).catch(() => '');
          if (wanted(address)) return page;
        }
        if (Date.now() > deadline) throw new Error(`No tab at ${String(url)}`);
        await new Promise((wait) => setTimeout(wait, 100));
      }
    },
    openExtensionPage,
    openPopup: (tabId, options = {}) =>
      openExtensionPage(`popup.html?tabId=${tabId}`, { width: 400, height: 600, ...options }),
    shadow,
    async screenshot(page, shot, options = {}) {
      const dir = options.dir ?? SCREENSHOT_DIR;
      mkdirSync(dir, { recursive: true });
      const path = join(dir, `${shot}-${name}.png`);
      // Headless Chromium draws no frame for a tab in the background, so its screenshot would never come.
      await page.bringToFront();
      await page.screenshot({ path: path as `${string}.png`, fullPage: options.fullPage ?? true });
      return path;
    },
    async close() {
      // Firefox over BiDi sometimes never answers the close: give it ten seconds, then end the process. Every other
      // step is bounded too, so that a browser in a bad state cannot hold a test file's last hook past its timeout.
      const child = browser.process();
      await within(10_000, browser.close());
      if (child !== null && child.exitCode === null) child.kill('SIGKILL');
      await within(5_000, proxy?.close());
      await within(5_000, server.close());
      rmSync(downloads, { recursive: true, force: true });
    },
  };
}
