// Tempest's console output, in the two styles a cert run prints it:
//
// - `subunit2pyunit` (python's unittest TextTestRunner, verbosity 2): `<id> ... ok`, `FAIL`,
//   `ERROR`, `skipped '<reason>'`, `expected failure`, `unexpected success`; then, after a
//   `======` line, one `FAIL: <id>` / `ERROR: <id>` section per failure with its traceback;
//   then `Ran N tests in …` and `OK` or `FAILED (failures=…, errors=…, skipped=…, expected
//   failures=…, unexpected successes=…)`. Ids keep their `[...]` attributes. A test that
//   never finished is shown as FAIL: it is a `fail` here.
// - `subunit-trace` (os-testr): `{N} <id> [1.23s] ... ok` for successes and expected
//   failures alike, `... FAILED` for failures and unexpected successes alike,
//   `... SKIPPED: reason`, and any other status printed as its name (`inprogress`,
//   `unknown`: tests that never finished, `incomplete` here). Ids have their `[...]`
//   attributes stripped. Failure details are the `Captured traceback:` blocks printed under
//   a failed test or in the `Failed N tests - output below:` section (`-f`), their lines
//   indented and often written as python bytes literals (`b'…'`). A `Totals` block ends it.
//
// Records follow what the format shows (an expected failure under subunit-trace is a
// success, an unexpected success a failure); `declared` holds the totals the output states,
// in subunit-stats' terms (passed = success + xfail + uxsuccess, failed = failures + tests
// that never finished), so they can be set beside other sources. The records are checked
// against those totals at the end, allowing for what the format blurs; a difference is a
// problem. Passthrough text that python-subunit wrote without a newline can run into the
// next test line: test lines are found anywhere in a line, not only at its start.
// Lines of any length (cut at maxLineBytes), NUL bytes and invalid UTF-8 are read, never thrown on.
import type { Counts } from '../model.js';
import {
  BoundedText,
  DetailText,
  ProblemLog,
  decodeUtf8,
  longLineProblem,
  parserOptions,
  trimDetail,
  unwrapTraceback,
} from './common.js';
import { LineSplitter } from './lines.js';
import {
  TestCollector,
  type ParsedResults,
  type ParserOptions,
  type StreamParser,
  type TestRecord,
  type TestStatus,
} from './types.js';

/** The problem of console output in which no test line was found (cert-log.ts replaces it when the tempest step is missing). */
export const NO_CONSOLE_RESULTS = 'no test results found in the console output';

export type ConsoleStyle = 'pyunit' | 'subunit-trace';

export interface ConsoleOptions extends ParserOptions {
  /** The style, or 'auto' (the default) to decide from the first test line. */
  style?: ConsoleStyle | 'auto';
}

const SEPARATOR1 = '='.repeat(70);
const SEPARATOR2 = '-'.repeat(70);
const PYUNIT_STATUS = new Map<string, TestStatus>([
  ['ok', 'success'],
  ['FAIL', 'fail'],
  ['ERROR', 'fail'],
  ['expected failure', 'xfail'],
  ['unexpected success', 'uxsuccess'],
]);
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
const PYUNIT_TOTALS = new Map<string, keyof PyunitTotals>([
  ['failures', 'failures'],
  ['errors', 'errors'],
  ['skipped', 'skipped'],
  ['expected failures', 'xfail'],
  ['unexpected successes', 'uxsuccess'],
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

interface PyunitTotals {
  ran?: number;
  failures?: number;
  errors?: number;
  skipped?: number;
  xfail?: number;
  uxsuccess?: number;
}

/** A test line, parsed. */
export interface TestLine {
  id: string;
  status: TestStatus;
  reason?: string;
  /** The status word as printed, when it is not one we know. */
  unknown?: string;
}

const enum Mode {
  Tests,
  /** subunit-trace: a `Captured <name>:` block's lines. */
  Captured,
  /** pyunit: a `FAIL:`/`ERROR:` section, before its `-----` line. */
  SectionHead,
  /** pyunit: a section's body. */
  SectionBody,
}

/** A streaming parser of tempest console output (see the file comment). */
export class ConsoleParser implements StreamParser {
  private readonly opts: Required<ParserOptions>;
  private readonly problems: ProblemLog;
  private readonly tests: TestCollector;
  /** The last test read, for the traceback lines that follow it. */
  private lastTest: TestRecord | undefined;
  private readonly splitter: LineSplitter;
  style: ConsoleStyle | undefined;

  private mode = Mode.Tests;
  private prev = '';
  /** The record that the next details belong to. */
  private target: TestRecord | undefined;
  private capturedName = '';
  private captured: BoundedText | undefined;
  private section: DetailText | undefined;
  private inFailedSection = false;
  private inTotals = false;
  private traceTotals: TraceTotals = {};
  private pyunitTotals: PyunitTotals = {};
  private sawSummary = false;
  /** Where the summary starts (its `Ran` line), which a disagreement with the test lines points at. */
  private summaryLine: number | undefined;
  /** The last line read: where output without a summary stops. */
  private lastLine: number | undefined;
  /** Failed-looking records without details yet, by id, in order: where details go. */
  private readonly awaiting = new Map<string, TestRecord[]>();

  constructor(options: ConsoleOptions = {}) {
    this.opts = parserOptions(options);
    this.problems = new ProblemLog(this.opts.maxProblems);
    this.tests = new TestCollector(this.opts.keep);
    if (options.style && options.style !== 'auto') this.style = options.style;
    this.splitter = new LineSplitter(
      (bytes, lineNo, truncated) => this.line(decodeUtf8(bytes), lineNo, truncated),
      this.opts.maxLineBytes,
    );
  }

  /** Feed the next chunk of console output. */
  write(chunk: Uint8Array): void {
    this.splitter.write(chunk);
  }

  /** The output ended: return the tests it shows. */
  end(): ParsedResults {
    this.splitter.end();
    return this.finish();
  }

  /** One line of output (used directly by the cert log reader, which splits lines itself). */
  line(raw: string, lineNo: number, truncated = false): void {
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    this.lastLine = lineNo;
    if (truncated) this.problems.add(longLineProblem(this.opts.maxLineBytes, lineNo));
    if (this.style === 'pyunit') this.pyunitLine(text, lineNo);
    else if (this.style === 'subunit-trace') this.traceLine(text, lineNo);
    else if (parseTraceTest(text)) {
      this.style = 'subunit-trace';
      this.traceLine(text, lineNo);
    } else if (parsePyunitTest(text)) {
      this.style = 'pyunit';
      this.pyunitLine(text, lineNo);
    }
    this.prev = text;
  }

  /** Close what is open and return the results, without a final line split (see line()). */
  finish(): ParsedResults {
    this.closeDetails();
    const format = this.style ?? 'subunit-trace';
    const out: ParsedResults = { format, tests: this.tests.tests, seen: this.tests.seen, problems: [] };
    if (this.style === undefined) this.problems.add({ message: NO_CONSOLE_RESULTS });
    const declared = this.style === 'pyunit' ? this.pyunitDeclared() : this.traceDeclared();
    if (declared) out.declared = declared;
    else if (this.style !== undefined && !this.sawSummary)
      this.problems.add({
        message: 'the console output has no summary (it may be cut short)',
        ...(this.lastLine !== undefined ? { line: this.lastLine } : {}),
      });
    out.problems = this.problems.finish();
    return out;
  }

  // subunit-trace -------------------------------------------------------------------------

  private traceLine(text: string, lineNo: number): void {
    if (this.mode === Mode.Captured) {
      if (text.startsWith('    ')) {
        this.captureLine(unBytes(text.slice(4)));
        return;
      }
      this.closeDetails();
    }
    const t = parseTraceTest(text);
    if (t) {
      this.addTest(t, lineNo);
      this.target = t.status === 'success' || t.status === 'skip' ? undefined : this.lastTest;
      return;
    }
    if (/^~+$/.test(text) && this.prev.startsWith('Captured ') && this.prev.endsWith(':')) {
      this.capturedName = this.prev.slice('Captured '.length, -1);
      this.mode = Mode.Captured;
      this.captured = new BoundedText(this.opts.maxDetailBytes);
      return;
    }
    if (/^Failed \d+ tests? - output below:$/.test(text)) {
      this.inFailedSection = true;
      this.target = undefined;
      return;
    }
    if (this.inFailedSection && /^-{3,}$/.test(text) && this.prev !== '' && !this.prev.startsWith(' ')) {
      this.target = this.findFailed(cleanupTestName(this.prev), (t) => t.status !== 'success' && t.status !== 'skip');
      return;
    }
    if (text === 'Totals' && /^=+$/.test(this.prev)) {
      this.inFailedSection = false;
      this.inTotals = true;
      this.sawSummary = true;
      this.target = undefined;
      return;
    }
    if (this.inTotals) this.traceTotal(text, lineNo);
  }

  private traceTotal(text: string, lineNo: number): void {
    const ran = /^Ran: (\S+) tests? in /.exec(text);
    if (ran) {
      this.traceTotals.ran = this.count(ran[1]!, 'Ran', lineNo);
      this.summaryLine = lineNo;
      return;
    }
    const m = /^ - (Passed|Skipped|Expected Fail|Unexpected Success|Failed): (.*)$/.exec(text);
    if (m) this.traceTotals[TRACE_TOTALS.get(m[1]!)!] = this.count(m[2]!, m[1]!, lineNo);
    else if (text === 'Worker Balance') this.inTotals = false;
  }

  private traceDeclared(): Partial<Counts> | undefined {
    const t = this.traceTotals;
    if (t.ran === undefined) return undefined;
    const shown = (t.passed ?? 0) + (t.skipped ?? 0) + (t.xfail ?? 0) + (t.uxsuccess ?? 0) + (t.failed ?? 0);
    const incomplete = t.ran - shown;
    if (incomplete < 0)
      this.problems.add({
        message: `the Totals block adds up to ${shown} tests but says it ran ${t.ran}`,
        ...this.atSummary(),
      });
    const d: Partial<Counts> = { total: t.ran };
    if (t.passed !== undefined) d.passed = t.passed + (t.xfail ?? 0) + (t.uxsuccess ?? 0);
    if (t.failed !== undefined) d.failed = t.failed + Math.max(0, incomplete);
    if (t.skipped !== undefined) d.skipped = t.skipped;
    if (t.xfail !== undefined) d.xfail = t.xfail;
    if (t.uxsuccess !== undefined) d.uxsuccess = t.uxsuccess;
    d.incomplete = Math.max(0, incomplete);
    // What the records can show: xfail among the `ok`s, uxsuccess among the `FAILED`s.
    const by = this.tests.seen;
    this.compare('tests', t.ran, this.tests.total);
    if (t.passed !== undefined)
      this.compare('passed tests (with expected failures)', t.passed + (t.xfail ?? 0), by.success + by.xfail);
    if (t.failed !== undefined)
      this.compare('failed tests (with unexpected successes)', t.failed + (t.uxsuccess ?? 0), by.fail + by.uxsuccess);
    if (t.skipped !== undefined) this.compare('skipped tests', t.skipped, by.skip);
    return d;
  }

  // subunit2pyunit -------------------------------------------------------------------------

  private pyunitLine(text: string, lineNo: number): void {
    if (this.mode === Mode.SectionHead) {
      if (text === SEPARATOR2) this.mode = Mode.SectionBody;
      return;
    }
    if (this.mode === Mode.SectionBody) {
      if (text !== SEPARATOR1 && text !== SEPARATOR2) {
        this.sectionLine(text);
        return;
      }
      this.closeDetails();
    }
    if (this.prev === SEPARATOR1) {
      const head = /^(FAIL|ERROR): (.*)$/.exec(text);
      if (head) {
        this.target = this.findFailed(head[2]!, (t) => t.status === 'fail');
        this.mode = Mode.SectionHead;
        this.section = new DetailText(this.opts.maxDetailBytes);
        return;
      }
    }
    const t = parsePyunitTest(text);
    if (t) {
      this.addTest(t, lineNo);
      return;
    }
    const ran = /^Ran (\S+) tests? in /.exec(text);
    if (ran && this.prev === SEPARATOR2) {
      this.pyunitTotals.ran = this.count(ran[1]!, 'Ran', lineNo);
      this.summaryLine = lineNo;
      this.sawSummary = true;
      return;
    }
    const verdict = /^(OK|FAILED)(?: \((.*)\))?$/.exec(text);
    if (verdict && this.pyunitTotals.ran !== undefined) this.pyunitVerdict(verdict[2] ?? '', lineNo);
  }

  /** `OK (skipped=1)` / `FAILED (failures=2, errors=1, …)`. */
  private pyunitVerdict(list: string, lineNo: number): void {
    for (const item of list.split(', ')) {
      if (item === '') continue;
      const eq = item.indexOf('=');
      const key = PYUNIT_TOTALS.get(eq === -1 ? item : item.slice(0, eq));
      if (key === undefined) {
        this.problems.add({ message: `unknown total "${item.slice(0, 60)}" in the summary`, line: lineNo });
        continue;
      }
      this.pyunitTotals[key] = this.count(item.slice(eq + 1), item.slice(0, eq), lineNo);
    }
    this.pyunitTotals.failures ??= 0;
    this.pyunitTotals.errors ??= 0;
    this.pyunitTotals.skipped ??= 0;
    this.pyunitTotals.xfail ??= 0;
    this.pyunitTotals.uxsuccess ??= 0;
  }

  private pyunitDeclared(): Partial<Counts> | undefined {
    const t = this.pyunitTotals;
    if (t.ran === undefined) return undefined;
    const d: Partial<Counts> = { total: t.ran };
    if (t.failures !== undefined) {
      const failed = t.failures + (t.errors ?? 0);
      d.failed = failed;
      d.skipped = t.skipped ?? 0;
      // A summary that counts more failures and skips than tests declares no pass count (never a negative one).
      const passed = t.ran - failed - d.skipped;
      if (passed >= 0) d.passed = passed;
      else
        this.problems.add({
          message: `the summary counts ${failed + d.skipped} failures, errors and skips, more than the ${t.ran} tests it ran`,
          ...this.atSummary(),
        });
      d.xfail = t.xfail ?? 0;
      d.uxsuccess = t.uxsuccess ?? 0;
    }
    const by = this.tests.seen;
    this.compare('tests', t.ran, this.tests.total);
    if (d.failed !== undefined) this.compare('failures and errors', d.failed, by.fail + by.incomplete);
    if (d.skipped !== undefined) this.compare('skipped tests', d.skipped, by.skip);
    if (d.xfail !== undefined) this.compare('expected failures', d.xfail, by.xfail);
    if (d.uxsuccess !== undefined) this.compare('unexpected successes', d.uxsuccess, by.uxsuccess);
    return d;
  }

  /** A line of a FAIL/ERROR section. */
  private sectionLine(text: string): void {
    this.section?.push(`${text}\n`);
  }

  // shared ---------------------------------------------------------------------------------

  private addTest(t: TestLine, lineNo: number): void {
    const r: TestRecord = { id: t.id, status: t.status, line: lineNo };
    if (t.reason) r.reason = t.reason;
    if (t.unknown !== undefined)
      this.problems.add({
        message: `unknown test status "${t.unknown.slice(0, 40)}" (counted as incomplete)`,
        line: lineNo,
      });
    this.tests.add(r);
    this.lastTest = r;
    if (r.status !== 'success' && r.status !== 'skip') {
      const q = this.awaiting.get(r.id);
      if (q) q.push(r);
      else this.awaiting.set(r.id, [r]);
    }
  }

  private captureLine(text: string): void {
    this.captured?.push(`${text}\n`);
  }

  /** End a Captured block or a FAIL section: its text becomes the target's detail. */
  private closeDetails(): void {
    const wasCaptured = this.mode === Mode.Captured;
    const wasSection = this.mode === Mode.SectionBody || this.mode === Mode.SectionHead;
    this.mode = Mode.Tests;
    if (!this.target) return;
    if (wasCaptured && this.capturedName === 'traceback' && this.captured) {
      this.target.detail ??= trimDetail(this.captured.text());
    } else if (wasSection) {
      const text = unwrapTraceback(this.section?.text() ?? '');
      if (text.trim() !== '') this.target.detail ??= trimDetail(text);
      this.target = undefined;
    }
    this.captured = undefined;
    this.section = undefined;
  }

  /** The first failed-looking test with this id (as printed, or as subunit-trace displays it) still without details. */
  private findFailed(id: string, ok: (t: TestRecord) => boolean): TestRecord | undefined {
    for (const key of [id, cleanupTestName(id)]) {
      const q = this.awaiting.get(key);
      const r = q?.find((t) => t.detail === undefined && ok(t));
      if (r) return r;
    }
    return undefined;
  }

  private count(raw: string, what: string, lineNo: number): number | undefined {
    if (/^\d{1,15}$/.test(raw)) return Number(raw);
    this.problems.add({ message: `the ${what} total "${raw.slice(0, 40)}" is not a number`, line: lineNo });
    return undefined;
  }

  private compare(what: string, declared: number | undefined, seen: number): void {
    if (declared !== undefined && declared !== seen)
      this.problems.add({
        message: `the summary says ${declared} ${what}; the test lines show ${seen}`,
        ...this.atSummary(),
      });
  }

  /** The summary's line, for a problem about what it says. */
  private atSummary(): { line?: number } {
    return this.summaryLine !== undefined ? { line: this.summaryLine } : {};
  }
}

/** A subunit-trace test line (`{N} id [1.2s] ... status`), found anywhere in the line. */
export function parseTraceTest(line: string): TestLine | undefined {
  let from = 0;
  for (let tries = 0; tries < MAX_MARKERS; tries++) {
    const open = line.indexOf('{', from);
    if (open === -1) return undefined;
    from = open + 1;
    let k = open + 1;
    while (k < line.length && k - open <= 6 && line.charCodeAt(k) >= 0x30 && line.charCodeAt(k) <= 0x39) k++;
    if (k === open + 1 || line[k] !== '}' || line[k + 1] !== ' ') continue;
    const dots = line.indexOf(' ... ', k + 2);
    if (dots === -1) return undefined;
    const t = traceStatus(line.slice(dots + 5));
    if (!t) continue;
    let name = line.slice(k + 2, dots);
    if (t.status !== 'skip' && name.endsWith(']')) {
      const b = name.lastIndexOf(' [');
      if (b !== -1) name = name.slice(0, b);
    }
    if (name === '' || name.includes(' ')) continue;
    return { ...t, id: name };
  }
  return undefined;
}

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

/** A subunit2pyunit test line (`id ... status`). */
export function parsePyunitTest(line: string): TestLine | undefined {
  const dots = line.lastIndexOf(' ... ');
  if (dots > 0) {
    const s = PYUNIT_STATUS.get(line.slice(dots + 5));
    if (s) return { id: line.slice(0, dots), status: s };
  }
  const skip = line.indexOf(' ... skipped ');
  if (skip > 0) return { id: line.slice(0, skip), status: 'skip', reason: unPyRepr(line.slice(skip + 13)) };
  return undefined;
}

/** subunit-trace's display name: the first `[...]` removed (os-testr's cleanup_test_name). */
export function cleanupTestName(name: string): string {
  const open = name.indexOf('[');
  const close = name.indexOf(']');
  return open > 0 && close > open ? name.slice(0, open) + name.slice(close + 1) : name;
}

/** A line printed as a python bytes literal (`b'…'`), back to its text; other lines as they are. */
function unBytes(s: string): string {
  if (s.length < 3 || s[0] !== 'b' || (s[1] !== "'" && s[1] !== '"') || s[s.length - 1] !== s[1]) return s;
  const body = s.slice(2, -1);
  if (!body.includes('\\')) return body;
  const bytes: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (c !== 0x5c || i + 1 >= body.length) {
      pushUtf8(bytes, body.codePointAt(i)!);
      if (c >= 0xd800 && c <= 0xdbff) i++;
      continue;
    }
    const e = body[++i]!;
    if (e === 'x' && /^[0-9a-fA-F]{2}$/.test(body.slice(i + 1, i + 3))) {
      bytes.push(parseInt(body.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push((ESCAPES.get(e) ?? `\\${e}`).charCodeAt(0));
  }
  return decodeUtf8(Uint8Array.from(bytes));
}

const ESCAPES = new Map([
  ['n', '\n'],
  ['r', '\r'],
  ['t', '\t'],
  ['\\', '\\'],
  ["'", "'"],
  ['"', '"'],
  ['0', '\0'],
]);

const encoder = new TextEncoder();

function pushUtf8(out: number[], cp: number): void {
  if (cp < 0x80) out.push(cp);
  else out.push(...encoder.encode(String.fromCodePoint(cp)));
}

/** A python str repr (`'…'` or `"…"`) back to its text; anything else as it is. */
export function unPyRepr(s: string): string {
  if (s.length < 2 || (s[0] !== "'" && s[0] !== '"') || s[s.length - 1] !== s[0]) return s;
  const body = s.slice(1, -1);
  return body.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)/g, (_, e: string) => {
    if (e.length > 1) {
      const cp = parseInt(e.slice(1), 16);
      return cp <= 0x10ffff ? String.fromCodePoint(cp) : '\ufffd';
    }
    return ESCAPES.get(e) ?? `\\${e}`;
  });
}

/** A parser of subunit2pyunit output. */
export function parsePyunit(options?: ParserOptions): ConsoleParser {
  return new ConsoleParser({ ...options, style: 'pyunit' });
}

/** A parser of subunit-trace output. */
export function parseSubunitTrace(options?: ParserOptions): ConsoleParser {
  return new ConsoleParser({ ...options, style: 'subunit-trace' });
}
