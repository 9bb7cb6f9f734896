// The README's "Submitting results" guide, followed to the letter from a fresh clone:
// its commands (with a vendor's values filled in) produce a submission that
// `validate --changed-since` accepts for one of the driver's maintainers.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, TODAY } from '../helpers/cli.js';
import { GIT_ENV } from '../helpers/git.js';
import { openCycleForRunFixtures } from '../helpers/pack-inputs.js';
import { PullRequestBranch, createOrigin, type Origin } from '../helpers/pr-repo.js';
import { LVM_MAINTAINER, baseBranch } from './fixture.js';

const LOG = join(ROOT, 'test/fixtures/formats/run.cert.log');
const SUBUNIT = join(ROOT, 'test/fixtures/formats/run.subunit');

/** The shell blocks of the README's "Submitting results" section, in order. */
function guideBlocks(): string[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('### Submitting results');
  const end = readme.indexOf('\n### ', start + 1);
  expect(start).toBeGreaterThan(-1);
  const section = readme.slice(start, end);
  return [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!.replace(/^ {3}/gm, ''));
}

/** A vendor's values for the guide's placeholders. */
function fillIn(block: string): string {
  return block
    .replace(/npx drivercert/g, 'node dist/cli/main.js') // what npx runs; no network in the test
    .replace(/\/tmp\/tmp\.\w+/g, LOG)
    .replace(/~\/tempest\.subunit/g, SUBUNIT)
    .replace(/<your GitHub login>/g, LVM_MAINTAINER)
    .replace(/<driver>/g, 'lvm')
    .replace(/<cycle>/g, '2025.2')
    .replace(/upstream\/main/g, 'origin/main')
    .replace(/\\\n/g, ' ');
}

let origin: Origin;
beforeAll(async () => {
  origin = await createOrigin((dir) => {
    baseBranch(dir);
    openCycleForRunFixtures(dir);
  });
});

describe("the README's submitting guide", () => {
  it('has the pack, commit and validate steps', () => {
    const blocks = guideBlocks();
    expect(blocks.some((b) => b.includes('npx drivercert pack'))).toBe(true);
    expect(blocks.some((b) => b.includes('npx drivercert validate --changed-since'))).toBe(true);
  });

  it('produces a submission that validate --changed-since accepts for a maintainer', () => {
    const pr = new PullRequestBranch(origin, 'guide');
    // Steps 1 and 2 (running the cert script, cloning and `npm ci`) happened: the clone has the tool.
    const steps = guideBlocks()
      .filter((b) => /npx drivercert (pack|validate)|git (add|commit)/.test(b))
      .map(fillIn);
    expect(steps.length).toBeGreaterThanOrEqual(2);
    let last = { status: -1, stdout: '', stderr: '' } as { status: number | null; stdout: string; stderr: string };
    for (const script of steps) {
      last = spawnSync('bash', ['-euo', 'pipefail', '-c', script], {
        cwd: pr.dir,
        env: { ...process.env, ...GIT_ENV, DRIVERCERT_TODAY: TODAY },
        encoding: 'utf8',
      });
      expect(last.status, `${script}\n${last.stdout}\n${last.stderr}`).toBe(0);
    }
    expect(last.stdout).toMatch(/^valid: /m);
    expect(last.stderr).toMatch(/a submission of results\/2025\.2\/lvm\/ since origin\/main/);
  });
});
