// The shape of a CLI command and the argument parsing they share.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { isAbsolute, resolve } from 'node:path';
import { UsageError } from '../lib/findings.js';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

/**
 * Everything a command may use of its process, injected so that main() runs the same in the bin
 * and inside a test: no command reads process.env, process.cwd() or process.stdin itself.
 */
export interface Io {
  out(s: string): void;
  err(s: string): void;
  /** True when standard input and output are a terminal (pack may ask questions). */
  interactive: boolean;
  /** The working directory: --repo and every relative path a user gives are relative to it. */
  cwd: string;
  env: NodeJS.ProcessEnv;
  /**
   * The terminal pack asks its questions on, when interactive: standard input, and the stream the
   * questions go to (written raw: readline moves the cursor). Absent: every answer ends at once.
   */
  terminal?: { input: NodeJS.ReadableStream; output: NodeJS.WritableStream };
}

export interface Parsed {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

/** One `drivercert` command (or sub-command such as `cycle open`). */
export interface Command {
  name: string;
  /** The full --help text. */
  help: string;
  options: OptionSpec;
  /** How many positional arguments it takes. */
  positionals: { min: number; max: number; name: string };
  run(args: Parsed, io: Io): Promise<number>;
}

/** Options every command accepts. */
export const COMMON_OPTIONS: OptionSpec = {
  repo: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

/** Parse a command's arguments; unknown flags and wrong arity are usage errors (exit 2). */
export function parseCommandArgs(cmd: Command, argv: string[]): Parsed {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { ...COMMON_OPTIONS, ...cmd.options },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    throw new UsageError(cleanParseError((e as Error).message));
  }
  const values = parsed.values as Parsed['values'];
  if (!values.help) {
    const n = parsed.positionals.length;
    if (n < cmd.positionals.min) throw new UsageError(`missing ${cmd.positionals.name}`);
    if (n > cmd.positionals.max)
      throw new UsageError(`unexpected argument "${parsed.positionals[cmd.positionals.max]}"`);
  }
  return { values, positionals: parsed.positionals };
}

function cleanParseError(message: string): string {
  return message
    .replace(/\. To specify a positional argument starting with a '-'.*$/s, '')
    .replace(/^Unknown option/, 'unknown option');
}

/** The repository root: --repo, or the working directory. */
export function repoRoot(args: Parsed, io: Io): string {
  const r = args.values.repo;
  return resolve(io.cwd, typeof r === 'string' ? r : '.');
}

/**
 * A file the user named, as this process opens it: relative to io.cwd. It stays as typed when
 * io.cwd is the process's own working directory (the bin), so messages name it as the user wrote it.
 */
export function userPath(io: Io, p: string): string {
  if (isAbsolute(p)) return p;
  const abs = resolve(io.cwd, p);
  return abs === resolve(p) ? p : abs;
}

/** A string option's value, or undefined. */
export function str(args: Parsed, name: string): string | undefined {
  const v = args.values[name];
  return typeof v === 'string' ? v : undefined;
}

/** A file option's value as this process opens it (see userPath), or undefined. */
export function pathOption(args: Parsed, io: Io, name: string): string | undefined {
  const v = str(args, name);
  return v === undefined ? undefined : userPath(io, v);
}

/** One of a fixed set of values for an option (usage error otherwise). */
export function choice<T extends string>(args: Parsed, name: string, allowed: readonly T[], fallback: T): T {
  const v = str(args, name);
  if (v === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(v))
    throw new UsageError(`--${name} must be one of ${allowed.join(', ')}, got "${v}"`);
  return v as T;
}
