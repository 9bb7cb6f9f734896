// The small pieces of MATRIX.md: a submission cell, a cycle label, feature names.
import type { FeatureId } from '../model.js';
import { ident, inline, link, plural } from './markdown.js';
import { standingOf, type MatrixCycle, type MatrixSubmission } from './model.js';

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
export function cycleLabel(c: Pick<MatrixCycle, 'name' | 'codename'>): string {
  return `${ident(c.name)}${c.codename ? ` (${inline(c.codename)})` : ''}`;
}

/** "open since 2025-10-01" or "2025-04-02 to 2025-10-01". */
export function cycleDates(c: MatrixCycle): string {
  return c.state === 'open' ? `open since ${inline(c.opened)}` : `${inline(c.opened)} to ${inline(c.closed ?? '?')}`;
}

/** The link to a submission's folder. */
export function submissionLink(s: MatrixSubmission, label = 'submission'): string {
  return link(label, ['results', s.cycle, s.driver]);
}

/** A submission's standing in bold: **passed**, **failed** or **withdrawn**. */
export function standingWord(s: MatrixSubmission): string {
  return `**${standingOf(s)}**`;
}

/** "350/450 tests passed, 10 failed" */
export function countsText(s: MatrixSubmission): string {
  const c = s.counts;
  return `${c.passed}/${c.total} tests passed${c.failed ? `, ${c.failed} failed` : ''}`;
}

/** A withdrawal as the matrix shows it, in place of the verdict: **withdrawn** on DATE: REASON. */
export function withdrawnText(w: NonNullable<MatrixSubmission['withdrawn']>): string {
  return `**withdrawn** on ${inline(w.date)}: ${inline(w.reason, 160)}`;
}

/** A main-table cell: verdict, counts, date and link; a withdrawn result shows its reason and never its verdict. */
export function submissionCell(s: MatrixSubmission): string {
  if (s.withdrawn) return `${withdrawnText(s.withdrawn)} · submitted ${inline(s.submitted)} · ${submissionLink(s)}`;
  return `${standingWord(s)} · ${countsText(s)} · ${inline(s.submitted)} · ${submissionLink(s)}`;
}

/** What failed in a run (not a withdrawn one): failed or missing required capabilities and the first failed tests. */
export function whatFailed(s: MatrixSubmission, required: ReadonlySet<string>, maxTests = 3): string {
  if (s.verdict === 'passed') return s.failedTests.length ? failedTestsText(s, maxTests) : '—';
  const caps = Object.entries(s.capabilities)
    .filter(([id, o]) => required.has(id) && o !== 'passed')
    .map(([id, o]) => `${ident(id)} ${o}`);
  const parts = [
    caps.length ? `required: ${caps.join(', ')}` : '',
    s.failedTests.length ? failedTestsText(s, maxTests) : '',
  ].filter(Boolean);
  return parts.length ? parts.join('; ') : 'result.yaml lists no failed test or capability';
}

function failedTestsText(s: MatrixSubmission, maxTests: number): string {
  const shown = s.failedTests.slice(0, maxTests).map((t) => inline(t, 160));
  const more = s.failedTests.length - shown.length;
  return `${plural(s.failedTests.length, 'test')} failed: ${shown.join(', ')}${more > 0 ? `, and ${more} more` : ''}`;
}
