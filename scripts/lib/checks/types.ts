// The shape of a check: data in, findings out (STYLE.md).
import type { Finding } from '../findings.js';
import type { Repo, SubmissionDir } from '../repo.js';
import type { BundleLimits } from '../bundle/limits.js';

/** What every check may read. */
export interface CheckContext {
  repo: Repo;
  /** Today's date (UTC, YYYY-MM-DD). */
  today: string;
  /** Whether a submission folder is among those being validated (PATH arguments). */
  inScope(sub: SubmissionDir): boolean;
  /** True when particular submissions were named (PATH arguments, a pull request's folder): per-submission notices are then worth reporting. */
  focused: boolean;
  /** Limits for reading bundles. */
  limits: BundleLimits;
  /** Set when bundles are not to be read (metadata only). */
  skipBundles: boolean;
  /** Memo shared by checks in one run (e.g. each bundle is read once). */
  memo: Map<string, unknown>;
}

/** One rule the repository is held to. */
export interface Check {
  /** Short stable id, e.g. `unique-driver-ids`. */
  id: string;
  /** The requirement as a submitter reads it, e.g. "driver ids are unique". */
  name: string;
  description: string;
  scope: 'registry' | 'cycle' | 'submission' | 'repository';
  check(ctx: CheckContext): Finding[] | Promise<Finding[]>;
}
