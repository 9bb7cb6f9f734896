// JUnit XML as subunit2junitxml and other tools write it, read over xml-tokenizer.ts
// (docs/result-formats.md, "JUnit XML").
import { DEFAULT_LIMITS } from '../bundle/limits.js';
import {
  DetailText,
  ProblemLog,
  parseStreamTime,
  parserOptions,
  quoteId,
  trimDetail,
  unwrapTraceback,
} from './common.js';
import { XmlError, XmlTokenizer, type XmlHandler } from './xml-tokenizer.js';
import {
  TestCollector,
  type ParsedResults,
  type ParserOptions,
  type SourceStamp,
  type StreamParser,
  type TestRecord,
  type TestStatus,
} from './types.js';

export interface JUnitOptions extends ParserOptions {
  /** Longest attribute value or text node (UTF-16 units); default 16 MiB. */
  maxTokenBytes?: number;
  /** Deepest element nesting; default 64. */
  maxDepth?: number;
}

const UNEXPECTED_SUCCESS_TYPE = 'unittest.case._UnexpectedSuccess';
const KEPT_ATTRIBUTES = new Set([
  ...['name', 'classname', 'tests', 'failures', 'errors', 'skipped', 'disabled', 'type', 'message', 'status'],
  ...['time', 'timestamp'],
]);
const COUNTS = ['tests', 'failures', 'errors', 'skipped', 'disabled'] as const;
/** Most suite timestamps kept. */
const MAX_STAMPS = 100;
/**
 * `<testcase status="…">` values of a test that never ran (tst, GoogleTest), unless an outcome child
 * says otherwise.
 */
const NOT_RUN = new Set(['disabled', 'notrun', 'skipped']);
/** Of those, the ones a declared `disabled` count counts. */
const DISABLED = new Set(['disabled', 'notrun']);
const OUTCOMES = new Set(['failure', 'error', 'skipped']);

interface OpenCase {
  id: string;
  line: number;
  status: TestStatus;
  reason?: string;
  detail?: string;
  seconds?: number;
  /** The `status` attribute, lowercased, when it says the test never ran. */
  notRun?: string;
}

type Counts4 = Partial<Record<(typeof COUNTS)[number], number>>;
type Declared = NonNullable<ParsedResults['declared']>;

/** A streaming JUnit XML parser: one record per `<testcase>`, and the totals the file declares. */
export class JUnitParser implements StreamParser {
  private readonly opts: Required<ParserOptions>;
  private readonly problems: ProblemLog;
  private readonly tests: TestCollector;
  private readonly xml: XmlTokenizer;
  private rootName: string | undefined;
  private current: OpenCase | undefined;
  private caseDepth = -1;
  private outcomeElement: string | undefined;
  private outcomeMessage: string | undefined;
  private collect: DetailText | undefined;
  private rootCounts: Counts4 | undefined;
  /** Where <testsuites> and the first <testsuite> open: a disagreement with their counts points there. */
  private rootLine: number | undefined;
  private suiteLine: number | undefined;
  private declaredLine: number | undefined;
  private readonly suiteCounts: Counts4 = {};
  private suites = 0;
  private readonly stamps: SourceStamp[] = [];
  /** Test cases skipped because their `status` says disabled or notrun. */
  private disabledSeen = 0;

  constructor(options: JUnitOptions = {}) {
    this.opts = parserOptions(options);
    this.tests = new TestCollector(this.opts.keep);
    this.problems = new ProblemLog(this.opts.maxProblems);
    const handler: XmlHandler = {
      root: (name) => this.onRoot(name),
      start: (name, attrs, selfClosing, depth) => this.onStart(name, attrs, selfClosing, depth),
      end: (name, depth) => this.onEnd(name, depth),
      text: (piece) => this.collect?.push(piece),
      unclosed: () => (this.current ? ` (test case ${quoteId(this.current.id)} not counted)` : ''),
    };
    this.xml = new XmlTokenizer(handler, this.problems, {
      maxTokenBytes: options.maxTokenBytes ?? DEFAULT_LIMITS.maxXmlTokenBytes,
      maxDepth: options.maxDepth ?? DEFAULT_LIMITS.maxXmlDepth,
      keepAttribute: (name) => KEPT_ATTRIBUTES.has(name),
    });
  }

  /** Feed the next chunk of the file. */
  write(chunk: Uint8Array): void {
    this.xml.write(chunk);
  }

  /** The file ended: return the test cases read. */
  end(): ParsedResults {
    if (!this.xml.stopped) {
      this.xml.end();
      if (!this.xml.rootSeen)
        this.problems.add({
          message: 'no <testsuites> or <testsuite> element: not a JUnit file',
          line: this.xml.line,
          fatal: true,
        });
    }
    const out: ParsedResults = { format: 'junit', tests: this.tests.tests, seen: this.tests.seen, problems: [] };
    const declared = this.declared();
    if (declared) {
      out.declared = declared;
      if (!this.xml.stopped) this.compareDeclared(declared);
    }
    out.problems = this.problems.finish();
    if (this.stamps.length > 0 && this.opts.timed) out.stamps = this.stamps;
    return out;
  }

  // What the XML says ----------------------------------------------------------------------

  /** The root must be `<testsuites>` or `<testsuite>`. */
  private onRoot(name: string): void {
    if (name !== 'testsuites' && name !== 'testsuite')
      throw new XmlError(`not JUnit XML: the root element is <${name}>, not <testsuites> or <testsuite>`);
    this.rootName = name;
  }

  private onStart(name: string, attrs: ReadonlyMap<string, string>, selfClosing: boolean, depth: number): void {
    if (name === 'testsuite' && (depth === 0 || (depth === 1 && this.rootName === 'testsuites'))) {
      this.addSuite(name, attrs);
      this.addStamp(attrs.get('timestamp'));
      this.suiteLine ??= this.xml.tokenLine;
    } else if (name === 'testsuites' && depth === 0) {
      this.rootCounts = this.readCounts(name, attrs);
      this.rootLine = this.xml.tokenLine;
    } else if (name === 'testcase') this.openCase(attrs, depth);
    else if (OUTCOMES.has(name) && this.current && this.xml.parent === 'testcase')
      this.openOutcome(name, attrs, selfClosing);
  }

  private onEnd(name: string, depth: number): void {
    if (name === 'testcase' && this.current && depth === this.caseDepth) this.closeCase();
    else if (name === this.outcomeElement && depth === this.caseDepth + 1) this.closeOutcome();
  }

  // Test cases ------------------------------------------------------------------------------

  private openCase(attrs: ReadonlyMap<string, string>, depth: number): void {
    const line = this.xml.tokenLine;
    if (this.current) {
      this.problems.add({ message: 'a <testcase> inside a <testcase> (ignored)', line });
      return;
    }
    const name = attrs.get('name') ?? '';
    const classname = attrs.get('classname') ?? '';
    if (name === '') this.problems.add({ message: '<testcase> without a name', line });
    this.current = { id: classname ? `${classname}.${name}` : name, line, status: 'success' };
    const time = attrs.get('time');
    if (time !== undefined && /^\s*\d{1,9}(\.\d{1,9})?\s*$/.test(time)) this.current.seconds = Number(time);
    const status = attrs.get('status')?.trim().toLowerCase();
    if (status !== undefined && NOT_RUN.has(status)) this.current.notRun = status;
    this.caseDepth = depth;
  }

  private closeCase(): void {
    const c = this.current!;
    // A test the file says never ran, with no outcome child, was skipped.
    if (c.notRun !== undefined && c.status === 'success') {
      c.status = 'skip';
      c.reason ??= c.notRun;
      if (DISABLED.has(c.notRun)) this.disabledSeen++;
    }
    const r: TestRecord = { id: c.id, status: c.status, line: c.line };
    if (c.reason !== undefined) r.reason = c.reason;
    if (c.detail !== undefined) r.detail = c.detail;
    if (c.seconds !== undefined && this.opts.timed) r.seconds = c.seconds;
    this.tests.add(r);
    this.current = undefined;
    this.caseDepth = -1;
  }

  private openOutcome(name: string, attrs: ReadonlyMap<string, string>, selfClosing: boolean): void {
    const c = this.current!;
    const status: TestStatus =
      name === 'skipped'
        ? 'skip'
        : name === 'failure' && attrs.get('type') === UNEXPECTED_SUCCESS_TYPE
          ? 'uxsuccess'
          : 'fail';
    // A failure outranks a skip; otherwise the first outcome stands.
    if (c.status === 'success' || (c.status === 'skip' && status !== 'skip')) c.status = status;
    else if (c.status !== status)
      this.problems.add({ message: `<testcase> ${quoteId(c.id)} has more than one outcome`, line: this.xml.tokenLine });
    this.outcomeElement = name;
    this.outcomeMessage = attrs.get('message');
    // Raw text (entities not yet expanded): a little more than the bound, expanded at the end.
    this.collect = selfClosing ? undefined : new DetailText(this.opts.maxDetailBytes * 2);
  }

  private closeOutcome(): void {
    const c = this.current!;
    const max = this.opts.maxDetailBytes;
    let text = this.collect ? this.xml.expand(this.collect.text()).slice(0, max) : '';
    if (text === '' && this.outcomeMessage) text = this.outcomeMessage.slice(0, max);
    if (text !== '') {
      if (this.outcomeElement === 'skipped') c.reason ??= text;
      else c.detail ??= trimDetail(unwrapTraceback(text));
    }
    this.collect = undefined;
    this.outcomeElement = undefined;
  }

  /** A suite's `timestamp` (a few are kept: one per suite is usual). */
  private addStamp(text: string | undefined): void {
    if (text === undefined || this.stamps.length >= MAX_STAMPS) return;
    const time = parseStreamTime(text);
    if (time !== undefined) this.stamps.push({ time, text: text.slice(0, 40), line: this.xml.tokenLine });
  }

  // Declared totals -------------------------------------------------------------------------

  private addSuite(name: string, attrs: ReadonlyMap<string, string>): void {
    this.suites++;
    const c = this.readCounts(name, attrs);
    for (const k of COUNTS) {
      const v = c[k];
      if (v !== undefined) this.suiteCounts[k] = (this.suiteCounts[k] ?? 0) + v;
    }
  }

  private readCounts(name: string, attrs: ReadonlyMap<string, string>): Counts4 {
    const out: Counts4 = {};
    for (const k of COUNTS) {
      const raw = attrs.get(k);
      if (raw === undefined) continue;
      if (/^\s*\d{1,15}\s*$/.test(raw)) out[k] = Number(raw);
      else
        this.problems.add({
          message: `${k}="${raw.slice(0, 40)}" on <${name}> is not a count`,
          line: this.xml.tokenLine,
        });
    }
    return out;
  }

  /** From the root `<testsuites>` when it states them, else summed over the top-level `<testsuite>`s. */
  private declaredCounts(): Counts4 | undefined {
    const fromRoot = this.rootCounts !== undefined && this.rootCounts.tests !== undefined;
    this.declaredLine = fromRoot ? this.rootLine : this.suiteLine;
    return fromRoot ? this.rootCounts : this.suites > 0 ? this.suiteCounts : undefined;
  }

  private declared(): Declared | undefined {
    const c = this.declaredCounts();
    if (!c) return undefined;
    const d: Declared = {};
    if (c.tests !== undefined) d.total = c.tests;
    if (c.failures !== undefined || c.errors !== undefined) d.failed = (c.failures ?? 0) + (c.errors ?? 0);
    if (c.skipped !== undefined) d.skipped = c.skipped;
    return Object.keys(d).length > 0 ? d : undefined;
  }

  private compareDeclared(d: Declared): void {
    const s = this.tests.seen;
    const failed = s.fail + s.uxsuccess + s.incomplete;
    const say = (what: string, declared: number, seen: number) =>
      this.problems.add({
        message: `the file declares ${declared} ${what} but lists ${seen}`,
        ...(this.declaredLine !== undefined ? { line: this.declaredLine } : {}),
      });
    if (d.total !== undefined && d.total !== this.tests.total) say('tests', d.total, this.tests.total);
    if (d.failed !== undefined && d.failed !== failed) say('failures and errors', d.failed, failed);
    // A file that counts its disabled tests apart (tst, GoogleTest) leaves them out of `skipped`.
    const disabled = this.declaredCounts()?.disabled;
    const skipped = disabled === undefined ? s.skip : s.skip - this.disabledSeen;
    if (d.skipped !== undefined && d.skipped !== skipped) say('skipped tests', d.skipped, skipped);
    if (disabled !== undefined && disabled !== this.disabledSeen) say('disabled tests', disabled, this.disabledSeen);
  }
}
