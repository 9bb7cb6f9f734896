// The registry of pull-request rules `validate --changed-since` runs, in the order they report.
import type { PullRequestCheck } from './types.js';
import { generatedUntouched, noTempLookAlikes, oneFolder, openCycle, outsideFolder } from './folders.js';
import { mergedResults, withdrawalAuthor } from './merged.js';
import { submissionAuthor } from './author.js';
import { gitEntries } from './git-entries.js';
import { bundleInLfs } from './lfs.js';
import { committedTree, generatedFresh } from './generated.js';

export const emptyChange: PullRequestCheck = {
  id: 'pr-not-empty',
  name: 'the pull request changes something',
  description: 'A branch with no changes against the base is reported, not failed.',
  applies: ['empty'],
  check(pr, report) {
    report
      .at('.')
      .notice(`nothing differs between ${pr.ref} and HEAD`, 'Commit your changes on this branch, then validate again.');
  },
};

export const PR_CHECKS: readonly PullRequestCheck[] = [
  oneFolder,
  openCycle,
  outsideFolder,
  noTempLookAlikes,
  generatedUntouched,
  mergedResults,
  gitEntries,
  bundleInLfs,
  submissionAuthor,
  withdrawalAuthor,
  generatedFresh,
  committedTree,
  emptyChange,
];
