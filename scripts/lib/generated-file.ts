// A file the repository generates from its data (MATRIX.md, .github/CODEOWNERS): written by
// one function, and `--check` compares with that very function's output, so the check can
// never disagree with the writer. The registry of such files is generated.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic.js';

export interface GeneratedFile {
  /** Repository-relative path. */
  path: string;
  /** The command a contributor runs to regenerate it, e.g. `npx drivercert matrix`. */
  command: string;
  /** The file's exact bytes for the repository at `root`. */
  render(root: string): string | Promise<string>;
}

/** Whether the committed file equals what regeneration gives (a missing file is stale). */
export async function isFresh(
  root: string,
  g: GeneratedFile,
): Promise<{ fresh: boolean; expected: string; actual: string | undefined }> {
  const expected = await g.render(root);
  let actual: string | undefined;
  try {
    actual = readFileSync(join(root, g.path), 'utf8');
  } catch {
    actual = undefined;
  }
  return { fresh: actual === expected, expected, actual };
}

/** Regenerate a file atomically; returns whether its bytes changed. */
export async function regenerate(root: string, g: GeneratedFile): Promise<boolean> {
  const { fresh, expected } = await isFresh(root, g);
  if (!fresh) writeFileAtomic(join(root, g.path), expected, { mkdir: true });
  return !fresh;
}
