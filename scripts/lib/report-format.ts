// Rendering a validation report: text for people, JSON for tools, GitHub annotations for CI.
import { formatPlace, type Finding } from './findings.js';
import type { Report } from './checks/runner.js';
import { annotationMessage as ghData, annotationProperty as ghProp, printableLine } from './inert/index.js';

/** What was looked at, for the closing line. */
export interface ReportStats {
  drivers: number;
  cycles: number;
  submissions: number;
  bundles: number;
  /** Bundles checked from their Git LFS pointer alone (content not fetched); left out when none. */
  pointers?: number;
}

/** Findings grouped by rule (its name, with its id), then a closing count line. */
export function formatText(report: Report, stats: ReportStats, opts: { showNotices?: boolean } = {}): string {
  const lines: string[] = [];
  const showNotices = opts.showNotices ?? true;
  for (const [level, list] of [
    ['error', report.errors],
    ['warning', report.warnings],
    ['notice', showNotices ? report.notices : []],
  ] as const) {
    for (const [check, findings] of groupByCheck(list)) {
      const mark = level === 'error' ? '✗' : level === 'warning' ? '!' : 'i';
      const rule = findings[0]!.rule;
      lines.push(`${mark} ${check} [${rule}] (${findings.length} ${plural(findings.length, level)})`);
      for (const f of findings) {
        lines.push(`  ${oneLine(`${formatPlace(f)}${f.pointer ? ` ${f.pointer}` : ''} ${f.message}`)}`);
        if (f.tip) lines.push(`      tip: ${oneLine(f.tip)}`);
      }
      lines.push('');
    }
  }
  const hidden = showNotices ? 0 : report.notices.length;
  lines.push(
    summaryLine(report, stats) +
      (hidden ? `; ${hidden} ${plural(hidden, 'notice')} (--verbose shows ${hidden === 1 ? 'it' : 'them'})` : ''),
  );
  return lines.join('\n') + '\n';
}

/** The one-line summary every run ends with. */
export function summaryLine(report: Report, stats: ReportStats): string {
  const what =
    `${stats.drivers} ${plural(stats.drivers, 'driver')}, ${stats.cycles} ${plural(stats.cycles, 'cycle')}, ` +
    `${stats.submissions} ${plural(stats.submissions, 'submission')}${bundlesRead(stats)}`;
  const counts =
    `${report.errors.length} ${plural(report.errors.length, 'error')}, ` +
    `${report.warnings.length} ${plural(report.warnings.length, 'warning')}`;
  return `${report.ok ? 'valid' : 'invalid'}: ${counts} in ${what}`;
}

/** " (3 bundles read, 5 checked from their Git LFS pointers only)", or nothing when no bundle was looked at. */
function bundlesRead(stats: ReportStats): string {
  const parts: string[] = [];
  if (stats.bundles) parts.push(`${stats.bundles} ${plural(stats.bundles, 'bundle')} read`);
  if (stats.pointers) {
    const what = stats.bundles ? '' : ` ${plural(stats.pointers, 'bundle')}`;
    parts.push(`${stats.pointers}${what} checked from their Git LFS pointers only`);
  }
  return parts.length ? ` (${parts.join(', ')})` : '';
}

/** The JSON document: { ok, errors, warnings, notices, summary }, each finding with its `rule` id. */
export function formatJson(report: Report, stats: ReportStats): string {
  const strip = (f: Finding) => {
    const o: Record<string, unknown> = { file: f.file };
    if (f.line !== undefined) o.line = f.line;
    if (f.col !== undefined) o.col = f.col;
    if (f.pointer !== undefined) o.pointer = f.pointer;
    o.rule = f.rule;
    o.check = f.check;
    o.message = f.message;
    if (f.tip !== undefined) o.tip = f.tip;
    return o;
  };
  return (
    JSON.stringify(
      {
        ok: report.ok,
        errors: report.errors.map(strip),
        warnings: report.warnings.map(strip),
        notices: report.notices.map(strip),
        summary: stats,
      },
      null,
      2,
    ) + '\n'
  );
}

/** GitHub Actions workflow commands: one annotation per finding, titled with its rule id, then the summary. */
export function formatGithub(report: Report, stats: ReportStats): string {
  const lines: string[] = [];
  for (const f of [...report.errors, ...report.warnings, ...report.notices]) {
    const props = [`file=${ghProp(f.file.split('!')[0]!)}`];
    if (f.line !== undefined) props.push(`line=${f.line}`);
    if (f.col !== undefined) props.push(`col=${f.col}`);
    props.push(`title=${ghProp(f.rule)}`);
    // The title is the rule's id; the requirement a contributor reads closes the body.
    const where = `${f.file.includes('!') ? f.file + ': ' : ''}${f.pointer ? f.pointer + ' ' : ''}`;
    const body = `${where}${f.message}${f.tip ? `\ntip: ${f.tip}` : ''}\nrule: ${f.check}`;
    lines.push(`::${f.level} ${props.join(',')}::${ghData(body)}`);
  }
  lines.push(summaryLine(report, stats));
  return lines.join('\n') + '\n';
}

/** Findings by check name, in the order each check first appears. */
export function groupByCheck(list: Finding[]): Map<string, Finding[]> {
  const m = new Map<string, Finding[]>();
  for (const f of list) {
    const g = m.get(f.check);
    if (g) g.push(f);
    else m.set(f.check, [f]);
  }
  return m;
}

function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}

/** Contributor text on its line: the path and pointer too (a folder name may hold a line break). */
function oneLine(s: string): string {
  return printableLine(s);
}
