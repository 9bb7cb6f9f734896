// From the tests that ran to what result.yaml derives: per-capability outcomes, the
// failed and skipped ids, and the verdict (docs/design.md "Verdict").
import type { CapabilityOutcome, Cycle, CycleTest, Verdict } from '../model.js';
import type { TestRecord, TestStatus } from '../formats/types.js';
import { runKeys, testKeys } from './test-ids.js';
import { matchRun, type RefusedMatch, type RenamedMatch } from './match.js';
import { own } from '../own.js';

/** Why one test of a capability did not count as passed. */
export interface TestShortfall {
  test: string;
  outcome: 'failed' | 'missing';
  /** What the run recorded for it (absent when it never ran). */
  status?: TestStatus;
}

export interface CapabilityEvaluation {
  id: string;
  required: boolean;
  outcome: CapabilityOutcome;
  /** Tests that failed or never ran (waived and flagged tests excluded). */
  shortfalls: TestShortfall[];
  /** Tests not held against the driver: flagged by the guideline or waived for it. */
  excused: { test: string; why: 'flagged' | 'waived' }[];
}

export interface Evaluation {
  capabilities: CapabilityEvaluation[];
  /** Failed (fail, uxsuccess, incomplete) and skipped tests, ids as the source wrote them, sorted. */
  failedTests: string[];
  skippedTests: string[];
  verdict: Verdict;
  /** Failures and unexpected successes outside waived/flagged tests (they fail the verdict). */
  blockingFailures: string[];
  /** Cycle tests matched only by idempotent id, under another name ("matched by idempotent id as …"). */
  renamed: RenamedMatch[];
  /** Records that could not honestly stand for the cycle tests they matched. */
  refused: RefusedMatch[];
}

const FAILED: ReadonlySet<TestStatus> = new Set(['fail', 'uxsuccess', 'incomplete']);

/**
 * A required test passes only with a success; a failure, an unexpected success or an expected failure
 * fails it; a skip or absence is missing.
 */
function testOutcome(statuses: TestStatus[]): { outcome: 'passed' | 'failed' | 'missing'; status?: TestStatus } {
  const bad = statuses.find((s) => FAILED.has(s) || s === 'xfail');
  if (bad) return { outcome: 'failed', status: bad };
  if (statuses.includes('success')) return { outcome: 'passed', status: 'success' };
  return statuses.length ? { outcome: 'missing', status: statuses[0]! } : { outcome: 'missing' };
}

/**
 * Evaluate a run against a cycle for one driver. `hiddenFailures`: failures the source counts but
 * shows no record of (subunit-trace never prints `process-returncode`); any fails the verdict.
 */
export function evaluateRun(
  tests: readonly TestRecord[],
  cycle: Cycle,
  driver: string,
  hiddenFailures = 0,
): Evaluation {
  const match = matchRun(tests, cycle);
  const waivers = own(cycle.waivers, driver) ?? [];
  const waived = (t: CycleTest) =>
    waivers.some((w) => testKeys(t).includes(w.test) || testKeys(t).includes(w.test.toLowerCase()));
  const excusedKeys = new Set<string>();
  const capabilities: CapabilityEvaluation[] = [];
  for (const [id, cap] of Object.entries(cycle.capabilities).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const ev: CapabilityEvaluation = { id, required: cap.required, outcome: 'passed', shortfalls: [], excused: [] };
    for (const t of cap.tests) {
      if (t.flagged || waived(t)) {
        ev.excused.push({ test: t.id, why: t.flagged ? 'flagged' : 'waived' });
        for (const k of testKeys(t)) excusedKeys.add(k);
        continue;
      }
      const r = testOutcome(match.statusesOf(t));
      if (r.outcome !== 'passed')
        ev.shortfalls.push({ test: t.id, outcome: r.outcome, ...(r.status ? { status: r.status } : {}) });
    }
    const anyFailed = ev.shortfalls.some((s) => s.outcome === 'failed');
    ev.outcome = anyFailed ? 'failed' : ev.shortfalls.length ? 'missing' : 'passed';
    capabilities.push(ev);
  }
  const failed = new Set<string>();
  const skipped = new Set<string>();
  const blocking = new Set<string>();
  // Ids are kept as the source wrote them: their [id-<uuid>] attributes identify a test across renames.
  for (const t of tests) {
    if (FAILED.has(t.status)) {
      failed.add(t.id);
      if (!runKeys(t.id).some((k) => excusedKeys.has(k))) blocking.add(t.id);
    } else if (t.status === 'skip') skipped.add(t.id);
  }
  const requiredOk = capabilities.every((c) => !c.required || c.outcome === 'passed');
  return {
    capabilities,
    failedTests: [...failed].sort(),
    skippedTests: [...skipped].sort(),
    blockingFailures: [...blocking].sort(),
    renamed: match.renamed,
    refused: match.refused,
    verdict: requiredOk && blocking.size === 0 && hiddenFailures === 0 ? 'passed' : 'failed',
  };
}

/** The capability map result.yaml stores. */
export function capabilityOutcomes(ev: Evaluation): Record<string, CapabilityOutcome> {
  return Object.fromEntries(ev.capabilities.map((c) => [c.id, c.outcome]));
}
