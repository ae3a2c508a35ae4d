import { describe, expect, it } from 'vitest';
import { createEntityMatcher, type KnownEntity } from '../../../lib/entities/find';

const KNOWN: KnownEntity[] = [
  { key: 'openai', names: ['OpenAI', "OpenAI's"] },
  { key: 'meta', names: ['Meta'] },
  { key: 'ai', names: ['AI'] },
  { key: 'kestrel labs', names: ['Kestrel Labs'] },
  { key: 'kestrel', names: ['Kestrel'] },
  { key: 'kite-14', names: ['Kite-14'] },
  { key: 'u.s. navy', names: ['U.S. Navy'] },
  { key: 'iphone', names: ['iPhone'] },
  { key: 'harbor health network', names: ['Harbor Health Network', 'HHN'] },
  { key: 'x', names: ['X'] },
  { key: 'anthropic', names: ['Anthropic'] },
];
const matcher = createEntityMatcher(KNOWN);
const found = (text: string) => Object.fromEntries(matcher.find(text).map((hit) => [hit.key, hit.count]));

describe('finding known entities in text', () => {
  it.each<[string, Record<string, number>]>([
    ['OpenAI released a model.', { openai: 1 }],
    ["OpenAI's model and OpenAI’s rival", { openai: 2 }],
    ['OPENAI IN THE HEADLINE', { openai: 1 }],
    ['openai in lower case is not the company', {}],
    ['Meta said so. A meta-analysis disagrees; meta data too.', { meta: 1 }],
    ['Meta-analysis is not the company', {}],
    ['AI is hard; ai and Ai are not the acronym; nor is AIR or MAID.', { ai: 1 }],
    ['Kestrel Labs hired. Kestrel said. Kestrel Labs’ plans.', { 'kestrel labs': 2, kestrel: 1 }],
    ['The Kite-14 and the Kite 14 are one model; Kite-140 is not.', { 'kite-14': 2 }],
    ['The U.S. Navy and the U.S. navy', { 'u.s. navy': 1 }],
    ['an iPhone, an IPHONE', { iphone: 2 }],
    ['Harbor Health Network (HHN) said HHN would', { 'harbor health network': 3 }],
    ['Harbor Health. Network effects', {}],
    ['X, formerly Twitter; x marks the spot; Xerox', { x: 1 }],
    ['Anthropicness and Anthropics are other words', {}],
    ['', {}],
  ])('%s', (text, expected) => {
    expect(found(text)).toEqual(expected);
  });

  it('gives the display name, a context at word boundaries and the ranges', () => {
    const text = `${'Lorem ipsum dolor sit amet. '.repeat(8)}Today Kestrel Labs said it would open its weights to researchers and auditors alike, ${'and more words follow here. '.repeat(6)}`;
    const [hit] = matcher.find(text);
    expect(hit?.name).toBe('Kestrel Labs');
    expect(hit?.context.startsWith('…')).toBe(true);
    expect(hit?.context.endsWith('…')).toBe(true);
    expect(hit?.context).toContain('Today Kestrel Labs said it would open its weights');
    expect(hit?.context.length).toBeLessThan(200);
    const [start, end] = hit?.ranges[0] ?? [0, 0];
    expect(text.slice(start, end)).toBe('Kestrel Labs');
  });

  it('scans a 20,000-word article with 2,000 known entities in one pass', () => {
    const many = Array.from({ length: 2000 }, (_, index) => ({ key: `entity ${index}`, names: [`Entity ${index}`] }));
    const big = createEntityMatcher([...KNOWN, ...many]);
    const text = Array.from(
      { length: 2000 },
      (_, index) => `Entity ${index % 50} met OpenAI in paragraph ${index}.`,
    ).join(' ');
    const hits = big.find(text);
    expect(hits.find((hit) => hit.key === 'openai')?.count).toBe(2000);
    expect(hits.find((hit) => hit.key === 'entity 7')?.count).toBe(40);
  });
});
