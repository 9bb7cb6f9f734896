// Runs the rules: each check once per subject of its declared scope, each pull-request rule
// once when it applies to the pull request's kind. Rules report through a reporter and never
// print; a rule that crashes becomes one error and the others still run.
import type { Check, CheckContext, Scope, ScopeSubjects } from './types.js';
import type { PullRequestCheck, PullRequestContext } from './pull-request/types.js';
import { reporter, type Reporter, type RuleName } from './report.js';
import { compareFindings, type Finding } from '../findings.js';

/** The findings of one validation run, sorted, with what was looked at. */
export interface Report {
  ok: boolean;
  errors: Finding[];
  warnings: Finding[];
  notices: Finding[];
}

/** Run checks against a context and collect their findings into a report. */
export async function runChecks(checks: readonly Check[], ctx: CheckContext): Promise<Report> {
  return toReport(await checkFindings(checks, ctx));
}

/** The findings of checks, unsorted: each check is called once per subject of its scope. */
export async function checkFindings(checks: readonly Check[], ctx: CheckContext): Promise<Finding[]> {
  const all: Finding[] = [];
  for (const c of checks) await runRule(c, subjectsOf(c.scope, ctx), (s, report) => c.check(s, report, ctx), all);
  return all;
}

/** The findings of the pull-request rules that apply to this pull request's kind, unsorted. */
export async function pullRequestFindings(
  rules: readonly PullRequestCheck[],
  ctx: PullRequestContext,
): Promise<Finding[]> {
  const all: Finding[] = [];
  for (const r of rules) {
    if (r.applies.includes(ctx.pr.kind)) await runRule(r, [ctx.pr], (pr, report) => r.check(pr, report, ctx), all);
  }
  return all;
}

/** What a check of each scope is called with. */
function subjectsOf<S extends Scope>(scope: S, ctx: CheckContext): readonly ScopeSubjects[S][] {
  const { repo } = ctx;
  const subjects: { [K in Scope]: () => readonly ScopeSubjects[K][] } = {
    repository: () => [repo],
    registry: () => (repo.registry ? [repo.registry] : []),
    cycle: () => repo.cycles,
    submission: () => repo.submissions.filter((s) => ctx.inScope(s)),
  };
  return subjects[scope]();
}

/**
 * Call a rule on each subject. A crash does not stop the rule on the other subjects, and
 * what it reported before crashing is kept; its first crash becomes one error.
 */
async function runRule<T>(
  rule: RuleName,
  subjects: readonly T[],
  call: (subject: T, report: Reporter) => void | Promise<void>,
  into: Finding[],
): Promise<void> {
  const report = reporter(rule, into);
  let crash: { error: unknown } | undefined;
  for (const s of subjects) {
    try {
      await call(s, report);
    } catch (error) {
      crash ??= { error };
    }
  }
  if (!crash) return;
  report
    .at('(drivercert)')
    .error(
      `the check "${rule.id}" failed to run: ${(crash.error as Error)?.message}`,
      'This is a bug in drivercert, not in your files: please report it with this message.',
    );
}

/** Split findings by level and sort them. */
export function toReport(all: Finding[]): Report {
  const sorted = [...all].sort(compareFindings);
  const errors = sorted.filter((f) => f.level === 'error');
  return {
    ok: errors.length === 0,
    errors,
    warnings: sorted.filter((f) => f.level === 'warning'),
    notices: sorted.filter((f) => f.level === 'notice'),
  };
}
