// Tempest's console output in its two styles, subunit2pyunit (console-pyunit.ts) and
// subunit-trace (console-trace.ts), the style told from the first test line
// (docs/result-formats.md, "Console output").
import { longLineProblem } from './common.js';
import { ConsoleRun, NO_CONSOLE_RESULTS, type ConsoleStyle, type StyleReader } from './console-run.js';
import { PyunitReader, parsePyunitTest } from './console-pyunit.js';
import { TraceReader, parseTraceTest } from './console-trace.js';
import { TextLineSplitter } from './lines.js';
import type { ParsedResults, ParserOptions, StreamParser } from './types.js';

export { NO_CONSOLE_RESULTS, cleanupTestName, type ConsoleStyle, type TestLine } from './console-run.js';
export { parsePyunitTest } from './console-pyunit.js';
export { parseTraceTest } from './console-trace.js';
export { unPyRepr } from './python-literals.js';

export interface ConsoleOptions extends ParserOptions {
  /** The style, or 'auto' (the default) to decide from the first test line. */
  style?: ConsoleStyle | 'auto';
}

/** A streaming parser of tempest console output, in either style. */
export class ConsoleParser implements StreamParser {
  private readonly run: ConsoleRun;
  private readonly splitter: TextLineSplitter;
  private reader: StyleReader | undefined;
  style: ConsoleStyle | undefined;
  /** The last line read: where output without a summary stops. */
  private lastLine: number | undefined;

  constructor(options: ConsoleOptions = {}) {
    this.run = new ConsoleRun(options);
    if (options.style && options.style !== 'auto') this.choose(options.style);
    this.splitter = new TextLineSplitter(
      (text, lineNo, truncated) => this.line(text, lineNo, truncated),
      this.run.opts.maxLineBytes,
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
    // By code, not endsWith: a call per line of a large output.
    const text = raw.charCodeAt(raw.length - 1) === 0x0d ? raw.slice(0, -1) : raw;
    this.lastLine = lineNo;
    if (truncated) this.run.problems.add(longLineProblem(this.run.opts.maxLineBytes, lineNo));
    if (this.reader) this.reader.line(text, lineNo);
    else if (parseTraceTest(text)) this.choose('subunit-trace').line(text, lineNo);
    else if (parsePyunitTest(text)) this.choose('pyunit').line(text, lineNo);
    // A run whose only test was never printed (process-returncode) still ends in its Totals.
    else if (text === 'Totals' && /^=+$/.test(this.run.prev)) this.choose('subunit-trace').line(text, lineNo);
    this.run.prev = text;
  }

  /** Close what is open and return the results, without a final line split (see line()). */
  finish(): ParsedResults {
    const { run, reader } = this;
    reader?.close();
    const out: ParsedResults = {
      format: this.style ?? 'subunit-trace',
      tests: run.tests.tests,
      seen: run.tests.seen,
      problems: [],
    };
    if (!reader) run.problems.add({ message: NO_CONSOLE_RESULTS });
    const declared = reader?.declared();
    if (declared) out.declared = declared;
    const counts = reader instanceof TraceReader ? reader.reconciled() : undefined;
    if (counts) out.counts = counts;
    if (run.summaryLine !== undefined) out.summaryLine = run.summaryLine;
    else if (reader && !reader.sawSummary)
      run.problems.add({
        message: 'the console output has no summary (it may be cut short)',
        ...(this.lastLine !== undefined ? { line: this.lastLine } : {}),
      });
    out.problems = run.problems.finish();
    return out;
  }

  private choose(style: ConsoleStyle): StyleReader {
    this.style = style;
    this.reader = style === 'pyunit' ? new PyunitReader(this.run) : new TraceReader(this.run);
    return this.reader;
  }
}

/** A parser of subunit2pyunit output. */
export function parsePyunit(options?: ParserOptions): ConsoleParser {
  return new ConsoleParser({ ...options, style: 'pyunit' });
}

/** A parser of subunit-trace output. */
export function parseSubunitTrace(options?: ParserOptions): ConsoleParser {
  return new ConsoleParser({ ...options, style: 'subunit-trace' });
}
