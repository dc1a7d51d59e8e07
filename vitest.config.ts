import { defineConfig } from 'vitest/config';
import SlowestFirstSequencer from './test/setup/sequencer.js';

export default defineConfig({
  test: {
    // Native addons (uWebSockets.js, lmdb, sharp) are safest in child processes.
    pool: 'forks',
    maxWorkers: 2,
    // Twice the longest default-timed server test on a quiet box (an input battery, an image queue: 11–13 s),
    // doubled again for a CI box at half speed; long tests name their own.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    teardownTimeout: 20_000,
    reporters: ['default'],
    // The slowest files start first (test/setup/sequencer.ts), so the run does not end on one of them.
    sequence: { sequencer: SlowestFirstSequencer },
    // Hubs that tests spawn as processes (the cluster runner, `npm start`) hash new passwords at a low
    // scrypt cost, as in-process test hubs do (test/helpers/hub.ts: testPasswordCost).
    env: { PASSWORD_SCRYPT_N: '1024' },
    projects: [
      {
        extends: true,
        test: {
          name: 'server',
          include: ['test/**/*.test.ts'],
          exclude: ['test/e2e/**'],
          // The static-client test serves the browser tests' one client build (test/e2e/client-once.ts).
          globalSetup: ['test/setup/client-build-folder.ts'],
          // Every file starts its own hubs, stores, Redis servers and processes and closes them, and no
          // test mocks a module or changes the environment: a worker keeps its imported modules from file
          // to file instead of loading mongoose, Socket.IO, sharp and the server again for each (that was
          // 300 s of a run's 970, summed over the two workers).
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/e2e/**/*.test.ts'],
          // A browser test drives two or three pages, each waiting on the hub and on Chromium: 5–10 s on a
          // quiet 2-core box, and a CI box can run at half that speed while the checks share it (a 30 s
          // budget ran out there once, on a test that takes 5 s here). Waits still fail on what is missing.
          testTimeout: 90_000,
          // Concurrent tests (i18n-a11y's routes) open at most three pages at once in their browser.
          maxConcurrency: 3,
          // As the server project: a worker keeps its loaded modules (the hub's, Playwright's) and its
          // Chromium (test/e2e/browser.ts) from one file to the next; each file closes its hub and contexts.
          isolate: false,
          // A folder per run for the browser tests' one client build (test/e2e/client-once.ts), shared with the server project.
          globalSetup: ['test/setup/client-build-folder.ts'],
        },
      },
    ],
  },
});
