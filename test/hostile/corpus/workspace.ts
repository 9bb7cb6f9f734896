// What a case's `build` works on: a scratch copy of the shipped repository, or a pull-request
// branch of a scratch origin (test/helpers/pr-repo.ts). Test-only (uses vitest's helpers).
import {
  chmodSync,
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { replaceIn } from '../../helpers/edit.js';
import type { PullRequestBranch } from '../../helpers/pr-repo.js';
import { writeSubmission } from '../../helpers/submission.js';
import type { PullRequestBuilder, RepoBuilder, SubmissionSpec } from './types.js';

/** Case operations on the repository at `root`. */
export function repoBuilder(root: string): RepoBuilder {
  const at = (path: string) => {
    const full = join(root, path);
    mkdirSync(dirname(full), { recursive: true });
    return full;
  };
  return {
    write: (path, content) => writeFileSync(at(path), content),
    writeStream: (path, bytes) => {
      const fd = openSync(at(path), 'w');
      try {
        for (const chunk of bytes()) for (let off = 0; off < chunk.length;) off += writeSync(fd, chunk, off);
      } finally {
        closeSync(fd);
      }
    },
    read: (path) => readFileSync(join(root, path), 'utf8'),
    replace: (path, from, to) => replaceIn(root, path, from, to),
    symlink: (target, path) => symlinkSync(target, at(path)),
    remove: (path) => rmSync(join(root, path), { recursive: true }),
    submit: (spec: SubmissionSpec) => {
      writeSubmission(root, {
        driver: spec.driver,
        cycle: spec.cycle ?? '2025.2',
        submitter: 'alice',
        submitted: '2025-11-02',
        ...(spec.notes !== undefined ? { notes: spec.notes } : {}),
        ...(spec.backendModel !== undefined ? { backendModel: spec.backendModel } : {}),
        ...(spec.backendVersion !== undefined ? { backendVersion: spec.backendVersion } : {}),
        ...(spec.failed ? { failed: spec.failed } : {}),
        ...(spec.skipped ? { skipped: spec.skipped } : {}),
      });
    },
  };
}

/** Case operations on a pull-request branch; `committed()` tells whether the case committed itself. */
export function pullRequestBuilder(pr: PullRequestBranch): PullRequestBuilder & { committed(): boolean } {
  let committed = false;
  return {
    ...repoBuilder(pr.dir),
    git: (...args) => pr.git(...args),
    chmod: (path, mode) => chmodSync(join(pr.dir, path), mode),
    commitStaged: () => {
      pr.commitStaged();
      committed = true;
    },
    committed: () => committed,
  };
}
