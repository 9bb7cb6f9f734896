// buildMatrixModel and renderMatrix are pure: the same inputs in any order give the same
// bytes, and the rules (current, last, staleness, evidence) follow docs/design.md.
import { describe, expect, it } from 'vitest';
import { buildMatrixModel } from '../../scripts/lib/matrix/build.js';
import { renderMatrix } from '../../scripts/lib/matrix/render.js';
import type { Capability, Cycle, RepoModel, Result, Submission } from '../../scripts/lib/model.js';
import { features, makeDriver, makeResult, seededRandom } from './fixtures.js';

const caps: Record<string, Capability> = {
  'volumes-create': { description: 'create', required: true, tests: [{ id: 'tempest.api.volume.T.test_create' }] },
  'feature-qos': {
    description: 'QoS API',
    required: false,
    feature: 'qos',
    tests: Array.from({ length: 7 }, (_, i) => ({ id: `tempest.api.volume.admin.Q.test_${i}` })),
  },
};

function cycle(name: string, opened: string, closed?: string): Cycle {
  return closed
    ? { name, state: 'closed', opened, closed, capabilities: caps }
    : { name, state: 'open', opened, capabilities: caps };
}

function sub(driver: string, c: string, over: Partial<Result> = {}): Submission {
  const r = makeResult({
    driver,
    cycle: c,
    submitted: '2025-01-01',
    results: { total: 2, passed: 2, failed: 0, skipped: 0 },
    capabilities: { 'volumes-create': 'passed', 'feature-qos': 'passed' },
  });
  return { ...r, ...over, path: `results/${c}/${driver}/` };
}

function inputs(): RepoModel {
  return {
    coreReviewers: ['drivercert/core-reviewers'],
    drivers: ['a', 'b', 'c', 'd'].map((id) =>
      makeDriver(id, { name: id.toUpperCase(), vendor: id === 'd' ? 'Alpha' : 'Beta', features: features('qos') }),
    ),
    cycles: [
      cycle('2024.2', '2024-10-01', '2025-04-01'),
      cycle('2025.1', '2025-04-01', '2025-10-01'),
      cycle('2025.2', '2025-10-01'),
    ],
    submissions: [
      sub('a', '2025.2'),
      sub('a', '2024.2'),
      sub('b', '2025.1', { withdrawn: { date: '2025-06-01', reason: 'wrong' } }),
      sub('b', '2024.2', { capabilities: { 'feature-qos': 'failed' } }),
      sub('c', '2024.2'),
    ],
  };
}

function shuffled<T>(list: T[], rnd: () => number): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('buildMatrixModel', () => {
  it('gives the same Markdown for the inputs in any order', () => {
    const expected = renderMatrix(buildMatrixModel(inputs()));
    const rnd = seededRandom(7);
    for (let i = 0; i < 20; i++) {
      const x = inputs();
      const again = renderMatrix(
        buildMatrixModel({
          coreReviewers: x.coreReviewers,
          drivers: shuffled(x.drivers, rnd),
          cycles: shuffled(x.cycles, rnd),
          submissions: shuffled(x.submissions, rnd),
        }),
      );
      expect(again).toBe(expected);
    }
  });

  it('takes the open cycle as current and the newest closed one as last', () => {
    const m = buildMatrixModel(inputs());
    expect([m.current, m.last]).toEqual(['2025.2', '2025.1']);
    expect(m.cycles.map((c) => c.name)).toEqual(['2025.2', '2025.1', '2024.2']);
    expect(m.drivers.map((d) => d.id)).toEqual(['d', 'a', 'b', 'c']);
  });

  it('marks supported drivers stale without a standing result in the last or current cycle', () => {
    const m = buildMatrixModel(inputs());
    expect(Object.fromEntries(m.drivers.map((d) => [d.id, d.stale]))).toEqual({ a: false, b: true, c: true, d: true });
  });

  it('reads evidence from the latest result that stands, skipping withdrawn ones', () => {
    const m = buildMatrixModel(inputs());
    const qos = (id: string) => m.drivers.find((d) => d.id === id)!.claims.find((c) => c.feature === 'qos')!;
    expect(qos('a')).toMatchObject({ evidence: 'evidenced', cycle: '2025.2', capabilities: ['feature-qos'] });
    expect(qos('b')).toMatchObject({ evidence: 'failed', cycle: '2024.2' });
    expect(qos('d')).toMatchObject({ evidence: 'not-evidenced', cycle: '2025.2' });
    expect(m.drivers.find((d) => d.id === 'a')!.claims.find((c) => c.feature === 'volume_replication')).toMatchObject({
      claimed: false,
      evidence: 'no-test',
    });
  });

  it('has no current cycle when two are open (`matrix` refuses such a repository before building)', () => {
    const x = inputs();
    x.cycles.push(cycle('2026.1', '2026-01-01'));
    const m = buildMatrixModel(x);
    expect([m.current, m.last]).toEqual([null, '2025.1']);
    expect(m.drivers.every((d) => d.current === null)).toBe(true);
  });
});
