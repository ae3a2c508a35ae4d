import { describe, expect, it } from 'vitest';
import demoFeed from '../../../lib/modelwire/demo/feed.json';
import { parseFeed } from '../../../lib/modelwire/feed';

const clone = <T>(value: T): T => structuredClone(value);

describe('parseFeed', () => {
  it('accepts the embedded demo feed whole', () => {
    const result = parseFeed(demoFeed);
    if (!result.ok) throw new Error(result.error);
    expect(result.items).toHaveLength(4);
    expect(result.rejected).toEqual([]);
  });

  it('keeps the good entries and reports each bad one with its reason', () => {
    const feed = clone(demoFeed) as { items: unknown[] };
    feed.items.push(
      { ...clone(demoFeed.items[0]), id: 'not-a-ulid' },
      { ...clone(demoFeed.items[1]), modelwireUrl: 'javascript:alert(1)' },
      { ...clone(demoFeed.items[2]), headline: '   ' },
      clone(demoFeed.items[3]),
      'a string',
      { ...clone(demoFeed.items[0]), id: '01KX3M2Y4Z6A8B1C3D5E7F9G2H', mentions: 'Kestrel Labs' },
    );
    const result = parseFeed(feed);
    if (!result.ok) throw new Error(result.error);
    expect(result.items).toHaveLength(4);
    expect(result.rejected.map((entry) => entry.index)).toEqual([4, 5, 6, 7, 8, 9]);
    expect(result.rejected[0]?.reason).toContain('id: must be a 26-character ULID');
    expect(result.rejected[1]?.reason).toContain('modelwireUrl: must be an absolute http(s) URL');
    expect(result.rejected[2]?.reason).toContain('headline');
    expect(result.rejected[3]).toEqual({
      index: 7,
      id: '01KX3J7A2B4C6D8E1F3G5H7J9K',
      reason: 'duplicate id: an earlier entry has the same id',
    });
    expect(result.rejected[4]?.id).toBeNull();
    expect(result.rejected[5]?.reason).toContain('mentions');
  });

  it.each([
    ['null', null],
    ['an array', []],
    ['another format', { ...demoFeed, format: 'json-feed' }],
    ['a future version', { ...demoFeed, version: 2 }],
    ['items that are not a list', { ...demoFeed, items: {} }],
  ])('refuses %s with a reason', (_, document) => {
    const result = parseFeed(document);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(/^Not a Modelwire Lens feed: /);
  });
});
