// Rendering shards: each shard's JSON assembled in a reused buffer, its SHA-1 (the builder's change detector) and,
// when it changed, its gzip and SHA-256 (on worker threads, so the machine's cores share the work).
import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { INDEX_VERSION, SHARD_FORMAT, SHARD_HASH_BYTES, shardPath } from './format';
import { sameBytes } from './hash';

/** One shard to render: its coverages in order, each with its keys in this shard and its JSON. */
export interface ShardPlan {
  entries: Array<{ keys: string[]; json: Uint8Array }>;
  /** SHA-1 (16 bytes) of this shard's JSON in the previous build, when the ranges are the previous build's. */
  previousJsonHash: Uint8Array | null;
}

const HEAD = Buffer.from(`{"format":${JSON.stringify(SHARD_FORMAT)},"version":${INDEX_VERSION},"entries":[`);
const TAIL = Buffer.from(']}');
const CLOSE = Buffer.from('}');
const GZIP_LEVEL = 4;

/** A scratch buffer of its own (not a view into Node's shared pool), so that it can move to a worker and back. */
export function newScratch(bytes: number): Buffer {
  return Buffer.from(new ArrayBuffer(bytes));
}

/**
 * The shard's JSON, written into `scratch` (or a larger buffer when it does not fit: use the returned one next time),
 * and its SHA-1; `json` is null when the previous build had the same JSON. Reusing a few scratch buffers matters at
 * archive scale: gigabytes of fresh buffers would have the collector mark the whole heap hundreds of times.
 */
export function shardJson(
  plan: ShardPlan,
  scratch: Buffer,
): { jsonHash: Uint8Array; json: Buffer | null; scratch: Buffer } {
  const prefixes = plan.entries.map(({ keys }, i) => `${i > 0 ? ',' : ''}{"keys":${JSON.stringify(keys)},"coverage":`);
  let size = HEAD.length + TAIL.length;
  plan.entries.forEach(({ json }, i) => (size += Buffer.byteLength(prefixes[i] as string) + json.length + 1));
  const buffer = scratch.length >= size ? scratch : newScratch(Math.max(size, 2 * scratch.length));
  let written = HEAD.copy(buffer, 0);
  plan.entries.forEach(({ json }, i) => {
    written += buffer.write(prefixes[i] as string, written);
    buffer.set(json, written);
    written += json.length;
    written += CLOSE.copy(buffer, written);
  });
  written += TAIL.copy(buffer, written);
  const json = buffer.subarray(0, written);
  // A change detector for the builder's own state, not a published hash: the faster SHA-1 will do.
  const jsonHash = new Uint8Array(createHash('sha1').update(json).digest().subarray(0, SHARD_HASH_BYTES));
  if (plan.previousJsonHash !== null && sameBytes(plan.previousJsonHash, jsonHash)) {
    return { jsonHash, json: null, scratch: buffer };
  }
  return { jsonHash, json, scratch: buffer };
}

/**
 * A compressed shard: its file (null when the compressor wrote it to disk), its size, its content hash (the first 128
 * bits of SHA-256) and the scratch buffer it came in.
 */
export interface CompressedShard {
  gz: Uint8Array | null;
  bytes: number;
  hash: Uint8Array;
  scratch: Buffer;
}

// What a compressing thread runs: plain JavaScript, so it needs no build step under tsx, vitest or the packed CLI.
// With a folder to write to, the thread writes the file itself (under a temporary name, then renamed; a file of that
// content-addressed name already there is the same file) and sends back only its hash and size.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { gzipSync } = require('node:zlib');
const { createHash } = require('node:crypto');
const { existsSync, renameSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
parentPort.on('message', ({ id, scratch, length, level }) => {
  const packed = gzipSync(new Uint8Array(scratch, 0, length), { level });
  const hash = new Uint8Array(createHash('sha256').update(packed).digest().subarray(0, ${SHARD_HASH_BYTES}));
  if (workerData.writeTo !== null) {
    const { dir, before, after } = workerData.writeTo;
    const target = join(dir, before + Buffer.from(hash).toString('hex') + after);
    if (!existsSync(target)) {
      const temporary = target + '.' + process.pid + '.' + id + '.tmp';
      writeFileSync(temporary, packed);
      renameSync(temporary, target);
    }
    parentPort.postMessage({ id, scratch, gz: null, bytes: packed.length, hash }, [scratch]);
    return;
  }
  const gz = new Uint8Array(packed.length);
  gz.set(packed);
  parentPort.postMessage({ id, scratch, gz, bytes: gz.length, hash }, [scratch, gz.buffer]);
});
`;

/**
 * Gzips shards on worker threads. Each shard's JSON travels in its scratch buffer (moved, not copied) and comes back
 * with the file or, given a folder, after the file is written. On the builder's own thread every compression would
 * allocate zlib's state outside the heap, and at archive scale that pressure had the collector mark the builder's
 * large heap every few seconds; a worker's heap is small, so its collections are cheap.
 */
export class ShardCompressor {
  private readonly workers: Worker[];
  private readonly waiting = new Map<
    number,
    { resolve: (shard: CompressedShard) => void; reject: (error: Error) => void }
  >();
  private readonly load: number[];
  private nextId = 0;

  /**
   * `writeTo`: an index folder whose `shards/` the threads write the files into, so that a million shards never sit
   * in the builder's memory (holding them there had the collector mark its heap every few seconds).
   */
  constructor(writeTo: string | null, threads = Math.max(1, Math.min(4, availableParallelism()))) {
    const [before, after] = shardPath('\0').split('\0');
    const workerData = { writeTo: writeTo === null ? null : { dir: writeTo, before, after } };
    this.workers = Array.from({ length: threads }, (_, index) => {
      const worker = new Worker(WORKER_SOURCE, { eval: true, workerData });
      worker.on('message', (done: Omit<CompressedShard, 'scratch'> & { id: number; scratch: ArrayBuffer }) => {
        this.load[index] = (this.load[index] as number) - 1;
        const waiting = this.waiting.get(done.id);
        this.waiting.delete(done.id);
        waiting?.resolve({ gz: done.gz, bytes: done.bytes, hash: done.hash, scratch: Buffer.from(done.scratch) });
      });
      worker.on('error', (error) => this.failAll(error));
      // A thread that ends without an error (killed, out of memory) must not leave its shards waiting for ever.
      worker.on('exit', (code) => this.failAll(new Error(`A compressing thread stopped (exit code ${code}).`)));
      return worker;
    });
    this.load = this.workers.map(() => 0);
  }

  /** Compresses `json`, a view from the start of `scratch`; `scratch` is unusable until it comes back. */
  compress(json: Buffer, scratch: Buffer): Promise<CompressedShard> {
    if (json.buffer !== scratch.buffer || json.byteOffset !== 0 || scratch.byteOffset !== 0) {
      throw new Error('A shard is compressed from the start of its own scratch buffer.');
    }
    const id = this.nextId++;
    const index = this.load.indexOf(Math.min(...this.load));
    this.load[index] = (this.load[index] as number) + 1;
    const buffer = scratch.buffer as ArrayBuffer;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.workers[index]?.postMessage({ id, scratch: buffer, length: json.length, level: GZIP_LEVEL }, [buffer]);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
    this.failAll(new Error('The shard compressor was closed.'));
  }

  private failAll(error: Error): void {
    for (const { reject } of this.waiting.values()) reject(error);
    this.waiting.clear();
  }
}
