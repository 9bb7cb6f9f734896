// From the inputs to the matrix model: pure, and independent of the order the inputs come in.
import { FEATURE_IDS } from '../model.js';
import { compareText } from './order.js';
import { featureClaims } from './claims.js';
import {
  standingOf,
  type CapabilitySummary,
  type CycleSummary,
  type MatrixCycle,
  type MatrixDriver,
  type MatrixInputs,
  type MatrixModel,
  type MatrixSubmission,
} from './model.js';
import { own } from '../own.js';
import { newestClosed } from '../repo.js';

/** Build the matrix model; throws only on an input no matrix can be built from (two open cycles). */
export function buildMatrixModel(inputs: MatrixInputs): MatrixModel {
  const cycles = [...inputs.cycles].sort(newestCycleFirst);
  const cycleOrder = new Map(cycles.map((c, i) => [c.name, i]));
  const current = currentCycle(cycles);
  const last = newestClosed(cycles);
  const byDriver = new Map<string, MatrixSubmission[]>();
  for (const s of inputs.submissions) {
    if (!cycleOrder.has(s.cycle)) continue;
    const list = byDriver.get(s.driver);
    if (list) list.push(s);
    else byDriver.set(s.driver, [s]);
  }
  const cyclesByName = new Map(cycles.map((c) => [c.name, c]));
  const drivers: MatrixDriver[] = uniqueDrivers(inputs.drivers).map((d) => {
    const history = (byDriver.get(d.id) ?? []).sort((a, b) => cycleOrder.get(a.cycle)! - cycleOrder.get(b.cycle)!);
    const inCycle = (name: string | undefined) =>
      name === undefined ? null : (history.find((s) => s.cycle === name) ?? null);
    const lastSub = inCycle(last?.name);
    const currentSub = inCycle(current?.name);
    const standing = (s: MatrixSubmission | null) => s !== null && standingOf(s) !== 'withdrawn';
    return {
      id: d.id,
      name: d.name,
      vendor: d.vendor,
      protocols: [...d.protocols],
      status: d.status,
      maintainers: [...d.maintainers],
      last: lastSub,
      current: currentSub,
      history,
      claims: featureClaims(
        FEATURE_IDS.map((f) => [f, d.features[f] === true]),
        history,
        cyclesByName,
        current,
      ),
      stale: d.status === 'supported' && !standing(lastSub) && !standing(currentSub),
    };
  });
  drivers.sort(
    (a, b) =>
      compareText(a.vendor.toLowerCase(), b.vendor.toLowerCase()) ||
      compareText(a.vendor, b.vendor) ||
      compareText(a.name.toLowerCase(), b.name.toLowerCase()) ||
      compareText(a.name, b.name) ||
      compareText(a.id, b.id),
  );
  return {
    current: current?.name ?? null,
    last: last?.name ?? null,
    cycles,
    drivers,
    summary: cycles.map((c) => summarise(c, drivers)),
    capabilities: current ? capabilitySummaries(current, drivers) : [],
  };
}

/** Newest first: by opened date, then closed date, then name (all descending). */
function newestCycleFirst(a: MatrixCycle, b: MatrixCycle): number {
  return (
    compareText(b.opened, a.opened) ||
    compareText(b.closed ?? '9999', a.closed ?? '9999') ||
    compareText(b.name, a.name)
  );
}

/** The open cycle; several open cycles are an error the caller reports. */
function currentCycle(cycles: MatrixCycle[]): MatrixCycle | undefined {
  const open = cycles.filter((c) => c.state === 'open');
  if (open.length > 1)
    throw new MatrixBuildError(
      `${open.length} cycles are open (${open.map((c) => c.name).join(', ')}); at most one may be`,
    );
  return open[0];
}

/** The first entry of each driver id (validate reports duplicates). */
function uniqueDrivers<T extends { id: string }>(drivers: T[]): T[] {
  const seen = new Set<string>();
  return drivers.filter((d) => !seen.has(d.id) && seen.add(d.id));
}

function summarise(c: MatrixCycle, drivers: MatrixDriver[]): CycleSummary {
  const s: CycleSummary = {
    cycle: c.name,
    state: c.state,
    drivers: 0,
    passed: 0,
    failed: 0,
    withdrawn: 0,
    notSubmitted: 0,
  };
  for (const d of drivers) {
    if (d.status === 'removed') continue;
    s.drivers++;
    const sub = d.history.find((h) => h.cycle === c.name);
    if (!sub) s.notSubmitted++;
    else s[standingOf(sub)]++;
  }
  return s;
}

function capabilitySummaries(current: MatrixCycle, drivers: MatrixDriver[]): CapabilitySummary[] {
  const standing = drivers.flatMap((d) => (d.current && standingOf(d.current) !== 'withdrawn' ? [d.current] : []));
  const caps = [...current.capabilities].sort(
    (a, b) => Number(b.required) - Number(a.required) || compareText(a.id, b.id),
  );
  return caps.map((cap) => {
    const out: CapabilitySummary = { ...cap, passed: 0, failed: 0, missing: 0, notReported: 0 };
    for (const s of standing) {
      const o = own(s.capabilities, cap.id);
      if (o === 'passed' || o === 'failed' || o === 'missing') out[o]++;
      else out.notReported++;
    }
    return out;
  });
}

/** The inputs cannot make a matrix (e.g. two open cycles). */
export class MatrixBuildError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MatrixBuildError';
  }
}
