// How `inspect` and `validate` report a hostile bundle. Every hostile bundle of docs/design.md
// "Safety of a bundle" (test/helpers/hostile-bundles.ts) meets both commands in the
// hostile-input corpus (test/hostile/corpus/cases/bundle.ts): exit 1, its code, the message
// naming the member, no stack trace, within 10 s and 200 MB. Here: the text report, a bundle
// replaced after pack, and GitHub's file size limit.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MEMBER_CASES } from '../helpers/hostile-bundles.js';
import { copyShippedRepo, drivercert, hasStackTrace, tempDir } from '../helpers/cli.js';
import { writeSubmission } from '../helpers/submission.js';
import { runCli, type ChildRun } from '../hostile/spawn.js';

function bounded(r: ChildRun): void {
  expect(r.wallMs).toBeLessThan(10_000);
  expect(r.maxRssKb, 'peak memory was not measured').toBeGreaterThan(0);
  expect(r.maxRssKb / 1024).toBeLessThan(200);
}

describe('the text report of a refused bundle', () => {
  it('names the bundle and the member, with a tip', async () => {
    const c = MEMBER_CASES.find((x) => x.code === 'symlink')!;
    const file = join(tempDir('drivercert-hostile-'), 'x.tgz');
    writeFileSync(file, c.bytes());
    const r = await drivercert(['inspect', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `${file}!logs/evil member "logs/evil" is a symbolic link to "/etc/passwd"; a bundle may hold only files and folders\n  tip: A bundle holds plain files and folders only: copy the file the link points to instead.\n`,
    );
  });
});

describe('a path that is not a regular file', () => {
  // A FIFO hung inspect (opening it waits for a writer); pack refused one already.
  it('inspect refuses a FIFO, a device and a folder at once, exit 1, saying what it is', async () => {
    const fifo = join(tempDir('drivercert-fifo-'), 'b.tgz');
    execFileSync('mkfifo', [fifo]);
    for (const [path, what] of [
      [fifo, 'a FIFO (named pipe)'],
      ['/dev/zero', 'a device'],
      [tempDir(), 'a folder'],
    ] as const) {
      const r = await drivercert(['inspect', path]);
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toContain(`${path} cannot read the bundle: it is ${what}, not a file`);
    }
  });

  it('pack refuses a FIFO given as the log or an attachment, exit 1', async () => {
    const dir = tempDir('drivercert-fifo-');
    const fifo = join(dir, 'cert.log');
    execFileSync('mkfifo', [fifo]);
    const log = join(dir, 'real.log');
    writeFileSync(log, 'Device driver PASSED!\n');
    const stated = ['--submitter', 'alice', '--backend-model', 'm', '--backend-version', '1', '--protocol', 'iSCSI'];
    for (const files of [
      ['--log', fifo],
      ['--log', log, '--attach', fifo],
    ]) {
      const r = await drivercert([
        'pack',
        '--repo',
        copyShippedRepo(),
        '--driver',
        'lvm',
        '--force',
        ...files,
        ...stated,
      ]);
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toContain(`${fifo} is not a regular file`);
    }
  });
});

describe('validate refuses a submission whose bundle is hostile', () => {
  // Every case meets inspect and validate in the hostile-input corpus (test/hostile/corpus/cases/bundle.ts),
  // with result.yaml naming the new bytes; here, a bundle replaced after pack, as a vendor might.
  it("a bundle replaced after pack: refused, naming the member, and its sha256 no longer result.yaml's", async () => {
    const c = MEMBER_CASES.find((x) => x.code === 'symlink')!;
    const root = copyShippedRepo();
    const { folder } = writeSubmission(root, {
      driver: 'datera',
      cycle: '2025.2',
      submitter: 'octocat',
      submitted: '2025-11-01',
    });
    writeFileSync(join(root, folder, 'datera-2025.2.tgz'), c.bytes());
    const r = await runCli(['validate', '--repo', root, '--format', 'json']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { errors: { file: string; check: string; message: string; tip?: string }[] };
    const refused = out.errors.find((e) => e.check === 'the bundle is a safe, readable gzip-compressed tar');
    expect(refused, r.stdout).toBeDefined();
    expect(refused!.file).toBe(`${folder}/datera-2025.2.tgz!${c.member}`);
    expect(refused!.tip).toBeTruthy();
    // The bytes changed after pack, and validate says so even though it cannot read them.
    expect(out.errors.map((e) => e.message)).toContainEqual(
      expect.stringMatching(/^bundle\.sha256: result\.yaml says [0-9a-f]{64}, the bundle's sha256 is [0-9a-f]{64}$/),
    );
    expect(hasStackTrace(r.stdout + r.stderr)).toBe(false);
    bounded(r);
  });

  it("a bundle over GitHub's 100 MiB limit is refused before it is read, with a tip on trimming logs", async () => {
    const root = copyShippedRepo();
    const { folder } = writeSubmission(root, {
      driver: 'datera',
      cycle: '2025.2',
      submitter: 'octocat',
      submitted: '2025-11-01',
    });
    mkdirSync(join(root, folder), { recursive: true });
    writeFileSync(join(root, folder, 'datera-2025.2.tgz'), Buffer.alloc(100 * 1024 * 1024 + 1));
    const r = await runCli(['validate', '--repo', root, '--format', 'json']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { errors: { file: string; message: string; tip?: string }[] };
    const e = out.errors.find((x) => x.file === `${folder}/datera-2025.2.tgz` && /GitHub's limit/.test(x.message));
    expect(e?.message).toBe(
      "the bundle is 100.0 MiB (104857601 bytes), over GitHub's limit of 100.0 MiB (104857600 bytes) for a file in a repository",
    );
    expect(e?.tip).toMatch(/Trim the service logs/);
    bounded(r);
  });
});
