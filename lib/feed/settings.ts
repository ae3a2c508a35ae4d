// The feed the user configured, and what the last syncs did: both in storage.local, written by the background (status)
// and the options page (settings), read by both.
import * as v from 'valibot';
import { storage } from 'wxt/utils/storage';
import { describeIssues } from '../validation/describe-issues';
import type { IndexSyncResult } from '../index/sync';

export const FEED_SETTINGS_KEY = 'local:feed-settings';
export const FEED_STATUS_KEY = 'local:feed-status';

export const SYNC_INTERVAL_MINUTES = { min: 15, max: 24 * 60, default: 60 } as const;
export const TIMEOUT_SECONDS = { min: 1, max: 120, default: 30 } as const;

/** Host names that are this machine: a feed there may be plain http (a feed server on the reader's own computer). */
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

function isLoopback(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || hostname.endsWith('.localhost');
}

export type FeedUrlCheck = { ok: true; url: string; origin: string; permission: string } | { ok: false; error: string };

/**
 * A feed address the user typed: https anywhere, or http on this machine only. Returns the address to store and the
 * host permission pattern to ask for (one origin, any path).
 */
export function checkFeedUrl(input: string): FeedUrlCheck {
  const trimmed = input.trim();
  if (trimmed === '') return { ok: false, error: 'Enter the address of a feed.' };
  if (trimmed.length > 2048) return { ok: false, error: 'That address is too long (over 2,048 characters).' };
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return { ok: false, error: `“${trimmed.slice(0, 80)}” is not a web address (it should start with https://).` };
  }
  if (url.username !== '' || url.password !== '') {
    return { ok: false, error: 'Feed addresses with a user name or password are not supported.' };
  }
  const loopback = isLoopback(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    return {
      ok: false,
      error: 'A feed must be served over https:// (plain http:// only from this computer: localhost or 127.0.0.1).',
    };
  }
  url.hash = '';
  // Match patterns take no port: the permission covers the host, the request itself goes to the port given.
  return { ok: true, url: url.href, origin: url.origin, permission: `${url.protocol}//${url.hostname}/*` };
}

const FeedSettingsSchema = v.object({
  url: v.nullable(v.pipe(v.string(), v.maxLength(2048))),
  intervalMinutes: v.pipe(
    v.number(),
    v.integer(),
    v.minValue(SYNC_INTERVAL_MINUTES.min),
    v.maxValue(SYNC_INTERVAL_MINUTES.max),
  ),
  timeoutSeconds: v.pipe(v.number(), v.minValue(TIMEOUT_SECONDS.min), v.maxValue(TIMEOUT_SECONDS.max)),
});

export type FeedSettings = v.InferOutput<typeof FeedSettingsSchema>;

export const DEFAULT_FEED_SETTINGS: FeedSettings = {
  url: null,
  intervalMinutes: SYNC_INTERVAL_MINUTES.default,
  timeoutSeconds: TIMEOUT_SECONDS.default,
};

/** Validates settings from storage or from the options form; anything unreadable falls back to the defaults. */
export function parseFeedSettings(value: unknown): { ok: true; value: FeedSettings } | { ok: false; error: string } {
  const result = v.safeParse(FeedSettingsSchema, value);
  if (!result.success) return { ok: false, error: describeIssues(result.issues) };
  if (result.output.url !== null) {
    const url = checkFeedUrl(result.output.url);
    if (!url.ok) return { ok: false, error: url.error };
  }
  return { ok: true, value: result.output };
}

/**
 * The stored settings: a typed, versioned storage item (version 1; a future shape adds a migration here). What it
 * holds is still checked on every read: storage can be edited by hand or by an older or newer Lens.
 */
const feedSettingsItem = storage.defineItem<FeedSettings | null>(FEED_SETTINGS_KEY, { fallback: null, version: 1 });
const feedStatusItem = storage.defineItem<FeedStatus | null>(FEED_STATUS_KEY, { fallback: null, version: 1 });

export async function readFeedSettings(): Promise<FeedSettings> {
  const stored = parseFeedSettings(await feedSettingsItem.getValue());
  return stored.ok ? stored.value : DEFAULT_FEED_SETTINGS;
}

export async function writeFeedSettings(settings: FeedSettings): Promise<void> {
  await feedSettingsItem.setValue(settings);
}

/** An entry the last sync refused, with why. */
export interface RejectedFeedEntry {
  index: number;
  id: string | null;
  reason: string;
}

export interface FeedStatus {
  /** The feed these figures are about; a change of address starts afresh. */
  url: string | null;
  state: 'never' | 'syncing' | 'ok' | 'error';
  lastAttempt: string | null;
  lastSuccess: string | null;
  /** The last failure in words, kept until a sync succeeds. */
  lastError: string | null;
  /** Failures in a row: the wait before the next try doubles with each. */
  failures: number;
  nextAttempt: string | null;
  /** Validators of the last complete sync, sent back so an unchanged feed costs a 304. */
  etag: string | null;
  lastModified: string | null;
  /** What the last sync that read a feed did with it. */
  lastResult: {
    notModified: boolean;
    entries: number;
    stored: number;
    kept: number;
    rejected: number;
    /** The first few refused entries, for the options page. */
    rejectedSamples: RejectedFeedEntry[];
    ms: number;
    /** Set when the address serves a coverage index instead of a feed (lib/index/sync.ts). */
    index?: IndexSyncResult;
  } | null;
}

export const INITIAL_FEED_STATUS: FeedStatus = {
  url: null,
  state: 'never',
  lastAttempt: null,
  lastSuccess: null,
  lastError: null,
  failures: 0,
  nextAttempt: null,
  etag: null,
  lastModified: null,
  lastResult: null,
};

export async function readFeedStatus(): Promise<FeedStatus> {
  const stored = await feedStatusItem.getValue();
  return stored && typeof stored === 'object' ? { ...INITIAL_FEED_STATUS, ...stored } : INITIAL_FEED_STATUS;
}

export async function writeFeedStatus(status: FeedStatus): Promise<void> {
  await feedStatusItem.setValue(status);
}

export function watchFeedStatus(onChange: (status: FeedStatus) => void): () => void {
  return feedStatusItem.watch((value) => onChange({ ...INITIAL_FEED_STATUS, ...value }));
}

/** The wait after `failures` failures in a row: 1, 2, 4 … minutes, never longer than the sync interval or 6 hours. */
export function backoffMinutes(failures: number, intervalMinutes: number): number {
  if (failures <= 0) return intervalMinutes;
  return Math.min(2 ** (failures - 1), intervalMinutes, 6 * 60);
}
