// End to end: the validate workflow's own script (.github/scripts/validate-pr.sh) on pull
// requests against a scratch origin, checked out as GitHub does (the merge commit). Every
// rule of "Rules a pull request is held to" (README, docs/design.md) is broken once, and each
// failure must come with its rule's id and name and a message naming the file.
import { existsSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { GENERATED } from '../../scripts/lib/generated.js';
import { mdText } from '../../scripts/lib/report/markdown-escape.js';
import { drivercert } from '../helpers/cli.js';
import {
  PullRequestBranch,
  cloneOrigin,
  createOrigin,
  editRegistry,
  makeExecutable,
  regenerateAll,
  runScript,
  type Origin,
  type WorkflowRun,
} from '../helpers/pr-repo.js';
import { writeSubmission } from '../helpers/submission.js';
import { CORE, LVM_MAINTAINER, NFS_MAINTAINER, TEST_A, TEST_B, baseBranch } from './fixture.js';

/** The rules broken here: the id an annotation is titled with, and the name the report and the annotation show. */
const RULES = {
  oneFolder: ['pr-one-folder', 'a submission touches exactly one results/<cycle>/<driver>/ folder'],
  openCycle: ['pr-open-cycle', 'a submission goes to the open cycle'],
  outside: ['pr-outside-folder', 'a submission changes nothing outside its folder'],
  generatedUntouched: ['pr-generated-untouched', 'a submission leaves the generated files alone'],
  merged: ['pr-merged-results', 'a merged result never changes or disappears'],
  gitEntries: [
    'pr-git-entries',
    'results/ holds plain files, and nothing links outside the repository or adds a submodule',
  ],
  author: [
    'pr-author',
    "the author is one of the driver's maintainers or a core reviewer (drivers.yaml on the base branch)",
  ],
  withdrawal: ['pr-withdrawal-author', 'only a core reviewer withdraws a result'],
  generatedFresh: ['pr-generated-fresh', 'a changed generated file equals its regeneration'],
  driver: ['submission-driver', 'the driver is registered and, in the open cycle, not removed'],
  files: ['submission-files', 'a submission folder holds result.yaml, one bundle and an optional README.md'],
} as const;
const RULE = Object.fromEntries(Object.entries(RULES).map(([k, [id]]) => [k, id])) as {
  [K in keyof typeof RULES]: (typeof RULES)[K][0];
};
const NAME = new Map<string, string>(Object.values(RULES));

let origin: Origin;
beforeAll(async () => {
  origin = await createOrigin((dir) => baseBranch(dir));
});

/** A branch with lvm's submission for the open cycle, as its maintainer makes it. */
function lvmSubmission(branch: string): PullRequestBranch {
  const pr = new PullRequestBranch(origin, branch);
  writeSubmission(pr.dir, {
    driver: 'lvm',
    cycle: '2025.2',
    submitter: LVM_MAINTAINER,
    submitted: '2025-11-02',
    failed: [TEST_B],
  });
  return pr;
}

/** The run failed on `rule` (an id), with an annotation on `file` whose message matches. */
function expectRule(run: WorkflowRun, rule: string, file: string, message: RegExp): void {
  const errors = run.annotations.filter((a) => a.level === 'error');
  expect(run.code, `exit status; stdout:\n${run.stdout}\nstderr:\n${run.stderr}`).toBe(1);
  const hit = errors.find((a) => a.title === rule && a.file === file && message.test(a.message));
  expect(
    hit,
    `no "${rule}" error on ${file} matching ${message}; got:\n${errors.map((e) => `${e.title} | ${e.file} | ${e.message}`).join('\n')}`,
  ).toBeDefined();
  expect(hit!.message).toMatch(/\ntip: \S/);
  expect(hit!.message.endsWith(`\nrule: ${NAME.get(rule)}`)).toBe(true);
  // The reviewer's report names the rule and the file, too.
  expect(run.report).toContain(mdText(NAME.get(rule)!));
  expect(run.report).toMatch(/^## ❌ drivercert: \d+ errors?/);
  expect(run.stdout).not.toMatch(/\n\s+at .*\.js:\d+/);
}

function errorTitles(run: WorkflowRun): string[] {
  return [...new Set(run.annotations.filter((a) => a.level === 'error').map((a) => a.title))].sort();
}

describe('the validate workflow on a submission', () => {
  it('passes a valid submission by a maintainer, with the report in the artifact and the job summary', () => {
    const pr = lvmSubmission('lvm-valid').commit('lvm results for 2025.2');
    const run = pr.validate(LVM_MAINTAINER);
    expect(run.annotations.filter((a) => a.level === 'error')).toEqual([]);
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(run.stderr).toMatch(/a submission of results\/2025\.2\/lvm\/ since origin\/main/);
    expect(run.prNumber.trim()).toBe(String(pr.number));
    expect(run.summary).toBe(run.report);
    const report = run.report;
    expect(report).toMatch(/^## ✅ drivercert: valid/);
    expect(report).toContain('**Submission** of `results/2025.2/lvm/` by `alice`');
    expect(report).toMatch(/\| Verdict \| \*\*failed\*\* \|/);
    expect(report).toMatch(/Required capabilities \| 12 passed · 1 failed · 0 missing/);
    expect(report).toContain(`Newly failing (1): \`${TEST_B}[id-3f591b4a-7dc6-444c-bd51-77469506b3a1]\``);
    expect(report).toContain(`Newly passing (1): \`${TEST_A}[id-77838fc4-b49b-4c64-9533-166762517369]\``);
    expect(report).toContain('**The matrix row this produces:**');
    expect(report).toMatch(
      new RegExp(
        '\\| Logical Volume Manager \\\\\\(LVM\\\\\\) Reference Driver \\(`lvm`\\) \\| OpenStack Cinder \\| iSCSI \\| supported ' +
          '\\| \\*\\*failed\\*\\* · \\d+/\\d+ tests passed, 1 failed · 2025-05-01 · submission results/2025\\.1/lvm/ ' +
          '\\| \\*\\*failed\\*\\* · \\d+/\\d+ tests passed, 1 failed · 2025-11-02 · submission results/2025\\.2/lvm/ \\|',
      ),
    );
  });

  it('passes a core reviewer submitting for a driver without maintainers', () => {
    const pr = new PullRequestBranch(origin, 'rbd-by-core');
    writeSubmission(pr.dir, { driver: 'rbd', cycle: '2025.2', submitter: CORE });
    const run = pr.commit().validate(CORE);
    expect(run.code, run.stdout).toBe(0);
    expect(run.report).toContain("this is the driver's first submission");
  });

  it("fails a second driver's folder in the same pull request", () => {
    const pr = lvmSubmission('two-drivers');
    writeSubmission(pr.dir, { driver: 'rbd', cycle: '2025.2', submitter: LVM_MAINTAINER });
    const run = pr.commit().validate(LVM_MAINTAINER);
    expectRule(
      run,
      RULE.oneFolder,
      'results/2025.2/rbd/',
      /also changes another driver's folder \(rbd\) \(2 files: 2 added\); a submission changes only its own folder, results\/2025\.2\/lvm\//,
    );
  });

  it('fails a submission to a closed cycle', () => {
    const pr = new PullRequestBranch(origin, 'closed-cycle');
    writeSubmission(pr.dir, { driver: 'rbd', cycle: '2025.1', submitter: CORE, submitted: '2025-06-01' });
    const run = pr.commit().validate(CORE);
    expectRule(
      run,
      RULE.openCycle,
      'results/2025.1/rbd/',
      /cycle 2025\.1 is closed \(since 2025-10-01\); a submission goes to the open cycle, 2025\.2/,
    );
    expect(errorTitles(run)).toEqual([RULE.openCycle]);
  });

  it("fails a change to a closed cycle's merged result", () => {
    const pr = new PullRequestBranch(origin, 'edit-closed');
    pr.git('rm', '-q', 'results/2025.1/lvm/result.yaml');
    writeSubmission(pr.dir, { driver: 'lvm', cycle: '2025.1', submitter: LVM_MAINTAINER, submitted: '2025-05-01' });
    const run = pr.commit('pretend it passed').validate(LVM_MAINTAINER);
    expectRule(
      run,
      RULE.merged,
      'results/2025.1/lvm/result.yaml',
      /changes results\/2025\.1\/lvm\/result\.yaml in other ways than adding `withdrawn:`, part of lvm's submission for the closed cycle 2025\.1, which is merged/,
    );
  });

  it('fails a deletion of a merged result, even by its own maintainer', () => {
    const pr = new PullRequestBranch(origin, 'delete');
    pr.git('rm', '-q', 'results/2025.2/nfs/result.yaml');
    const run = pr.commit('drop it').validate(NFS_MAINTAINER);
    expectRule(
      run,
      RULE.merged,
      'results/2025.2/nfs/result.yaml',
      /^deletes results\/2025\.2\/nfs\/result\.yaml, part of nfs's submission for the open cycle 2025\.2, which is merged/,
    );
  });

  it("fails a rename of another driver's folder into one's own", () => {
    const pr = new PullRequestBranch(origin, 'rename');
    pr.git('mv', 'results/2025.2/nfs', 'results/2025.2/lvm');
    const run = pr.commit('take it').validate(LVM_MAINTAINER);
    expectRule(
      run,
      RULE.merged,
      'results/2025.2/nfs/result.yaml',
      /^deletes results\/2025\.2\/nfs\/result\.yaml, part of nfs's submission/,
    );
    expectRule(run, RULE.oneFolder, 'results/2025.2/nfs/', /another driver's folder \(nfs\) \(3 files: 3 deleted\)/);
  });

  it("passes an improved README.md of one's own merged submission in the open cycle", () => {
    const pr = new PullRequestBranch(origin, 'readme');
    pr.write(
      'results/2025.2/nfs/README.md',
      '# Reproducing\n\nA two-node NFS server on 25 GbE; see the attached exports.\n',
    );
    const run = pr.commit().validate(NFS_MAINTAINER);
    expect(run.code, run.stdout).toBe(0);
  });

  it("fails deleting that README.md, or editing another driver's", () => {
    const own = new PullRequestBranch(origin, 'readme-delete');
    own.git('rm', '-q', 'results/2025.2/nfs/README.md');
    expectRule(
      own.commit().validate(NFS_MAINTAINER),
      RULE.merged,
      'results/2025.2/nfs/README.md',
      /^deletes results\/2025\.2\/nfs\/README\.md/,
    );
    const other = lvmSubmission('readme-other');
    other.write('results/2025.2/nfs/README.md', 'nfs is slow\n');
    const run = other.commit().validate(LVM_MAINTAINER);
    expectRule(
      run,
      RULE.merged,
      'results/2025.2/nfs/README.md',
      /^changes results\/2025\.2\/nfs\/README\.md, part of nfs's submission for the open cycle 2025\.2/,
    );
    expectRule(run, RULE.oneFolder, 'results/2025.2/nfs/', /another driver's folder \(nfs\)/);
  });

  it('fails a mode change of a merged file', () => {
    const pr = new PullRequestBranch(origin, 'mode');
    makeExecutable(pr.dir, 'results/2025.2/nfs/result.yaml');
    const run = pr.commit('chmod').validate(NFS_MAINTAINER);
    expectRule(
      run,
      RULE.merged,
      'results/2025.2/nfs/result.yaml',
      /changes the mode of results\/2025\.2\/nfs\/result\.yaml \(100644 → 100755\)/,
    );
    expectRule(
      run,
      RULE.gitEntries,
      'results/2025.2/nfs/result.yaml',
      /has mode 100755 \(executable\); files in results\/ are plain files/,
    );
  });

  it('fails an executable file in a new submission', () => {
    const pr = lvmSubmission('exec');
    makeExecutable(pr.dir, 'results/2025.2/lvm/lvm-2025.2.tgz');
    const run = pr.commit().validate(LVM_MAINTAINER);
    expectRule(run, RULE.gitEntries, 'results/2025.2/lvm/lvm-2025.2.tgz', /has mode 100755/);
    expect(errorTitles(run)).toEqual([RULE.gitEntries]);
  });

  it('fails a symbolic link in results/ pointing outside the repository', () => {
    const pr = lvmSubmission('symlink');
    symlinkSync('../../../../../../etc/passwd', join(pr.dir, 'results/2025.2/lvm/README.md'));
    const run = pr.commit().validate(LVM_MAINTAINER);
    expectRule(
      run,
      RULE.gitEntries,
      'results/2025.2/lvm/README.md',
      /is a symbolic link to "\.\.\/\.\.\/\.\.\/\.\.\/\.\.\/\.\.\/etc\/passwd", outside the repository/,
    );
  });

  it('fails a symbolic link in results/ even when it stays inside the repository', () => {
    const pr = lvmSubmission('symlink-in');
    symlinkSync('../../../README.md', join(pr.dir, 'results/2025.2/lvm/README.md'));
    const run = pr.commit().validate(LVM_MAINTAINER);
    expectRule(
      run,
      RULE.gitEntries,
      'results/2025.2/lvm/README.md',
      /is a symbolic link \(to "\.\.\/\.\.\/\.\.\/README\.md"\); results\/ holds plain files only/,
    );
  });

  it('fails a submodule', () => {
    const pr = lvmSubmission('submodule');
    const commit = pr.git('rev-parse', 'HEAD').trim();
    pr.git('add', '-A');
    pr.git('update-index', '--add', '--cacheinfo', `160000,${commit},results/2025.2/lvm/extra`);
    const run = pr.commitStaged().validate(LVM_MAINTAINER);
    expectRule(
      run,
      RULE.gitEntries,
      'results/2025.2/lvm/extra',
      /is a submodule \(a link to commit [0-9a-f]{12} of another repository\); this repository holds no submodules/,
    );
  });

  it('fails a submodule outside results/ too', () => {
    const pr = new PullRequestBranch(origin, 'submodule-out');
    const commit = pr.git('rev-parse', 'HEAD').trim();
    pr.git('update-index', '--add', '--cacheinfo', `160000,${commit},vendor/tool`);
    const run = pr.commitStaged().validate(CORE);
    expectRule(run, RULE.gitEntries, 'vendor/tool', /is a submodule/);
  });

  it('fails an author who is neither a maintainer nor a core reviewer', () => {
    const run = lvmSubmission('wrong-author').commit().validate('mallory');
    expectRule(
      run,
      RULE.author,
      'results/2025.2/lvm/',
      /^mallory may not submit for lvm: lvm's maintainers are alice, and the core reviewers are core-carol \(drivers\.yaml on origin\/main\)/,
    );
    expect(errorTitles(run)).toEqual([RULE.author]);
  });

  it('fails an author who adds themselves as a maintainer in the same pull request', () => {
    const pr = lvmSubmission('self-maintainer');
    editRegistry(pr.dir, (doc, index) =>
      doc.setIn(['drivers', index('lvm'), 'maintainers'], [LVM_MAINTAINER, 'mallory']),
    );
    const run = pr.commit().validate('mallory');
    expectRule(
      run,
      RULE.author,
      'results/2025.2/lvm/',
      /mallory may not submit for lvm: .*; adding yourself to drivers\.yaml in the same pull request does not count/,
    );
    expectRule(
      run,
      RULE.outside,
      'drivers.yaml',
      /changes drivers\.yaml, outside the submission's folder results\/2025\.2\/lvm\/ \(who may submit is decided by drivers\.yaml on the base branch/,
    );
  });

  it('fails a submission for a removed driver', () => {
    const pr = new PullRequestBranch(origin, 'removed');
    writeSubmission(pr.dir, { driver: 'datera', cycle: '2025.2', submitter: CORE });
    const run = pr.commit().validate(CORE);
    expectRule(
      run,
      RULE.driver,
      'results/2025.2/datera/result.yaml',
      /driver "datera" is removed and cannot take results in the open cycle 2025\.2/,
    );
  });

  it('fails a submission that edits MATRIX.md', () => {
    const pr = lvmSubmission('matrix');
    pr.write('MATRIX.md', '# My own matrix\n\n| lvm | passed everything |\n');
    const run = pr.commit().validate(LVM_MAINTAINER);
    // Once MATRIX.md is in the GENERATED registry, the more precise rule reports it.
    const generated = GENERATED.some((g) => g.path === 'MATRIX.md');
    expectRule(
      run,
      generated ? RULE.generatedUntouched : RULE.outside,
      'MATRIX.md',
      generated ? /MATRIX\.md, which is generated/ : /MATRIX\.md, outside the submission's folder/,
    );
  });

  // Every file of the GENERATED registry: CODEOWNERS today, MATRIX.md as soon as it registers.
  it.each(GENERATED.map((g) => ({ path: g.path, command: g.command })))(
    'fails a submission that edits the generated $path',
    ({ path, command }) => {
      const pr = lvmSubmission(`edits-${path.replace(/\W/g, '-')}`);
      pr.write(path, `${readFileSync(join(pr.dir, path), 'utf8')}# edited by hand\n`);
      const run = pr.commit().validate(LVM_MAINTAINER);
      const escaped = path.replace(/[.]/g, '\\.');
      expectRule(
        run,
        RULE.generatedUntouched,
        path,
        new RegExp(
          `^changes ${escaped}, which is generated: publishing regenerates it \\(\`${command}\`\\) after the merge`,
        ),
      );
      expect(errorTitles(run)).toEqual([RULE.generatedUntouched]);
    },
  );

  it('fails a file a submission may not hold', () => {
    const pr = lvmSubmission('extra-file');
    pr.write('results/2025.2/lvm/logs/c-vol.log', 'lots of logs\n');
    const run = pr.commit().validate(LVM_MAINTAINER);
    expectRule(run, RULE.files, 'results/2025.2/lvm/logs', /holds only files/);
  });

  it("judges only the pull request's own changes when main moved on after it branched", () => {
    const pr = lvmSubmission('behind-main').commit();
    const other = new PullRequestBranch(origin, 'rbd-merged-meanwhile');
    writeSubmission(other.dir, { driver: 'rbd', cycle: '2025.2', submitter: CORE });
    other.commit().merge();
    for (const mergeCommit of [true, false]) {
      const run = pr.validate(LVM_MAINTAINER, { mergeCommit });
      expect(run.code, run.stdout).toBe(0);
      expect(run.stderr).toContain('a submission of results/2025.2/lvm/');
    }
  });
});

describe('the validate workflow on maintenance', () => {
  it('passes `drivercert cycle open` (the whole repository is validated)', async () => {
    const pr = new PullRequestBranch(origin, 'cycle-open');
    const r = await drivercert(['cycle', 'open', '2026.1', '--codename', 'gazpacho', '--repo', pr.dir]);
    expect(r.code, r.stderr).toBe(0);
    await regenerateAll(pr.dir); // what a maintainer commits with it
    const run = pr.commit('Open cycle 2026.1').validate(CORE);
    expect(run.code, run.stdout).toBe(0);
    expect(run.stderr).toMatch(/a maintenance change since origin\/main .*; validating the whole repository/);
    expect(run.report).toContain('**Maintenance** by `core-carol`');
  });

  it('passes a new maintainer with CODEOWNERS regenerated', async () => {
    const pr = new PullRequestBranch(origin, 'new-maintainer');
    editRegistry(pr.dir, (doc, index) => doc.setIn(['drivers', index('rbd'), 'maintainers'], ['rita']));
    await regenerateAll(pr.dir);
    const run = pr.commit().validate(CORE);
    expect(run.code, run.stdout).toBe(0);
  });

  it('passes a new maintainer without touching CODEOWNERS (publishing regenerates it)', () => {
    const pr = new PullRequestBranch(origin, 'new-maintainer-only');
    editRegistry(pr.dir, (doc, index) => doc.setIn(['drivers', index('rbd'), 'maintainers'], ['rita']));
    const run = pr.commit().validate(CORE);
    expect(run.code, run.stdout).toBe(0);
  });

  it('fails a stale CODEOWNERS', () => {
    const pr = new PullRequestBranch(origin, 'stale-codeowners');
    editRegistry(pr.dir, (doc, index) => doc.setIn(['drivers', index('rbd'), 'maintainers'], ['rita']));
    pr.write('.github/CODEOWNERS', '* @core-carol\n/results/*/rbd/ @rita @mallory\n');
    const run = pr.commit().validate(CORE);
    expectRule(
      run,
      RULE.generatedFresh,
      '.github/CODEOWNERS',
      /^\.github\/CODEOWNERS is not what `npx drivercert codeowners` generates from this pull request's files/,
    );
    expect(run.annotations.find((a) => a.title === RULE.generatedFresh)!.message).toMatch(
      /tip: Run `npx drivercert codeowners` and commit the result/,
    );
  });

  it.each(GENERATED.map((g) => ({ path: g.path, command: g.command })))(
    'fails a hand-edited $path in maintenance, pointing at the first different line',
    ({ path, command }) => {
      const pr = new PullRequestBranch(origin, `hand-${path.replace(/\W/g, '-')}`);
      const text = readFileSync(join(pr.dir, path), 'utf8');
      pr.write(path, `${text}# edited by hand\n`);
      const run = pr.commit().validate(CORE);
      expectRule(run, RULE.generatedFresh, path, new RegExp(`is not what \`${command}\` generates`));
      expect(run.stdout).toContain(`::error file=${path},line=${text.split('\n').length},`);
    },
  );

  it.each(GENERATED.map((g) => ({ path: g.path, command: g.command })))(
    'fails a maintenance pull request that deletes $path',
    ({ path }) => {
      const pr = new PullRequestBranch(origin, `delete-${path.replace(/\W/g, '-')}`);
      pr.git('rm', '-q', path);
      const run = pr.commit().validate(CORE);
      expectRule(
        run,
        RULE.generatedFresh,
        path,
        new RegExp(`^deletes ${path.replace(/[.]/g, '\\.')}, a generated file`),
      );
    },
  );

  it('passes a withdrawal by a core reviewer', () => {
    const pr = new PullRequestBranch(origin, 'withdraw');
    pr.write(
      'results/2025.1/nfs/result.yaml',
      `${readResult(pr, '2025.1/nfs')}withdrawn:\n  date: "2025-11-03"\n  reason: the backend firmware was a pre-release\n`,
    );
    const run = pr.commit().validate(CORE);
    expect(run.code, run.stdout).toBe(0);
    expect(run.report).toContain('withdrawing `results/2025.1/nfs/result.yaml`');
  });

  it('fails a withdrawal by someone who is not a core reviewer', () => {
    const pr = new PullRequestBranch(origin, 'withdraw-by-vendor');
    pr.write(
      'results/2025.1/nfs/result.yaml',
      `${readResult(pr, '2025.1/nfs')}withdrawn:\n  date: "2025-11-03"\n  reason: we would rather not show this\n`,
    );
    const run = pr.commit().validate(NFS_MAINTAINER);
    expectRule(
      run,
      RULE.withdrawal,
      'results/2025.1/nfs/result.yaml',
      /^nina withdraws this result, but only a core reviewer \(core-carol, as drivers\.yaml says on origin\/main\) withdraws a result/,
    );
  });

  it('fails a "withdrawal" that also rewrites the result', () => {
    const pr = new PullRequestBranch(origin, 'withdraw-and-edit');
    const text = readResult(pr, '2025.1/lvm').replace('verdict: failed', 'verdict: passed');
    pr.write('results/2025.1/lvm/result.yaml', `${text}withdrawn:\n  date: "2025-11-03"\n  reason: rerun pending\n`);
    const run = pr.commit().validate(CORE);
    expectRule(run, RULE.merged, 'results/2025.1/lvm/result.yaml', /in other ways than adding `withdrawn:`/);
  });
});

function readResult(pr: PullRequestBranch, folder: string): string {
  return pr.git('show', `HEAD:results/${folder}/result.yaml`);
}

describe('the validate workflow where drivers.yaml names a team of core reviewers', () => {
  let teamOrigin: Origin;
  beforeAll(async () => {
    teamOrigin = await createOrigin((dir) => baseBranch(dir, { coreReviewers: ['drivercert/core-reviewers'] }));
  });

  it('cannot check team membership offline: a notice, and CODEOWNERS decides', () => {
    const pr = new PullRequestBranch(teamOrigin, 'team');
    writeSubmission(pr.dir, { driver: 'rbd', cycle: '2025.2', submitter: 'someone' });
    const run = pr.commit().validate('someone');
    expect(run.code, run.stdout).toBe(0);
    const notice = run.annotations.find((a) => a.level === 'notice' && a.title === RULE.author);
    expect(notice?.message).toMatch(
      /whether someone belongs to drivercert\/core-reviewers cannot be checked offline, so GitHub decides: CODEOWNERS requires the approval of the core reviewers/,
    );
  });

  it('gives the same notice for a driver with maintainers, naming whose approval GitHub requires', () => {
    const pr = new PullRequestBranch(teamOrigin, 'team-lvm');
    writeSubmission(pr.dir, { driver: 'lvm', cycle: '2025.2', submitter: 'someone' });
    const run = pr.commit().validate('someone');
    // A team member may submit for any driver: only GitHub can tell, so this is a notice too.
    expect(run.code, run.stdout).toBe(0);
    expect(run.annotations.find((a) => a.title === RULE.author)?.message).toMatch(
      /CODEOWNERS requires the approval of lvm's maintainers/,
    );
  });
});

describe("the validate script's own guards", () => {
  it('refuses a pull request number that is not a number, before running anything', () => {
    const dir = cloneOrigin(origin, 'guard');
    const reportDir = join(origin.home, 'guard-report');
    const r = runScript(dir, 'validate-pr.sh', {
      BASE_REF: 'main',
      AUTHOR: 'alice',
      PR_NUMBER: '1; touch pwned',
      REPORT_DIR: reportDir,
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('PR_NUMBER must be a pull request number');
    expect(existsSync(join(reportDir, 'report.md'))).toBe(false);
  });

  it('still writes a report (and the number) when drivercert cannot validate', () => {
    const dir = cloneOrigin(origin, 'guard');
    const reportDir = join(origin.home, 'guard-report-2');
    const r = runScript(dir, 'validate-pr.sh', {
      BASE_REF: 'no-such-branch',
      AUTHOR: 'alice',
      PR_NUMBER: '9',
      REPORT_DIR: reportDir,
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--changed-since origin/no-such-branch: no such branch');
    expect(readFileSync(join(reportDir, 'report.md'), 'utf8')).toMatch(
      /^## ⚠️ drivercert could not validate this pull request \(exit status 2\)/,
    );
    expect(readFileSync(join(reportDir, 'pr-number'), 'utf8')).toBe('9\n');
  });
});
