// A worker thread of the index builder: renders the shards it is given (lib/index/render.ts) and sends them back.
// Its input is packed: the records' JSON in one transferred buffer, each shard's entries as (record, keys) pairs.
import { parentPort, workerData } from 'node:worker_threads';
import { renderShard, type RenderedShard } from './render';

export interface RenderJob {
  json: Uint8Array;
  /** Start of each record's JSON in `json`, and one past the last. */
  offsets: Uint32Array;
  shards: Array<{ entries: Array<[number, string[]]>; previousJsonHash: Uint8Array | null }>;
}

const job = workerData as RenderJob;
const rendered: RenderedShard[] = job.shards.map((shard) =>
  renderShard({
    previousJsonHash: shard.previousJsonHash,
    entries: shard.entries.map(([record, keys]) => ({
      keys,
      json: job.json.subarray(job.offsets[record] as number, job.offsets[record + 1] as number),
    })),
  }),
);
const transfer = rendered.flatMap((shard) => (shard.gz ? [shard.gz.buffer as ArrayBuffer] : []));
parentPort?.postMessage(rendered, transfer);
