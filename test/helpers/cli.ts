// Run `drivercert` as tests need it, and make scratch repositories.
//
// drivercert() runs the CLI in this process: main(argv, io) with an Io of its own (captured
// standard output and error, the working directory, the environment with a pinned date, no
// terminal unless answers are typed), as the bin would run it but without a process to start.
// Tests run in parallel worker threads, so nothing here (or in the CLI) may chdir or touch
// process.env: each run gets its own cwd and env through the Io.
// drivercertBin() spawns the built bin (dist/cli/main.js): only for tests whose point is the
// process itself (the bin's wiring, exit codes as a shell sees them, preloads, signals, memory).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { main } from '../../scripts/cli/app.js';
import type { Io } from '../../scripts/cli/command.js';
import { printable } from '../../scripts/lib/terminal.js';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = join(ROOT, 'dist/cli/main.js');
export const REFERENCE = join(ROOT, 'reference');
export const TODAY = '2025-11-20';

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** The working directory (default: the repository's root). */
  cwd?: string;
  /** Added to this process's environment (DRIVERCERT_TODAY is pinned to TODAY unless given). */
  env?: Record<string, string>;
}

/** The environment a run gets: this process's, the date pinned, then the test's own. */
function runEnv(opts: RunOptions): NodeJS.ProcessEnv {
  return { ...process.env, DRIVERCERT_TODAY: TODAY, DRIVERCERT_JOBS: '1', ...opts.env };
}

/**
 * Run `drivercert ARGS` in this process (main() with a captured Io) and a pinned date; never
 * throws. `answers`: lines typed on a terminal — the run is interactive and pack reads them
 * (its questions and re-asks go to stderr); without them, there is no terminal.
 */
export async function drivercert(args: string[], opts: RunOptions & { answers?: string } = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    out: (s) => void (stdout += s),
    err: (s) => void (stderr += s),
    interactive: opts.answers !== undefined,
    cwd: opts.cwd ?? ROOT,
    env: runEnv(opts),
  };
  if (opts.answers !== undefined) {
    const output = new Writable({
      write(chunk: Buffer, _encoding, done) {
        stderr += chunk.toString('utf8');
        done();
      },
    });
    io.terminal = { input: Readable.from([opts.answers]), output };
  }
  try {
    return { code: await main(args, io), stdout, stderr };
  } catch (e) {
    // What the bin says when main() itself fails (scripts/cli/main.ts).
    stderr += printable(`drivercert: internal error: ${(e as Error).message}\n`);
    return { code: 1, stdout, stderr };
  }
}

/** Run the built bin `dist/cli/main.js` in a child process with a pinned date; never throws. */
export function drivercertBin(args: string[], opts: RunOptions = {}): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: opts.cwd ?? ROOT,
    env: runEnv(opts),
    encoding: 'utf8',
    input: '',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** True when output holds a JavaScript stack trace (what users must never see). */
export function hasStackTrace(text: string): boolean {
  return /\n\s+at .+[(:]\d+|node:internal|\bat async\b/.test(text);
}

const scratch: string[] = [];

/** Remove the temporary directories made so far (test/setup.ts does it after each test file). */
export function removeScratch(): void {
  for (const d of scratch.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** A temporary directory removed after the test file. */
export function tempDir(prefix = 'drivercert-'): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  scratch.push(d);
  return d;
}

/** A copy of the shipped repository data (drivers.yaml, results/) to break at will. */
export function copyShippedRepo(): string {
  const d = tempDir('drivercert-repo-');
  for (const f of ['drivers.yaml', 'results', 'MATRIX.md', '.github']) {
    try {
      cpSync(join(ROOT, f), join(d, f), { recursive: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }
  return d;
}

/** Parse a `--format json` run. */
export function json<T = Record<string, unknown>>(r: Run): T {
  try {
    return JSON.parse(r.stdout) as T;
  } catch {
    throw new Error(`stdout is not JSON (exit ${r.code}):\n${r.stdout}\n--- stderr ---\n${r.stderr}`);
  }
}
