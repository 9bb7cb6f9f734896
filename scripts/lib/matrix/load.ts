// What the matrix refuses and what it warns about, from the one repository reader. A file
// the matrix cannot use (unreadable YAML, or YAML that does not match its schema) is an
// error naming its line and pointer: `npx drivercert validate` explains it (a merged
// repository always validates). A submission folder without result.yaml, or for a driver
// not in drivers.yaml, is a warning and is left out.
import type { Finding } from '../findings.js';
import { cycleRoles } from '../cycles/roles.js';
import {
  CYCLE_FILE,
  REGISTRY_FILE,
  RESULT_FILE,
  RESULTS_DIR,
  YAML_RULE,
  driversById,
  type LoadedFile,
  type Repo,
} from '../repo.js';

export const MATRIX_CHECK = 'the matrix can read its inputs';
/** The rule id of the matrix's findings (not a registered check of `validate`). */
export const MATRIX_RULE = 'matrix-inputs';
const TIP = '`npx drivercert validate` explains every problem in the repository.';

/** Every error (the matrix stops) and warning (a folder is left out) of `repo` for the matrix. */
export function matrixFindings(repo: Repo): Finding[] {
  const out: Finding[] = [];
  const finding = (level: Finding['level'], file: string, message: string): void =>
    void out.push({ level, rule: MATRIX_RULE, check: MATRIX_CHECK, file, message, tip: TIP });
  if (repo.resultsLink !== undefined)
    finding('error', RESULTS_DIR, 'results is a symbolic link, not a folder; it is not read');
  if (!repo.registry) finding('error', REGISTRY_FILE, 'there is no drivers.yaml');
  else out.push(...fileProblems(repo.registry));
  for (const c of repo.cycles) {
    if (c.name.startsWith('.')) continue;
    if (!c.cycle) {
      const path = `${c.path}/${CYCLE_FILE}`;
      finding('warning', path, `there is no ${path}; the folder is left out of the matrix`);
    } else out.push(...fileProblems(c.cycle));
  }
  out.push(...openCycleProblems(repo));
  const drivers = driversById(repo);
  const cycles = new Set(repo.cycles.filter((c) => c.cycle?.data).map((c) => c.name));
  for (const s of repo.submissions) {
    if (s.driver.startsWith('.') || !cycles.has(s.cycle)) continue;
    const path = `${s.path}/${RESULT_FILE}`;
    if (!s.result) finding('warning', path, `there is no ${path}; the folder is left out of the matrix`);
    else if (!s.result.data) out.push(...fileProblems(s.result));
    else if (repo.registry?.data && !drivers.has(s.driver))
      finding('warning', path, `"${s.driver}" is not a driver in drivers.yaml; its result is left out of the matrix`);
  }
  return out;
}

/** A file's YAML and schema problems, as the matrix reports them. */
function fileProblems(file: LoadedFile<unknown>): Finding[] {
  return file.problems.map((p) => ({
    ...p,
    rule: MATRIX_RULE,
    check: MATRIX_CHECK,
    message: p.rule === YAML_RULE ? `the YAML cannot be read: ${p.message}` : p.message,
    tip: TIP,
  }));
}

/** Several open cycles leave no current cycle: the matrix would not be truthful. */
function openCycleProblems(repo: Repo): Finding[] {
  const valid = repo.cycles.flatMap((c) => (c.cycle?.data ? [{ ...c.cycle.data, name: c.name, file: c.cycle }] : []));
  const { open } = cycleRoles(valid);
  if (open.length < 2) return [];
  return open.slice(1).map((c) => ({
    level: 'error' as const,
    rule: MATRIX_RULE,
    check: MATRIX_CHECK,
    file: c.file.path,
    ...c.file.source.locate('/state'),
    message: `${open.length} cycles are open (${open.map((o) => o.name).join(', ')}); at most one may be`,
    tip: 'Close all but the current one: set `state: closed` and a `closed` date.',
  }));
}
