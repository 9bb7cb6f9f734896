// The repository the repository rules' cases start from: three drivers (one removed), a
// closed and an open cycle, and two submissions with real bundles, which every rule accepts.
// Cases change it in small, readable steps: an edit of a file, a bundle made again.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { testPackets } from '../../scripts/lib/formats/subunit-v2-writer.js';
import { makeCapabilities, makeCycle, makeDriver, writeRepo } from '../matrix/fixtures.js';
import { certLogText, writeSubmission } from '../helpers/submission.js';
import { gzip, tar, type RawEntry } from '../helpers/tar.js';

/** lvm's submission for the open cycle. */
export const LVM = 'results/2025.2/lvm';
export const LVM_RESULT = `${LVM}/result.yaml`;
export const LVM_BUNDLE = `${LVM}/lvm-2025.2.tgz`;
/** nfs's submission for the closed cycle. */
export const NFS = 'results/2025.1/nfs';
export const NFS_RESULT = `${NFS}/result.yaml`;
export const NFS_BUNDLE = `${NFS}/nfs-2025.1.tgz`;
export const OPEN_CYCLE = 'results/2025.2/cycle.yaml';
export const CLOSED_CYCLE = 'results/2025.1/cycle.yaml';

/** The cycles' tests (each capability has one). */
export const TESTS = Object.fromEntries(
  Object.entries(makeCapabilities()).map(([cap, c]) => [cap, `${c.tests[0]!.id}[${c.tests[0]!.idempotent_id}]`]),
) as Record<'volumes-create' | 'feature-online-extend' | 'feature-qos', string>;

/** Write the base repository into `root`. */
export function baseRepo(root: string): void {
  writeRepo(
    {
      drivers: [
        makeDriver('lvm', { protocols: ['iSCSI', 'NVMe-TCP'], maintainers: ['alice'] }),
        makeDriver('nfs', { protocols: ['NFS'], maintainers: ['nina'] }),
        makeDriver('oldie', { status: 'removed' }),
      ],
      cycles: [makeCycle('2025.1'), makeCycle('2025.2', { state: 'open', opened: '2025-10-01', closed: undefined })],
      results: [],
    },
    root,
  );
  writeSubmission(root, { driver: 'lvm', cycle: '2025.2', submitter: 'alice', submitted: RUN_DAY });
  writeSubmission(root, { driver: 'nfs', cycle: '2025.1', submitter: 'nina', submitted: '2025-05-01' });
}

/** The day lvm's run in the open cycle happened (and was submitted). */
export const RUN_DAY = '2025-10-20';

/**
 * A subunit v2 stream of one run of the cycles' tests; those named in `failed` fail, and those
 * named in `renamed` run under the name it gives (their attributes kept).
 */
export function subunitRun(failed: string[] = [], renamed: Record<string, string> = {}): Buffer {
  let clock = Date.parse(`${RUN_DAY}T08:00:00Z`) / 1000;
  return Buffer.concat(
    Object.values(TESTS).flatMap((id) => {
      clock += 2;
      const status = failed.includes(id) ? 'fail' : 'success';
      const name = renamed[id] !== undefined ? `${renamed[id]}${id.slice(id.indexOf('['))}` : id;
      return testPackets({ id: name, status, start: clock, seconds: 1.5 });
    }),
  );
}

/** The members of an honest bundle of lvm's run: cert.log and the subunit stream, as `writeSubmission` packs them. */
export function runMembers(
  opts: { failed?: string[]; certLog?: string; renamed?: Record<string, string> } = {},
): RawEntry[] {
  const failed = opts.failed ?? [];
  return [
    {
      name: 'cert.log',
      data: opts.certLog ?? certLogText('cinder.volume.drivers.lvm.Driver', failed.length === 0, { day: RUN_DAY }),
    },
    { name: 'tempest.subunit', data: subunitRun(failed, opts.renamed) },
  ];
}

/** Replace a bundle with a gzip-compressed tar of `members` (result.yaml is left as it was). */
export function rebundle(root: string, bundle: string, members: (RawEntry | Buffer)[]): void {
  writeFileSync(join(root, bundle), gzip(tar(members)));
}

/** JUnit XML of one run of the cycles' tests, as subunit2junitxml writes it; those named in `failed` fail. */
export function junitRun(failed: string[] = []): string {
  const cases = Object.values(TESTS).map((id) => {
    const bare = id.replace(/\[.*$/, '');
    const dot = bare.lastIndexOf('.');
    const head = `<testcase classname="${bare.slice(0, dot)}" name="${id.slice(dot + 1)}" time="1.500"`;
    return failed.includes(id) ? `${head}>\n<failure type="AssertionError">boom</failure>\n</testcase>` : `${head}/>`;
  });
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<testsuite errors="0" failures="${failed.length}" name="" tests="${cases.length}" time="4.500">\n` +
    `${cases.join('\n')}\n</testsuite>\n`
  );
}

/** The 1-based number of the first line of `text` holding `needle`. */
export function lineIn(text: string, needle: string): number {
  const i = text.split('\n').findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`${needle} not found`);
  return i + 1;
}
