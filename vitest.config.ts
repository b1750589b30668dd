import { defineConfig } from 'vitest/config';

// Three kinds of test, one command (`npm test`):
// - unit: beside the code, no servers (worker, web helpers, stand-in internals)
// - integration: test/db, test/contract, test/rights, test/worker against one local stack started once
// - e2e: test/e2e, headless Chromium against the built SPA served by wrangler dev
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['supabase/local/**/*.test.ts', 'worker/**/*.test.ts', 'web/src/**/*.test.ts', 'scripts/**/*.test.ts'],
          environment: 'node',
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/db/**/*.test.ts', 'test/contract/**/*.test.ts', 'test/rights/**/*.test.ts', 'test/worker/**/*.test.ts', 'test/deploy/**/*.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/support/global-setup.ts', 'test/e2e/support/global-setup.ts'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
