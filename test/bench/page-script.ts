// What the in-browser benchmarks share: one of their modules bundled into a script a page can evaluate (and, again,
// the quantiles).
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** Bundles `./<file>` (next to this one) into one minified script for `page.evaluate`. */
export async function pageScript(file: string): Promise<string> {
  const bundle = await build({
    entryPoints: [fileURLToPath(new URL(`./${file}`, import.meta.url))],
    bundle: true,
    minify: true,
    format: 'iife',
    write: false,
    platform: 'browser',
  });
  return bundle.outputFiles[0]?.text ?? '';
}

export { quantiles } from './quantiles';
