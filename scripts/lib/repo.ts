// Reading the repository: drivers.yaml, every results/<cycle>/cycle.yaml and every
// submission folder, each YAML file kept with its source so findings can name lines. The one
// reader: validate, the matrix, `missing`, codeowners, the cycle commands, pack and the
// reviewer's report all start here (repoModel in repo-model.ts takes the valid data out).
import { lstatSync, readdirSync, readFileSync, readlinkSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import type { Cycle, Registry, Result } from './model.js';
import { schemaFindings, type SchemaName } from './schema.js';
import { MAX_YAML_BYTES, parseYamlSource, type YamlSource } from './yaml-source.js';
import type { Finding } from './findings.js';
import { isTempFile } from './atomic.js';
import { cycleRoles } from './cycles/roles.js';

export const REGISTRY_FILE = 'drivers.yaml';
export const RESULTS_DIR = 'results';
export const CYCLE_FILE = 'cycle.yaml';
export const RESULT_FILE = 'result.yaml';
/** The rule of the YAML problems the loader finds (the schema's are SCHEMA_RULE). */
export const YAML_RULE = 'yaml-syntax';

/** One YAML file of the repository; `data` is set only when it parsed and matched its schema. */
export interface LoadedFile<T> {
  path: string;
  source: YamlSource;
  data: T | undefined;
  /** YAML and schema problems found while loading. */
  problems: Finding[];
}

/** A results/<cycle>/<driver>/ folder and what it holds. */
export interface SubmissionDir {
  cycle: string;
  driver: string;
  path: string;
  /** Entries directly inside the folder (name, and what kind of entry it is). */
  entries: { name: string; kind: EntryKind }[];
  result: LoadedFile<Result> | undefined;
}

/** A results/<cycle>/ folder. */
export interface CycleDir {
  name: string;
  path: string;
  cycle: LoadedFile<Cycle> | undefined;
  /** Entries directly inside the cycle folder other than cycle.yaml and driver folders. */
  strays: { name: string; kind: EntryKind }[];
}

export type EntryKind = 'file' | 'dir' | 'symlink' | 'other';

/** Everything the checks and the matrix read. */
export interface Repo {
  root: string;
  registry: LoadedFile<Registry> | undefined;
  cycles: CycleDir[];
  submissions: SubmissionDir[];
  /** Entries directly under results/ that are not cycle folders. */
  strays: { name: string; kind: EntryKind }[];
  /**
   * Temporary files a killed drivercert write left behind (repository-relative paths);
   * not listed as strays or entries.
   */
  tempFiles: string[];
  /** Set when results/ itself is a symbolic link (to this target): it is not followed. */
  resultsLink?: string;
}

/** Load and schema-check the repository's YAML files (bundles are not read here). */
export function loadRepo(root: string): Repo {
  const registry = loadYamlFile<Registry>(root, REGISTRY_FILE, 'drivers');
  const cycles: CycleDir[] = [];
  const submissions: SubmissionDir[] = [];
  const strays: Repo['strays'] = [];
  const tempFiles: string[] = [];
  /** Set temporary files aside (they are reported once, as such). */
  const isTemp = (d: Dirent, folder: string): boolean => {
    if (!d.isFile() || !isTempFile(d.name)) return false;
    tempFiles.push(folder ? `${folder}/${d.name}` : d.name);
    return true;
  };
  for (const folder of ['', '.github']) for (const e of listDir(join(root, folder))) isTemp(e, folder);
  // A link is never followed: results/ pointing at / would have the host's folders read as cycles.
  const resultsLink = statOrUndefined(join(root, RESULTS_DIR))?.isSymbolicLink()
    ? readlinkSync(join(root, RESULTS_DIR))
    : undefined;
  for (const e of resultsLink === undefined ? listDir(join(root, RESULTS_DIR)) : []) {
    if (isTemp(e, RESULTS_DIR)) continue;
    const kind = entryKind(e);
    if (kind !== 'dir') {
      strays.push({ name: e.name, kind });
      continue;
    }
    const cyclePath = `${RESULTS_DIR}/${e.name}`;
    const dir: CycleDir = { name: e.name, path: cyclePath, cycle: undefined, strays: [] };
    for (const c of listDir(join(root, cyclePath))) {
      if (isTemp(c, cyclePath)) continue;
      const ckind = entryKind(c);
      if (c.name === CYCLE_FILE && ckind === 'file') {
        dir.cycle = loadYamlFile<Cycle>(root, `${cyclePath}/${CYCLE_FILE}`, 'cycle');
      } else if (ckind === 'dir') {
        submissions.push(loadSubmissionDir(root, e.name, c.name, isTemp));
      } else {
        dir.strays.push({ name: c.name, kind: ckind });
      }
    }
    cycles.push(dir);
  }
  return {
    root,
    registry,
    cycles,
    submissions,
    strays,
    tempFiles,
    ...(resultsLink !== undefined ? { resultsLink } : {}),
  };
}

function loadSubmissionDir(
  root: string,
  cycle: string,
  driver: string,
  isTemp: (d: Dirent, folder: string) => boolean,
): SubmissionDir {
  const path = `${RESULTS_DIR}/${cycle}/${driver}`;
  const entries = listDir(join(root, path))
    .filter((d) => !isTemp(d, path))
    .map((d) => ({ name: d.name, kind: entryKind(d) }));
  const hasResult = entries.some((e) => e.name === RESULT_FILE && e.kind === 'file');
  const result = hasResult ? loadYamlFile<Result>(root, `${path}/${RESULT_FILE}`, 'result') : undefined;
  return { cycle, driver, path, entries, result };
}

/** Read, parse and schema-check one YAML file; undefined when it does not exist. */
export function loadYamlFile<T>(root: string, path: string, schema: SchemaName): LoadedFile<T> | undefined {
  let bytes: Uint8Array;
  let size: number;
  try {
    const st = lstatSync(join(root, path));
    if (st.isSymbolicLink()) return linkedFile<T>(path, readlinkSync(join(root, path)));
    // A file over the limit is not read: its size is enough to refuse it.
    size = st.size;
    bytes = size > MAX_YAML_BYTES ? new Uint8Array(0) : readFileSync(join(root, path));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  return parseLoadedFile<T>(path, bytes, schema, size);
}

/** A YAML file that is a symbolic link: never followed (it could point at any file of the machine). */
function linkedFile<T>(path: string, target: string): LoadedFile<T> {
  return {
    path,
    source: parseYamlSource(path, ''),
    data: undefined,
    problems: [
      {
        level: 'error',
        rule: YAML_RULE,
        check: 'every YAML file parses',
        file: path,
        message: `${path} is a symbolic link (to "${target}"), not a file; it is not read`,
        tip: 'Replace the link with the file itself.',
      },
    ],
  };
}

/**
 * Parse and schema-check YAML (text, or bytes that must be UTF-8) that claims to be `path`;
 * `size` is the file's size when only part of it is given.
 */
export function parseLoadedFile<T>(
  path: string,
  content: string | Uint8Array,
  schema: SchemaName,
  size?: number,
): LoadedFile<T> {
  const source = parseYamlSource(path, content, size);
  const problems: Finding[] = source.errors.map((e) => ({
    level: 'error' as const,
    rule: YAML_RULE,
    check: 'every YAML file parses',
    file: path,
    ...(e.line !== undefined ? { line: e.line, col: e.col } : {}),
    message: yamlMessage(e.code, e.message),
    tip: yamlTip(e.code),
  }));
  if (problems.length > 0) return { path, source, data: undefined, problems };
  const schemaProblems = schemaFindings(schema, source);
  return { path, source, data: schemaProblems.length ? undefined : (source.data as T), problems: schemaProblems };
}

function yamlMessage(code: string, message: string): string {
  if (code === 'DUPLICATE_KEY') return `duplicate key: ${message}`;
  return message;
}

function yamlTip(code: string): string {
  switch (code) {
    case 'DUPLICATE_KEY':
      return 'Each key may appear once in a mapping: delete or merge the repeated one.';
    case 'BOM':
      return 'Save the file as UTF-8 without a byte-order mark.';
    case 'TAB_AS_INDENT':
      return 'YAML indents with spaces only: replace the tabs with spaces.';
    case 'MULTIPLE_DOCS':
      return 'Keep one YAML document per file: remove the `---` separator and what follows, or merge them.';
    case 'ALIAS':
      return 'Write the values out instead of using many YAML aliases (*name).';
    case 'TOO_LARGE':
      return (
        'drivers.yaml, cycle.yaml and result.yaml hold metadata only: ' +
        'put logs and long text in the bundle (`drivercert pack --attach FILE`).'
      );
    case 'ENCODING':
      return 'Save the file as UTF-8 (an editor\'s "Save with encoding" or `iconv -f latin1 -t utf-8`).';
    case 'COMPLEX_KEY':
      return 'Write the key as plain text (`name: value`); lists and mappings go on the value side.';
    case 'CONTROL_CHAR':
      return (
        'Delete the control character; ' +
        'write it as an escape (e.g. "\\t") inside a double-quoted string if you really mean it.'
      );
    default:
      return (
        'Fix the YAML syntax at this line (check indentation, quotes and colons); ' +
        '`npx yaml valid < FILE` shows the same error.'
      );
  }
}

/** The entries of a folder, sorted by name ([] when it does not exist or is not a folder). */
export function listDir(path: string): Dirent[] {
  try {
    return readdirSync(path, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return [];
    throw e;
  }
}

function entryKind(d: Dirent): EntryKind {
  if (d.isSymbolicLink()) return 'symlink';
  if (d.isDirectory()) return 'dir';
  if (d.isFile()) return 'file';
  return 'other';
}

/** The registry's drivers by id (the first of duplicates wins; a check reports them). */
export function driversById(repo: Repo): Map<string, Registry['drivers'][number]> {
  const m = new Map<string, Registry['drivers'][number]>();
  for (const d of repo.registry?.data?.drivers ?? []) if (!m.has(d.id)) m.set(d.id, d);
  return m;
}

/** Loaded cycles by folder name (only those whose cycle.yaml is valid). */
export function cyclesByName(repo: Repo): Map<string, Cycle> {
  const m = new Map<string, Cycle>();
  for (const c of repo.cycles) if (c.cycle?.data) m.set(c.name, c.cycle.data);
  return m;
}

/** The valid cycle.yaml files' data, in folder order. */
export function validCycles(repo: Repo): Cycle[] {
  return repo.cycles.flatMap((c) => (c.cycle?.data ? [c.cycle.data] : []));
}

/** The open cycle (the current one), as `cycleRoles` decides it. */
export function currentCycle(repo: Repo): Cycle | undefined {
  return cycleRoles(validCycles(repo)).current;
}

/** The last cycle (the newest closed one), as `cycleRoles` decides it. */
export function lastCycle(repo: Repo): Cycle | undefined {
  return cycleRoles(validCycles(repo)).last;
}

/** Lstat that answers undefined for a missing path. */
function statOrUndefined(path: string): ReturnType<typeof lstatSync> | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}
