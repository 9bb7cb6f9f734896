// The matrix model: what MATRIX.md shows, as data. `buildMatrixModel` computes it from the
// inputs, `renderMatrix` turns it into Markdown, and `matrix --json FILE` writes it as JSON.
import type { CapabilityOutcome, DriverStatus, FeatureId, Verdict } from '../model.js';

/** One capability of a cycle, as the matrix counts it. */
export interface MatrixCapability {
  id: string;
  description: string;
  required: boolean;
  /** The support-matrix feature this capability evidences, when it is a feature capability. */
  feature?: FeatureId;
  /** How many tests it lists. */
  tests: number;
}

/** One certification cycle. */
export interface MatrixCycle {
  name: string;
  codename?: string;
  state: 'open' | 'closed';
  opened: string;
  closed?: string;
  capabilities: MatrixCapability[];
}

/** The test counts a cell shows. */
export interface MatrixCounts {
  total: number;
  passed: number;
  failed: number;
  skipped: number;
}

/** One submission (a result.yaml), as read: the matrix renders what the file says. */
export interface MatrixSubmission {
  cycle: string;
  driver: string;
  /** The submission folder, repository-relative, ending in `/`. */
  path: string;
  submitted: string;
  submitter: string;
  verdict: Verdict;
  counts: MatrixCounts;
  protocol?: string;
  backend?: string;
  notes?: string;
  failedTests: string[];
  capabilities: Record<string, CapabilityOutcome>;
  /** Set by a core reviewer: the result is withdrawn and never counts as passed. */
  withdrawn?: { date: string; reason: string };
}

/** How a submission stands: its verdict, or withdrawn. */
export type Standing = Verdict | 'withdrawn';

/** What a driver's latest standing result says about one feature. */
export type Evidence =
  /** every capability for the feature passed */
  | 'evidenced'
  /** a capability for the feature failed */
  | 'failed'
  /** the tests exist but did not run, or there is no result */
  | 'not-evidenced'
  /** no capability of the cycle lists tests for this feature */
  | 'no-test';

/** One feature: whether drivers.yaml claims it, and what the evidence says. */
export interface FeatureClaim {
  feature: FeatureId;
  claimed: boolean;
  evidence: Evidence;
  /** The cycle whose result (or, without a result, whose capabilities) was read. */
  cycle: string | null;
  /** The capabilities that evidence the feature in that cycle. */
  capabilities: string[];
}

/** One row of the main table: the registry entry (its feature claims become `claims`) and its results. */
export interface MatrixDriver extends Omit<MatrixDriverInput, 'features'> {
  /** Its submission in the last cycle, if any. */
  last: MatrixSubmission | null;
  /** Its submission in the current cycle, if any. */
  current: MatrixSubmission | null;
  /** Every submission, newest cycle first. */
  history: MatrixSubmission[];
  /** All support-matrix features, in Cinder's order. */
  claims: FeatureClaim[];
  /** Supported, but no standing (not withdrawn) result in the last or the current cycle. */
  stale: boolean;
}

/** Passed / failed / withdrawn / not submitted in one cycle, out of the drivers not removed. */
export interface CycleSummary {
  cycle: string;
  state: 'open' | 'closed';
  drivers: number;
  passed: number;
  failed: number;
  withdrawn: number;
  notSubmitted: number;
}

/** How the current cycle's standing submissions did on one capability. */
export interface CapabilitySummary extends MatrixCapability {
  passed: number;
  failed: number;
  missing: number;
  /** Submissions whose result.yaml does not mention the capability. */
  notReported: number;
}

/** Everything MATRIX.md shows. */
export interface MatrixModel {
  /** The open cycle; null between `cycle close` and the next `cycle open`. */
  current: string | null;
  /** The closed cycle with the newest closed date. */
  last: string | null;
  /** Newest first. */
  cycles: MatrixCycle[];
  /** By vendor, name and id. */
  drivers: MatrixDriver[];
  /** One per cycle, newest first. */
  summary: CycleSummary[];
  /** The current cycle's capabilities: required first, then feature capabilities. */
  capabilities: CapabilitySummary[];
}

/** A registry entry as the matrix needs it. */
export interface MatrixDriverInput {
  id: string;
  name: string;
  vendor: string;
  protocols: string[];
  status: DriverStatus;
  maintainers: string[];
  features: Partial<Record<FeatureId, boolean>>;
}

/** What the matrix is built from, once read. */
export interface MatrixInputs {
  drivers: MatrixDriverInput[];
  cycles: MatrixCycle[];
  submissions: MatrixSubmission[];
}

/** A submission's standing: withdrawn wins over its verdict. */
export function standingOf(s: MatrixSubmission): Standing {
  return s.withdrawn ? 'withdrawn' : s.verdict;
}

/** The newest submission of a history (newest first) that stands, i.e. is not withdrawn. */
export function latestStanding(history: readonly MatrixSubmission[]): MatrixSubmission | undefined {
  return history.find((s) => standingOf(s) !== 'withdrawn');
}
