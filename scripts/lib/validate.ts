// `drivercert validate`: load the repository, run every check, return the report.
import { resolve, relative, sep } from 'node:path';
import { CHECKS } from './checks/index.js';
import { runChecks, type Report } from './checks/runner.js';
import type { CheckContext } from './checks/types.js';
import { DEFAULT_LIMITS, type BundleLimits } from './bundle/limits.js';
import { loadRepo, type Repo, type SubmissionDir } from './repo.js';
import { gatheredBundleFacts } from './analysis/facts.js';
import { today } from './dates.js';
import type { ReportStats } from './report-format.js';

export interface ValidateOptions {
  /** Restrict submission checks to these paths (files or folders, relative to `cwd`, else to the repo, or absolute). */
  paths?: string[];
  /** The folder relative paths are taken from first (default: the process's working directory). */
  cwd?: string;
  limits?: Partial<BundleLimits>;
  skipBundles?: boolean;
  today?: string;
}

export interface ValidateOutcome {
  report: Report;
  stats: ReportStats;
  repo: Repo;
  ctx: CheckContext;
}

/** Validate the repository at `root` (or only the submissions under `paths`). */
export async function validateRepo(root: string, opts: ValidateOptions = {}): Promise<ValidateOutcome> {
  const repo = loadRepo(root);
  const ctx = checkContext(repo, opts);
  const report = await runChecks(CHECKS, ctx);
  const facts = gatheredBundleFacts(ctx) ?? [];
  const pointers = facts.filter((f) => f.lfs).length;
  const stats: ReportStats = {
    drivers: countDrivers(repo),
    cycles: repo.cycles.length,
    submissions: repo.submissions.filter(ctx.inScope).length,
    bundles: facts.length - pointers,
    ...(pointers ? { pointers } : {}),
  };
  return { report, stats, repo, ctx };
}

/** What the checks read about a loaded repository: today, the submissions in scope (`paths`), the bundle limits. */
export function checkContext(repo: Repo, opts: ValidateOptions = {}): CheckContext {
  const scopes = (opts.paths ?? []).map((p) => toRepoPath(repo.root, p, opts.cwd));
  const inScope = (sub: SubmissionDir) =>
    scopes.length === 0 ||
    scopes.some((s) => s === '' || s === sub.path || sub.path.startsWith(s + '/') || s.startsWith(sub.path + '/'));
  return {
    repo,
    today: opts.today ?? today(),
    inScope,
    focused: scopes.length > 0,
    limits: { ...DEFAULT_LIMITS, ...opts.limits },
    skipBundles: opts.skipBundles ?? false,
    memo: new Map(),
  };
}

/** A path argument (relative to the working directory, else to the repository) as a repository-relative POSIX path. */
export function toRepoPath(root: string, p: string, cwd = ''): string {
  let rel = relative(resolve(root), resolve(cwd, p));
  if (rel.startsWith('..')) rel = relative(resolve(root), resolve(root, p));
  return rel.split(sep).join('/').replace(/\/+$/, '');
}

function countDrivers(repo: Repo): number {
  const data = repo.registry?.source.data as { drivers?: unknown } | undefined;
  return Array.isArray(data?.drivers) ? data.drivers.length : 0;
}
