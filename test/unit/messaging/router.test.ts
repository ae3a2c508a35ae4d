import { INITIAL_FEED_STATUS } from '../../../lib/feed/settings';
import { describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { createRouter, type Handlers } from '../../../lib/messaging/router';
import { fail, ok } from '../../../lib/messaging/result';
import { protocol } from '../../../lib/messaging/protocol';
import type { TabState } from '../../../lib/tabs/tab-state';

const IDENTITY = { id: 'lens-id', baseUrl: 'chrome-extension://lens-id/', modelwireHosts: ['themodelwire.com'] };
const PUBLISHER = { id: 'lens-id', url: 'https://news.example/story', tab: { id: 7 }, frameId: 0 };
const MODELWIRE = {
  id: 'lens-id',
  url: 'https://themodelwire.com/article/x-01KX3J7A2B4C6D8E1F3G5H7J9K',
  tab: { id: 8 },
  frameId: 0,
};
const EXTENSION_PAGE = { id: 'lens-id', url: 'chrome-extension://lens-id/popup.html' };
const FOREIGN = { id: 'other-extension', url: 'https://news.example/story', tab: { id: 7 }, frameId: 0 };
const SUBFRAME = { ...PUBLISHER, frameId: 3 };

const page = {
  url: 'https://news.example/story',
  canonicalUrl: null,
  ogUrl: null,
  structuredUrl: null,
  alternates: [],
  title: 'A story',
  siteName: 'News',
  byline: null,
  authors: [],
  publishedTime: null,
  modifiedTime: null,
  lang: 'en',
  description: null,
  image: null,
  section: null,
  keywords: [],
  isArticle: true,
  confidence: 0.9,
  reasons: ['og:type is article'],
};
const message = (name: string, payload: unknown) => ({ channel: 'modelwire-lens', name, payload });

function setup() {
  const state: TabState = { kind: 'not-covered', page, updatedAt: 'now' };
  const handlers = {
    'page.detected': vi.fn(async () => ok(state)),
    'coverage.capture': vi.fn(async () => ok(state)),
    'feed.sync': vi.fn(async () => ok(INITIAL_FEED_STATUS)),
    'overlay.context': vi.fn(async () => ok(null)),
    'entity.coverages': vi.fn(async () => ok(null)),
    'clip.create': vi.fn(async () => fail('refused', 'not in this test')),
    'clip.update': vi.fn(async () => fail('refused', 'not in this test')),
    'clips.anchored': vi.fn(async () => ok({ recorded: 0 })),
    'match.answer': vi.fn(async () => ok(state)),
  } satisfies Handlers;
  const log = vi.fn();
  return { route: createRouter(protocol, handlers, IDENTITY, log), handlers, log };
}

describe('router', () => {
  it('passes a valid message from an allowed sender to its handler with the sender’s tab', async () => {
    const { route, handlers } = setup();
    const reply = await route(message('page.detected', page), PUBLISHER);
    expect(reply.ok).toBe(true);
    expect(handlers['page.detected']).toHaveBeenCalledWith(page, {
      senderKind: 'publisher-page',
      tabId: 7,
      senderUrl: 'https://news.example/story',
    });
  });

  it.each([
    ['page.detected', MODELWIRE, 'forbidden'],
    ['page.detected', EXTENSION_PAGE, 'forbidden'],
    ['page.detected', FOREIGN, 'forbidden'],
    ['page.detected', SUBFRAME, 'forbidden'],
    ['coverage.capture', PUBLISHER, 'forbidden'],
    ['coverage.capture', EXTENSION_PAGE, 'forbidden'],
    ['coverage.capture', FOREIGN, 'forbidden'],
    ['feed.sync', PUBLISHER, 'forbidden'],
    ['feed.sync', MODELWIRE, 'forbidden'],
    ['feed.sync', FOREIGN, 'forbidden'],
    ['overlay.context', MODELWIRE, 'forbidden'],
    ['overlay.context', EXTENSION_PAGE, 'forbidden'],
    ['overlay.context', SUBFRAME, 'forbidden'],
    ['entity.coverages', MODELWIRE, 'forbidden'],
    ['entity.coverages', FOREIGN, 'forbidden'],
    ['clip.create', EXTENSION_PAGE, 'forbidden'],
    ['clip.create', MODELWIRE, 'forbidden'],
    ['clip.create', SUBFRAME, 'forbidden'],
    ['clips.anchored', EXTENSION_PAGE, 'forbidden'],
    ['clips.anchored', FOREIGN, 'forbidden'],
    ['clip.update', MODELWIRE, 'forbidden'],
  ])('refuses %s from %j', async (name, sender, code) => {
    const { route, handlers } = setup();
    const reply = await route(message(name, page), sender);
    expect(reply).toMatchObject({ ok: false, error: { code } });
    expect(handlers['page.detected']).not.toHaveBeenCalled();
    expect(handlers['coverage.capture']).not.toHaveBeenCalled();
    expect(handlers['feed.sync']).not.toHaveBeenCalled();
    expect(handlers['overlay.context']).not.toHaveBeenCalled();
    expect(handlers['entity.coverages']).not.toHaveBeenCalled();
  });

  it('refuses invalid payloads with the failing field named', async () => {
    const { route, handlers } = setup();
    const reply = await route(message('page.detected', { ...page, url: 'javascript:alert(1)' }), PUBLISHER);
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    expect(!reply.ok && reply.error.message).toContain('url');
    expect(handlers['page.detected']).not.toHaveBeenCalled();
  });

  it('refuses oversized payloads before any handler runs', async () => {
    const { route, handlers } = setup();
    const huge = 'x'.repeat(20 * 1024 * 1024);
    const cases = [
      { ...page, title: huge },
      { ...page, reasons: Array.from({ length: 100_000 }, () => 'r') },
      { ...page, url: `https://a.com/${'a'.repeat(10_000)}` },
    ];
    for (const payload of cases) {
      expect((await route(message('page.detected', payload), PUBLISHER)).ok).toBe(false);
    }
    let nested: unknown = 'leaf';
    for (let depth = 0; depth < 1000; depth++) nested = { child: nested };
    expect((await route(message('page.detected', { ...page, reasons: [nested] }), PUBLISHER)).ok).toBe(false);
    expect(handlers['page.detected']).not.toHaveBeenCalled();
  });

  it('answers a handler that throws with an internal error instead of throwing', async () => {
    const { route, handlers, log } = setup();
    handlers['page.detected'].mockRejectedValueOnce(new Error('disk on fire'));
    expect(await route(message('page.detected', page), PUBLISHER)).toEqual({
      ok: false,
      error: { code: 'internal', message: 'disk on fire' },
    });
    expect(log).toHaveBeenCalled();
  });

  it('given any value from any sender, never throws, answers {ok:false} and calls no handler', async () => {
    const { route, handlers } = setup();
    const anySender = fc.oneof(fc.anything(), fc.constantFrom(PUBLISHER, MODELWIRE, EXTENSION_PAGE, FOREIGN));
    const anyMessage = fc.oneof(
      fc.anything(),
      fc.record({ channel: fc.constant('modelwire-lens'), name: fc.string(), payload: fc.anything() }),
      fc.record({
        channel: fc.constant('modelwire-lens'),
        name: fc.constantFrom('page.detected', 'coverage.capture', '__proto__', 'constructor', 'toString'),
        payload: fc.anything(),
      }),
    );
    await fc.assert(
      fc.asyncProperty(anyMessage, anySender, async (value, sender) => {
        const reply = await route(value, sender);
        expect(reply.ok).toBe(false);
      }),
      { numRuns: 500 },
    );
    expect(handlers['page.detected']).not.toHaveBeenCalled();
    expect(handlers['coverage.capture']).not.toHaveBeenCalled();
  });
});
