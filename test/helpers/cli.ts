// Run the built `drivercert` binary the way users do, and make scratch repositories.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = join(ROOT, 'dist/cli/main.js');
export const REFERENCE = join(ROOT, 'reference');
export const TODAY = '2025-11-20';

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run `drivercert ARGS` with a pinned date; never throws. */
export function drivercert(
  args: string[],
  opts: { cwd?: string; env?: Record<string, string>; input?: string } = {},
): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: opts.cwd ?? ROOT,
    env: { ...process.env, DRIVERCERT_TODAY: TODAY, ...opts.env },
    encoding: 'utf8',
    input: opts.input ?? '',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** True when output holds a JavaScript stack trace (what users must never see). */
export function hasStackTrace(text: string): boolean {
  return /\n\s+at .+[(:]\d+|node:internal|\bat async\b/.test(text);
}

const scratch: string[] = [];
afterAll(() => {
  for (const d of scratch.splice(0)) rmSync(d, { recursive: true, force: true });
});

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
