// The main table of MATRIX.md, one descriptor per column: its header and its cell for a
// driver. MATRIX.md renders it in MATRIX_MD style, the reviewer's preview (report/matrix-row.ts)
// in a pull-request comment's style, so a row looks the same in both. A new column is one
// more entry here (with its field in the schema and the model): see docs/design.md.
import type { Cycle } from '../model.js';
import { MATRIX_MD, submissionCell, type MarkdownStyle } from './cells.js';
import type { MatrixDriver, MatrixModel } from './model.js';

/** One column of the main table. */
export interface MatrixColumn {
  /** The header cell (it may name the last or the current cycle). */
  header(model: MatrixModel, st: MarkdownStyle): string;
  /** The driver's cell. */
  cell(driver: MatrixDriver, model: MatrixModel, st: MarkdownStyle): string;
}

function cycleOf(model: MatrixModel, name: string | null): Cycle | undefined {
  return name === null ? undefined : model.cycles.find((c) => c.name === name);
}

/** The driver as the first cell of every table: its name and its id. */
export function driverCell(d: Pick<MatrixDriver, 'id' | 'name'>, st = MATRIX_MD): string {
  return `${st.text(d.name, 120)} (${st.ident(d.id)})`;
}

/** The main table's columns, left to right. */
export const MAIN_COLUMNS: readonly MatrixColumn[] = [
  { header: () => 'Driver', cell: (d, _m, st) => driverCell(d, st) },
  { header: () => 'Vendor', cell: (d, _m, st) => st.text(d.vendor, 80) },
  { header: () => 'Protocols', cell: (d, _m, st) => st.text(d.protocols.join(', '), 80) },
  { header: () => 'Status', cell: (d) => `${d.status}${d.stale ? ' · no recent results' : ''}` },
  {
    header: (m, st) => (m.last !== null ? `Last: ${st.ident(m.last)}` : 'Last: none'),
    cell: (d, m, st) =>
      cycleOf(m, m.last) ? (d.last ? submissionCell(d.last, st) : 'not submitted') : 'no closed cycle',
  },
  {
    header: (m, st) => (m.current !== null ? `Current: ${st.ident(m.current)}` : 'Current: none open'),
    cell: (d, m, st) =>
      cycleOf(m, m.current) ? (d.current ? submissionCell(d.current, st) : 'not submitted') : 'no open cycle',
  },
];

/** The main table's header cells and one row per driver, in style `st`. */
export function mainTable(
  model: MatrixModel,
  drivers: readonly MatrixDriver[],
  st = MATRIX_MD,
): { headers: string[]; rows: string[][] } {
  return {
    headers: MAIN_COLUMNS.map((c) => c.header(model, st)),
    rows: drivers.map((d) => MAIN_COLUMNS.map((c) => c.cell(d, model, st))),
  };
}
