// External tools a test compares against or drives (python-subunit, git-lfs, Chromium, GNU tar,
// python3's tarfile…): probed once per file, and what happens when one is missing.
//
//   const lfs = needTool('git-lfs', () => cannotRun('git', ['lfs', 'version']));
//   describe.skipIf(lfs.skip)(`pushing a bundle through git-lfs${lfs.note}`, () => { … });
//   // or one test: it.skipIf(lfs.skip)(`…${lfs.note}`, …)
//
// Outside CI a missing tool skips its tests and says why: the reason is in the skipped tests'
// names (`… [skipped: git-lfs: git: 'lfs' is not a git command]`, shown by `--reporter=verbose`)
// and printed once on standard error, which vitest shows under the file's name. In CI
// (CI=true; .ci/run installs every tool) a missing tool is an error: the file fails to load,
// naming the tool and why, so a cross-check never passes by not running.
import { spawnSync } from 'node:child_process';

export interface ToolCheck {
  /** The tool, as the tests name it. */
  name: string;
  /** Why it cannot be used here; undefined when it can. */
  missing: string | undefined;
  /** True when its tests are to be skipped (missing, outside CI). */
  skip: boolean;
  /** ` [skipped: NAME: WHY]` to end a skipped test's or suite's name with; '' when the tool is there. */
  note: string;
}

/** Whether this run is CI's, where every tool must be present. */
export function inCi(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.CI !== undefined && env.CI !== '' && env.CI !== 'false' && env.CI !== '0';
}

/** Probe for a tool (`probe` says why it cannot be used, or undefined); skip outside CI, fail in CI. */
export function needTool(name: string, probe: () => string | undefined, env = process.env): ToolCheck {
  const missing = probe();
  if (missing === undefined) return { name, missing, skip: false, note: '' };
  if (inCi(env)) throw new Error(`${name} is needed in CI, and it cannot be used: ${missing}`);
  console.warn(`skipping the tests that need ${name}: ${missing}`);
  return { name, missing, skip: true, note: ` [skipped: ${name}: ${missing}]` };
}

/** Why `cmd ARGS` cannot run here (not installed, or it fails), or undefined when it exits 0. */
export function cannotRun(cmd: string, args: readonly string[] = ['--version']): string | undefined {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 30_000 });
  if ((r.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') return `${cmd} is not installed (not on PATH)`;
  if (r.error) return `${cmd} cannot run: ${r.error.message}`;
  if (r.status === 0) return undefined;
  const said = (r.stderr || r.stdout).trim().split('\n')[0];
  return `\`${[cmd, ...args].join(' ')}\` failed (exit ${r.status ?? r.signal})${said ? `: ${said}` : ''}`;
}
