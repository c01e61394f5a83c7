import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    // Real-browser tests run from vitest.e2e.config.ts, after a build.
    exclude: ['test/e2e/**', 'node_modules/**'],
    environment: 'node',
    // Property tests run thousands of cases; on a loaded 2-core machine 5 s is not enough.
    testTimeout: 60_000,
  },
});
