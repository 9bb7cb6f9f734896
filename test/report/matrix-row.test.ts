// The reviewer's preview of a driver's matrix row comes from the same model and the same
// column descriptors as MATRIX.md: for the same repository, every driver's preview reads
// as its MATRIX.md row, hostile text included. Only the writing differs: a comment names
// the submission folder instead of linking it, and its escaping marks line breaks (⏎) and
// drops invisible characters where MATRIX.md shows a space or U+FFFD.
import { describe, expect, it } from 'vitest';
import type { TableRow } from 'mdast';
import { loadMatrixModel } from '../../scripts/lib/matrix/matrix-file.js';
import { renderMatrix } from '../../scripts/lib/matrix/render.js';
import { matrixRowPreview } from '../../scripts/lib/report/matrix-row.js';
import { loadRepo } from '../../scripts/lib/repo.js';
import { parseGfm, tablesOf, textOf } from '../matrix/gfm.js';
import { writeWorld } from '../matrix/world.js';

/** What a reader sees in a cell, with the two escapings' differences in invisible and line-break characters evened out. */
function seen(row: TableRow): string[] {
  return row.children.map((c) =>
    textOf(c)
      .replace(/ results\/[^ ]+\/$| results\/[^ ]+\/(?= )/g, '')
      .replace(/[\ufffd\u2028\u2029\u202a-\u202e\u2066-\u2069⏎]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
  );
}

describe("the reviewer's matrix-row preview", () => {
  it("reads, for every driver of a repository, as that driver's row of MATRIX.md", () => {
    const root = writeWorld();
    const model = loadMatrixModel(root).model;
    const [, main] = tablesOf(parseGfm(renderMatrix(model)));
    const repo = loadRepo(root);
    expect(model.drivers.length).toBeGreaterThan(5);
    model.drivers.forEach((d, i) => {
      const [preview] = tablesOf(parseGfm(matrixRowPreview(repo, d.id)));
      expect(preview!.children).toHaveLength(2);
      expect(seen(preview!.children[0]!)).toEqual(seen(main!.children[0]!));
      expect(seen(preview!.children[1]!), d.id).toEqual(seen(main!.children[i + 1]!));
    });
  });

  it('says so for a driver that is not in drivers.yaml, which has no row', () => {
    expect(matrixRowPreview(loadRepo(writeWorld()), 'nobody')).toBe(
      'nobody is not a driver in drivers.yaml, so it has no row in the matrix.',
    );
  });
});
