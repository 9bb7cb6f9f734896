// Cases of the rules on whether a bundle's run is what it claims to be: built as a vendor
// would build them, a cert.log or stream edited and packed over the base's bundle.
import { cpSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { CheckTests } from '../../helpers/rule-tester.js';
import { certLogText } from '../../helpers/submission.js';
import { replaceIn } from '../../helpers/edit.js';
import {
  durationsAgree,
  enabledBackendDriver,
  runInCycle,
  runNotCopied,
  runPlausible,
  runRecorded,
  runTimesAgree,
} from '../../../scripts/lib/checks/evidence/index.js';
import { testPackets } from '../../../scripts/lib/formats/subunit-v2-writer.js';
import { analyseBundle } from '../../../scripts/lib/analysis/analyse.js';
import { datedSources, runRecord } from '../../../scripts/lib/evidence/run.js';
import { renderResult } from '../../../scripts/lib/results/result-file.js';
import type { Result } from '../../../scripts/lib/model.js';
import {
  LVM,
  LVM_BUNDLE,
  LVM_RESULT,
  NFS_BUNDLE,
  RUN_DAY,
  TESTS,
  baseRepo,
  junitRun,
  lineIn,
  rebundle,
  runMembers,
} from '../fixture.js';

const base = { name: 'the base repository' };
const LVM_CLASS = 'cinder.volume.drivers.lvm.Driver';
const CERT_LOG = `${LVM_BUNDLE}!cert.log`;

/** A passing cert.log of lvm's run whose cinder.conf copy is `conf`. */
const logWith = (conf: string) => certLogText(LVM_CLASS, true, { day: RUN_DAY, conf });
/** Pack lvm's run again with a cert.log whose cinder.conf copy is `conf`. */
const withConf =
  (conf: string, bundle = LVM_BUNDLE) =>
  (root: string) =>
    rebundle(root, bundle, runMembers({ certLog: logWith(conf) }));

const LVM_ENABLED =
  '[DEFAULT]\nenabled_backends = lvm-1\n[lvm-1]\nvolume_backend_name = lvm-1\n' +
  `[vendor]\nvolume_driver = ${LVM_CLASS}\nvolume_backend_name = vendor\n`;
const MISSING_SECTION = `[DEFAULT]\nenabled_backends = vendor, ghost\n[vendor]\nvolume_driver = ${LVM_CLASS}\n`;

/** One test of a hand-made stream: when it started (seconds after `at`), how long it took, on which worker. */
interface Timed {
  id: string;
  start: number;
  seconds: number;
  worker?: string;
}

/** The cycles' three tests and nine more, so a run has enough timed tests to weigh. */
const IDS = [
  ...Object.values(TESTS),
  ...Array.from(
    { length: 9 },
    (_, i) => `tempest.api.volume.test_more.MoreTest.test_${i}[id-0000000${i}-0000-4000-8000-000000000000]`,
  ),
];

/** An honest two-worker run of IDS from `at`: durations from `seconds`, each worker's tests one after another. */
function honestRun(seconds: (i: number) => number, at = 0): Timed[] {
  const clock = [at, at];
  return IDS.map((id, i) => {
    const w = i % 2;
    const t = { id, start: clock[w]!, seconds: seconds(i), worker: `worker-${w}` };
    clock[w]! += t.seconds + 0.25;
    return t;
  });
}

/** Durations of an honest run: 1.2 s to 13 s. */
const REAL = (i: number) => 1.2 + ((i * 7919) % 1180) / 100;

/** A subunit v2 stream of `tests`, times counted from `day` 08:00 UTC. */
function streamOf(tests: Timed[], day = RUN_DAY): Buffer {
  const t0 = Date.parse(`${day}T08:00:00Z`) / 1000;
  return Buffer.concat(
    tests.flatMap((t) =>
      testPackets({
        id: t.id,
        status: 'success',
        start: t0 + t.start,
        seconds: t.seconds,
        ...(t.worker ? { worker: t.worker } : {}),
      }),
    ),
  );
}

/** lvm's bundle holding `stream` and a cert.log of `logDay`. */
const withStream =
  (stream: () => Buffer, logDay = RUN_DAY) =>
  (root: string) =>
    rebundle(root, LVM_BUNDLE, [
      { name: 'cert.log', data: certLogText(LVM_CLASS, true, { day: logDay }) },
      { name: 'tempest.subunit', data: stream() },
    ]);

/** Write what `pack` derives from a submission's bundle into its result.yaml: its sha256, size and `run:` block. */
async function recordRun(root: string, folder: string): Promise<void> {
  const file = join(root, folder, 'result.yaml');
  const result = parse(readFileSync(file, 'utf8')) as Result;
  const a = await analyseBundle(join(root, folder, result.bundle.file));
  const run = runRecord(datedSources(a.sources, a.cert), a.primary);
  const bundle = { ...result.bundle, sha256: a.sha256, size: a.size };
  writeFileSync(file, renderResult({ ...result, bundle, ...(run ? { run } : {}) }));
}

/** A new nfs submission for the open cycle whose bundle holds `members` (its result.yaml copied from lvm's). */
function nfsSubmission(root: string, members: Parameters<typeof rebundle>[2]): void {
  cpSync(join(root, LVM), join(root, NFS_OPEN), { recursive: true });
  renameSync(join(root, NFS_OPEN, 'lvm-2025.2.tgz'), join(root, NFS_OPEN_BUNDLE));
  rebundle(root, NFS_OPEN_BUNDLE, members);
  replaceIn(root, `${NFS_OPEN}/result.yaml`, 'driver: lvm', 'driver: nfs');
  replaceIn(root, `${NFS_OPEN}/result.yaml`, 'file: lvm-2025.2.tgz', 'file: nfs-2025.2.tgz');
}
const NFS_OPEN = 'results/2025.2/nfs';
const NFS_OPEN_BUNDLE = `${NFS_OPEN}/nfs-2025.2.tgz`;
const NFS_LOG = (day = RUN_DAY) => certLogText('cinder.volume.drivers.nfs.Driver', true, { day });

/** A cert.log whose tempest step prints `tests` as subunit-trace does, with the durations given. */
function traceLog(tests: { id: string; seconds: number }[]): string {
  const log = certLogText(LVM_CLASS, true, { day: RUN_DAY });
  const verdict = log.lastIndexOf('\n====', log.lastIndexOf('\n====') - 1);
  const rule = '========================================================';
  const lines = tests.map((t, i) => `{${i % 2}} ${t.id} [${t.seconds.toFixed(6)}s] ... ok`);
  const step = `\n${rule}\n10/20/25/11:59:00:Run the actual tempest volume tests,\n${rule}\n${lines.join('\n')}\n`;
  return log.slice(0, verdict) + step + log.slice(verdict);
}

export const EVIDENCE_RULES: CheckTests[] = [
  {
    rule: enabledBackendDriver,
    base: baseRepo,
    cases: {
      valid: [
        base,
        {
          name: "two enabled backends, both the driver's",
          arrange: withConf(
            `[DEFAULT]\nenabled_backends = a,b\n[a]\nvolume_driver = ${LVM_CLASS}\n` +
              `[b]\nvolume_driver = ${LVM_CLASS}\n[unused]\nvolume_backend_name = unused\n`,
          ),
        },
        {
          name: "no enabled_backends, and [DEFAULT] sets the driver's class (the legacy single backend)",
          arrange: withConf(`[DEFAULT]\nvolume_driver = ${LVM_CLASS}\n`),
        },
      ],
      invalid: [
        {
          name: "the enabled backend sets no volume_driver (LVM ran) while an unused section names the driver's class",
          arrange: withConf(LVM_ENABLED),
          findings: [
            {
              file: CERT_LOG,
              line: lineIn(logWith(LVM_ENABLED), 'enabled_backends'),
              message:
                'backend [lvm-1] sets no volume_driver, so Cinder ran its default driver ' +
                '(cinder.volume.drivers.lvm.LVMVolumeDriver), not a class of "lvm"',
            },
          ],
        },
        {
          name: 'enabled_backends names a section cinder.conf does not have',
          arrange: withConf(MISSING_SECTION),
          findings: [
            {
              file: CERT_LOG,
              line: lineIn(logWith(MISSING_SECTION), 'enabled_backends'),
              message: 'enabled_backends names [ghost], but cinder.conf has no such section',
            },
          ],
        },
        {
          name: 'no enabled_backends and no volume_driver in [DEFAULT]: the default LVM driver ran',
          arrange: withConf(`[DEFAULT]\ndebug = true\n[vendor]\nvolume_driver = ${LVM_CLASS}\n`),
          findings: [
            {
              file: CERT_LOG,
              line: lineIn(logWith('[DEFAULT]\n'), '[DEFAULT]'),
              message: 'cinder.conf enables no backend by name, so [DEFAULT] sets no volume_driver',
            },
          ],
        },
        {
          name: 'in a closed cycle, an enabled backend running LVM is a warning',
          arrange: withConf(LVM_ENABLED.replaceAll(LVM_CLASS, 'cinder.volume.drivers.nfs.Driver'), NFS_BUNDLE),
          findings: [
            {
              level: 'warning',
              file: `${NFS_BUNDLE}!cert.log`,
              line: lineIn(logWith(LVM_ENABLED), 'enabled_backends'),
              message: 'backend [lvm-1] sets no volume_driver',
            },
          ],
        },
      ],
    },
  },
  {
    rule: runInCycle,
    base: baseRepo,
    cases: {
      valid: [
        base,
        {
          name: 'a run the evening before the cycle opened, in UTC (a day of slack for time zones)',
          arrange: withStream(() => streamOf(honestRun(REAL), '2025-09-30'), '2025-09-30'),
        },
      ],
      invalid: [
        {
          name: "last cycle's run resubmitted: stream and cert.log dated before the cycle opened",
          arrange: withStream(() => streamOf(honestRun(REAL), '2025-06-01'), '2025-06-01'),
          findings: [
            {
              file: CERT_LOG,
              line: lineIn(certLogText(LVM_CLASS, true), 'RUNNING CINDER'),
              message: "cert.log's step headers date the run 2025-06-01 11:58:02 UTC, before cycle 2025.2 opened",
            },
            {
              file: `${LVM_BUNDLE}!tempest.subunit`,
              message: "tempest.subunit's timestamps date the run 2025-06-01 08:00:00 UTC",
            },
          ],
        },
        {
          name: 'a stream dated years before the cycle beside an honest cert.log',
          arrange: withStream(() => streamOf(honestRun(REAL), '2019-03-01')),
          findings: [
            {
              file: `${LVM_BUNDLE}!tempest.subunit`,
              message: "tempest.subunit's timestamps date the run 2019-03-01 08:00:00 UTC",
            },
          ],
        },
        {
          name: 'a run dated after the submission date',
          arrange: withStream(() => streamOf(honestRun(REAL), '2025-10-25'), '2025-10-25'),
          findings: [
            {
              file: CERT_LOG,
              line: lineIn(certLogText(LVM_CLASS, true), 'Device driver PASSED'),
              message: 'after it was submitted (2025-10-20)',
            },
            { file: `${LVM_BUNDLE}!tempest.subunit`, message: 'after it was submitted (2025-10-20)' },
          ],
        },
        {
          name: 'no source dates the run: step headers without a real date and JUnit without timestamps',
          arrange: (root) =>
            rebundle(root, LVM_BUNDLE, [
              { name: 'cert.log', data: certLogText(LVM_CLASS, true, { day: '2025-13-45' }) },
              { name: 'results.xml', data: junitRun() },
            ]),
          findings: [{ file: CERT_LOG, message: 'no source in the bundle says when the run happened' }],
        },
      ],
    },
  },
  {
    rule: runTimesAgree,
    base: baseRepo,
    cases: {
      valid: [base],
      invalid: [
        {
          name: 'a stream of another day of the cycle packed with a fresh cert.log',
          arrange: withStream(() => streamOf(honestRun(REAL), '2025-10-10')),
          findings: [
            {
              file: CERT_LOG,
              line: lineIn(certLogText(LVM_CLASS, true), 'RUNNING CINDER'),
              message:
                "cert.log's step headers date the run 2025-10-20 11:58:02 UTC to 2025-10-20 11:59:40 UTC, but " +
                "tempest.subunit's timestamps date it 2025-10-10 08:00:00 UTC",
            },
          ],
        },
      ],
    },
  },
  {
    rule: runPlausible,
    base: baseRepo,
    cases: {
      valid: [
        base,
        {
          name: 'an honest two-worker run, its workers interleaved in the stream',
          arrange: withStream(() => streamOf(honestRun(REAL))),
        },
      ],
      invalid: [
        {
          name: 'a run whose tests all took 0 s',
          arrange: withStream(() => streamOf(honestRun(() => 0))),
          findings: [
            { file: `${LVM_BUNDLE}!tempest.subunit`, message: '12 of the 12 tests that ran took no time (0.000 s)' },
          ],
        },
        {
          name: 'a run whose tests all started at one instant',
          arrange: withStream(() => streamOf(IDS.map((id, i) => ({ id, start: 0, seconds: REAL(i) })))),
          findings: [
            { file: `${LVM_BUNDLE}!tempest.subunit`, message: 'all 12 tests that ran started at the same instant' },
          ],
        },
        {
          name: "a worker's timestamps going backwards (two runs spliced into one stream)",
          arrange: withStream(() => {
            const run = honestRun(REAL);
            run[6]!.start -= 120;
            return streamOf(run);
          }),
          findings: [
            {
              file: `${LVM_BUNDLE}!tempest.subunit`,
              message: `worker-0's clock went backwards: ${IDS[6]} started`,
            },
          ],
        },
      ],
    },
  },
  {
    rule: durationsAgree,
    base: baseRepo,
    cases: {
      valid: [
        base,
        {
          name: 'JUnit and subunit-trace durations printed from the stream',
          arrange: (root) =>
            rebundle(root, LVM_BUNDLE, [
              { name: 'cert.log', data: traceLog(Object.values(TESTS).map((id) => ({ id, seconds: 1.5 }))) },
              { name: 'tempest.subunit', data: runMembers()[1]!.data },
              { name: 'results.xml', data: junitRun() },
            ]),
        },
      ],
      invalid: [
        {
          name: "cert.log's console durations edited away from the stream's",
          arrange: (root) =>
            rebundle(root, LVM_BUNDLE, [
              {
                name: 'cert.log',
                data: traceLog(Object.values(TESTS).map((id, i) => ({ id, seconds: i === 1 ? 9 : 1.5 }))),
              },
              { name: 'tempest.subunit', data: runMembers()[1]!.data },
            ]),
          findings: [
            {
              file: CERT_LOG,
              line: lineIn(traceLog(Object.values(TESTS).map((id) => ({ id, seconds: 9 }))), Object.values(TESTS)[1]!),
              message: 'cert.log says it took 9.000 s, tempest.subunit 1.500 s',
            },
          ],
        },
        {
          name: 'a JUnit file from another run (other durations)',
          arrange: (root) =>
            rebundle(root, LVM_BUNDLE, [
              ...runMembers(),
              { name: 'results.xml', data: junitRun().replace('time="1.500"', 'time="4.250"') },
            ]),
          findings: [
            {
              file: `${LVM_BUNDLE}!results.xml`,
              line: 3,
              message: 'results.xml says it took 4.250 s, tempest.subunit 1.500 s',
            },
          ],
        },
      ],
    },
  },
  {
    rule: runRecorded,
    base: baseRepo,
    cases: {
      valid: [base, { name: 'the run block pack writes', arrange: (root) => recordRun(root, LVM) }],
      invalid: [
        {
          name: 'run.start moved by hand',
          arrange: async (root) => {
            await recordRun(root, LVM);
            replaceIn(root, LVM_RESULT, /start: "?2025-10-20T08/, 'start: "2025-10-21T08');
          },
          findings: [
            {
              file: LVM_RESULT,
              pointer: '/run/start',
              message: 'run.start: result.yaml says 2025-10-21T08:00:00Z, the bundle shows 2025-10-20T08:00:00Z',
            },
          ],
        },
      ],
    },
  },
  {
    rule: runNotCopied,
    base: async (root) => {
      baseRepo(root);
      withStream(() => streamOf(honestRun(REAL)))(root);
      await recordRun(root, LVM);
    },
    cases: {
      valid: [
        base,
        {
          name: "another driver's honest run of the same tests (durations differ by tens of ms)",
          arrange: (root) =>
            nfsSubmission(root, [
              { name: 'cert.log', data: NFS_LOG() },
              {
                name: 'tempest.subunit',
                data: streamOf(
                  honestRun((i) => REAL(i) + 0.02 + (i % 3) * 0.03),
                  RUN_DAY,
                ),
              },
            ]),
          paths: [NFS_OPEN],
        },
      ],
      invalid: [
        {
          name: "lvm's bundle submitted for nfs, byte for byte",
          arrange: (root) => {
            cpSync(join(root, LVM), join(root, NFS_OPEN), { recursive: true });
            renameSync(join(root, NFS_OPEN, 'lvm-2025.2.tgz'), join(root, NFS_OPEN_BUNDLE));
          },
          paths: [NFS_OPEN],
          findings: [
            {
              file: `${NFS_OPEN}/result.yaml`,
              pointer: '/bundle/sha256',
              message: `the bundle is byte for byte ${LVM_RESULT}'s (the same sha256)`,
            },
          ],
        },
        {
          name: "lvm's stream relabelled for nfs: every timestamp shifted by a day, a fresh cert.log, repacked",
          arrange: (root) =>
            nfsSubmission(root, [
              { name: 'cert.log', data: NFS_LOG('2025-10-21') },
              { name: 'tempest.subunit', data: streamOf(honestRun(REAL), '2025-10-21') },
            ]),
          paths: [NFS_OPEN],
          findings: [
            {
              file: `${NFS_OPEN}/result.yaml`,
              pointer: '/run/fingerprint',
              message: `the run's test durations are ${LVM_RESULT}'s: 12 of 12 sampled tests`,
            },
          ],
        },
      ],
    },
  },
];
