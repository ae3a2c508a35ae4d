// A worker of `npm run bench:index`: makes synthetic coverages `from`–`to` and their index records, timing the record
// step (index keys and JSON: part of building) apart from making the coverage (not part of it).
import { parentPort, workerData } from 'node:worker_threads';
import { toIndexRecord, type IndexRecord } from '../../lib/index/build';
import { syntheticCoverage } from './synthetic-coverage';

const { from, to, revision } = workerData as { from: number; to: number; revision: number };
const records: IndexRecord[] = [];
let recordMs = 0;
for (let i = from; i < to; i++) {
  const coverage = syntheticCoverage(i, revision);
  const started = performance.now();
  records.push(toIndexRecord(coverage));
  recordMs += performance.now() - started;
}
parentPort?.postMessage({ records, recordMs });
