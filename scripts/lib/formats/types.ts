// What every result parser produces: one record per test that ran, in the order the
// source reports them, plus the problems met on the way. Parsers are streaming:
// feed chunks with write(), then end().
import type { Counts } from '../model.js';

/** A test's final status, in python-subunit's vocabulary. `incomplete`: started, never finished. */
export type TestStatus = 'success' | 'fail' | 'skip' | 'xfail' | 'uxsuccess' | 'incomplete';

export type ResultFormat = 'subunit-v2' | 'subunit-v1' | 'junit' | 'pyunit' | 'subunit-trace';

/** One test that ran. */
export interface TestRecord {
  /** The id as the source writes it (with `[...]` attributes where the format keeps them). */
  id: string;
  status: TestStatus;
  /** Skip reason, when the source gives one. */
  reason?: string;
  /** The start of the failure's traceback (bounded: a few KB at most). */
  detail?: string;
  /** Text sources: the 1-based line where the outcome is reported, so a check can point at it. */
  line?: number;
  /** When it started and ended, in ms since the epoch, as the source's timestamps say (subunit v2 and v1). */
  start?: number;
  end?: number;
  /** The worker that ran it: stestr's `worker-N` tag, else `route <code>` (subunit v2). */
  worker?: string;
  /** How long it took, in seconds, as the source states it (JUnit `time`, subunit-trace's `[1.23s]`). */
  seconds?: number;
}

/** A time a source states about the run as a whole (a JUnit `timestamp`), where it states it. */
export interface SourceStamp {
  /** Ms since the epoch; a time without a zone is read as UTC. */
  time: number;
  /** As written. */
  text: string;
  line?: number;
}

/** Bounds every parser honours; each has a default (see DEFAULT_PARSER_OPTIONS). */
export interface ParserOptions {
  /** Most bytes of a skip reason or traceback kept per test (the rest is counted, not kept). */
  maxDetailBytes?: number;
  /** Longest line a text parser keeps; longer lines are parsed from their first bytes, never buffered whole. */
  maxLineBytes?: number;
  /** Most problems listed; past it one closing problem says how many more there were. */
  maxProblems?: number;
  /**
   * Which tests to keep in `tests` (default: all). Every test is counted in `seen` and
   * shown to `keep` whether kept or not, so a caller can digest a run of any size without
   * holding every record.
   */
  keep?: (t: TestRecord) => boolean;
  /**
   * Give each record the times the source states (start, end, worker, seconds) and the result
   * its `stamps` (default: false; what the evidence checks read).
   */
  timed?: boolean;
}

/** Something wrong in a source: where (line for text, byte offset for binary) and what. */
export interface ParseProblem {
  message: string;
  line?: number;
  offset?: number;
  /** True when the source could not be read any further (what came before still counts). */
  fatal?: boolean;
}

export interface ParsedResults {
  format: ResultFormat;
  /** The tests read, in order (only those `keep` chose, when a `keep` was given). */
  tests: TestRecord[];
  /** Every test read, kept or not, by status. */
  seen: Record<TestStatus, number>;
  problems: ParseProblem[];
  /**
   * Totals the source states about itself (`Ran N tests`, a Totals block, testsuite
   * attributes), to be compared with the records.
   */
  declared?: Partial<Counts>;
  /** Times the source states about the run as a whole (JUnit `timestamp` attributes). */
  stamps?: SourceStamp[];
  /**
   * The counts the source stands for when they are not its records' own: a lossy format whose
   * summary counts what its lines cannot show (subunit-trace's Totals, docs/result-formats.md).
   */
  counts?: Counts;
  /** Text sources: the line where the source states its totals (console output's `Ran` line). */
  summaryLine?: number;
}

/** A streaming parser: memory bounded by the number of tests, never by the input's size. */
export interface StreamParser {
  write(chunk: Uint8Array): void;
  end(): ParsedResults;
}

/** Where a parser puts each test it completes: counted always, kept when `keep` says so. */
export class TestCollector {
  readonly seen: Record<TestStatus, number> = { success: 0, fail: 0, skip: 0, xfail: 0, uxsuccess: 0, incomplete: 0 };
  readonly tests: TestRecord[] = [];
  total = 0;
  constructor(private readonly keep: (t: TestRecord) => boolean = () => true) {}

  /** Count a test, and keep it when `keep` says so. */
  add(t: TestRecord): void {
    this.total++;
    const s = this.seen;
    // A switch, not seen[t.status]++: a keyed update by a string costs several times more in a hot loop.
    switch (t.status) {
      case 'success':
        s.success++;
        break;
      case 'fail':
        s.fail++;
        break;
      case 'skip':
        s.skip++;
        break;
      case 'xfail':
        s.xfail++;
        break;
      case 'uxsuccess':
        s.uxsuccess++;
        break;
      default:
        s.incomplete++;
    }
    if (this.keep(t)) this.tests.push(t);
  }
}

/** The counts of every test a parser read (kept or not), as subunit-stats counts them. */
export function countsOf(r: Pick<ParsedResults, 'seen' | 'counts'>): Counts {
  if (r.counts) return { ...r.counts };
  const s = r.seen;
  return {
    total: s.success + s.fail + s.skip + s.xfail + s.uxsuccess + s.incomplete,
    passed: s.success + s.xfail + s.uxsuccess,
    failed: s.fail + s.incomplete,
    skipped: s.skip,
    xfail: s.xfail,
    uxsuccess: s.uxsuccess,
    incomplete: s.incomplete,
  };
}

/** Count records as python-subunit's subunit-stats does (docs/result-formats.md, "Counting"). */
export function countResults(tests: readonly TestRecord[]): Counts {
  const c = new TestCollector(() => false);
  for (const t of tests) c.add(t);
  return countsOf(c);
}

/** The outcome class sources must agree on: passed (success, xfail), failed (fail, uxsuccess, incomplete), skipped. */
export function outcomeClass(s: TestStatus): 'passed' | 'failed' | 'skipped' {
  if (s === 'success' || s === 'xfail') return 'passed';
  if (s === 'skip') return 'skipped';
  return 'failed';
}
