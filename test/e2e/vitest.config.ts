import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

// Browser tests: the production build in real Chromium, one file at a time (each launches its own browser).
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
