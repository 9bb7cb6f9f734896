// Taking what the matrix needs out of parsed YAML, without schema validation: the matrix
// renders whatever the files say, but a value it cannot show truthfully (a verdict that
// is neither passed nor failed, a count that is not a number, an unreadable withdrawal)
// is a problem, reported at its JSON pointer.
import { DRIVER_STATUSES, FEATURE_IDS, type CapabilityOutcome, type DriverStatus, type FeatureId } from '../model.js';
import { compareText } from './order.js';
import type { MatrixCapability, MatrixCycle, MatrixDriverInput, MatrixSubmission } from './model.js';

/** A value the matrix needs that is missing or of the wrong kind. */
export interface FieldProblem {
  pointer: string;
  message: string;
}

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function text(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function textList(v: unknown): string[] | undefined {
  return Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined;
}

function count(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : undefined;
}

/** The drivers of drivers.yaml (entries without a readable id or status are problems). */
export function extractDrivers(data: unknown, problems: FieldProblem[]): MatrixDriverInput[] {
  const list = isObj(data) ? data.drivers : undefined;
  if (!Array.isArray(list)) {
    problems.push({ pointer: '/drivers', message: 'drivers must be a list of drivers' });
    return [];
  }
  const out: MatrixDriverInput[] = [];
  list.forEach((d, i) => {
    const at = `/drivers/${i}`;
    const id = isObj(d) ? text(d.id) : undefined;
    const status = isObj(d) ? text(d.status) : undefined;
    if (!isObj(d) || id === undefined)
      return void problems.push({ pointer: `${at}/id`, message: 'a driver needs an id' });
    if (!(DRIVER_STATUSES as readonly string[]).includes(status ?? ''))
      return void problems.push({
        pointer: `${at}/status`,
        message: 'status must be supported, unsupported or removed',
      });
    const features: Partial<Record<FeatureId, boolean>> = {};
    if (isObj(d.features)) for (const f of FEATURE_IDS) if (d.features[f] === true) features[f] = true;
    out.push({
      id,
      name: text(d.name) ?? id,
      vendor: text(d.vendor) ?? '',
      protocols: textList(d.protocols) ?? [],
      status: status as DriverStatus,
      maintainers: textList(d.maintainers) ?? [],
      features,
    });
  });
  return out;
}

/** One cycle.yaml; `name` is its folder's name. */
export function extractCycle(name: string, data: unknown, problems: FieldProblem[]): MatrixCycle | undefined {
  if (!isObj(data)) return void problems.push({ pointer: '', message: 'cycle.yaml must be a mapping' });
  const state = data.state;
  const opened = text(data.opened);
  if (state !== 'open' && state !== 'closed')
    problems.push({ pointer: '/state', message: 'state must be open or closed' });
  if (opened === undefined) problems.push({ pointer: '/opened', message: 'opened must be a date' });
  if (state === 'closed' && text(data.closed) === undefined)
    problems.push({ pointer: '/closed', message: 'a closed cycle needs its closed date' });
  if (!isObj(data.capabilities)) problems.push({ pointer: '/capabilities', message: 'capabilities must be a mapping' });
  if ((state !== 'open' && state !== 'closed') || opened === undefined || !isObj(data.capabilities)) return undefined;
  const capabilities: MatrixCapability[] = [];
  for (const [id, c] of Object.entries(data.capabilities)) {
    if (!isObj(c)) {
      problems.push({ pointer: `/capabilities/${id}`, message: 'a capability must be a mapping' });
      continue;
    }
    const cap: MatrixCapability = {
      id,
      description: text(c.description) ?? '',
      required: c.required === true,
      tests: Array.isArray(c.tests) ? c.tests.length : 0,
    };
    if ((FEATURE_IDS as readonly unknown[]).includes(c.feature)) cap.feature = c.feature as FeatureId;
    capabilities.push(cap);
  }
  capabilities.sort((a, b) => compareText(a.id, b.id));
  const cycle: MatrixCycle = { name, state, opened, capabilities };
  const codename = text(data.codename);
  if (codename !== undefined) cycle.codename = codename;
  const closed = text(data.closed);
  if (state === 'closed' && closed !== undefined) cycle.closed = closed;
  return cycle;
}

const OUTCOMES: readonly string[] = ['passed', 'failed', 'missing'];

/** One result.yaml, in the folder results/<cycle>/<driver>/. */
export function extractSubmission(
  cycle: string,
  driver: string,
  data: unknown,
  problems: FieldProblem[],
): MatrixSubmission | undefined {
  if (!isObj(data)) return void problems.push({ pointer: '', message: 'result.yaml must be a mapping' });
  const before = problems.length;
  const need = <T>(pointer: string, v: T | undefined, what: string): T | undefined => {
    if (v === undefined) problems.push({ pointer, message: `${pointer.slice(1)} must be ${what}` });
    return v;
  };
  const verdict =
    data.verdict === 'passed' || data.verdict === 'failed'
      ? data.verdict
      : need('/verdict', undefined, 'passed or failed');
  const submitted = need('/submitted', text(data.submitted), 'a date');
  const results = isObj(data.results) ? data.results : {};
  const total = need('/results/total', count(results.total), 'a whole number');
  const passed = need('/results/passed', count(results.passed), 'a whole number');
  const failed = need('/results/failed', count(results.failed), 'a whole number');
  const skipped = need('/results/skipped', count(results.skipped), 'a whole number');
  const failedTests = need('/failed_tests', textList(data.failed_tests), 'a list of test ids');
  const caps = isObj(data.capabilities) ? data.capabilities : undefined;
  need('/capabilities', caps, 'a mapping from capability id to passed, failed or missing');
  const capabilities: Record<string, CapabilityOutcome> = {};
  for (const id of Object.keys(caps ?? {}).sort(compareText)) {
    const o = caps![id];
    if (typeof o === 'string' && OUTCOMES.includes(o)) capabilities[id] = o as CapabilityOutcome;
    else
      problems.push({
        pointer: `/capabilities/${id}`,
        message: `capabilities/${id} must be passed, failed or missing`,
      });
  }
  let withdrawn: MatrixSubmission['withdrawn'];
  if (data.withdrawn !== undefined) {
    const w = isObj(data.withdrawn) ? data.withdrawn : {};
    const date = need(
      '/withdrawn/date',
      text(w.date),
      'a date (a withdrawal must be readable: it must never show as a result)',
    );
    const reason = need(
      '/withdrawn/reason',
      text(w.reason),
      'text (a withdrawal must be readable: it must never show as a result)',
    );
    if (date !== undefined && reason !== undefined) withdrawn = { date, reason };
  }
  if (problems.length > before || verdict === undefined || submitted === undefined || failedTests === undefined)
    return undefined;
  const env = isObj(data.environment) ? data.environment : {};
  const backend = isObj(env.backend)
    ? [text(env.backend.model), text(env.backend.version)].filter((x) => x !== undefined).join(' ')
    : '';
  const sub: MatrixSubmission = {
    cycle,
    driver,
    path: `results/${cycle}/${driver}/`,
    submitted,
    submitter: text(data.submitter) ?? '',
    verdict,
    counts: { total: total!, passed: passed!, failed: failed!, skipped: skipped! },
    failedTests: [...failedTests],
    capabilities,
  };
  const protocol = text(env.protocol);
  if (protocol !== undefined) sub.protocol = protocol;
  if (backend !== '') sub.backend = backend;
  const notes = text(data.notes);
  if (notes !== undefined && notes.trim() !== '') sub.notes = notes;
  if (withdrawn) sub.withdrawn = withdrawn;
  return sub;
}
