// What the two console styles share (console-pyunit.ts, console-trace.ts): the tests read,
// the problems, the line before the current one, where failure details go, and setting a
// summary's totals beside the test lines.
import type { Counts } from '../model.js';
import { ProblemLog, parserOptions } from './common.js';
import { TestCollector, type ParserOptions, type TestRecord, type TestStatus } from './types.js';

/** The problem of console output without a test line (cert-log.ts replaces it when the tempest step is missing). */
export const NO_CONSOLE_RESULTS = 'no test results found in the console output';

export type ConsoleStyle = 'pyunit' | 'subunit-trace';

/** A test line, parsed. */
export interface TestLine {
  id: string;
  status: TestStatus;
  reason?: string;
  /** The status word as printed, when it is not one we know. */
  unknown?: string;
  /** The duration subunit-trace prints (`[1.23s]`), in seconds. */
  seconds?: number;
}

/** One style's reading of the lines, once the style is known. */
export interface StyleReader {
  /** Read one line (without its line end). */
  line(text: string, lineNo: number): void;
  /** The output ended: close a details block still open. */
  close(): void;
  /** The totals the summary states, set beside the test lines; undefined without a summary. */
  declared(): Partial<Counts> | undefined;
  /** Whether a summary was seen (even one whose totals could not be read). */
  readonly sawSummary: boolean;
}

/** The state both styles share while reading one console output. */
export class ConsoleRun {
  readonly opts: Required<ParserOptions>;
  readonly problems: ProblemLog;
  readonly tests: TestCollector;
  /** The line before the one being read. */
  prev = '';
  /** Where the summary starts (its `Ran` line), which a disagreement with the test lines points at. */
  summaryLine: number | undefined;
  /** Failed-looking records without details yet, by id, in order: where details go. */
  private readonly awaiting = new Map<string, TestRecord[]>();

  constructor(options: ParserOptions) {
    this.opts = parserOptions(options);
    this.problems = new ProblemLog(this.opts.maxProblems);
    this.tests = new TestCollector(this.opts.keep);
  }

  /** Record a test line; returns its record. */
  addTest(t: TestLine, lineNo: number): TestRecord {
    const r: TestRecord = timedRecord(t, lineNo, this.opts.timed);
    if (t.unknown !== undefined)
      this.problems.add({
        message: `unknown test status "${t.unknown.slice(0, 40)}" (counted as incomplete)`,
        line: lineNo,
      });
    this.tests.add(r);
    if (r.status !== 'success' && r.status !== 'skip') {
      const q = this.awaiting.get(r.id);
      if (q) q.push(r);
      else this.awaiting.set(r.id, [r]);
    }
    return r;
  }

  /** The first failed-looking test with this id (as printed, or as subunit-trace displays it) still without details. */
  findFailed(id: string, ok: (t: TestRecord) => boolean): TestRecord | undefined {
    for (const key of [id, cleanupTestName(id)]) {
      const r = this.awaiting.get(key)?.find((t) => t.detail === undefined && ok(t));
      if (r) return r;
    }
    return undefined;
  }

  /** A total as printed, or undefined (with a problem) when it is not a number. */
  count(raw: string, what: string, lineNo: number): number | undefined {
    if (/^\d{1,15}$/.test(raw)) return Number(raw);
    this.problems.add({ message: `the ${what} total "${raw.slice(0, 40)}" is not a number`, line: lineNo });
    return undefined;
  }

  /** A problem when the summary's figure differs from what the test lines show. */
  compare(what: string, declared: number | undefined, seen: number): void {
    if (declared !== undefined && declared !== seen)
      this.problems.add({
        message: `the summary says ${declared} ${what}; the test lines show ${seen}`,
        ...this.atSummary(),
      });
  }

  /** The summary's line, for a problem about what it says. */
  atSummary(): { line?: number } {
    return this.summaryLine !== undefined ? { line: this.summaryLine } : {};
  }
}

/**
 * A test line's record: a line's usual test (no reason, a duration when `timed`) in one literal,
 * its properties in the order the general case gives them, since a record grown property by
 * property takes a second object to hold them.
 */
function timedRecord(t: TestLine, line: number, timed: boolean): TestRecord {
  const { id, status, seconds } = t;
  if (!t.reason) return seconds !== undefined && timed ? { id, status, line, seconds } : { id, status, line };
  const r: TestRecord = { id, status, line, reason: t.reason };
  if (seconds !== undefined && timed) r.seconds = seconds;
  return r;
}

/** subunit-trace's display name: the first `[...]` removed (os-testr's cleanup_test_name). */
export function cleanupTestName(name: string): string {
  const open = name.indexOf('[');
  const close = name.indexOf(']');
  return open > 0 && close > open ? name.slice(0, open) + name.slice(close + 1) : name;
}

const FIXTURE_ID = /^(?:setUpClass|tearDownClass|setUpModule|tearDownModule) \([^\s()]+\)$/;

/**
 * Whether an id is the one result unittest reports for a class or module fixture that failed or
 * skipped: `setUpClass (tempest.api.volume.test_x.SomeTest)`, `tearDownModule (tempest.api.x)`.
 */
export function isFixtureId(id: string): boolean {
  return FIXTURE_ID.test(id);
}
