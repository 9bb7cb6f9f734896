// Cases of the rules on each submission folder and its result.yaml.
import { copyFileSync, mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { CheckTests } from '../../helpers/rule-tester.js';
import { replaceIn, writeIn } from '../../helpers/edit.js';
import { writeSubmission } from '../../helpers/submission.js';
import {
  submissionCycle,
  submissionDriver,
  submissionFiles,
  submissionFolders,
  submissionProtocol,
} from '../../../scripts/lib/checks/submissions.js';
import { noSecretsInText } from '../../../scripts/lib/checks/text-secrets.js';
import { LVM, LVM_BUNDLE, LVM_RESULT, NFS_RESULT, baseRepo } from '../fixture.js';

const base = { name: 'the base repository' };

/** A withdrawal of a result, dated `date`. */
const withdrawn = (date: string) =>
  `withdrawn:\n  date: "${date}"\n  reason: "The bundle came from a patched tempest, found in review"\n`;

const README = `${LVM}/README.md`;

export const SUBMISSION_RULES: CheckTests[] = [
  {
    rule: noSecretsInText,
    base: baseRepo,
    cases: {
      valid: [
        base,
        {
          name: 'notes and a README.md that name settings without their values',
          arrange: (root) => {
            replaceIn(
              root,
              LVM_RESULT,
              /^driver: lvm$/m,
              'driver: lvm\nnotes: "san_password = xxx\\nrbd_secret_uuid = 457eb676-33da-42ec-9a8c-9293d545c337"',
            );
            writeIn(
              root,
              README,
              '# How we ran it\n\nSet `san_password` in cinder.conf (we used `password = <password>`).\n',
            );
          },
        },
      ],
      invalid: [
        {
          name: 'a password in the notes',
          arrange: (root) =>
            replaceIn(
              root,
              LVM_RESULT,
              /^driver: lvm$/m,
              'driver: lvm\nnotes: "array reached with san_password=Tr0ub4dor&3"',
            ),
          findings: [
            { file: LVM_RESULT, pointer: '/notes', message: 'an unscrubbed password-like value for "san_password"' },
          ],
        },
        {
          name: "a token in the backend's model",
          arrange: (root) =>
            replaceIn(root, LVM_RESULT, 'Test backend', 'Unity XT ghp_0123456789abcdefABCDEF0123456789abcd'),
          findings: [{ file: LVM_RESULT, pointer: '/environment/backend/model', message: 'GitHub' }],
        },
        {
          name: 'a password in the README.md, on its line',
          arrange: (root) => writeIn(root, README, '# How\n\n    mysql -uroot -pTr0ub4dor3 cinder\n'),
          findings: [{ file: README, line: 3, message: 'mysql' }],
        },
      ],
    },
  },
  {
    rule: submissionFiles,
    base: baseRepo,
    cases: {
      valid: [
        base,
        { name: 'a README.md beside the bundle', arrange: (root) => writeIn(root, `${LVM}/README.md`, '# How\n') },
        {
          name: 'a stray file outside the PATH given',
          paths: ['results/2025.1'],
          arrange: (root) => writeIn(root, `${LVM}/notes.txt`, 'x'),
        },
      ],
      invalid: [
        {
          name: 'a folder and an extra file',
          arrange: (root) => {
            mkdirSync(join(root, LVM, 'logs'));
            writeIn(root, `${LVM}/notes.txt`, 'x');
          },
          findings: [
            { file: `${LVM}/logs`, message: 'a submission folder holds only files' },
            { file: `${LVM}/notes.txt`, message: 'unexpected file: a submission holds result.yaml' },
          ],
        },
        {
          name: 'a symbolic link',
          arrange: (root) => symlinkSync('../../../drivers.yaml', join(root, LVM, 'drivers.yaml')),
          findings: [{ file: `${LVM}/drivers.yaml`, message: 'a submission may not contain a symbolic link' }],
        },
        {
          name: 'no bundle',
          arrange: (root) => rmSync(join(root, LVM_BUNDLE)),
          findings: [{ file: `${LVM}/`, message: 'the submission has no .tgz bundle' }],
        },
        {
          name: 'two bundles',
          arrange: (root) => copyFileSync(join(root, LVM_BUNDLE), join(root, LVM, 'again.tgz')),
          findings: [{ file: `${LVM}/`, message: 'the submission has 2 bundles (again.tgz, lvm-2025.2.tgz)' }],
        },
        {
          name: 'no result.yaml',
          arrange: (root) => rmSync(join(root, LVM_RESULT)),
          findings: [{ file: LVM_RESULT, message: `the submission folder ${LVM}/ has no result.yaml` }],
        },
      ],
    },
  },
  {
    rule: submissionFolders,
    base: baseRepo,
    cases: {
      valid: [base],
      invalid: [
        {
          name: 'a result.yaml naming another driver and cycle than its folders',
          arrange: (root) => {
            replaceIn(root, LVM_RESULT, 'driver: lvm', 'driver: nfs');
            replaceIn(root, LVM_RESULT, 'cycle: "2025.2"', 'cycle: "2025.1"');
          },
          findings: [
            { file: LVM_RESULT, pointer: '/driver', message: 'driver: "nfs" does not match its folder "lvm"' },
            { file: LVM_RESULT, pointer: '/cycle', message: 'cycle: "2025.1" does not match its folder "2025.2"' },
          ],
        },
      ],
    },
  },
  {
    rule: submissionDriver,
    base: baseRepo,
    cases: {
      valid: [
        base,
        {
          name: "a removed driver's history in a closed cycle",
          arrange: (root) => void writeSubmission(root, { driver: 'oldie', cycle: '2025.1', submitter: 'octocat' }),
        },
      ],
      invalid: [
        {
          name: 'a driver drivers.yaml does not list',
          arrange: (root) => void writeSubmission(root, { driver: 'ghost', cycle: '2025.2', submitter: 'octocat' }),
          findings: [
            {
              file: 'results/2025.2/ghost/result.yaml',
              pointer: '/driver',
              message: '"ghost" is not a driver in drivers.yaml',
            },
          ],
        },
        {
          name: 'a removed driver in the open cycle',
          arrange: (root) => void writeSubmission(root, { driver: 'oldie', cycle: '2025.2', submitter: 'octocat' }),
          findings: [
            {
              file: 'results/2025.2/oldie/result.yaml',
              pointer: '/driver',
              message: 'driver "oldie" is removed and cannot take results in the open cycle 2025.2',
            },
          ],
        },
      ],
    },
  },
  {
    rule: submissionCycle,
    base: baseRepo,
    cases: {
      valid: [
        base,
        {
          name: 'a result withdrawn after it was submitted',
          arrange: (root) => writeIn(root, NFS_RESULT, readText(root, NFS_RESULT) + withdrawn('2025-11-02')),
        },
      ],
      invalid: [
        {
          name: 'submitted in the future',
          arrange: (root) => replaceIn(root, LVM_RESULT, 'submitted: "2025-10-20"', 'submitted: "2025-12-01"'),
          findings: [
            {
              file: LVM_RESULT,
              pointer: '/submitted',
              message: 'submitted: 2025-12-01 is in the future (today is 2025-11-20, UTC)',
            },
          ],
        },
        {
          name: 'submitted before its cycle opened',
          arrange: (root) => replaceIn(root, LVM_RESULT, 'submitted: "2025-10-20"', 'submitted: "2025-09-01"'),
          findings: [
            {
              file: LVM_RESULT,
              pointer: '/submitted',
              message: 'submitted: 2025-09-01 is before cycle 2025.2 opened (2025-10-01)',
            },
          ],
        },
        {
          name: 'submitted after its cycle closed',
          arrange: (root) => replaceIn(root, NFS_RESULT, 'submitted: "2025-05-01"', 'submitted: "2025-10-15"'),
          findings: [
            {
              file: NFS_RESULT,
              pointer: '/submitted',
              message: 'submitted: 2025-10-15 is after cycle 2025.1 closed (2025-10-01)',
            },
          ],
        },
        {
          name: 'withdrawn before it was submitted',
          arrange: (root) => writeIn(root, NFS_RESULT, readText(root, NFS_RESULT) + withdrawn('2025-04-01')),
          findings: [
            {
              file: NFS_RESULT,
              pointer: '/withdrawn/date',
              message: 'withdrawn.date: 2025-04-01 must lie between the submission (2025-05-01) and today (2025-11-20)',
            },
          ],
        },
      ],
    },
  },
  {
    rule: submissionProtocol,
    base: baseRepo,
    cases: {
      valid: [
        base,
        {
          name: "one of the driver's protocols, in other letter case",
          arrange: (root) => replaceIn(root, LVM_RESULT, 'protocol: iSCSI', 'protocol: nvme-tcp'),
        },
      ],
      invalid: [
        {
          name: "a protocol that is not one of the driver's",
          arrange: (root) => replaceIn(root, LVM_RESULT, 'protocol: iSCSI', 'protocol: FC'),
          findings: [
            {
              file: LVM_RESULT,
              pointer: '/environment/protocol',
              message: 'environment.protocol: "FC" is not one of lvm\'s protocols (iSCSI, NVMe-TCP)',
            },
          ],
        },
      ],
    },
  },
];

function readText(root: string, file: string): string {
  return readFileSync(join(root, file), 'utf8');
}
