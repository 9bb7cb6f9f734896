// The pieces of a matrix cell: a submission's verdict, counts, date and link, a cycle label,
// feature names. Each is written in a MarkdownStyle: MATRIX.md's own (MATRIX_MD: relative
// links, escaped for a committed file), or a pull-request comment's (the reviewer's preview),
// so both show the very same cell.
import type { Cycle, FeatureId, Submission } from '../model.js';
import { ident, inline, link, plural } from './markdown.js';
import { compareText } from './order.js';
import { standingOf } from './model.js';

/** How contributor text, identifiers and links are written where the cell is shown. */
export interface MarkdownStyle {
  /** Contributor text as inert inline Markdown, cut at `max` characters. */
  text(s: string, max?: number): string;
  /** An identifier (driver id, cycle, capability). */
  ident(id: string): string;
  /** A link to a folder of the repository; `label` is trusted text. */
  link(label: string, segments: readonly string[]): string;
}

/** MATRIX.md's style: text escaped for a committed file, folders linked relative to the repository. */
export const MATRIX_MD: MarkdownStyle = { text: inline, ident, link: (label, segments) => link(label, segments) };

/** Readable names for the support-matrix features, in Cinder's order. */
export const FEATURE_LABELS: Record<FeatureId, string> = {
  online_extend_support: 'online extend',
  qos: 'QoS',
  volume_replication: 'replication',
  consistency_groups: 'consistency groups',
  thin_provisioning: 'thin provisioning',
  volume_migration_storage_assisted: 'storage-assisted migration',
  'multi-attach': 'multi-attach',
  revert_to_snapshot_assisted: 'revert to snapshot',
  active_active_ha: 'active/active HA',
};

/** A cycle's name as code, with its codename: `2025.2` (flamingo). */
export function cycleLabel(c: Pick<Cycle, 'name' | 'codename'>, st = MATRIX_MD): string {
  return `${st.ident(c.name)}${c.codename ? ` (${st.text(c.codename)})` : ''}`;
}

/** "open since 2025-10-01" or "2025-04-02 to 2025-10-01". */
export function cycleDates(c: Cycle, st = MATRIX_MD): string {
  return c.state === 'open' ? `open since ${st.text(c.opened)}` : `${st.text(c.opened)} to ${st.text(c.closed ?? '?')}`;
}

/** The link to a submission's folder. */
export function submissionLink(s: Submission, label = 'submission', st = MATRIX_MD): string {
  return st.link(label, ['results', s.cycle, s.driver]);
}

/** A submission's standing in bold: **passed**, **failed** or **withdrawn**. */
export function standingWord(s: Submission): string {
  return `**${standingOf(s)}**`;
}

/** "350/450 tests passed, 10 failed" */
export function countsText(s: Submission): string {
  const c = s.results;
  return `${c.passed}/${c.total} tests passed${c.failed ? `, ${c.failed} failed` : ''}`;
}

/** A withdrawal as the matrix shows it, in place of the verdict: **withdrawn** on DATE: REASON. */
export function withdrawnText(w: NonNullable<Submission['withdrawn']>, st = MATRIX_MD): string {
  return `**withdrawn** on ${st.text(w.date)}: ${st.text(w.reason, 160)}`;
}

/** A main-table cell: verdict, counts, date and link; a withdrawn result shows its reason and never its verdict. */
export function submissionCell(s: Submission, st = MATRIX_MD): string {
  const link = submissionLink(s, undefined, st);
  if (s.withdrawn) return `${withdrawnText(s.withdrawn, st)} · submitted ${st.text(s.submitted)} · ${link}`;
  return `${standingWord(s)} · ${countsText(s)} · ${st.text(s.submitted)} · ${link}`;
}

/** What failed in a run (not a withdrawn one): failed or missing required capabilities and the first failed tests. */
export function whatFailed(s: Submission, required: ReadonlySet<string>, maxTests = 3): string {
  if (s.verdict === 'passed') return s.failed_tests.length ? failedTestsText(s, maxTests) : '—';
  const caps = Object.keys(s.capabilities)
    .sort(compareText)
    .filter((id) => required.has(id) && s.capabilities[id] !== 'passed')
    .map((id) => `${ident(id)} ${s.capabilities[id]}`);
  const parts = [
    caps.length ? `required: ${caps.join(', ')}` : '',
    s.failed_tests.length ? failedTestsText(s, maxTests) : '',
  ].filter(Boolean);
  return parts.length ? parts.join('; ') : 'result.yaml lists no failed test or capability';
}

function failedTestsText(s: Submission, maxTests: number): string {
  const shown = s.failed_tests.slice(0, maxTests).map((t) => inline(t, 160));
  const more = s.failed_tests.length - shown.length;
  return `${plural(s.failed_tests.length, 'test')} failed: ${shown.join(', ')}${more > 0 ? `, and ${more} more` : ''}`;
}
