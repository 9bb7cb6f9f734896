// The same generated hostile text, written into a repository's files, through every output a
// reader sees: what the CLI prints (text, `validate --format json|github|markdown`), the
// reviewer's report file, MATRIX.md, and `missing`'s issues as the tracking-issues script posts
// them. Each is held inert: no raw unsafe character, no HTML, link, mention or reference a
// GitHub reader would add, every table row intact, and no workflow command but drivercert's own.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { main } from '../../scripts/cli/app.js';
import { hasUnsafeCharacter, printable } from '../../scripts/lib/inert/index.js';
import { isGitHubLogin } from '../../scripts/lib/github-login.js';
import { ROOT, TODAY, tempDir } from '../helpers/cli.js';
import { writeSubmission } from '../helpers/submission.js';
import { makeCapabilities, makeCycle, makeDriver, makeResult } from '../matrix/fixtures.js';
import { brokenTables, hasLegacyCommand, markdownInjections, skeleton, workflowCommand } from './github.js';
import { AUTOLINKS, CONTROLS, EVERYTHING, hostileNonBlank } from './hostile.js';

const require = createRequire(import.meta.url);
const tracking = require(join(ROOT, '.github/scripts/tracking-issues.cjs')) as {
  parseMissing: (text: string) => { driver: string; title: string; body: string; maintainers: string[] }[];
  issueBody: (m: { driver: string; body: string; maintainers: string[] }) => string;
};

/** Every free-text field a contributor writes, and the values the schema constrains. */
interface Hostile {
  name: string;
  vendor: string;
  codename: string;
  description: string;
  model: string;
  version: string;
  notes: string;
  reason: string;
  protocol: string;
  maintainer: string;
  test: string;
  folder: string;
}

/** Free text: the schema bounds only its length, so every output, MATRIX.md included, shows it. */
const FREE_TEXT = ['name', 'vendor', 'description', 'model', 'version', 'notes', 'reason'] as const;
/** Values the schema constrains (a protocol, a login, a test id, a cycle name, a folder): refused, quoted in findings. */
const CONSTRAINED = ['codename', 'protocol', 'maintainer', 'test', 'folder'] as const;
const FIELDS: (keyof Hostile)[] = [...FREE_TEXT, ...CONSTRAINED];

const hostile: fc.Arbitrary<Hostile> = fc
  .tuple(...FIELDS.map(() => hostileNonBlank))
  .map((values) => Object.fromEntries(FIELDS.map((f, i) => [f, values[i]!])) as unknown as Hostile);

/** The same repository with plain text everywhere: the structure every hostile one must keep. */
const CLEAN: Hostile = {
  name: 'Clean Storage Driver',
  vendor: 'Clean',
  codename: 'epoxy',
  description: 'Create volumes',
  model: 'Model',
  version: '1.0',
  notes: 'Notes',
  reason: 'Reason',
  protocol: 'FC',
  maintainer: 'bob',
  test: 'tempest.api.volume.Clean.test_clean',
  folder: 'clean',
};

/**
 * `h`'s free text in an otherwise clean repository, each value within the schema's 500
 * characters: what validate accepts and MATRIX.md shows.
 */
function accepted(h: Hostile): Hostile {
  const within = (t: string) => Array.from(t).slice(0, 400).join('');
  return { ...CLEAN, ...Object.fromEntries(FREE_TEXT.map((f) => [f, within(h[f])])) };
}

/** A folder name the file system takes: no `/`, no NUL, not `.` or `..`, at most 100 characters. */
function folderName(s: string): string {
  return `f${Array.from(s.replace(/[/\u0000]/g, '_'))
    .slice(0, 100)
    .join('')}`;
}

/**
 * YAML for any value: JSON (which is YAML) with every character YAML may not hold raw written
 * as an escape, so that whatever a string holds reaches drivercert's reader. (The project's
 * writers leave DEL, C1 controls and U+2028 raw, which its reader then refuses.)
 */
function yamlText(value: unknown): string {
  const raw = JSON.stringify(value, null, 2);
  return `${raw.replace(/[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}\n`;
}

/**
 * A repository holding `h` in every field: lvm with a real submission in the open cycle
 * (hostile backend, notes and failed test, which the bundle's stream names too), nfs withdrawn
 * with a hostile reason, rbd never submitted, and an unregistered folder with a hostile name.
 */
function hostileRepo(h: Hostile): string {
  const root = tempDir('drivercert-inert-');
  const capabilities = makeCapabilities();
  capabilities['volumes-create']!.description = h.description;
  const drivers = [
    makeDriver('lvm', {
      name: h.name,
      vendor: h.vendor,
      notes: h.notes,
      protocols: ['iSCSI', h.protocol],
      maintainers: ['alice', h.maintainer],
    }),
    makeDriver('nfs', { vendor: h.vendor, maintainers: [h.maintainer] }),
    makeDriver('rbd', { name: h.name, maintainers: ['alice'] }),
  ];
  write(root, 'drivers.yaml', yamlText({ core_reviewers: ['drivercert/core-reviewers'], drivers }));
  for (const c of [
    makeCycle('2025.1', { codename: h.codename, capabilities }),
    makeCycle('2025.2', { state: 'open', opened: '2025-10-01', closed: undefined, capabilities }),
  ])
    write(root, `results/${c.name}/cycle.yaml`, yamlText(c));
  const nfs = makeResult({ driver: 'nfs', notes: h.notes, withdrawn: { date: '2025-11-02', reason: h.reason } });
  write(root, 'results/2025.2/nfs/result.yaml', yamlText(nfs));
  const { result } = writeSubmission(root, {
    driver: 'lvm',
    cycle: '2025.2',
    submitter: 'alice',
    submitted: '2025-10-20',
    backendModel: h.model,
    backendVersion: h.version,
    notes: h.notes,
    failed: [h.test],
  });
  write(root, 'results/2025.2/lvm/result.yaml', yamlText(result));
  write(root, `results/2025.2/${folderName(h.folder)}/result.yaml`, yamlText(makeResult({ notes: h.notes })));
  return root;
}

/** Write `text` to `path` under `root`, making its folder. */
function write(root: string, path: string, text: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

interface Printed {
  code: number;
  out: string;
  err: string;
}

/** Run the CLI in-process, as a user's terminal or a CI log would receive it. */
async function drivercert(args: string[], cwd: string): Promise<Printed> {
  let out = '';
  let err = '';
  const code = await main(args, {
    out: (s) => void (out += s),
    err: (s) => void (err += s),
    interactive: false,
    cwd,
    env: { DRIVERCERT_TODAY: TODAY },
  });
  return { code, out, err };
}

/** Every output of one repository. */
interface Outputs {
  printed: { args: string[]; run: Printed }[];
  json: string;
  github: string;
  report: string;
  markdownOut: string;
  /** Absent when the matrix refuses its inputs (it then prints why). */
  matrix?: string;
  missingJson?: string;
  missingMarkdown?: string;
  /** The audit's job summary and issue body: `merge-reports` of the JSON report, as a shard's. */
  audit: string;
}

async function outputsOf(root: string): Promise<Outputs> {
  const cycle = join(root, 'results', '2025.2');
  const report = join(root, 'report.md');
  const runs: [string, string[]][] = [
    ['json', ['validate', '--repo', root, '--format', 'json', '--report', report, cycle]],
    ['github', ['validate', '--repo', root, '--format', 'github', cycle]],
    ['text', ['validate', '--repo', root, '--verbose', cycle]],
    ['markdown', ['validate', '--repo', root, '--format', 'markdown', cycle]],
    ['matrix', ['matrix', '--repo', root]],
    ['missingJson', ['missing', '--repo', root, '--format', 'json']],
    ['missingMarkdown', ['missing', '--repo', root]],
  ];
  const printed: Outputs['printed'] = [];
  const by: Record<string, Printed> = {};
  for (const [name, args] of runs) {
    const run = await drivercert(args, root);
    printed.push({ args, run });
    by[name] = run;
  }
  const shard = join(root, 'shard-1.json');
  writeFileSync(shard, by.json!.out);
  const auditArgs = ['merge-reports', '--shards', '2', shard];
  const audit = await drivercert(auditArgs, root);
  printed.push({ args: auditArgs, run: audit });
  const written = by.matrix!.code === 0;
  return {
    audit: audit.out,
    printed,
    json: by.json!.out,
    github: by.github!.out,
    report: readFileSync(report, 'utf8'),
    markdownOut: by.markdown!.out,
    ...(written ? { matrix: readFileSync(join(root, 'MATRIX.md'), 'utf8') } : {}),
    ...(by.missingJson!.code === 0 ? { missingJson: by.missingJson!.out } : {}),
    ...(by.missingMarkdown!.code === 0 ? { missingMarkdown: by.missingMarkdown!.out } : {}),
  };
}

/** HTML the reviewer's report writes itself. */
const REPORT_HTML = /^(<details><summary>Failed tests \(\d+\)<\/summary>|<\/details>|<\/?sub>|<br>)$/;
/** The marker the tracking-issues script puts first in an issue. */
const MARKER_HTML = /^<!-- drivercert-missing driver=[a-z0-9][a-z0-9_-]* -->$/;
/** The comment MATRIX.md starts with. */
const MATRIX_HTML = /^<!-- Generated by `npx drivercert matrix`: do not edit by hand\. -->$/;
/** MATRIX.md's own links: a submission's folder, or an anchor of the page. */
const MATRIX_LINKS = /^(results\/[A-Za-z0-9._%-]+\/[A-Za-z0-9._%-]+\/|#[a-z0-9-]+)$/;

/** The findings of a `--format json` run. */
function findingCount(json: string): number {
  const doc = JSON.parse(json) as { errors: unknown[]; warnings: unknown[]; notices: unknown[] };
  return doc.errors.length + doc.warnings.length + doc.notices.length;
}

/** The mentions an issue may make on purpose: `@login` for each maintainer that is a login. */
function intendedMentions(maintainers: readonly string[]): RegExp | undefined {
  const logins = [...new Set(maintainers.filter(isGitHubLogin))];
  return logins.length ? new RegExp(`@(?:${logins.join('|')})(?![A-Za-z0-9-])`, 'g') : undefined;
}

/** Hold every output of `root` inert; returns the outputs for further checks. */
async function expectInert(root: string, h: Hostile): Promise<Outputs> {
  const o = await outputsOf(root);
  expectPrintedInert(o);
  expectAnnotationsInert(o);
  // On a terminal, the report is the file's text, printable (a code span may hold `##[`).
  expect(o.markdownOut).toBe(printable(o.report));
  expect(markdownInjections(o.report, { html: REPORT_HTML })).toEqual([]);
  expect(brokenTables(o.report)).toEqual([]);
  if (o.matrix !== undefined) {
    expect(markdownInjections(o.matrix, { html: MATRIX_HTML, links: MATRIX_LINKS })).toEqual([]);
    expect(brokenTables(o.matrix)).toEqual([]);
  }
  if (o.missingMarkdown !== undefined) {
    expect(markdownInjections(o.missingMarkdown)).toEqual([]);
    expect(brokenTables(o.missingMarkdown)).toEqual([]);
  }
  if (o.missingJson !== undefined) expectIssuesInert(o.missingJson, h);
  // The unregistered folder makes an error in every repository: the audit lists it in its table.
  expect(o.audit).toContain('\n| error | ');
  expect(markdownInjections(o.audit)).toEqual([]);
  expect(brokenTables(o.audit)).toEqual([]);
  return o;
}

/** Whatever the CLI prints holds no unsafe character, no legacy command, and no `::` command but annotations. */
function expectPrintedInert(o: Outputs): void {
  for (const { args, run } of o.printed) {
    const what = args.slice(0, 4).join(' ');
    for (const text of [run.out, run.err]) {
      expect(hasUnsafeCharacter(text), what).toBe(false);
      expect(hasLegacyCommand(text), what).toBe(false);
    }
    const commands = `${run.out}\n${run.err}`.split('\n').filter((l) => workflowCommand(l) !== null);
    if (!args.includes('github')) expect(commands, what).toEqual([]);
  }
}

/** One well-formed annotation per finding, then the summary: no command injected, none lost. */
function expectAnnotationsInert(o: Outputs): void {
  const annotations = o.github.split('\n').filter((l) => l !== '');
  const summary = annotations.pop()!;
  expect(summary).toMatch(/^(valid|invalid): /);
  expect(annotations).toHaveLength(findingCount(o.json));
  for (const line of annotations) {
    const c = workflowCommand(line)!;
    expect(c?.command, line).toMatch(/^(error|warning|notice)$/);
    const names = Object.keys(c.properties);
    expect(
      names.every((k) => ['file', 'line', 'col', 'title'].includes(k)),
      line,
    ).toBe(true);
    expect(hasUnsafeCharacter(c.data.replace(/\n/g, '')), line).toBe(false);
  }
}

/** `missing --format json`'s issues, and the bodies the tracking-issues script would post. */
function expectIssuesInert(json: string, h: Hostile): void {
  type Issue = { driver: string; title: string; body: string; maintainers: string[] };
  const issues = JSON.parse(json) as Issue[];
  expect(issues.map((i) => i.driver).sort()).toEqual(['nfs', 'rbd']);
  for (const issue of issues) {
    expect(hasUnsafeCharacter(issue.title) || /[\r\n]/.test(issue.title), issue.title).toBe(false);
    const mentions = intendedMentions(issue.maintainers);
    expect(markdownInjections(issue.body, mentions ? { mentions } : {})).toEqual([]);
  }
  // The script posts drivercert's body, its marker, and mentions of maintainers that are
  // logins; a list naming anything else is refused whole.
  if (!isGitHubLogin(h.maintainer)) {
    expect(() => tracking.parseMissing(json)).toThrow(/maintainers must be a list of GitHub logins/);
    return;
  }
  for (const issue of tracking.parseMissing(json)) {
    const mentions = intendedMentions(issue.maintainers);
    const posted = tracking.issueBody(issue);
    expect(markdownInjections(posted, { html: MARKER_HTML, ...(mentions ? { mentions } : {}) })).toEqual([]);
  }
}

describe('every output, for the same hostile text', () => {
  let clean: Outputs | undefined;
  const cleanOutputs = async () => (clean ??= await outputsOf(hostileRepo(CLEAN)));

  it('the clean repository is what the hostile ones are measured against', async () => {
    const o = await expectInert(hostileRepo(CLEAN), CLEAN);
    expect(o.matrix).toContain('| Clean Storage Driver (`lvm`)');
    expect(skeleton(o.matrix!)).toEqual(skeleton((await cleanOutputs()).matrix!));
  });

  it('stays inert, with the structure of the clean one, whatever contributors write', async () => {
    const reference = await cleanOutputs();
    await fc.assert(
      fc.asyncProperty(hostile, async (h) => {
        // Free text is accepted and shown everywhere, MATRIX.md included.
        const shown = await expectInert(hostileRepo(accepted(h)), accepted(h));
        expect(shown.matrix, 'MATRIX.md was written').toBeDefined();
        expect(skeleton(shown.matrix!)).toEqual(skeleton(reference.matrix!));
        expect(skeleton(shown.missingMarkdown!)).toEqual(skeleton(reference.missingMarkdown!));
        // Everything hostile: refused, and quoted in the findings.
        const refused = await expectInert(hostileRepo(h), h);
        expect(JSON.parse(refused.json)).toMatchObject({ ok: false });
      }),
      { numRuns: 8 },
    );
  }, 180_000); // shrinking a counterexample takes long; passing runs take seconds

  it('a folder name with line breaks starts no line of its own, and no workflow command', async () => {
    const h = {
      ...CLEAN,
      folder: 'x\n::error file=drivers.yaml::pwned\r\n##[stop-commands]token\u2028valid: 0 errors',
    };
    const o = await expectInert(hostileRepo(h), h);
    const text = o.printed.find((p) => p.args.includes('--verbose'))!.run.out;
    expect(text).toContain(
      'fx ⏎ ::error file=drivers.yaml::pwned ⏎ ##\\u005bstop-commands]token\\u2028valid: 0 errors/',
    );
    expect(text.split('\n').filter((l) => /^\s*(::|valid)/.test(l))).toEqual([]);
  });

  it('stays inert with every hostile fragment in every field at once', async () => {
    const all: Hostile = Object.fromEntries(FIELDS.map((f) => [f, `x ${EVERYTHING}`])) as unknown as Hostile;
    const shown = await expectInert(hostileRepo(accepted(all)), accepted(all));
    expect(skeleton(shown.matrix!)).toEqual(skeleton((await cleanOutputs()).matrix!));
    // The hostile text is there, shown: not dropped to make the checks pass.
    const forms = 'GH-&#8203;7 gh-&#8203;7 owner/repo\\#&#8203;1 owner/repo@&#8203;a5c3785';
    expect(shown.matrix).toContain(forms);
    expect(shown.report).toContain(forms);
    expect(shown.missingJson).toContain('@&#8203;octocat @&#8203;org/team https:&#8203;//evil.example');
    const refused = await expectInert(hostileRepo(all), all);
    expect(refused.report).toContain('\\u001b\\]8;;https:&#8203;//evil.example');
    expect(refused.github).toContain('\\u001b]8;;https://evil.example\\u0007link');
    expect(JSON.parse(refused.json)).toMatchObject({ ok: false });
  });
});
