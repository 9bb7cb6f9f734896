// The audit's job summary and issue body: the merged shards' findings as inert Markdown,
// capped so that it fits an issue (GitHub refuses bodies over 65,536 characters).
import { summaryLine } from '../report-format.js';
import { formatPlace, type Finding } from '../findings.js';
import { mdCode, mdText } from '../inert/index.js';
import type { MergedAudit } from './merge.js';

/** Findings listed at most, and the most characters of the whole (an issue body holds 65,536). */
const SHOWN = 100;
const MAX_CHARS = 60_000;

/** What is wrong with the audit as a whole: shards whose report is missing. */
export interface AuditGaps {
  /** Shards expected (`--shards N`), when known. */
  expected?: number;
  /** Files that could not be read, with why. */
  unreadable: { file: string; why: string }[];
}

/** Whether the audit failed: an error anywhere, a missing shard, or a bundle that was never fetched. */
export function auditFailed(m: MergedAudit, gaps: AuditGaps): boolean {
  const missing = gaps.expected !== undefined && m.shards.length < gaps.expected;
  return !m.report.ok || missing || gaps.unreadable.length > 0 || (m.stats.pointers ?? 0) > 0;
}

/** The Markdown of an audit. */
export function renderAudit(m: MergedAudit, gaps: AuditGaps): string {
  const out: string[] = [`## drivercert audit: ${auditFailed(m, gaps) ? 'failed' : 'passed'}`, ''];
  out.push(
    `${mdText(summaryLine(m.report, m.stats))}, over ${m.shards.length} ${m.shards.length === 1 ? 'shard' : 'shards'}.`,
  );
  if (gaps.expected !== undefined && m.shards.length < gaps.expected) {
    out.push(
      '',
      `**${gaps.expected - m.shards.length} of ${gaps.expected} shards reported nothing**: their jobs' logs say why.`,
    );
  }
  for (const u of gaps.unreadable) out.push('', `- ${mdCode(u.file)} could not be read: ${mdText(u.why)}`);
  if (m.stats.pointers) {
    out.push(
      '',
      `**${m.stats.pointers} ${m.stats.pointers === 1 ? 'bundle was' : 'bundles were'} not fetched from Git LFS** ` +
        "and checked from their pointers only: the shard jobs' logs say why `git lfs pull` failed.",
    );
  }
  const all = [...m.report.errors, ...m.report.warnings];
  if (all.length > 0) {
    out.push('', '| level | rule | where | what |', '|---|---|---|---|');
    let length = out.join('\n').length;
    let shown = 0;
    for (const f of all.slice(0, SHOWN)) {
      const r = row(f);
      if (length + r.length + 1 > MAX_CHARS) break;
      out.push(r);
      length += r.length + 1;
      shown++;
    }
    if (all.length > shown) {
      out.push('', `…and ${all.length - shown} more: the shards' artifacts hold every finding.`);
    }
  }
  return out.join('\n') + '\n';
}

function row(f: Finding): string {
  const what = f.tip ? `${f.message} (${f.tip})` : f.message;
  return `| ${f.level} | ${mdText(f.rule, 60)} | ${mdText(formatPlace(f), 200)} | ${mdText(what, 400)} |`;
}
