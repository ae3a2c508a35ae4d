// The built extensions: the exact permissions, no blanket host permission, a CSP without eval, and Firefox's linter.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const OUTPUT = fileURLToPath(new URL('../../.output/', import.meta.url));
const FEED_ORIGINS = ['https://*/*', 'http://localhost/*', 'http://127.0.0.1/*'];
const manifest = (target: string) => JSON.parse(readFileSync(`${OUTPUT}${target}/manifest.json`, 'utf8'));

describe('Chrome MV3 manifest', () => {
  const built = manifest('chrome-mv3');

  it('asks for storage, alarms, the context menu and the side panel only; feed origins are optional', () => {
    expect(built.manifest_version).toBe(3);
    expect(built.permissions).toEqual(['storage', 'alarms', 'contextMenus', 'sidePanel']);
    expect(built.side_panel).toEqual({ default_path: 'sidepanel.html' });
    expect(built.commands['open-side-panel'].suggested_key).toEqual({ default: 'Alt+Shift+L' });
    expect(built.host_permissions ?? []).toEqual([]);
    expect(built.optional_permissions ?? []).toEqual([]);
    expect(built.optional_host_permissions).toEqual(FEED_ORIGINS);
  });

  it('runs the publisher script on web pages only, never in frames, and the capture script on Modelwire articles only', () => {
    const [publisher, modelwire] = built.content_scripts;
    expect(publisher.matches).toEqual(['http://*/*', 'https://*/*']);
    expect(publisher.exclude_matches).toEqual(expect.arrayContaining(['*://themodelwire.com/*']));
    expect(publisher.all_frames ?? false).toBe(false);
    expect(modelwire.matches).toEqual(['https://themodelwire.com/article/*', 'https://www.themodelwire.com/article/*']);
    expect(JSON.stringify(built)).not.toContain('<all_urls>');
  });

  it('keeps a content security policy without unsafe-eval and exposes no resources to pages', () => {
    expect(JSON.stringify(built.content_security_policy ?? {})).not.toContain('unsafe-eval');
    expect(built.web_accessible_resources ?? []).toEqual([]);
    expect(built.externally_connectable).toBeUndefined();
  });
});

describe('Firefox build', () => {
  it('has a gecko id and declares that it collects no data', () => {
    const built = manifest('firefox-mv2');
    expect(built.browser_specific_settings.gecko).toMatchObject({
      id: 'lens@themodelwire.com',
      data_collection_permissions: { required: ['none'] },
    });
    expect(built.permissions).toEqual(['storage', 'alarms', 'contextMenus']);
    expect(built.optional_permissions).toEqual(FEED_ORIGINS);
    expect(built.sidebar_action.default_panel).toBe('sidepanel.html');
    expect(Object.keys(built.commands)).toEqual(['_execute_sidebar_action', 'clip-selection']);
  });

  it('passes web-ext lint with no errors', () => {
    const bin = fileURLToPath(new URL('../../node_modules/.bin/web-ext', import.meta.url));
    const output = execFileSync(
      bin,
      ['lint', '--source-dir', `${OUTPUT}firefox-mv2`, '--self-hosted', '--output', 'json'],
      {
        encoding: 'utf8',
        env: { ...process.env, NO_UPDATE_NOTIFIER: '1' },
      },
    );
    const report = JSON.parse(output.slice(output.indexOf('{')));
    expect(report.errors).toEqual([]);
    // React DOM's own innerHTML code path is the only warning allowed; Lens never renders HTML from text.
    const warnings = report.warnings.filter((warning: { code: string }) => warning.code !== 'UNSAFE_VAR_ASSIGNMENT');
    expect(warnings).toEqual([]);
  }, 120_000);
});
