// Reading the matrix's inputs from disk: drivers.yaml, results/<cycle>/cycle.yaml and
// results/<cycle>/<driver>/result.yaml — never the bundles. Files are read with the fast
// subset reader and, when it declines, with the full YAML parser (which also gives the
// line of a syntax error). Problems become findings; nothing here prints or exits.
import { lstatSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from '../findings.js';
import { parseYamlSubset } from '../yaml-subset.js';
import { MAX_YAML_BYTES, parseYamlSource } from '../yaml-source.js';
import { CYCLE_FILE, REGISTRY_FILE, RESULTS_DIR, RESULT_FILE, listDir } from '../repo.js';
import { extractCycle, extractDrivers, extractSubmission, type FieldProblem } from './extract.js';
import type { MatrixCycle, MatrixInputs, MatrixSubmission } from './model.js';

export const MATRIX_CHECK = 'the matrix can read its inputs';
/** The rule id of the matrix's input problems. */
export const MATRIX_RULE = 'matrix-inputs';
const TIP = '`npx drivercert validate` explains every problem in the repository.';

/** The inputs and what was wrong with them (errors stop the matrix; warnings do not). */
export interface ReadInputs {
  inputs: MatrixInputs;
  findings: Finding[];
}

/** Read everything the matrix is built from, in a stable order. */
export function readMatrixInputs(root: string): ReadInputs {
  const findings: Finding[] = [];
  const registryText = readText(root, REGISTRY_FILE, findings);
  const drivers =
    registryText === undefined
      ? []
      : (withProblems(REGISTRY_FILE, registryText, findings, (data, p) => extractDrivers(data, p)) ?? []);
  const cycles: MatrixCycle[] = [];
  const submissions: MatrixSubmission[] = [];
  const resultsIsLink = lstatSync(join(root, RESULTS_DIR), { throwIfNoEntry: false })?.isSymbolicLink() ?? false;
  if (resultsIsLink)
    findings.push({
      level: 'error',
      rule: MATRIX_RULE,
      check: MATRIX_CHECK,
      file: RESULTS_DIR,
      message: 'results is a symbolic link, not a folder; it is not read',
      tip: TIP,
    });
  for (const cycleName of resultsIsLink ? [] : subfolders(join(root, RESULTS_DIR))) {
    const cyclePath = `${RESULTS_DIR}/${cycleName}/${CYCLE_FILE}`;
    const cycleText = readText(root, cyclePath, findings);
    if (cycleText === undefined) continue;
    const cycle = withProblems(cyclePath, cycleText, findings, (data, p) => extractCycle(cycleName, data, p));
    if (!cycle) continue;
    cycles.push(cycle);
    for (const driver of subfolders(join(root, RESULTS_DIR, cycleName))) {
      const resultPath = `${RESULTS_DIR}/${cycleName}/${driver}/${RESULT_FILE}`;
      const text = readText(root, resultPath, findings);
      if (text === undefined) continue;
      const sub = withProblems(resultPath, text, findings, (data, p) => extractSubmission(cycleName, driver, data, p));
      if (sub) submissions.push(sub);
    }
  }
  checkOpenCycles(root, cycles, findings);
  warnUnregistered(
    drivers.map((d) => d.id),
    submissions,
    findings,
  );
  return { inputs: { drivers, cycles, submissions }, findings };
}

/** Parse a file (fast path first) and extract from it; problems become findings with lines. */
function withProblems<T>(
  path: string,
  text: string,
  findings: Finding[],
  extract: (data: unknown, problems: FieldProblem[]) => T | undefined,
): T | undefined {
  let data = parseYamlSubset(text);
  let source: ReturnType<typeof parseYamlSource> | undefined;
  if (data === undefined) {
    source = parseYamlSource(path, text);
    const e = source.errors[0];
    if (e) {
      findings.push({
        level: 'error',
        rule: MATRIX_RULE,
        check: MATRIX_CHECK,
        file: path,
        ...(e.line !== undefined ? { line: e.line, col: e.col } : {}),
        message: `the YAML cannot be read: ${e.message}`,
        tip: TIP,
      });
      return undefined;
    }
    data = source.data;
  }
  const problems: FieldProblem[] = [];
  const value = extract(data, problems);
  if (problems.length) {
    source ??= parseYamlSource(path, text);
    for (const p of problems)
      findings.push({
        level: 'error',
        rule: MATRIX_RULE,
        check: MATRIX_CHECK,
        file: path,
        ...source.locate(p.pointer),
        message: p.message,
        tip: TIP,
      });
  }
  return value;
}

/** A file's text; a missing file is a warning (the folder is skipped), other failures are errors. */
function readText(root: string, path: string, findings: Finding[]): string | undefined {
  try {
    const st = lstatSync(join(root, path));
    if (st.isSymbolicLink()) {
      findings.push({
        level: 'error',
        rule: MATRIX_RULE,
        check: MATRIX_CHECK,
        file: path,
        message: `${path} is a symbolic link, not a file; it is not read`,
        tip: TIP,
      });
      return undefined;
    }
    const size = st.size;
    if (size > MAX_YAML_BYTES) {
      const e = parseYamlSource(path, '', size).errors[0]!;
      findings.push({
        level: 'error',
        rule: MATRIX_RULE,
        check: MATRIX_CHECK,
        file: path,
        message: `the YAML cannot be read: ${e.message}`,
        tip: TIP,
      });
      return undefined;
    }
    return readFileSync(join(root, path), 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      const what =
        path === REGISTRY_FILE
          ? 'there is no drivers.yaml'
          : `there is no ${path}; the folder is left out of the matrix`;
      findings.push({
        level: path === REGISTRY_FILE ? 'error' : 'warning',
        rule: MATRIX_RULE,
        check: MATRIX_CHECK,
        file: path,
        message: what,
        tip: TIP,
      });
    } else {
      const what =
        code === 'EISDIR'
          ? 'this is a folder, not a file; it is not read'
          : `cannot read the file (${code ?? (e as Error).message})`;
      findings.push({ level: 'error', rule: MATRIX_RULE, check: MATRIX_CHECK, file: path, message: what, tip: TIP });
    }
    return undefined;
  }
}

/** Names of the real folders (no links, no files) inside `dir`, sorted. */
function subfolders(dir: string): string[] {
  return listDir(dir)
    .filter((d) => d.isDirectory() && !d.name.startsWith('.'))
    .map((d) => d.name);
}

function checkOpenCycles(root: string, cycles: MatrixCycle[], findings: Finding[]): void {
  const open = cycles.filter((c) => c.state === 'open');
  for (const c of open.slice(1)) {
    const path = `${RESULTS_DIR}/${c.name}/${CYCLE_FILE}`;
    const src = parseYamlSource(path, readFileSync(join(root, path), 'utf8'));
    findings.push({
      level: 'error',
      rule: MATRIX_RULE,
      check: MATRIX_CHECK,
      file: path,
      ...src.locate('/state'),
      message: `${open.length} cycles are open (${open.map((o) => o.name).join(', ')}); at most one may be`,
      tip: 'Close all but the current one: set `state: closed` and a `closed` date.',
    });
  }
}

function warnUnregistered(ids: string[], submissions: MatrixSubmission[], findings: Finding[]): void {
  const known = new Set(ids);
  for (const s of submissions) {
    if (!known.has(s.driver)) {
      findings.push({
        level: 'warning',
        rule: MATRIX_RULE,
        check: MATRIX_CHECK,
        file: `${s.path}${RESULT_FILE}`,
        message: `"${s.driver}" is not a driver in drivers.yaml; its result is left out of the matrix`,
        tip: TIP,
      });
    }
  }
}
