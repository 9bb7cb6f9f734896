// The reviewer's report: what a reviewer needs on one screen, as data. Built from
// result.yaml, the cycle, drivers.yaml and the rules' findings; the parts only the bundle
// knows (first traceback line of each failure, secrets) come in through `bundleReview`.
import type { Report } from '../checks/runner.js';
import type { CheckContext } from '../checks/types.js';
import type { CapabilityOutcome, Cycle, Driver, RenamedTest, Result } from '../model.js';
import type { PullRequest, PullRequestKind } from '../pr/pull-request.js';
import type { ReportStats } from '../report-format.js';
import { cyclesByName, driversById, type Repo, type SubmissionDir } from '../repo.js';
import { runKeys } from '../results/test-ids.js';
import { matrixRowPreview } from './matrix-row.js';
import { own } from '../own.js';

/**
 * What the bundle checks add to a submission's report once they read its bundle.
 * The extension point: pass `bundleReview` to buildReviewReport.
 */
export interface BundleReview {
  /** Each failed test with the first line of its traceback. */
  failures?: { test: string; firstLine: string }[];
  /** Secrets the cert script's scrubbing missed (never the secret itself). */
  secrets?: { member: string; line?: number; what: string }[];
  /** Anything else worth a reviewer's eye, one line each. */
  notes?: string[];
  /** When the run happened (UTC), as validate derives it from the bundle. */
  run?: { start: string; end: string };
  /** Cycle tests the run holds under another name, matched by idempotent id. */
  renamed?: RenamedTest[];
}

/** One capability's outcome in this submission and in the previous one. */
export interface CapabilityChange {
  id: string;
  before: CapabilityOutcome | undefined;
  after: CapabilityOutcome | undefined;
}

/** What changed since the driver's previous submission (from result.yaml alone). */
export interface SincePrevious {
  cycle: string;
  path: string;
  verdict: Result['verdict'];
  submitted: string;
  withdrawn: boolean;
  newlyFailing: string[];
  newlyPassing: string[];
  capabilities: CapabilityChange[];
}

/** A submission as the reviewer sees it. */
export interface SubmissionReview {
  path: string;
  driver: string;
  cycle: string;
  driverInfo: Pick<Driver, 'name' | 'vendor' | 'protocols' | 'status' | 'maintainers'> | undefined;
  /** result.yaml's data, when it is valid. */
  result: Result | undefined;
  /** The cycle's required capabilities by outcome. */
  required: Record<CapabilityOutcome, string[]>;
  /** Capabilities that evidence a feature, beside the driver's claim. */
  features: {
    capability: string;
    feature: string;
    claimed: boolean | undefined;
    outcome: CapabilityOutcome | undefined;
  }[];
  previous: SincePrevious | undefined;
  /** The MATRIX.md row this submission produces (Markdown). */
  matrixRow: string;
  bundle: BundleReview | undefined;
}

/** The pull request as the report introduces it. */
export interface PullRequestSummary {
  kind: PullRequestKind;
  ref: string;
  base: string;
  head: string;
  author: string | undefined;
  folder: string | undefined;
  changedFiles: number;
  withdrawals: string[];
}

/** Everything the Markdown report shows. */
export interface ReviewReport {
  report: Report;
  stats: ReportStats;
  pullRequest: PullRequestSummary | undefined;
  submissions: SubmissionReview[];
}

export interface BuildReviewOptions {
  /** The pull request, when validating with --changed-since. */
  pr?: PullRequest | undefined;
  /** Without a pull request: the submissions to show (e.g. those under the PATH arguments). */
  focus?: (sub: SubmissionDir) => boolean;
  /** The bundle-derived part of a submission's report (the extension point for the bundle checks). */
  bundleReview?: (sub: SubmissionDir, ctx: CheckContext) => BundleReview | undefined;
  ctx?: CheckContext;
}

/** Assemble the reviewer's report from a validation run. */
export function buildReviewReport(
  repo: Repo,
  report: Report,
  stats: ReportStats,
  opts: BuildReviewOptions = {},
): ReviewReport {
  const pr = opts.pr;
  const chosen = pr ? (s: SubmissionDir) => s.path === pr.folder?.path : (opts.focus ?? (() => false));
  const submissions = repo.submissions.filter(chosen).map((s) => reviewSubmission(repo, s, opts));
  return {
    report,
    stats,
    pullRequest: pr
      ? {
          kind: pr.kind,
          ref: pr.ref,
          base: pr.mergeBase,
          head: pr.head,
          author: pr.author,
          folder: pr.folder?.path,
          changedFiles: pr.changes.length,
          withdrawals: pr.withdrawals.map((c) => c.path),
        }
      : undefined,
    submissions,
  };
}

function reviewSubmission(repo: Repo, sub: SubmissionDir, opts: BuildReviewOptions): SubmissionReview {
  const cycles = cyclesByName(repo);
  const driver = driversById(repo).get(sub.driver);
  const result = sub.result?.data;
  const cycle = cycles.get(sub.cycle);
  return {
    path: sub.path,
    driver: sub.driver,
    cycle: sub.cycle,
    driverInfo: driver
      ? {
          name: driver.name,
          vendor: driver.vendor,
          protocols: driver.protocols,
          status: driver.status,
          maintainers: driver.maintainers,
        }
      : undefined,
    result,
    required: requiredOutcomes(cycle, result),
    features: featureEvidence(cycle, driver, result),
    previous: result ? sincePrevious(repo, sub, result) : undefined,
    matrixRow: matrixRowPreview(repo, sub.driver),
    bundle: opts.bundleReview && opts.ctx ? opts.bundleReview(sub, opts.ctx) : undefined,
  };
}

/** The cycle's required capabilities, grouped by this result's outcome (absent = missing). */
export function requiredOutcomes(
  cycle: Cycle | undefined,
  result: Result | undefined,
): Record<CapabilityOutcome, string[]> {
  const out: Record<CapabilityOutcome, string[]> = { passed: [], failed: [], missing: [] };
  if (!cycle) return out;
  for (const [id, cap] of Object.entries(cycle.capabilities)) {
    if (!cap.required) continue;
    out[own(result?.capabilities, id) ?? 'missing'].push(id);
  }
  return out;
}

function featureEvidence(
  cycle: Cycle | undefined,
  driver: Driver | undefined,
  result: Result | undefined,
): SubmissionReview['features'] {
  if (!cycle) return [];
  return Object.entries(cycle.capabilities)
    .filter(([, cap]) => cap.feature !== undefined)
    .map(([id, cap]) => ({
      capability: id,
      feature: cap.feature!,
      claimed: driver?.features[cap.feature!],
      outcome: own(result?.capabilities, id),
    }));
}

/** The driver's submission in the latest cycle that opened before this one, if any. */
function previousSubmission(repo: Repo, sub: SubmissionDir): SubmissionDir | undefined {
  const cycles = cyclesByName(repo);
  const opened = cycles.get(sub.cycle)?.opened;
  if (!opened) return undefined;
  const earlier = repo.submissions.filter((s) => {
    if (s.driver !== sub.driver || s.cycle === sub.cycle || !s.result?.data) return false;
    const o = cycles.get(s.cycle)?.opened;
    return o !== undefined && (o < opened || (o === opened && s.cycle < sub.cycle));
  });
  earlier.sort((a, b) => {
    const oa = cycles.get(a.cycle)!.opened;
    const ob = cycles.get(b.cycle)!.opened;
    return oa < ob ? 1 : oa > ob ? -1 : a.cycle < b.cycle ? 1 : -1;
  });
  return earlier[0];
}

/** Newly failing and newly passing tests, and capability outcome changes, since the previous submission. */
export function sincePrevious(repo: Repo, sub: SubmissionDir, result: Result): SincePrevious | undefined {
  const prevDir = previousSubmission(repo, sub);
  const prev = prevDir?.result?.data;
  if (!prevDir || !prev) return undefined;
  const keysOf = (ids: readonly string[]) => new Set(ids.flatMap(runKeys));
  const has = (set: Set<string>, id: string) => runKeys(id).some((k) => set.has(k));
  const failedBefore = keysOf(prev.failed_tests);
  const failedNow = keysOf(result.failed_tests);
  const skippedNow = keysOf(result.skipped_tests);
  const capIds = [...new Set([...Object.keys(prev.capabilities), ...Object.keys(result.capabilities)])].sort();
  return {
    cycle: prevDir.cycle,
    path: prevDir.path,
    verdict: prev.verdict,
    submitted: prev.submitted,
    withdrawn: prev.withdrawn !== undefined,
    newlyFailing: result.failed_tests.filter((t) => !has(failedBefore, t)),
    newlyPassing: prev.failed_tests.filter((t) => !has(failedNow, t) && !has(skippedNow, t)),
    capabilities: capIds
      .map((id) => ({ id, before: own(prev.capabilities, id), after: own(result.capabilities, id) }))
      .filter((c) => c.before !== c.after),
  };
}
