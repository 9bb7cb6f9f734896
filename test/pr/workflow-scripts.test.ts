// The JavaScript the workflows run through actions/github-script, run here against a
// recording stand-in for GitHub's API: the comment workflow's script exactly as written in
// comment.yml, and the missing workflow's tracking-issues.cjs.
import { cpSync, existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readFileSync } from 'node:fs';
import { ROOT, tempDir } from '../helpers/cli.js';

const require = createRequire(import.meta.url);
const MARKER = '<!-- drivercert-report -->';
const HEAD = 'a'.repeat(40);

interface Call {
  method: string;
  params: Record<string, unknown>;
}

/** A stand-in for github-script's `github`, `context` and `core`, recording every call. */
function fakeGitHub(opts: { headSha?: string; comments?: unknown[]; issues?: unknown[] } = {}) {
  const calls: Call[] = [];
  const record = (method: string, result: unknown = {}) =>
    Object.assign(
      async (params: Record<string, unknown>) => {
        calls.push({ method, params });
        return { data: result };
      },
      { method },
    );
  const rest = {
    pulls: { get: record('pulls.get', { head: { sha: opts.headSha ?? HEAD } }) },
    issues: {
      listComments: record('issues.listComments'),
      createComment: record('issues.createComment'),
      updateComment: record('issues.updateComment'),
      listForRepo: record('issues.listForRepo'),
      create: record('issues.create'),
      update: record('issues.update'),
    },
  };
  const github = {
    rest,
    paginate: async (fn: { method: string }, params: Record<string, unknown>) => {
      calls.push({ method: `paginate ${fn.method}`, params });
      return fn.method === 'issues.listComments' ? (opts.comments ?? []) : (opts.issues ?? []);
    },
  };
  const log: { level: string; message: string }[] = [];
  const core = {
    setFailed: (m: string) => log.push({ level: 'failed', message: m }),
    notice: (m: string) => log.push({ level: 'notice', message: m }),
    info: (m: string) => log.push({ level: 'info', message: m }),
  };
  const context = { repo: { owner: 'openstack-cert', repo: 'drivercert' } };
  const writes = () => calls.filter((c) => !c.method.startsWith('paginate') && !c.method.endsWith('.get'));
  return { github, core, context, calls, log, writes };
}

describe("the comment workflow's script", () => {
  const workflow = parse(readFileSync(join(ROOT, '.github/workflows/comment.yml'), 'utf8')) as {
    jobs: Record<string, { steps: { uses?: string; with?: { script?: string } }[] }>;
  };
  const script = Object.values(workflow.jobs)[0]!.steps.find((s) => s.uses?.startsWith('actions/github-script@'))!.with!
    .script!;
  const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (
    ...args: string[]
  ) => (...a: unknown[]) => Promise<void>;

  /** Run the script as github-script does, with an artifact holding `files`. */
  async function runComment(files: Record<string, string>, gh = fakeGitHub(), env: Record<string, string> = {}) {
    const dir = tempDir('drivercert-artifact-');
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    const processStandIn = {
      env: { REPORT_DIR: dir, HEAD_SHA: HEAD, RUN_URL: 'https://github.com/o/r/actions/runs/1', ...env },
    };
    await new AsyncFunction('require', 'github', 'context', 'core', 'process', script)(
      require,
      gh.github,
      gh.context,
      gh.core,
      processStandIn,
    );
    return gh;
  }

  it('posts one comment, starting with the hidden marker, holding the report and a link to the run', async () => {
    const gh = await runComment({ 'pr-number': '42\n', 'report.md': '## ✅ drivercert: valid\n' });
    const writes = gh.writes();
    expect(writes).toHaveLength(1);
    expect(writes[0]!.method).toBe('issues.createComment');
    expect(writes[0]!.params).toMatchObject({ owner: 'openstack-cert', repo: 'drivercert', issue_number: 42 });
    const body = writes[0]!.params.body as string;
    expect(body.startsWith(`${MARKER}\n## ✅ drivercert: valid`)).toBe(true);
    expect(body).toContain('[validate run](https://github.com/o/r/actions/runs/1)');
  });

  it("updates its own earlier comment, and ignores someone else's comment that fakes the marker", async () => {
    const comments = [
      { id: 1, user: { login: 'mallory', type: 'User' }, body: `${MARKER}\nfake` },
      { id: 2, user: { login: 'github-actions[bot]', type: 'Bot' }, body: `${MARKER}\nold report` },
    ];
    const gh = await runComment({ 'pr-number': '7', 'report.md': 'new report' }, fakeGitHub({ comments }));
    expect(gh.writes()).toEqual([
      {
        method: 'issues.updateComment',
        params: expect.objectContaining({ comment_id: 2, body: expect.stringContaining('new report') }),
      },
    ]);
  });

  it.each(['7; rm -rf /', '../7', '0', '-1', '1e3', '12345678901', '', '$(id)'])(
    'refuses the pull request number %j without calling GitHub',
    async (n) => {
      const gh = await runComment({ 'pr-number': n, 'report.md': 'x' });
      expect(gh.calls).toEqual([]);
      expect(gh.log).toEqual([{ level: 'failed', message: 'the artifact does not hold a pull request number' }]);
    },
  );

  it('posts nothing when the pull request is not at the commit the run validated', async () => {
    const gh = await runComment({ 'pr-number': '7', 'report.md': 'x' }, fakeGitHub({ headSha: 'b'.repeat(40) }));
    expect(gh.writes()).toEqual([]);
    expect(gh.log[0]).toMatchObject({
      level: 'notice',
      message: expect.stringMatching(/is not at the commit this run validated/),
    });
  });

  it('strips copies of the marker, breaks @mentions and caps the length', async () => {
    const report = `${MARKER} hi @octocat and @org/team, mail a@b.example\n${'x'.repeat(70000)}`;
    const gh = await runComment({ 'pr-number': '7', 'report.md': report });
    const body = gh.writes()[0]!.params.body as string;
    expect(body.split(MARKER)).toHaveLength(2);
    expect(body).not.toMatch(/@[A-Za-z0-9]/);
    expect(body).toContain('@\u200boctocat');
    expect(body.length).toBeLessThan(61000);
    expect(body).toContain('the report is cut here');
  });

  it('refuses a report that is a link, or too large', async () => {
    const dir = tempDir('drivercert-artifact-');
    writeFileSync(join(dir, 'pr-number'), '7');
    symlinkSync('/etc/passwd', join(dir, 'report.md'));
    const gh = fakeGitHub();
    const processStandIn = { env: { REPORT_DIR: dir, HEAD_SHA: HEAD, RUN_URL: '' } };
    await expect(
      new AsyncFunction('require', 'github', 'context', 'core', 'process', script)(
        require,
        gh.github,
        gh.context,
        gh.core,
        processStandIn,
      ),
    ).rejects.toThrow(/not a plain file under 1 MiB/);
    await expect(runComment({ 'pr-number': '7', 'report.md': 'x'.repeat(1024 * 1024 + 1) })).rejects.toThrow(
      /not a plain file under 1 MiB/,
    );
    expect(gh.writes()).toEqual([]);
  });

  it('drops a run link that is not a plain https URL', async () => {
    const gh = await runComment({ 'pr-number': '7', 'report.md': 'r' }, fakeGitHub(), {
      RUN_URL: 'javascript:alert(1)',
    });
    expect(gh.writes()[0]!.params.body).not.toContain('javascript');
  });
});

describe("the missing workflow's tracking issues", () => {
  const { trackMissing, parseMissing, marker, LABEL } = require(join(ROOT, '.github/scripts/tracking-issues.cjs')) as {
    trackMissing: (io: unknown, file: string) => Promise<{ opened: string[]; updated: string[]; closed: string[] }>;
    parseMissing: (text: string) => unknown[];
    marker: (d: string) => string;
    LABEL: string;
  };

  function missingFile(list: unknown): string {
    const dir = tempDir('drivercert-missing-');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'missing.json');
    writeFileSync(file, typeof list === 'string' ? list : JSON.stringify(list));
    return file;
  }
  const entry = (driver: string, extra: Record<string, unknown> = {}) => ({
    driver,
    cycle: '2025.2',
    title: `${driver}: no results for 2025.2`,
    body: `No submission for ${driver} in 2025.2.`,
    labels: ['certification'],
    maintainers: ['alice'],
    ...extra,
  });
  const bot = { login: 'github-actions[bot]', type: 'Bot' };

  it('opens one issue per missing driver, marked, labelled and naming its maintainers', async () => {
    const gh = fakeGitHub();
    const done = await trackMissing(gh, missingFile([entry('lvm'), entry('nfs', { maintainers: [] }), entry('lvm')]));
    expect(done).toEqual({ opened: ['lvm', 'nfs'], updated: [], closed: [] });
    const created = gh.writes().map((c) => c.params);
    expect(created).toHaveLength(2);
    expect(created[0]).toMatchObject({ title: 'lvm: no results for 2025.2', labels: [LABEL, 'certification'] });
    expect(created[0]!.body).toBe(`${marker('lvm')}\nNo submission for lvm in 2025.2.\n\ncc @alice`);
    expect(created[1]!.body).toBe(`${marker('nfs')}\nNo submission for nfs in 2025.2.`);
  });

  it('updates an issue whose text changed, leaves an unchanged one, and closes those no longer missing', async () => {
    const issues = [
      { number: 1, user: bot, title: 'lvm: no results for 2025.1', body: `${marker('lvm')}\nold` },
      {
        number: 2,
        user: bot,
        title: 'nfs: no results for 2025.2',
        body: `${marker('nfs')}\nNo submission for nfs in 2025.2.\n\ncc @alice`,
      },
      { number: 3, user: bot, title: 'rbd: no results', body: `${marker('rbd')}\nNo submission for rbd.` },
      { number: 4, user: { login: 'mallory' }, title: 'fake', body: `${marker('datera')}\nclose me` },
      { number: 5, user: bot, title: 'a pull request', body: `${marker('netapp')}`, pull_request: {} },
      { number: 6, user: bot, title: 'unrelated', body: 'no marker' },
    ];
    const gh = fakeGitHub({ issues });
    const done = await trackMissing(gh, missingFile([entry('lvm'), entry('nfs')]));
    expect(done).toEqual({ opened: [], updated: ['lvm'], closed: ['rbd'] });
    const writes = gh.writes();
    expect(writes.map((w) => [w.method, w.params.issue_number])).toEqual([
      ['issues.update', 1],
      ['issues.createComment', 3],
      ['issues.update', 3],
    ]);
    expect(writes[2]!.params).toMatchObject({ state: 'closed', state_reason: 'completed' });
    expect(gh.calls.find((c) => c.method === 'paginate issues.listForRepo')!.params).toMatchObject({
      state: 'open',
      labels: LABEL,
    });
  });

  it.each([
    ['not a list', '{"driver":"lvm"}'],
    ['not JSON', 'drivercert: unknown command'],
    ['a bad driver id', [entry('../lvm')]],
    ['a bad maintainer', [entry('lvm', { maintainers: ['@alice'] })]],
    ['an empty title', [entry('lvm', { title: ' ' })]],
  ])('touches no issue when the list is %s', async (_what, list) => {
    const gh = fakeGitHub({ issues: [{ number: 3, user: bot, title: 'rbd', body: `${marker('rbd')}\nx` }] });
    await expect(trackMissing(gh, missingFile(list))).rejects.toThrow();
    expect(gh.calls).toEqual([]);
  });

  it('accepts entries without labels or maintainers', () => {
    expect(parseMissing(JSON.stringify([{ driver: 'lvm', cycle: '2025.2', title: 't', body: 'b' }]))).toEqual([
      { driver: 'lvm', title: 't', body: 'b', labels: [], maintainers: [] },
    ]);
  });
});

describe("the missing workflow's first step", () => {
  it('writes the list of drivers without current-cycle results as JSON the issue step can read', () => {
    const dir = tempDir('drivercert-missing-step-');
    const out = join(dir, 'missing.json');
    const r = spawnSync('bash', [join(ROOT, '.github/scripts/missing.sh')], {
      cwd: ROOT,
      env: { ...process.env, MISSING_JSON: out },
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
    const { parseMissing } = require(join(ROOT, '.github/scripts/tracking-issues.cjs')) as {
      parseMissing: (t: string) => { driver: string }[];
    };
    const list = parseMissing(readFileSync(out, 'utf8'));
    expect(list.length).toBeGreaterThan(0);
    expect(list.map((x) => x.driver)).toContain('datacore');
  });

  it('fails, writing nothing, when drivercert fails', () => {
    const dir = tempDir('drivercert-missing-step-');
    const out = join(dir, 'missing.json');
    const repo = tempDir('drivercert-missing-broken-');
    mkdirSync(join(repo, '.github/scripts'), { recursive: true });
    cpSync(join(ROOT, '.github/scripts/missing.sh'), join(repo, '.github/scripts/missing.sh'));
    symlinkSync(join(ROOT, 'dist'), join(repo, 'dist'));
    symlinkSync(join(ROOT, 'node_modules'), join(repo, 'node_modules'));
    symlinkSync(join(ROOT, 'package.json'), join(repo, 'package.json'));
    symlinkSync(join(ROOT, 'schemas'), join(repo, 'schemas'));
    writeFileSync(join(repo, 'drivers.yaml'), 'core_reviewers: [\n');
    const r = spawnSync('bash', [join(repo, '.github/scripts/missing.sh')], {
      cwd: repo,
      env: { ...process.env, MISSING_JSON: out },
      encoding: 'utf8',
    });
    expect(r.status).not.toBe(0);
    expect(existsSync(out)).toBe(false);
  });
});

describe("the audit workflow's issue", () => {
  const {
    reportAudit,
    MARKER: AUDIT_MARKER,
    LABEL,
    TITLE,
  } = require(join(ROOT, '.github/scripts/audit-issue.cjs')) as {
    reportAudit: (io: unknown, file: string, runUrl: string) => Promise<{ opened?: number; updated?: number }>;
    MARKER: string;
    LABEL: string;
    TITLE: string;
  };
  const RUN = 'https://github.com/openstack-cert/drivercert/actions/runs/42';
  const bot = { login: 'github-actions[bot]' };

  function body(text: string): string {
    const file = join(tempDir('drivercert-audit-issue-'), 'audit.md');
    writeFileSync(file, text);
    return file;
  }

  it('opens one labelled issue, starting with its marker, holding the report and the run', async () => {
    const gh = fakeGitHub();
    await reportAudit(gh, body('## drivercert audit: failed\n'), RUN);
    const [create] = gh.writes();
    expect(create!.method).toBe('issues.create');
    expect(create!.params).toMatchObject({ title: TITLE, labels: [LABEL] });
    expect(create!.params.body).toBe(`${AUDIT_MARKER}\n## drivercert audit: failed\n\n\n[The audit run](${RUN})\n`);
  });

  it('updates its own open issue, ignoring one that someone else opened with the marker', async () => {
    const forged = { number: 3, user: { login: 'mallory' }, body: `${AUDIT_MARKER}\nfake` };
    const mine = { number: 7, user: bot, body: `${AUDIT_MARKER}\nold` };
    const gh = fakeGitHub({ issues: [forged, mine] });
    await reportAudit(gh, body(`again ${AUDIT_MARKER} failed\n`), 'javascript:alert(1)');
    const writes = gh.writes();
    expect(writes.map((w) => w.method)).toEqual(['issues.update']);
    expect(writes[0]!.params).toMatchObject({ issue_number: 7, body: `${AUDIT_MARKER}\nagain  failed\n\n` });
  });
});
