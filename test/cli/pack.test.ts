// `drivercert pack`: a deterministic bundle and a result.yaml that `validate` re-derives;
// tampering with either is caught, saying what the bundle really shows.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, TODAY, copyShippedRepo, drivercert, hasStackTrace, json, tempDir } from '../helpers/cli.js';
import { replaceIn } from '../helpers/edit.js';
import { openCycleForRunFixtures, statedArgs } from '../helpers/pack-inputs.js';

const FORMATS = join(ROOT, 'test/fixtures/formats');
const LOG = join(FORMATS, 'run.cert.log');
const SUBUNIT = join(FORMATS, 'run.subunit');
const JUNIT = join(FORMATS, 'run.junit.xml');
const STATED = statedArgs();

/**
 * A copy of the shipped repository without lvm's 2025.2 submission, ready for a new one. The
 * fixture run is dated 2025-06-01: here 2025.2 opened the day before, so the run is in it.
 */
function repoWithoutLvm(): string {
  const root = copyShippedRepo();
  spawnSync('rm', ['-rf', join(root, 'results/2025.2/lvm')]);
  openCycleForRunFixtures(root);
  return root;
}

async function pack(root: string, ...extra: string[]) {
  return await drivercert([
    'pack',
    '--repo',
    root,
    '--driver',
    'lvm',
    '--log',
    LOG,
    '--subunit',
    SUBUNIT,
    ...STATED,
    ...extra,
  ]);
}

interface ValidateOut {
  ok: boolean;
  errors: { file: string; line?: number; pointer?: string; check: string; message: string; tip?: string }[];
}
const validate = async (root: string) =>
  json<ValidateOut>(await drivercert(['validate', '--repo', root, '--format', 'json']));

describe('pack then validate', () => {
  it('writes the bundle and a result.yaml that validate accepts', async () => {
    const root = repoWithoutLvm();
    const r = await pack(root, '--junit', JUNIT, '--notes', 'Two-node devstack.');
    expect(r.stderr).toMatch(/^wrote results\/2025\.2\/lvm\/lvm-2025\.2\.tgz \(\d+ bytes, sha256 [0-9a-f]{64}\)$/m);
    expect(r.stderr).toMatch(
      /wrote results\/2025\.2\/lvm\/result\.yaml: failed, 57\/61 passed, 2 failed, 2 skipped \(from run\.subunit\)/,
    );
    expect(r.code).toBe(0);
    expect(readdirSync(join(root, 'results/2025.2/lvm')).sort()).toEqual(['lvm-2025.2.tgz', 'result.yaml']);
    const text = readFileSync(join(root, 'results/2025.2/lvm/result.yaml'), 'utf8');
    expect(text).toMatch(
      /^# yaml-language-server: \$schema=\.\.\/\.\.\/\.\.\/schemas\/result\.schema\.json\ndriver: lvm\ncycle: "2025\.2"\nsubmitted: "2025-11-02"\nsubmitter: octocat\n/,
    );
    expect(text).toContain('cinder_commit: 5e1c7a9b3d2f4e6a8c0b1d3f5a7c9e2b4d6f8a01');
    expect(text).toContain('notes: Two-node devstack.');
    const v = await validate(root);
    expect(v.errors).toEqual([]);
    expect(v.ok).toBe(true);
  });

  it('gives the same bytes for the same inputs', async () => {
    const a = repoWithoutLvm();
    const b = repoWithoutLvm();
    expect((await pack(a)).code).toBe(0);
    expect((await pack(b)).code).toBe(0);
    const bytes = (root: string) => readFileSync(join(root, 'results/2025.2/lvm/lvm-2025.2.tgz'));
    expect(bytes(a).equals(bytes(b))).toBe(true);
    expect(readFileSync(join(a, 'results/2025.2/lvm/result.yaml'), 'utf8')).toBe(
      readFileSync(join(b, 'results/2025.2/lvm/result.yaml'), 'utf8'),
    );
  });

  it('refuses to overwrite a submission without --force, and replaces it with --force', async () => {
    const root = copyShippedRepo();
    const before = readFileSync(join(root, 'results/2025.2/lvm/result.yaml'), 'utf8');
    const r = await pack(root);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^results\/2025\.2\/lvm results\/2025\.2\/lvm\/ already holds a submission \(lvm-2025\.2\.tgz, result\.yaml\)\n {2}tip: Pass --force to replace it with this one\.\n$/,
    );
    expect(readFileSync(join(root, 'results/2025.2/lvm/result.yaml'), 'utf8')).toBe(before);
    expect((await pack(root, '--force')).code).toBe(0);
    expect(readFileSync(join(root, 'results/2025.2/lvm/result.yaml'), 'utf8')).not.toBe(before);
  });
});

describe('validate catches what changed after pack, saying what the bundle shows', () => {
  async function packed(): Promise<string> {
    const root = repoWithoutLvm();
    expect((await pack(root)).code).toBe(0);
    return root;
  }
  const RESULT = 'results/2025.2/lvm/result.yaml';

  it('one count', async () => {
    const root = await packed();
    replaceIn(root, RESULT, '  passed: 57', '  passed: 58');
    const e = (await validate(root)).errors;
    expect(e).toHaveLength(1);
    expect(e[0]).toMatchObject({
      file: RESULT,
      pointer: '/results/passed',
      check: 'result.yaml says what the bundle proves',
      message: 'results.passed: result.yaml says 58, the bundle shows 57 (run.subunit)',
    });
    expect(e[0]!.line).toBeGreaterThan(1);
  });

  it('the verdict', async () => {
    const root = await packed();
    replaceIn(root, RESULT, 'verdict: failed', 'verdict: passed');
    expect((await validate(root)).errors.map((x) => x.message)).toEqual([
      'verdict: result.yaml says passed, the bundle shows failed',
    ]);
  });

  it('one byte of the bundle', async () => {
    const root = await packed();
    const path = join(root, 'results/2025.2/lvm/lvm-2025.2.tgz');
    const bytes = readFileSync(path);
    bytes[bytes.length - 5]! ^= 0x01;
    writeFileSync(path, bytes);
    const messages = (await validate(root)).errors.map((x) => x.message);
    expect(messages).toContainEqual(
      expect.stringMatching(/^bundle\.sha256: result\.yaml says [0-9a-f]{64}, the bundle's sha256 is [0-9a-f]{64}$/),
    );
    expect(messages).toContainEqual(expect.stringMatching(/gzip/));
  });

  it('one commit SHA', async () => {
    const root = await packed();
    replaceIn(root, RESULT, 'tempest_commit: 7d9f', 'tempest_commit: 8d9f');
    const e = (await validate(root)).errors;
    expect(e).toHaveLength(1);
    expect(e[0]).toMatchObject({
      pointer: '/environment/tempest_commit',
      check: "result.yaml's commits are cert.log's",
    });
    expect(e[0]!.message).toBe(
      'environment.tempest_commit: result.yaml says 8d9f1b3c5e7a9d1f3b5c7e9a1d3f5b7c9e1a3d5f, cert.log shows 7d9f1b3c5e7a9d1f3b5c7e9a1d3f5b7c9e1a3d5f (results/2025.2/lvm/lvm-2025.2.tgz!cert.log:52)',
    );
  });

  it("the driver's class", async () => {
    const root = await packed();
    replaceIn(
      root,
      'drivers.yaml',
      '- cinder.volume.drivers.lvm.LVMVolumeDriver',
      '- cinder.volume.drivers.lvm.ThinLVMVolumeDriver',
    );
    const out = json<ValidateOut & { warnings: ValidateOut['errors'] }>(
      await drivercert(['validate', '--repo', root, '--format', 'json']),
    );
    const e = out.errors;
    expect(e).toHaveLength(1);
    expect(e[0]).toMatchObject({
      file: 'results/2025.2/lvm/lvm-2025.2.tgz!cert.log',
      line: 37,
      check: "cert.log's volume_driver is one of the driver's classes",
    });
    // History in a closed cycle is only warned about: the registry may have changed since.
    expect(out.warnings.map((w) => w.file)).toEqual(['results/2025.1/lvm/lvm-2025.1.tgz!cert.log']);
    expect(e[0]!.message).toBe(
      'volume_driver = cinder.volume.drivers.lvm.LVMVolumeDriver (section [lvmdriver-1]) is not a class of driver "lvm" (cinder.volume.drivers.lvm.ThinLVMVolumeDriver)',
    );
  });

  it('a failed test dropped from failed_tests', async () => {
    const root = await packed();
    const text = readFileSync(join(root, RESULT), 'utf8');
    const first = /failed_tests:\n {2}- (.*)\n/.exec(text)![1]!;
    replaceIn(root, RESULT, `  - ${first}\n`, '');
    expect((await validate(root)).errors.map((x) => x.message)).toEqual([
      `failed_tests: the bundle also shows ${first}`,
    ]);
  });
});

describe('pack refuses bad inputs, writing nothing', () => {
  it('notes holding a control character, naming the option; a tab and a line break pass', async () => {
    const root = repoWithoutLvm();
    const r = await pack(root, '--junit', JUNIT, '--notes', 'Two-node\u007f devstack.');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--notes holds a control character (U+007F) at character 9');
    expect(existsSync(join(root, 'results/2025.2/lvm'))).toBe(false);
    expect(hasStackTrace(r.stderr)).toBe(false);
    const ok = await pack(root, '--junit', JUNIT, '--notes', 'Two-node\tdevstack,\nrack 4.');
    expect(ok.code, ok.stderr).toBe(0);
    expect((await validate(root)).errors).toEqual([]);
  });

  it('a log with an unscrubbed password, naming the file and line', async () => {
    const root = repoWithoutLvm();
    const log = join(tempDir('drivercert-pack-'), 'cert.log');
    writeFileSync(
      log,
      readFileSync(LOG, 'utf8')
        .replace('san_password = xxx', 'san_password = Sup3rS3cret!')
        .replace('[lvmdriver-1]\n', '[lvmdriver-1]\nsan_password = Sup3rS3cret!\n'),
    );
    const lineNo =
      readFileSync(log, 'utf8')
        .split('\n')
        .findIndex((l) => l.includes('Sup3rS3cret')) + 1;
    const r = await drivercert(['pack', '--repo', root, '--driver', 'lvm', '--log', log, ...STATED]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${log}:${lineNo} `);
    expect(r.stderr).not.toContain('Sup3rS3cret');
    expect(r.stderr).toMatch(/nothing was written/);
    expect(existsSync(join(root, 'results/2025.2/lvm'))).toBe(false);
    expect(hasStackTrace(r.stderr)).toBe(false);
  });

  it('a log whose final line says PASSED beside a run with failures, naming the file and line', async () => {
    const root = repoWithoutLvm();
    const log = join(tempDir('drivercert-pack-'), 'cert.log');
    writeFileSync(log, readFileSync(LOG, 'utf8').replace(/SORRY!!! +Device driver FAILED!/, 'Device driver PASSED!'));
    const lineNo =
      readFileSync(log, 'utf8')
        .split('\n')
        .findIndex((l) => l.includes('Device driver PASSED!')) + 1;
    const r = await drivercert([
      'pack',
      '--repo',
      root,
      '--driver',
      'lvm',
      '--log',
      log,
      '--subunit',
      SUBUNIT,
      ...STATED,
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${log}:${lineNo} cert.log says "Device driver PASSED!`);
    expect(r.stderr).toMatch(/nothing was written/);
    expect(existsSync(join(root, 'results/2025.2/lvm'))).toBe(false);
  });

  it("a log of another driver (its volume_driver is not one of the driver's classes)", async () => {
    const root = copyShippedRepo();
    const r = await drivercert([
      'pack',
      '--repo',
      root,
      '--driver',
      'datera',
      '--log',
      LOG,
      '--subunit',
      SUBUNIT,
      ...STATED,
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `${LOG}:37 volume_driver = cinder.volume.drivers.lvm.LVMVolumeDriver is not a class of driver "datera"`,
    );
    expect(existsSync(join(root, 'results/2025.2/datera'))).toBe(false);
  });

  it('a closed cycle', async () => {
    const r = await drivercert([
      'pack',
      '--repo',
      copyShippedRepo(),
      '--driver',
      'datera',
      '--cycle',
      '2025.1',
      '--log',
      LOG,
      ...STATED,
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cycle 2025\.1 is closed; results are submitted to the open cycle \(2025\.2\)/);
  });

  it('a missing stated field when not on a terminal: exit 2 naming the flag', async () => {
    const root = repoWithoutLvm();
    const r = await drivercert([
      'pack',
      '--repo',
      root,
      '--driver',
      'lvm',
      '--log',
      LOG,
      '--submitter',
      'octocat',
      '--backend-model',
      'x',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^drivercert pack: missing --backend-version \(Backend firmware\/software version\)/);
    const multi = await drivercert(['pack', '--repo', root, '--driver', 'nexenta', '--log', LOG, ...STATED]);
    expect(multi.code).toBe(2);
    expect(multi.stderr).toMatch(/missing --protocol \(Protocol tested \(iSCSI, NFS\)\)/);
    expect(existsSync(join(root, 'results/2025.2/lvm'))).toBe(false);
  });

  it('a missing input file, named', async () => {
    const r = await drivercert([
      'pack',
      '--repo',
      repoWithoutLvm(),
      '--driver',
      'lvm',
      '--log',
      '/nonexistent/cert.log',
      ...STATED,
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^\/nonexistent\/cert\.log no such file/);
  });

  it('an unknown driver', async () => {
    const r = await drivercert(['pack', '--repo', repoWithoutLvm(), '--driver', 'no_such', '--log', LOG, ...STATED]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/"no_such" is not a driver in drivers\.yaml/);
  });
});

describe('pack on a terminal', () => {
  // The bin on a real pseudo-terminal: main.ts finds the terminal and hands it to pack.
  it('asks for the missing stated fields, re-asking when an answer is not valid', () => {
    const root = repoWithoutLvm();
    const cmd = [
      process.execPath,
      BIN,
      'pack',
      '--repo',
      root,
      '--driver',
      'lvm',
      '--log',
      LOG,
      '--subunit',
      SUBUNIT,
      '--submitted',
      '2025-11-02',
    ]
      .map((a) => `'${a}'`)
      .join(' ');
    // `script` gives the command a pseudo-terminal; the answers are typed one per line.
    const r = spawnSync('script', ['-qec', cmd, '/dev/null'], {
      input: '@not a login\noctocat\nLVM on a loop device\nlvm2 2.03.16\n',
      encoding: 'utf8',
      env: { ...process.env, DRIVERCERT_TODAY: TODAY },
      timeout: 30_000,
    });
    expect(r.stdout).toContain('Your GitHub login:');
    expect(r.stdout).toContain('a GitHub login: letters, digits and single hyphens, without @');
    expect(r.stdout).toContain('Storage backend model:');
    expect(r.stdout).toContain('wrote results/2025.2/lvm/result.yaml');
    expect(r.status).toBe(0);
    expect(readFileSync(join(root, 'results/2025.2/lvm/result.yaml'), 'utf8')).toMatch(
      /submitter: octocat\n[\s\S]*model: LVM on a loop device\n {4}version: lvm2 2\.03\.16\n/,
    );
  });

  it('refuses, writing nothing, when the terminal input ends before every field is answered', async () => {
    const root = repoWithoutLvm();
    const args = ['pack', '--repo', root, '--driver', 'lvm', '--log', LOG, '--subunit', SUBUNIT];
    const r = await drivercert(args, { answers: 'octocat\n' });
    expect(r.stderr).toContain('Your GitHub login: ');
    expect(r.stderr).toContain('Storage backend model: ');
    expect(r.stderr).toMatch(/no answer for --backend-model \(the input ended\)/);
    expect(r.code).toBe(2);
    expect(existsSync(join(root, 'results/2025.2/lvm'))).toBe(false);
  });
});
