// Builds the publishers' CLI to one plain-JavaScript file, dist/cli/modelwire-lens.mjs: nothing is compiled when it
// starts, and it needs no package at run time (its libraries are bundled in), so `npm pack` gives a package that
// installs and runs anywhere Node 20.19+ is. Run by `npm run build:cli`, and by npm before packing (prepack) and
// after installing this project (prepare).
import { build } from 'esbuild';
import { chmodSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const outfile = fileURLToPath(new URL('../../../dist/cli/modelwire-lens.mjs', import.meta.url));
await build({
  entryPoints: [fileURLToPath(new URL('./bin.ts', import.meta.url))],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20.19',
  legalComments: 'eof',
  logLevel: 'warning',
  // Bundled CommonJS packages call require(); an ES module has none of its own.
  banner: {
    js: "#!/usr/bin/env node\nimport { createRequire as __lensRequire } from 'node:module';\nconst require = __lensRequire(import.meta.url);",
  },
});
chmodSync(outfile, 0o755);
console.log(`Built ${outfile}`);
