// subunit2pyunit output: python's unittest TextTestRunner at verbosity 2
// (docs/result-formats.md, "Console output").
import type { Counts } from '../model.js';
import { DetailText, trimDetail, unwrapTraceback } from './common.js';
import type { ConsoleRun, StyleReader, TestLine } from './console-run.js';
import { unPyRepr } from './python-literals.js';
import type { TestRecord, TestStatus } from './types.js';

const SEPARATOR1 = '='.repeat(70);
const SEPARATOR2 = '-'.repeat(70);
const PYUNIT_STATUS = new Map<string, TestStatus>([
  ['ok', 'success'],
  ['FAIL', 'fail'],
  ['ERROR', 'fail'],
  ['expected failure', 'xfail'],
  ['unexpected success', 'uxsuccess'],
]);
const PYUNIT_TOTALS = new Map<string, keyof PyunitTotals>([
  ['failures', 'failures'],
  ['errors', 'errors'],
  ['skipped', 'skipped'],
  ['expected failures', 'xfail'],
  ['unexpected successes', 'uxsuccess'],
]);

interface PyunitTotals {
  ran?: number;
  failures?: number;
  errors?: number;
  skipped?: number;
  xfail?: number;
  uxsuccess?: number;
}

const enum Mode {
  Tests,
  /** A `FAIL:`/`ERROR:` section, before its `-----` line. */
  SectionHead,
  /** A section's body. */
  SectionBody,
}

/** Reads subunit2pyunit lines: test lines, the FAIL/ERROR sections, `Ran N tests` and the verdict. */
export class PyunitReader implements StyleReader {
  sawSummary = false;
  private mode = Mode.Tests;
  /** The record that the open section's text belongs to. */
  private target: TestRecord | undefined;
  private section: DetailText | undefined;
  private readonly totals: PyunitTotals = {};

  constructor(private readonly run: ConsoleRun) {}

  line(text: string, lineNo: number): void {
    if (this.mode === Mode.SectionHead) {
      if (text === SEPARATOR2) this.mode = Mode.SectionBody;
      return;
    }
    if (this.mode === Mode.SectionBody) {
      if (text !== SEPARATOR1 && text !== SEPARATOR2) {
        this.section?.push(`${text}\n`);
        return;
      }
      this.close();
    }
    if (this.run.prev === SEPARATOR1 && this.sectionHead(text)) return;
    const t = parsePyunitTest(text);
    if (t) {
      this.run.addTest(t, lineNo);
      return;
    }
    this.summaryLine(text, lineNo);
  }

  /** `FAIL: <id>` / `ERROR: <id>` after a `=====` line opens a section. */
  private sectionHead(text: string): boolean {
    const head = /^(FAIL|ERROR): (.*)$/.exec(text);
    if (!head) return false;
    this.target = this.run.findFailed(head[2]!, (t) => t.status === 'fail');
    this.mode = Mode.SectionHead;
    this.section = new DetailText(this.run.opts.maxDetailBytes);
    return true;
  }

  /** `Ran N tests in …` after a `-----` line, then `OK` or `FAILED (…)`. */
  private summaryLine(text: string, lineNo: number): void {
    const ran = /^Ran (\S+) tests? in /.exec(text);
    if (ran && this.run.prev === SEPARATOR2) {
      this.totals.ran = this.run.count(ran[1]!, 'Ran', lineNo);
      this.run.summaryLine = lineNo;
      this.sawSummary = true;
      return;
    }
    const verdict = /^(OK|FAILED)(?: \((.*)\))?$/.exec(text);
    if (verdict && this.totals.ran !== undefined) this.verdict(verdict[2] ?? '', lineNo);
  }

  /** `OK (skipped=1)` / `FAILED (failures=2, errors=1, …)`. */
  private verdict(list: string, lineNo: number): void {
    const t = this.totals;
    for (const item of list.split(', ')) {
      if (item === '') continue;
      const eq = item.indexOf('=');
      const key = PYUNIT_TOTALS.get(eq === -1 ? item : item.slice(0, eq));
      if (key === undefined) {
        this.run.problems.add({ message: `unknown total "${item.slice(0, 60)}" in the summary`, line: lineNo });
        continue;
      }
      t[key] = this.run.count(item.slice(eq + 1), item.slice(0, eq), lineNo);
    }
    t.failures ??= 0;
    t.errors ??= 0;
    t.skipped ??= 0;
    t.xfail ??= 0;
    t.uxsuccess ??= 0;
  }

  /** End a FAIL/ERROR section: its text becomes the target's detail. */
  close(): void {
    const wasSection = this.mode !== Mode.Tests;
    this.mode = Mode.Tests;
    if (!this.target || !wasSection) return;
    const text = unwrapTraceback(this.section?.text() ?? '');
    if (text.trim() !== '') this.target.detail ??= trimDetail(text);
    this.target = undefined;
    this.section = undefined;
  }

  declared(): Partial<Counts> | undefined {
    const t = this.totals;
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
        this.run.problems.add({
          message:
            `the summary counts ${failed + d.skipped} failures, errors and skips, ` +
            `more than the ${t.ran} tests it ran`,
          ...this.run.atSummary(),
        });
      d.xfail = t.xfail ?? 0;
      d.uxsuccess = t.uxsuccess ?? 0;
    }
    this.compareTotals(d);
    return d;
  }

  private compareTotals(d: Partial<Counts>): void {
    const { run } = this;
    const by = run.tests.seen;
    run.compare('tests', d.total, run.tests.total);
    if (d.failed !== undefined) run.compare('failures and errors', d.failed, by.fail + by.incomplete);
    if (d.skipped !== undefined) run.compare('skipped tests', d.skipped, by.skip);
    if (d.xfail !== undefined) run.compare('expected failures', d.xfail, by.xfail);
    if (d.uxsuccess !== undefined) run.compare('unexpected successes', d.uxsuccess, by.uxsuccess);
  }
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
