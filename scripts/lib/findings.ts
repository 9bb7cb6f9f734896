// Findings: what every check reports, and the errors the library raises for bad input.

export type Level = 'error' | 'warning' | 'notice';

/** One thing a check found, pointing at a file (and line, or bundle member) with a fix. */
export interface Finding {
  level: Level;
  /** The stable kebab-case id of the rule (e.g. `unique-driver-ids`), as the README's rule tables list it. */
  rule: string;
  /** The human-readable requirement that was not met, e.g. "every file matches its schema". */
  check: string;
  /** Repository-relative path, POSIX separators; a bundle member is written `path.tgz!member`. */
  file: string;
  line?: number;
  col?: number;
  /** JSON pointer into the YAML document, when the finding is about one value. */
  pointer?: string;
  message: string;
  tip?: string;
}

/** A location inside a file. */
export interface Location {
  line?: number;
  col?: number;
  pointer?: string;
}

/**
 * An error about the user's input (a file, a flag, a bundle) rather than a bug:
 * the CLI prints it as `file[:line] message` with its tip and exits 1, never with a stack.
 */
export class InputError extends Error {
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly tip: string | undefined;
  constructor(message: string, opts: { file?: string; line?: number; tip?: string } = {}) {
    super(message);
    this.name = 'InputError';
    this.file = opts.file;
    this.line = opts.line;
    this.tip = opts.tip;
  }
}

/** A command-line usage mistake (missing or unknown flag): the CLI exits 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** How a finding names a member of a bundle: `path.tgz!member`. */
export function memberFile(bundlePath: string, member: string): string {
  return `${bundlePath}!${member}`;
}

/** `path[:line[:col]]`, the prefix every reported finding starts with. */
export function formatPlace(f: { file: string; line?: number | undefined; col?: number | undefined }): string {
  let s = f.file;
  if (f.line !== undefined) {
    s += `:${f.line}`;
    if (f.col !== undefined) s += `:${f.col}`;
  }
  return s;
}

/** Stable order for findings: by file, line, column, then message. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    cmp(a.file, b.file) ||
    (a.line ?? 0) - (b.line ?? 0) ||
    (a.col ?? 0) - (b.col ?? 0) ||
    cmp(a.check, b.check) ||
    cmp(a.message, b.message)
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
