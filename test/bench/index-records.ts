// A worker of `npm run bench:index`: makes synthetic coverages `from`–`to` and their index records, timing the record
// step (index keys and JSON: part of building) apart from making the coverage (not part of it). The records' JSON
// goes back in one transferred buffer (as the CLI's records share Node's buffer pool), not a buffer per record.
import { parentPort, workerData } from 'node:worker_threads';
import { toIndexRecord, type IndexRecord } from '../../lib/index/build';
import { syntheticCoverage } from './synthetic-coverage';

/** What a worker posts: `json` holds record i's JSON from `ends[i - 1]` (0 for the first) to `ends[i]`. */
export interface PackedRecords {
  ids: string[];
  keys: string[][];
  json: ArrayBuffer;
  ends: Float64Array;
  recordMs: number;
}

/** The records a worker packed, each one's JSON a view into the shared buffer. */
export function unpackRecords(packed: PackedRecords): IndexRecord[] {
  const bytes = new Uint8Array(packed.json);
  return packed.ids.map((id, i) => ({
    id,
    keys: packed.keys[i] as string[],
    json: bytes.subarray(i === 0 ? 0 : (packed.ends[i - 1] as number), packed.ends[i] as number),
  }));
}

if (parentPort !== null) {
  const { from, to, revision } = workerData as { from: number; to: number; revision: number };
  const records: IndexRecord[] = [];
  let recordMs = 0;
  for (let i = from; i < to; i++) {
    const coverage = syntheticCoverage(i, revision);
    const started = performance.now();
    records.push(toIndexRecord(coverage));
    recordMs += performance.now() - started;
  }
  const ends = new Float64Array(records.length);
  let end = 0;
  records.forEach((record, i) => (ends[i] = end += record.json.length));
  const json = new Uint8Array(end);
  records.forEach((record, i) => json.set(record.json, i === 0 ? 0 : (ends[i - 1] as number)));
  const packed: PackedRecords = {
    ids: records.map((record) => record.id),
    keys: records.map((record) => record.keys),
    json: json.buffer,
    ends,
    recordMs,
  };
  parentPort.postMessage(packed, [json.buffer]);
}
