// A binary fuse filter with 8-bit fingerprints (Graf & Lemire, "Binary Fuse Filters: Fast and Smaller Than Xor
// Filters", 2022): about 9 bits a key and a false-positive rate of 1/256, for a fixed set of keys. Written here on
// 32-bit words because the npm packages found either need BigInt for every probe or are unmaintained; the layout
// below is Lens's own and versioned by its magic.
//
// Input keys are the first 64 bits of SHA-256 (lib/index/hash.ts), already uniform; the seed makes each construction
// attempt independent. Each key has three cells in three consecutive segments; it is "in" the filter when the XOR of
// the three cells equals its fingerprint.

const MAGIC = 0x3146_574d; // "MWF1" read little-endian
export const FUSE_HEADER_BYTES = 20;
const MAX_ATTEMPTS = 200;

export interface FuseFilter {
  seed: number;
  segmentLength: number;
  segmentCount: number;
  keys: number;
  fingerprints: Uint8Array;
}

function fmix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85eb_ca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2_ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The three cells and the fingerprint of a key under a filter's parameters, written into `out` (h0, h1, h2, fp). */
function cellsOf(
  hi: number,
  lo: number,
  seed: number,
  segmentLength: number,
  segmentCountLength: number,
  out: Uint32Array,
): void {
  const a = fmix32(hi ^ seed);
  const b = fmix32(lo ^ Math.imul(seed, 0x9e37_79b1) ^ a);
  const c = fmix32(a ^ Math.imul(b, 0xc2b2_ae35) ^ 0x27d4_eb2f);
  const mask = segmentLength - 1;
  const h0 = Math.floor((a * segmentCountLength) / 4_294_967_296);
  out[0] = h0;
  out[1] = (h0 + segmentLength) ^ (b & mask);
  out[2] = (h0 + 2 * segmentLength) ^ (c & mask);
  out[3] = b >>> 24;
}

/** Segment length and count for `size` keys, as the paper's reference implementation sizes a 3-wise filter. */
function dimensions(size: number, slack: number): { segmentLength: number; segmentCount: number } {
  const n = Math.max(size, 2);
  const segmentLength = Math.min(2 ** Math.floor(Math.log(n) / Math.log(3.33) + 2.25), 262_144);
  const sizeFactor = Math.max(1.125, 0.875 + (0.25 * Math.log(1_000_000)) / Math.log(n)) * slack;
  const capacity = Math.round(n * sizeFactor);
  const initSegmentCount = Math.ceil(capacity / segmentLength) - 2;
  const arrayLength = (initSegmentCount + 2) * segmentLength;
  let segmentCount = Math.ceil(arrayLength / segmentLength);
  segmentCount = segmentCount <= 2 ? 1 : segmentCount - 2;
  return { segmentLength, segmentCount };
}

/** The next seed: splitmix-like steps of a 32-bit counter, so a build is the same on every run. */
function nextSeed(state: { value: number }): number {
  state.value = (state.value + 0x9e37_79b9) >>> 0;
  return fmix32(state.value);
}

/**
 * Builds a filter over 64-bit key hashes given as two 32-bit words each. Duplicate hashes are dropped first.
 * Deterministic: the same keys give the same bytes.
 */
export function buildFuseFilter(hiWords: Uint32Array, loWords: Uint32Array): FuseFilter {
  const { hi, lo } = unique(hiWords, loWords);
  const size = hi.length;
  const seeds = { value: 0x726b_2b9d };
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    // Very small sets fail more often; give them room after a few attempts.
    const { segmentLength, segmentCount } = dimensions(size, attempt < 10 ? 1 : 1 + attempt / 20);
    const seed = nextSeed(seeds);
    const fingerprints = tryBuild(hi, lo, seed, segmentLength, segmentCount);
    if (fingerprints !== null) return { seed, segmentLength, segmentCount, keys: size, fingerprints };
  }
  throw new Error(`The filter could not be built over ${size} keys in ${MAX_ATTEMPTS} attempts.`);
}

function unique(hiWords: Uint32Array, loWords: Uint32Array): { hi: Uint32Array; lo: Uint32Array } {
  const combined = new BigUint64Array(hiWords.length);
  for (let i = 0; i < hiWords.length; i++) {
    combined[i] = (BigInt(hiWords[i] as number) << 32n) | BigInt(loWords[i] as number);
  }
  combined.sort();
  const hi = new Uint32Array(combined.length);
  const lo = new Uint32Array(combined.length);
  let count = 0;
  for (let i = 0; i < combined.length; i++) {
    const value = combined[i] as bigint;
    if (i > 0 && value === combined[i - 1]) continue;
    hi[count] = Number(value >> 32n);
    lo[count] = Number(value & 0xffff_ffffn);
    count++;
  }
  return { hi: hi.subarray(0, count), lo: lo.subarray(0, count) };
}

function tryBuild(
  hi: Uint32Array,
  lo: Uint32Array,
  seed: number,
  segmentLength: number,
  segmentCount: number,
): Uint8Array | null {
  const size = hi.length;
  const arrayLength = (segmentCount + 2) * segmentLength;
  const segmentCountLength = segmentCount * segmentLength;
  const cells = new Uint32Array(size * 3);
  const fingerprintOf = new Uint8Array(size);
  const counts = new Uint32Array(arrayLength);
  const xorOfKeys = new Uint32Array(arrayLength);
  const scratch = new Uint32Array(4);
  for (let key = 0; key < size; key++) {
    cellsOf(hi[key] as number, lo[key] as number, seed, segmentLength, segmentCountLength, scratch);
    for (let j = 0; j < 3; j++) {
      const cell = scratch[j] as number;
      cells[key * 3 + j] = cell;
      counts[cell] = (counts[cell] as number) + 1;
      xorOfKeys[cell] = (xorOfKeys[cell] as number) ^ key;
    }
    fingerprintOf[key] = scratch[3] as number;
  }
  // Peel: a cell with one key fixes that key; removing it may leave its other cells with one key each.
  const queue = new Uint32Array(arrayLength);
  let queued = 0;
  for (let cell = 0; cell < arrayLength; cell++) if (counts[cell] === 1) queue[queued++] = cell;
  const order = new Uint32Array(size);
  const orderCell = new Uint32Array(size);
  let peeled = 0;
  while (queued > 0) {
    const cell = queue[--queued] as number;
    if (counts[cell] !== 1) continue;
    const key = xorOfKeys[cell] as number;
    order[peeled] = key;
    orderCell[peeled] = cell;
    peeled++;
    for (let j = 0; j < 3; j++) {
      const other = cells[key * 3 + j] as number;
      counts[other] = (counts[other] as number) - 1;
      xorOfKeys[other] = (xorOfKeys[other] as number) ^ key;
      if (counts[other] === 1) queue[queued++] = other;
    }
  }
  if (peeled !== size) return null;
  const fingerprints = new Uint8Array(arrayLength);
  for (let i = size - 1; i >= 0; i--) {
    const key = order[i] as number;
    const cell = orderCell[i] as number;
    let value = fingerprintOf[key] as number;
    for (let j = 0; j < 3; j++) {
      const other = cells[key * 3 + j] as number;
      if (other !== cell) value ^= fingerprints[other] as number;
    }
    fingerprints[cell] = value;
  }
  return fingerprints;
}

/** Whether a key hash may be in the set: always true for a key that was added, true for 1 in 256 others. */
export function fuseContains(filter: FuseFilter, hi: number, lo: number, scratch = new Uint32Array(4)): boolean {
  if (filter.keys === 0) return false;
  cellsOf(hi, lo, filter.seed, filter.segmentLength, filter.segmentCount * filter.segmentLength, scratch);
  const f = filter.fingerprints;
  return (
    ((f[scratch[0] as number] as number) ^
      (f[scratch[1] as number] as number) ^
      (f[scratch[2] as number] as number)) ===
    scratch[3]
  );
}

export function encodeFuseFilter(filter: FuseFilter): Uint8Array {
  const bytes = new Uint8Array(FUSE_HEADER_BYTES + filter.fingerprints.length);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, filter.seed, true);
  view.setUint32(8, filter.segmentLength, true);
  view.setUint32(12, filter.segmentCount, true);
  view.setUint32(16, filter.keys, true);
  bytes.set(filter.fingerprints, FUSE_HEADER_BYTES);
  return bytes;
}

/** Reads a filter, checking that its header and length agree; a message instead of a filter when they do not. */
export function decodeFuseFilter(bytes: Uint8Array): { ok: true; value: FuseFilter } | { ok: false; error: string } {
  if (bytes.length < FUSE_HEADER_BYTES) return { ok: false, error: 'the filter file is shorter than its header' };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== MAGIC)
    return { ok: false, error: 'the filter file is not a Lens filter (bad magic)' };
  const seed = view.getUint32(4, true);
  const segmentLength = view.getUint32(8, true);
  const segmentCount = view.getUint32(12, true);
  const keys = view.getUint32(16, true);
  const powerOfTwo = segmentLength > 0 && (segmentLength & (segmentLength - 1)) === 0;
  if (!powerOfTwo || segmentLength > 262_144 || segmentCount < 1) {
    return { ok: false, error: 'the filter header holds impossible dimensions' };
  }
  const arrayLength = (segmentCount + 2) * segmentLength;
  if (bytes.length !== FUSE_HEADER_BYTES + arrayLength) {
    return {
      ok: false,
      error: `the filter file has ${bytes.length} bytes where its header implies ${FUSE_HEADER_BYTES + arrayLength}`,
    };
  }
  return {
    ok: true,
    value: { seed, segmentLength, segmentCount, keys, fingerprints: bytes.subarray(FUSE_HEADER_BYTES) },
  };
}
