// `drivercert validate [PATH…] [--changed-since REF [--author LOGIN]] [--jobs N] [--shard K/N [--list]]`
import { resolve } from 'node:path';
import type { Command } from '../command.js';
import { choice, repoRoot, str } from '../command.js';
import { shardFolders, validateRepo, type ValidateOutcome } from '../../lib/validate.js';
import { parseShard } from '../../lib/shard.js';
import { defaultJobs, MAX_JOBS } from '../../lib/analysis/pool.js';
import { validateChanges } from '../../lib/validate-changes.js';
import { formatGithub, formatJson, formatText } from '../../lib/report-format.js';
import { buildReviewReport } from '../../lib/report/review.js';
import { renderMarkdown } from '../../lib/report/markdown.js';
import { bundleReviewFor } from '../../lib/report/bundle-review.js';
import { writeFileAtomic } from '../../lib/atomic.js';
import { UsageError } from '../../lib/findings.js';
import { parseLimitOptions } from '../../lib/bundle/limits.js';
import { today } from '../../lib/dates.js';
import type { PullRequest } from '../../lib/pr/pull-request.js';
import { printableLine } from '../../lib/inert/index.js';

const FORMATS = ['text', 'json', 'github', 'markdown'] as const;

export const validateCommand: Command = {
  name: 'validate',
  help: `Usage: drivercert validate [PATH…] [options]
       drivercert validate --changed-since REF [--author LOGIN] [options]
       drivercert validate --shard K/N [--list] [options]

Checks drivers.yaml, every results/<cycle>/cycle.yaml and every submission
(or only the submissions under PATH) against the schemas and the repository's rules.

With --changed-since, checks what the commits up to HEAD change since REF (a pull
request against its base branch) with the pull-request rules: a submission touches one
results/<cycle>/<driver>/ folder of the open cycle, only with the files a submission
holds, by one of the driver's maintainers or a core reviewer as drivers.yaml says on
REF; anything else is maintenance, and the whole repository is validated.

Options:
  --changed-since REF    validate the changes since REF (e.g. origin/main) as a pull request
  --author LOGIN         the pull request's author (GitHub login), checked against REF's drivers.yaml
  --format FORMAT        text (default), json, github (workflow annotations),
                         markdown (the reviewer's report)
  --report FILE          also write the reviewer's report (Markdown) to FILE
  --limit NAME=VALUE     override a bundle limit (e.g. maxTotalBytes=8GiB; see docs/bundles.md)
  --fail-on-warnings     exit 1 when there are warnings, too
  --jobs N               read bundles in N worker threads (default: DRIVERCERT_JOBS, else one
                         per core, at most 4, and one per 4 MiB of bundles); the output is the
                         same for every N
  --shard K/N            validate only the K-th of N stable, disjoint parts of the submissions
                         (drivers.yaml and the cycles are checked in every part)
  --list                 with --shard: print that part's submission folders, one per line
  --verbose              show notices (e.g. a valid honest failed run's missing or failed
                         required tests) also when validating the whole repository
  --repo DIR             the repository (default: the current directory)
  -h, --help             show this help

Exit status: 0 valid, 1 invalid (or git cannot answer), 2 usage error.`,
  options: {
    format: { type: 'string' },
    'fail-on-warnings': { type: 'boolean' },
    limit: { type: 'string', multiple: true },
    verbose: { type: 'boolean' },
    'changed-since': { type: 'string' },
    author: { type: 'string' },
    report: { type: 'string' },
    jobs: { type: 'string' },
    shard: { type: 'string' },
    list: { type: 'boolean' },
  },
  positionals: { min: 0, max: Infinity, name: 'PATH' },
  async run(args, io) {
    const format = choice(args, 'format', FORMATS, 'text');
    const root = repoRoot(args, io);
    const ref = str(args, 'changed-since');
    const author = str(args, 'author');
    const reportFile = str(args, 'report');
    if (ref !== undefined && args.positionals.length > 0)
      throw new UsageError('give either PATH… or --changed-since, not both');
    if (author !== undefined && ref === undefined)
      throw new UsageError('--author needs --changed-since REF (the author of the changes since REF)');
    const shardText = str(args, 'shard');
    const shard = shardText === undefined ? undefined : parseShard(shardText);
    if (shard && (ref !== undefined || args.positionals.length > 0))
      throw new UsageError('--shard splits the whole repository: give no PATH and no --changed-since with it');
    if (args.values.list === true) {
      if (!shard) throw new UsageError('--list needs --shard K/N (the part whose submission folders to print)');
      for (const folder of shardFolders(root, shard)) io.out(printableLine(folder) + '\n');
      return 0;
    }
    const { jobs, workerMinBytes } = parseJobs(str(args, 'jobs'), io.env);
    const limits = parseLimitOptions((args.values.limit as string[] | undefined) ?? []);
    let outcome: ValidateOutcome;
    let pr: PullRequest | undefined;
    if (ref !== undefined) {
      const opts = { ref, author, limits, jobs, workerMinBytes, today: today(io.env), env: io.env };
      const changed = await validateChanges(root, opts);
      pr = changed.pr;
      outcome = changed;
      io.err(printableLine(describePullRequest(pr)) + '\n'); // the folder's name is the contributor's
    } else {
      outcome = await validateRepo(root, {
        paths: args.positionals,
        cwd: io.cwd,
        limits,
        jobs,
        workerMinBytes,
        ...(shard ? { shard } : {}),
        today: today(io.env),
      });
    }
    const { report, stats } = outcome;
    // The report shows the submissions under PATH (none for the whole repository), or the pull request's.
    const focus = outcome.ctx.focused ? outcome.ctx.inScope : undefined;
    let markdown: string | undefined;
    const reviewReport = () =>
      (markdown ??= renderMarkdown(
        buildReviewReport(outcome.repo, report, stats, { pr, focus, ctx: outcome.ctx, bundleReview: bundleReviewFor }),
      ));
    if (reportFile !== undefined) writeFileAtomic(resolve(io.cwd, reportFile), reviewReport(), { mkdir: true });
    if (format === 'markdown') io.out(reviewReport());
    else if (format === 'text') {
      // Notices are details of single submissions: shown when some are named (PATH, a pull request) or on request.
      const showNotices = args.values.verbose === true || ref !== undefined || args.positionals.length > 0;
      io.out(formatText(report, stats, { showNotices }));
    } else io.out((format === 'json' ? formatJson : formatGithub)(report, stats));
    const failed = !report.ok || (args.values['fail-on-warnings'] === true && report.warnings.length > 0);
    return failed ? 1 : 0;
  },
};

/**
 * --jobs N (1 to MAX_JOBS), else DRIVERCERT_JOBS: that many workers. Else one per core (at most
 * MAX_JOBS), each started only for 4 MiB of bundles: a small repository is read in this thread.
 */
function parseJobs(text: string | undefined, env: NodeJS.ProcessEnv): { jobs: number; workerMinBytes: number } {
  const given = text ?? env.DRIVERCERT_JOBS;
  if (given === undefined || given === '') return { jobs: defaultJobs(), workerMinBytes: 4 * 1024 * 1024 };
  const what = text !== undefined ? '--jobs' : 'DRIVERCERT_JOBS';
  if (!/^[1-9][0-9]*$/.test(given) || Number(given) > MAX_JOBS)
    throw new UsageError(`${what} needs a number of worker threads from 1 to ${MAX_JOBS}, got "${given}"`);
  return { jobs: Number(given), workerMinBytes: 0 };
}

/** One line on standard error saying what kind of pull request this is. */
function describePullRequest(pr: PullRequest): string {
  const base = `${pr.ref} (${pr.mergeBase.slice(0, 12)})`;
  const n = `${pr.changes.length} changed ${pr.changes.length === 1 ? 'file' : 'files'}`;
  const by = pr.author ? ` by ${pr.author}` : '';
  switch (pr.kind) {
    case 'submission':
      return `drivercert: a submission of ${pr.folder?.path}/ since ${base}${by}: ${n}`;
    case 'maintenance':
      return `drivercert: a maintenance change since ${base}${by}: ${n}; validating the whole repository`;
    default:
      return `drivercert: nothing changed since ${base}`;
  }
}
