// The reviewer's report as GitHub Markdown (`validate --format markdown`): one screen with
// the verdict, the submission, what changed since last time, the matrix row, and the rule
// violations. Every piece of contributor text goes through mdText or mdCode.
import type { Finding } from '../findings.js';
import { formatPlace } from '../findings.js';
import { groupByCheck, summaryLine } from '../report-format.js';
import { plural } from '../matrix/markdown.js';
import { mdCode, mdText } from './markdown-escape.js';
import type { ReviewReport, SubmissionReview } from './review.js';

/** Lists longer than this are cut, with a count of the rest. */
const MAX_ITEMS = 30;
/** Findings shown per level before "… and N more". */
const MAX_FINDINGS = 60;

/** Render the reviewer's report. */
export function renderMarkdown(r: ReviewReport): string {
  const out: string[] = [];
  const { report } = r;
  const status = report.ok ? '✅ drivercert: valid' : `❌ drivercert: ${plural(report.errors.length, 'error')}`;
  out.push(`## ${status}${report.warnings.length ? `, ${plural(report.warnings.length, 'warning')}` : ''}`, '');
  if (r.pullRequest) out.push(pullRequestLine(r), '');
  for (const s of r.submissions) out.push(...submission(s));
  out.push(...findingsSection(report.errors, 'Rule violations', '✗'));
  out.push(...findingsSection(report.warnings, 'Warnings', '!'));
  out.push(...findingsSection(report.notices, 'Notices', 'i'));
  out.push(`<sub>${mdText(summaryLine(report, r.stats))}</sub>`, '');
  return out.join('\n');
}

function pullRequestLine(r: ReviewReport): string {
  const p = r.pullRequest!;
  const by = p.author ? ` by ${mdCode(p.author)}` : '';
  const against = `against ${mdCode(p.ref)} (${mdCode(p.base.slice(0, 12))}), head ${mdCode(p.head.slice(0, 12))}`;
  const changed = plural(p.changedFiles, 'changed file');
  switch (p.kind) {
    case 'submission':
      return `**Submission** of ${mdCode(`${p.folder ?? '?'}/`)}${by}, ${against}: ${changed}.`;
    case 'maintenance': {
      const withdrawing = p.withdrawals.length ? `, withdrawing ${p.withdrawals.map((w) => mdCode(w)).join(', ')}` : '';
      return `**Maintenance**${by}, ${against}: ${changed}${withdrawing}. The whole repository was validated.`;
    }
    default:
      return `**No changes**${by} ${against}.`;
  }
}

function submission(s: SubmissionReview): string[] {
  const out: string[] = [];
  const d = s.driverInfo;
  out.push(`### ${mdText(d ? `${d.name} (${s.driver})` : s.driver)} — cycle ${mdText(s.cycle)}`, '');
  const res = s.result;
  if (!res) {
    out.push(
      `${mdCode(`${s.path}/result.yaml`)} is missing or not valid, ` +
        'so there is nothing to summarise: see the rule violations below.',
      '',
    );
    return out;
  }
  const c = res.results;
  const verdict = res.withdrawn
    ? `**withdrawn** (was ${res.verdict}) on ${mdText(res.withdrawn.date)}: ${mdText(res.withdrawn.reason)}`
    : `**${res.verdict}**`;
  const unusual =
    c.xfail || c.uxsuccess || c.incomplete
      ? ` (${c.xfail} expected failures, ${c.uxsuccess} unexpected successes, ${c.incomplete} incomplete)`
      : '';
  const counts =
    `${c.passed} passed · ${c.failed} failed · ${c.skipped} skipped, of ${c.total}${unusual}; ` +
    `counted from ${mdText(res.source)}`;
  const req = s.required;
  out.push(
    '| | |',
    '|---|---|',
    `| Verdict | ${verdict} |`,
    `| Tests | ${counts} |`,
    `| Required capabilities | ${req.passed.length} passed · ${req.failed.length} failed · ` +
      `${req.missing.length} missing |`,
    `| Vendor | ${mdText(d?.vendor ?? 'not in drivers.yaml')} |`,
    `| Backend | ${mdText(res.environment.backend.model)}, ${mdText(res.environment.backend.version)}, ` +
      `over ${mdText(res.environment.protocol)} |`,
    `| Submitted | ${mdText(res.submitted)} by ${mdText(res.submitter)} |`,
    `| Bundle | ${mdText(res.bundle.file)}, ${res.bundle.size} bytes, ` +
      `sha256 ${mdText(res.bundle.sha256.slice(0, 16))}… |`,
    ...ranRow(s.bundle?.run ?? res.run),
    '',
  );
  if (req.failed.length) out.push(`**Required capabilities failed:** ${codeList(req.failed)}`, '');
  if (req.missing.length)
    out.push(`**Required capabilities missing** (some of their tests never ran): ${codeList(req.missing)}`, '');
  out.push(...failedTests(s));
  out.push(...renamedTests(s));
  const claimed = s.features.filter((f) => f.claimed !== undefined || f.outcome !== undefined);
  if (claimed.length) {
    out.push('**Claimed features and their evidence:**', '');
    for (const f of claimed)
      out.push(
        `- ${mdCode(f.feature)}: ${f.claimed ? 'claimed' : 'not claimed'}; ` +
          `${mdCode(f.capability)} ${f.outcome ?? 'not run'}`,
      );
    out.push('');
  }
  out.push(...sincePrevious(s));
  out.push(...bundleSection(s));
  out.push('**The matrix row this produces:**', '', s.matrixRow, '');
  return out;
}

/** When the run happened: as validate derives it from the bundle, else as result.yaml records it. */
function ranRow(run: { start: string; end: string } | undefined): string[] {
  if (!run) return [];
  const at = (t: string) => mdText(t.replace('T', ' ').replace('Z', ''));
  return [`| Run | ${at(run.start)} to ${at(run.end)} UTC |`];
}

function failedTests(s: SubmissionReview): string[] {
  const res = s.result!;
  if (res.failed_tests.length === 0) return [];
  const firstLines = new Map((s.bundle?.failures ?? []).map((f) => [f.test, f.firstLine]));
  const out = [`<details><summary>Failed tests (${res.failed_tests.length})</summary>`, ''];
  for (const t of res.failed_tests.slice(0, MAX_ITEMS)) {
    const line = firstLines.get(t);
    out.push(`- ${mdCode(t)}${line ? `: ${mdCode(line, 200)}` : ''}`);
  }
  if (res.failed_tests.length > MAX_ITEMS)
    out.push(`- … and ${res.failed_tests.length - MAX_ITEMS} more (listed in result.yaml)`);
  out.push('', '</details>', '');
  return out;
}

/** Every cycle test the run holds under another name: a reviewer sees each rename. */
function renamedTests(s: SubmissionReview): string[] {
  const renamed = s.bundle?.renamed ?? s.result?.renamed_tests ?? [];
  if (renamed.length === 0) return [];
  const out = [`**Matched by idempotent id under another name (${renamed.length}):**`, ''];
  for (const t of renamed.slice(0, MAX_ITEMS))
    out.push(`- ${mdCode(t.test)} matched by idempotent id as ${mdCode(t.as)}`);
  if (renamed.length > MAX_ITEMS) out.push(`- … and ${renamed.length - MAX_ITEMS} more (listed in result.yaml)`);
  out.push('');
  return out;
}

function sincePrevious(s: SubmissionReview): string[] {
  const p = s.previous;
  if (!p) return ["**Since the previous submission:** this is the driver's first submission.", ''];
  const out = [
    `**Since the previous submission** (cycle ${mdText(p.cycle)}, ` +
      `${p.withdrawn ? `withdrawn, was ${p.verdict}` : p.verdict}, ${mdText(p.submitted)}):`,
    '',
  ];
  out.push(`- Newly failing (${p.newlyFailing.length}): ${p.newlyFailing.length ? codeList(p.newlyFailing) : 'none'}`);
  out.push(`- Newly passing (${p.newlyPassing.length}): ${p.newlyPassing.length ? codeList(p.newlyPassing) : 'none'}`);
  if (p.capabilities.length) {
    out.push(
      `- Capabilities: ${p.capabilities
        .slice(0, MAX_ITEMS)
        .map((c) => `${mdCode(c.id)} ${c.before ?? 'not listed'} → ${c.after ?? 'not listed'}`)
        .join('; ')}`,
    );
  }
  out.push('');
  return out;
}

/** The bundle's part: filled in once the bundle checks read the bundle. */
function bundleSection(s: SubmissionReview): string[] {
  const b = s.bundle;
  if (!b) return [];
  const out: string[] = [];
  if (b.secrets?.length) {
    out.push(`**Possible secrets in the bundle (${b.secrets.length}):**`, '');
    for (const x of b.secrets.slice(0, MAX_ITEMS))
      out.push(`- ${mdCode(`${x.member}${x.line !== undefined ? `:${x.line}` : ''}`)}: ${mdText(x.what)}`);
    out.push('');
  }
  for (const n of b.notes ?? []) out.push(`- ${mdText(n)}`);
  if (b.notes?.length) out.push('');
  return out;
}

function findingsSection(list: Finding[], title: string, mark: string): string[] {
  if (list.length === 0) return [];
  const out = [`### ${title}`, ''];
  for (const [check, findings] of groupByCheck(list.slice(0, MAX_FINDINGS))) {
    out.push(`**${mark} ${mdText(check)}**`, '');
    for (const f of findings) {
      out.push(`- ${mdCode(formatPlace(f) + (f.pointer ? ` ${f.pointer}` : ''))} ${mdText(f.message, 1000)}`);
      if (f.tip) out.push(`  <br>tip: ${mdText(f.tip, 1000)}`);
    }
    out.push('');
  }
  if (list.length > MAX_FINDINGS)
    out.push(`… and ${list.length - MAX_FINDINGS} more (the job log lists them all).`, '');
  return out;
}

function codeList(items: readonly string[]): string {
  const shown = items
    .slice(0, MAX_ITEMS)
    .map((i) => mdCode(i))
    .join(', ');
  return items.length > MAX_ITEMS ? `${shown}, … and ${items.length - MAX_ITEMS} more` : shown;
}
