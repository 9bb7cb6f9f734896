// The `drivercert` bin as npm and npx run it: the package's bin entry is the compiled
// dist/cli/main.js, which the build (run by `npm ci` through `prepare`, and by `pretest`)
// leaves executable with a node shebang. npx runs it through a link it made earlier, which
// does not make a rebuilt (or re-cloned) file executable again: the build has to.
import { accessSync, constants, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT } from '../helpers/cli.js';

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
});
