// Cases of the rules that hold a bundle's sources to one story: each dishonest run is built the
// way a vendor would edit one (a relabelled id, a success given a traceback, a console-only run
// hiding an expected failure), beside the honest run the rule accepts.
import type { CheckTests } from '../../helpers/rule-tester.js';
import { testPackets } from '../../../scripts/lib/formats/subunit-v2-writer.js';
import { consoleAttribution, successTraceback, testMatching } from '../../../scripts/lib/checks/story.js';
import { certLogAround } from '../../helpers/real-world.js';
import { certLogText } from '../../helpers/submission.js';
import { LVM_BUNDLE, TESTS, baseRepo, lineIn, rebundle, runMembers } from '../fixture.js';

const base = { name: 'the base repository' };
const LVM_CLASS = 'cinder.volume.drivers.lvm.Driver';
const SUBUNIT = `${LVM_BUNDLE}!tempest.subunit`;
const CERT_LOG = `${LVM_BUNDLE}!cert.log`;
const CREATE = TESTS['volumes-create'];
const QOS = TESTS['feature-qos'];
const bare = (id: string) => id.slice(0, id.indexOf('['));
const idemOf = (id: string) => id.slice(id.indexOf('[') + 1, -1);

/** The honest run with one test's id replaced. */
const relabelled = (from: string, to: string) => [
  { name: 'cert.log', data: certLogText(LVM_CLASS, true) },
  {
    name: 'tempest.subunit',
    data: Buffer.concat(
      Object.values(TESTS).map((id, i) =>
        Buffer.concat(testPackets({ id: id === from ? to : id, status: 'success', start: 1.76e9 + i, seconds: 1 })),
      ),
    ),
  },
];

/** A cert.log whose tempest output is subunit-trace lines for every test, all `ok`, and this Totals block. */
const consoleOnly = (xfail: number) => {
  const ids = Object.values(TESTS);
  const lines = ids.map((id) => `{0} ${bare(id)} [1.000000s] ... ok`).join('\n');
  const totals =
    `\n======\nTotals\n======\nRan: ${ids.length} tests in 3.0000 sec.\n - Passed: ${ids.length - xfail}\n` +
    ` - Skipped: 0\n - Expected Fail: ${xfail}\n - Unexpected Success: 0\n - Failed: 0\n`;
  return certLogAround(`${lines}\n${totals}`, true);
};

export const STORY_RULES: CheckTests[] = [
  {
    rule: testMatching,
    base: baseRepo,
    cases: {
      valid: [
        base,
        {
          name: 'a run holding a required test under a new name (its idempotent id kept)',
          arrange: (root) => rebundle(root, LVM_BUNDLE, relabelled(CREATE, `a.b.Renamed.test_x[${idemOf(CREATE)}]`)),
        },
      ],
      invalid: [
        {
          name: 'a test id carrying two idempotent ids, to stand for two cycle tests',
          arrange: (root) =>
            rebundle(root, LVM_BUNDLE, relabelled(CREATE, `${bare(CREATE)}[${idemOf(CREATE)},${idemOf(QOS)}]`)),
          findings: [
            {
              file: SUBUNIT,
              message: `${bare(CREATE)}[${idemOf(CREATE)},${idemOf(QOS)}] carries several idempotent ids`,
            },
          ],
        },
        {
          name: "a run relabelled: one cycle test's name with another's idempotent id",
          arrange: (root) => rebundle(root, LVM_BUNDLE, relabelled(CREATE, `${bare(CREATE)}[${idemOf(QOS)}]`)),
          findings: [
            {
              file: SUBUNIT,
              message: `is named as one cycle test but carries another's idempotent id: it stands for neither (`,
            },
          ],
        },
      ],
    },
  },
  {
    rule: successTraceback,
    base: baseRepo,
    cases: {
      valid: [
        base,
        {
          name: 'an honest failed run',
          arrange: (root) => rebundle(root, LVM_BUNDLE, runMembers({ failed: [CREATE] })),
        },
      ],
      invalid: [
        {
          name: 'a failure edited into a success, its traceback left behind',
          arrange: (root) =>
            rebundle(root, LVM_BUNDLE, [
              { name: 'cert.log', data: certLogText(LVM_CLASS, true) },
              {
                name: 'tempest.subunit',
                data: Buffer.concat([
                  ...Object.values(TESTS).flatMap((id, i) =>
                    testPackets({
                      id,
                      status: 'success',
                      start: 1.76e9 + i,
                      seconds: 1,
                      ...(id === CREATE ? { traceback: 'Traceback (most recent call last):\nAssertionError\n' } : {}),
                    }),
                  ),
                ]),
              },
            ]),
          findings: [{ file: SUBUNIT, message: `${CREATE} succeeded but carries a traceback attachment` }],
        },
      ],
    },
  },
  {
    rule: consoleAttribution,
    base: baseRepo,
    cases: {
      valid: [
        base,
        {
          name: 'a console-only run whose Totals count only what its lines show',
          arrange: (root) => rebundle(root, LVM_BUNDLE, [{ name: 'cert.log', data: consoleOnly(0) }]),
        },
      ],
      invalid: [
        {
          name: 'a console-only run whose Totals count an expected failure printed "ok"',
          arrange: (root) => rebundle(root, LVM_BUNDLE, [{ name: 'cert.log', data: consoleOnly(1) }]),
          findings: [
            {
              file: CERT_LOG,
              line: lineIn(consoleOnly(1), 'Ran: '),
              message: 'the console output counts 1 expected failures and 0 unexpected successes',
            },
          ],
        },
      ],
    },
  },
];
