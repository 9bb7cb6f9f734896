// Ids contributors choose (capability ids, driver ids) are keys of plain objects; one named
// like a property of Object.prototype (`constructor` is a valid id) must never read
// Object.prototype's value. Before the fix, the reviewer's report crashed ("Cannot read
// properties of undefined (reading 'push')") and MATRIX.md printed
// "function Object() { [native code] }" as a capability outcome.
import { describe, expect, it } from 'vitest';
import { buildMatrixModel } from '../../scripts/lib/matrix/build.js';
import { renderMatrix } from '../../scripts/lib/matrix/render.js';
import { loadRepo } from '../../scripts/lib/repo.js';
import { repoModel } from '../../scripts/lib/repo-model.js';
import { requiredOutcomes } from '../../scripts/lib/report/review.js';
import { evaluateRun } from '../../scripts/lib/results/evaluate.js';
import { mergeGuideline } from '../../scripts/lib/cycles/cycle-file.js';
import type { Capability, Cycle } from '../../scripts/lib/model.js';
import { makeCapabilities, makeCycle, makeDriver, makeResult, writeRepo } from '../matrix/fixtures.js';

const TEST = 'tempest.api.volume.test_hostile.HostileTest.test_constructor';
const constructorCap: Capability = {
  description: 'a capability named like an Object.prototype property',
  required: true,
  tests: [{ id: TEST }],
};

describe('a capability or driver named `constructor`', () => {
  it('counts as missing in the reviewer report when the result does not list it', () => {
    const cycle = makeCycle('2025.2', {
      state: 'open',
      closed: undefined,
      capabilities: { ...makeCapabilities(), constructor: constructorCap },
    });
    expect(requiredOutcomes(cycle, makeResult())).toEqual({
      passed: ['volumes-create'],
      failed: [],
      missing: ['constructor'],
    });
  });

  it('reads as "not reported" in MATRIX.md, never as Object.prototype.constructor', () => {
    const cycle = makeCycle('2025.2', {
      state: 'open',
      opened: '2025-10-01',
      closed: undefined,
      capabilities: { ...makeCapabilities(), constructor: constructorCap },
    });
    const root = writeRepo({ drivers: [makeDriver('lvm')], cycles: [cycle], results: [makeResult()] });
    const md = renderMatrix(buildMatrixModel(repoModel(loadRepo(root))));
    expect(md).not.toContain('native code');
    expect(md).toContain('`constructor` not reported');
  });

  it('has no waivers unless the cycle lists some for it', () => {
    const cycle: Cycle = {
      ...makeCycle('2025.2'),
      waivers: { lvm: [{ test: TEST, reason: 'a waiver for another driver' }] },
    };
    expect(() => evaluateRun([{ id: TEST, status: 'success' }], cycle, 'constructor')).not.toThrow();
  });

  it('keeps a feature capability named `constructor` when a guideline is imported', () => {
    const feature: Capability = { ...constructorCap, required: false, feature: 'qos' };
    const merged = mergeGuideline(
      { constructor: feature },
      { ref: { id: '2020.06', schema: '2.0' }, capabilities: {}, statuses: {} },
    );
    expect(Object.hasOwn(merged, 'constructor')).toBe(true);
  });
});
