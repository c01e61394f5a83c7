import { defineConfig } from 'vitest/config';

// Real-browser end-to-end tests of the BUILT extension (.output/chrome-mv3, .output/firefox-mv2).
// Build first: `wxt build && wxt build -b firefox` (the npm script does). No WxtVitest plugin here:
// these tests run in Node and drive real browsers; nothing is faked.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    environment: 'node',
    globalSetup: ['test/e2e/global-setup.ts'],
    // One browser at a time: 2 cores, and each launch is heavy.
    fileParallelism: false,
    maxWorkers: 1,
    sequence: { concurrent: false },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
    // A flaky launch is a bug to see, not to hide.
    retry: 0,
  },
});
