// The matrix model: what MATRIX.md (and the site) shows, as data, derived from the record
// (RepoModel) by pure functions: `buildMatrixModel` computes it, `renderMatrix` turns it into
// Markdown, and `matrix --json FILE` writes it as JSON.
import type { Capability, Cycle, Driver, FeatureId, Submission, Verdict } from '../model.js';
import { compareText } from './order.js';

/** One capability of a cycle, as the matrix counts it. */
export interface MatrixCapability extends Omit<Capability, 'tests'> {
  id: string;
  /** How many tests it lists. */
  tests: number;
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
export interface MatrixDriver extends Pick<Driver, 'id' | 'name' | 'vendor' | 'protocols' | 'status' | 'maintainers'> {
  /** Its submission in the last cycle, if any. */
  last: Submission | null;
  /** Its submission in the current cycle, if any. */
  current: Submission | null;
  /** Every submission, newest cycle first. */
  history: Submission[];
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
  /** The open cycle (cycleRoles); null between `cycle close` and the next `cycle open`. */
  current: string | null;
  /** The closed cycle with the newest closed date (cycleRoles). */
  last: string | null;
  /** Newest first. */
  cycles: Cycle[];
  /** By vendor, name and id. */
  drivers: MatrixDriver[];
  /** One per cycle, newest first. */
  summary: CycleSummary[];
  /** The current cycle's capabilities: required first, then feature capabilities. */
  capabilities: CapabilitySummary[];
}

/** A cycle's capabilities as a list sorted by id, each with the number of tests it lists. */
export function capabilityList(cycle: Cycle): MatrixCapability[] {
  return Object.keys(cycle.capabilities)
    .sort(compareText)
    .map((id) => {
      const { tests, ...rest } = cycle.capabilities[id]!;
      return { id, ...rest, tests: tests.length };
    });
}

/** A submission's standing: withdrawn wins over its verdict. */
export function standingOf(s: Submission): Standing {
  return s.withdrawn ? 'withdrawn' : s.verdict;
}

/** The newest submission of a history (newest first) that stands, i.e. is not withdrawn. */
export function latestStanding(history: readonly Submission[]): Submission | undefined {
  return history.find((s) => standingOf(s) !== 'withdrawn');
}
