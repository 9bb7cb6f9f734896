// main() runs in the tests' own process (test/helpers/cli.ts), many runs at once: what it
// takes from its process comes through the Io. A relative path is the Io's working
// directory's, never the test runner's (which is the repository's root).
import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, copyShippedRepo, drivercert, json, tempDir } from '../helpers/cli.js';

const FORMATS = join(ROOT, 'test/fixtures/formats');

describe('main() in process', () => {
  it('reads a relative bundle from its working directory, naming it as given', async () => {
    const dir = tempDir('drivercert-io-');
    copyFileSync(join(ROOT, 'results/2025.2/lvm/lvm-2025.2.tgz'), join(dir, 'mine.tgz'));
    const r = await drivercert(['inspect', 'mine.tgz', '--format', 'json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(json<{ members: unknown[] }>(r).members.length).toBeGreaterThan(0);
    const missing = await drivercert(['inspect', 'gone.tgz'], { cwd: dir });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^gone\.tgz cannot read the bundle: no such file/);
  });

  it("takes validate's PATH and pack's inputs relative to its working directory", async () => {
    const repo = copyShippedRepo();
    // From results/, `2025.1` is results/2025.1 (relative to the repository, it names nothing).
    const v = await drivercert(['validate', '--repo', repo, '2025.1', '--format', 'json'], {
      cwd: join(repo, 'results'),
    });
    expect(json<{ summary: { submissions: number } }>(v).summary.submissions).toBe(3);
    const args = ['pack', '--repo', repo, '--driver', 'lvm', '--log', 'run.cert.log', '--subunit', 'run.subunit'];
    const stated = ['--submitter', 'octocat', '--backend-model', 'LVM', '--backend-version', '2.03', '--force'];
    const p = await drivercert([...args, ...stated], { cwd: FORMATS });
    expect(p.code, p.stderr).toBe(0);
    expect(p.stderr).toContain('(from run.subunit)');
    expect(existsSync(join(repo, 'results/2025.2/lvm/result.yaml'))).toBe(true);
  });

  it('a validate PATH that names no submission is a usage error (a typo must not say "valid")', async () => {
    const repo = copyShippedRepo();
    for (const path of ['results/2025.2/lvmm', 'results/2099', 'drivers.yaml']) {
      const r = await drivercert(['validate', '--repo', repo, path], { cwd: repo });
      expect(r.code, r.stderr).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(`PATH ${JSON.stringify(path)} names no submission`);
    }
    for (const path of ['results/2025.2/lvm', 'results/2025.2/lvm/result.yaml', 'results', '.']) {
      const r = await drivercert(['validate', '--repo', repo, path], { cwd: repo });
      expect(r.code, `${path}: ${r.stderr}${r.stdout}`).toBe(0);
    }
  });

  it('a DRIVERCERT_TODAY that is not a date is a usage error, not an internal one', async () => {
    for (const today of ['2025-13-45', 'tomorrow']) {
      const r = await drivercert(['validate', '--repo', copyShippedRepo()], { env: { DRIVERCERT_TODAY: today } });
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain(`DRIVERCERT_TODAY=${JSON.stringify(today)} is not a calendar date written YYYY-MM-DD`);
      expect(r.stderr).not.toMatch(/internal error|at .*\.js:\d+/);
    }
  });
});
