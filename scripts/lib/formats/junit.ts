// JUnit XML, as subunit2junitxml (python-junitxml) writes it and as other tools do:
// `<testsuites>` or a bare `<testsuite>`, `<testcase classname name time>` holding
// `<failure>`, `<error>` or `<skipped>`. A small streaming tokenizer written for this one
// job, not a general XML parser: it never expands anything but the five predefined entities
// and numeric character references, and it refuses any `<!DOCTYPE` or other `<!…>`
// declaration (so no entity can be declared, let alone expanded). Attribute values and text
// are bounded (maxTokenBytes, counted in UTF-16 units), and so is the element depth;
// exceeding either is a fatal problem, never a hang or an out-of-memory.
//
// Outcomes: a testcase with no child is a success; `<failure>` and `<error>` are `fail`,
// except the `<failure type="unittest.case._UnexpectedSuccess"/>` python-junitxml writes
// for an unexpected success, which is `uxsuccess`; `<skipped>` is `skip`. The test id is
// `classname.name` (just `name` when classname is empty), which undoes python-junitxml's
// split. Expected failures are written as successes, and tests that never finished as
// failures: the format cannot tell them apart, and the records say what it shows.
//
// `declared`: `tests` → total, `failures` + `errors` → failed (python-junitxml counts
// unexpected successes in `failures`), `skipped` → skipped; from the root `<testsuites>`
// when it states them, else summed over the top-level `<testsuite>`s. They are compared
// with the records at the end, and a difference is a problem.
// Bytes before the root element (python-subunit's filters pass non-test output through
// ahead of the XML) are skipped with one problem.
import { DEFAULT_LIMITS } from '../bundle/limits.js';
import { DetailText, ProblemLog, parserOptions, quoteId, trimDetail, unwrapTraceback } from './common.js';
import {
  TestCollector,
  type ParsedResults,
  type ParserOptions,
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
const MAX_NAME = 1024;
const KEPT_ATTRIBUTES = new Set(['name', 'classname', 'tests', 'failures', 'errors', 'skipped', 'type', 'message']);
const PREDEFINED = new Map([
  ['amp', '&'],
  ['lt', '<'],
  ['gt', '>'],
  ['quot', '"'],
  ['apos', "'"],
]);

const enum S {
  Text,
  TagOpen,
  StartName,
  InTag,
  AttrName,
  AfterAttrName,
  BeforeValue,
  Value,
  SelfClose,
  EndName,
  EndSpace,
  Markup,
  Comment,
  CData,
  PI,
  Stopped,
}

interface OpenCase {
  id: string;
  line: number;
  status: TestStatus;
  reason?: string;
  detail?: string;
}

interface Counts4 {
  tests?: number;
  failures?: number;
  errors?: number;
  skipped?: number;
}

class Fatal extends Error {}

/** A streaming JUnit XML parser (see the file comment). */
export class JUnitParser implements StreamParser {
  private readonly opts: Required<JUnitOptions>;
  private readonly problems: ProblemLog;
  private readonly tests: TestCollector;
  private readonly decoder = new TextDecoder('utf-8');

  private s = S.Text;
  private line = 1;
  private tokenLine = 1;
  // The tag being read.
  private name = '';
  private attrName = '';
  private attrs = new Map<string, string>();
  private attrCount = 0;
  private quote = '"';
  private valueParts: string[] = [];
  private valueLen = 0;
  private keepValue = false;
  private markup = '';
  private dashes = 0;
  private brackets = 0;
  private question = false;
  // Where we are in the document.
  private readonly stack: string[] = [];
  private root: string | undefined;
  private rootClosed = false;
  private junk = 0;
  private junkLine = 0;
  private textLen = 0;
  private collect: DetailText | undefined;
  private current: OpenCase | undefined;
  private outcomeElement: string | undefined;
  private outcomeMessage: string | undefined;
  private rootCounts: Counts4 | undefined;
  /** Where <testsuites> and the first <testsuite> open: a disagreement with their counts points there. */
  private rootLine: number | undefined;
  private suiteLine: number | undefined;
  private declaredLine: number | undefined;
  private readonly suiteCounts: Counts4 = {};
  private suites = 0;

  constructor(options: JUnitOptions = {}) {
    const base = parserOptions(options);
    this.opts = {
      ...base,
      maxTokenBytes: options.maxTokenBytes ?? DEFAULT_LIMITS.maxXmlTokenBytes,
      maxDepth: options.maxDepth ?? DEFAULT_LIMITS.maxXmlDepth,
    };
    this.tests = new TestCollector(this.opts.keep);
    this.problems = new ProblemLog(this.opts.maxProblems);
  }

  /** Feed the next chunk of the file. */
  write(chunk: Uint8Array): void {
    if (this.s === S.Stopped) return;
    this.feed(this.decoder.decode(chunk, { stream: true }));
  }

  /** The file ended: return the test cases read. */
  end(): ParsedResults {
    if (this.s !== S.Stopped) {
      this.feed(this.decoder.decode());
      this.finishDocument();
    }
    const out: ParsedResults = { format: 'junit', tests: this.tests.tests, seen: this.tests.seen, problems: [] };
    const declared = this.declared();
    if (declared) {
      out.declared = declared;
      if (this.s !== S.Stopped) this.compareDeclared(declared);
    }
    out.problems = this.problems.finish();
    return out;
  }

  private feed(s: string): void {
    try {
      let i = 0;
      while (i < s.length && this.s !== S.Stopped) i = this.step(s, i);
    } catch (e) {
      if (!(e instanceof Fatal)) throw e;
      this.problems.add({ message: e.message, line: this.line, fatal: true });
      this.s = S.Stopped;
    }
  }

  /** Consume from `s[i]` in the current state; returns the next index. */
  private step(s: string, i: number): number {
    switch (this.s) {
      case S.Text:
        return this.text(s, i);
      case S.Value:
        return this.value(s, i);
      case S.TagOpen:
        if (!isTagStart(s.charCodeAt(i)) && (this.root === undefined || this.rootClosed)) {
          // Not markup: junk around the document; read the character again as text.
          this.junkText(1);
          this.s = S.Text;
          return i;
        }
        this.char(s.charCodeAt(i), s[i]!);
        return i + 1;
      default: {
        const c = s.charCodeAt(i);
        if (c === 10) this.line++;
        this.char(c, s[i]!);
        return i + 1;
      }
    }
  }

  /** Text up to the next `<`. */
  private text(s: string, i: number): number {
    const lt = s.indexOf('<', i);
    const end = lt === -1 ? s.length : lt;
    if (end > i) {
      this.textLen += end - i;
      if (this.textLen > this.opts.maxTokenBytes)
        throw new Fatal(`text longer than ${this.opts.maxTokenBytes} characters (the limit for one text node)`);
      const piece = s.slice(i, end);
      this.countLines(piece);
      if (this.collect) this.collect.push(piece);
      else if ((this.root === undefined || this.rootClosed) && piece.trim() !== '') this.junkText(piece.length);
    }
    if (lt === -1) return s.length;
    this.tokenLine = this.line;
    this.s = S.TagOpen;
    return lt + 1;
  }

  /** An attribute value up to its closing quote. */
  private value(s: string, i: number): number {
    const q = s.indexOf(this.quote, i);
    const end = q === -1 ? s.length : q;
    this.valueLen += end - i;
    if (this.valueLen > this.opts.maxTokenBytes)
      throw new Fatal(
        `attribute ${this.attrName} longer than ${this.opts.maxTokenBytes} characters (the limit for one attribute)`,
      );
    const piece = s.slice(i, end);
    this.countLines(piece);
    if (this.keepValue) this.valueParts.push(piece);
    if (q === -1) return s.length;
    this.endAttribute();
    this.s = S.InTag;
    return q + 1;
  }

  /** One character of markup. */
  private char(c: number, ch: string): void {
    switch (this.s) {
      case S.TagOpen:
        if (ch === '/') {
          this.name = '';
          this.s = S.EndName;
        } else if (ch === '!') {
          this.markup = '';
          this.s = S.Markup;
        } else if (ch === '?') {
          this.question = false;
          this.s = S.PI;
        } else if (isNameStart(c)) {
          this.name = ch;
          this.attrs = new Map();
          this.attrCount = 0;
          this.s = S.StartName;
        } else throw new Fatal('"<" that starts no tag (write it as &lt;)');
        return;
      case S.StartName:
        if (isNameChar(c)) this.name = this.addName(this.name, ch);
        else this.afterName(ch);
        return;
      case S.InTag:
        if (isSpace(c)) return;
        if (isNameStart(c)) {
          this.attrName = ch;
          this.s = S.AttrName;
        } else this.afterName(ch);
        return;
      case S.AttrName:
        if (isNameChar(c)) this.attrName = this.addName(this.attrName, ch);
        else if (ch === '=') this.s = S.BeforeValue;
        else if (isSpace(c)) this.s = S.AfterAttrName;
        else throw new Fatal(`malformed attribute ${this.attrName} in <${this.name}>`);
        return;
      case S.AfterAttrName:
        if (ch === '=') this.s = S.BeforeValue;
        else if (!isSpace(c)) throw new Fatal(`attribute ${this.attrName} in <${this.name}> has no value`);
        return;
      case S.BeforeValue:
        if (ch === '"' || ch === "'") this.beginValue(ch);
        else if (!isSpace(c)) throw new Fatal(`attribute ${this.attrName} in <${this.name}> is not quoted`);
        return;
      case S.SelfClose:
        if (ch !== '>') throw new Fatal(`malformed tag <${this.name}>`);
        this.startElement(true);
        return;
      case S.EndName:
        if (isNameChar(c) || (this.name === '' && isNameStart(c))) this.name = this.addName(this.name, ch);
        else if (ch === '>') this.endElement();
        else if (isSpace(c)) this.s = S.EndSpace;
        else throw new Fatal(`malformed end tag </${this.name}>`);
        return;
      case S.EndSpace:
        if (ch === '>') this.endElement();
        else if (!isSpace(c)) throw new Fatal(`malformed end tag </${this.name}>`);
        return;
      case S.Markup:
        this.markupChar(ch);
        return;
      case S.Comment:
        if (ch === '-') this.dashes++;
        else if (ch === '>' && this.dashes >= 2) this.s = S.Text;
        else this.dashes = 0;
        return;
      case S.CData:
        if (ch === ']') this.brackets++;
        else if (ch === '>' && this.brackets >= 2) {
          this.s = S.Text;
          if (this.collect) this.collect.push(']'.repeat(this.brackets - 2));
        } else {
          if (this.collect) this.collect.push(']'.repeat(this.brackets) + ch);
          this.brackets = 0;
          this.textLen++;
          if (this.textLen > this.opts.maxTokenBytes)
            throw new Fatal(`text longer than ${this.opts.maxTokenBytes} characters (the limit for one text node)`);
        }
        return;
      case S.PI:
        if (ch === '>' && this.question) this.s = S.Text;
        else this.question = ch === '?';
        return;
      default:
        return;
    }
  }

  private addName(name: string, ch: string): string {
    if (name.length >= MAX_NAME) throw new Fatal(`an element or attribute name longer than ${MAX_NAME} characters`);
    return name + ch;
  }

  /** After a tag or attribute name: whitespace, `/` or `>`. */
  private afterName(ch: string): void {
    if (ch === '>') this.startElement(false);
    else if (ch === '/') this.s = S.SelfClose;
    else if (isSpace(ch.charCodeAt(0))) this.s = S.InTag;
    else throw new Fatal(`malformed tag <${this.name}>`);
  }

  /** `<!` seen: only comments and CDATA are allowed; a DOCTYPE or any declaration is refused. */
  private markupChar(ch: string): void {
    this.markup += ch;
    const m = this.markup;
    if (m === '--') {
      this.dashes = 0;
      this.s = S.Comment;
    } else if (m === '[CDATA[') {
      this.brackets = 0;
      this.s = S.CData;
    } else if (!(m === '-' || '[CDATA['.startsWith(m))) {
      const what = /^D/i.test(m) ? 'a DOCTYPE' : 'a markup declaration (<!…>)';
      throw new Fatal(`${what} is not allowed in a JUnit file (no DTDs or entities are read)`);
    }
  }

  private beginValue(q: string): void {
    this.quote = q;
    this.valueParts = [];
    this.valueLen = 0;
    this.keepValue = KEPT_ATTRIBUTES.has(this.attrName);
    this.s = S.Value;
  }

  private endAttribute(): void {
    if (++this.attrCount > 256) throw new Fatal(`<${this.name}> has more than 256 attributes`);
    if (!this.keepValue) return;
    if (this.attrs.has(this.attrName)) throw new Fatal(`attribute ${this.attrName} appears twice in <${this.name}>`);
    this.attrs.set(this.attrName, this.entities(this.valueParts.join('')));
    this.valueParts = [];
  }

  private startElement(selfClosing: boolean): void {
    this.s = S.Text;
    this.textLen = 0;
    const name = this.name;
    const depth = this.stack.length;
    if (depth === 0) this.rootElement(name);
    if (depth + 1 > this.opts.maxDepth) throw new Fatal(`elements nested deeper than ${this.opts.maxDepth}`);
    if (name === 'testsuite' && (depth === 0 || (depth === 1 && this.root === 'testsuites'))) {
      this.addSuite(this.attrs, this.suiteCounts);
      this.suiteLine ??= this.tokenLine;
    } else if (name === 'testsuites' && depth === 0) {
      this.rootCounts = this.readCounts(this.attrs);
      this.rootLine = this.tokenLine;
    } else if (name === 'testcase') this.openCase();
    else if (
      (name === 'failure' || name === 'error' || name === 'skipped') &&
      this.current &&
      this.stack[depth - 1] === 'testcase'
    )
      this.openOutcome(name, selfClosing);
    if (selfClosing) this.closeElement(name);
    else this.stack.push(name);
  }

  private rootElement(name: string): void {
    if (this.rootClosed) throw new Fatal(`a second root element <${name}> after the first one closed`);
    if (name !== 'testsuites' && name !== 'testsuite')
      throw new Fatal(`not JUnit XML: the root element is <${name}>, not <testsuites> or <testsuite>`);
    this.root = name;
    if (this.junk > 0)
      this.problems.add({
        message: `${this.junk} characters before the XML root element ignored (passthrough output?)`,
        line: this.junkLine,
      });
    this.junk = 0;
  }

  private endElement(): void {
    this.s = S.Text;
    this.textLen = 0;
    const open = this.stack.pop();
    if (open === undefined) throw new Fatal(`end tag </${this.name}> with no element open`);
    if (open !== this.name) throw new Fatal(`end tag </${this.name}> where </${open}> was expected`);
    this.closeElement(open);
  }

  private closeElement(name: string): void {
    const depth = this.stack.length;
    if (name === 'testcase' && this.current && depth === this.caseDepth) this.closeCase();
    else if (name === this.outcomeElement && depth === this.caseDepth + 1) this.closeOutcome();
    if (depth === 0) this.rootClosed = true;
  }

  private caseDepth = -1;

  private openCase(): void {
    if (this.current) {
      this.problems.add({ message: 'a <testcase> inside a <testcase> (ignored)', line: this.tokenLine });
      return;
    }
    const name = this.attrs.get('name') ?? '';
    const classname = this.attrs.get('classname') ?? '';
    if (name === '') this.problems.add({ message: '<testcase> without a name', line: this.tokenLine });
    this.current = { id: classname ? `${classname}.${name}` : name, line: this.tokenLine, status: 'success' };
    this.caseDepth = this.stack.length;
  }

  private closeCase(): void {
    const c = this.current!;
    const r: TestRecord = { id: c.id, status: c.status, line: c.line };
    if (c.reason !== undefined) r.reason = c.reason;
    if (c.detail !== undefined) r.detail = c.detail;
    this.tests.add(r);
    this.current = undefined;
    this.caseDepth = -1;
  }

  private openOutcome(name: string, selfClosing: boolean): void {
    const c = this.current!;
    const status: TestStatus =
      name === 'skipped'
        ? 'skip'
        : name === 'failure' && this.attrs.get('type') === UNEXPECTED_SUCCESS_TYPE
          ? 'uxsuccess'
          : 'fail';
    // A failure outranks a skip; otherwise the first outcome stands.
    if (c.status === 'success' || (c.status === 'skip' && status !== 'skip')) c.status = status;
    else if (c.status !== status)
      this.problems.add({ message: `<testcase> ${quoteId(c.id)} has more than one outcome`, line: this.tokenLine });
    this.outcomeElement = name;
    this.outcomeMessage = this.attrs.get('message');
    // Raw text (entities not yet expanded): a little more than the bound, expanded at the end.
    this.collect = selfClosing ? undefined : new DetailText(this.opts.maxDetailBytes * 2);
  }

  private closeOutcome(): void {
    const c = this.current!;
    let text = this.collect ? this.entities(this.collect.text()).slice(0, this.opts.maxDetailBytes) : '';
    if (text === '' && this.outcomeMessage) text = this.outcomeMessage.slice(0, this.opts.maxDetailBytes);
    if (text !== '') {
      if (this.outcomeElement === 'skipped') c.reason ??= text;
      else c.detail ??= trimDetail(unwrapTraceback(text));
    }
    this.collect = undefined;
    this.outcomeElement = undefined;
  }

  private addSuite(attrs: Map<string, string>, into: Counts4): void {
    this.suites++;
    const c = this.readCounts(attrs);
    for (const k of ['tests', 'failures', 'errors', 'skipped'] as const) {
      const v = c[k];
      if (v !== undefined) into[k] = (into[k] ?? 0) + v;
    }
  }

  private readCounts(attrs: Map<string, string>): Counts4 {
    const out: Counts4 = {};
    for (const k of ['tests', 'failures', 'errors', 'skipped'] as const) {
      const raw = attrs.get(k);
      if (raw === undefined) continue;
      if (/^\s*\d{1,15}\s*$/.test(raw)) out[k] = Number(raw);
      else
        this.problems.add({
          message: `${k}="${raw.slice(0, 40)}" on <${this.name}> is not a count`,
          line: this.tokenLine,
        });
    }
    return out;
  }

  private finishDocument(): void {
    if (this.s !== S.Text) this.problems.add({ message: 'the file ends inside a tag', line: this.line });
    if (this.root === undefined) {
      this.problems.add({
        message: 'no <testsuites> or <testsuite> element: not a JUnit file',
        line: this.line,
        fatal: true,
      });
      return;
    }
    if (this.stack.length > 0) {
      const open = this.current ? ` (test case ${quoteId(this.current.id)} not counted)` : '';
      this.problems.add({
        message: `the file ends inside <${this.stack[this.stack.length - 1]}> (truncated)${open}`,
        line: this.line,
      });
    }
    if (this.junk > 0)
      this.problems.add({ message: `${this.junk} characters after the XML root element ignored`, line: this.junkLine });
  }

  private declared(): ParsedResults['declared'] {
    const fromRoot = this.rootCounts !== undefined && this.rootCounts.tests !== undefined;
    const c = fromRoot ? this.rootCounts : this.suites > 0 ? this.suiteCounts : undefined;
    if (!c) return undefined;
    this.declaredLine = fromRoot ? this.rootLine : this.suiteLine;
    const d: NonNullable<ParsedResults['declared']> = {};
    if (c.tests !== undefined) d.total = c.tests;
    if (c.failures !== undefined || c.errors !== undefined) d.failed = (c.failures ?? 0) + (c.errors ?? 0);
    if (c.skipped !== undefined) d.skipped = c.skipped;
    return Object.keys(d).length > 0 ? d : undefined;
  }

  private compareDeclared(d: NonNullable<ParsedResults['declared']>): void {
    const s = this.tests.seen;
    const failed = s.fail + s.uxsuccess + s.incomplete;
    const skipped = s.skip;
    const say = (what: string, declared: number, seen: number) =>
      this.problems.add({
        message: `the file declares ${declared} ${what} but lists ${seen}`,
        ...(this.declaredLine !== undefined ? { line: this.declaredLine } : {}),
      });
    if (d.total !== undefined && d.total !== this.tests.total) say('tests', d.total, this.tests.total);
    if (d.failed !== undefined && d.failed !== failed) say('failures and errors', d.failed, failed);
    if (d.skipped !== undefined && d.skipped !== skipped) say('skipped tests', d.skipped, skipped);
  }

  private junkText(n: number): void {
    if (this.junk === 0) this.junkLine = this.line;
    this.junk += n;
  }

  private countLines(piece: string): void {
    for (let k = piece.indexOf('\n'); k !== -1; k = piece.indexOf('\n', k + 1)) this.line++;
  }

  /** Expand the predefined entities and character references; anything else stays as written, with a problem. */
  private entities(s: string): string {
    if (s.indexOf('&') === -1) return s;
    let out = '';
    let from = 0;
    for (let amp = s.indexOf('&'); amp !== -1; amp = s.indexOf('&', from)) {
      out += s.slice(from, amp);
      // A reference is short: look for its ';' nearby only (never across the whole text).
      const near = s.slice(amp + 1, amp + 13).indexOf(';');
      const semi = near === -1 ? -1 : amp + 1 + near;
      const ref = semi !== -1 ? s.slice(amp + 1, semi) : undefined;
      const ch = ref === undefined ? undefined : resolveReference(ref);
      if (ch === undefined) {
        // Quote the reference itself: up to its ';', or its first characters when there is none nearby.
        const written =
          semi !== -1 ? s.slice(amp, semi + 1) : `${s.slice(amp, amp + 12)}${s.length > amp + 12 ? '…' : ''}`;
        this.problems.add({
          message: `"${written}": not a predefined entity or character reference (kept as written)`,
          line: this.tokenLine,
        });
        out += '&';
        from = amp + 1;
      } else {
        out += ch;
        from = semi + 1;
      }
    }
    return out + s.slice(from);
  }
}

/** The text of `&ref;`: a predefined entity or a valid character reference. */
function resolveReference(ref: string): string | undefined {
  const named = PREDEFINED.get(ref);
  if (named !== undefined) return named;
  const m = /^#(?:x([0-9a-fA-F]{1,6})|([0-9]{1,7}))$/.exec(ref);
  if (!m) return undefined;
  const cp = m[1] !== undefined ? parseInt(m[1], 16) : Number(m[2]);
  if (cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return undefined;
  return String.fromCodePoint(cp);
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

function isTagStart(c: number): boolean {
  return c === 0x2f || c === 0x21 || c === 0x3f || isNameStart(c);
}

function isNameStart(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || c === 0x3a || c >= 0xc0;
}

function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2e;
}
