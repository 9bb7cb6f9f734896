// os-testr's subunit-trace output (docs/result-formats.md, "Console output").
import type { Counts } from '../model.js';
import { BoundedText, trimDetail } from './common.js';
import { cleanupTestName, isFixtureId, type ConsoleRun, type StyleReader, type TestLine } from './console-run.js';
import { unBytes } from './python-literals.js';
import type { TestRecord, TestStatus } from './types.js';

const TRACE_STATUS = new Map<string, TestStatus>([
  ['ok', 'success'],
  ['FAILED', 'fail'],
  ['SKIPPED', 'skip'],
  ['inprogress', 'incomplete'],
  ['unknown', 'incomplete'],
  ['success', 'success'],
  ['fail', 'fail'],
  ['skip', 'skip'],
  ['xfail', 'xfail'],
  ['uxsuccess', 'uxsuccess'],
]);
const TRACE_TOTALS = new Map<string, keyof TraceTotals>([
  ['Passed', 'passed'],
  ['Skipped', 'skipped'],
  ['Expected Fail', 'xfail'],
  ['Unexpected Success', 'uxsuccess'],
  ['Failed', 'failed'],
]);
/** How many `{N} ` markers of one line are tried (bounds the work on hostile lines). */
const MAX_MARKERS = 4;

interface TraceTotals {
  ran?: number;
  passed?: number;
  skipped?: number;
  xfail?: number;
  uxsuccess?: number;
  failed?: number;
}

/** Reads subunit-trace lines: test lines, `Captured …:` blocks, the failures section, the Totals. */
export class TraceReader implements StyleReader {
  sawSummary = false;
  /** The record that the next details belong to. */
  private target: TestRecord | undefined;
  /** The open `Captured <name>:` block, and its name. */
  private captured: BoundedText | undefined;
  private capturedName = '';
  private inFailedSection = false;
  private inTotals = false;
  private readonly totals: TraceTotals = {};
  /** The `Failed N tests - output below:` block's N, and its line. */
  private failedBlock: { n: number; line: number } | undefined;

  constructor(private readonly run: ConsoleRun) {}

  line(text: string, lineNo: number): void {
    if (this.captured) {
      if (text.startsWith('    ')) {
        this.captured.push(`${unBytes(text.slice(4))}\n`);
        return;
      }
      this.close();
    }
    const t = parseTraceTest(text, this.run.opts.timed);
    if (t) {
      const r = this.run.addTest(t, lineNo);
      this.target = t.status === 'success' || t.status === 'skip' ? undefined : r;
      return;
    }
    this.otherLine(text, lineNo);
  }

  /** A line that is not a test line: a block's start, the failures section, the Totals. */
  private otherLine(text: string, lineNo: number): void {
    const prev = this.run.prev;
    if (/^~+$/.test(text) && prev.startsWith('Captured ') && prev.endsWith(':')) {
      this.capturedName = prev.slice('Captured '.length, -1);
      this.captured = new BoundedText(this.run.opts.maxDetailBytes);
      return;
    }
    const block = /^Failed (\d{1,15}) tests? - output below:$/.exec(text);
    if (block) {
      this.failedBlock ??= { n: Number(block[1]), line: lineNo };
      this.inFailedSection = true;
      this.target = undefined;
      return;
    }
    if (this.inFailedSection && /^-{3,}$/.test(text) && prev !== '' && !prev.startsWith(' ')) {
      this.target = this.run.findFailed(cleanupTestName(prev), (t) => t.status !== 'success' && t.status !== 'skip');
      return;
    }
    if (text === 'Totals' && /^=+$/.test(prev)) {
      this.inFailedSection = false;
      this.inTotals = true;
      this.sawSummary = true;
      this.target = undefined;
      return;
    }
    if (this.inTotals) this.total(text, lineNo);
  }

  /** End a `Captured traceback:` block: its text becomes the target's detail. */
  close(): void {
    const captured = this.captured;
    this.captured = undefined;
    if (captured && this.target && this.capturedName === 'traceback')
      this.target.detail ??= trimDetail(captured.text());
  }

  private total(text: string, lineNo: number): void {
    const ran = /^Ran: (\S+) tests? in /.exec(text);
    if (ran) {
      this.totals.ran = this.run.count(ran[1]!, 'Ran', lineNo);
      this.run.summaryLine = lineNo;
      return;
    }
    const m = /^ - (Passed|Skipped|Expected Fail|Unexpected Success|Failed): (.*)$/.exec(text);
    if (m) this.totals[TRACE_TOTALS.get(m[1]!)!] = this.run.count(m[2]!, m[1]!, lineNo);
    else if (text === 'Worker Balance') this.inTotals = false;
  }

  /**
   * subunit-stats' counts, from the Totals, when the test lines differ from them only by what
   * subunit-trace hides: an unexpected success printed `FAILED`, an expected failure printed `ok`,
   * and `process-returncode` (a failure counted in `Ran` and `Failed`, never printed). Undefined
   * when the records' own counts are right, or when any other difference is left (a problem).
   */
  reconciled(): Counts | undefined {
    const t = this.totals;
    const by = this.run.tests.seen;
    if (t.ran === undefined || t.passed === undefined || t.failed === undefined || t.skipped === undefined) return;
    const xfail = t.xfail ?? 0;
    const uxsuccess = t.uxsuccess ?? 0;
    const incomplete = t.ran - (t.passed + t.skipped + xfail + uxsuccess + t.failed);
    const hidden = t.ran - this.run.tests.total;
    const explained =
      hidden >= 0 &&
      t.passed + xfail === by.success + by.xfail &&
      t.skipped === by.skip &&
      t.failed + uxsuccess === by.fail + by.uxsuccess + hidden &&
      incomplete === by.incomplete;
    if (!explained || (hidden === 0 && xfail === by.xfail && uxsuccess === by.uxsuccess)) return;
    const passed = t.passed + xfail + uxsuccess;
    return { total: t.ran, passed, failed: t.failed + incomplete, skipped: t.skipped, xfail, uxsuccess, incomplete };
  }

  declared(): Partial<Counts> | undefined {
    this.compareFailedBlock();
    const t = this.totals;
    if (t.ran === undefined) return undefined;
    const shown = (t.passed ?? 0) + (t.skipped ?? 0) + (t.xfail ?? 0) + (t.uxsuccess ?? 0) + (t.failed ?? 0);
    const incomplete = t.ran - shown;
    if (incomplete < 0)
      this.run.problems.add({
        message: `the Totals block adds up to ${shown} tests but says it ran ${t.ran}`,
        ...this.run.atSummary(),
      });
    const d: Partial<Counts> = { total: t.ran };
    if (t.passed !== undefined) d.passed = t.passed + (t.xfail ?? 0) + (t.uxsuccess ?? 0);
    if (t.failed !== undefined) d.failed = t.failed + Math.max(0, incomplete);
    if (t.skipped !== undefined) d.skipped = t.skipped;
    if (t.xfail !== undefined) d.xfail = t.xfail;
    if (t.uxsuccess !== undefined) d.uxsuccess = t.uxsuccess;
    d.incomplete = Math.max(0, incomplete);
    if (!this.reconciled()) this.compareTotals(t);
    return d;
  }

  /**
   * The `Failed N tests` block lists every test printed `FAILED` (failures and unexpected
   * successes): an N the test lines do not show contradicts them, and through them the Totals.
   */
  private compareFailedBlock(): void {
    const b = this.failedBlock;
    const by = this.run.tests.seen;
    if (b && b.n !== by.fail + by.uxsuccess)
      this.run.problems.add({
        message:
          `the "Failed ${b.n} tests" block disagrees with the test lines, ` +
          `which show ${by.fail + by.uxsuccess} failed`,
        line: b.line,
      });
  }

  /** What the records can show: expected failures among the `ok`s, unexpected successes among the `FAILED`s. */
  private compareTotals(t: TraceTotals): void {
    const { run } = this;
    const by = run.tests.seen;
    run.compare('tests', t.ran, run.tests.total);
    if (t.passed !== undefined)
      run.compare('passed tests (with expected failures)', t.passed + (t.xfail ?? 0), by.success + by.xfail);
    if (t.failed !== undefined)
      run.compare('failed tests (with unexpected successes)', t.failed + (t.uxsuccess ?? 0), by.fail + by.uxsuccess);
    if (t.skipped !== undefined) run.compare('skipped tests', t.skipped, by.skip);
  }
}

/**
 * A subunit-trace test line (`{N} id [1.2s] ... status`), found anywhere in the line. Run on
 * every line of a large output: it looks at the line by index and allocates only the result.
 * Without `timed`, the duration is not read (`seconds` stays undefined).
 */
export function parseTraceTest(line: string, timed = true): TestLine | undefined {
  let from = 0;
  for (let tries = 0; tries < MAX_MARKERS; tries++) {
    // A test line starts with its marker: looked at first, a search (a call) only when it does not.
    const open = line.charCodeAt(from) === 0x7b ? from : line.indexOf('{', from);
    if (open === -1) return undefined;
    from = open + 1;
    const start = afterMarker(line, open);
    if (start === -1) continue;
    const dots = line.indexOf(' ... ', start);
    if (dots === -1) return undefined;
    const t = traceTestAt(line, start, dots, timed);
    if (t) return t;
  }
  return undefined;
}

/** Where the name starts after a `{N} ` marker at `open` (1 to 6 digits), or -1. */
function afterMarker(line: string, open: number): number {
  let k = open + 1;
  while (k < line.length && k - open <= 6 && line.charCodeAt(k) >= 0x30 && line.charCodeAt(k) <= 0x39) k++;
  return k > open + 1 && line.charCodeAt(k) === 0x7d && line.charCodeAt(k + 1) === 0x20 ? k + 2 : -1;
}

/**
 * The test whose name starts at `start` and whose status follows ` ... ` at `dots`; undefined when
 * it is none. Its duration is read only when `timed` (a reader that shows no timing never uses it).
 */
function traceTestAt(line: string, start: number, dots: number, timed: boolean): TestLine | undefined {
  const at = dots + 5;
  const ok = line.length === at + 2 && line.charCodeAt(at) === 0x6f && line.charCodeAt(at + 1) === 0x6b;
  const t = ok ? OK : traceStatus(line.slice(at));
  if (!t) return undefined;
  const end = t.status === 'skip' ? dots : beforeDuration(line, start, dots);
  if (end === start) return undefined;
  const space = line.indexOf(' ', start);
  const id = line.slice(start, end);
  // An id holds no space, but for a class or module fixture's: `setUpClass (tempest.api.x.SomeTest)`.
  if (space < end && !isFixtureId(id)) return undefined;
  const seconds = timed && end < dots ? durationAt(line, end + 2, dots - 1) : undefined;
  return { id, status: t.status, reason: t.reason, unknown: t.unknown, seconds };
}

/**
 * subunit-trace's duration, `1.234567s` (1 to 9 digits, then optionally `.` and 1 to 9 digits, then
 * `s`), in line[from, to), in seconds; undefined when the text is not one. Read by index: a regular
 * expression's match on every test line of a large output costs more.
 */
function durationAt(line: string, from: number, to: number): number | undefined {
  const unit = to - 1;
  if (unit <= from || line.charCodeAt(unit) !== 0x73) return undefined;
  const whole = digitsFrom(line, from, unit);
  if (whole === from || whole - from > 9) return undefined;
  if (whole < unit) {
    const fraction = digitsFrom(line, whole + 1, unit);
    if (line.charCodeAt(whole) !== 0x2e || fraction !== unit || fraction === whole + 1 || fraction - whole > 10)
      return undefined;
  }
  return decimalAt(line, from, unit);
}

/** 10^n for the 0 to 9 decimals of a duration, each exact. */
const TENS = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];

/**
 * Number(line.slice(from, to)) for digits with at most one point and 9 decimals, without the
 * string: when the digits make an integer below 2^53, it and the power of ten are exact, and their
 * one correctly rounded quotient is the correctly rounded value Number gives (larger ones are left
 * to Number).
 */
function decimalAt(line: string, from: number, to: number): number {
  let digits = 0;
  let scale = 1;
  for (let k = from; k < to; k++) {
    const c = line.charCodeAt(k);
    if (c === 0x2e) scale = TENS[to - k - 1]!;
    else digits = digits * 10 + (c - 0x30);
  }
  return digits <= Number.MAX_SAFE_INTEGER ? digits / scale : Number(line.slice(from, to));
}

/** Where the run of ASCII digits that starts at `from` ends (at `to` at most). */
function digitsFrom(line: string, from: number, to: number): number {
  let k = from;
  while (k < to && line.charCodeAt(k) >= 0x30 && line.charCodeAt(k) <= 0x39) k++;
  return k;
}

/** The end of a name that runs to `dots`, a ` [1.23s]` duration (any bracketed text) left out. */
function beforeDuration(line: string, start: number, dots: number): number {
  if (line.charCodeAt(dots - 1) !== 0x5d) return dots;
  const b = line.lastIndexOf(' [', dots - 2);
  return b >= start ? b : dots;
}

const OK: Omit<TestLine, 'id'> = { status: 'success' };

function traceStatus(word: string): Omit<TestLine, 'id'> | undefined {
  if (word.startsWith('SKIPPED')) {
    if (word === 'SKIPPED') return { status: 'skip' };
    if (word.startsWith('SKIPPED: ')) return { status: 'skip', reason: word.slice(9) };
    return undefined;
  }
  const s = TRACE_STATUS.get(word);
  if (s) return { status: s };
  if (/^[a-z]{1,20}$/.test(word)) return { status: 'incomplete', unknown: word };
  return undefined;
}
