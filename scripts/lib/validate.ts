// `drivercert validate`: load the repository, run every check, return the report.
import { resolve, relative, sep } from 'node:path';
import { CHECKS } from './checks/index.js';
import { runChecks, type Report } from './checks/runner.js';
import type { CheckContext } from './checks/types.js';
import { DEFAULT_LIMITS, type BundleLimits } from './bundle/limits.js';
import { loadRepo, type Repo, type SubmissionDir } from './repo.js';
import { gatheredBundleFacts, prefetchBundleFacts } from './analysis/facts.js';
import { contentPool } from './analysis/pool.js';
import { today } from './dates.js';
import type { ReportStats } from './report-format.js';
import { shardPaths, type Shard } from './shard.js';
import type { ContentReader } from './analysis/facts.js';

export interface ValidateOptions {
  /** Restrict submission checks to these paths (files or folders, relative to `cwd`, else to the repo, or absolute). */
  paths?: string[];
  /** The folder relative paths are taken from first (default: the process's working directory). */
  cwd?: string;
  limits?: Partial<BundleLimits>;
  skipBundles?: boolean;
  today?: string;
  /** Validate only the submissions of this part (drivers.yaml and the cycles are checked in every part). */
  shard?: Shard;
  /** How bundle content is read (default: in this thread). */
  readContent?: ContentReader;
  /** Read bundles in this many worker threads (default 1: in this thread). */
  jobs?: number;
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
  const report = await withWorkers(ctx, opts.jobs ?? 1, () => runChecks(CHECKS, ctx));
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

/**
 * Run `body` with bundles read by `jobs` worker threads, every bundle in scope queued at once
 * (only when there are two or more to read; one is read in this thread).
 */
async function withWorkers<T>(ctx: CheckContext, jobs: number, body: () => Promise<T>): Promise<T> {
  const toRead = ctx.repo.submissions.filter((s) => s.result?.data && ctx.inScope(s)).length;
  if (jobs <= 1 || ctx.skipBundles || toRead < 2) return body();
  const pool = contentPool(Math.min(jobs, toRead));
  ctx.readContent = pool.read;
  try {
    prefetchBundleFacts(ctx);
    return await body();
  } finally {
    await pool.close();
  }
}

/** What the checks read about a loaded repository: today, the submissions in scope (`paths`), the bundle limits. */
export function checkContext(repo: Repo, opts: ValidateOptions = {}): CheckContext {
  const scopes = (opts.paths ?? []).map((p) => toRepoPath(repo.root, p, opts.cwd));
  const part = opts.shard
    ? shardPaths(
        repo.submissions.map((s) => s.path),
        opts.shard,
      )
    : undefined;
  const inScope = (sub: SubmissionDir) =>
    (part === undefined || part.has(sub.path)) &&
    (scopes.length === 0 ||
      scopes.some((s) => s === '' || s === sub.path || sub.path.startsWith(s + '/') || s.startsWith(sub.path + '/')));
  return {
    repo,
    today: opts.today ?? today(),
    inScope,
    focused: scopes.length > 0,
    limits: { ...DEFAULT_LIMITS, ...opts.limits },
    skipBundles: opts.skipBundles ?? false,
    ...(opts.readContent ? { readContent: opts.readContent } : {}),
    memo: new Map(),
  };
}

/** The submission folders of a shard (`validate --shard K/N --list`), in the repository's order. */
export function shardFolders(root: string, shard: Shard): string[] {
  const paths = loadRepo(root).submissions.map((s) => s.path);
  const part = shardPaths(paths, shard);
  return paths.filter((p) => part.has(p));
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
