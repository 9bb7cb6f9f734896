// `validate --changed-since` on the command line: what it says when git cannot answer
// (not a repository, an unknown base, a shallow clone, no git at all), usage errors, and
// the classification it prints.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { drivercert, json, tempDir } from '../helpers/cli.js';
import { git } from '../helpers/git.js';
import { PullRequestBranch, createOrigin, type Origin } from '../helpers/pr-repo.js';
import { writeSubmission } from '../helpers/submission.js';
import { LVM_MAINTAINER, baseBranch } from './fixture.js';

let origin: Origin;
let pr: PullRequestBranch;
beforeAll(async () => {
  origin = await createOrigin((dir) => baseBranch(dir));
  pr = new PullRequestBranch(origin, 'lvm');
  writeSubmission(pr.dir, { driver: 'lvm', cycle: '2025.2', submitter: LVM_MAINTAINER, submitted: '2025-11-02' });
  pr.commit();
});

const validate = (repo: string, ...args: string[]) => drivercert(['validate', '--repo', repo, ...args]);

describe('validate --changed-since', () => {
  it('classifies the pull request on standard error and keeps standard output one JSON document', async () => {
    const r = await validate(pr.dir, '--changed-since', 'origin/main', '--author', '@alice', '--format', 'json');
    expect(r.code, r.stdout).toBe(0);
    expect(r.stderr).toMatch(
      /^drivercert: a submission of results\/2025\.2\/lvm\/ since origin\/main \([0-9a-f]{12}\) by alice: 2 changed files\n$/,
    );
    expect(json(r)).toMatchObject({ ok: true, errors: [], warnings: [] });
  });

  it('accepts a branch, a tag or a commit as the base', async () => {
    const base = git(pr.dir, 'rev-parse', 'origin/main').trim();
    git(pr.dir, 'tag', '-f', 'base-tag', base);
    for (const ref of ['origin/main', 'base-tag', base, base.slice(0, 10)])
      expect((await validate(pr.dir, '--changed-since', ref, '--author', 'alice')).code, ref).toBe(0);
  });

  it('says so when nothing changed', async () => {
    const r = await validate(pr.dir, '--changed-since', 'HEAD', '--author', 'alice', '--format', 'json');
    expect(r.code).toBe(0);
    expect(json<{ notices: { message: string }[] }>(r).notices.map((n) => n.message)).toEqual([
      'nothing differs between HEAD and HEAD',
    ]);
  });

  it('warns about uncommitted changes, which are not part of the pull request', async () => {
    const branch = new PullRequestBranch(origin, 'dirty');
    writeSubmission(branch.dir, { driver: 'lvm', cycle: '2025.2', submitter: LVM_MAINTAINER });
    const r = await validate(branch.dir, '--changed-since', 'origin/main', '--author', 'alice');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /! what is validated is committed \[pr-committed\] \(1 warning\)\n {2}results\/2025\.2\/lvm\/lvm-2025\.2\.tgz 2 uncommitted changes are not part of the pull request/,
    );
    expect((await validate(branch.dir, '--changed-since', 'origin/main', '--fail-on-warnings')).code).toBe(1);
  });

  it('without --author, checks everything else and says the author was not checked', async () => {
    const r = await validate(pr.dir, '--changed-since', 'origin/main', '--format', 'json');
    expect(r.code).toBe(0);
    expect(json<{ notices: { message: string }[] }>(r).notices.map((n) => n.message)).toContain(
      'the author was not checked: no --author was given',
    );
  });
});

describe('validate --changed-since when git cannot answer', () => {
  it('a folder that is not a git repository: exit 1', async () => {
    const dir = tempDir();
    const r = await validate(dir, '--changed-since', 'main');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/is not a git repository\n {2}tip: --changed-since compares commits/);
    expect(r.stdout).toBe('');
  });

  it('a folder inside a repository rather than its top: exit 1', async () => {
    const sub = join(pr.dir, 'results');
    const r = await validate(sub, '--changed-since', 'origin/main');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/is inside the git repository .*, not at its top/);
  });

  it('an unknown base: a usage error, exit 2', async () => {
    const r = await validate(pr.dir, '--changed-since', 'origin/nope');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^drivercert validate: --changed-since origin\/nope: no such branch, tag or commit in this repository/,
    );
  });

  it.each(['--upload-pack=evil', '-x', ''])(
    'a base that looks like an option or is empty (%j): exit 2',
    async (ref) => {
      const r = await validate(pr.dir, `--changed-since=${ref}`);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/--changed-since needs a branch, tag or commit/);
    },
  );

  it('a shallow clone without the base commit: exit 1, with the fetch-depth tip', async () => {
    const dir = join(origin.home, 'shallow-single');
    git(origin.home, 'clone', '-q', '--depth', '1', '--branch', 'lvm', `file://${origin.bare}`, dir);
    const r = await validate(dir, '--changed-since', 'origin/main');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /the commit is not in this clone, which is shallow.*\n {2}tip: Fetch the full history: `git fetch --unshallow origin` \(in GitHub Actions, actions\/checkout with `fetch-depth: 0`\)/,
    );
  });

  it('a shallow clone that has the base but not the common history: exit 1', async () => {
    const dir = join(origin.home, 'shallow-both');
    git(
      origin.home,
      'clone',
      '-q',
      '--depth',
      '1',
      '--no-single-branch',
      '--branch',
      'lvm',
      `file://${origin.bare}`,
      dir,
    );
    const r = await validate(dir, '--changed-since', 'origin/main');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/origin\/main and HEAD have no common commit in this clone, which is shallow/);
  });

  it('unrelated histories: exit 1', async () => {
    const dir = tempDir();
    git(dir, 'init', '-q', '-b', 'main');
    writeFileSync(join(dir, 'a'), 'a');
    git(dir, 'add', 'a');
    git(dir, 'commit', '-q', '-m', 'a');
    git(dir, 'checkout', '-q', '--orphan', 'other');
    writeFileSync(join(dir, 'b'), 'b');
    git(dir, 'add', 'b');
    git(dir, 'commit', '-q', '-m', 'b');
    const r = await validate(dir, '--changed-since', 'main');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/main and HEAD share no history/);
  });

  it('a repository with no commit yet: exit 1', async () => {
    const dir = tempDir();
    git(dir, 'init', '-q', '-b', 'main');
    mkdirSync(join(dir, 'results'));
    const r = await validate(dir, '--changed-since', 'main');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^the repository has no commits yet \(HEAD names no commit\)\n {2}tip: Commit your changes first/,
    );
  });

  it('no git installed: exit 1', async () => {
    const r = await drivercert(['validate', '--repo', pr.dir, '--changed-since', 'origin/main'], {
      env: { PATH: tempDir() },
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^git is not installed \(or not on PATH\)/);
  });
});

describe('validate usage errors', () => {
  it.each([
    [['--author', 'alice'], /--author needs --changed-since REF/],
    [['--changed-since', 'main', '--author', 'not a login'], /--author needs a GitHub login/],
    [['--changed-since', 'main', 'results/2025.2'], /give either PATH… or --changed-since, not both/],
    [['--format', 'html'], /--format must be one of text, json, github, markdown/],
  ])('%j: exit 2', async (args, message) => {
    const r = await validate(pr.dir, ...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});
