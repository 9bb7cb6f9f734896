// The drivers without a result in the current cycle, ready to become tracking issues
// ("no cert results available for driver X in cycle Y"), and the drivers with no recent results.
import { SLUG, ident, inline, inlineInIssue, plural, table } from './markdown.js';
import { cycleLabel } from './cells.js';
import { isGitHubLogin } from '../github-login.js';
import type { Submission } from '../model.js';
import { plainText } from '../inert/index.js';
import { latestStanding, standingOf, type MatrixDriver, type MatrixModel } from './model.js';

export const MISSING_LABEL = 'cert-results-missing';
export const STALE_LABEL = 'no-recent-results';

/** One tracking issue: what a workflow needs to open, update or close it. */
export interface MissingIssue {
  title: string;
  /** Markdown; contributor text is escaped, maintainers are @-mentioned. */
  body: string;
  labels: string[];
  driver: string;
  cycle: string;
  maintainers: string[];
  name: string;
  vendor: string;
  status: MatrixDriver['status'];
  /** Supported with no result standing in the last or the current cycle. */
  stale: boolean;
  /** Its latest result that stands, if any. */
  latest: { cycle: string; standing: 'passed' | 'failed'; path: string } | null;
  /** Set when the driver's current result exists but was withdrawn. */
  withdrawn?: { date: string; reason: string };
}

/** The title every tracking issue carries, so a workflow can find it again (plain text, as GitHub shows titles). */
export function missingTitle(driver: string, cycle: string): string {
  return plainText(`no cert results available for driver ${driver} in cycle ${cycle}`);
}

/** One issue per driver that is not removed and has no standing result in the current cycle ([] with no open cycle). */
export function missingIssues(model: MatrixModel): MissingIssue[] {
  const cycle = model.current;
  if (cycle === null) return [];
  return model.drivers
    .filter((d) => d.status !== 'removed' && (d.current === null || standingOf(d.current) === 'withdrawn'))
    .map((d) => {
      const latest = latestStanding(d.history);
      const issue: MissingIssue = {
        title: missingTitle(d.id, cycle),
        body: '',
        labels: d.stale ? [MISSING_LABEL, STALE_LABEL] : [MISSING_LABEL],
        driver: d.id,
        cycle,
        maintainers: [...d.maintainers],
        name: d.name,
        vendor: d.vendor,
        status: d.status,
        stale: d.stale,
        latest: latest ? { cycle: latest.cycle, standing: latest.verdict, path: latest.path } : null,
      };
      if (d.current?.withdrawn) issue.withdrawn = { ...d.current.withdrawn };
      issue.body = issueBody(d, cycle, model.last, latest);
      return issue;
    });
}

function mention(login: string): string {
  return isGitHubLogin(login) ? `@${login}` : inlineInIssue(login, 40);
}

function issueBody(d: MatrixDriver, cycle: string, last: string | null, latest: Submission | undefined): string {
  const maintainers = d.maintainers.length
    ? d.maintainers.map(mention).join(', ')
    : 'none listed in drivers.yaml (a core reviewer can submit)';
  const lines = [
    `No cert results are available for driver **${inlineInIssue(d.name, 120)}** (${ident(d.id)}) ` +
      `in cycle ${ident(cycle)}.`,
    '',
    `- Vendor: ${inlineInIssue(d.vendor, 80) || 'not given'}`,
    `- Status in drivers.yaml: ${d.status}`,
    `- Maintainers: ${maintainers}`,
    `- Latest result: ${latest ? `${ident(latest.cycle)}, ${latest.verdict}` : 'none'}`,
  ];
  if (d.current?.withdrawn)
    lines.push(
      `- The result submitted for ${ident(cycle)} was withdrawn on ${inlineInIssue(d.current.withdrawn.date)}: ` +
        inlineInIssue(d.current.withdrawn.reason, 300),
    );
  if (d.stale)
    lines.push(
      `- No recent results: no result stands in the last (${last ? ident(last) : 'none'}) ` +
        `or the current (${ident(cycle)}) cycle.`,
    );
  // Only plain slugs go inside code spans; anything else would need escaping there.
  const id = SLUG.test(d.id) ? d.id : 'DRIVER';
  const cyc = SLUG.test(cycle) ? cycle : 'CYCLE';
  lines.push(
    '',
    'To submit, run the Cinder driver certification against the backend, ' +
      `pack it with \`npx drivercert pack --driver ${id} --log cert.log …\`, ` +
      `and open a pull request that adds \`results/${cyc}/${id}/\`. ` +
      'This issue is closed when the results land in MATRIX.md.',
  );
  return lines.join('\n') + '\n';
}

/** The missing list as Markdown, for people and job summaries. */
export function renderMissingMarkdown(model: MatrixModel): string {
  const current = model.cycles.find((c) => c.name === model.current);
  if (!current)
    return (
      '# Drivers without current results\n\n' +
      'No cycle is open, so no result is missing; `drivercert cycle open NAME` starts the next cycle.\n'
    );
  const issues = missingIssues(model);
  const notRemoved = model.drivers.filter((d) => d.status !== 'removed').length;
  const rows = issues.map((i) => [
    `${inline(i.name, 120)} (${ident(i.driver)})`,
    inline(i.vendor, 80),
    i.status,
    i.maintainers.length ? i.maintainers.map((m) => inline(m, 40)).join(', ') : 'none (core reviewers)',
    i.withdrawn
      ? `withdrawn on ${inline(i.withdrawn.date)}`
      : i.latest
        ? `${ident(i.latest.cycle)} ${i.latest.standing}`
        : 'never submitted',
    i.stale ? 'no recent results' : '—',
  ]);
  const stale = issues.filter((i) => i.stale);
  return (
    [
      `# Drivers without results in cycle ${cycleLabel(current)}`,
      `${issues.length} of ${plural(notRemoved, 'driver')} that are not removed have no result in ` +
        `${ident(current.name)} (a withdrawn result counts as none). Each becomes a tracking issue titled ` +
        `"${inline(missingTitle('ID', current.name))}" (\`drivercert missing --format json\`).`,
      rows.length
        ? table(['Driver', 'Vendor', 'Status', 'Maintainers', 'Latest result', 'Staleness'], rows)
        : 'Every driver has submitted.',
      '## No recent results',
      stale.length
        ? `${plural(stale.length, 'supported driver has', 'supported drivers have')} no result in the last ` +
          `(${model.last ? ident(model.last) : 'none'}) or the current (${ident(current.name)}) cycle: ` +
          `${stale.map((i) => ident(i.driver)).join(', ')}.`
        : 'Every supported driver has a result in the last or the current cycle.',
    ].join('\n\n') + '\n'
  );
}
