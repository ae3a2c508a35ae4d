import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  DEFAULT_DISPLAY_SETTINGS,
  hideOn,
  overlayHiddenOn,
  parseDisplaySettings,
  parseOverlayHidden,
  readDisplayState,
  siteAllowed,
  siteKey,
  watchDisplaySettings,
  watchOverlayHidden,
  writeDisplaySettings,
  writeOverlayHidden,
} from '../../../lib/settings/display';

describe('display settings', () => {
  it.each([
    ['example.com', 'example.com'],
    ['WWW.Example.COM.', 'example.com'],
    ['https://news.example.com/a/b?c', 'news.example.com'],
    ['not a host', null],
    ['javascript:alert(1)', null],
    ['', null],
  ])('siteKey(%j) = %j', (input, expected) => {
    expect(siteKey(input)).toBe(expected);
  });

  it('runs everywhere except listed sites and their subdomains, or only on listed ones', () => {
    const except = { ...DEFAULT_DISPLAY_SETTINGS, sites: ['lakesideledger.com'] };
    expect(siteAllowed(except, 'www.lakesideledger.com')).toBe(false);
    expect(siteAllowed(except, 'news.lakesideledger.com')).toBe(false);
    expect(siteAllowed(except, 'notlakesideledger.com')).toBe(true);
    expect(siteAllowed(except, 'circuitweekly.net')).toBe(true);
    const only = { ...except, siteMode: 'only' as const };
    expect(siteAllowed(only, 'www.lakesideledger.com')).toBe(true);
    expect(siteAllowed(only, 'circuitweekly.net')).toBe(false);
  });

  it('reads damaged settings as defaults, field by field', () => {
    expect(parseDisplaySettings(null)).toEqual(DEFAULT_DISPLAY_SETTINGS);
    expect(
      parseDisplaySettings({
        overlay: 'yes',
        highlights: false,
        privateHighlights: 'on',
        siteMode: 'evil',
        sites: ['A.com', 7, 'a.com', '<b>'],
      }),
    ).toEqual({
      overlay: true,
      highlights: false,
      clipButton: true,
      privateHighlights: false,
      siteMode: 'all-except',
      sites: ['a.com'],
    });
    expect(parseOverlayHidden({ sites: 'x', pages: [1, 'a.com/x'] })).toEqual({ sites: [], pages: ['a.com/x'] });
  });

  it('hides on a page or a site, newest first, without duplicates', () => {
    let hidden = hideOn({ sites: [], pages: [] }, { page: 'a.com/1' });
    hidden = hideOn(hidden, { page: 'a.com/2' });
    hidden = hideOn(hidden, { page: 'a.com/1', site: 'www.b.com' });
    expect(hidden).toEqual({ sites: ['b.com'], pages: ['a.com/1', 'a.com/2'] });
    expect(overlayHiddenOn(hidden, 'news.b.com', null)).toBe(true);
    expect(overlayHiddenOn(hidden, 'a.com', 'a.com/2')).toBe(true);
    expect(overlayHiddenOn(hidden, 'a.com', 'a.com/3')).toBe(false);
  });

  describe('in storage.local', () => {
    beforeEach(() => fakeBrowser.reset());

    it('reads defaults from an empty store, and what was written back', async () => {
      expect(await readDisplayState()).toEqual({
        settings: DEFAULT_DISPLAY_SETTINGS,
        hidden: { sites: [], pages: [] },
      });
      await writeDisplaySettings({ ...DEFAULT_DISPLAY_SETTINGS, highlights: false, sites: ['WWW.A.com'] });
      await writeOverlayHidden({ sites: [], pages: ['a.com/x'] });
      expect(await readDisplayState()).toEqual({
        settings: { ...DEFAULT_DISPLAY_SETTINGS, highlights: false, sites: ['a.com'] },
        hidden: { sites: [], pages: ['a.com/x'] },
      });
    });

    it('reads a damaged stored value as defaults, field by field', async () => {
      await fakeBrowser.storage.local.set({
        'display-settings': { overlay: 'yes', clipButton: false },
        'overlay-hidden': 7,
      });
      expect(await readDisplayState()).toEqual({
        settings: { ...DEFAULT_DISPLAY_SETTINGS, clipButton: false },
        hidden: { sites: [], pages: [] },
      });
    });

    it('tells watchers of each change, checked, until they stop watching', async () => {
      const settings: boolean[] = [];
      const hidden: string[][] = [];
      const stopSettings = watchDisplaySettings((next) => settings.push(next.overlay));
      const stopHidden = watchOverlayHidden((next) => hidden.push(next.pages));
      await writeDisplaySettings({ ...DEFAULT_DISPLAY_SETTINGS, overlay: false });
      await writeOverlayHidden({ sites: [], pages: ['a.com/x'] });
      await fakeBrowser.storage.local.remove('display-settings');
      expect(settings).toEqual([false, true]);
      expect(hidden).toEqual([['a.com/x']]);
      stopSettings();
      stopHidden();
      await writeDisplaySettings({ ...DEFAULT_DISPLAY_SETTINGS, overlay: false });
      expect(settings).toEqual([false, true]);
    });
  });
});
