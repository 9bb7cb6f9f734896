// What the site is built from: the record (RepoModel) and the matrix model derived from it, read
// exactly as MATRIX.md reads them (the same loader, the same refusals), so the two never disagree.
import type { Finding } from '../findings.js';
import type { RepoModel } from '../model.js';
import { loadMatrixModel } from '../matrix/matrix-file.js';
import type { MatrixModel } from '../matrix/model.js';

/** The record and its matrix model. */
export interface SiteInputs {
  record: RepoModel;
  matrix: MatrixModel;
}

/** Read the repository at `root` as MATRIX.md does; throws MatrixInputError on errors, returns the warnings. */
export function loadSiteInputs(root: string): { inputs: SiteInputs; warnings: Finding[] } {
  const { model, record, warnings } = loadMatrixModel(root);
  return { inputs: { record, matrix: model }, warnings };
}
