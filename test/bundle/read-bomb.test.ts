// A gzip bomb is stopped while it inflates: within seconds, and without the memory.
// Each bomb runs in its own process so its peak RSS can be read.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

function runBomb(mode: string): { code?: string; message: string; ms: number; maxRssMiB: number } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'test/bundle/children/bomb.ts'), mode], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (r.status !== 0) throw new Error(`bomb child failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as { code?: string; message: string; ms: number; maxRssMiB: number };
}

describe('readBundle against a gzip bomb', () => {
  it.each([
    ['one gzip stream of 10 GiB of zeros, compressed as it is read', 'streamed'],
    ['160 concatenated gzip members of 64 MiB of zeros each (10 MB that inflate to 10 GiB)', 'concatenated'],
  ])('refuses %s while inflating, in seconds and under 200 MB', (_what, mode) => {
    const r = runBomb(mode);
    expect(r.code).toBe('ratio-exceeded');
    expect(r.message).toMatch(
      /^the bundle inflates more than 200 times \(64(\.\d)? MiB from [\d.]+ KiB\) while reading member "zeros.log": a compression bomb\?$/,
    );
    expect(r.ms).toBeLessThan(5_000);
    expect(r.maxRssMiB).toBeLessThan(200);
  });
});
