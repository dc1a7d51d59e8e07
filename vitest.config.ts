import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // A folder per run for the browser tests' one client build (test/e2e/client-once.ts).
    globalSetup: ['test/setup/client-build-folder.ts'],
    // Native addons (uWebSockets.js, lmdb, sharp) are safest in child processes.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    teardownTimeout: 20_000,
    reporters: ['default'],
  },
});
