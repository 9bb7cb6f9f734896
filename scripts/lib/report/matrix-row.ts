// A preview of the MATRIX.md row a driver gets, for the reviewer's report: the same cycles
// and outcome as the matrix's row (scripts/lib/matrix/cells.ts), written for a pull-request
// comment rather than for MATRIX.md. The matrix's cells link the submission folder
// relative to the repository root, which in a comment would resolve against the pull
// request's page, and are escaped for a committed file; here the text is escaped with
// mdText, which also breaks the issue references and mentions a comment would link.
import type { Result } from '../model.js';
import { currentCycle, driversById, lastCycle, type Repo } from '../repo.js';
import { mdText } from './markdown-escape.js';

/** One cycle's cell: the verdict, the counts and the date, or "not submitted". */
function cell(result: Result | undefined): string {
  if (!result) return 'not submitted';
  const r = result.results;
  const verdict = result.withdrawn ? `withdrawn (was ${result.verdict})` : result.verdict;
  return `${verdict} · ${r.passed}/${r.total} passed${r.failed ? `, ${r.failed} failed` : ''} · ${result.submitted}`;
}

/** The matrix's header and the row of `driver` (Markdown table), from the repository's files. */
export function matrixRowPreview(repo: Repo, driverId: string): string {
  const driver = driversById(repo).get(driverId);
  const last = lastCycle(repo);
  const current = currentCycle(repo);
  const resultIn = (cycle: string | undefined) =>
    cycle === undefined
      ? undefined
      : repo.submissions.find((s) => s.cycle === cycle && s.driver === driverId)?.result?.data;
  const header = [
    'Driver',
    'Vendor',
    'Protocols',
    `Last cycle (${last?.name ?? 'none'})`,
    `Current cycle (${current?.name ?? 'none'})`,
  ];
  const row = [
    driver ? `${driver.name} (${driver.id})` : driverId,
    driver?.vendor ?? '—',
    driver?.protocols.join(', ') ?? '—',
    last ? cell(resultIn(last.name)) : '—',
    current ? cell(resultIn(current.name)) : '—',
  ];
  const line = (cells: string[]) => `| ${cells.map((c) => mdText(c)).join(' | ')} |`;
  return [line(header), `|${header.map(() => '---').join('|')}|`, line(row)].join('\n');
}
