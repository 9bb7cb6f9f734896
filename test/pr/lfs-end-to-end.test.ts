// Git LFS end to end, offline, with the real git-lfs and a file:// remote holding the LFS
// objects: a vendor packs and pushes a bundle (stored in LFS), CI validates the pull request
// from a clone that fetched no LFS content (refused until the workflow's fetch step pulls the
// pull request's own bundle, then accepted), a full validate of a pointer-only clone, a
// tampered pointer, a bundle committed as a plain blob (and the fix the error gives), and the
// audit's shards each fetching only their own bundles. git runs with a throwaway HOME and
// global configuration (`git lfs install` writes there), never the machine's.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, TODAY, drivercert, json, tempDir } from '../helpers/cli.js';
import { cannotRun, needTool } from '../helpers/tools.js';
import { editRegistry, regenerateAll } from '../helpers/pr-repo.js';
import { openCycleForRunFixtures, packLvmArgs } from '../helpers/pack-inputs.js';
import { lfsAttributes } from '../helpers/lfs.js';
import { GIT_ENV } from '../helpers/git.js';
import { readPointer } from '../../scripts/lib/lfs/pointer.js';

const lfs = needTool('git-lfs', () => cannotRun('git', ['lfs', 'version']));

const LVM = 'results/2025.2/lvm';
const BUNDLE = `${LVM}/lvm-2025.2.tgz`;
const NFS_BUNDLE = 'results/2025.2/nfs/nfs-2025.2.tgz';
const RBD_BUNDLE = 'results/2025.2/rbd/rbd-2025.2.tgz';
const MAINTAINER = 'alice';
const PACK = packLvmArgs(MAINTAINER);

let home: string;
let origin: string;
/** git's environment: a throwaway HOME and global configuration, and no system configuration. */
let env: Record<string, string>;

function run(cwd: string, cmd: string, args: string[], extra: Record<string, string> = {}) {
  const r = spawnSync(cmd, args, { cwd, env: { ...process.env, ...env, ...extra }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed in ${cwd} (exit ${r.status}):\n${r.stderr}`);
  return r.stdout;
}
const git = (cwd: string, ...args: string[]) => run(cwd, 'git', args);
/** A clone of origin; `pointers`: as CI checks out, without LFS content (GIT_LFS_SKIP_SMUDGE=1). */
function clone(name: string, opts: { pointers?: boolean; branch?: string } = {}): string {
  const dir = join(home, name);
  const skip: Record<string, string> = opts.pointers ? { GIT_LFS_SKIP_SMUDGE: '1' } : {};
  run(home, 'git', ['clone', '-q', ...(opts.branch ? ['-b', opts.branch] : []), `file://${origin}`, dir], skip);
  return dir;
}
/** Whether a work-tree file is an LFS pointer (its content not fetched). */
const isPointer = (dir: string, path: string) =>
  readPointer(readFileSync(join(dir, path)).subarray(0, 2048)) !== undefined;
/** The workflow scripts of this checkout, run as the workflows run them. */
function script(name: string, vars: Record<string, string>) {
  return spawnSync('bash', [join(ROOT, '.github/scripts', name)], {
    env: { ...process.env, ...env, DRIVERCERT_TODAY: TODAY, DRIVERCERT_JOBS: '1', ...vars },
    encoding: 'utf8',
  });
}
const validate = (dir: string, args: string[] = []) =>
  drivercert(['validate', '--repo', dir, '--format', 'json', ...args], { env });

describe.skipIf(lfs.skip)(`bundles in Git LFS, end to end${lfs.note}`, () => {
  beforeAll(async () => {
    home = tempDir('drivercert-lfs-');
    // The tests' git identity and isolation, with a global configuration of our own for git-lfs.
    env = { ...GIT_ENV, HOME: join(home, 'home'), GIT_CONFIG_GLOBAL: join(home, 'gitconfig') };
    mkdirSync(env.HOME!);
    writeFileSync(env.GIT_CONFIG_GLOBAL!, '');
    git(home, 'lfs', 'install', '--skip-repo');
    origin = join(home, 'origin.git');
    git(home, 'init', '-q', '--bare', '-b', 'main', origin);
    // main: the shipped data; the closed cycle's bundles exempted (plain blobs), the open
    // cycle's in LFS, and lvm's open-cycle submission left for its maintainer to make.
    const seed = join(home, 'seed');
    mkdirSync(seed);
    git(seed, 'init', '-q', '-b', 'main');
    for (const f of ['drivers.yaml', 'results', 'MATRIX.md', '.github'])
      cpSync(join(ROOT, f), join(seed, f), { recursive: true });
    rmSync(join(seed, LVM), { recursive: true });
    openCycleForRunFixtures(seed);
    const closed = ['lvm', 'nfs', 'rbd'].map((d) => `results/2025.1/${d}/${d}-2025.1.tgz`);
    writeFileSync(join(seed, '.gitattributes'), lfsAttributes(closed));
    editRegistry(seed, (doc, index) => doc.setIn(['drivers', index('lvm'), 'maintainers'], [MAINTAINER]));
    await regenerateAll(seed);
    git(seed, 'add', '-A');
    git(seed, 'commit', '-q', '-m', 'The shipped data');
    git(seed, 'push', '-q', `file://${origin}`, 'main');
  });

  it("keeps main's open-cycle bundles in LFS and the exempted ones as plain blobs", () => {
    const blob = (path: string) => git(origin, 'cat-file', '-p', `main:${path}`);
    expect(blob(NFS_BUNDLE)).toMatch(/^version https:\/\/git-lfs\.github\.com\/spec\/v1\noid sha256:/);
    expect(blob('results/2025.1/nfs/nfs-2025.1.tgz').startsWith('version ')).toBe(false);
  });

  it('lets a vendor pack and push a bundle that lands in LFS', async () => {
    const vendor = clone('vendor');
    git(vendor, 'switch', '-q', '-c', 'lvm-2025.2');
    const packed = await drivercert([...PACK, '--repo', vendor], { env });
    expect(packed.code, packed.stderr).toBe(0);
    git(vendor, 'add', LVM);
    git(vendor, 'commit', '-q', '-m', 'Submit lvm for 2025.2');
    git(vendor, 'push', '-q', 'origin', 'lvm-2025.2');
    const pointer = readPointer(Buffer.from(git(origin, 'cat-file', '-p', `lvm-2025.2:${BUNDLE}`)));
    expect(pointer && 'pointer' in pointer).toBe(true);
    const oid = (pointer as { pointer: { oid: string } }).pointer.oid;
    expect(existsSync(join(origin, 'lfs/objects', oid.slice(0, 2), oid.slice(2, 4), oid))).toBe(true);
  });

  it('refuses the pull request in CI until its own bundle is fetched, fetching that one only', async () => {
    const ci = clone('ci', { pointers: true, branch: 'lvm-2025.2' });
    expect(isPointer(ci, BUNDLE)).toBe(true);
    const args = ['--changed-since', 'origin/main', '--author', MAINTAINER];
    const before = json<{ errors: { rule: string; file: string; tip: string }[] }>(await validate(ci, args));
    expect(before.errors).toEqual([
      expect.objectContaining({
        rule: 'bundle-present',
        file: BUNDLE,
        tip: expect.stringContaining(`git lfs pull --include=${BUNDLE}`),
      }),
    ]);
    const fetched = script('fetch-pr-bundles.sh', { BASE_REF: 'main', DATA_DIR: ci });
    expect(fetched.status, fetched.stderr).toBe(0);
    expect(isPointer(ci, BUNDLE)).toBe(false);
    expect(isPointer(ci, NFS_BUNDLE)).toBe(true); // not the pull request's: left as it was
    const after = await validate(ci, args);
    expect(json(after).errors).toEqual([]);
    expect(after.code).toBe(0);
  });

  it('never downloads content whose pointer says it is over 100 MiB, and validate refuses it from the pointer', async () => {
    const ci = clone('ci-huge', { pointers: true });
    git(ci, 'switch', '-q', '-c', 'huge');
    const pointer = `version https://git-lfs.github.com/spec/v1\noid sha256:${'a'.repeat(64)}\nsize 5000000000\n`;
    writeFileSync(join(ci, NFS_BUNDLE), pointer);
    // Committed as the pointer it is (git-lfs's clean filter keeps a pointer as it is).
    git(ci, 'commit', '-q', '-am', 'A pointer to 5 GB');
    const fetched = script('fetch-pr-bundles.sh', { BASE_REF: 'main', DATA_DIR: ci });
    expect(fetched.status).toBe(0);
    expect(fetched.stderr).toContain(`not fetching ${NFS_BUNDLE}: its pointer says 5000000000 bytes, over 104857600`);
    const r = json<{ errors: { rule: string; file: string; message: string }[] }>(await validate(ci, [NFS_BUNDLE]));
    expect(r.errors.map((e) => `${e.rule} ${e.file}`)).toEqual([
      `bundle-readable ${NFS_BUNDLE}`,
      'bundle-identity results/2025.2/nfs/result.yaml',
      'bundle-identity results/2025.2/nfs/result.yaml',
    ]);
  });

  it('validates a pointer-only clone of main from the pointers, and needs no content for matrix and missing', async () => {
    const main = clone('main-pointers', { pointers: true });
    const r = await drivercert(['validate', '--repo', main], { env });
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toMatch(/\(3 bundles read, 2 checked from their Git LFS pointers only\)\n$/);
    expect((await drivercert(['matrix', '--check', '--repo', main], { env })).code).toBe(0);
    expect((await drivercert(['missing', '--repo', main], { env })).code).toBe(0);
  });

  it('refuses a pointer that names other content than result.yaml states', async () => {
    const main = clone('tampered', { pointers: true });
    const path = join(main, RBD_BUNDLE);
    writeFileSync(path, readFileSync(path, 'utf8').replace(/oid sha256:\w+/, `oid sha256:${'0'.repeat(64)}`));
    const r = json<{ errors: { rule: string; pointer: string; message: string }[] }>(await validate(main));
    expect(r.errors).toEqual([
      expect.objectContaining({
        rule: 'bundle-identity',
        pointer: '/bundle/sha256',
        message: expect.stringContaining(`the bundle's Git LFS pointer says its sha256 is ${'0'.repeat(64)}`),
      }),
    ]);
  });

  it('refuses a bundle committed as a plain blob, and accepts it once `git lfs migrate import --fixup` stored it', async () => {
    const vendor = clone('vendor-without-lfs');
    // This vendor has no git-lfs set up: no filter in their configuration.
    const plain = { ...env, GIT_CONFIG_GLOBAL: join(home, 'no-lfs-config') };
    writeFileSync(plain.GIT_CONFIG_GLOBAL, '');
    run(vendor, 'git', ['switch', '-q', '-c', 'plain'], plain);
    expect((await drivercert([...PACK, '--repo', vendor], { env: plain })).code).toBe(0);
    run(vendor, 'git', ['add', LVM], plain);
    run(vendor, 'git', ['commit', '-q', '-m', 'Submit lvm without LFS'], plain);
    const args = ['--changed-since', 'origin/main', '--author', MAINTAINER];
    const refused = json<{ errors: { rule: string; file: string; tip: string }[] }>(
      await drivercert(['validate', '--repo', vendor, '--format', 'json', ...args], { env: plain }),
    );
    expect(refused.errors).toEqual([
      expect.objectContaining({
        rule: 'pr-bundle-in-lfs',
        file: BUNDLE,
        tip: expect.stringContaining('`git lfs migrate import --fixup --yes`'),
      }),
    ]);
    expect(refused.errors[0]!.tip).toContain(`\`git rm --cached ${BUNDLE} && git add ${BUNDLE}\``);
    git(vendor, 'lfs', 'migrate', 'import', '--fixup', '--yes');
    expect(git(vendor, 'cat-file', '-p', `HEAD:${BUNDLE}`)).toMatch(/^version https:\/\/git-lfs/);
    // Pushed again, the pull request is what CI accepts: its bundle's content is in origin's LFS storage.
    git(vendor, 'push', '-q', 'origin', 'plain');
    const ci = clone('ci-fixed', { pointers: true, branch: 'plain' });
    expect(script('fetch-pr-bundles.sh', { BASE_REF: 'main', DATA_DIR: ci }).status).toBe(0);
    expect(json(await validate(ci, args)).errors).toEqual([]);
  });

  it('splits the audit into shards that each fetch only their own bundles, merged into one passing report', async () => {
    const reports = join(home, 'audit');
    const parts: string[][] = [];
    for (const k of [1, 2]) {
      const dir = clone(`shard-${k}`, { pointers: true });
      const r = script('audit-shard.sh', { SHARD: `${k}/2`, OUT: join(reports, `shard-${k}.json`), DATA_DIR: dir });
      expect(r.status, r.stderr).toBe(0);
      const list = await drivercert(['validate', '--repo', dir, '--shard', `${k}/2`, '--list']);
      const mine = list.stdout.split('\n').filter(Boolean);
      parts.push(mine);
      for (const bundle of [NFS_BUNDLE, RBD_BUNDLE]) {
        expect(isPointer(dir, bundle), `${bundle} in shard ${k}`).toBe(!mine.some((f) => bundle.startsWith(`${f}/`)));
      }
    }
    expect(parts.flat().sort()).toEqual([
      'results/2025.1/lvm',
      'results/2025.1/nfs',
      'results/2025.1/rbd',
      'results/2025.2/nfs',
      'results/2025.2/rbd',
    ]);
    const body = join(home, 'audit-issue.md');
    const merged = script('audit-report.sh', { REPORT_DIR: reports, SHARDS: '2', BODY: body });
    expect(merged.status, merged.stderr).toBe(0);
    expect(merged.stdout).toContain('audit failed: false');
    expect(readFileSync(body, 'utf8')).toMatch(
      /^## drivercert audit: passed\n\nvalid: 0 errors, 0 warnings in 75 drivers, 2 cycles, 5 submissions \\\(5 bundles read\\\), over 2 shards\.\n$/,
    );
  });
});
