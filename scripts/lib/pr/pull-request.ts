// What a pull request changes, read with git: the changed paths against the base, which
// of them lie in a results/<cycle>/<driver>/ folder, whether the pull request is a
// submission or maintenance, and the base branch's drivers.yaml and cycles (so nothing
// the pull request itself changes can vouch for it).
import { isDeepStrictEqual } from 'node:util';
import type { Cycle, Registry, Result } from '../model.js';
import { CYCLE_FILE, REGISTRY_FILE, RESULT_FILE, RESULTS_DIR, parseLoadedFile } from '../repo.js';
import { parseYamlSource } from '../yaml-source.js';
import { cycleRoles } from '../cycles/roles.js';
import {
  blobSize,
  committedAttribute,
  diffTrees,
  headCommit,
  listTreeAt,
  mergeBase,
  readBlob,
  readFileAt,
  requireGitRoot,
  resolveCommit,
  uncommittedPaths,
  type Change,
  type WorkTree,
} from '../git.js';

/** A results/<cycle>/<driver>/ folder. */
export interface DriverFolder {
  /** `results/<cycle>/<driver>` (no trailing slash). */
  path: string;
  cycle: string;
  driver: string;
}

/** A driver folder and the pull request's changes inside it. */
export interface FolderChanges {
  folder: DriverFolder;
  changes: Change[];
}

/** The base branch as the rules read it. */
export interface BaseState {
  /** drivers.yaml on the base branch, when it is there and valid. */
  registry: Registry | undefined;
  /** Valid cycle.yaml files on the base branch, by cycle name. */
  cycles: Map<string, Cycle>;
  /** The base branch's open cycle, as `cycleRoles` decides it. */
  openCycle: Cycle | undefined;
}

export type PullRequestKind = 'submission' | 'maintenance' | 'empty';

/** Everything the pull-request rules read. */
export interface PullRequest {
  root: string;
  /** The base as the user named it (e.g. origin/main). */
  ref: string;
  /** The commit `ref` names: drivers.yaml and the cycles are read here. */
  refCommit: string;
  /** The merge base of `ref` and HEAD: the changes are counted from here. */
  mergeBase: string;
  head: string;
  /** The pull request's author (a GitHub login), when given. */
  author: string | undefined;
  /** Every changed path (renames are a deletion plus an addition). */
  changes: Change[];
  kind: PullRequestKind;
  /** For a submission: the folder it submits (the one the other rules measure against). */
  folder: DriverFolder | undefined;
  /** Driver folders with changes other than withdrawals, sorted by path. */
  folders: FolderChanges[];
  /** Changes that only add (or amend) `withdrawn:` in a merged result.yaml. */
  withdrawals: Change[];
  /** Changes outside every driver folder. */
  outside: Change[];
  base: BaseState;
  /** Paths with uncommitted changes in the working tree. */
  uncommitted: string[];
  /** The contents of a blob of either side. */
  blob(oid: string): Buffer | undefined;
  /** The size of a blob of either side, without reading it. */
  blobSize(oid: string): number | undefined;
  /** An attribute of paths as the head commit's own .gitattributes set it (never local configuration). */
  headAttribute(attr: string, paths: readonly string[]): Map<string, string>;
}

export interface ReadOptions {
  ref: string;
  author?: string | undefined;
  /** The environment git runs with (the CLI's, so PATH finds git). */
  env: NodeJS.ProcessEnv;
}

/** Read what the pull request checked out at `root` changes against `ref`. */
export function readPullRequest(root: string, opts: ReadOptions): PullRequest {
  const tree: WorkTree = { root, env: opts.env };
  requireGitRoot(tree);
  const head = headCommit(tree);
  const refCommit = resolveCommit(tree, opts.ref);
  const base = mergeBase(tree, refCommit, head, [opts.ref, 'HEAD']);
  const changes = diffTrees(tree, base, head);
  const blob = (oid: string) => readBlob(tree, oid);
  const byFolder = new Map<string, FolderChanges>();
  const withdrawals: Change[] = [];
  const outside: Change[] = [];
  for (const c of changes) {
    const folder = driverFolderOf(c.path);
    if (!folder) {
      outside.push(c);
      continue;
    }
    if (isWithdrawal(c, blob)) {
      withdrawals.push(c);
      continue;
    }
    const entry = byFolder.get(folder.path) ?? { folder, changes: [] };
    entry.changes.push(c);
    byFolder.set(folder.path, entry);
  }
  const folders = [...byFolder.values()].sort((a, b) => (a.folder.path < b.folder.path ? -1 : 1));
  const baseState = readBaseState(tree, refCommit);
  const kind: PullRequestKind = folders.length > 0 ? 'submission' : changes.length > 0 ? 'maintenance' : 'empty';
  return {
    root,
    ref: opts.ref,
    refCommit,
    mergeBase: base,
    head,
    author: opts.author,
    changes,
    kind,
    folder: kind === 'submission' ? chooseFolder(folders, baseState, opts.author) : undefined,
    folders,
    withdrawals,
    outside,
    base: baseState,
    uncommitted: uncommittedPaths(tree),
    blob,
    blobSize: (oid) => blobSize(tree, oid),
    headAttribute: (attr, paths) => committedAttribute(tree, head, attr, paths),
  };
}

/** The driver folder a path lies in (`results/<cycle>/<driver>/…`), if any. */
function driverFolderOf(path: string): DriverFolder | undefined {
  const parts = path.split('/');
  if (parts.length < 4 || parts[0] !== RESULTS_DIR) return undefined;
  const [, cycle, driver] = parts as [string, string, string];
  return { path: `${RESULTS_DIR}/${cycle}/${driver}`, cycle, driver };
}

/** The path of a change relative to its driver folder (`result.yaml`, `logs/x`). */
export function nameInFolder(path: string): string {
  return path.split('/').slice(3).join('/');
}

/**
 * The folder a submission submits: the one that gains a result.yaml, else the one
 * whose driver the author maintains, else the one in the open cycle, else the first.
 */
function chooseFolder(folders: FolderChanges[], base: BaseState, author: string | undefined): DriverFolder | undefined {
  const pick = (list: FolderChanges[]) => (list.length === 1 ? list[0]!.folder : undefined);
  const addsResult = folders.filter((f) =>
    f.changes.some((c) => c.status === 'added' && nameInFolder(c.path) === RESULT_FILE),
  );
  const maintained = author
    ? folders.filter((f) => maintainersOf(base, f.folder.driver).some((m) => sameLogin(m, author)))
    : [];
  const open = folders.filter((f) => f.folder.cycle === base.openCycle?.name);
  return pick(addsResult) ?? pick(maintained) ?? pick(open) ?? folders[0]?.folder;
}

/** A driver's maintainers as the base branch's drivers.yaml lists them. */
function maintainersOf(base: BaseState, driver: string): string[] {
  return base.registry?.drivers.find((d) => d.id === driver)?.maintainers ?? [];
}

/** GitHub logins compare without regard to case. */
export function sameLogin(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** drivers.yaml and every cycle as they are on the base branch (invalid files are left out). */
function readBaseState(tree: WorkTree, commit: string): BaseState {
  const regText = readFileAt(tree, commit, REGISTRY_FILE);
  const registry =
    regText === undefined ? undefined : parseLoadedFile<Registry>(REGISTRY_FILE, regText, 'drivers').data;
  const cycles = new Map<string, Cycle>();
  for (const e of listTreeAt(tree, commit, RESULTS_DIR)) {
    if (e.type !== 'tree') continue;
    const path = `${RESULTS_DIR}/${e.name}/${CYCLE_FILE}`;
    const text = readFileAt(tree, commit, path);
    const data = text === undefined ? undefined : parseLoadedFile<Cycle>(path, text, 'cycle').data;
    if (data) cycles.set(e.name, data);
  }
  return { registry, cycles, openCycle: cycleRoles([...cycles.values()]).current };
}

/**
 * A withdrawal (of a change inside a driver folder): a merged result.yaml, still a plain
 * file, whose data differs from the base only by a `withdrawn:` entry that the head has.
 */
function isWithdrawal(c: Change, blob: (oid: string) => Buffer | undefined): boolean {
  if (c.status !== 'modified' || !c.before || !c.after) return false;
  if (c.before.type !== 'file' || c.after.type !== 'file') return false;
  if (nameInFolder(c.path) !== RESULT_FILE) return false;
  const before = yamlData(blob(c.before.oid));
  const after = yamlData(blob(c.after.oid));
  if (!isRecord(before) || !isRecord(after) || !isRecord(after.withdrawn)) return false;
  const { withdrawn: _was, ...restBefore } = before as Partial<Result> & Record<string, unknown>;
  const { withdrawn: _now, ...restAfter } = after as Partial<Result> & Record<string, unknown>;
  return isDeepStrictEqual(restBefore, restAfter);
}

function yamlData(buf: Buffer | undefined): unknown {
  if (!buf) return undefined;
  const src = parseYamlSource('result.yaml', buf.toString('utf8'));
  return src.errors.length ? undefined : src.data;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
