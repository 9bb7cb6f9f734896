// What only git can see: links, submodules and file modes. A checkout turns them into
// something else (a link is followed, a submodule is an empty folder), so they are
// judged from the commits, for every kind of pull request.
import { posix } from 'node:path';
import type { PullRequestCheck } from './types.js';
import { RESULTS_DIR } from '../../repo.js';

/** Where a symbolic link at `path` with `target` leads, or undefined when it leaves the repository. */
function linkDestination(path: string, target: string): string | undefined {
  if (target.startsWith('/') || /^[A-Za-z]:[\\/]/.test(target) || target.includes('\0')) return undefined;
  const dest = posix.normalize(posix.join(posix.dirname(path), target.replace(/\\/g, '/')));
  if (dest === '..' || dest.startsWith('../') || posix.isAbsolute(dest)) return undefined;
  return dest;
}

export const gitEntries: PullRequestCheck = {
  id: 'pr-git-entries',
  name: 'results/ holds plain files, and nothing links outside the repository or adds a submodule',
  description:
    'Every file the pull request adds or changes under results/ is a plain, non-executable file; anywhere in ' +
    'the repository, no symbolic link points outside it and no submodule is added.',
  applies: ['submission', 'maintenance'],
  check(pr, report) {
    for (const c of pr.changes) {
      const after = c.after;
      if (!after) continue;
      const inResults = c.path.startsWith(`${RESULTS_DIR}/`);
      const at = report.at(c.path);
      const replaceLink =
        `Replace the link with the file itself: \`git rm --cached ${c.path}\`, ` +
        'copy the real file there, and `git add` it.';
      if (after.type === 'submodule') {
        at.error(
          `${c.path} is a submodule (a link to commit ${after.oid.slice(0, 12)} of another repository); ` +
            'this repository holds no submodules',
          `Commit the files themselves instead: \`git rm --cached ${c.path}\`, remove its entry from .gitmodules, ` +
            'and add the real files.',
        );
      } else if (after.type === 'symlink') {
        const target = pr.blob(after.oid)?.toString('utf8') ?? '';
        if (linkDestination(c.path, target) === undefined) {
          at.error(`${c.path} is a symbolic link to ${JSON.stringify(target)}, outside the repository`, replaceLink);
        } else if (inResults) {
          at.error(
            `${c.path} is a symbolic link (to ${JSON.stringify(target)}); results/ holds plain files only`,
            replaceLink,
          );
        }
      } else if (inResults && after.type !== 'file') {
        at.error(
          `${c.path} has mode ${after.mode}${after.type === 'executable' ? ' (executable)' : ''}; ` +
            'files in results/ are plain files (mode 100644)',
          `Drop the executable bit: \`git update-index --chmod=-x ${c.path}\` and commit.`,
        );
      }
    }
  },
};
