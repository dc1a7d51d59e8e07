/**
 * `npm run test:unit`: the pure modules only — no hub, no store, no Redis, no browser, no child
 * process — so it answers in seconds while editing. `npm test` still runs everything, these included.
 * A new test belongs here when it imports nothing that listens, spawns or opens a database.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'test/config.test.ts',
      'test/client-build.test.ts',
      'test/client/i18n.test.ts',
      'test/db/embedded/compare-values.test.ts',
      'test/db/embedded/fast-filter.test.ts',
      'test/db/embedded/fast-projection.test.ts',
      'test/docs/self-contained.test.ts',
      'test/hardening/attacks/photo-url-lifetime.test.ts',
      'test/load/artillery.test.ts',
      'test/modules/accounts/passwords.test.ts',
      'test/modules/friends/audience-join.test.ts',
      'test/modules/friends/raw-edge.test.ts',
      'test/modules/presence/memory-tracker.test.ts',
      'test/modules/accounts/tokens.test.ts',
      'test/modules/games/gomoku-rules.test.ts',
      'test/modules/moderation/han-variants.test.ts',
      'test/modules/moderation/screening.test.ts',
      'test/ops/deployment-config.test.ts',
      'test/ops/dockerfile.test.ts',
      'test/scripts/check-cycles.test.ts',
    ],
    pool: 'threads',
    maxWorkers: 2,
    testTimeout: 30_000,
    reporters: ['default'],
  },
});
