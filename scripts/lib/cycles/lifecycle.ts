// The cycle lifecycle: open a new cycle (closing the current one), close the current one,
// and import a guideline into a cycle. No result file is moved or deleted, ever.
import { existsSync, readdirSync, readFileSync, rmdirSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../findings.js';
import type { Capability, Cycle } from '../model.js';
import { parseLoadedFile, RESULTS_DIR, CYCLE_FILE, loadRepo, type Repo } from '../repo.js';
import { cycleRoles } from './roles.js';
import { WriteFailure, isTempFile, writeFileAtomic } from '../atomic.js';
import { editCycleText, mergeGuideline, renderCycle, setCycleKey } from './cycle-file.js';
import { readGuideline, type GuidelineVolumes } from './guideline.js';

const SLUG = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** What a lifecycle command did, one line per file written. */
export interface LifecycleResult {
  written: string[];
  messages: string[];
}

function cyclePath(name: string): string {
  return `${RESULTS_DIR}/${name}/${CYCLE_FILE}`;
}

/** A valid cycle.yaml, with what `cycleRoles` reads of it. */
interface ValidCycle {
  name: string;
  state: Cycle['state'];
  closed: string | undefined;
  path: string;
  data: Cycle;
  text: string;
}

/** The cycle.yaml files that parse and match the schema, failing loudly on any that do not. */
function requireValidCycles(repo: Repo): ValidCycle[] {
  const out: ValidCycle[] = [];
  for (const c of repo.cycles) {
    if (!c.cycle) continue;
    if (!c.cycle.data) {
      const p = c.cycle.problems[0];
      throw new InputError(`${p?.message ?? 'the file is not valid'}; fix it before changing cycles`, {
        file: c.cycle.path,
        ...(p?.line ? { line: p.line } : {}),
        tip: '`drivercert validate` lists every problem.',
      });
    }
    const data = c.cycle.data;
    out.push({
      name: c.name,
      state: data.state,
      closed: data.closed,
      path: c.cycle.path,
      data,
      text: c.cycle.source.text,
    });
  }
  return out;
}

/** Close the open cycle (state: closed, closed: today). */
export function closeCycle(root: string, today: string): LifecycleResult {
  const { open } = cycleRoles(requireValidCycles(loadRepo(root)));
  if (open.length === 0)
    throw new InputError('no cycle is open, so there is nothing to close', {
      tip: 'Open one with `drivercert cycle open NAME`.',
    });
  if (open.length > 1)
    throw new InputError(
      `${open.length} cycles are open (${open.map((c) => c.name).join(', ')}); fix that by hand first`,
      { file: open[1]!.path, tip: 'Set `state: closed` and a `closed` date on all but one.' },
    );
  const cur = open[0]!;
  if (cur.data.opened > today)
    throw new InputError(
      `cycle ${cur.name} opened on ${cur.data.opened}, after today (${today}); it cannot close before it opens`,
      { file: cur.path, tip: 'Check the date of this machine (or DRIVERCERT_TODAY), or correct `opened` in the file.' },
    );
  const text = editCycleText(cur.text, cur.path, (doc) => {
    setCycleKey(doc, 'state', 'closed');
    setCycleKey(doc, 'closed', today, 'opened');
  });
  checkCycleText(text, cur.path);
  writeFileAtomic(join(root, cur.path), text);
  return { written: [cur.path], messages: [`closed cycle ${cur.name} on ${today}`] };
}

export interface OpenOptions {
  codename?: string;
  guidelineFile?: string;
  today: string;
}

/** Open cycle `name`: close the current one, then write the new cycle.yaml. */
export function openCycle(root: string, name: string, opts: OpenOptions): LifecycleResult {
  if (!SLUG.test(name) || name.length > 64) {
    throw new InputError(`"${name}" is not a valid cycle name`, {
      tip: 'Use a slug such as 2026.1 or gazpacho: letters, digits, `.`, `_`, `-`, starting with a letter or digit.',
    });
  }
  if (opts.codename !== undefined && !SLUG.test(opts.codename)) {
    throw new InputError(`"${opts.codename}" is not a valid codename`, { tip: 'Use a slug such as gazpacho.' });
  }
  const repo = loadRepo(root);
  const cycles = requireValidCycles(repo);
  const path = cyclePath(name);
  const dir = join(root, RESULTS_DIR, name);
  const existing = cycles.find((c) => c.name === name);
  if (existing && isSameOpening(existing.data, opts)) {
    // Running the same command again after an interruption: the cycle is open, so only the matrix may be left to do.
    return {
      written: [],
      messages: [`cycle ${name} is already open (since ${existing.data.opened}); nothing to change`],
    };
  }
  if (existing || (existsSync(dir) && readdirSync(dir).some((n) => !isTempFile(n)))) {
    throw new InputError(`cycle ${name} already exists`, {
      file: path,
      tip: 'Choose a new cycle name; existing cycles and their results are never replaced.',
    });
  }
  const { open, last } = cycleRoles(cycles);
  if (open.length > 1)
    throw new InputError(
      `${open.length} cycles are open (${open.map((c) => c.name).join(', ')}); fix that by hand first`,
      { file: open[1]!.path, tip: 'Set `state: closed` and a `closed` date on all but one.' },
    );
  // Capabilities: from the guideline, else carried over from the current (or last) cycle.
  let capabilities: Record<string, Capability>;
  let guideline: GuidelineVolumes | undefined;
  const previous = open[0] ?? last;
  if (opts.guidelineFile) {
    guideline = readGuideline(readFileSync(opts.guidelineFile, 'utf8'), opts.guidelineFile);
    capabilities = mergeGuideline(previous?.data.capabilities ?? {}, guideline);
  } else if (previous) {
    capabilities = previous.data.capabilities;
  } else {
    throw new InputError('there is no earlier cycle to carry capabilities over from', {
      tip: 'Give the required tests with --guideline FILE (an OpenStack interop guideline).',
    });
  }
  const cycle: Cycle = { name, state: 'open', opened: opts.today, capabilities };
  if (opts.codename) cycle.codename = opts.codename;
  const g = guideline?.ref ?? previous?.data.guideline;
  if (g) cycle.guideline = g;
  const text = renderCycle(cycle);
  checkCycleText(text, path);
  const result: LifecycleResult = { written: [], messages: [] };
  // Close first: a crash in between leaves no open cycle (a valid state), and re-running succeeds.
  if (open[0]) {
    const closed = closeCycle(root, opts.today);
    result.written.push(...closed.written);
    result.messages.push(...closed.messages);
  }
  const madeDir = !existsSync(dir);
  try {
    writeFileAtomic(join(root, path), text, { mkdir: true });
  } catch (e) {
    // Leave no empty cycle folder behind, and say what was changed before the failure.
    if (madeDir) rmEmptyDir(dir);
    if (e instanceof WriteFailure) e.done.push(...result.messages);
    throw e;
  }
  result.written.push(path);
  const from = guideline
    ? ` from guideline ${guideline.ref.id}`
    : previous
      ? ` carried over from ${previous.name}`
      : '';
  result.messages.push(
    `opened cycle ${name} on ${opts.today} with ${Object.keys(capabilities).length} capabilities${from}`,
  );
  return result;
}

/** Fill a cycle's required capabilities from an interop guideline (feature capabilities are kept). */
export function importGuidelineIntoCycle(
  root: string,
  cycleName: string,
  guidelineFile: string,
): LifecycleResult & { guideline: GuidelineVolumes } {
  const path = cyclePath(cycleName);
  let text: string;
  try {
    text = readFileSync(join(root, path), 'utf8');
  } catch {
    throw new InputError(`cycle ${cycleName} does not exist`, {
      file: path,
      tip: `Create it with \`drivercert cycle open ${cycleName} --guideline ${guidelineFile}\`.`,
    });
  }
  const guideline = readGuideline(readFileSync(guidelineFile, 'utf8'), guidelineFile);
  // Once results are in, a cycle's tests are fixed: new requirements would change what merged results prove.
  const submitted = loadRepo(root)
    .submissions.filter((s) => s.cycle === cycleName)
    .map((s) => s.driver);
  if (submitted.length) {
    const some = `${submitted.slice(0, 5).join(', ')}${submitted.length > 5 ? ', …' : ''}`;
    throw new InputError(
      `cycle ${cycleName} already has ${submitted.length} submission${submitted.length === 1 ? '' : 's'} (${some}); ` +
        'its required tests can no longer change',
      {
        file: path,
        tip:
          'Changing them would change what the merged results prove. ' +
          'Import the guideline into the next cycle: `drivercert cycle open NAME --guideline FILE`.',
      },
    );
  }
  const loaded = parseLoadedFile<Cycle>(path, text, 'cycle');
  const current = loaded.data?.capabilities ?? (loaded.source.data as Partial<Cycle> | undefined)?.capabilities ?? {};
  const merged = mergeGuideline(current as Record<string, Capability>, guideline);
  const out = editCycleText(text, path, (doc) => {
    setCycleKey(doc, 'guideline', guideline.ref, doc.has('closed') ? 'closed' : 'opened');
    setCycleKey(doc, 'capabilities', merged);
  });
  checkCycleText(out, path);
  writeFileAtomic(join(root, path), out);
  const required = Object.values(guideline.capabilities).filter((c) => c.required);
  const tests = required.reduce((n, c) => n + c.tests.length, 0);
  return {
    guideline,
    written: [path],
    messages: [
      `imported guideline ${guideline.ref.id} (schema ${guideline.ref.schema}) into ${path}: ` +
        `${required.length} required capabilities with ${tests} tests, ` +
        `${Object.keys(guideline.capabilities).length - required.length} advisory`,
    ],
  };
}

/** Whether an existing cycle is what `cycle open` with these options writes today (a re-run). */
function isSameOpening(c: Cycle, opts: OpenOptions): boolean {
  if (c.state !== 'open' || c.opened !== opts.today || c.codename !== opts.codename) return false;
  if (opts.guidelineFile === undefined) return true;
  return c.guideline?.id === readGuideline(readFileSync(opts.guidelineFile, 'utf8'), opts.guidelineFile).ref.id;
}

function rmEmptyDir(dir: string): void {
  try {
    rmdirSync(dir);
  } catch {
    /* not empty, or already gone */
  }
}

/** Never write a cycle file that would not validate. */
function checkCycleText(text: string, path: string): void {
  const f = parseLoadedFile<Cycle>(path, text, 'cycle');
  if (f.problems.length) {
    const p = f.problems[0]!;
    throw new InputError(
      `the new ${path} would not be valid (${p.pointer ? `${p.pointer} ` : ''}${p.message}); nothing was written`,
      { file: path, ...(p.tip ? { tip: p.tip } : {}) },
    );
  }
}
