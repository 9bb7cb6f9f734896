// From the tests that ran to what result.yaml derives: per-capability outcomes, the
// failed and skipped ids, and the verdict (DESIGN.md "Verdict").
import type { CapabilityOutcome, Cycle, CycleTest, Verdict } from '../model.js';
import type { TestRecord, TestStatus } from '../formats/types.js';
import { runKeys, scopesOf, setUpScopeOf, testKeys } from './test-ids.js';
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
}

const FAILED: ReadonlySet<TestStatus> = new Set(['fail', 'uxsuccess', 'incomplete']);

interface RunIndex {
  /** Statuses by every key a test is known by (idempotent id and normalised id). */
  byKey: Map<string, TestStatus[]>;
  /** Statuses of `setUpClass (…)` / `setUpModule (…)` records, by the class or module they stand for. */
  bySetUp: Map<string, TestStatus[]>;
}

function push(m: Map<string, TestStatus[]>, k: string, s: TestStatus): void {
  const list = m.get(k);
  if (list) list.push(s);
  else m.set(k, [s]);
}

/** Index the run by every key a test is known by, and its class and module fixtures by scope. */
function indexRun(tests: readonly TestRecord[]): RunIndex {
  const index: RunIndex = { byKey: new Map(), bySetUp: new Map() };
  for (const t of tests) {
    const scope = setUpScopeOf(t.id);
    if (scope !== undefined) {
      if (t.status !== 'success') push(index.bySetUp, scope, t.status);
      continue;
    }
    for (const k of runKeys(t.id)) push(index.byKey, k, t.status);
  }
  return index;
}

/**
 * What the run says about one cycle test: matched by idempotent id, then id, then aliases; plus
 * what its class's setUpClass or its module's setUpModule reported (a class that failed there
 * failed its tests; one skipped there skipped them).
 */
function statusesFor(index: RunIndex, t: CycleTest): TestStatus[] {
  const own = testKeys(t).map((k) => index.byKey.get(k)).find((s) => s !== undefined) ?? [];
  const scopes = new Set([t.id, ...(t.aliases ?? [])].flatMap(scopesOf));
  const fixtures = [...scopes].flatMap((s) => index.bySetUp.get(s) ?? []);
  return fixtures.length ? [...own, ...fixtures] : own;
}

/** A required test passes only with a success; a failure, an unexpected success or an expected failure fails it; a skip or absence is missing. */
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
export function evaluateRun(tests: readonly TestRecord[], cycle: Cycle, driver: string, hiddenFailures = 0): Evaluation {
  const index = indexRun(tests);
  const waivers = own(cycle.waivers, driver) ?? [];
  const waived = (t: CycleTest) => waivers.some((w) => testKeys(t).includes(w.test) || testKeys(t).includes(w.test.toLowerCase()));
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
      const r = testOutcome(statusesFor(index, t));
      if (r.outcome !== 'passed') ev.shortfalls.push({ test: t.id, outcome: r.outcome, ...(r.status ? { status: r.status } : {}) });
    }
    ev.outcome = ev.shortfalls.some((s) => s.outcome === 'failed') ? 'failed' : ev.shortfalls.length ? 'missing' : 'passed';
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
    verdict: requiredOk && blocking.size === 0 && hiddenFailures === 0 ? 'passed' : 'failed',
  };
}

/** The capability map result.yaml stores. */
export function capabilityOutcomes(ev: Evaluation): Record<string, CapabilityOutcome> {
  return Object.fromEntries(ev.capabilities.map((c) => [c.id, c.outcome]));
}
