// The JSON API, version 1: api/v1/index.json, api/v1/drivers/ID.json and api/v1/cycles/NAME.json,
// described by schemas/api/*.schema.json. Stable: a change that is not an addition is version 2.
// Contributor text is returned as written: a client renders it as text.
import type { Counts, Cycle, Driver } from '../model.js';
import type { MatrixDriver, MatrixModel } from '../matrix/model.js';
import { cycleOutcomes, cycleSubmissions } from './cycle-facts.js';
import { evidencedFeatures, standingIn } from './facts.js';
import { cycleApi, cyclePage, driverApi, driverPage } from './paths.js';

export const API_VERSION = 1;

/** One result of a driver, as api/v1/drivers/ID.json lists them (newest cycle first). */
export interface ApiResult {
  cycle: string;
  verdict: 'passed' | 'failed';
  submitted: string;
  submitter: string;
  protocol: string;
  backend: { model: string; version: string };
  counts: Counts;
  capabilities: Record<string, 'passed' | 'failed' | 'missing'>;
  failedTests: string[];
  withdrawn?: { date: string; reason: string };
  /**
   * When the run happened (UTC), as validate derives it from the bundle; absent in results merged
   * before it was recorded.
   */
  run?: { start: string; end: string };
  /** The submission's folder in the repository. */
  path: string;
}

/** api/v1/index.json: every cycle's summary and every driver's standing. */
export function apiIndex(model: MatrixModel) {
  return {
    apiVersion: API_VERSION,
    current: model.current,
    last: model.last,
    cycles: model.summary.map((s) => ({
      name: s.cycle,
      state: s.state,
      counts: {
        drivers: s.drivers,
        passed: s.passed,
        failed: s.failed,
        withdrawn: s.withdrawn,
        notSubmitted: s.notSubmitted,
      },
      api: cycleApi(s.cycle),
      page: cyclePage(s.cycle),
    })),
    drivers: model.drivers.map((d) => ({
      id: d.id,
      name: d.name,
      vendor: d.vendor,
      protocols: d.protocols,
      status: d.status,
      stale: d.stale,
      last: model.last === null ? null : standingIn(d.last),
      current: model.current === null ? null : standingIn(d.current),
      features: evidencedFeatures(d),
      api: driverApi(d.id),
      page: driverPage(d.id),
    })),
  };
}

/** api/v1/drivers/ID.json: the registry entry, claims beside evidence, and every result. */
export function apiDriver(d: MatrixDriver, entry: Driver) {
  return {
    apiVersion: API_VERSION,
    id: d.id,
    name: d.name,
    vendor: d.vendor,
    class: entry.class,
    protocols: d.protocols,
    maintainers: d.maintainers,
    status: d.status,
    stale: d.stale,
    ...(entry.url !== undefined ? { url: entry.url } : {}),
    ...(entry.notes !== undefined ? { notes: entry.notes } : {}),
    claims: d.claims,
    results: d.history.map((s): ApiResult => ({
      cycle: s.cycle,
      verdict: s.verdict,
      submitted: s.submitted,
      submitter: s.submitter,
      protocol: s.environment.protocol,
      backend: { model: s.environment.backend.model, version: s.environment.backend.version },
      counts: { ...s.results },
      capabilities: { ...s.capabilities },
      failedTests: s.failed_tests,
      ...(s.withdrawn ? { withdrawn: { date: s.withdrawn.date, reason: s.withdrawn.reason } } : {}),
      ...(s.run ? { run: { start: s.run.start, end: s.run.end } } : {}),
      path: s.path,
    })),
  };
}

/** api/v1/cycles/NAME.json: the cycle, its capabilities with their outcomes, and every driver's standing in it. */
export function apiCycle(c: Cycle, model: MatrixModel) {
  const summary = model.summary.find((s) => s.cycle === c.name)!;
  return {
    apiVersion: API_VERSION,
    name: c.name,
    ...(c.codename !== undefined ? { codename: c.codename } : {}),
    state: c.state,
    opened: c.opened,
    ...(c.closed !== undefined ? { closed: c.closed } : {}),
    ...(c.guideline ? { guideline: { ...c.guideline } } : {}),
    counts: {
      drivers: summary.drivers,
      passed: summary.passed,
      failed: summary.failed,
      withdrawn: summary.withdrawn,
      notSubmitted: summary.notSubmitted,
    },
    capabilities: cycleOutcomes(c, model).map((cap) => ({
      id: cap.id,
      description: cap.description,
      required: cap.required,
      ...(cap.feature !== undefined ? { feature: cap.feature } : {}),
      tests: cap.testIds,
      outcomes: { passed: cap.passed, failed: cap.failed, missing: cap.missing, notReported: cap.notReported },
    })),
    drivers: cycleSubmissions(c.name, model).map(({ driver, submission }) => ({
      id: driver.id,
      standing: standingIn(submission),
      ...(submission ? { submitted: submission.submitted } : {}),
    })),
  };
}

/** A JSON document as the site writes it: two-space indents, a final newline. */
export function jsonFile(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}
