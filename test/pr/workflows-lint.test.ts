// Lint the GitHub Actions workflows as data: triggers, least-privilege permissions, actions
// pinned to full commit SHAs, no untrusted expression pasted into a script, and nothing
// that runs on workflow_run (or pull_request_target) executes the pull request's code.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from '../helpers/cli.js';
import { git } from '../helpers/git.js';

/**
 * The actions the workflows may use, pinned to the commit of a release. Looked up in
 * public workflow files that pin them with the same version comment (checkout v4.2.2,
 * setup-node v4.4.0, upload-artifact v4.6.2, download-artifact v4.3.0, github-script
 * v7.0.1), each SHA seen in several unrelated repositories.
 */
const PINNED: Record<string, { sha: string; version: string }> = {
  'actions/checkout': { sha: '11bd71901bbe5b1630ceea73d27597364c9af683', version: 'v4.2.2' },
  'actions/setup-node': { sha: '49933ea5288caeca8642d1e84afbd3f7d6820020', version: 'v4.4.0' },
  'actions/upload-artifact': { sha: 'ea165f8d65b6e75b540449e92b4886f43607fa02', version: 'v4.6.2' },
  'actions/download-artifact': { sha: 'd3f86a106a0bac45b974a628896c90dbdf5c8093', version: 'v4.3.0' },
  'actions/github-script': { sha: '60a0d83039c74a4aee543508d2ffcb1c3799cdea', version: 'v7.0.1' },
  'actions/upload-pages-artifact': { sha: '56afc609e74202658d3ffba0e8f6dda462b719fa', version: 'v3.0.1' },
  'actions/deploy-pages': { sha: 'd6db90164ac5ed86f2b6aed7e0febac5b3c0c03e', version: 'v4.0.5' },
};

/** Each workflow's job permissions, exactly: anything more is not least privilege. */
const PERMISSIONS: Record<string, Record<string, string>> = {
  validate: { contents: 'read' },
  comment: { actions: 'read', 'pull-requests': 'write' },
  publish: { contents: 'write' },
  missing: { contents: 'read', issues: 'write' },
  test: { contents: 'read' },
};

/** Jobs whose permissions differ from their workflow's: the site is built read-only, and only deploy writes to Pages. */
const JOB_PERMISSIONS: Record<string, Record<string, Record<string, string>>> = {
  publish: { site: { contents: 'read' }, deploy: { pages: 'write', 'id-token': 'write' } },
};

interface Step {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
  'working-directory'?: string;
}
interface Job {
  env?: Record<string, string>;
  'runs-on': string;
  if?: string;
  permissions?: Record<string, string> | string;
  steps: Step[];
  'timeout-minutes'?: number;
}
interface Workflow {
  name: string;
  on: Record<string, unknown>;
  permissions?: Record<string, string> | string;
  concurrency?: { group: string; 'cancel-in-progress': boolean };
  jobs: Record<string, Job>;
}

const DIR = join(ROOT, '.github/workflows');
const FILES = readdirSync(DIR)
  .filter((f) => /\.ya?ml$/.test(f))
  .sort();
const raw = (file: string) => readFileSync(join(DIR, file), 'utf8');
const load = (file: string) => parse(raw(file)) as Workflow;
const byName = (name: string) => load(`${name}.yml`);
const allSteps = (w: Workflow) => Object.values(w.jobs).flatMap((j) => j.steps);
const stepUsing = (w: Workflow, action: string) => allSteps(w).filter((s) => s.uses?.startsWith(`${action}@`));
const triggers = (w: Workflow) => Object.keys(w.on);
const UNTRUSTED_TRIGGERS = ['workflow_run', 'pull_request_target'];

describe('every workflow', () => {
  it('is one of the six, and parses', () => {
    expect(FILES).toEqual(['audit.yml', 'comment.yml', 'missing.yml', 'publish.yml', 'test.yml', 'validate.yml']);
    for (const f of FILES) expect(load(f).name, f).toBe(f.replace(/\.yml$/, ''));
  });

  it.each(FILES)('%s: declares its permissions, least privilege, never write-all', (file) => {
    const w = load(file);
    for (const [id, job] of Object.entries(w.jobs)) {
      const perms = job.permissions ?? w.permissions;
      expect(perms, `${file}: job ${id} has no permissions (top level or its own)`).toBeDefined();
      expect(typeof perms, `${file}: ${id} uses a shorthand such as write-all`).toBe('object');
      expect(perms, `${file}: job ${id}`).toEqual(JOB_PERMISSIONS[w.name]?.[id] ?? PERMISSIONS[w.name]);
    }
    if (w.permissions !== undefined && typeof w.permissions === 'object') {
      // A top level that grants more than a job needs would leak to new jobs.
      const granted = Object.entries(w.permissions).filter(([, v]) => v !== 'none');
      for (const [k, v] of granted) expect(PERMISSIONS[w.name]![k], `${file}: top-level ${k}: ${v}`).toBe(v);
    }
  });

  it.each(FILES)('%s: pins every action to a full commit SHA with its version in a comment', (file) => {
    const lines = raw(file)
      .split('\n')
      .filter((l) => /^\s*-?\s*uses:/.test(l));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      const m = /uses:\s*([\w.-]+\/[\w.-]+)@([0-9a-f]{40})\s+# (v\d+\.\d+\.\d+)\s*$/.exec(line);
      expect(m, `${file}: not pinned to a 40-hex SHA with a "# vX.Y.Z" comment: ${line.trim()}`).not.toBeNull();
      const [, action, sha, version] = m!;
      expect(PINNED[action!], `${file}: ${action} is not an action this repository allows`).toBeDefined();
      expect({ sha, version }, `${file}: ${action}`).toEqual(PINNED[action!]);
    }
    for (const s of allSteps(load(file))) if (s.uses) expect(s.uses).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/);
  });

  it.each(FILES)('%s: never pastes an expression into a script (values go through env)', (file) => {
    for (const s of allSteps(load(file))) {
      expect(s.run ?? '', `${file}: step "${s.name}" run:`).not.toContain('${{');
      const script = s.with?.script;
      if (typeof script === 'string') expect(script, `${file}: step "${s.name}" script:`).not.toContain('${{');
    }
  });

  it.each(FILES)('%s: is not triggered by pull_request_target', (file) => {
    expect(triggers(load(file))).not.toContain('pull_request_target');
    expect(raw(file)).not.toMatch(/pull_request_target/);
  });

  it.each(FILES)('%s: gives every job a timeout and names its steps', (file) => {
    for (const [id, job] of Object.entries(load(file).jobs)) {
      expect(job['timeout-minutes'], `${file}: job ${id}`).toBeGreaterThan(0);
      expect(job['runs-on']).toBe('ubuntu-latest');
      for (const s of job.steps) expect(s.name, `${file}: a step of ${id} has no name`).toBeTruthy();
    }
  });

  it.each(FILES)('%s: runs only scripts that exist and are executable in git', (file) => {
    const index = git(ROOT, 'ls-files', '-s', '--', '.github/scripts');
    for (const s of allSteps(load(file))) {
      for (const m of (s.run ?? '').matchAll(/\.github\/scripts\/[\w.-]+/g)) {
        const path = m[0];
        expect(statSync(join(ROOT, path)).mode & 0o111, `${path} is executable`).not.toBe(0);
        expect(index, `${path} is committed with mode 100755`).toMatch(
          new RegExp(`^100755 [0-9a-f]+ 0\\t${path.replace(/\./g, '\\.')}$`, 'm'),
        );
      }
    }
  });
});

describe("workflows that run with the base repository's rights on pull-request events", () => {
  const untrusted = FILES.filter((f) => triggers(load(f)).some((t) => UNTRUSTED_TRIGGERS.includes(t)));

  it('are the comment workflow only', () => {
    expect(untrusted).toEqual(['comment.yml']);
  });

  it.each(untrusted)('%s: never checks out or runs code', (file) => {
    const w = load(file);
    expect(stepUsing(w, 'actions/checkout'), `${file} checks out code`).toEqual([]);
    for (const s of allSteps(w)) {
      expect(s.run, `${file}: step "${s.name}" runs a shell`).toBeUndefined();
      const script = s.with?.script;
      if (typeof script === 'string') {
        // Only node's own modules: nothing from a workspace, which the artifact could fill.
        for (const m of script.matchAll(/require\(\s*['"]([^'"]+)['"]\s*\)/g))
          expect(m[1], `${file}: requires ${m[1]}`).toMatch(/^node:/);
        expect(script).not.toMatch(/\beval\b|new Function|child_process|exec\(/);
      }
    }
    expect(raw(file)).not.toMatch(/^\s*ref:/m);
    expect(raw(file)).not.toMatch(/\bnpm (ci|install|run)\b|\bnpx\b/);
  });

  it('comment.yml treats the artifact as untrusted data', () => {
    const w = byName('comment');
    const job = Object.values(w.jobs)[0]!;
    expect(job.if).toMatch(/github\.event\.workflow_run\.event == 'pull_request'/);
    const script = stepUsing(w, 'actions/github-script')[0]!.with!.script as string;
    expect(script).toContain('/^[1-9][0-9]{0,9}$/.test(number)');
    expect(script).toContain('pr.head.sha !== process.env.HEAD_SHA');
    expect(script).toContain('MAX_BYTES');
    expect(script).toContain('lstatSync');
  });
});

describe('the validate workflow', () => {
  const w = byName('validate');
  const steps = allSteps(w);

  it('runs on pull requests to main, read-only', () => {
    expect(w.on).toEqual({ pull_request: { branches: ['main'] } });
    expect(w.permissions).toEqual({ contents: 'read' });
  });

  it("installs the base branch's drivercert and checks out the pull request, with full history, as data", () => {
    const [tool, pr] = stepUsing(w, 'actions/checkout');
    expect(tool!.with).toEqual({ ref: '${{ github.base_ref }}', path: 'tool', 'persist-credentials': false });
    expect(pr!.with).toEqual({ path: 'pr', 'fetch-depth': 0, lfs: false, 'persist-credentials': false });
    expect(pr!.env).toEqual({ GIT_LFS_SKIP_SMUDGE: '1' });
    expect(stepUsing(w, 'actions/setup-node')[0]!.with).toEqual({
      'node-version': 20,
      cache: 'npm',
      'cache-dependency-path': 'tool/package-lock.json',
    });
    const install = steps.find((s) => s.run?.trim().startsWith('npm ci'))!;
    expect(install['working-directory']).toBe('tool');
    // Nothing of the pull request's is installed, built or run.
    for (const s of steps) {
      expect(s['working-directory'] ?? 'tool').not.toBe('pr');
      expect(s.run ?? '').not.toMatch(/(^|\s)pr\//);
    }
    const validate = steps.find((s) => s.run?.includes('validate-pr.sh'))!;
    expect(validate.run!.trim()).toBe('tool/.github/scripts/validate-pr.sh');
    expect(validate.env!.DATA_DIR).toBe('${{ github.workspace }}/pr');
  });

  it("validates with --changed-since the base and --author the pull request's author, as annotations", () => {
    const step = steps.find((s) => s.run?.includes('.github/scripts/validate-pr.sh'))!;
    expect(step.env).toMatchObject({
      BASE_REF: '${{ github.base_ref }}',
      AUTHOR: '${{ github.event.pull_request.user.login }}',
      PR_NUMBER: '${{ github.event.pull_request.number }}',
    });
    const script = readFileSync(join(ROOT, '.github/scripts/validate-pr.sh'), 'utf8');
    expect(script).toContain(
      'drivercert validate --repo "$data_dir" --changed-since "origin/$BASE_REF" --author "$AUTHOR" --format github --report "$report"',
    );
    expect(script).toContain('>>"$GITHUB_STEP_SUMMARY"');
  });

  it('uploads the report and the pull request number as the artifact the comment workflow downloads', () => {
    const validateStep = steps.find((s) => s.run?.includes('validate-pr.sh'))!;
    const upload = stepUsing(w, 'actions/upload-artifact')[0]!;
    expect(upload.if).toBe('${{ !cancelled() }}');
    expect(String(upload.with!.path).replace(/\/$/, '')).toBe(validateStep.env!.REPORT_DIR);
    const download = stepUsing(byName('comment'), 'actions/download-artifact')[0]!;
    expect(download.with!.name).toBe(upload.with!.name);
    expect(download.with!['run-id']).toBe('${{ github.event.workflow_run.id }}');
  });
});

describe('Git LFS in the workflows', () => {
  it("validate fetches the content of the pull request's own bundles only, from its head repository", () => {
    const steps = allSteps(byName('validate'));
    const fetch = steps.findIndex((s) => s.run?.trim() === 'tool/.github/scripts/fetch-pr-bundles.sh');
    const validate = steps.findIndex((s) => s.run?.includes('validate-pr.sh'));
    expect(fetch).toBeGreaterThan(-1);
    expect(fetch).toBeLessThan(validate);
    expect(steps[fetch]!.env).toEqual({
      BASE_REF: '${{ github.base_ref }}',
      DATA_DIR: '${{ github.workspace }}/pr',
      LFS_URL: '${{ github.event.pull_request.head.repo.html_url }}.git/info/lfs',
    });
    const script = readFileSync(join(ROOT, '.github/scripts/fetch-pr-bundles.sh'), 'utf8');
    expect(script).toContain('lfs pull --include="$include"');
    expect(script).toContain('git_pr config lfs.url "$LFS_URL"');
  });

  it('publish never fetches LFS content', () => {
    const w = byName('publish');
    expect((w as Workflow & { env?: Record<string, string> }).env).toEqual({ GIT_LFS_SKIP_SMUDGE: '1' });
    for (const s of allSteps(w)) expect(s.with?.lfs ?? false, `publish: step "${s.name}"`).toBe(false);
    const scripts = raw('publish.yml') + readFileSync(join(ROOT, '.github/scripts/publish.sh'), 'utf8');
    expect(scripts).not.toMatch(/lfs (pull|fetch|checkout)/);
  });
});

// The audit grants nothing at the top: its shard jobs read, and its report job may also write issues.
JOB_PERMISSIONS.audit = { shard: { contents: 'read' }, report: { contents: 'read', issues: 'write' } };

describe('the audit workflow', () => {
  const w = byName('audit');

  it('runs weekly and on demand, one at a time, granting nothing at the top level', () => {
    const schedule = w.on.schedule as { cron: string }[];
    expect(schedule).toHaveLength(1);
    expect(schedule[0]!.cron).toMatch(/^(\S+\s+){4}\S+$/);
    expect(triggers(w).sort()).toEqual(['schedule', 'workflow_dispatch']);
    expect(w.permissions).toEqual({});
    expect(w.concurrency).toEqual({ group: 'audit', 'cancel-in-progress': false });
  });

  it('validates a matrix of shards, each checking out pointers only and fetching its own bundles', () => {
    const job = w.jobs.shard as Job & { strategy: { 'fail-fast': boolean; matrix: { shard: number[] } } };
    const shards = job.strategy.matrix.shard;
    expect(shards).toEqual(shards.map((_, i) => i + 1));
    expect(job.strategy['fail-fast']).toBe(false);
    const checkout = stepUsing({ ...w, jobs: { shard: job } }, 'actions/checkout')[0]!;
    expect(checkout.with).toMatchObject({ lfs: false, 'persist-credentials': false });
    expect(checkout.env).toEqual({ GIT_LFS_SKIP_SMUDGE: '1' });
    const run = job.steps.find((s) => s.run?.trim() === '.github/scripts/audit-shard.sh')!;
    expect(run.env!.SHARD).toBe(`\${{ matrix.shard }}/${shards.length}`);
    const report = w.jobs.report!.steps.find((s) => s.run?.trim() === '.github/scripts/audit-report.sh')!;
    expect(String(report.env!.SHARDS)).toBe(String(shards.length));
    const script = readFileSync(join(ROOT, '.github/scripts/audit-shard.sh'), 'utf8');
    expect(script).toContain('drivercert validate --repo "$data_dir" --shard "$SHARD" --list');
    expect(script).toContain('lfs pull --include="$include"');
  });

  it('merges the reports after every shard, and touches an issue only when the audit failed', () => {
    const report = w.jobs.report as Job & { needs: string };
    expect(report.needs).toBe('shard');
    expect(report.if).toBe('${{ !cancelled() }}');
    const download = stepUsing({ ...w, jobs: { report } }, 'actions/download-artifact')[0]!;
    expect(download.with).toMatchObject({ pattern: 'audit-shard-*', 'merge-multiple': true });
    const issue = stepUsing({ ...w, jobs: { report } }, 'actions/github-script')[0]!;
    expect(issue.if).toBe("${{ steps.merge.outputs.failed == 'true' }}");
    expect(issue.with!.script).toContain("require('./.github/scripts/audit-issue.cjs')");
  });
});

describe('the test workflow', () => {
  it("runs the project's test suite (.ci/run) on pull requests that change the tool, read-only", () => {
    const w = byName('test');
    expect(Object.keys(w.on as object).sort()).toEqual(['pull_request', 'push']);
    expect(allSteps(w).some((s) => s.run?.trim() === '.ci/run')).toBe(true);
    expect(stepUsing(w, 'actions/checkout')[0]!.with).toEqual({ 'persist-credentials': false });
  });
});

describe('the comment workflow', () => {
  it('follows completed runs of the validate workflow', () => {
    expect(byName('comment').on).toEqual({
      workflow_run: { workflows: [byName('validate').name], types: ['completed'] },
    });
    expect(byName('comment').permissions).toEqual({});
  });
});

describe('the publish workflow', () => {
  const w = byName('publish');

  it('runs on pushes to main that touch the data or what renders it, and on demand', () => {
    expect(w.on.push).toEqual({
      branches: ['main'],
      paths: ['results/**', 'drivers.yaml', 'scripts/**', 'schemas/**', 'package-lock.json'],
    });
    expect(triggers(w)).toContain('workflow_dispatch');
  });

  it('runs one at a time and is never cancelled, so no row is lost', () => {
    expect(w.concurrency).toEqual({ group: 'publish-main', 'cancel-in-progress': false });
  });

  it('runs publish.sh after npm ci', () => {
    const runs = w.jobs.publish!.steps.map((s) => s.run?.trim()).filter(Boolean);
    expect(runs).toEqual(['npm ci --no-audit --no-fund', '.github/scripts/publish.sh']);
  });
});

describe('the site in the publish workflow', () => {
  const w = byName('publish');

  it('builds the site from main after the generated files, and deploys it to Pages', () => {
    const site = w.jobs.site as Job & { needs?: string };
    const deploy = w.jobs.deploy as Job & { needs?: string; environment?: { name: string } };
    expect([site.needs, deploy.needs]).toEqual(['publish', 'site']);
    expect(stepUsing(w, 'actions/checkout').every((s) => s.with?.ref === 'main')).toBe(true);
    const runs = site.steps.map((s) => s.run?.trim()).filter(Boolean);
    expect(runs[0]).toBe('npm ci --no-audit --no-fund');
    expect(runs[1]).toMatch(/^node dist\/cli\/main\.js site --out _site /);
    expect(stepUsing(w, 'actions/upload-pages-artifact')[0]!.with).toEqual({ path: '_site' });
    expect(deploy.environment?.name).toBe('github-pages');
    expect(deploy.steps.map((s) => s.uses?.split('@')[0])).toEqual(['actions/deploy-pages']);
  });
});

describe('the missing workflow', () => {
  const w = byName('missing');

  it('runs on a schedule and on demand', () => {
    const schedule = w.on.schedule as { cron: string }[];
    expect(schedule).toHaveLength(1);
    expect(schedule[0]!.cron).toMatch(/^(\S+\s+){4}\S+$/);
    expect(triggers(w).sort()).toEqual(['schedule', 'workflow_dispatch']);
  });

  it('lists the missing drivers with drivercert and only then touches issues', () => {
    const steps = allSteps(w);
    const list = steps.find((s) => s.run?.includes('.github/scripts/missing.sh'))!;
    const issues = stepUsing(w, 'actions/github-script')[0]!;
    expect(list.id).toBe('missing');
    expect(issues.if).toBeUndefined();
    expect(issues.env!.MISSING_JSON).toBe(list.env!.MISSING_JSON);
    expect(issues.with!.script).toContain("require('./.github/scripts/tracking-issues.cjs')");
    expect(readFileSync(join(ROOT, '.github/scripts/missing.sh'), 'utf8')).toContain(
      'drivercert missing --format json',
    );
  });
});
