// Reading a git repository: commits, the raw difference between two trees, and blobs.
// git is always spawned with an argument array (never through a shell), and every
// failure the user can cause becomes an InputError or a UsageError with a tip.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { devNull, tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError, UsageError } from './findings.js';

/** What a tree entry is, from its git mode. */
export type EntryType = 'file' | 'executable' | 'symlink' | 'submodule' | 'other';

/** One side of a changed path. */
export interface TreeEntry {
  mode: string;
  type: EntryType;
  /** The blob (or, for a submodule, commit) id. */
  oid: string;
}

/** One path the difference touches; renames are a deletion plus an addition. */
export interface Change {
  path: string;
  status: 'added' | 'deleted' | 'modified' | 'typechanged';
  /** The entry in the base tree (undefined when added). */
  before: TreeEntry | undefined;
  /** The entry in the head tree (undefined when deleted). */
  after: TreeEntry | undefined;
}

/** A work tree, and the environment git runs with there (its PATH is where git is found). */
export interface WorkTree {
  root: string;
  env: NodeJS.ProcessEnv;
}

const NULL_MODE = '000000';

/** What to do when the history git needs is not in the clone. */
const FETCH_HISTORY_TIP =
  'Fetch the full history: `git fetch --unshallow origin` (in GitHub Actions, actions/checkout with `fetch-depth: 0`).';

/** The type of entry a git mode stands for. */
function entryType(mode: string): EntryType {
  switch (mode) {
    case '100644':
      return 'file';
    case '100755':
      return 'executable';
    case '120000':
      return 'symlink';
    case '160000':
      return 'submodule';
    default:
      return 'other';
  }
}

interface GitRun {
  status: number;
  stdout: Buffer;
  stderr: string;
}

/** Run git in the work tree with fixed, safe options; never throws for a non-zero exit. */
function runGit(tree: WorkTree, args: string[], env: Record<string, string> = {}): GitRun {
  const r = spawnSync('git', ['-c', 'core.quotePath=false', '-c', 'diff.renames=false', '--no-pager', ...args], {
    cwd: tree.root,
    env: { ...tree.env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C', ...env },
    maxBuffer: 256 * 1024 * 1024,
    windowsHide: true,
  });
  if (r.error) {
    const code = (r.error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      throw new InputError('git is not installed (or not on PATH)', {
        tip: '--changed-since compares commits with git: install git and run again.',
      });
    throw new InputError(`cannot run git: ${r.error.message}`, {
      tip: 'Check that `git --version` works in this shell, then run again.',
    });
  }
  return { status: r.status ?? 1, stdout: r.stdout, stderr: r.stderr.toString('utf8') };
}

/** Run git and return its standard output, or throw an InputError naming what failed. */
function gitOut(tree: WorkTree, args: string[], what: string): string {
  const r = runGit(tree, args);
  if (r.status !== 0) {
    throw new InputError(`git failed to ${what}: ${firstLine(r.stderr)}`, {
      tip:
        'The clone may be missing objects: `git fetch origin` (with --unshallow in a shallow clone; ' +
        'in GitHub Actions, actions/checkout with `fetch-depth: 0`), then run again.',
    });
  }
  return r.stdout.toString('utf8');
}

/** Check that the tree's root is the top of a git work tree (the repository's own root). */
export function requireGitRoot(tree: WorkTree): void {
  const { root } = tree;
  const r = runGit(tree, ['rev-parse', '--show-toplevel']);
  if (r.status !== 0) {
    if (r.stderr.includes('dubious ownership')) {
      throw new InputError(
        `git refuses to read ${root}: the folder belongs to another user than the one running drivercert`,
        {
          tip:
            'If you trust this clone, tell git so and run again: ' +
            `\`git config --global --add safe.directory ${realpath(root)}\`.`,
        },
      );
    }
    throw new InputError(`${root} is not a git repository`, {
      tip:
        '--changed-since compares commits: run it in a clone of the repository (git clone …), ' +
        'or drop --changed-since to validate the files as they are.',
    });
  }
  const top = r.stdout.toString('utf8').trim();
  if (realpath(top) !== realpath(root)) {
    throw new InputError(`${root} is inside the git repository ${top}, not at its top`, {
      tip: 'Pass the top of the repository (the folder holding drivers.yaml and .git) as --repo.',
    });
  }
}

/** Resolve a revision the user named to a commit id; a name git does not know is a usage error. */
export function resolveCommit(tree: WorkTree, ref: string, flag = '--changed-since'): string {
  if (ref === '' || ref.startsWith('-') || /[\0\n]/.test(ref))
    throw new UsageError(`${flag} needs a branch, tag or commit, got "${ref}"`);
  const r = runGit(tree, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  if (r.status === 0) return r.stdout.toString('utf8').trim();
  if (isShallow(tree)) {
    throw new InputError(
      `${flag} ${ref}: the commit is not in this clone, which is shallow (only part of the history was fetched)`,
      { tip: FETCH_HISTORY_TIP },
    );
  }
  throw new UsageError(
    `${flag} ${ref}: no such branch, tag or commit in this repository ` +
      '(try `git fetch origin`, and name the base as origin/main)',
  );
}

/** The commit HEAD points at. */
export function headCommit(tree: WorkTree): string {
  const r = runGit(tree, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']);
  if (r.status !== 0)
    throw new InputError('the repository has no commits yet (HEAD names no commit)', {
      tip: 'Commit your changes first: `git add … && git commit`.',
    });
  return r.stdout.toString('utf8').trim();
}

/** The best common ancestor of two commits, with clear errors for shallow or unrelated histories. */
export function mergeBase(tree: WorkTree, a: string, b: string, names: [string, string]): string {
  const r = runGit(tree, ['merge-base', a, b]);
  if (r.status === 0) return r.stdout.toString('utf8').trim().split('\n')[0]!;
  if (isShallow(tree)) {
    throw new InputError(`${names[0]} and ${names[1]} have no common commit in this clone, which is shallow`, {
      tip: FETCH_HISTORY_TIP,
    });
  }
  throw new InputError(`${names[0]} and ${names[1]} share no history`, {
    tip: `Branch your work from ${names[0]} (git switch -c my-submission ${names[0]}).`,
  });
}

/** Whether this clone is shallow. */
function isShallow(tree: WorkTree): boolean {
  const r = runGit(tree, ['rev-parse', '--is-shallow-repository']);
  return r.status === 0 && r.stdout.toString('utf8').trim() === 'true';
}

/**
 * Every path that differs between two commits, renames reported as deletion + addition
 * (so nothing escapes a rule by moving), with both sides' modes and object ids.
 */
export function diffTrees(tree: WorkTree, base: string, head: string): Change[] {
  const out = gitOut(
    tree,
    ['diff-tree', '-r', '-z', '--raw', '--no-renames', '--no-abbrev', '--ignore-submodules=none', base, head],
    'compare the commits',
  );
  return parseRawDiff(out);
}

/** Parse `git diff --raw -z` output (without renames). */
function parseRawDiff(out: string): Change[] {
  const fields = out.split('\0');
  const changes: Change[] = [];
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const meta = fields[i]!;
    const path = fields[i + 1]!;
    const m = /^:(\d{6}) (\d{6}) ([0-9a-f]+) ([0-9a-f]+) ([A-Z])\d*$/.exec(meta);
    if (!m) {
      throw new InputError(`unexpected output from git diff-tree: ${JSON.stringify(meta.slice(0, 80))}`, {
        tip: 'drivercert does not understand this git: please report it with the output of `git --version`.',
      });
    }
    const [, oldMode, newMode, oldOid, newOid, letter] = m as unknown as [
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    const before = oldMode === NULL_MODE ? undefined : { mode: oldMode, type: entryType(oldMode), oid: oldOid };
    const after = newMode === NULL_MODE ? undefined : { mode: newMode, type: entryType(newMode), oid: newOid };
    const status = letter === 'A' ? 'added' : letter === 'D' ? 'deleted' : letter === 'T' ? 'typechanged' : 'modified';
    changes.push({ path, status, before, after });
  }
  return changes;
}

/** The contents of a blob (undefined when it does not exist). */
export function readBlob(tree: WorkTree, oid: string): Buffer | undefined {
  const r = runGit(tree, ['cat-file', 'blob', oid]);
  return r.status === 0 ? r.stdout : undefined;
}

/** The size of a blob in bytes, read without reading the blob (undefined when it does not exist). */
export function blobSize(tree: WorkTree, oid: string): number | undefined {
  const r = runGit(tree, ['cat-file', '-s', oid]);
  return r.status === 0 ? Number(r.stdout.toString('utf8').trim()) : undefined;
}

/**
 * The value of attribute `attr` for each path as the .gitattributes files committed in
 * `commit` set it, and nothing else: not the work tree's, not $GIT_DIR/info/attributes, not
 * the user's or the system's attributes file. git reads them through an empty repository of
 * its own that borrows this one's objects (git 2.39 has no `check-attr --source`).
 */
export function committedAttribute(
  tree: WorkTree,
  commit: string,
  attr: string,
  paths: readonly string[],
): Map<string, string> {
  const out = new Map<string, string>();
  if (paths.length === 0) return out;
  const objects = gitOut(tree, ['rev-parse', '--path-format=absolute', '--git-path', 'objects'], 'find its objects');
  const scratch = mkdtempSync(join(tmpdir(), 'drivercert-attr-'));
  try {
    const gitDir = join(scratch, 'git');
    const env = {
      GIT_ALTERNATE_OBJECT_DIRECTORIES: objects.trim(),
      GIT_INDEX_FILE: join(scratch, 'index'),
      GIT_ATTR_NOSYSTEM: '1',
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: devNull,
    };
    const bare = { ...tree, root: scratch };
    const steps = [
      ['init', '-q', '--bare', gitDir],
      [`--git-dir=${gitDir}`, 'read-tree', commit],
      [`--git-dir=${gitDir}`, '-c', `core.attributesFile=${devNull}`, 'check-attr', '--cached', '-z', attr, '--'],
    ];
    let r: GitRun | undefined;
    for (const [i, step] of steps.entries()) {
      r = runGit(bare, i === 2 ? [...step, ...paths] : step, env);
      if (r.status !== 0)
        throw new InputError(`git failed to read .gitattributes of ${commit.slice(0, 12)}: ${firstLine(r.stderr)}`);
    }
    const fields = r!.stdout.toString('utf8').split('\0');
    for (let i = 0; i + 2 < fields.length; i += 3) out.set(fields[i]!, fields[i + 2]!);
    return out;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** The tree entry at `path` in a commit (undefined when the path does not exist there). */
function entryAt(tree: WorkTree, commit: string, path: string): TreeEntry | undefined {
  const r = runGit(tree, ['ls-tree', '-z', '--full-tree', commit, '--', path]);
  if (r.status !== 0) return undefined;
  const line = r.stdout.toString('utf8').split('\0')[0] ?? '';
  const m = /^(\d{6}) \w+ ([0-9a-f]+)\t(.*)$/s.exec(line);
  if (!m || m[3] !== path) return undefined;
  return { mode: m[1]!, type: entryType(m[1]!), oid: m[2]! };
}

/** A text file as it is in a commit (undefined when it is not a plain file there). */
export function readFileAt(tree: WorkTree, commit: string, path: string): string | undefined {
  const e = entryAt(tree, commit, path);
  if (!e || (e.type !== 'file' && e.type !== 'executable')) return undefined;
  return readBlob(tree, e.oid)?.toString('utf8');
}

/** The names directly inside a folder of a commit. */
export function listTreeAt(
  tree: WorkTree,
  commit: string,
  folder: string,
): { name: string; type: EntryType | 'tree' }[] {
  const prefix = folder.replace(/\/*$/, '/');
  const r = runGit(tree, ['ls-tree', '-z', '--full-tree', commit, '--', prefix]);
  if (r.status !== 0) return [];
  const out: { name: string; type: EntryType | 'tree' }[] = [];
  for (const line of r.stdout.toString('utf8').split('\0')) {
    const m = /^(\d{6}) (\w+) [0-9a-f]+\t(.*)$/s.exec(line);
    if (!m) continue;
    const name = m[3]!.slice(prefix.length);
    out.push({ name, type: m[2] === 'tree' ? 'tree' : entryType(m[1]!) });
  }
  return out;
}

/** Paths with uncommitted changes (tracked or untracked, ignored files excluded). */
export function uncommittedPaths(tree: WorkTree): string[] {
  const r = runGit(tree, ['status', '--porcelain=v1', '-z', '--untracked-files=all', '--ignore-submodules=none']);
  if (r.status !== 0) return [];
  const parts = r.stdout.toString('utf8').split('\0');
  const paths: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    if (p.length < 4) continue;
    paths.push(p.slice(3));
    if (p[0] === 'R' || p[0] === 'C') i++; // the original path follows
  }
  return paths;
}

function realpath(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}

function firstLine(s: string): string {
  return s.trim().split('\n')[0] ?? '';
}
