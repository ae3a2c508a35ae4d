// What Lens shows on publishers' pages, and where: the overlay and highlights switches, the per-site list, and the
// sites and pages where the reader hid the overlay. In storage.local, read by the content script (which must stay
// small: neither valibot nor WXT's storage wrapper is used here, a hand check and storage.local itself are) and
// written by the options page and the overlay.
import { browser } from 'wxt/browser';

const DISPLAY_SETTINGS_KEY = 'display-settings';
const OVERLAY_HIDDEN_KEY = 'overlay-hidden';

export interface DisplaySettings {
  /** The pill and card on covered articles. */
  overlay: boolean;
  /** Entity names underlined in the article. */
  highlights: boolean;
  /** A "Clip" button beside text the reader selects. */
  clipButton: boolean;
  /**
   * Draw underlines and clip highlights as boxes inside Lens's own closed shadow root instead of the browser's CSS
   * Highlight registry, which the page's scripts can read (`CSS.highlights`): the page then cannot learn which names
   * Lens knows or which passages the reader clipped. Boxes cost a redraw on scroll.
   */
  privateHighlights: boolean;
  /** `all-except`: Lens runs everywhere but the listed sites. `only`: nowhere but the listed sites. */
  siteMode: 'all-except' | 'only';
  /** Host names ("example.com" also covers its subdomains). */
  sites: string[];
}

export const DEFAULT_DISPLAY_SETTINGS: DisplaySettings = {
  overlay: true,
  highlights: true,
  clipButton: true,
  privateHighlights: false,
  siteMode: 'all-except',
  sites: [],
};

export interface OverlayHidden {
  /** Sites where the reader chose "Hide on this site". */
  sites: string[];
  /** Normalised page addresses where the reader chose "Hide on this page" (the most recent 500). */
  pages: string[];
}

const MAX_SITES = 1000;
const MAX_PAGES = 500;

/** "WWW.Example.com." → "example.com"; anything that is not a host name → null. */
export function siteKey(input: string): string | null {
  let host = input.trim().toLowerCase();
  if (host.includes('://')) {
    try {
      host = new URL(host).hostname;
    } catch {
      return null;
    }
  }
  host = host.replace(/\.$/, '').replace(/^www\./, '');
  return /^(?=.{1,253}$)[a-z0-9-]+(\.[a-z0-9-]+)*$/.test(host) ? host : null;
}

/** Whether `hostname` is `site` or one of its subdomains. */
function onSite(hostname: string, site: string): boolean {
  const host = siteKey(hostname);
  return host !== null && (host === site || host.endsWith(`.${site}`));
}

export function siteAllowed(settings: DisplaySettings, hostname: string): boolean {
  const listed = settings.sites.some((site) => onSite(hostname, site));
  return settings.siteMode === 'all-except' ? !listed : listed;
}

/**
 * The key a page is hidden under: its host (without www.) and path, no query or fragment, so a tracking parameter
 * does not bring back a card the reader hid. Null for anything that is not an http(s) address.
 */
export function pageAddressKey(input: string): string | null {
  try {
    const url = new URL(input);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    const path = url.pathname.replace(/\/+$/, '');
    return `${url.hostname.toLowerCase().replace(/^www\./, '')}${path === '' ? '/' : path}`;
  } catch {
    return null;
  }
}

export function overlayHiddenOn(hidden: OverlayHidden, hostname: string, pageKey: string | null): boolean {
  return hidden.sites.some((site) => onSite(hostname, site)) || (pageKey !== null && hidden.pages.includes(pageKey));
}

function stringList(value: unknown, max: number, clean: (item: string) => string | null): string[] {
  if (!Array.isArray(value)) return [];
  const items: string[] = [];
  for (const item of value.slice(0, max)) {
    const cleaned = typeof item === 'string' ? clean(item) : null;
    if (cleaned !== null && !items.includes(cleaned)) items.push(cleaned);
  }
  return items;
}

/** Reads settings from storage defensively: a missing or damaged field takes its default. */
export function parseDisplaySettings(value: unknown): DisplaySettings {
  const raw = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  return {
    overlay: typeof raw.overlay === 'boolean' ? raw.overlay : DEFAULT_DISPLAY_SETTINGS.overlay,
    highlights: typeof raw.highlights === 'boolean' ? raw.highlights : DEFAULT_DISPLAY_SETTINGS.highlights,
    clipButton: typeof raw.clipButton === 'boolean' ? raw.clipButton : DEFAULT_DISPLAY_SETTINGS.clipButton,
    privateHighlights:
      typeof raw.privateHighlights === 'boolean' ? raw.privateHighlights : DEFAULT_DISPLAY_SETTINGS.privateHighlights,
    siteMode: raw.siteMode === 'only' ? 'only' : 'all-except',
    sites: stringList(raw.sites, MAX_SITES, siteKey),
  };
}

export function parseOverlayHidden(value: unknown): OverlayHidden {
  const raw = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  return {
    sites: stringList(raw.sites, MAX_SITES, siteKey),
    pages: stringList(raw.pages, MAX_PAGES, (page) => (page.length <= 4096 ? page : null)),
  };
}

async function readKey(key: string): Promise<unknown> {
  return (await browser.storage.local.get(key))[key];
}

/** Calls `onChange` with a key's new value whenever storage.local's copy changes (from any part of Lens). */
function watchKey(key: string, onChange: (value: unknown) => void): () => void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'local' && key in changes) onChange(changes[key]?.newValue);
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}

// Every value is checked on every read and write: storage can be edited by hand or by an older or newer Lens.
export async function readDisplaySettings(): Promise<DisplaySettings> {
  return parseDisplaySettings(await readKey(DISPLAY_SETTINGS_KEY));
}

export async function writeDisplaySettings(settings: DisplaySettings): Promise<void> {
  await browser.storage.local.set({ [DISPLAY_SETTINGS_KEY]: parseDisplaySettings(settings) });
}

export function watchDisplaySettings(onChange: (settings: DisplaySettings) => void): () => void {
  return watchKey(DISPLAY_SETTINGS_KEY, (value) => onChange(parseDisplaySettings(value)));
}

export async function readOverlayHidden(): Promise<OverlayHidden> {
  return parseOverlayHidden(await readKey(OVERLAY_HIDDEN_KEY));
}

export async function writeOverlayHidden(hidden: OverlayHidden): Promise<void> {
  await browser.storage.local.set({ [OVERLAY_HIDDEN_KEY]: parseOverlayHidden(hidden) });
}

export function watchOverlayHidden(onChange: (hidden: OverlayHidden) => void): () => void {
  return watchKey(OVERLAY_HIDDEN_KEY, (value) => onChange(parseOverlayHidden(value)));
}

/** Adds a site or page to the hidden lists, newest first, keeping the lists bounded. */
export function hideOn(hidden: OverlayHidden, target: { site?: string; page?: string }): OverlayHidden {
  const site = target.site === undefined ? null : siteKey(target.site);
  return {
    sites: site === null ? hidden.sites : [site, ...hidden.sites.filter((entry) => entry !== site)].slice(0, MAX_SITES),
    pages:
      target.page === undefined
        ? hidden.pages
        : [target.page, ...hidden.pages.filter((entry) => entry !== target.page)].slice(0, MAX_PAGES),
  };
}

/** Both the settings and the hidden lists in one storage read (the content script's first step on every page). */
export async function readDisplayState(): Promise<{ settings: DisplaySettings; hidden: OverlayHidden }> {
  const stored = await browser.storage.local.get([DISPLAY_SETTINGS_KEY, OVERLAY_HIDDEN_KEY]);
  return {
    settings: parseDisplaySettings(stored[DISPLAY_SETTINGS_KEY]),
    hidden: parseOverlayHidden(stored[OVERLAY_HIDDEN_KEY]),
  };
}
