// From the record to the matrix model: pure, and independent of the order the record lists things in.
import { FEATURE_IDS, type Cycle, type RepoModel, type Submission } from '../model.js';
import { cycleRoles } from '../cycles/roles.js';
import { compareText } from './order.js';
import { featureClaims } from './claims.js';
import {
  capabilityList,
  standingOf,
  type CapabilitySummary,
  type CycleSummary,
  type MatrixDriver,
  type MatrixModel,
} from './model.js';
import { own } from '../own.js';

/** Build the matrix model (with several open cycles there is no current cycle: `matrix` refuses that before). */
export function buildMatrixModel(record: RepoModel): MatrixModel {
  const cycles = [...record.cycles].sort(newestCycleFirst);
  const cycleOrder = new Map(cycles.map((c, i) => [c.name, i]));
  const { current, last } = cycleRoles(cycles);
  const byDriver = new Map<string, Submission[]>();
  for (const s of record.submissions) {
    if (!cycleOrder.has(s.cycle)) continue;
    const list = byDriver.get(s.driver);
    if (list) list.push(s);
    else byDriver.set(s.driver, [s]);
  }
  const cyclesByName = new Map(cycles.map((c) => [c.name, c]));
  const drivers: MatrixDriver[] = uniqueDrivers(record.drivers).map((d) => {
    const history = (byDriver.get(d.id) ?? []).sort((a, b) => cycleOrder.get(a.cycle)! - cycleOrder.get(b.cycle)!);
    const inCycle = (name: string | undefined) =>
      name === undefined ? null : (history.find((s) => s.cycle === name) ?? null);
    const lastSub = inCycle(last?.name);
    const currentSub = inCycle(current?.name);
    const standing = (s: Submission | null) => s !== null && standingOf(s) !== 'withdrawn';
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
function newestCycleFirst(a: Cycle, b: Cycle): number {
  return (
    compareText(b.opened, a.opened) ||
    compareText(b.closed ?? '9999', a.closed ?? '9999') ||
    compareText(b.name, a.name)
  );
}

/** The first entry of each driver id (validate reports duplicates). */
function uniqueDrivers<T extends { id: string }>(drivers: readonly T[]): T[] {
  const seen = new Set<string>();
  return drivers.filter((d) => !seen.has(d.id) && seen.add(d.id));
}

function summarise(c: Cycle, drivers: MatrixDriver[]): CycleSummary {
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

function capabilitySummaries(current: Cycle, drivers: MatrixDriver[]): CapabilitySummary[] {
  const standing = drivers.flatMap((d) => (d.current && standingOf(d.current) !== 'withdrawn' ? [d.current] : []));
  const caps = capabilityList(current).sort(
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
