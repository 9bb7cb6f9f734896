// The MATRIX.md row a driver gets, previewed in the reviewer's report: built by the matrix's
// own model and column descriptors (scripts/lib/matrix/columns.ts), so it shows what
// MATRIX.md will show. Only the writing differs: in a pull-request comment a relative link
// would resolve against the pull request's page, so the folder is named, not linked, and
// text goes through mdText, which also breaks the mentions and issue references a comment
// would link.
import { buildMatrixModel } from '../matrix/build.js';
import type { MarkdownStyle } from '../matrix/cells.js';
import { mainTable } from '../matrix/columns.js';
import { SLUG } from '../matrix/markdown.js';
import { repoModel } from '../repo-model.js';
import type { Repo } from '../repo.js';
import { mdText } from './markdown-escape.js';

/** A pull-request comment's style for the matrix's cells. */
export const COMMENT_STYLE: MarkdownStyle = {
  text: (s, max) => mdText(s, max),
  ident: (id) => (SLUG.test(id) ? `\`${id}\`` : mdText(id)),
  link: (label, segments) => `${label} ${COMMENT_STYLE.ident(segments.join('/') + '/')}`,
};

/** The matrix's header and the row of `driverId` (a Markdown table), as MATRIX.md will show them. */
export function matrixRowPreview(repo: Repo, driverId: string): string {
  const model = buildMatrixModel(repoModel(repo));
  const driver = model.drivers.find((d) => d.id === driverId);
  if (!driver) return `${mdText(driverId)} is not a driver in drivers.yaml, so it has no row in the matrix.`;
  const { headers, rows } = mainTable(model, [driver], COMMENT_STYLE);
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(headers), `|${headers.map(() => '---').join('|')}|`, line(rows[0]!)].join('\n');
}
