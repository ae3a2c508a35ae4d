// The index folder on disk: writing a build's files (the manifest last, so a reader never sees a manifest whose files
// are missing) and reading what the previous build left for the next one.
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { BuildResult, PreviousBuild } from './build';
import { decodeTable, encodeTable, MANIFEST_NAME, parseManifest } from './format';

const STATE_DIR = '.build';

async function writeAtomically(path: string, bytes: Uint8Array | string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, bytes);
  await rename(temporary, path);
}

/**
 * Writes a build into `dir`: new content-addressed files (skipping those already there), the builder's state, then
 * the manifest. Killed part way, the folder still serves the previous generation whole.
 */
export async function writeIndex(dir: string, result: BuildResult): Promise<void> {
  if (result.manifest === null || result.next === null) return;
  const paths = [...result.files.keys()];
  const dirs = new Set(paths.map((path) => dirname(join(dir, path))));
  for (const folder of dirs) await mkdir(folder, { recursive: true });
  const pending = new Set<Promise<void>>();
  for (const path of paths) {
    const target = join(dir, path);
    if (existsSync(target)) continue;
    const task = writeAtomically(target, result.files.get(path) as Uint8Array);
    pending.add(task);
    void task.finally(() => pending.delete(task));
    if (pending.size >= 32) await Promise.race(pending);
  }
  await Promise.all(pending);
  const next = result.next;
  const state = join(dir, STATE_DIR);
  await writeAtomically(join(state, 'keys.bin'), new Uint8Array(next.keyHashes.buffer, 0, next.keyHashes.byteLength));
  await writeAtomically(join(state, 'table.bin'), encodeTable(next.table));
  await writeAtomically(join(state, 'json-hashes.bin'), next.jsonHashes);
  await writeAtomically(join(state, 'generation.txt'), String(next.manifest.generation));
  await writeAtomically(join(dir, MANIFEST_NAME), `${JSON.stringify(result.manifest, null, 2)}\n`);
}

/** What the last complete build in `dir` left, or null (no build yet, or its state does not match its manifest). */
export async function readPreviousBuild(dir: string): Promise<PreviousBuild | null> {
  try {
    const manifest = parseManifest(JSON.parse(await readFile(join(dir, MANIFEST_NAME), 'utf8')));
    if (!manifest.ok) return null;
    const state = join(dir, STATE_DIR);
    if ((await readFile(join(state, 'generation.txt'), 'utf8')).trim() !== String(manifest.value.generation))
      return null;
    const table = decodeTable(new Uint8Array(await readFile(join(state, 'table.bin'))), manifest.value.counts.shards);
    if (!table.ok) return null;
    const keys = await readFile(join(state, 'keys.bin'));
    const keyHashes = new BigUint64Array(keys.buffer.slice(keys.byteOffset, keys.byteOffset + keys.byteLength));
    const jsonHashes = new Uint8Array(await readFile(join(state, 'json-hashes.bin')));
    if (jsonHashes.length !== table.value.hashes.length) return null;
    return { manifest: manifest.value, table: table.value, keyHashes, jsonHashes };
  } catch {
    return null;
  }
}
