import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';
import { fileURLToPath } from 'node:url';

// Unit tests: lib/ logic in Node with WXT's fake browser and an in-memory IndexedDB.
export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  plugins: [WxtVitest()],
  test: {
    include: ['test/unit/**/*.test.ts', 'test/unit/**/*.test.tsx'],
    setupFiles: ['fake-indexeddb/auto'],
    environment: 'happy-dom',
    mockReset: true,
    restoreMocks: true,
    // Unit tests check behaviour, never speed (benchmarks do that): a limit a busy 2-core machine running another
    // test suite beside this one also meets.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
