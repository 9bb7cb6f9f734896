// `drivercert validate`: load the repository, run every check, return the report.
import { statSync } from 'node:fs';
import { join, resolve, relative, sep } from 'node:path';
import { CHECKS } from './checks/index.js';
import { runChecks, type Report } from './checks/runner.js';
import type { CheckContext } from './checks/types.js';
import { DEFAULT_LIMITS, type BundleLimits } from './bundle/limits.js';
import { loadRepo, type Repo, type SubmissionDir } from './repo.js';
import { gatheredBundleFacts, prefetchBundleFacts } from './analysis/facts.js';
import { contentPool } from './analysis/pool.js';
import { today } from './dates.js';
import { UsageError } from './findings.js';
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
  /**
   * Start workers only when the bundles in scope hold at least this many bytes per worker
   * (default 0: whenever asked). A worker costs ~0.3 s of CPU to start, what reading ~1.5 MB
   * of bundle costs, so a default number of workers is worth it only on larger bundles.
   */
  workerMinBytes?: number;
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
  checkPaths(repo, opts);
  const ctx = checkContext(repo, opts);
  const workers = workersFor(ctx, opts.jobs ?? 1, opts.workerMinBytes ?? 0);
  const report = await withWorkers(ctx, workers, () => runChecks(CHECKS, ctx));
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

/** How many workers read the bundles in scope: at most `jobs`, one per bundle and per `minBytes` of bundles. */
function workersFor(ctx: CheckContext, jobs: number, minBytes: number): number {
  if (jobs <= 1 || ctx.skipBundles) return 1;
  const bundles = ctx.repo.submissions
    .filter((s) => s.result?.data && ctx.inScope(s))
    .flatMap((s) =>
      s.entries.filter((e) => e.kind === 'file' && e.name.endsWith('.tgz')).map((e) => `${s.path}/${e.name}`),
    );
  const bytes = minBytes > 0 ? bundles.reduce((n, b) => n + sizeOf(join(ctx.repo.root, b)), 0) : 0;
  return Math.min(jobs, bundles.length, minBytes > 0 ? Math.floor(bytes / minBytes) : Infinity);
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/**
 * Run `body` with bundles read by `workers` worker threads, every bundle in scope queued at
 * once (with fewer than two, they are read in this thread).
 */
async function withWorkers<T>(ctx: CheckContext, workers: number, body: () => Promise<T>): Promise<T> {
  if (workers < 2) return body();
  const pool = contentPool(workers);
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
  const inScope = (sub: SubmissionDir) => scopes.length === 0 || scopes.some((s) => covers(s, sub));
  return {
    repo,
    today: opts.today ?? today(),
    inScope: inShard(repo, opts.shard, inScope),
    focused: scopes.length > 0,
    limits: { ...DEFAULT_LIMITS, ...opts.limits },
    skipBundles: opts.skipBundles ?? false,
    ...(opts.readContent ? { readContent: opts.readContent } : {}),
    memo: new Map(),
  };
}

/** Whether the repository path S (a PATH argument) is, holds or lies in the submission SUB. */
function covers(s: string, sub: SubmissionDir): boolean {
  return s === '' || s === sub.path || sub.path.startsWith(s + '/') || s.startsWith(sub.path + '/');
}

/** Every PATH must name a submission (or a folder holding some): a typo must not validate nothing and say "valid". */
function checkPaths(repo: Repo, opts: ValidateOptions): void {
  for (const p of opts.paths ?? []) {
    const s = toRepoPath(repo.root, p, opts.cwd);
    if (s === '' || repo.submissions.some((sub) => covers(s, sub))) continue;
    throw new UsageError(
      `PATH ${JSON.stringify(p)} names no submission: give a submission folder (results/<cycle>/<driver>), ` +
        'a file in one, or a folder that holds some (results/<cycle>, results); without PATH, all are validated',
    );
  }
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

/** The submission folders of a shard (`validate --shard K/N --list`), in the repository's order. */
export function shardFolders(root: string, shard: Shard): string[] {
  const paths = loadRepo(root).submissions.map((s) => s.path);
  const part = shardPaths(paths, shard);
  return paths.filter((p) => part.has(p));
}

/** `inScope`, narrowed to the submissions of `shard` when there is one. */
function inShard(repo: Repo, shard: Shard | undefined, inScope: (sub: SubmissionDir) => boolean) {
  if (!shard) return inScope;
  const part = shardPaths(
    repo.submissions.map((s) => s.path),
    shard,
  );
  return (sub: SubmissionDir) => part.has(sub.path) && inScope(sub);
}
