// Bundles go to Git LFS where .gitattributes says so: a bundle committed as a plain blob
// would put its megabytes into every clone's history for good.
import type { PullRequestCheck } from './types.js';
import { RESULTS_DIR } from '../../repo.js';
import { POINTER_MAX_BYTES, readPointer } from '../../lfs/pointer.js';

/** How a bundle committed without git-lfs is stored in LFS, on the branch, without touching .gitattributes. */
export function lfsFixTip(path: string): string {
  return (
    'Install git-lfs (`git lfs install`) and store the bundle in LFS, leaving .gitattributes as it is (a ' +
    'submission may not change it): rewrite this branch with `git lfs migrate import --fixup --yes`, or ' +
    `\`git rm --cached ${path} && git add ${path}\` and commit; then push again.`
  );
}

export const bundleInLfs: PullRequestCheck = {
  id: 'pr-bundle-in-lfs',
  name: '.tgz files .gitattributes puts in Git LFS are committed as LFS pointers',
  description:
    'A bundle the pull request adds or changes where the committed .gitattributes says `filter=lfs` is an LFS ' +
    'pointer in the commit, not the bundle itself; the committed .gitattributes decide, never local settings.',
  applies: ['submission', 'maintenance'],
  check(pr, report) {
    const bundles = pr.changes.filter(
      (c) => c.after?.type === 'file' && c.path.startsWith(`${RESULTS_DIR}/`) && c.path.endsWith('.tgz'),
    );
    const filters = pr.headAttribute(
      'filter',
      bundles.map((c) => c.path),
    );
    for (const c of bundles) {
      if (filters.get(c.path) !== 'lfs') continue;
      const size = pr.blobSize(c.after!.oid) ?? 0;
      const buf = size <= POINTER_MAX_BYTES ? pr.blob(c.after!.oid) : undefined;
      const read = buf ? readPointer(buf) : undefined;
      if (read && 'pointer' in read) continue;
      report
        .at(c.path)
        .error(
          `${c.path} is committed as a plain Git blob (${size} bytes), but .gitattributes stores ` +
            `${RESULTS_DIR}/**/*.tgz in Git LFS`,
          lfsFixTip(c.path),
        );
    }
  },
};
