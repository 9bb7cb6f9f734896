// A command left waiting on a promise that can no longer settle must not exit 0: Node would
// exit quietly with status 0 once nothing is left to wait for (a hostile bundle once made
// inspect and validate do exactly that).
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, tempDir } from '../helpers/cli.js';

describe('a command that never finishes', () => {
  it('exits 1 saying so, instead of 0 in silence', () => {
    const dir = tempDir('drivercert-unsettled-');
    // Every file read becomes a stream that never says anything more: the bundle reader waits forever, on nothing.
    const preload = join(dir, 'never.mjs');
    writeFileSync(
      preload,
      "import fs from 'node:fs';\nimport { Readable } from 'node:stream';\nimport { syncBuiltinESMExports } from 'node:module';\nfs.createReadStream = () => new Readable({ read() {} });\nsyncBuiltinESMExports();\n",
    );
    writeFileSync(join(dir, 'b.tgz'), 'x');
    const r = spawnSync(process.execPath, ['--import', preload, BIN, 'inspect', join(dir, 'b.tgz')], {
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      'drivercert: internal error: the command stopped before it finished (it was left waiting on nothing)\n  This is a bug in drivercert; please report it with the command you ran.\n',
    );
  });
});
