// Evidence that is not this driver's run in this cycle: a stale or spliced stream, times made up
// by a script, durations from another run, the driver's class in a section nothing enables, a
// bundle or a result.yaml copied from another submission. Each built as a vendor would build it,
// with an honest run beside them that validate accepts.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { testPackets } from '../../../../scripts/lib/formats/subunit-v2-writer.js';
import { certLogText } from '../../../helpers/submission.js';
import { RUN_START, TEST_IDS, concat } from '../bytes.js';
import { LVM_CLASS, RUN_DAY } from '../submission.js';
import type { Case, Member } from '../types.js';

const ROOT = join(new URL('.', import.meta.url).pathname, '../../../..');

/** Six tests: the corpus's three and three more. */
const IDS = [...TEST_IDS, ...[1, 2, 3].map((i) => `tempest.api.volume.test_more.MoreTest.test_${i}`)];

interface Timed {
  start: number;
  seconds: number;
  worker: string;
}

/** An honest run of IDS on two workers from `at` (seconds since the epoch): 2.5–7.5 s a test. */
function honest(at = RUN_START): Timed[] {
  const clock = [at, at];
  return IDS.map((_, i) => {
    const w = i % 2;
    const t = { start: clock[w]!, seconds: 2.5 + i, worker: `worker-${w}` };
    clock[w]! += t.seconds + 0.2;
    return t;
  });
}

/** A subunit stream of IDS, all passing, timed as `times` says. */
const stream = (times: Timed[]): Member => ({
  name: 'tempest.subunit',
  bytes: concat(...IDS.map((id, i) => Buffer.concat(testPackets({ id, status: 'success', ...times[i]! })))),
});

const cert = (conf?: string, day = RUN_DAY, cls = LVM_CLASS): Member => ({
  name: 'cert.log',
  bytes: () => [Buffer.from(certLogText(cls, true, { day, ...(conf ? { conf } : {}) }))],
});

const NFS_CLASS = 'cinder.volume.drivers.nfs.NfsDriver';
const LVM_ENABLED =
  '[DEFAULT]\nenabled_backends = lvmdriver-1\n[lvmdriver-1]\nvolume_backend_name = lvmdriver-1\n' +
  `[nfs-1]\nvolume_driver = ${NFS_CLASS}\nvolume_backend_name = nfs-1\n`;

/** JUnit XML of the honest run, as subunit2junitxml writes it; `edit` changes a test's time. */
function junit(edit: (i: number, seconds: number) => number = (_, s) => s): Member {
  const cases = honest().map((t, i) => {
    const id = IDS[i]!;
    const dot = id.lastIndexOf('.');
    return `<testcase classname="${id.slice(0, dot)}" name="${id.slice(dot + 1)}" time="${edit(i, t.seconds).toFixed(3)}"/>`;
  });
  return {
    name: 'tempest.xml',
    bytes: concat(
      `<testsuite errors="0" failures="0" name="" skipped="0" tests="${IDS.length}" time="30.000">\n`,
      cases.join('\n'),
      '\n</testsuite>\n',
    ),
  };
}

const SHIPPED = 'results/2025.2/lvm/lvm-2025.2.tgz';
const FREE = 'results/2025.2/dell_emc_powermax';

export const runCases: Case[] = [
  {
    id: 'run-honest',
    kind: 'run',
    title: 'an honest run: two workers, real durations, dated in the cycle (the control)',
    via: 'bundle',
    member: stream(honest()),
    inspect: { counts: { total: 6, passed: 6 } },
    expect: { accepts: true },
  },
  {
    id: 'run-stale-stream',
    kind: 'run',
    title: 'a stream dated years before the cycle, beside a fresh cert.log',
    what: "Last cycle's (or anyone's old) passing run, submitted again.",
    via: 'bundle',
    member: stream(honest(Date.parse('2019-03-01T08:00:00Z') / 1000)),
    inspect: { counts: { total: 6, passed: 6 } },
    expect: { rejects: { says: "tempest.subunit's timestamps date the run 2019-03-01 08:00:00 UTC" } },
  },
  {
    id: 'run-zero-durations',
    kind: 'run',
    title: 'a run whose tests all took 0 s',
    what: 'A stream written by a script rather than by a run.',
    via: 'bundle',
    member: stream(honest().map((t) => ({ ...t, seconds: 0 }))),
    inspect: { counts: { total: 6, passed: 6 } },
    expect: { rejects: { says: '6 of the 6 tests that ran took no time (0.000 s)' } },
  },
  {
    id: 'run-one-instant',
    kind: 'run',
    title: 'a run whose tests all started at the same instant',
    via: 'bundle',
    member: stream(honest().map((t, i) => ({ ...t, start: RUN_START, worker: `worker-${i}` }))),
    inspect: { counts: { total: 6, passed: 6 } },
    expect: { rejects: { says: 'all 6 tests that ran started at the same instant' } },
  },
  {
    id: 'run-worker-backwards',
    kind: 'run',
    title: "a worker's timestamps going backwards (two runs spliced into one stream)",
    via: 'bundle',
    member: stream(honest().map((t, i) => (i === 4 ? { ...t, start: t.start - 600 } : t))),
    inspect: { counts: { total: 6, passed: 6 } },
    expect: { rejects: { says: `worker-0's clock went backwards: ${IDS[4]} started 595.300 s before` } },
  },
  {
    id: 'run-junit-durations',
    kind: 'run',
    title: "JUnit durations that are not the stream's (a file from another run)",
    via: 'bundle',
    member: junit((i, s) => (i === 2 ? s + 3 : s)),
    beside: [cert(), stream(honest())],
    inspect: { counts: { total: 6, passed: 6 } },
    expect: { rejects: { says: 'tempest.xml says it took 7.500 s, tempest.subunit 4.500 s', line: 4 } },
  },
  {
    id: 'run-cert-log-other-day',
    kind: 'run',
    title: "a cert.log of another day than the stream's",
    what: 'A fresh cert.log packed with an old stream of the same cycle.',
    via: 'bundle',
    driver: 'lvm',
    member: cert(undefined, '2025-10-05'),
    beside: [stream(honest())],
    inspect: {},
    expect: {
      rejects: {
        says: "cert.log's step headers date the run 2025-10-05 11:58:02 UTC to 2025-10-05 11:59:40 UTC, but",
        line: 32,
      },
    },
  },
  {
    id: 'run-enabled-backend-lvm',
    kind: 'run',
    title: "the driver's class only in a cinder.conf section nothing enables; the enabled one runs LVM",
    via: 'bundle',
    driver: 'nfs',
    member: cert(LVM_ENABLED, RUN_DAY, NFS_CLASS),
    beside: [stream(honest())],
    inspect: {},
    expect: {
      rejects: {
        says:
          'backend [lvmdriver-1] sets no volume_driver, so Cinder ran its default driver ' +
          '(cinder.volume.drivers.lvm.LVMVolumeDriver), not a class of "nfs"',
        line: 15,
      },
    },
  },
  {
    id: 'run-copied-bundle',
    kind: 'run',
    title: "another driver's bundle submitted byte for byte",
    what: 'One run certifying two drivers.',
    via: 'repo',
    build(repo) {
      repo.submit({ driver: 'dell_emc_powermax' });
      const bytes = readFileSync(join(ROOT, SHIPPED));
      repo.write(`${FREE}/dell_emc_powermax-2025.2.tgz`, bytes);
      const sha = createHash('sha256').update(bytes).digest('hex');
      repo.replace(`${FREE}/result.yaml`, /sha256: \w+/, `sha256: ${sha}`);
      repo.replace(`${FREE}/result.yaml`, /size: \d+/, `size: ${bytes.length}`);
    },
    expect: {
      rejects: {
        file: `${FREE}/result.yaml`,
        line: { of: 'sha256:' },
        says: "the bundle is byte for byte results/2025.2/lvm/result.yaml's (the same sha256)",
      },
    },
  },
  {
    id: 'run-record-edited',
    kind: 'run',
    title: "result.yaml's run block edited by hand (the run moved a day later)",
    via: 'repo',
    build(repo) {
      repo.replace('results/2025.2/lvm/result.yaml', 'start: "2025-11-04T', 'start: "2025-11-05T');
    },
    expect: {
      rejects: {
        file: 'results/2025.2/lvm/result.yaml',
        line: { of: 'start:' },
        says: 'run.start: result.yaml says 2025-11-05T09:05:00Z, the bundle shows 2025-11-04T09:05:00Z',
      },
    },
  },
];
