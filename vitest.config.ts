import { availableParallelism } from 'node:os';
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
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

// The files that take longest (10–35 s each, measured on this 2-core machine), started first.
// vitest orders files by the durations it remembers, but a fresh clone (CI) has none: there,
// a 30 s file started last ran alone for its last 30 s, and the suite took 158 s instead of
// ~128 s. Files not listed keep vitest's own order after these.
const SLOWEST_FIRST = [
  'test/hostile/corpus.test.ts',
  'test/pr/e2e-validate-workflow.test.ts',
  'test/rules/pull-request.test.ts',
  'test/hostile/fuzz.test.ts',
  'test/pr/e2e-publish-workflow.test.ts',
  'test/formats/reference.test.ts',
  'test/bundle/secrets-redact.test.ts',
  'test/hostile/faults.test.ts',
  'test/pr/lfs-end-to-end.test.ts',
  'test/site/browser.test.ts',
];

class SlowestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const ordered = await super.sort(files);
    const rank = (f: TestSpecification) => {
      const i = SLOWEST_FIRST.indexOf(relative(this.ctx.config.root, f.moduleId).split('\\').join('/'));
      return i === -1 ? SLOWEST_FIRST.length : i;
    };
    return ordered
      .map((f, i) => ({ f, i }))
      .sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i)
      .map((x) => x.f);
  }
}

export default defineConfig({
  test: {
    setupFiles: ['test/setup.ts'],
    sequence: { sequencer: SlowestFirst },
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
