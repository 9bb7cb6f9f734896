// `drivercert pack`: from the cert script's log (and optional subunit stream, JUnit file
// and attachments) to results/<cycle>/<driver>/ with a deterministic bundle and a
// result.yaml whose derived part is what the bundle proves.
import { existsSync, mkdirSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { InputError } from '../findings.js';
import type { Cycle, Driver, Result } from '../model.js';
import {
  RESULTS_DIR,
  RESULT_FILE,
  currentCycle,
  cyclesByName,
  driversById,
  loadRepo,
  parseLoadedFile,
} from '../repo.js';
import { isCalendarDate } from '../dates.js';
import { WriteFailure, removeQuietly, replaceFiles, writeTemp } from '../atomic.js';
import type { BundleLimits } from '../bundle/limits.js';
import { BundleError } from '../bundle/errors.js';
import { analyseBundle, CERT_LOG, certLogOwnProblems, type BundleAnalysis } from '../analysis/analyse.js';
import { deriveResult, type Derivation } from '../analysis/derive.js';
import {
  refusedMatches,
  tracebackSuccesses,
  unattributedOutcomes,
  verdictContradiction,
} from '../analysis/contradictions.js';
import { renderResult } from '../results/result-file.js';
import { cycleKeys } from '../results/test-ids.js';
import { writeBundle, type BundleInput } from './bundle-writer.js';
import { isGitHubLogin } from '../github-login.js';
import { NOT_PRINTABLE } from '../yaml-source.js';

/** Everything pack needs; the stated fields are already collected (flags or prompts). */
export interface PackRequest {
  root: string;
  driver: string;
  cycle?: string;
  log: string;
  subunit?: string;
  junit?: string;
  attach: string[];
  submitter: string;
  backendModel: string;
  backendVersion: string;
  protocol?: string;
  submitted: string;
  notes?: string;
  force: boolean;
  today: string;
  limits?: Partial<BundleLimits>;
}

export interface PackOutcome {
  dir: string;
  bundlePath: string;
  resultPath: string;
  result: Result;
  analysis: BundleAnalysis;
  derivation: Derivation;
}

/** The driver and cycle a pack request is for, checked against the repository. */
export function resolveTarget(
  root: string,
  driverId: string,
  cycleName: string | undefined,
): { driver: Driver; cycle: Cycle } {
  const repo = loadRepo(root);
  if (!repo.registry?.data) {
    throw new InputError('drivers.yaml is missing or invalid', {
      file: 'drivers.yaml',
      tip: 'Run `drivercert validate` from the repository root (or pass --repo DIR) and fix what it reports.',
    });
  }
  const driver = driversById(repo).get(driverId);
  if (!driver)
    throw new InputError(`"${driverId}" is not a driver in drivers.yaml`, {
      file: 'drivers.yaml',
      tip:
        'Use the driver id exactly as drivers.yaml lists it (e.g. dell_emc_powermax); ' +
        'a new driver is added by a core reviewer first.',
    });
  if (driver.status === 'removed')
    throw new InputError(`driver "${driverId}" is removed and takes no new results`, {
      file: 'drivers.yaml',
      tip: 'Ask a core reviewer if the driver is back in Cinder.',
    });
  let cycle: Cycle | undefined;
  if (cycleName !== undefined) {
    cycle = cyclesByName(repo).get(cycleName);
    if (!cycle)
      throw new InputError(`cycle ${cycleName} does not exist (or its cycle.yaml is invalid)`, {
        file: `${RESULTS_DIR}/${cycleName}/cycle.yaml`,
        tip: 'Leave out --cycle to submit to the open cycle.',
      });
    if (cycle.state !== 'open') {
      const open = currentCycle(repo);
      throw new InputError(
        `cycle ${cycleName} is closed; results are submitted to the open cycle${open ? ` (${open.name})` : ''}`,
        { tip: 'Leave out --cycle to submit to the open cycle.' },
      );
    }
  } else {
    cycle = currentCycle(repo);
    if (!cycle)
      throw new InputError('no cycle is open, so there is nothing to submit to', {
        tip: 'A core reviewer opens one with `drivercert cycle open NAME`.',
      });
  }
  return { driver, cycle };
}

/** The protocol to record: the one given (in the registry's spelling) or the driver's only one. */
export function resolveProtocol(driver: Driver, given: string | undefined): string | undefined {
  if (given === undefined) return driver.protocols.length === 1 ? driver.protocols[0] : undefined;
  const p = driver.protocols.find((x) => x.toLowerCase() === given.toLowerCase());
  if (!p)
    throw new InputError(
      `--protocol ${given} is not one of ${driver.id}'s protocols (${driver.protocols.join(', ')})`,
      { tip: `Use one of: ${driver.protocols.join(', ')}.` },
    );
  return p;
}

/** Member names for the inputs: cert.log, the stream and JUnit under their own names, attachments under logs/. */
export function bundleInputs(req: Pick<PackRequest, 'log' | 'subunit' | 'junit' | 'attach'>): BundleInput[] {
  const inputs: BundleInput[] = [{ name: CERT_LOG, path: req.log }];
  if (req.subunit) inputs.push({ name: withSuffix(basename(req.subunit), '.subunit'), path: req.subunit });
  if (req.junit) inputs.push({ name: withSuffix(basename(req.junit), '.xml'), path: req.junit });
  for (const a of [...req.attach].sort()) inputs.push({ name: `logs/${basename(a)}`, path: a });
  for (const i of inputs) {
    let ok = false;
    try {
      ok = statSync(i.path).isFile();
    } catch {
      throw new InputError('no such file', { file: i.path, tip: 'Check the path you gave to pack.' });
    }
    if (!ok)
      throw new InputError('is not a regular file', {
        file: i.path,
        tip: "Pass files; attach a folder's logs one file at a time.",
      });
  }
  return inputs;
}

function withSuffix(name: string, suffix: string): string {
  return name.toLowerCase().endsWith(suffix) ? name : `${name}${suffix}`;
}

/** Check the stated fields pack writes into result.yaml. */
function checkStated(req: PackRequest, cycle: Cycle): void {
  if (!isGitHubLogin(req.submitter))
    throw new InputError(`--submitter ${JSON.stringify(req.submitter)} is not a GitHub login`, {
      tip: 'Give your GitHub login without the @, e.g. --submitter octocat.',
    });
  if (!isCalendarDate(req.submitted))
    throw new InputError(`--submitted ${req.submitted} is not a YYYY-MM-DD date`, {
      tip: 'Leave it out to use today (UTC).',
    });
  if (req.submitted > req.today)
    throw new InputError(`--submitted ${req.submitted} is in the future (today is ${req.today}, UTC)`);
  if (req.submitted < cycle.opened)
    throw new InputError(`--submitted ${req.submitted} is before cycle ${cycle.name} opened (${cycle.opened})`);
  for (const [flag, v] of [
    ['--backend-model', req.backendModel],
    ['--backend-version', req.backendVersion],
  ] as const) {
    if (v.trim() === '' || v.length > 500) throw new InputError(`${flag} must be 1–500 characters`);
  }
  for (const [flag, v] of [
    ['--backend-model', req.backendModel],
    ['--backend-version', req.backendVersion],
    ['--notes', req.notes ?? ''],
  ] as const) {
    const bad = NOT_PRINTABLE.exec(v);
    if (bad) {
      const hex = bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
      throw new InputError(`${flag} holds a control character (U+${hex}) at character ${bad.index + 1}`, {
        tip: 'result.yaml may not hold control characters: remove it (tabs and line breaks are fine in --notes).',
      });
    }
  }
}

/** Why a freshly written bundle cannot be submitted, naming the input file and line. */
function refusals(a: BundleAnalysis, inputs: BundleInput[], driver: Driver): string[] {
  const pathOf = (member: string) => inputs.find((i) => i.name === member)?.path ?? member;
  const out: string[] = [];
  for (const s of a.secrets) out.push(`${pathOf(s.member)}:${s.line} ${s.message}: ${s.excerpt}`);
  for (const s of [{ member: CERT_LOG, problems: certLogOwnProblems(a) }, ...a.sources])
    for (const p of s.problems.slice(0, 10)) {
      const at = p.offset !== undefined ? `at byte ${p.offset}: ` : '';
      out.push(`${pathOf(s.member)}${p.line !== undefined ? `:${p.line}` : ''} ${at}${p.message}`);
    }
  if (!a.primary)
    out.push(`${pathOf(CERT_LOG)}: no test results: it has no tempest output and no --subunit or --junit was given`);
  if (!a.cert?.cinderCommit) out.push(`${pathOf(CERT_LOG)} has no cinder commit line (git log --pretty=oneline -n 1)`);
  if (!a.cert?.tempestCommit)
    out.push(`${pathOf(CERT_LOG)} has no tempest commit line (after "Verify tempest is current")`);
  if (!a.cert || a.cert.volumeDrivers.length === 0)
    out.push(`${pathOf(CERT_LOG)}: its copy of cinder.conf sets no volume_driver`);
  for (const v of a.cert?.volumeDrivers ?? []) {
    if (!driver.class.includes(v.value))
      out.push(
        `${pathOf(CERT_LOG)}:${v.line} volume_driver = ${v.value} ` +
          `is not a class of driver "${driver.id}" (${driver.class.join(', ')})`,
      );
  }
  for (const d of a.disagreements.slice(0, 10))
    out.push(
      `the inputs disagree on ${d.test}: ${Object.entries(d.outcomes)
        .map(([m, o]) => `${pathOf(m)} says ${o}`)
        .join(', ')}`,
    );
  return out;
}

/** The contradictions `validate` would refuse (scripts/lib/analysis/contradictions.ts), naming the input file. */
function contradictionRefusals(a: BundleAnalysis, d: Derivation | undefined, inputs: BundleInput[]): string[] {
  const pathOf = (member: string) => inputs.find((i) => i.name === member)?.path ?? member;
  const found = [
    ...verdictContradiction(a),
    ...refusedMatches(a, d),
    ...tracebackSuccesses(a),
    ...unattributedOutcomes(a, d),
  ].filter((c) => c.level === 'error');
  return found.slice(0, 10).map((c) => `${pathOf(c.member)}${c.line !== undefined ? `:${c.line}` : ''} ${c.message}`);
}

/**
 * Pack a submission; throws InputError (nothing written) when the inputs cannot be submitted.
 * `target`: what resolveTarget already gave for this request (it loads the whole repository).
 */
export async function packSubmission(
  r: PackRequest,
  target = resolveTarget(r.root, r.driver, r.cycle),
): Promise<PackOutcome> {
  const { driver, cycle } = target;
  const protocol = resolveProtocol(driver, r.protocol);
  if (!protocol)
    throw new InputError(
      `driver ${driver.id} has several protocols (${driver.protocols.join(', ')}): ` +
        'say which one was tested with --protocol',
    );
  checkStated(r, cycle);
  const dirRel = `${RESULTS_DIR}/${cycle.name}/${driver.id}`;
  const dir = join(r.root, dirRel);
  const existing = existsSync(dir) ? readdirSync(dir).filter((n) => !n.startsWith('.')) : [];
  const replaces = existing.filter((n) => n === RESULT_FILE || n.endsWith('.tgz'));
  if (replaces.length && !r.force) {
    throw new InputError(`${dirRel}/ already holds a submission (${replaces.join(', ')})`, {
      file: dirRel,
      tip: 'Pass --force to replace it with this one.',
    });
  }
  const inputs = bundleInputs(r);
  const bundleName = `${driver.id}-${cycle.name}.tgz`;
  const bundleRel = `${dirRel}/${bundleName}`;
  const bundlePath = join(dir, bundleName);
  const resultPath = join(dir, RESULT_FILE);
  // Nothing is replaced until both files are complete: the bundle and result.yaml are
  // written to temporary files, then renamed into place together (replaceFiles: both or
  // neither). A folder pack creates is removed again if packing fails: an empty submission
  // folder is invalid.
  const created = !existsSync(dir);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new WriteFailure(bundlePath, e);
  }
  const temps: string[] = [];
  const abandon = () => {
    for (const t of temps) removeQuietly(t);
    if (created) safeRmdir(dir);
  };
  try {
    const written = await writeBundle(inputs, bundlePath);
    temps.push(written.tmp);
    let analysis: BundleAnalysis;
    try {
      analysis = await analyseBundle(written.tmp, {
        label: bundleRel,
        wantedKeys: cycleKeys(cycle),
        ...(r.limits ? { limits: r.limits } : {}),
      });
    } catch (e) {
      if (e instanceof BundleError)
        throw new InputError(`the bundle made from your inputs is refused: ${e.message}`, {
          ...(e.tip ? { tip: e.tip } : {}),
        });
      throw e;
    }
    const derivation = deriveResult(analysis, bundleRel, cycle, driver.id);
    const problems = [...refusals(analysis, inputs, driver), ...contradictionRefusals(analysis, derivation, inputs)];
    if (problems.length || !derivation) {
      throw new InputError(`nothing was written; fix these first:\n  ${problems.join('\n  ')}`, {
        tip: problems.some((p) => /password|token|key|secret/i.test(p))
          ? 'Scrub secrets to xxx in the log (as the cert script does for cinder.conf) ' +
            'and change the exposed credential.'
          : 'See the README\'s "Submitting results" guide.',
      });
    }
    const result: Result = {
      driver: driver.id,
      cycle: cycle.name,
      submitted: r.submitted,
      submitter: r.submitter,
      environment: {
        cinder_commit: analysis.cert!.cinderCommit!.sha,
        tempest_commit: analysis.cert!.tempestCommit!.sha,
        backend: { model: r.backendModel.trim(), version: r.backendVersion.trim() },
        protocol,
      },
      ...(r.notes !== undefined && r.notes.trim() !== '' ? { notes: r.notes.trim() } : {}),
      ...derivation.fields,
    };
    const text = renderResult(result);
    const check = parseLoadedFile<Result>(`${dirRel}/${RESULT_FILE}`, text, 'result');
    if (check.problems.length) {
      const p = check.problems[0]!;
      throw new InputError(
        `the result.yaml pack would write is not valid (${p.pointer ? `${p.pointer}: ` : ''}${p.message}); ` +
          'nothing was written',
        { ...(p.tip ? { tip: p.tip } : {}) },
      );
    }
    temps.push(writeTemp(resultPath, text));
    replaceFiles([
      { tmp: temps[0]!, path: bundlePath },
      { tmp: temps[1]!, path: resultPath },
    ]);
    for (const old of replaces) if (old.endsWith('.tgz') && old !== bundleName) removeQuietly(join(dir, old));
    return { dir: dirRel, bundlePath: bundleRel, resultPath: `${dirRel}/${RESULT_FILE}`, result, analysis, derivation };
  } catch (e) {
    abandon();
    if (e instanceof WriteFailure) {
      const other = e.path === bundlePath ? RESULT_FILE : bundleName;
      e.notes.push(
        replaces.length
          ? `${other} is as it was before too: pack replaces both files or neither.`
          : `Nothing was written${created ? ` (not even the folder ${dirRel}/)` : ''}: ` +
              'pack writes both files or neither.',
      );
    }
    throw e;
  }
}

function safeRmdir(p: string): void {
  try {
    rmdirSync(p);
  } catch {
    /* not empty, or already gone */
  }
}
