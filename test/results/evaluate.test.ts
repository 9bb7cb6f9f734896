// The verdict and per-capability outcomes, from the tests that ran.
import { describe, expect, it } from 'vitest';
import { evaluateRun, capabilityOutcomes } from '../../scripts/lib/results/evaluate.js';
import { compareSources } from '../../scripts/lib/results/agreement.js';
import type { Cycle } from '../../scripts/lib/model.js';
import type { TestRecord } from '../../scripts/lib/formats/types.js';

const GET = 'tempest.api.volume.test_volumes_get.VolumesGetTest.test_volume_create_get_update_delete';
const GET_OLD = 'tempest.api.volume.test_volumes_get.VolumesV2GetTest.test_volume_create_get_update_delete';
const SNAP =
  'tempest.api.volume.test_volumes_snapshots.VolumesSnapshotTestJSON.test_snapshot_create_get_list_update_delete';
const META = 'tempest.api.volume.test_snapshot_metadata.VolumesMetadataTest.test_update_snapshot_metadata';
const EXTEND = 'tempest.api.volume.test_volumes_extend.VolumesExtendAttachedTest.test_extend_attached_volume';

const cycle: Cycle = {
  name: '2025.2',
  state: 'open',
  opened: '2025-10-01',
  capabilities: {
    'volumes-v3-get': {
      description: 'get',
      required: true,
      tests: [{ id: GET, idempotent_id: 'id-27fb0e9f-fb64-41dd-8bdb-1ffa762f0d51', aliases: [GET_OLD] }],
    },
    'volumes-v3-snapshot': {
      description: 'snapshots',
      required: true,
      tests: [
        { id: SNAP, idempotent_id: 'id-2a8abbe4-d871-46db-b049-c41f5af8216e' },
        {
          id: META,
          idempotent_id: 'id-bd2363bc-de92-48a4-bc98-28943c6e4be1',
          flagged: { reason: 'removed from tempest' },
        },
      ],
    },
    'feature-online-extend': {
      description: 'extend attached',
      required: false,
      feature: 'online_extend_support',
      tests: [{ id: EXTEND, idempotent_id: 'id-301f5a30-1c6f-4ea0-be1a-91fd28d44354' }],
    },
  },
  waivers: { lvm: [{ test: EXTEND, reason: 'Known bug in the LVM target helper' }] },
};

const run = (...tests: [string, TestRecord['status']][]): TestRecord[] => tests.map(([id, status]) => ({ id, status }));

describe('evaluateRun', () => {
  it('passes when every required test succeeds, matching by idempotent id across a rename', () => {
    const ev = evaluateRun(
      run(
        [
          `${GET_OLD.replace('VolumesV2GetTest', 'RenamedTest')}[id-27fb0e9f-fb64-41dd-8bdb-1ffa762f0d51,smoke]`,
          'success',
        ],
        [SNAP, 'success'],
        [EXTEND, 'success'],
      ),
      cycle,
      'nfs',
    );
    expect(ev.verdict).toBe('passed');
    expect(capabilityOutcomes(ev)).toEqual({
      'feature-online-extend': 'passed',
      'volumes-v3-get': 'passed',
      'volumes-v3-snapshot': 'passed',
    });
  });

  it('matches by alias when the run uses an old name without attributes', () => {
    const ev = evaluateRun(run([GET_OLD, 'success'], [SNAP, 'success']), cycle, 'nfs');
    expect(capabilityOutcomes(ev)['volumes-v3-get']).toBe('passed');
    expect(ev.verdict).toBe('passed');
  });

  it('a required test that never ran makes its capability missing and the verdict failed', () => {
    const ev = evaluateRun(run([SNAP, 'success']), cycle, 'nfs');
    expect(ev.capabilities.find((c) => c.id === 'volumes-v3-get')).toMatchObject({
      outcome: 'missing',
      shortfalls: [{ test: GET, outcome: 'missing' }],
    });
    expect(ev.verdict).toBe('failed');
  });

  it('a skipped required test is missing, listed among skipped tests', () => {
    const ev = evaluateRun(run([GET, 'skip'], [SNAP, 'success']), cycle, 'nfs');
    expect(capabilityOutcomes(ev)['volumes-v3-get']).toBe('missing');
    expect(ev.skippedTests).toEqual([GET]);
    expect(ev.verdict).toBe('failed');
  });

  it('failure dominates: a failed and a missing test make the capability failed', () => {
    const c: Cycle = {
      ...cycle,
      capabilities: { x: { description: 'x', required: true, tests: [{ id: GET }, { id: SNAP }] } },
    };
    expect(capabilityOutcomes(evaluateRun(run([GET, 'fail']), c, 'nfs')).x).toBe('failed');
  });

  it('an unexpected success anywhere fails the verdict, even outside the cycle', () => {
    const ev = evaluateRun(
      run(
        [GET, 'success'],
        [SNAP, 'success'],
        ['tempest.api.volume.test_other.T.test_x[id-00000000-0000-4000-8000-000000000000]', 'uxsuccess'],
      ),
      cycle,
      'nfs',
    );
    expect(ev.failedTests).toEqual(['tempest.api.volume.test_other.T.test_x[id-00000000-0000-4000-8000-000000000000]']);
    expect(ev.blockingFailures).toEqual([
      'tempest.api.volume.test_other.T.test_x[id-00000000-0000-4000-8000-000000000000]',
    ]);
    expect(ev.verdict).toBe('failed');
  });

  it('an expected failure of a required test does not count as its success', () => {
    expect(
      capabilityOutcomes(evaluateRun(run([GET, 'xfail'], [SNAP, 'success']), cycle, 'nfs'))['volumes-v3-get'],
    ).toBe('failed');
  });

  it('a test that started and never finished is a failure', () => {
    const ev = evaluateRun(run([GET, 'incomplete'], [SNAP, 'success']), cycle, 'nfs');
    expect(ev.failedTests).toEqual([GET]);
    expect(ev.verdict).toBe('failed');
  });

  it('a failure the source counts but shows no record of (process-returncode in subunit-trace) fails the verdict', () => {
    const tests = run([GET, 'success'], [SNAP, 'success']);
    expect(evaluateRun(tests, cycle, 'nfs').verdict).toBe('passed');
    const ev = evaluateRun(tests, cycle, 'nfs', 1);
    expect(ev.verdict).toBe('failed');
    expect(capabilityOutcomes(ev)['volumes-v3-get']).toBe('passed');
  });

  it('flagged tests are not required, and their failure does not fail the verdict', () => {
    const ev = evaluateRun(run([GET, 'success'], [SNAP, 'success'], [META, 'fail']), cycle, 'nfs');
    expect(ev.capabilities.find((c) => c.id === 'volumes-v3-snapshot')!.excused).toEqual([
      { test: META, why: 'flagged' },
    ]);
    expect(ev.failedTests).toEqual([META]);
    expect(ev.verdict).toBe('passed');
  });

  it('waivers apply to their driver only', () => {
    const failingExtend = run([GET, 'success'], [SNAP, 'success'], [EXTEND, 'fail']);
    expect(evaluateRun(failingExtend, cycle, 'lvm').verdict).toBe('passed');
    const nfs = evaluateRun(failingExtend, cycle, 'nfs');
    expect(nfs.verdict).toBe('failed');
    expect(capabilityOutcomes(nfs)['feature-online-extend']).toBe('failed');
  });

  it('an optional capability that fails still fails the verdict through its failure', () => {
    expect(evaluateRun(run([GET, 'success'], [SNAP, 'success'], [EXTEND, 'fail']), cycle, 'nfs').verdict).toBe(
      'failed',
    );
    // …while one that never ran leaves the verdict alone.
    const ev = evaluateRun(run([GET, 'success'], [SNAP, 'success']), cycle, 'nfs');
    expect(capabilityOutcomes(ev)['feature-online-extend']).toBe('missing');
    expect(ev.verdict).toBe('passed');
  });
});

describe('class and module fixtures (unittest reports one result for a class broken or skipped in setUpClass)', () => {
  const GET_CLASS = 'tempest.api.volume.test_volumes_get.VolumesGetTest';
  const outcome = (...tests: [string, TestRecord['status']][]) =>
    evaluateRun(run(...tests, [SNAP, 'success']), cycle, 'nfs').capabilities.find((c) => c.id === 'volumes-v3-get')!;

  it('a required test whose class failed in setUpClass failed', () => {
    expect(outcome([`setUpClass (${GET_CLASS})`, 'fail'])).toMatchObject({
      outcome: 'failed',
      shortfalls: [{ test: GET, outcome: 'failed', status: 'fail' }],
    });
  });

  it('one whose class was skipped in setUpClass was skipped: missing, not failed', () => {
    expect(outcome([`setUpClass (${GET_CLASS})`, 'skip'])).toMatchObject({
      outcome: 'missing',
      shortfalls: [{ test: GET, outcome: 'missing', status: 'skip' }],
    });
  });

  it("a module's setUpModule covers its classes; an alias's class counts too; a JUnit classname prefix is read", () => {
    expect(outcome(['setUpModule (tempest.api.volume.test_volumes_get)', 'fail']).outcome).toBe('failed');
    expect(outcome(['setUpClass (tempest.api.volume.test_volumes_get.VolumesV2GetTest)', 'fail']).outcome).toBe(
      'failed',
    );
    expect(outcome([`unittest.suite._ErrorHolder.setUpClass (${GET_CLASS})`, 'fail']).outcome).toBe('failed');
  });

  it('a failing setUpClass fails its tests even beside a success record of them', () => {
    expect(outcome([GET, 'success'], [`setUpClass (${GET_CLASS})`, 'fail']).outcome).toBe('failed');
  });

  it('leaves alone other classes, a class whose name only starts alike, and a failing tearDownClass', () => {
    expect(outcome([GET, 'success'], [`setUpClass (${GET_CLASS}JSON)`, 'fail']).outcome).toBe('passed');
    expect(outcome([GET, 'success'], ['setUpClass (tempest.api.volume.test_other.T)', 'fail']).outcome).toBe('passed');
    // The tests ran before tearDownClass failed: they keep their own outcome (the fixture fails the verdict).
    const ev = evaluateRun(
      run([GET, 'success'], [SNAP, 'success'], [`tearDownClass (${GET_CLASS})`, 'fail']),
      cycle,
      'nfs',
    );
    expect(capabilityOutcomes(ev)['volumes-v3-get']).toBe('passed');
    expect(ev.blockingFailures).toEqual([`tearDownClass (${GET_CLASS})`]);
  });
});

describe('compareSources', () => {
  const r = (tests: TestRecord[]) => ({ format: 'subunit-v2' as const, tests, problems: [] });
  it('agrees across formats on outcome class, ignoring attributes', () => {
    expect(
      compareSources([
        { label: 'a.subunit', results: r(run([`${GET}[id-x,smoke]`, 'xfail'], [SNAP, 'uxsuccess'])) },
        { label: 'cert.log', results: r(run([GET, 'success'], [SNAP, 'fail'])) },
      ]),
    ).toEqual({ disagreements: [], count: 0 });
  });

  it('reports a test held by one source only, or with another outcome', () => {
    expect(
      compareSources([
        { label: 'a.subunit', results: r(run([GET, 'success'], [SNAP, 'skip'])) },
        { label: 'b.xml', results: r(run([GET, 'fail'])) },
      ]),
    ).toEqual({
      disagreements: [
        { test: GET, outcomes: { 'a.subunit': 'passed', 'b.xml': 'failed' } },
        { test: SNAP, outcomes: { 'a.subunit': 'skipped', 'b.xml': 'absent' } },
      ],
      count: 2,
    });
  });

  it('lists the first disagreements and counts them all', () => {
    const many = Array.from(
      { length: 250 },
      (_, i) => [`t.T.test_${String(i).padStart(3, '0')}`, 'success'] as [string, TestRecord['status']],
    );
    const c = compareSources(
      [
        { label: 'a', results: r(run(...many)) },
        { label: 'b', results: r([]) },
      ],
      100,
    );
    expect(c.count).toBe(250);
    expect(c.disagreements).toHaveLength(100);
  });
});
