// The reviewer's report (`validate --format markdown`): what it shows for a submission,
// what changed since the previous one, the bundle's extension point, and that no
// contributor text can inject HTML, links, mentions or table cells into it.
import { describe, expect, it } from 'vitest';
import { loadRepo } from '../../scripts/lib/repo.js';
import { toReport } from '../../scripts/lib/checks/runner.js';
import { buildReviewReport, sincePrevious } from '../../scripts/lib/report/review.js';
import { renderMarkdown } from '../../scripts/lib/report/markdown.js';
import { mdCode, mdText } from '../../scripts/lib/report/markdown-escape.js';
import { copyShippedRepo, drivercert } from '../helpers/cli.js';
import { writeSubmission } from '../helpers/submission.js';
import { TEST_A, TEST_B } from './fixture.js';

/** The text outside code spans (a run of n backticks up to the next run of exactly n). */
function stripCodeSpans(md: string): string {
  let out = '';
  let i = 0;
  while (i < md.length) {
    const open = /`+/.exec(md.slice(i));
    if (!open) return out + md.slice(i);
    const start = i + open.index;
    const fence = open[0];
    const close = new RegExp(`(?<!\`)${fence}(?!\`)`).exec(md.slice(start + fence.length));
    if (!close) return out + md.slice(i);
    out += md.slice(i, start);
    i = start + fence.length + close.index + fence.length;
  }
  return out;
}

/** What must never reach a comment unescaped. */
function expectInert(md: string): void {
  expect(md).not.toMatch(/<(?!\/?(details|summary|sub|br)>)[a-z!/]/i); // only our own tags
  expect(md).not.toMatch(/\]\(/); // no link or image syntax
  expect(md).not.toMatch(/(^|[^\\])@[A-Za-z0-9]/); // no mention outside code
  expect(md).not.toMatch(/https?:\/\//);
}

describe('mdText', () => {
  it.each([
    ['<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert\\(1\\)&gt;'],
    ['[click](https://evil.example)', '\\[click\\]\\(https:&#8203;//evil.example\\)'],
    ['ping @octocat and @org/team', 'ping @&#8203;octocat and @&#8203;org/team'],
    ['see #12', 'see \\#&#8203;12'],
    ['fixes GH-7 and owner/repo#1', 'fixes GH-&#8203;7 and owner/repo\\#&#8203;1'],
    ['owner/repo@a5c3785 and user@a5c3785', 'owner/repo@&#8203;a5c3785 and user@&#8203;a5c3785'],
    ['a | b', 'a \\| b'],
    ['**bold** _it_ `code` ~~x~~', '\\*\\*bold\\*\\* \\_it\\_ \\`code\\` \\~\\~x\\~\\~'],
    ['line one\n# heading', 'line one ⏎ \\# heading'],
    ['- not a list', '\\- not a list'],
    ['1. not a list', '1\\. not a list'],
    ['www.evil.example', 'www&#8203;.evil.example'],
    ['<!-- drivercert-report -->', '&lt;\\!-- drivercert-report --&gt;'],
    ['rtl\u202eevil', 'rtl\ufffdevil'],
    ['arabic letter mark\u061c and CSI\u009b[2J', 'arabic letter mark\ufffd and CSI\ufffd\\[2J'],
    ['a & b', 'a &amp; b'],
  ])('%j renders literally', (input, output) => {
    expect(mdText(input)).toBe(output);
  });

  it('cuts long text', () => {
    expect(mdText('x'.repeat(600))).toHaveLength(500);
  });
});

describe('mdCode', () => {
  it.each([
    ['tempest.api.volume.Test.test_x', '`tempest.api.volume.Test.test_x`'],
    ['has `ticks`', '`` has `ticks` ``'],
    ['`starts', '`` `starts ``'],
    ['a ``` b', '````a ``` b````'],
    ['', '` `'],
    ['two\nlines', '`two ⏎ lines`'],
  ])('%j is one code span', (input, output) => {
    expect(mdCode(input)).toBe(output);
  });
});

describe('validate --format markdown', () => {
  it('reports a submission named by PATH, with the previous submission and the matrix row', async () => {
    const root = copyShippedRepo();
    writeSubmission(root, {
      driver: 'lvm',
      cycle: '2025.1',
      submitter: 'alice',
      submitted: '2025-05-01',
      failed: [TEST_A],
    });
    writeSubmission(root, {
      driver: 'lvm',
      cycle: '2025.2',
      submitter: 'alice',
      submitted: '2025-11-02',
      failed: [TEST_B],
      skipped: [],
    });
    const r = await drivercert(['validate', '--repo', root, '--format', 'markdown', `${root}/results/2025.2/lvm`]);
    expect(r.code, r.stdout).toBe(0);
    const md = r.stdout;
    expect(md).toMatch(/^## ✅ drivercert: valid\n/);
    expect(md).toContain('### Logical Volume Manager \\(LVM\\) Reference Driver \\(lvm\\) — cycle 2025\\.2');
    expect(md).toContain('| Verdict | **failed** |');
    // When the run happened, as validate derives it from the bundle (its subunit stream's timestamps).
    expect(md).toMatch(/\n\| Run \| 2025-11-02 08:00:00 to 2025-11-02 08:0\d:\d\d UTC \|\n/);
    expect(md).toContain('**Required capabilities failed:** `volumes-v3-clone`');
    expect(md).toContain(
      `<details><summary>Failed tests (1)</summary>\n\n- \`${TEST_B}[id-3f591b4a-7dc6-444c-bd51-77469506b3a1]\`: \`AssertionError: volume did not become available\`\n`,
    );
    expect(md).toContain('**Since the previous submission** (cycle 2025\\.1, failed, 2025-05-01):');
    expect(md).toContain(
      '- Capabilities: `volumes-list-api-versions` failed → passed; `volumes-v3-clone` passed → failed',
    );
    expect(md).toContain('| Driver | Vendor | Protocols | Status | Last: `2025.1` | Current: `2025.2` |');
    expect(md).toContain('| **failed** · 82/83 tests passed, 1 failed · 2025-11-02 · submission results/2025.2/lvm/ |');
    expect(md).toMatch(
      /<sub>valid: 0 errors, 0 warnings in 75 drivers, 2 cycles, 1 submission \\\(1 bundle read\\\)<\/sub>\n$/,
    );
  });

  it('without PATH or --changed-since shows the findings only', async () => {
    const r = await drivercert(['validate', '--repo', copyShippedRepo(), '--format', 'markdown']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      '## ✅ drivercert: valid\n\n<sub>valid: 0 errors, 0 warnings in 75 drivers, 2 cycles, 6 submissions \\(6 bundles read\\)</sub>\n',
    );
  });

  it('keeps hostile contributor text inert, in the submission and in the findings', async () => {
    const root = copyShippedRepo();
    writeSubmission(root, {
      driver: 'lvm',
      cycle: '2025.2',
      submitter: 'alice',
      backendModel: '<script>alert(1)</script> @octocat',
      backendVersion: '[update](https://evil.example/x) | injected | cell',
      failed: ['tempest.x`<img src=x>`|@team'],
    });
    writeSubmission(root, { driver: 'nfs', cycle: '2025.2', submitter: 'nina', protocol: '<b>NFS</b>' });
    const r = await drivercert(['validate', '--repo', root, '--format', 'markdown', `${root}/results/2025.2`]);
    expect(r.code).toBe(1);
    const md = r.stdout;
    expect(md).toContain('&lt;script&gt;alert\\(1\\)&lt;/script&gt; @&#8203;octocat');
    expect(md).toContain('\\[update\\]\\(https:&#8203;//evil.example/x\\) \\| injected \\| cell');
    expect(md).toContain('- ``tempest.x`<img src=x>`|@team``'); // literal inside a code span
    expect(md).toContain('&lt;b&gt;NFS&lt;/b&gt;'); // the schema's message quotes the value
    // Every table row still has its two cells.
    for (const line of md
      .split('\n')
      .filter((l) => l.startsWith('| ') && !l.startsWith('| Driver') && !l.includes('·'))) {
      expect(line.replace(/\\\|/g, '').split('|').length, line).toBeLessThanOrEqual(4);
    }
    expectInert(stripCodeSpans(md));
  });
});

describe('the reviewer report model', () => {
  it('takes the bundle-derived part through its extension point, escaped', () => {
    const root = copyShippedRepo();
    writeSubmission(root, { driver: 'lvm', cycle: '2025.2', submitter: 'alice', failed: [TEST_B] });
    const repo = loadRepo(root);
    const report = toReport([]);
    const review = buildReviewReport(
      repo,
      report,
      { drivers: 75, cycles: 2, submissions: 1, bundles: 1 },
      {
        focus: (s) => s.driver === 'lvm' && s.cycle === '2025.2',
        ctx: {} as never,
        bundleReview: () => ({
          failures: [
            {
              test: `${TEST_B}[id-3f591b4a-7dc6-444c-bd51-77469506b3a1]`,
              firstLine: 'AssertionError: <b>boom</b> @here',
            },
          ],
          secrets: [{ member: 'logs/c-vol.log', line: 12, what: 'an unscrubbed `password =` value' }],
          notes: ['cert.log names volume_driver cinder.volume.drivers.lvm.LVMVolumeDriver'],
          renamed: [{ test: TEST_B, as: 'tempest.api.volume.New.test_<b>x</b>' }],
        }),
      },
    );
    const md = renderMarkdown(review);
    expect(md).toContain(
      `- \`${TEST_B}[id-3f591b4a-7dc6-444c-bd51-77469506b3a1]\`: \`AssertionError: <b>boom</b> @here\``,
    );
    expect(md).toContain(
      '**Possible secrets in the bundle (1):**\n\n- `logs/c-vol.log:12`: an unscrubbed \\`password =\\` value',
    );
    expect(md).toContain('- cert.log names volume\\_driver cinder.volume.drivers.lvm.LVMVolumeDriver');
    expect(md).toContain(
      `**Matched by idempotent id under another name (1):**\n\n` +
        `- \`${TEST_B}\` matched by idempotent id as \`tempest.api.volume.New.test_<b>x</b>\``,
    );
    expectInert(stripCodeSpans(md));
  });

  it('matches tests across renames by their idempotent id', () => {
    const root = copyShippedRepo();
    const renamed = 'id-0d7f3a52-6b1e-4c8f-9a3d-2e5b7c9f1a04';
    const gone = 'id-5c2e8b71-3f4d-4a6e-8b9c-1d2f3e4a5b6c';
    writeSubmission(root, {
      driver: 'lvm',
      cycle: '2025.1',
      submitter: 'alice',
      submitted: '2025-05-01',
      failed: [`tempest.old.Name.test_x[${renamed},smoke]`, `tempest.api.volume.Old.test_gone[${gone}]`],
    });
    writeSubmission(root, {
      driver: 'lvm',
      cycle: '2025.2',
      submitter: 'alice',
      failed: [`tempest.new.Name.test_x[${renamed}]`, TEST_A],
      skipped: [],
    });
    const repo = loadRepo(root);
    const sub = repo.submissions.find((s) => s.cycle === '2025.2' && s.driver === 'lvm')!;
    const since = sincePrevious(repo, sub, sub.result!.data!)!;
    // The renamed test failed before under its old name: it is not newly failing.
    expect(since).toMatchObject({
      cycle: '2025.1',
      verdict: 'failed',
      newlyFailing: [`${TEST_A}[id-77838fc4-b49b-4c64-9533-166762517369]`],
      newlyPassing: [`tempest.api.volume.Old.test_gone[${gone}]`],
    });
  });

  it('has no previous submission for a driver new to the record', () => {
    const root = copyShippedRepo();
    writeSubmission(root, { driver: 'datera', cycle: '2025.2', submitter: 'carol' });
    const repo = loadRepo(root);
    const sub = repo.submissions.find((s) => s.driver === 'datera')!;
    expect(sincePrevious(repo, sub, sub.result!.data!)).toBeUndefined();
  });
});
