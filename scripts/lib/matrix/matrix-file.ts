// MATRIX.md as a generated file: load the repository, build the model, render. `matrix`,
// `matrix --check`, `missing` and the cycle hooks all go through `loadMatrixModel` and `MATRIX_FILE`.
import { InputError, type Finding } from '../findings.js';
import type { GeneratedFile } from '../generated-file.js';
import { loadRepo } from '../repo.js';
import { repoModel } from '../repo-model.js';
import type { RepoModel } from '../model.js';
import { buildMatrixModel } from './build.js';
import { matrixFindings } from './load.js';
import type { MatrixModel } from './model.js';
import { MATRIX_COMMAND, renderMatrix } from './render.js';

export const MATRIX_PATH = 'MATRIX.md';

/** The inputs hold errors the matrix cannot be built past; `findings` lists all of them. */
export class MatrixInputError extends InputError {
  readonly findings: Finding[];
  constructor(findings: Finding[]) {
    const first = findings[0];
    const problems = findings.length === 1 ? 'a problem' : `${findings.length} problems`;
    super(`${problems} in the matrix's inputs${first ? ` (first: ${first.message})` : ''}; MATRIX.md was not written`, {
      ...(first ? { file: first.file, ...(first.line !== undefined ? { line: first.line } : {}) } : {}),
      tip: '`npx drivercert validate` explains every problem in the repository.',
    });
    this.name = 'MatrixInputError';
    this.findings = findings;
  }
}

/**
 * The matrix model of the repository at `root`, the record it was built from and the warnings met
 * on the way; throws MatrixInputError on errors. The matrix and the site both read through it.
 */
export function loadMatrixModel(root: string): { model: MatrixModel; record: RepoModel; warnings: Finding[] } {
  const repo = loadRepo(root);
  const findings = matrixFindings(repo);
  const errors = findings.filter((f) => f.level === 'error');
  if (errors.length) throw new MatrixInputError(errors);
  const record = repoModel(repo);
  return { model: buildMatrixModel(record), record, warnings: findings.filter((f) => f.level !== 'error') };
}

/** MATRIX.md as a generated file; `observe` sees the model and the warnings of each render. */
export function matrixFile(observe?: (model: MatrixModel, warnings: Finding[]) => void): GeneratedFile {
  return {
    path: MATRIX_PATH,
    command: MATRIX_COMMAND,
    render(root) {
      const { model, warnings } = loadMatrixModel(root);
      observe?.(model, warnings);
      return renderMatrix(model);
    },
  };
}

/** MATRIX.md, registered in GENERATED: `matrix`, `matrix --check` and the cycle hooks all render through it. */
export const MATRIX_FILE: GeneratedFile = matrixFile();
