// The record is never rewritten: a merged result is not changed, replaced, moved or
// deleted. The one exception is a withdrawal, which only a core reviewer makes.
import type { PullRequestCheck } from './types.js';
import type { Change, EntryType } from '../../git.js';
import { RESULT_FILE } from '../../repo.js';
import { nameInFolder, sameLogin, type FolderChanges, type PullRequest } from '../../pr/pull-request.js';
import { verb, whoseResult } from './describe.js';
import { coreReviewers } from './author.js';

const README = 'README.md';

const ENTRY_WORDS: Record<EntryType, string> = {
  file: 'a plain file',
  executable: 'an executable file',
  symlink: 'a symbolic link',
  submodule: 'a submodule',
  other: 'a different kind of entry',
};

/** A merged README.md of the submission's own folder, in the open cycle, may be improved. */
function isReadmeEdit(pr: PullRequest, f: FolderChanges, c: Change): boolean {
  return (
    c.status === 'modified' &&
    c.after?.type === 'file' &&
    nameInFolder(c.path) === README &&
    f.folder.path === pr.folder?.path &&
    pr.base.cycles.get(f.folder.cycle)?.state === 'open'
  );
}

export const mergedResults: PullRequestCheck = {
  id: 'pr-merged-results',
  name: 'a merged result never changes or disappears',
  description:
    "Files of a merged submission — in a closed cycle, in another driver's folder or in one's own — are never " +
    'changed, replaced, moved or deleted; a core reviewer may only add `withdrawn:` to result.yaml.',
  applies: ['submission', 'maintenance'],
  check(pr, report) {
    for (const f of pr.folders) {
      for (const c of f.changes) {
        if (!c.before || isReadmeEdit(pr, f, c)) continue;
        report
          .at(c.path)
          .error(
            `${whatChanges(c)}, part of ${whoseResult(pr, f.folder)}, which is merged`,
            'The record is never rewritten, and a rename counts as deleting the result. If a merged result is ' +
              'wrong, a core reviewer withdraws it by adding `withdrawn: { date, reason }` to its result.yaml ' +
              'in a pull request of its own.',
          );
      }
    }
  },
};

/** What a change does to a merged file: "deletes …", "turns … into a symbolic link", "changes the mode of …". */
function whatChanges(c: Change): string {
  if (c.status === 'deleted') return `deletes ${c.path}`;
  if (c.status === 'typechanged') return `turns ${c.path} into ${ENTRY_WORDS[c.after?.type ?? 'other']}`;
  if (c.before?.oid === c.after?.oid) return `changes the mode of ${c.path} (${c.before?.mode} → ${c.after?.mode})`;
  if (nameInFolder(c.path) === RESULT_FILE) return `changes ${c.path} in other ways than adding \`withdrawn:\``;
  return `${verb(c)} ${c.path}`;
}

export const withdrawalAuthor: PullRequestCheck = {
  id: 'pr-withdrawal-author',
  name: 'only a core reviewer withdraws a result',
  description:
    'A withdrawal (adding `withdrawn:` to a merged result.yaml) is made by a core reviewer, as drivers.yaml ' +
    'lists them on the base branch.',
  applies: ['maintenance'],
  check(pr, report) {
    const author = pr.author;
    if (pr.withdrawals.length === 0 || !author) return;
    const { logins, teams } = coreReviewers(pr);
    if (logins.some((l) => sameLogin(l, author))) return;
    for (const c of pr.withdrawals) {
      if (teams.length > 0) {
        report
          .at(c.path)
          .notice(
            `${author} withdraws this result; ${author} is not a core reviewer listed by login, and whether they ` +
              `belong to ${teams.join(', ')} cannot be checked offline, so GitHub decides through CODEOWNERS`,
          );
        continue;
      }
      report
        .at(c.path)
        .error(
          `${author} withdraws this result, but only a core reviewer (${logins.join(', ') || 'none listed'}, ` +
            `as drivers.yaml says on ${pr.ref}) withdraws a result`,
          'Ask a core reviewer to withdraw it; explain why in the pull request or an issue.',
        );
    }
  },
};
