import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { buildFuseFilter, decodeFuseFilter, encodeFuseFilter, fuseContains } from '../../../lib/index/fuse';

function randomWords(n: number): { hi: Uint32Array; lo: Uint32Array } {
  const bytes = randomBytes(n * 8);
  const hi = new Uint32Array(n);
  const lo = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    hi[i] = bytes.readUInt32BE(i * 8);
    lo[i] = bytes.readUInt32BE(i * 8 + 4);
  }
  return { hi, lo };
}

describe('binary fuse filter', () => {
  it.each([0, 1, 2, 3, 10, 77, 5000, 60_000])('holds every one of %i keys and little else', (n) => {
    const keys = randomWords(n);
    const filter = buildFuseFilter(keys.hi, keys.lo);
    for (let i = 0; i < n; i++) expect(fuseContains(filter, keys.hi[i] as number, keys.lo[i] as number)).toBe(true);
    const others = randomWords(50_000);
    let hits = 0;
    for (let i = 0; i < 50_000; i++) if (fuseContains(filter, others.hi[i] as number, others.lo[i] as number)) hits++;
    // 1 in 256 expected (0.39%); an empty filter holds nothing at all.
    if (n === 0) expect(hits).toBe(0);
    else expect(hits / 50_000).toBeLessThan(0.008);
    // About 9 bits a key at scale (the reference sizing gives small sets more room).
    if (n >= 60_000) expect(encodeFuseFilter(filter).length / n).toBeLessThan(1.25);
  });

  it('is the same bytes for the same keys, whatever their order or repeats', () => {
    const keys = randomWords(2000);
    const reversedHi = Uint32Array.from([...keys.hi].reverse(), (v) => v);
    const reversedLo = Uint32Array.from([...keys.lo].reverse(), (v) => v);
    const doubledHi = Uint32Array.from([...keys.hi, ...keys.hi]);
    const doubledLo = Uint32Array.from([...keys.lo, ...keys.lo]);
    const a = encodeFuseFilter(buildFuseFilter(keys.hi, keys.lo));
    expect(encodeFuseFilter(buildFuseFilter(reversedHi, reversedLo))).toEqual(a);
    expect(encodeFuseFilter(buildFuseFilter(doubledHi, doubledLo))).toEqual(a);
  });

  it('round-trips its encoding and refuses a file that is cut, padded or not a filter', () => {
    const keys = randomWords(300);
    const bytes = encodeFuseFilter(buildFuseFilter(keys.hi, keys.lo));
    const decoded = decodeFuseFilter(bytes);
    expect(decoded.ok).toBe(true);
    if (decoded.ok) expect(fuseContains(decoded.value, keys.hi[7] as number, keys.lo[7] as number)).toBe(true);
    expect(decodeFuseFilter(bytes.subarray(0, bytes.length - 1))).toMatchObject({ ok: false });
    expect(decodeFuseFilter(new Uint8Array([...bytes, 0]))).toMatchObject({ ok: false });
    expect(decodeFuseFilter(new Uint8Array(10))).toMatchObject({ ok: false });
    const badMagic = bytes.slice();
    badMagic[0] = 0;
    expect(decodeFuseFilter(badMagic)).toMatchObject({ ok: false, error: expect.stringContaining('magic') });
    const badDimensions = bytes.slice();
    new DataView(badDimensions.buffer).setUint32(8, 3, true);
    expect(decodeFuseFilter(badDimensions)).toMatchObject({ ok: false, error: expect.stringContaining('impossible') });
  });
});
