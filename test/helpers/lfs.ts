// Git LFS for tests: a bundle replaced by the pointer git-lfs would commit for it (what a
// clone that did not fetch LFS content holds), optionally naming other content.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pointerText, type LfsPointer } from '../../scripts/lib/lfs/pointer.js';

/** The pointer git-lfs writes for a file's content. */
export function pointerOf(file: string): LfsPointer {
  const data = readFileSync(file);
  return { oid: createHash('sha256').update(data).digest('hex'), size: data.length };
}

/** Replace `root/path` by its LFS pointer (or by a pointer with `override`'s oid or size); returns the true one. */
export function replaceByPointer(root: string, path: string, override: Partial<LfsPointer> = {}): LfsPointer {
  const abs = join(root, path);
  const real = pointerOf(abs);
  writeFileSync(abs, pointerText({ ...real, ...override }));
  return real;
}

/** The one .tgz in a submission folder, as a repository path. */
export function bundleIn(root: string, folder: string): string {
  const tgz = readdirSync(join(root, folder)).filter((n) => n.endsWith('.tgz'));
  if (tgz.length !== 1) throw new Error(`${folder} holds ${tgz.length} .tgz files, not one`);
  return `${folder}/${tgz[0]}`;
}

/** The .gitattributes the repository ships: bundles in LFS (with `exempt` paths as plain blobs). */
export function lfsAttributes(exempt: readonly string[] = []): string {
  return [
    'results/**/*.tgz filter=lfs diff=lfs merge=lfs -text',
    ...exempt.map((p) => `${p} -filter -diff -merge -text`),
  ]
    .map((l) => `${l}\n`)
    .join('');
}
