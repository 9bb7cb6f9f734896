// The parse cache (scripts/lib/parse-cache.ts) is only ever a copy: a repository read with
// it gives the same data and the same MATRIX.md as one read without it; a changed file is
// read again; a file with a problem is never remembered, so its findings keep their lines;
// and a cache that is corrupt or cannot be written costs time, never a result.
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NO_CACHE, openParseCache } from '../scripts/lib/parse-cache.js';
import { loadRepo } from '../scripts/lib/repo.js';
import { repoModel } from '../scripts/lib/repo-model.js';
import { buildMatrixModel } from '../scripts/lib/matrix/build.js';
import { renderMatrix } from '../scripts/lib/matrix/render.js';
import { tempDir } from './helpers/cli.js';
import { replaceIn } from './helpers/edit.js';
import { writeWorld } from './matrix/world.js';

function matrixOf(root: string, cacheDir?: string): string {
  return renderMatrix(buildMatrixModel(repoModel(loadRepo(root, cacheDir ? openParseCache(cacheDir) : NO_CACHE))));
}

describe('the parse cache', () => {
  it('gives the same record and the same MATRIX.md as reading every file, cold and warm', () => {
    const root = writeWorld();
    const dir = tempDir('drivercert-cache-');
    const plain = repoModel(loadRepo(root, NO_CACHE));
    expect(repoModel(loadRepo(root, openParseCache(dir)))).toEqual(plain);
    expect(readdirSync(dir).filter((f) => f.startsWith('parsed-'))).toHaveLength(1);
    expect(repoModel(loadRepo(root, openParseCache(dir)))).toEqual(plain);
    expect(matrixOf(root, dir)).toBe(matrixOf(root));
  });

  it('reads a changed file again', () => {
    const root = writeWorld();
    const dir = tempDir('drivercert-cache-');
    matrixOf(root, dir);
    replaceIn(root, 'results/2025.2/lvm/result.yaml', /\n$/, '\nwithdrawn:\n  date: "2025-11-10"\n  reason: wrong\n');
    expect(matrixOf(root, dir)).toContain('**withdrawn** on 2025-11-10: wrong');
    expect(matrixOf(root, dir)).toBe(matrixOf(root));
  });

  it('never remembers a file with a problem: its findings name their lines on every run', () => {
    const root = writeWorld();
    const dir = tempDir('drivercert-cache-');
    replaceIn(root, 'results/2025.2/nfs/result.yaml', 'verdict: failed', 'verdict: great');
    for (let run = 0; run < 2; run++) {
      const sub = loadRepo(root, openParseCache(dir)).submissions.find((s) => s.path === 'results/2025.2/nfs')!;
      expect(sub.result!.data).toBeUndefined();
      expect(sub.result!.problems[0]).toMatchObject({ pointer: '/verdict', line: expect.any(Number) });
    }
  });

  it('gives lines for a remembered file when a check asks for them', () => {
    const root = writeWorld();
    const dir = tempDir('drivercert-cache-');
    loadRepo(root, openParseCache(dir));
    const sub = loadRepo(root, openParseCache(dir)).submissions.find((s) => s.path === 'results/2025.2/lvm')!;
    expect(sub.result!.source.locate('/verdict').line).toBeGreaterThan(1);
  });

  it('ignores a corrupt cache, and a cache it cannot write', () => {
    const root = writeWorld();
    const dir = tempDir('drivercert-cache-');
    matrixOf(root, dir);
    for (const f of readdirSync(dir)) writeFileSync(join(dir, f), '{"not": ');
    expect(matrixOf(root, dir)).toBe(matrixOf(root));
    // A cache folder that cannot be made (a file is in the way; root could write into a read-only folder).
    const file = join(tempDir('drivercert-cache-'), 'a-file');
    writeFileSync(file, '');
    expect(matrixOf(root, join(file, 'cache'))).toBe(matrixOf(root));
  });
});
