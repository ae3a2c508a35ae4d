import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

// Browser tests: the production builds in real Chromium and Firefox ESR, one file at a time (each file launches one
// browser of each kind in turn).
export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
