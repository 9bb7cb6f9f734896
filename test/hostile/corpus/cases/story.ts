// Runs whose sources contradict themselves or their matching (issue 13, items 5 and 6), each built
// the way a vendor would edit an honest run, each beside the honest run `validate` accepts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { testPackets } from '../../../../scripts/lib/formats/subunit-v2-writer.js';
import type { Cycle } from '../../../../scripts/lib/model.js';
import { ROOT } from '../../../helpers/cli.js';
import { certLogText } from '../../../helpers/submission.js';
import { RUN_START, TEST_IDS, certLog, concat, passingTest, traceLine } from '../bytes.js';
import { LVM_CLASS, certLogOf } from '../submission.js';
import type { Case } from '../types.js';

const [A, S] = TEST_IDS;
/** The idempotent ids the 2025.2 cycle gives A and S. */
const IA = 'id-27fb0e9f-fb64-41dd-8bdb-1ffa762f0d51';
const IS = 'id-2a8abbe4-d871-46db-b049-c41f5af8216e';
const subunit = (bytes: ReturnType<typeof concat>) => ({ name: 'tempest.subunit', bytes });
const TRACEBACK = 'Traceback (most recent call last):\nAssertionError: volume did not become available\n';
const withTraceback = (status: 'success' | 'fail') =>
  Buffer.concat(testPackets({ id: A, status, start: RUN_START, seconds: 1, traceback: TRACEBACK }));

/** Every test of the 2025.2 cycle (flagged ones excepted), as its idempotent id names it. */
const cycleTests = (() => {
  const cycle = parse(readFileSync(join(ROOT, 'results/2025.2/cycle.yaml'), 'utf8')) as Cycle;
  const ids = Object.values(cycle.capabilities).flatMap((c) => c.tests.filter((t) => !t.flagged));
  return [...new Map(ids.map((t) => [t.id, `${t.id}[${t.idempotent_id}]`])).values()];
})();

const totals = (ran: number, passed: number, xfail: number, failed: number) =>
  `\n======\nTotals\n======\nRan: ${ran} tests in 2.0000 sec.\n - Passed: ${passed}\n - Skipped: 0\n` +
  ` - Expected Fail: ${xfail}\n - Unexpected Success: 0\n - Failed: ${failed}\n`;

/** A passing console-only run of every cycle test, whose Totals count `xfail` of its `ok`s as expected failures. */
const consoleRun = (xfail: number) => {
  const lines = cycleTests.map((id, i) => traceLine(i % 2, id.replace(/\[.*/, '')));
  return certLog(
    'tempest output',
    concat('running testr\n', ...lines, totals(cycleTests.length, cycleTests.length - xfail, xfail, 0)),
    true,
  );
};
const unattributed = consoleRun(1);

/** One failure among passes, its "Failed N tests" block saying `n`. */
const failedBlock = (n: number) =>
  certLog(
    'tempest output',
    concat(
      'running testr\n',
      traceLine(0, A, '[1.000000s] ... FAILED'),
      traceLine(1, S),
      `\n${'='.repeat(30)}\nFailed ${n} tests - output below:\n${'='.repeat(30)}\n\n${A}\n${'-'.repeat(A.length)}\n\n`,
      totals(2, 1, 0, 1),
    ),
  );
const overstated = failedBlock(2);
const lineOf = (bytes: ReturnType<typeof concat>, text: string) =>
  Buffer.concat([...bytes()].map((b) => Buffer.from(b)))
    .toString('utf8')
    .split('\n')
    .findIndex((l) => l.includes(text)) + 1;

const PASSED_LVM = certLogText(LVM_CLASS, true);

export const storySubunitCases: Case[] = [
  {
    id: 'subunit-two-idempotent-ids',
    kind: 'subunit',
    title: "a test id carrying two cycle tests' idempotent ids, to pass both with one run",
    via: 'bundle',
    member: subunit(concat(passingTest(`${A}[${IA},${IS}]`))),
    inspect: { counts: { total: 1, passed: 1 } },
    expect: { rejects: { says: `${A}[${IA},${IS}] carries several idempotent ids: it stands for none` } },
  },
  {
    id: 'subunit-one-idempotent-id',
    kind: 'subunit',
    title: 'the honest control: the test with its own idempotent id',
    via: 'bundle',
    member: subunit(concat(passingTest(`${A}[${IA}]`))),
    inspect: { counts: { total: 1, passed: 1 } },
    expect: { accepts: true },
  },
  {
    id: 'subunit-relabelled-test',
    kind: 'subunit',
    title: "a test named as one cycle test carrying another's idempotent id (a relabelled run)",
    via: 'bundle',
    member: subunit(concat(passingTest(`${A}[${IS}]`))),
    inspect: { counts: { total: 1, passed: 1 } },
    expect: { rejects: { says: `${A}[${IS}] is named as one cycle test but carries another's idempotent id` } },
  },
  {
    id: 'subunit-renamed-test',
    kind: 'subunit',
    title: 'the honest control: a test tempest renamed, its idempotent id kept',
    what: 'Matched by idempotent id, and listed for the reviewer as "matched by idempotent id as …".',
    via: 'bundle',
    member: subunit(concat(passingTest(`tempest.api.volume.test_volumes.VolumesTest.test_volume_crud[${IA}]`))),
    inspect: { counts: { total: 1, passed: 1 } },
    expect: { accepts: true },
  },
  {
    id: 'subunit-success-with-traceback',
    kind: 'subunit',
    title: 'a failure edited into a success, its traceback attachment left behind',
    via: 'bundle',
    member: subunit(concat(withTraceback('success'))),
    inspect: { counts: { total: 1, passed: 1 } },
    expect: { rejects: { says: `${A} succeeded but carries a traceback attachment` } },
  },
  {
    id: 'subunit-failure-with-traceback',
    kind: 'subunit',
    title: 'the honest control: the failure with its traceback, its cert.log saying FAILED',
    via: 'bundle',
    member: subunit(concat(withTraceback('fail'))),
    beside: [certLogOf(LVM_CLASS, false)],
    inspect: { counts: { total: 1, failed: 1 } },
    expect: { accepts: true },
  },
];

export const storyConsoleCases: Case[] = [
  {
    id: 'console-failed-block-overstated',
    kind: 'console',
    title: 'a "Failed 2 tests" block above one FAILED line',
    via: 'bundle',
    member: { name: 'cert.log', bytes: overstated.bytes },
    inspect: {
      problem: {
        says: 'the "Failed 2 tests" block disagrees with the test lines, which show 1 failed',
        line: lineOf(overstated.bytes, 'Failed 2 tests'),
      },
    },
    expect: {
      rejects: {
        says: 'the "Failed 2 tests" block disagrees with the test lines, which show 1 failed',
        line: lineOf(overstated.bytes, 'Failed 2 tests'),
      },
    },
  },
  {
    id: 'console-failed-block',
    kind: 'console',
    title: 'the honest control: a "Failed 1 tests" block above one FAILED line',
    via: 'bundle',
    member: { name: 'cert.log', bytes: failedBlock(1).bytes },
    inspect: { counts: { total: 2, passed: 1, failed: 1 } },
    expect: { accepts: true },
  },
  {
    id: 'console-unattributed-xfail',
    kind: 'console',
    title: 'a console-only passing run whose Totals count an expected failure its lines print "ok"',
    what: 'An expected failure of a required test fails it; subunit-trace cannot say which test it was.',
    via: 'bundle',
    member: { name: 'cert.log', bytes: unattributed.bytes },
    inspect: { counts: { total: cycleTests.length, passed: cycleTests.length } },
    expect: {
      rejects: {
        says: 'the console output counts 1 expected failures and 0 unexpected successes',
        line: lineOf(unattributed.bytes, 'Ran: '),
        tip: 'Add the subunit stream',
      },
    },
  },
  {
    id: 'console-attributed',
    kind: 'console',
    title: 'the honest control: the same console-only run, its Totals counting what its lines show',
    via: 'bundle',
    member: { name: 'cert.log', bytes: consoleRun(0).bytes },
    inspect: { counts: { total: cycleTests.length, passed: cycleTests.length } },
    expect: { accepts: true },
  },
  {
    id: 'certlog-passed-beside-failure',
    kind: 'console',
    title: 'a cert log ending "Device driver PASSED!" beside a stream with a failure',
    via: 'bundle',
    driver: 'lvm',
    member: certLogOf(LVM_CLASS, true),
    beside: [subunit(concat(withTraceback('fail')))],
    inspect: {},
    expect: {
      rejects: {
        says: 'Device driver PASSED!,", but tempest.subunit has 1 failed',
        line: PASSED_LVM.split('\n').findIndex((l) => l.includes('Device driver PASSED!')) + 1,
      },
    },
  },
];
