// Honest matching of a run's records to a cycle's tests: by idempotent id across renames, one
// record for at most one cycle test, every matching failure counted, and every rename listed.
import { describe, expect, it } from 'vitest';
import { capabilityOutcomes, evaluateRun } from '../../scripts/lib/results/evaluate.js';
import type { Cycle } from '../../scripts/lib/model.js';
import type { TestRecord } from '../../scripts/lib/formats/types.js';

const X = 'tempest.api.volume.test_x.XTest.test_x';
const X_OLD = 'tempest.api.volume.test_x.XV2Test.test_x';
const Y = 'tempest.api.volume.test_y.YTest.test_y';
const IX = 'id-11111111-1111-4111-8111-111111111111';
const IY = 'id-22222222-2222-4222-8222-222222222222';
const IZ = 'id-33333333-3333-4333-8333-333333333333';

const cycle: Cycle = {
  name: '2025.2',
  state: 'open',
  opened: '2025-10-01',
  capabilities: {
    x: { description: 'x', required: true, tests: [{ id: X, idempotent_id: IX, aliases: [X_OLD] }] },
    y: { description: 'y', required: true, tests: [{ id: Y, idempotent_id: IY }] },
    // The same test listed under a second capability is one cycle test.
    'x-again': { description: 'x again', required: false, tests: [{ id: X, idempotent_id: IX }] },
  },
};

const run = (...tests: [string, TestRecord['status']][]): TestRecord[] => tests.map(([id, status]) => ({ id, status }));
const evaluate = (...tests: [string, TestRecord['status']][]) => evaluateRun(run(...tests), cycle, 'nfs');
const outcomes = (...tests: [string, TestRecord['status']][]) => capabilityOutcomes(evaluate(...tests));

describe('matching a run to the cycle', () => {
  it('passes a test matched by idempotent id, id or alias; the same test in two capabilities is one test', () => {
    const ev = evaluate([`${X}[${IX},smoke]`, 'success'], [Y, 'success']);
    expect(capabilityOutcomes(ev)).toEqual({ x: 'passed', 'x-again': 'passed', y: 'passed' });
    expect(ev.refused).toEqual([]);
    expect(ev.renamed).toEqual([]);
    expect(outcomes([X_OLD, 'success'], [Y, 'success']).x).toBe('passed');
  });

  it('fails a cycle test when any record matching it failed, whatever another record says', () => {
    // by idempotent id under a new name, beside a success under its id
    expect(outcomes([X, 'success'], [`a.b.Renamed.test_x[${IX}]`, 'fail'], [Y, 'success']).x).toBe('failed');
    // by alias, beside a success by idempotent id
    expect(outcomes([`${X}[${IX}]`, 'success'], [X_OLD, 'fail'], [Y, 'success']).x).toBe('failed');
  });

  it('lists a cycle test matched only by idempotent id under another name', () => {
    const ev = evaluate([`a.b.Renamed.test_x[${IX}]`, 'success'], [Y, 'success']);
    expect(capabilityOutcomes(ev).x).toBe('passed');
    expect(ev.renamed).toEqual([{ test: X, as: 'a.b.Renamed.test_x' }]);
    // …but not one also matched by its name
    expect(evaluate([`a.b.Renamed.test_x[${IX}]`, 'success'], [X, 'success']).renamed).toEqual([]);
  });

  it('refuses a record carrying several idempotent ids: it satisfies none, its failure fails each', () => {
    const ev = evaluate([`a.b.C.test_both[${IX},${IY}]`, 'success']);
    expect(ev.refused).toEqual([
      { record: `a.b.C.test_both[${IX},${IY}]`, tests: [X, Y], why: 'several-idempotent-ids' },
    ]);
    expect(capabilityOutcomes(ev)).toMatchObject({ x: 'missing', y: 'missing' });
    expect(outcomes([`a.b.C.test_both[${IX},${IY}]`, 'fail'])).toMatchObject({ x: 'failed', y: 'failed' });
    // a repeated id is one id
    expect(evaluate([`${X}[${IX},smoke,${IX}]`, 'success']).refused).toEqual([]);
  });

  it("refuses a record named as one cycle test carrying another's idempotent id", () => {
    const ev = evaluate([`${X}[${IY}]`, 'success'], [`${Y}[${IY}]`, 'success']);
    expect(ev.refused).toEqual([{ record: `${X}[${IY}]`, tests: [X, Y], why: 'name-and-idempotent-id-differ' }]);
    expect(capabilityOutcomes(ev)).toMatchObject({ x: 'missing', y: 'passed' });
    // The alias counts as the name; an idempotent id the cycle does not know leaves the name to match.
    expect(evaluate([`${X_OLD}[${IY}]`, 'success']).refused).toHaveLength(1);
    expect(outcomes([`${X}[${IZ}]`, 'success'], [Y, 'success']).x).toBe('passed');
  });

  it('lets one record stand for at most one cycle test', () => {
    const shared: Cycle = {
      ...cycle,
      capabilities: {
        x: { description: 'x', required: true, tests: [{ id: X, aliases: ['a.b.Old.test'] }] },
        y: { description: 'y', required: true, tests: [{ id: Y, aliases: [X, 'a.b.Old.test'] }] },
      },
    };
    // X is x's id and y's alias: it stands for x only.
    const ev = evaluateRun(run([X, 'success']), shared, 'nfs');
    expect(capabilityOutcomes(ev)).toEqual({ x: 'passed', y: 'missing' });
    // An alias both share stands for neither.
    const both = evaluateRun(run(['a.b.Old.test', 'success']), shared, 'nfs');
    expect(both.refused).toEqual([{ record: 'a.b.Old.test', tests: [X, Y], why: 'several-cycle-tests' }]);
    expect(capabilityOutcomes(both)).toEqual({ x: 'missing', y: 'missing' });
  });
});
