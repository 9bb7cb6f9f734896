import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Most tests run the CLI in process (test/helpers/cli.ts), so the suite is CPU-bound in its
// workers: one worker per core (vitest's default leaves one core idle), worker threads without
// a fresh module graph per file (each file would otherwise load and compile the CLI, its
// schemas and vitest again: 24 s of CPU on this suite). Test files still get their own module
// scope and their own cleanup (test/setup.ts); no test may chdir or change process.env, and in
// a worker thread chdir throws.
//
// A file that replaces a module with vi.mock needs a module graph of its own (in a shared one,
// the real module may already be loaded by an earlier file): list it in MOCKS_MODULES.
const MOCKS_MODULES = ['test/checks/runner.test.ts'];

export default defineConfig({
  test: {
    setupFiles: ['test/setup.ts'],
    pool: 'threads',
    maxWorkers: availableParallelism(),
    testTimeout: 60_000,
    hookTimeout: 60_000,
    env: { DRIVERCERT_TODAY: '2025-11-20' },
    projects: [
      {
        extends: true,
        test: { name: 'shared', include: ['test/**/*.test.ts'], exclude: MOCKS_MODULES, isolate: false },
      },
      { extends: true, test: { name: 'isolated', include: MOCKS_MODULES, isolate: true } },
    ],
  },
});
