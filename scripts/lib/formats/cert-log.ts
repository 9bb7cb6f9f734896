// The cert script's log, read in one streaming pass: steps, commits, cinder.conf, the tempest
// output (through the console parser) and the verdict (docs/result-formats.md, "The cert log").
import { ProblemLog, longLineProblem, parserOptions } from './common.js';
import { ConsoleParser, type ConsoleOptions } from './console.js';
import { NO_CONSOLE_RESULTS } from './console-run.js';
import { TextLineSplitter } from './lines.js';
import type { ParsedResults, ParseProblem, ParserOptions, StreamParser } from './types.js';

/** One step header of the log. */
export interface CertStep {
  line: number;
  /** As written: `MM/DD/YY/HH:MM:SS`. */
  time: string;
  /** The same as an ISO 8601 local date-time (`2025-06-01T11:58:02`). */
  iso: string;
  text: string;
}

/** A `git log --pretty=oneline -n 1` line. */
export interface CertCommit {
  sha: string;
  subject: string;
  line: number;
}

/** A `volume_driver` setting of cinder.conf. */
export interface VolumeDriverSetting {
  /** The section it is set in: the backend's name, or DEFAULT. */
  section: string;
  value: string;
  line: number;
}

export interface CertLog {
  steps: CertStep[];
  cinderCommit?: CertCommit;
  tempestCommit?: CertCommit;
  /** Where the cinder.conf copy is, and what it enables. */
  cinderConf?: {
    startLine: number;
    endLine?: number;
    sections: string[];
    enabledBackends?: { value: string[]; line: number };
  };
  volumeDrivers: VolumeDriverSetting[];
  /** Where the tempest output is. */
  tempestOutput?: { startLine: number; endLine?: number };
  verdict?: { result: 'passed' | 'failed'; text: string; line: number };
  /**
   * The log's own problems (its steps, cinder.conf, its verdict, lines too long), without
   * its tempest output's: they count whether or not the log is where the results come from.
   */
  problems: ParseProblem[];
}

/** The log's test results (from its tempest output), and what else it says. */
export interface CertLogResults extends ParsedResults {
  cert: CertLog;
}

const HEADER_TEXT = /^(\d{2})\/(\d{2})\/(\d{2})\/(\d{2}:\d{2}:\d{2}):(.*)$/;
const RULE = /^={8,}\s*$/;
const COMMIT = /^([0-9a-f]{40}) (.*)$/;
const VERDICT = /Device driver (PASSED|FAILED)!/;
/** Most volume_driver settings or sections recorded (a hostile log cannot grow them without bound). */
const MAX_SETTINGS = 1000;

type Section = 'none' | 'conf' | 'tests';

interface Line {
  text: string;
  no: number;
  truncated: boolean;
}

/** A streaming reader of the cert script's log (docs/result-formats.md, "The cert log"). */
export class CertLogParser implements StreamParser {
  private readonly opts: Required<ParserOptions>;
  private readonly problems: ProblemLog;
  private readonly splitter: TextLineSplitter;
  private readonly console: ConsoleParser;
  private readonly cert: CertLog = { steps: [], volumeDrivers: [], problems: [] };
  /** Up to three lines held back to recognise a step header. */
  private held: Line[] = [];
  private section: Section = 'none';
  private afterTempestStep = false;
  private confSection = 'DEFAULT';

  constructor(options: ConsoleOptions = {}) {
    this.opts = parserOptions(options);
    this.problems = new ProblemLog(this.opts.maxProblems);
    this.console = new ConsoleParser(options);
    this.splitter = new TextLineSplitter(
      (text, no, truncated) => this.push(text, no, truncated),
      this.opts.maxLineBytes,
    );
  }

  /** Feed the next chunk of the log. */
  write(chunk: Uint8Array): void {
    this.splitter.write(chunk);
  }

  /** The log ended: return its results and findings. */
  end(): CertLogResults {
    this.splitter.end();
    while (this.held.length > 0) this.unhold();
    this.closeSection(undefined);
    const results = this.console.finish();
    const problems = this.problems.finish();
    this.cert.problems = [...problems];
    if (this.cert.tempestOutput === undefined) {
      problems.push({ message: 'no tempest output: the "Run the actual tempest volume tests" step is missing' });
      results.problems = results.problems.filter((p) => p.message !== NO_CONSOLE_RESULTS);
    }
    return { ...results, problems: [...problems, ...results.problems], cert: this.cert };
  }

  /** Hold lines until a step header can be told from a mere rule of `=`. */
  private push(text: string, no: number, truncated: boolean): void {
    // The usual line: nothing held, and not a rule (which starts with `=`).
    if (this.held.length === 0 && text.charCodeAt(0) !== 0x3d) {
      this.plain(text, no, truncated);
      return;
    }
    this.held.push({ text, no, truncated });
    while (this.held.length > 0) {
      const [a, b, c] = this.held;
      if (!RULE.test(a!.text)) {
        this.unhold();
        continue;
      }
      if (b === undefined) return;
      const m = HEADER_TEXT.exec(b.text);
      if (!m) {
        this.unhold();
        continue;
      }
      if (c === undefined) return;
      if (!RULE.test(c.text)) {
        this.unhold();
        continue;
      }
      this.held.splice(0, 3);
      this.step(m, b.no);
    }
  }

  private step(m: RegExpExecArray, line: number): void {
    const [, mm, dd, yy, hms, text] = m as unknown as [string, string, string, string, string, string];
    const step: CertStep = { line, time: `${mm}/${dd}/${yy}/${hms}`, iso: `20${yy}-${mm}-${dd}T${hms}`, text };
    if (this.cert.steps.length < MAX_SETTINGS) this.cert.steps.push(step);
    this.closeSection(step);
    if (/Gathering copy of cinder\.conf/i.test(text)) {
      this.section = 'conf';
      this.confSection = 'DEFAULT';
      this.cert.cinderConf ??= { startLine: line + 2, sections: [] };
    } else if (/Run the actual tempest/i.test(text)) {
      if (this.cert.tempestOutput)
        this.problems.add({ message: 'a second tempest run step (its output is read too)', line });
      this.section = 'tests';
      this.cert.tempestOutput ??= { startLine: line + 2 };
    } else if (/Verify tempest is current/i.test(text)) this.afterTempestStep = true;
    this.verdict(text, line);
  }

  /** A step header ends the section before it. */
  private closeSection(next: CertStep | undefined): void {
    const end = next ? next.line - 2 : undefined;
    if (this.section === 'conf' && this.cert.cinderConf) {
      if (!next || !/End of cinder\.conf/i.test(next.text)) {
        this.problems.add({
          message: 'the cinder.conf copy is not closed by the "End of cinder.conf" step',
          line: next?.line ?? this.splitter.line,
        });
      }
      this.cert.cinderConf.endLine = end ?? this.splitter.line - 1;
    } else if (this.section === 'tests' && this.cert.tempestOutput) {
      this.cert.tempestOutput.endLine = end ?? this.splitter.line - 1;
    }
    this.section = 'none';
  }

  /** A held line that turned out not to be part of a step header. */
  private unhold(): void {
    const line = this.held.shift()!;
    this.plain(line.text, line.no, line.truncated);
  }

  /** A line that is not part of a step header. */
  private plain(text: string, no: number, truncated: boolean): void {
    if (this.section === 'tests') {
      this.console.line(text, no, truncated);
      return;
    }
    if (truncated) this.problems.add(longLineProblem(this.opts.maxLineBytes, no));
    if (this.section === 'conf') {
      this.confLine(text.replace(/\r$/, ''), no);
      return;
    }
    const c = COMMIT.exec(text.replace(/\r$/, ''));
    if (c) {
      const commit = { sha: c[1]!, subject: c[2]!, line: no };
      if (!this.afterTempestStep) this.cert.cinderCommit ??= commit;
      else this.cert.tempestCommit ??= commit;
    }
    this.verdict(text, no);
  }

  /** One line of cinder.conf. */
  private confLine(text: string, no: number): void {
    const t = text.trim();
    if (t === '' || t.startsWith('#') || t.startsWith(';')) return;
    const sec = /^\[([^\]]+)\]$/.exec(t);
    if (sec) {
      this.confSection = sec[1]!.trim();
      const list = this.cert.cinderConf!.sections;
      if (list.length < MAX_SETTINGS) list.push(this.confSection);
      return;
    }
    if (/^\s/.test(text)) return; // a continuation line
    const d = t.search(/[=:]/);
    if (d <= 0) {
      this.problems.add({ message: `cinder.conf line is not "key = value": ${t.slice(0, 80)}`, line: no });
      return;
    }
    const key = t.slice(0, d).trim().toLowerCase();
    const value = t.slice(d + 1).trim();
    if (key === 'volume_driver') {
      if (this.cert.volumeDrivers.length < MAX_SETTINGS)
        this.cert.volumeDrivers.push({ section: this.confSection, value, line: no });
      else
        this.problems.add({
          message: `more than ${MAX_SETTINGS} volume_driver settings (the rest not listed)`,
          line: no,
        });
    } else if (key === 'enabled_backends' && this.confSection.toUpperCase() === 'DEFAULT') {
      this.cert.cinderConf!.enabledBackends = {
        value: value
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s !== ''),
        line: no,
      };
    }
  }

  private verdict(text: string, line: number): void {
    const v = VERDICT.exec(text);
    if (!v) return;
    const result = v[1] === 'PASSED' ? 'passed' : 'failed';
    if (this.cert.verdict && this.cert.verdict.result !== result) {
      this.problems.add({
        message:
          `the log says both "Device driver ${this.cert.verdict.result.toUpperCase()}!" ` +
          `(line ${this.cert.verdict.line}) and "${v[0]}"`,
        line,
      });
    }
    this.cert.verdict = { result, text: text.trim(), line };
  }
}
