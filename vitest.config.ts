import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // No parse cache: every test reads its files (test/parse-cache.test.ts tests the cache itself).
    env: { DRIVERCERT_TODAY: '2025-11-20', DRIVERCERT_CACHE_DIR: 'off' },
  },
});
