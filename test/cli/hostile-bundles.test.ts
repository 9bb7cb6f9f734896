// Every hostile bundle of DESIGN.md "Safety of a bundle" makes `inspect` and `validate`
// exit 1 with a message naming the member, no stack trace, within 10 s and 200 MB.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FILE_CASES, LIMIT_CASES, MEMBER_CASES, type Case } from '../helpers/hostile-bundles.js';
import { copyShippedRepo, drivercertMeasured, hasStackTrace, tempDir } from '../helpers/cli.js';
import { writeSubmission } from '../helpers/submission.js';

const limitFlags = (c: Case) => Object.entries(c.limits ?? {}).flatMap(([k, v]) => ['--limit', `${k}=${v}`]);

function bounded(r: { ms: number; rssMiB: number }): void {
  expect(r.ms).toBeLessThan(10_000);
  expect(r.rssMiB).toBeLessThan(200);
}

describe.each([
  ['the file', FILE_CASES],
  ['a member', MEMBER_CASES],
  ['a limit', LIMIT_CASES],
])('inspect refuses a hostile bundle (%s)', (_group, cases) => {
  it.each(cases)('$what', (c) => {
    const dir = tempDir('drivercert-hostile-');
    const file = join(dir, 'x.tgz');
    writeFileSync(file, c.bytes());
    const r = drivercertMeasured(['inspect', file, '--format', 'json', ...limitFlags(c)]);
    expect(r.code, r.stderr).toBe(1);
    const out = JSON.parse(r.stdout) as { errors: { member?: string; code: string; message: string; tip?: string }[] };
    expect(out.errors).toHaveLength(1);
    expect(out.errors[0]).toMatchObject({ code: c.code, ...(c.member !== undefined ? { member: c.member } : {}) });
    expect(out.errors[0]!.message).toContain(c.code === 'ratio-exceeded' ? c.message : c.message.slice(0, 40));
    expect(out.errors[0]!.tip).toBeTruthy();
    expect(hasStackTrace(r.stdout + r.stderr)).toBe(false);
    bounded(r);
  });
});

describe('the text report of a refused bundle', () => {
  it('names the bundle and the member, with a tip', () => {
    const c = MEMBER_CASES.find((x) => x.code === 'symlink')!;
    const file = join(tempDir('drivercert-hostile-'), 'x.tgz');
    writeFileSync(file, c.bytes());
    const r = drivercertMeasured(['inspect', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`${file}!logs/evil member "logs/evil" is a symbolic link to "/etc/passwd"; a bundle may hold only files and folders\n  tip: A bundle holds plain files and folders only: copy the file the link points to instead.\n`);
  });
});

describe('validate refuses a submission whose bundle is hostile', () => {
  // One case of each kind: the same reader refuses them, validate reports it per submission.
  const sample = [FILE_CASES[0]!, ...['dot-dot-path', 'symlink', 'device', 'duplicate-member', 'name-not-utf8'].map((code) => MEMBER_CASES.find((x) => x.code === code)!), LIMIT_CASES.find((x) => x.code === 'member-too-large' && !x.limits)!];
  it.each(sample)('$what', (c) => {
    const root = copyShippedRepo();
    const { folder } = writeSubmission(root, { driver: 'datera', cycle: '2025.2', submitter: 'octocat', submitted: '2025-11-01' });
    writeFileSync(join(root, folder, 'datera-2025.2.tgz'), c.bytes());
    const r = drivercertMeasured(['validate', '--repo', root, '--format', 'json']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { errors: { file: string; check: string; message: string; tip?: string }[] };
    const refused = out.errors.find((e) => e.check === 'the bundle is a safe, readable gzip-compressed tar');
    expect(refused, r.stdout).toBeDefined();
    expect(refused!.file).toBe(`${folder}/datera-2025.2.tgz${c.member !== undefined ? `!${c.member}` : ''}`);
    expect(refused!.tip).toBeTruthy();
    // The bytes changed after pack, and validate says so even though it cannot read them.
    expect(out.errors.map((e) => e.message)).toContainEqual(expect.stringMatching(/^bundle\.sha256: result\.yaml says [0-9a-f]{64}, the bundle's sha256 is [0-9a-f]{64}$/));
    expect(hasStackTrace(r.stdout + r.stderr)).toBe(false);
    bounded(r);
  });

  it('a bundle over GitHub\'s 100 MiB limit is refused before it is read, with a tip on trimming logs', () => {
    const root = copyShippedRepo();
    const { folder } = writeSubmission(root, { driver: 'datera', cycle: '2025.2', submitter: 'octocat', submitted: '2025-11-01' });
    mkdirSync(join(root, folder), { recursive: true });
    writeFileSync(join(root, folder, 'datera-2025.2.tgz'), Buffer.alloc(100 * 1024 * 1024 + 1));
    const r = drivercertMeasured(['validate', '--repo', root, '--format', 'json']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { errors: { file: string; message: string; tip?: string }[] };
    const e = out.errors.find((x) => x.file === `${folder}/datera-2025.2.tgz` && /GitHub's limit/.test(x.message));
    expect(e?.message).toBe("the bundle is 100.0 MiB (104857601 bytes), over GitHub's limit of 100.0 MiB (104857600 bytes) for a file in a repository");
    expect(e?.tip).toMatch(/Trim the service logs/);
    bounded(r);
  });
});
