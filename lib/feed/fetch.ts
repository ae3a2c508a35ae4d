// One conditional request for the feed, bounded in time and size. Never throws: every way it can go wrong becomes a
// sentence the options page can show.
import { readTextUpTo } from '../net/bounded-body';

/** A feed larger than this is refused: 10,000 entries take about 6 MB, so this leaves room for years of coverage. */
export const MAX_FEED_BYTES = 32 * 1024 * 1024;

export interface Validators {
  etag: string | null;
  lastModified: string | null;
}

export type FeedResponse =
  { kind: 'not-modified' } | { kind: 'body'; text: string; validators: Validators } | { kind: 'error'; error: string };

export interface FetchFeedOptions {
  timeoutMs: number;
  maxBytes?: number;
  fetch?: typeof fetch;
}

function describeStatus(response: Response): string {
  const text = response.statusText ? ` ${response.statusText}` : '';
  if (response.status === 404) return `The feed address answered 404${text}: is the address right?`;
  if (response.status === 401 || response.status === 403) {
    return `The feed refused access (${response.status}${text}). Lens sends no credentials.`;
  }
  if (response.status >= 500) return `The feed server failed (${response.status}${text}); Lens will try again later.`;
  return `The feed answered ${response.status}${text}.`;
}

const megabytes = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;

export async function fetchFeed(url: string, validators: Validators, options: FetchFeedOptions): Promise<FeedResponse> {
  const maxBytes = options.maxBytes ?? MAX_FEED_BYTES;
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new DOMException('The feed did not answer in time.', 'TimeoutError')),
    options.timeoutMs,
  );
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (validators.etag) headers['If-None-Match'] = validators.etag;
  if (validators.lastModified) headers['If-Modified-Since'] = validators.lastModified;
  try {
    const response = await (options.fetch ?? fetch)(url, {
      headers,
      signal: controller.signal,
      credentials: 'omit',
      cache: 'no-store',
      redirect: 'follow',
    });
    if (response.status === 304) return { kind: 'not-modified' };
    if (!response.ok) return { kind: 'error', error: describeStatus(response) };
    const text = await readTextUpTo(response, maxBytes);
    if (text === null)
      return { kind: 'error', error: `The feed is larger than ${megabytes(maxBytes)}; Lens refused it.` };
    return {
      kind: 'body',
      text,
      validators: { etag: response.headers.get('etag'), lastModified: response.headers.get('last-modified') },
    };
  } catch (error) {
    if (controller.signal.aborted) {
      return { kind: 'error', error: `The feed did not answer within ${Math.round(options.timeoutMs / 1000)} s.` };
    }
    const message = error instanceof Error ? error.message : String(error);
    return { kind: 'error', error: `The feed could not be reached (${message}).` };
  } finally {
    clearTimeout(timer);
  }
}
