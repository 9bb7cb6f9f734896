// The runner: it calls each check once per subject of its declared scope, each pull-request
// rule only for the kinds it applies to, reads each bundle once whatever the number of bundle
// checks, and turns a crashing rule into one error while the others still run.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { checkFindings, pullRequestFindings, runChecks } from '../../scripts/lib/checks/runner.js';
import type { Check, Scope, ScopeSubjects } from '../../scripts/lib/checks/types.js';
import type { PullRequestCheck } from '../../scripts/lib/checks/pull-request/types.js';
import type { PullRequest, PullRequestKind } from '../../scripts/lib/pr/pull-request.js';
import { CHECKS } from '../../scripts/lib/checks/index.js';
import { loadRepo } from '../../scripts/lib/repo.js';
import { checkContext } from '../../scripts/lib/validate.js';
import { analyseBundle } from '../../scripts/lib/analysis/analyse.js';
import { TODAY, tempDir } from '../helpers/cli.js';
import { LVM, baseRepo } from '../rules/fixture.js';

vi.mock('../../scripts/lib/analysis/analyse.js', async (original) => {
  const actual = await original<typeof import('../../scripts/lib/analysis/analyse.js')>();
  return { ...actual, analyseBundle: vi.fn(actual.analyseBundle) };
});

/** A check that records what it is called with. */
function probe<S extends Scope>(scope: S, seen: string[], label: (s: ScopeSubjects[S]) => string): Check<S> {
  return {
    id: `probe-${scope}`,
    name: `probe ${scope}`,
    description: 'records its calls',
    scope,
    check: (s) => void seen.push(label(s)),
  };
}

/** The base repository (two submissions), with a third cycle folder that has no cycle.yaml unless told not to. */
function repo(opts: { paths?: string[]; registry?: boolean; emptyCycle?: boolean } = {}) {
  const root = tempDir('drivercert-runner-');
  baseRepo(root);
  if (opts.emptyCycle !== false) mkdirSync(join(root, 'results/2026.1'));
  if (opts.registry === false) rmSync(join(root, 'drivers.yaml'));
  return checkContext(loadRepo(root), { today: TODAY, ...(opts.paths ? { paths: opts.paths } : {}) });
}

describe('the runner dispatches by scope', () => {
  it('calls a repository check once, with the repository', async () => {
    const seen: string[] = [];
    const ctx = repo();
    await checkFindings([probe('repository', seen, (r) => (r === ctx.repo ? 'the repository' : 'another'))], ctx);
    expect(seen).toEqual(['the repository']);
  });

  it('calls a registry check once with drivers.yaml, and not at all when there is none', async () => {
    const seen: string[] = [];
    const check = probe('registry', seen, (f) => f.path);
    await checkFindings([check], repo());
    await checkFindings([check], repo({ registry: false }));
    expect(seen).toEqual(['drivers.yaml']);
  });

  it('calls a cycle check once per cycle folder, with or without its cycle.yaml', async () => {
    const seen: string[] = [];
    await checkFindings([probe('cycle', seen, (d) => `${d.path} ${d.cycle ? 'with' : 'without'}`)], repo());
    expect(seen).toEqual(['results/2025.1 with', 'results/2025.2 with', 'results/2026.1 without']);
  });

  it('calls a submission check once per submission in scope', async () => {
    const seen: string[] = [];
    const check = probe('submission', seen, (s) => s.path);
    await checkFindings([check], repo());
    expect(seen).toEqual(['results/2025.1/nfs', 'results/2025.2/lvm']);
    seen.length = 0;
    await checkFindings([check], repo({ paths: [LVM] }));
    expect(seen).toEqual([LVM]);
  });

  it('calls a pull-request rule only for the kinds of pull request it applies to', async () => {
    const seen: string[] = [];
    const rule: PullRequestCheck = {
      id: 'probe-pr',
      name: 'probe',
      description: 'records its calls',
      applies: ['maintenance'],
      check: (pr) => void seen.push(pr.kind),
    };
    for (const kind of ['submission', 'maintenance', 'empty'] as PullRequestKind[])
      await pullRequestFindings([rule], { pr: { kind } as PullRequest, today: TODAY });
    expect(seen).toEqual(['maintenance']);
  });

  it('reads each bundle once, whatever the number of bundle checks', async () => {
    vi.mocked(analyseBundle).mockClear();
    const report = await runChecks(CHECKS, repo({ emptyCycle: false }));
    expect(report.errors).toEqual([]);
    expect(
      vi.mocked(analyseBundle).mock.calls.map(([path]) => String(path).replace(/.*\/results\//, 'results/')),
    ).toEqual(['results/2025.1/nfs/nfs-2025.1.tgz', 'results/2025.2/lvm/lvm-2025.2.tgz']);
  });
});

describe('a rule that crashes', () => {
  it('becomes one error naming it, keeps what it reported, and the others still run', async () => {
    const crashing: Check<'submission'> = {
      id: 'crashing-rule',
      name: 'a rule with a bug',
      description: 'throws on the first submission',
      scope: 'submission',
      check(sub, report) {
        if (sub.driver === 'nfs') throw new TypeError("Cannot read properties of undefined (reading 'x')");
        report.at(sub.path + '/').warning(`looked at ${sub.driver}`);
      },
    };
    const after = probe('repository', [], () => '');
    const seen: string[] = [];
    const report = await runChecks([crashing, probe('cycle', seen, (d) => d.name), after], repo());
    expect(report.errors).toEqual([
      {
        level: 'error',
        rule: 'crashing-rule',
        check: 'a rule with a bug',
        file: '(drivercert)',
        message: 'the check "crashing-rule" failed to run: Cannot read properties of undefined (reading \'x\')',
        tip: 'This is a bug in drivercert, not in your files: please report it with this message.',
      },
    ]);
    // The submission after the one it crashed on (results/2025.1/nfs) was still checked, and so were the other rules.
    expect(report.warnings.map((f) => f.message)).toEqual(['looked at lvm']);
    expect(seen).toEqual(['2025.1', '2025.2', '2026.1']);
  });

  it('crashing on every subject is still one error', async () => {
    const boom: Check<'cycle'> = {
      id: 'boom',
      name: 'boom',
      description: 'always throws',
      scope: 'cycle',
      check() {
        throw new Error('boom');
      },
    };
    const report = await runChecks([boom], repo());
    expect(report.errors.map((f) => f.message)).toEqual(['the check "boom" failed to run: boom']);
  });
});
