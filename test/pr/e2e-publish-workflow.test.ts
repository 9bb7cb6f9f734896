// End to end: the publish workflow's own script (.github/scripts/publish.sh) after merges
// to a scratch origin's main. What it pushes must be exactly what the generators give,
// for every file of the GENERATED registry (MATRIX.md joins them when `matrix` lands);
// and when main moves during a run, it regenerates on the new tip instead of losing it.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { GENERATED } from '../../scripts/lib/generated.js';
import { ROOT, drivercert } from '../helpers/cli.js';
import { git } from '../helpers/git.js';
import {
  PullRequestBranch,
  cloneOrigin,
  createOrigin,
  editRegistry,
  runScript,
  type Origin,
} from '../helpers/pr-repo.js';
import { writeSubmission } from '../helpers/submission.js';
import { CORE, LVM_MAINTAINER, baseBranch } from './fixture.js';

let origin: Origin;
beforeAll(async () => {
  origin = await createOrigin((dir) => baseBranch(dir));
});

/** The publish job: a fresh checkout of main, then publish.sh. */
function publish(env: Record<string, string> = {}, prepare: (dir: string) => void = () => {}) {
  const dir = cloneOrigin(origin, 'publish');
  prepare(dir);
  const run = runScript(dir, 'publish.sh', { PUBLISH_DELAY: '0', ...env });
  return { dir, ...run };
}

/** A fresh clone of origin's main after publishing. */
function mainNow(): string {
  return cloneOrigin(origin, 'main-now');
}

/** Every generated file on main equals its generator's output for main's data. */
async function expectGeneratedFresh(dir: string): Promise<void> {
  for (const g of GENERATED) {
    const expected = await g.render(dir);
    expect(existsSync(join(dir, g.path)), `${g.path} exists`).toBe(true);
    expect(readFileSync(join(dir, g.path), 'utf8'), `${g.path} equals \`${g.command}\``).toBe(expected);
  }
}

describe('the publish workflow', () => {
  it('lists every generated file with the command that writes it', () => {
    const script = readFileSync(join(ROOT, '.github/scripts/publish.sh'), 'utf8');
    for (const g of GENERATED) {
      const command = g.command.replace(/^npx drivercert /, '');
      expect(script, `publish.sh regenerates ${g.path}`).toContain(`"${command} ${g.path}"`);
    }
  });

  it('does nothing when the generated files are up to date', () => {
    const before = git(mainNow(), 'rev-parse', 'HEAD').trim();
    const run = publish();
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('the generated files are up to date on main');
    expect(git(mainNow(), 'rev-parse', 'HEAD').trim()).toBe(before);
  });

  it('after a merged maintainer change, pushes the files the generators give', async () => {
    const pr = new PullRequestBranch(origin, 'add-maintainer');
    editRegistry(pr.dir, (doc, index) => doc.setIn(['drivers', index('rbd'), 'maintainers'], ['rita']));
    pr.commit('rbd gets a maintainer').merge({ publish: false });
    const run = publish();
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/published [0-9a-f]+ to main/);
    const main = mainNow();
    expect(git(main, 'log', '-1', '--format=%an %s')).toMatch(
      /^github-actions\[bot\] Publish: regenerate the generated files/,
    );
    expect(readFileSync(join(main, '.github/CODEOWNERS'), 'utf8')).toContain('/results/*/rbd/ @rita\n');
    await expectGeneratedFresh(main);
    expect((await drivercert(['codeowners', '--check', '--repo', main])).code).toBe(0);
  });

  it('after a merged submission, leaves main valid with fresh generated files', async () => {
    const pr = new PullRequestBranch(origin, 'lvm-merged');
    writeSubmission(pr.dir, { driver: 'lvm', cycle: '2025.2', submitter: LVM_MAINTAINER, submitted: '2025-11-02' });
    pr.commit().merge({ publish: false });
    const run = publish();
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const main = mainNow();
    await expectGeneratedFresh(main);
    expect((await drivercert(['validate', '--repo', main])).code).toBe(0);
  });

  it('regenerates on the new tip when main moves during the run, losing nothing', async () => {
    // First merge: rbd gets a second maintainer; publishing starts from here.
    const first = new PullRequestBranch(origin, 'race-first');
    editRegistry(first.dir, (doc, index) => doc.setIn(['drivers', index('rbd'), 'maintainers'], ['rita', 'ron']));
    first.commit().merge({ publish: false });
    // While publish runs, another merge lands (a pre-push hook makes it land just before the push).
    const second = new PullRequestBranch(origin, 'race-second');
    editRegistry(second.dir, (doc, index) =>
      doc.setIn(['drivers', index('lvm'), 'maintainers'], [LVM_MAINTAINER, 'ana']),
    );
    second.commit();
    const run = publish({}, (dir) => {
      const flag = join(dir, '.git', 'raced');
      const hook = join(dir, '.git', 'hooks', 'pre-push');
      writeFileSync(
        hook,
        `#!/usr/bin/env bash\nif [ ! -e "${flag}" ]; then\n  touch "${flag}"\n  cd "${second.dir}" && git fetch -q origin main && git merge -q --no-ff --no-edit origin/main && git push -q origin HEAD:main\nfi\n`,
        { mode: 0o755 },
      );
    });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/main moved while publishing \(attempt 1 of 5\): regenerating on its new tip/);
    const main = mainNow();
    const owners = readFileSync(join(main, '.github/CODEOWNERS'), 'utf8');
    expect(owners).toContain('/results/*/rbd/ @rita @ron\n');
    expect(owners).toContain('/results/*/lvm/ @alice @ana\n');
    await expectGeneratedFresh(main);
    // The other merge is in main's history, under the published commit.
    expect(git(main, 'log', '--format=%s', '-3')).toMatch(/^Publish: regenerate the generated files\n/);
  });

  it('gives up after a bounded number of attempts', () => {
    const pr = new PullRequestBranch(origin, 'never-lands');
    editRegistry(pr.dir, (doc, index) => doc.setIn(['drivers', index('rbd'), 'maintainers'], [CORE]));
    pr.commit().merge({ publish: false });
    const run = publish({ PUBLISH_ATTEMPTS: '2' }, (dir) => {
      writeFileSync(join(dir, '.git', 'hooks', 'pre-push'), '#!/usr/bin/env bash\nexit 1\n', { mode: 0o755 });
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/attempt 2 of 2/);
    expect(run.stderr).toContain('::error::could not publish to main after 2 attempts');
  });
});
