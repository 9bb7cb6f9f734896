// Cases of the rules on each submission's bundle: its members are built here, from readable
// parts (a cert.log, a subunit stream, JUnit XML), and packed over the base's bundle.
import { createHash } from 'node:crypto';
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CheckTests } from '../../helpers/rule-tester.js';
import { gzip } from '../../helpers/tar.js';
import { testPackets } from '../../../scripts/lib/formats/subunit-v2-writer.js';
import { replaceIn } from '../../helpers/edit.js';
import { replaceByPointer } from '../../helpers/lfs.js';
import { certLogText, writeSubmission } from '../../helpers/submission.js';
import {
  bundleIdentity,
  bundlePresent,
  bundleReadable,
  certLogComplete,
  certVerdictAgrees,
  commitsMatch,
  derivedMatch,
  driverClassMatches,
  hasResults,
  noSecrets,
  requiredTests,
  sourcesAgree,
  sourcesParse,
} from '../../../scripts/lib/checks/bundles.js';
import {
  LVM,
  LVM_BUNDLE,
  LVM_RESULT,
  NFS,
  NFS_BUNDLE,
  NFS_RESULT,
  TESTS,
  baseRepo,
  junitRun,
  lineIn,
  rebundle,
  runMembers,
  subunitRun,
} from '../fixture.js';

const base = { name: 'the base repository' };
/** TEXT as UTF-16LE bytes (a Windows tool's log). */
const utf16le = (text: string): Buffer => Buffer.from(text, 'utf16le');
/** N seeded bytes that look like nothing (a core dump, an image). */
function noise(n: number): Buffer {
  const b = Buffer.alloc(n);
  for (let i = 0, s = 7; i < n; i++) b[i] = (s = (s * 1103515245 + 12345) >>> 0) >>> 24;
  return b;
}
const LVM_CLASS = 'cinder.volume.drivers.lvm.Driver';
const OTHER_CLASS = 'cinder.volume.drivers.other.OtherDriver';
const CERT_LOG = `${LVM_BUNDLE}!cert.log`;
const PASSED_LOG = certLogText(LVM_CLASS, true);
const FAILED = TESTS['volumes-create'];
const CREATE = FAILED.slice(0, FAILED.indexOf('['));
const RENAMED = 'tempest.api.volume.test_volumes.VolumesTest.test_volume_crud';

export const BUNDLE_RULES: CheckTests[] = [
  {
    rule: bundleReadable,
    base: baseRepo,
    cases: {
      valid: [base],
      invalid: [
        {
          name: 'a bundle that is not gzip',
          arrange: (root) => writeFileSync(join(root, LVM_BUNDLE), 'hello, this is text'),
          findings: [{ file: LVM_BUNDLE, message: 'not a gzip file' }],
        },
        {
          name: 'an LFS pointer to content over 100 MiB',
          arrange: (root) => void replaceByPointer(root, NFS_BUNDLE, { size: 200 * 1024 * 1024 }),
          findings: [{ file: NFS_BUNDLE, message: 'the bundle is 200.0 MiB (209715200 bytes), over GitHub' }],
        },
        {
          name: 'a member that is a symbolic link',
          arrange: (root) =>
            rebundle(root, LVM_BUNDLE, [...runMembers(), { name: 'logs/evil', type: '2', linkname: '/etc/passwd' }]),
          findings: [
            {
              file: `${LVM_BUNDLE}!logs/evil`,
              message: 'member "logs/evil" is a symbolic link to "/etc/passwd"; a bundle may hold only files',
            },
          ],
        },
      ],
    },
  },
  {
    rule: bundleIdentity,
    base: baseRepo,
    cases: {
      valid: [
        base,
        {
          name: 'an unreadable bundle whose name, sha256 and size result.yaml states',
          arrange: (root) => {
            writeFileSync(join(root, LVM_BUNDLE), 'not a bundle');
            const sha = createHash('sha256').update('not a bundle').digest('hex');
            replaceIn(root, LVM_RESULT, /sha256: \w+/, `sha256: ${sha}`);
            replaceIn(root, LVM_RESULT, /size: \d+/, 'size: 12');
          },
        },
      ],
      invalid: [
        {
          name: 'an LFS pointer naming other content than result.yaml states',
          arrange: (root) => void replaceByPointer(root, NFS_BUNDLE, { oid: 'e'.repeat(64), size: 7 }),
          findings: [
            {
              file: NFS_RESULT,
              pointer: '/bundle/sha256',
              message: `the bundle's Git LFS pointer says its sha256 is ${'e'.repeat(64)}`,
            },
            { file: NFS_RESULT, pointer: '/bundle/size', message: "the bundle's Git LFS pointer says 7" },
          ],
        },
        {
          name: 'a bundle renamed and replaced after pack',
          arrange: (root) => {
            rebundle(root, LVM_BUNDLE, runMembers({ failed: [FAILED] }));
            renameSync(join(root, LVM_BUNDLE), join(root, LVM, 'renamed.tgz'));
          },
          findings: [
            {
              file: LVM_RESULT,
              pointer: '/bundle/file',
              message: 'bundle.file: result.yaml names "lvm-2025.2.tgz", but the bundle is "renamed.tgz"',
            },
            { file: LVM_RESULT, pointer: '/bundle/sha256', message: 'bundle.sha256: result.yaml says' },
            { file: LVM_RESULT, pointer: '/bundle/size', message: 'bundle.size: result.yaml says' },
          ],
        },
      ],
    },
  },
  {
    rule: bundlePresent,
    base: baseRepo,
    cases: {
      valid: [
        base,
        {
          name: 'a bundle whose LFS content was not fetched, in a run over the whole repository',
          arrange: (root) => void replaceByPointer(root, NFS_BUNDLE),
        },
        {
          name: "a named submission's bundle here, another's only its pointer",
          arrange: (root) => void replaceByPointer(root, LVM_BUNDLE),
          paths: [NFS],
        },
        {
          name: 'a pointer to content over 100 MiB, its submission named: bundle-readable refuses it, nothing to fetch',
          arrange: (root) => void replaceByPointer(root, NFS_BUNDLE, { size: 200 * 1024 * 1024 }),
          paths: [NFS],
        },
      ],
      invalid: [
        {
          name: 'the same pointer when its submission is named by PATH',
          arrange: (root) => void replaceByPointer(root, NFS_BUNDLE),
          paths: [NFS],
          findings: [{ file: NFS_BUNDLE, message: "is a Git LFS pointer: the bundle's content" }],
        },
        {
          name: 'a file that starts like an LFS pointer, without an oid',
          arrange: (root) =>
            writeFileSync(join(root, LVM_BUNDLE), 'version https://git-lfs.github.com/spec/v1\nsize 12\n'),
          findings: [{ file: LVM_BUNDLE, line: 2, message: 'starts like a Git LFS pointer but is not a valid one' }],
        },
      ],
    },
  },
  {
    rule: certLogComplete,
    base: baseRepo,
    cases: {
      valid: [base],
      invalid: [
        {
          name: 'a bundle without cert.log',
          arrange: (root) => rebundle(root, LVM_BUNDLE, [{ name: 'tempest.subunit', data: subunitRun() }]),
          findings: [{ file: LVM_BUNDLE, message: 'the bundle has no cert.log at its root' }],
        },
        {
          name: 'a cert.log without the tempest commit, cut short before its verdict',
          arrange: (root) =>
            rebundle(
              root,
              LVM_BUNDLE,
              runMembers({
                certLog: PASSED_LOG.replace(/^9b8c7d6e.*\n/m, '').replace(/CONGRATULATIONS.*/, 'still running'),
              }),
            ),
          findings: [
            { file: CERT_LOG, message: 'cert.log has no tempest commit' },
            { level: 'warning', file: CERT_LOG, message: 'cert.log does not end with "Device driver PASSED!"' },
          ],
        },
      ],
    },
  },
  {
    rule: commitsMatch,
    base: baseRepo,
    cases: {
      valid: [base],
      invalid: [
        {
          name: "a cinder commit other than cert.log's",
          arrange: (root) => replaceIn(root, LVM_RESULT, /cinder_commit: \w+/, `cinder_commit: ${'a'.repeat(40)}`),
          findings: [
            {
              file: LVM_RESULT,
              pointer: '/environment/cinder_commit',
              message:
                `environment.cinder_commit: result.yaml says ${'a'.repeat(40)}, cert.log shows 3f1c2a9d` +
                `8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a39 (${CERT_LOG}:${lineIn(PASSED_LOG, '3f1c2a9d')})`,
            },
          ],
        },
      ],
    },
  },
  {
    rule: driverClassMatches,
    base: baseRepo,
    cases: {
      valid: [base],
      invalid: [
        {
          name: "a volume_driver that is not one of the driver's classes, in the open cycle",
          arrange: (root) => rebundle(root, LVM_BUNDLE, runMembers({ certLog: certLogText(OTHER_CLASS, true) })),
          findings: [
            {
              file: CERT_LOG,
              line: lineIn(PASSED_LOG, 'volume_driver ='),
              message: `volume_driver = ${OTHER_CLASS} (section [backend-1]) is not a class of driver "lvm"`,
            },
          ],
        },
        {
          name: 'the same in a closed cycle, whose history stays: a warning',
          arrange: (root) => rebundle(root, NFS_BUNDLE, runMembers({ certLog: certLogText(OTHER_CLASS, true) })),
          findings: [
            {
              level: 'warning',
              file: `${NFS_BUNDLE}!cert.log`,
              line: lineIn(PASSED_LOG, 'volume_driver ='),
              message: `volume_driver = ${OTHER_CLASS} (section [backend-1]) is not a class of driver "nfs"`,
            },
          ],
        },
      ],
    },
  },
  {
    rule: hasResults,
    base: baseRepo,
    cases: {
      valid: [
        base,
        {
          name: 'JUnit XML as the only result file',
          arrange: (root) =>
            rebundle(root, LVM_BUNDLE, [
              { name: 'cert.log', data: PASSED_LOG },
              { name: 'results.xml', data: junitRun() },
            ]),
        },
      ],
      invalid: [
        {
          name: 'a cert.log alone, without tempest output',
          arrange: (root) => rebundle(root, LVM_BUNDLE, [{ name: 'cert.log', data: PASSED_LOG }]),
          findings: [{ file: LVM_BUNDLE, message: 'the bundle holds no test results' }],
        },
      ],
    },
  },
  {
    rule: sourcesParse,
    base: baseRepo,
    cases: {
      valid: [base],
      invalid: [
        {
          name: 'a subunit packet whose CRC does not match',
          arrange: (root) => {
            const stream = subunitRun();
            stream[stream.length - 1]! ^= 0xff;
            rebundle(root, LVM_BUNDLE, [
              { name: 'cert.log', data: PASSED_LOG },
              { name: 'tempest.subunit', data: stream },
            ]);
          },
          findings: [
            {
              file: `${LVM_BUNDLE}!tempest.subunit`,
              message:
                /^at byte \d+: bad CRC: computed 0x[0-9a-f]{8}, stored 0x[0-9a-f]{8}; packet of \d+ bytes dropped$/,
            },
          ],
        },
      ],
    },
  },
  {
    rule: sourcesAgree,
    base: baseRepo,
    cases: {
      valid: [
        base,
        {
          name: 'a subunit stream and JUnit XML of the same run',
          arrange: (root) => rebundle(root, LVM_BUNDLE, [...runMembers(), { name: 'results.xml', data: junitRun() }]),
        },
      ],
      invalid: [
        {
          name: 'JUnit XML failing a test the subunit stream passes',
          arrange: (root) =>
            rebundle(root, LVM_BUNDLE, [...runMembers(), { name: 'results.xml', data: junitRun([FAILED]) }]),
          findings: [{ file: LVM_BUNDLE, message: 'tempest.subunit says passed, results.xml says failed' }],
        },
      ],
    },
  },
  {
    rule: derivedMatch,
    base: baseRepo,
    cases: {
      valid: [
        base,
        {
          name: 'a run holding a required test under a new name, the rename listed in result.yaml',
          arrange: (root) => {
            rebundle(root, LVM_BUNDLE, runMembers({ renamed: { [FAILED]: RENAMED } }));
            replaceIn(
              root,
              LVM_RESULT,
              /\ncapabilities:/,
              `\nrenamed_tests:\n  - test: ${CREATE}\n    as: ${RENAMED}$&`,
            );
          },
        },
        {
          name: 'a result written before renamed_tests existed, whose bundle shows a rename (history stays valid)',
          arrange: (root) => rebundle(root, LVM_BUNDLE, runMembers({ renamed: { [FAILED]: RENAMED } })),
        },
      ],
      invalid: [
        {
          name: 'a result.yaml listing a rename the bundle does not show',
          arrange: (root) =>
            replaceIn(
              root,
              LVM_RESULT,
              /\ncapabilities:/,
              `\nrenamed_tests:\n  - test: ${CREATE}\n    as: ${RENAMED}$&`,
            ),
          findings: [
            {
              file: LVM_RESULT,
              pointer: '/renamed_tests',
              message: `renamed_tests: the bundle does not show ${CREATE} matched by idempotent id as ${RENAMED}`,
            },
          ],
        },
        {
          name: 'a result.yaml claiming a passed run of a bundle whose run failed',
          arrange: (root) => rebundle(root, LVM_BUNDLE, runMembers({ failed: [FAILED] })),
          findings: [
            {
              file: LVM_RESULT,
              pointer: '/results/passed',
              message: 'results.passed: result.yaml says 3, the bundle shows 2 (tempest.subunit)',
            },
            { file: LVM_RESULT, pointer: '/results/failed', message: 'results.failed: result.yaml says 0' },
            { file: LVM_RESULT, pointer: '/failed_tests', message: `failed_tests: the bundle also shows ${FAILED}` },
            {
              file: LVM_RESULT,
              pointer: '/capabilities/volumes-create',
              message: 'capabilities.volumes-create: result.yaml says passed, the bundle shows failed',
            },
            {
              file: LVM_RESULT,
              pointer: '/verdict',
              message: 'verdict: result.yaml says passed, the bundle shows failed',
            },
          ],
        },
      ],
    },
  },
  {
    rule: noSecrets,
    base: baseRepo,
    cases: {
      valid: [
        base,
        {
          name: 'a rotated log compressed with gzip, a UTF-16 log and binary noise, none holding a secret',
          arrange: (root) =>
            rebundle(root, LVM_BUNDLE, [
              ...runMembers(),
              { name: 'logs/c-vol.log.1.gz', data: gzip(Buffer.from('INFO cinder.volume.manager password = xxx\n')) },
              { name: 'logs/agent.log', data: utf16le('\ufeffINFO agent started\r\nsan_password = ***\r\n') },
              { name: 'logs/core.bin', data: noise(64 * 1024) },
            ]),
        },
      ],
      invalid: [
        {
          name: 'a password in a gzip-compressed member, found on its inflated line',
          arrange: (root) =>
            rebundle(root, LVM_BUNDLE, [
              ...runMembers(),
              {
                name: 'logs/c-vol.log.1.gz',
                data: gzip(Buffer.from('INFO start\nDEBUG san_password = Tr0ub4dor&3\n')),
              },
            ]),
          findings: [
            {
              file: `${LVM_BUNDLE}!logs/c-vol.log.1.gz`,
              line: 2,
              message: 'an unscrubbed password-like value for "san_password"',
            },
          ],
        },
        {
          name: 'a password in a UTF-16 log, whatever its name says (an image)',
          arrange: (root) =>
            rebundle(root, LVM_BUNDLE, [
              ...runMembers(),
              { name: 'logs/screen.png', data: utf16le('\ufeffline one\r\nchap_password = Tr0ub4dor&3\r\n') },
            ]),
          findings: [
            {
              file: `${LVM_BUNDLE}!logs/screen.png`,
              line: 2,
              message: 'an unscrubbed password-like value for "chap_password"',
            },
          ],
        },
        {
          name: 'a password in a member without an extension that starts with a NUL',
          arrange: (root) =>
            rebundle(root, LVM_BUNDLE, [
              ...runMembers(),
              { name: 'logs/journal', data: Buffer.from('\0\0binary prefix\npassword = Tr0ub4dor&3\n') },
            ]),
          findings: [{ file: `${LVM_BUNDLE}!logs/journal`, line: 2, message: 'password = [REDACTED]' }],
        },
        {
          name: "a password in a subunit stream's traceback attachment",
          arrange: (root) =>
            rebundle(root, LVM_BUNDLE, [
              { name: 'cert.log', data: certLogText(LVM_CLASS, false) },
              {
                name: 'tempest.subunit',
                data: Buffer.concat(
                  testPackets({
                    id: FAILED,
                    status: 'fail',
                    start: 1_760_947_200,
                    seconds: 1,
                    traceback: 'Traceback (most recent call last):\nAuthFailure: password=Tr0ub4dor&3 rejected\n',
                  }),
                ),
              },
            ]),
          findings: [{ file: `${LVM_BUNDLE}!tempest.subunit`, line: 2, message: 'an unscrubbed password-like value' }],
        },
        {
          name: "a token in a JUnit failure's text",
          arrange: (root) =>
            rebundle(root, LVM_BUNDLE, [
              ...runMembers(),
              {
                name: 'tempest.xml',
                data:
                  '<?xml version="1.0"?>\n<testsuite tests="1">\n<testcase classname="a" name="b">\n' +
                  '<failure>X-Auth-Token: gAAAAABnQm9xY2VydGlmaWNhdGlvbi10b2tlbi1mb3ItdGVzdHMtb25seS0xMjM0NTY3ODkwYWJjZGVmZ2hpams</failure>\n' +
                  '</testcase>\n</testsuite>\n',
              },
            ]),
          findings: [{ file: `${LVM_BUNDLE}!tempest.xml`, line: 4, message: 'X-Auth-Token' }],
        },
        {
          name: 'a password left in the copy of cinder.conf',
          arrange: (root) =>
            rebundle(
              root,
              LVM_BUNDLE,
              runMembers({ certLog: PASSED_LOG.replace('password = xxx', 'password = Tr0ub4dor&3') }),
            ),
          findings: [
            {
              file: CERT_LOG,
              line: lineIn(PASSED_LOG, 'password = xxx'),
              message: 'an unscrubbed password-like value for "password": password = [REDACTED]',
            },
          ],
        },
      ],
    },
  },
  {
    rule: requiredTests,
    base: (root) => {
      baseRepo(root);
      writeSubmission(root, {
        driver: 'lvm',
        cycle: '2025.2',
        submitter: 'alice',
        submitted: '2025-10-20',
        failed: [FAILED],
      });
    },
    cases: {
      valid: [
        { name: 'an honest failed run, when the whole repository is validated (it is history)' },
        {
          name: 'a passing run named by PATH',
          paths: ['results/2025.1/nfs'],
        },
      ],
      invalid: [
        {
          name: 'an honest failed run named by PATH: a notice, listed by capability',
          paths: [LVM],
          findings: [
            {
              level: 'notice',
              file: LVM_RESULT,
              pointer: '/capabilities/volumes-create',
              message: `volumes-create: failed — ${FAILED.replace(/\[.*/, '')}`,
            },
          ],
        },
      ],
    },
  },
  {
    rule: certVerdictAgrees,
    base: baseRepo,
    cases: {
      valid: [
        base,
        {
          name: 'an honest failed run whose cert.log says FAILED',
          arrange: (root) => rebundle(root, LVM_BUNDLE, runMembers({ failed: [FAILED] })),
        },
        {
          name: 'a run that missed a required test but had no failure, whose cert.log says PASSED',
          arrange: (root) =>
            rebundle(root, LVM_BUNDLE, [
              { name: 'cert.log', data: PASSED_LOG },
              { name: 'results/junit.xml', data: junitRun().replace(/<testcase[^>]*test_volume_create[^>]*\/>\n/, '') },
            ]),
        },
      ],
      invalid: [
        {
          name: 'a cert.log saying PASSED beside a stream with a failure',
          arrange: (root) => rebundle(root, LVM_BUNDLE, runMembers({ failed: [FAILED], certLog: PASSED_LOG })),
          findings: [
            {
              file: CERT_LOG,
              line: lineIn(PASSED_LOG, 'Device driver PASSED!'),
              message:
                'cert.log says "CONGRATULATIONS!!!  Device driver PASSED!,", but tempest.subunit has 1 failed ' +
                '(0 of them never finished) and 0 unexpectedly successful tests',
            },
          ],
        },
        {
          name: 'a cert.log saying FAILED beside a stream without a failure',
          arrange: (root) => rebundle(root, LVM_BUNDLE, runMembers({ certLog: certLogText(LVM_CLASS, false) })),
          findings: [
            {
              file: CERT_LOG,
              line: lineIn(certLogText(LVM_CLASS, false), 'Device driver FAILED!'),
              message:
                'but tempest.subunit has 0 failed (0 of them never finished) and 0 unexpectedly successful tests',
            },
          ],
        },
      ],
    },
  },
];
