// Interrupted writes: every command that writes files is run with each of its writes made
// to fail — a full disk (ENOSPC), a refused file or rename (EACCES), and a process killed
// halfway through writing — by the preload test/helpers/faults.mjs in the real process (the
// built bin in a child process; the runs around it, without a fault, run in this process).
// Each time: the command says what happened in words (exit 1, no stack trace), every
// file is either as it was or completely rewritten (a write before the failed one; for
// `pack`, whose bundle and result.yaml land together or not at all, every file is as it
// was), no temporary file is left (a kill leaves its own, which validate reports as a
// warning), no folder is left that was not there, and running the command again gives
// exactly what an uninterrupted run gives.
// A read that fails matters too: `registry import-support-matrix` must not take a drivers.yaml
// it cannot read for a missing one and start a registry over it.
//
// Adding a command is one entry of COMMANDS.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, lstatSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, copyShippedRepo, drivercert, tempDir } from '../helpers/cli.js';
import { replaceIn } from '../helpers/edit.js';
import { packLvmArgs } from '../helpers/pack-inputs.js';
import { editRegistry } from '../helpers/pr-repo.js';
import { FAULTS_PRELOAD, crashSigns, runCli, type ChildRun } from './spawn.js';

interface Write {
  /** The file, repository-relative. */
  file: string;
  /** What the command says once this write is done (checked when a later write fails). */
  done?: RegExp;
}

interface FaultCommand {
  name: string;
  args: string[];
  /** Make the shipped data need this command (so it has something to write). */
  prepare(repo: string): void;
  /** The files it writes, in the order it writes them. */
  writes: Write[];
  /** Its writes land together or not at all: after any failure every file is as it was (and a kill leaves the temporary files of the writes begun). */
  together?: boolean;
  /** What it must also say when a write fails. */
  says?: RegExp;
  /** The faults to run (default: all). */
  faults?: Fault['fault'][];
}

// pack's inputs: a cert log and a subunit stream of an lvm run (test/fixtures/formats/).
const PACK = packLvmArgs();
const LVM = 'results/2025.2/lvm';

const COMMANDS: FaultCommand[] = [
  {
    name: 'matrix',
    args: ['matrix'],
    prepare: (repo) => replaceIn(repo, 'drivers.yaml', 'vendor: Datera', 'vendor: Datera Inc'),
    writes: [{ file: 'MATRIX.md' }],
  },
  {
    name: 'codeowners',
    args: ['codeowners'],
    prepare: (repo) =>
      editRegistry(repo, (doc, index) => doc.setIn(['drivers', index('lvm'), 'maintainers'], ['alice'])),
    writes: [{ file: '.github/CODEOWNERS' }],
  },
  {
    name: 'cycle open',
    args: ['cycle', 'open', '2026.1', '--codename', 'gazpacho'],
    prepare: () => {},
    writes: [
      { file: 'results/2025.2/cycle.yaml', done: /closed cycle 2025\.2 on 2025-11-20/ },
      { file: 'results/2026.1/cycle.yaml', done: /opened cycle 2026\.1 on 2025-11-20/ },
      { file: 'MATRIX.md' },
    ],
  },
  {
    // The hard case: the shipped submission, replaced. An interrupted --force must leave the old pair whole.
    name: 'pack --force',
    args: [...PACK, '--force'],
    prepare: () => {},
    writes: [{ file: `${LVM}/lvm-2025.2.tgz` }, { file: `${LVM}/result.yaml` }],
    together: true,
    says: /^ {2}(result\.yaml|lvm-2025\.2\.tgz) is as it was before too: pack replaces both files or neither\.$/m,
  },
  {
    // A new submission: a failed pack leaves no folder behind.
    name: 'pack (a new submission)',
    args: PACK,
    prepare: (repo) => rmSync(join(repo, LVM), { recursive: true }),
    writes: [{ file: `${LVM}/lvm-2025.2.tgz` }, { file: `${LVM}/result.yaml` }],
    together: true,
    says: /^ {2}Nothing was written \(not even the folder results\/2025\.2\/lvm\/\): pack writes both files or neither\.$/m,
    faults: ['ENOSPC', 'stall'],
  },
];

interface Fault {
  name: string;
  fault: 'ENOSPC' | 'EACCES' | 'stall';
  at: 'open' | 'write' | 'rename' | 'read';
  /** What the command must say; undefined for a kill (the process cannot say anything). */
  says?: RegExp;
}

const FAULTS: Fault[] = [
  {
    name: 'the disk fills up while writing (ENOSPC)',
    fault: 'ENOSPC',
    at: 'write',
    says: /not written: no space left on the device/,
  },
  {
    name: 'the folder refuses the new file (EACCES)',
    fault: 'EACCES',
    at: 'open',
    says: /not written: permission denied/,
  },
  {
    name: 'the rename over the old file is refused (EACCES)',
    fault: 'EACCES',
    at: 'rename',
    says: /not written: permission denied/,
  },
  { name: 'the process is killed halfway through writing', fault: 'stall', at: 'write' },
];

const TEMP = /(^|\/)\.[^/]+\.\d+\.[0-9a-f]{8}\.tmp$/;

/** Every file under `root` (dot files included) with a hash of its content (or link target), and every folder (`path/`). */
function hashTree(root: string, dir = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const name of readdirSync(join(root, dir))) {
    const rel = dir ? `${dir}/${name}` : name;
    const st = lstatSync(join(root, rel));
    if (st.isDirectory()) {
      out.set(`${rel}/`, 'folder');
      for (const [k, v] of hashTree(root, rel)) out.set(k, v);
    } else if (st.isSymbolicLink()) out.set(rel, `link:${readlinkSync(join(root, rel))}`);
    else
      out.set(
        rel,
        createHash('sha256')
          .update(readFileSync(join(root, rel)))
          .digest('hex'),
      );
  }
  return out;
}

/** A scratch copy of a prepared repository. */
function copyOf(template: string): string {
  const dir = tempDir('drivercert-fault-');
  cpSync(template, dir, { recursive: true });
  return dir;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A pattern for the file `target` of `repo` and for its temporary files. */
function faultPattern(repo: string, target: string): string {
  const path = join(repo, target);
  return `^${escape(path)}$|^${escape(dirname(path))}/\\.${escape(basename(path))}\\.\\d+\\.[0-9a-f]{8}\\.tmp$`;
}

/** Run the command in `repo` (as a user does) with `fault` hitting `target`; a stall is killed from outside once it is reached. */
async function runFaulted(
  cmd: FaultCommand,
  repo: string,
  fault: Fault,
  target: string,
): Promise<{ run: ChildRun; fired: string }> {
  const log = join(tempDir('drivercert-faultlog-'), 'log');
  const run = await runCli(cmd.args, {
    cwd: repo,
    preload: [FAULTS_PRELOAD],
    measure: false,
    timeoutMs: 20_000,
    env: {
      DRIVERCERT_FAULT: fault.fault,
      DRIVERCERT_FAULT_AT: fault.at,
      DRIVERCERT_FAULT_PATH: faultPattern(repo, target),
      DRIVERCERT_FAULT_LOG: log,
    },
    onStderr: (text) => {
      const m = /drivercert-fault: stalled writing .* \(pid (\d+)\)/.exec(text);
      if (m) process.kill(Number(m[1]), 'SIGKILL');
    },
  });
  return { run, fired: existsSync(log) ? readFileSync(log, 'utf8') : '' };
}

for (const cmd of COMMANDS) {
  // Concurrent: every test works on its own copy, in child processes.
  describe.concurrent(`drivercert ${cmd.name}, interrupted`, () => {
    let template: string;
    let before: Map<string, string>;
    let clean: Map<string, string>;
    beforeAll(async () => {
      template = copyShippedRepo();
      cmd.prepare(template);
      before = hashTree(template);
      // What an uninterrupted run gives: the reference for "complete" and for the re-run.
      const ref = copyOf(template);
      const r = await drivercert(cmd.args, { cwd: ref });
      expect(r.code, r.stderr).toBe(0);
      clean = hashTree(ref);
      for (const w of cmd.writes)
        expect(clean.get(w.file), `${cmd.name} does not write ${w.file}`).not.toBe(before.get(w.file));
    });

    cmd.writes.forEach((w, i) => {
      for (const fault of FAULTS.filter((f) => !cmd.faults || cmd.faults.includes(f.fault))) {
        it(`${w.file}: ${fault.name}`, async () => {
          const repo = copyOf(template);
          const { run, fired } = await runFaulted(cmd, repo, fault, w.file);
          const output = run.stdout + run.stderr;
          // The fault really hit this file, through the functions drivercert calls.
          expect(fired, `the fault never fired:\n${output}`).toMatch(new RegExp(escape(w.file.split('/').pop()!)));
          if (fault.says) {
            expect(run.code, output).toBe(1);
            expect(run.stderr).toMatch(
              new RegExp(`^${escape(w.file)}: ${fault.says.source}\\. The file is as it was before`, 'm'),
            );
            expect(run.stderr).toMatch(/tip: .*run the same command again/);
            if (cmd.says) expect(run.stderr).toMatch(cmd.says);
            for (const earlier of cmd.together ? [] : cmd.writes.slice(0, i))
              if (earlier.done) expect(run.stderr).toMatch(earlier.done);
            expect(crashSigns(output)).toEqual([]);
          } else {
            expect(run.signal).toBe('SIGKILL');
          }
          // Earlier writes are complete (none, for writes that land together), this one and later ones did not happen, nothing else moved.
          const after = hashTree(repo);
          const earlier = new Set(cmd.together ? [] : cmd.writes.slice(0, i).map((e) => e.file));
          const temps = [...after.keys()].filter((f) => TEMP.test(f));
          // A kill may leave the folder that holds its temporary files.
          const leftover = (f: string) =>
            TEMP.test(f) ||
            (!fault.says &&
              f.endsWith('/') &&
              temps.some((t) => t.startsWith(f)) &&
              ![...after.keys()].some((k) => k.startsWith(f) && k !== f && !TEMP.test(k)));
          const done = (f: string) => earlier.has(f) || (f.endsWith('/') && [...earlier].some((e) => e.startsWith(f)));
          for (const [file, hash] of after) {
            if (leftover(file)) continue;
            expect(hash, `${file} changed`).toBe(done(file) ? clean.get(file) : before.get(file));
          }
          for (const file of before.keys()) expect(after.has(file), `${file} disappeared`).toBe(true);
          if (fault.says) expect(temps, 'temporary files left behind').toEqual([]);
          else {
            // One temporary file per write begun: this one (and, for writes that land together, the earlier ones).
            const begun = cmd.together ? cmd.writes.slice(0, i + 1) : [w];
            expect(temps).toHaveLength(begun.length);
            // validate tells about each leftover, as a warning.
            const v = await drivercert(['validate', '--repo', repo]);
            for (const b of begun) {
              const t = temps.find((x) =>
                x.startsWith(`${dirname(b.file) === '.' ? '' : `${dirname(b.file)}/`}.${basename(b.file)}.`),
              );
              expect(t, `no temporary file of ${b.file} in ${temps.join(', ')}`).toBeDefined();
              expect(v.stdout).toMatch(
                new RegExp(`${escape(t!)} a temporary file left by an interrupted write of ${escape(b.file)}`),
              );
            }
            expect(v.stdout).toMatch(
              new RegExp(
                `! no temporary file is left from an interrupted write \\[stale-temp-files\\] \\(${begun.length} warnings?\\)`,
              ),
            );
          }
          // Running it again completes the job: the same files as an uninterrupted run, no leftovers.
          const again = await drivercert(cmd.args, { cwd: repo });
          expect(again.code, again.stderr).toBe(0);
          expect(Object.fromEntries(hashTree(repo))).toEqual(Object.fromEntries(clean));
          rmSync(repo, { recursive: true, force: true });
        });
      }
    });
  });
}

describe('drivercert registry import-support-matrix, with a drivers.yaml it cannot read', () => {
  it('refuses, naming drivers.yaml, and leaves it as it was (never starts a registry over one)', async () => {
    const repo = copyShippedRepo();
    const registry = join(repo, 'drivers.yaml');
    const before = readFileSync(registry, 'utf8');
    const { run, fired } = await runFaulted(
      {
        name: 'registry import-support-matrix',
        args: ['registry', 'import-support-matrix', join(ROOT, 'reference/cinder-support-matrix.ini')],
        prepare: () => {},
        writes: [],
      },
      repo,
      { name: 'drivers.yaml unreadable', fault: 'EACCES', at: 'read' },
      'drivers.yaml',
    );
    expect(fired).toMatch(/^EACCES at open for reading of .*drivers\.yaml$/m);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('drivers.yaml cannot read drivers.yaml (permission denied); nothing was imported');
    expect(run.stderr).toContain('tip: Make drivers.yaml a readable file and run the import again');
    expect(crashSigns(run.stderr)).toEqual([]);
    expect(readFileSync(registry, 'utf8')).toBe(before);
    expect(readdirSync(repo).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
