// Cases of the pull-request rules: each a branch off one base (the shipped registry and cycles,
// with maintainers, a login core reviewer, a removed driver and merged results in both cycles).
import { copyFileSync, mkdirSync, rmSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import type { PullRequestCase, PullRequestTests } from '../../helpers/rule-tester.js';
import { ROOT } from '../../helpers/cli.js';
import { appendIn, lineOf, writeIn } from '../../helpers/edit.js';
import { editRegistry, regenerateAll } from '../../helpers/pr-repo.js';
import { writeSubmission } from '../../helpers/submission.js';
import { CORE, LVM_MAINTAINER, NFS_MAINTAINER, baseBranch } from '../../pr/fixture.js';
import {
  generatedUntouched,
  noTempLookAlikes,
  oneFolder,
  openCycle,
  outsideFolder,
} from '../../../scripts/lib/checks/pull-request/folders.js';
import { mergedResults, withdrawalAuthor } from '../../../scripts/lib/checks/pull-request/merged.js';
import { submissionAuthor } from '../../../scripts/lib/checks/pull-request/author.js';
import { gitEntries } from '../../../scripts/lib/checks/pull-request/git-entries.js';
import { bundleInLfs } from '../../../scripts/lib/checks/pull-request/lfs.js';
import { bundleIn, lfsAttributes, replaceByPointer } from '../../helpers/lfs.js';
import { committedTree, generatedFresh } from '../../../scripts/lib/checks/pull-request/generated.js';
import { emptyChange } from '../../../scripts/lib/checks/pull-request/index.js';

/** The base branch: the shipped registry and cycles, the pull-request fixture, the generated files. */
async function base(root: string): Promise<void> {
  copyFileSync(join(ROOT, 'drivers.yaml'), join(root, 'drivers.yaml'));
  for (const cycle of ['2025.1', '2025.2']) {
    mkdirSync(join(root, 'results', cycle), { recursive: true });
    copyFileSync(join(ROOT, 'results', cycle, 'cycle.yaml'), join(root, 'results', cycle, 'cycle.yaml'));
  }
  baseBranch(root);
  await regenerateAll(root);
}

const LVM = 'results/2025.2/lvm';

/** lvm's submission for the open cycle, as its maintainer makes it. */
const lvmSubmission = (root: string) =>
  void writeSubmission(root, { driver: 'lvm', cycle: '2025.2', submitter: LVM_MAINTAINER, submitted: '2025-11-02' });

/** A valid submission by the driver's maintainer: every submission rule accepts it. */
const submission: PullRequestCase = {
  name: "lvm's submission for the open cycle, by its maintainer",
  change: lvmSubmission,
  author: LVM_MAINTAINER,
};

const withdrawal = (root: string) =>
  appendIn(
    root,
    'results/2025.1/nfs/result.yaml',
    'withdrawn:\n  date: "2025-11-02"\n  reason: "The run used a patched tempest, found in review"\n',
  );

/** The base with the shipped kind of .gitattributes: bundles in Git LFS, lvm's closed-cycle one exempted. */
async function lfsBase(root: string): Promise<void> {
  await base(root);
  writeIn(root, '.gitattributes', lfsAttributes(['results/2025.1/lvm/lvm-2025.1.tgz']));
}

/** lvm's submission with its bundle committed as the LFS pointer git-lfs makes. */
const lvmInLfs = (root: string) => {
  lvmSubmission(root);
  replaceByPointer(root, bundleIn(root, LVM));
};

export const PULL_REQUEST_RULES: PullRequestTests[] = [
  {
    rule: oneFolder,
    base,
    cases: {
      valid: [submission],
      invalid: [
        {
          name: "a submission that also adds another driver's folder",
          change: (root) => {
            lvmSubmission(root);
            writeSubmission(root, { driver: 'rbd', cycle: '2025.2', submitter: LVM_MAINTAINER });
          },
          author: LVM_MAINTAINER,
          findings: [
            {
              file: 'results/2025.2/rbd/',
              message: "this pull request also changes another driver's folder (rbd) (2 files: 2 added)",
            },
          ],
        },
      ],
    },
  },
  {
    rule: openCycle,
    base,
    cases: {
      valid: [submission],
      invalid: [
        {
          name: 'a submission to the closed cycle',
          change: (root) =>
            void writeSubmission(root, { driver: 'rbd', cycle: '2025.1', submitter: CORE, submitted: '2025-06-01' }),
          author: CORE,
          findings: [
            {
              file: 'results/2025.1/rbd/',
              message: 'cycle 2025.1 is closed (since 2025-10-01); a submission goes to the open cycle, 2025.2',
            },
          ],
        },
      ],
    },
  },
  {
    rule: outsideFolder,
    base,
    cases: {
      valid: [submission],
      invalid: [
        {
          name: 'a submission that also changes drivers.yaml',
          change: (root) => {
            lvmSubmission(root);
            editRegistry(root, (doc, index) => doc.setIn(['drivers', index('lvm'), 'maintainers'], ['mallory']));
          },
          author: LVM_MAINTAINER,
          findings: [
            {
              file: 'drivers.yaml',
              message: "changes drivers.yaml, outside the submission's folder results/2025.2/lvm/ (who may submit",
            },
          ],
        },
      ],
    },
  },
  {
    rule: noTempLookAlikes,
    base,
    cases: {
      valid: [
        submission,
        {
          name: 'a leftover temporary file in the working tree, never committed',
          change: lvmSubmission,
          uncommitted: (root) => writeIn(root, `${LVM}/.result.yaml.4242.0badc0de.tmp`, 'half a file'),
          author: LVM_MAINTAINER,
        },
      ],
      invalid: [
        {
          name: 'a submission that commits a file named like a temporary file',
          change: (root) => {
            lvmSubmission(root);
            writeIn(root, `${LVM}/.result.yaml.4242.0badc0de.tmp`, 'password = hunter2\n');
          },
          author: LVM_MAINTAINER,
          findings: [
            {
              file: `${LVM}/.result.yaml.4242.0badc0de.tmp`,
              message: 'a file named like the temporary file of an interrupted drivercert write: it is an extra file',
            },
          ],
        },
      ],
    },
  },
  {
    rule: generatedUntouched,
    base,
    cases: {
      valid: [submission],
      invalid: [
        {
          name: 'a submission that edits CODEOWNERS',
          change: (root) => {
            lvmSubmission(root);
            appendIn(root, '.github/CODEOWNERS', '/results/*/lvm/ @mallory\n');
          },
          author: LVM_MAINTAINER,
          findings: [
            {
              file: '.github/CODEOWNERS',
              message: 'changes .github/CODEOWNERS, which is generated: publishing regenerates it',
            },
          ],
        },
      ],
    },
  },
  {
    rule: mergedResults,
    base,
    cases: {
      valid: [
        submission,
        {
          name: 'the maintainer improving the README.md of its submission in the open cycle',
          change: (root) =>
            appendIn(root, 'results/2025.2/nfs/README.md', '\nThe share is exported with no_root_squash.\n'),
          author: NFS_MAINTAINER,
        },
      ],
      invalid: [
        {
          name: 'deleting a merged result of the closed cycle',
          change: (root) => rmSync(join(root, 'results/2025.1/lvm/result.yaml')),
          author: CORE,
          findings: [
            {
              file: 'results/2025.1/lvm/result.yaml',
              message:
                "deletes results/2025.1/lvm/result.yaml, part of lvm's submission for the closed cycle 2025.1, " +
                'which is merged',
            },
          ],
        },
      ],
    },
  },
  {
    rule: gitEntries,
    base,
    cases: {
      valid: [submission],
      invalid: [
        {
          name: 'an executable bundle',
          change: (root) => {
            lvmSubmission(root);
            chmodSync(join(root, LVM, 'lvm-2025.2.tgz'), 0o755);
          },
          author: LVM_MAINTAINER,
          findings: [
            {
              file: `${LVM}/lvm-2025.2.tgz`,
              message: `${LVM}/lvm-2025.2.tgz has mode 100755 (executable); files in results/ are plain files`,
            },
          ],
        },
      ],
    },
  },
  {
    rule: submissionAuthor,
    base,
    cases: {
      valid: [submission, { name: 'a submission by a core reviewer', change: lvmSubmission, author: CORE }],
      invalid: [
        {
          name: 'a submission by someone else',
          change: lvmSubmission,
          author: 'mallory',
          findings: [
            {
              file: `${LVM}/`,
              message:
                "mallory may not submit for lvm: lvm's maintainers are alice, and the core reviewers are core-carol",
            },
          ],
        },
        {
          name: 'a submission without --author: a notice',
          change: lvmSubmission,
          findings: [
            { level: 'notice', file: `${LVM}/`, message: 'the author was not checked: no --author was given' },
          ],
        },
      ],
    },
  },
  {
    rule: withdrawalAuthor,
    base,
    cases: {
      valid: [{ name: 'a withdrawal by a core reviewer', change: withdrawal, author: CORE }],
      invalid: [
        {
          name: "a withdrawal by the driver's maintainer",
          change: withdrawal,
          author: NFS_MAINTAINER,
          findings: [
            {
              file: 'results/2025.1/nfs/result.yaml',
              message:
                'nina withdraws this result, but only a core reviewer (core-carol, as drivers.yaml says on main)',
            },
          ],
        },
      ],
    },
  },
  {
    rule: generatedFresh,
    base,
    cases: {
      valid: [
        {
          name: 'a new maintainer, with CODEOWNERS regenerated',
          change: async (root) => {
            editRegistry(root, (doc, index) => doc.setIn(['drivers', index('rbd'), 'maintainers'], ['rita']));
            await regenerateAll(root);
          },
          author: CORE,
        },
      ],
      invalid: [
        {
          name: 'MATRIX.md edited by hand',
          change: (root) => appendIn(root, 'MATRIX.md', '# edited by hand\n'),
          author: CORE,
          findings: [
            {
              file: 'MATRIX.md',
              line: (root) => lineOf(root, 'MATRIX.md', '# edited by hand'),
              message: "MATRIX.md is not what `npx drivercert matrix` generates from this pull request's files",
            },
          ],
        },
      ],
    },
  },
  {
    rule: committedTree,
    base,
    cases: {
      valid: [submission],
      invalid: [
        {
          ...submission,
          name: 'a change left uncommitted',
          uncommitted: (root) => writeIn(root, 'notes.txt', 'to do\n'),
          findings: [
            {
              level: 'warning',
              file: 'notes.txt',
              message: '1 uncommitted change is not part of the pull request (notes.txt)',
            },
          ],
        },
      ],
    },
  },
  {
    rule: bundleInLfs,
    base: lfsBase,
    cases: {
      valid: [
        { ...submission, name: 'a bundle committed as its LFS pointer', change: lvmInLfs },
        {
          ...submission,
          name: 'a plain-blob bundle where the committed .gitattributes exempts it',
          change: (root) => {
            lvmSubmission(root);
            appendIn(root, '.gitattributes', `${bundleIn(root, LVM)} -filter -diff -merge -text\n`);
          },
        },
        {
          name: 'a plain-blob bundle on a branch before .gitattributes, in a repository without it',
          change: lvmSubmission,
          author: LVM_MAINTAINER,
          base: (root) => rmSync(join(root, '.gitattributes')),
        },
      ],
      invalid: [
        {
          ...submission,
          name: 'a bundle committed as a plain blob where .gitattributes says LFS',
          findings: [{ file: `${LVM}/lvm-2025.2.tgz`, message: /committed as a plain Git blob \(\d+ bytes\)/ }],
        },
        {
          ...submission,
          name: "the same, exempted only by this clone's own .git/info/attributes",
          change: (root) => {
            lvmSubmission(root);
            writeIn(root, '.git/info/attributes', 'results/** -filter\n');
          },
          findings: [{ file: `${LVM}/lvm-2025.2.tgz`, message: 'stores results/**/*.tgz in Git LFS' }],
        },
      ],
    },
  },
  {
    rule: emptyChange,
    base,
    cases: {
      valid: [submission],
      invalid: [
        {
          name: 'a branch with no change',
          author: LVM_MAINTAINER,
          findings: [{ level: 'notice', file: '.', message: 'nothing differs between main and HEAD' }],
        },
      ],
    },
  },
];
