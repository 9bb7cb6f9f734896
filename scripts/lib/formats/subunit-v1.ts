// Subunit v1, the line protocol stestr and testrepository store runs in, read as python-subunit
// 1.4's TestProtocolServer reads it (docs/result-formats.md, "Subunit v1").
import {
  BoundedBytes,
  BoundedText,
  ProblemLog,
  decodeUtf8,
  longLineProblem,
  parserOptions,
  plainBytes,
  parseStreamTime,
  quoteId,
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

const OUTCOMES = new Map<string, TestStatus>([
  ['success', 'success'],
  ['successful', 'success'],
  ['failure', 'fail'],
  ['fail', 'fail'],
  ['error', 'fail'],
  ['skip', 'skip'],
  ['xfail', 'xfail'],
  ['uxsuccess', 'uxsuccess'],
]);

const enum State {
  Outside,
  InTest,
  SimpleDetails,
  PartHeader,
  PartName,
  ChunkLength,
  ChunkBody,
  SkipToEnd,
}

/** Longest command word ("successful"). */
const MAX_COMMAND = 10;

/** Longest chunk-length line accepted (python reads hex digits, CR and LF only). */
const MAX_CHUNK_HEADER = 16;

/** A streaming subunit v1 parser (docs/result-formats.md, "Subunit v1", says what it follows). */
export class SubunitV1Parser implements StreamParser {
  private readonly opts: Required<ParserOptions>;
  private readonly problems: ProblemLog;
  private readonly tests: TestCollector;

  private readonly splitter: LineSplitter;

  private state = State.Outside;
  /** The line being read (1-based; the splitter's count misses the lines of multipart chunks). */
  private lineNo = 1;
  // The running test and the outcome being read.
  private current: string | undefined;
  private currentLine = 0;
  private outcome: TestStatus = 'success';
  private outcomeLine = 0;
  private reason: BoundedBytes | undefined;
  private traceback: BoundedBytes | undefined;
  private simple: BoundedText | undefined;
  // The multipart part being read.
  private partName = '';
  private chunkHeader = '';
  private chunkLeft = 0;
  /** The last `time:` line's time (ms since the epoch), and the running test's start by it. */
  private clock: number | undefined;
  private started: number | undefined;

  constructor(options: ParserOptions = {}) {
    this.opts = parserOptions(options);
    this.problems = new ProblemLog(this.opts.maxProblems);
    this.tests = new TestCollector(this.opts.keep);
    this.splitter = new LineSplitter(
      (line, _no, truncated, hasNewline) => this.takeLine(line, truncated, hasNewline),
      this.opts.maxLineBytes,
    );
  }

  /** Feed the next chunk. */
  write(input: Uint8Array): void {
    const chunk = plainBytes(input);
    const n = chunk.length;
    let i = 0;
    while (i < n) {
      if (this.state === State.ChunkBody) {
        const take = Math.min(this.chunkLeft, n - i);
        this.partBytes(chunk.subarray(i, i + take));
        this.countNewlines(chunk, i, i + take);
        this.chunkLeft -= take;
        i += take;
        if (this.chunkLeft === 0) this.state = State.ChunkLength;
      } else if (this.state === State.ChunkLength) {
        i = this.readChunkHeader(chunk, i);
      } else {
        i = this.splitter.writeLine(chunk, i);
      }
    }
  }

  /** The input ended: a test still running is incomplete. */
  end(): ParsedResults {
    if (this.state === State.ChunkLength || this.state === State.ChunkBody) {
      this.problems.add({ message: 'the stream ends inside a multipart chunk', line: this.lineNo });
    } else {
      this.splitter.end();
    }
    if (this.current !== undefined) {
      const where = this.state === State.InTest ? 'running' : 'reading its details';
      this.problems.add({
        message: `the stream ends while test ${quoteId(this.current)} is ${where}: counted as incomplete`,
        line: this.currentLine,
      });
      this.finish('incomplete', this.currentLine);
    }
    return { format: 'subunit-v1', tests: this.tests.tests, seen: this.tests.seen, problems: this.problems.finish() };
  }

  /** A line from the splitter (its start only, when it was cut). */
  private takeLine(line: Uint8Array, truncated: boolean, hasNewline: boolean): void {
    if (!hasNewline)
      this.problems.add({
        message: 'the last line has no newline (its last character is dropped, as python-subunit does)',
        line: this.lineNo,
      });
    if (truncated) this.problems.add(longLineProblem(this.opts.maxLineBytes, this.lineNo));
    this.onLine(line, hasNewline);
    this.lineNo++;
  }

  /** One line (without its newline) in the current state. */
  private onLine(line: Uint8Array, hasNewline: boolean): void {
    switch (this.state) {
      case State.Outside:
      case State.InTest:
        this.command(line, hasNewline);
        break;
      case State.SimpleDetails:
        if (hasNewline && line.length === 1 && line[0] === 0x5d) this.finish(this.outcome, this.outcomeLine);
        else {
          // A line starting " ]" is a quoted "]": python drops the leading space.
          const body = line.length >= 2 && line[0] === 0x20 && line[1] === 0x5d ? line.subarray(1) : line;
          this.simple!.push(decodeUtf8(body) + (hasNewline ? '\n' : ''));
        }
        break;
      case State.PartHeader:
        if (hasNewline && line.length === 1 && line[0] === 0x5d) this.finish(this.outcome, this.outcomeLine);
        else this.partHeader(decodeUtf8(line));
        break;
      case State.PartName:
        this.partName = decodeUtf8(line);
        this.chunkHeader = '';
        this.state = State.ChunkLength;
        break;
      case State.SkipToEnd:
        if (hasNewline && line.length === 1 && line[0] === 0x5d) this.finish(this.outcome, this.outcomeLine);
        break;
      default:
        break;
    }
  }

  /** A protocol line outside details: start or end a test, or passthrough. */
  private command(line: Uint8Array, hasNewline: boolean): void {
    // python: parts = line.split(None, 1); a command needs a word, whitespace, and more.
    let w = 0;
    while (w < line.length && !isSpace(line[w]!)) w++;
    if (w === 0 || w >= line.length) return;
    let rest = w;
    while (rest < line.length && isSpace(line[rest]!)) rest++;
    if (rest >= line.length) return;
    let cmdEnd = w;
    while (cmdEnd > 0 && line[cmdEnd - 1] === 0x3a) cmdEnd--;
    if (cmdEnd > MAX_COMMAND) return;
    const cmd = String.fromCharCode.apply(null, line.subarray(0, cmdEnd) as unknown as number[]);
    // The label: after the one separator character, up to the end (python drops the last
    // character of the line, which is its newline — or a real character on a last line).
    const labelBytes = line.subarray(w + 1, hasNewline ? line.length : Math.max(w + 1, line.length - 1));
    if (cmd === 'time') {
      this.clock = parseStreamTime(decodeUtf8(labelBytes)) ?? this.clock;
      return;
    }
    if (cmd === 'test' || cmd === 'testing') {
      if (this.state === State.Outside) this.startTest(this.label(labelBytes));
      return;
    }
    const status = OUTCOMES.get(cmd);
    if (status === undefined || this.state !== State.InTest) return;
    const label = this.label(labelBytes);
    const name = this.current!;
    if (label === name) this.finish(status, this.lineNo);
    else if (label === `${name} [`) this.beginDetails(status, State.SimpleDetails);
    else if (label === `${name} [ multipart`) this.beginDetails(status, State.PartHeader);
  }

  private label(bytes: Uint8Array): string {
    const s = decodeUtf8(bytes);
    if (s.indexOf('\ufffd') !== -1)
      this.problems.add({
        message: 'test id is not valid UTF-8 (read with replacement characters)',
        line: this.lineNo,
      });
    return s;
  }

  private startTest(name: string): void {
    this.current = name;
    this.started = this.clock;
    this.currentLine = this.lineNo;
    this.state = State.InTest;
  }

  private beginDetails(status: TestStatus, state: State): void {
    this.outcome = status;
    this.outcomeLine = this.lineNo;
    this.state = state;
    if (state === State.SimpleDetails) this.simple = new BoundedText(this.opts.maxDetailBytes);
  }

  /** The running test ends with `status`. */
  private finish(status: TestStatus, line: number): void {
    const id = this.current!.endsWith('\r') ? this.current!.slice(0, -1) : this.current!;
    const r: TestRecord = { id, status, line };
    if (this.opts.timed && this.started !== undefined) r.start = this.started;
    if (this.opts.timed && this.clock !== undefined) r.end = this.clock;
    if (this.simple) {
      // A bracketed body is the skip reason of a skip, the traceback of anything else.
      const text = this.simple.text();
      if (status === 'skip') r.reason = text;
      else if (status !== 'success') r.detail = text;
    }
    if (this.reason) r.reason = this.reason.text();
    if (this.traceback) r.detail = this.traceback.text();
    this.tests.add(r);
    this.current = undefined;
    this.simple = this.reason = this.traceback = undefined;
    this.state = State.Outside;
  }

  /** `Content-Type: type/subtype…` opening a part. */
  private partHeader(text: string): void {
    const sp = text.indexOf(' ');
    const value = sp === -1 ? '' : text.slice(sp + 1);
    if (sp === -1 || value.split('/').length !== 2) {
      this.problems.add({
        message: `malformed multipart detail header "${clip(text)}": details skipped`,
        line: this.lineNo,
      });
      this.state = State.SkipToEnd;
      return;
    }
    this.state = State.PartName;
  }

  /** Read a chunk-length line byte by byte; returns where reading stopped. */
  private readChunkHeader(b: Uint8Array, i: number): number {
    const n = b.length;
    for (; i < n; i++) {
      const c = b[i]!;
      if (c === 10) {
        this.lineNo++;
        this.chunkLength(this.chunkHeader);
        return i + 1;
      }
      if (this.chunkHeader.length >= MAX_CHUNK_HEADER || !(isHex(c) || c === 13)) {
        this.problems.add({ message: 'malformed multipart chunk length: details skipped', line: this.lineNo });
        this.state = State.SkipToEnd;
        return i;
      }
      this.chunkHeader += String.fromCharCode(c);
    }
    return i;
  }

  private chunkLength(header: string): void {
    const digits = header.endsWith('\r') ? header.slice(0, -1) : header;
    if (digits.length === 0 || digits.includes('\r')) {
      this.problems.add({ message: 'malformed multipart chunk length: details skipped', line: this.lineNo - 1 });
      this.state = State.SkipToEnd;
      return;
    }
    this.chunkHeader = '';
    const len = parseInt(digits, 16);
    if (len === 0) this.state = State.PartHeader;
    else {
      this.chunkLeft = len;
      this.state = State.ChunkBody;
    }
  }

  /** Bytes of the current part's body: kept (bounded) when it is a reason or traceback. */
  private partBytes(bytes: Uint8Array): void {
    if (this.partName === 'reason') (this.reason ??= new BoundedBytes(this.opts.maxDetailBytes)).push(bytes);
    else if (this.partName === 'traceback') (this.traceback ??= new BoundedBytes(this.opts.maxDetailBytes)).push(bytes);
  }

  private countNewlines(b: Uint8Array, from: number, to: number): void {
    for (let k = b.indexOf(10, from); k !== -1 && k < to; k = b.indexOf(10, k + 1)) this.lineNo++;
  }
}

function isSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d);
}

function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

function clip(s: string): string {
  return s.length > 80 ? `${s.slice(0, 80)}…` : s;
}
