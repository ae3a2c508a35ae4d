// `npm run size`: raw and gzipped size of each entrypoint of the Chrome build, ending with one JSON line.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { EXTENSION_DIR } from './browser';

if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
  console.error(`No build at ${EXTENSION_DIR}: run "npm run build" first.`);
  process.exit(1);
}

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

const rows = files(EXTENSION_DIR)
  .filter((path) => /\.(js|css|html)$/.test(path))
  .map((path) => {
    const bytes = readFileSync(path);
    return { file: relative(EXTENSION_DIR, path), bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  })
  .sort((a, b) => b.gzip - a.gzip);
console.table(rows);
console.log(
  JSON.stringify({ bundle: Object.fromEntries(rows.map((row) => [row.file, { bytes: row.bytes, gzip: row.gzip }])) }),
);
