// What the site is built from: the record (RepoModel) and the matrix model derived from it, read
// exactly as MATRIX.md reads them (the same reader, the same refusals), so the two never disagree.
import type { Finding } from '../findings.js';
import { loadRepo } from '../repo.js';
import { repoModel } from '../repo-model.js';
import type { RepoModel } from '../model.js';
import { buildMatrixModel } from '../matrix/build.js';
import { matrixFindings } from '../matrix/load.js';
import { MatrixInputError } from '../matrix/matrix-file.js';
import type { MatrixModel } from '../matrix/model.js';

/** The record and its matrix model. */
export interface SiteInputs {
  record: RepoModel;
  matrix: MatrixModel;
}

/** Read the repository at `root` as MATRIX.md does; throws MatrixInputError on errors, returns the warnings. */
export function loadSiteInputs(root: string): { inputs: SiteInputs; warnings: Finding[] } {
  const repo = loadRepo(root);
  const findings = matrixFindings(repo);
  const errors = findings.filter((f) => f.level === 'error');
  if (errors.length) throw new MatrixInputError(errors);
  return { inputs: siteInputs(repoModel(repo)), warnings: findings.filter((f) => f.level !== 'error') };
}

/** The site's inputs from a record. */
export function siteInputs(record: RepoModel): SiteInputs {
  return { record, matrix: buildMatrixModel(record) };
}
