// The `drivercert` bin as npm and npx run it: the package's bin entry is the compiled
// dist/cli/main.js, which the build (run by `npm ci` through `prepare`, and by `pretest`)
// leaves executable with a node shebang. npx runs it through a link it made earlier, which
// does not make a rebuilt (or re-cloned) file executable again: the build has to.
// Most tests run the CLI in process (test/helpers/cli.ts); here the bin's own wiring of the
// process to main() is proved: its exit status, streams, working directory and environment.
import { accessSync, constants, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, copyShippedRepo, drivercertBin } from '../helpers/cli.js';

describe('the drivercert bin', () => {
  it('is the compiled main.js, executable, with a node shebang', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      bin: Record<string, string>;
      scripts: Record<string, string>;
    };
    expect(join(ROOT, pkg.bin.drivercert!)).toBe(BIN);
    expect(readFileSync(BIN, 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
    expect(() => accessSync(BIN, constants.X_OK)).not.toThrow();
    // Run as a program (not through node), as a shell runs it from npx's link.
    const r = spawnSync(BIN, ['--help'], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Usage: drivercert /);
  });

  it('hands main() its working directory and environment, and passes exit status and streams through', () => {
    const repo = copyShippedRepo();
    // A relative path is the working directory's; the date comes from the environment (not the pinned one).
    const closed = drivercertBin(['cycle', 'close', '--repo', '.'], {
      cwd: repo,
      env: { DRIVERCERT_TODAY: '2025-11-19' },
    });
    expect(closed.stderr).toContain('closed cycle 2025.2 on 2025-11-19');
    expect(closed.code, closed.stderr).toBe(0);
    expect(readFileSync(join(repo, 'results/2025.2/cycle.yaml'), 'utf8')).toMatch(/^closed: "?2025-11-19"?$/m);
    const valid = drivercertBin(['validate', 'results/2025.1', '--format', 'json'], { cwd: repo });
    expect(JSON.parse(valid.stdout)).toMatchObject({ ok: true });
    expect(valid.code).toBe(0);
    const usage = drivercertBin(['validate', '--format', 'yaml'], { cwd: repo });
    expect(usage.code).toBe(2);
    expect(usage.stdout).toBe('');
    expect(usage.stderr).toMatch(/^drivercert validate: --format must be one of text, json, github, markdown/);
  });
});
