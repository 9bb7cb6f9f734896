// Bench: how the repository grows over the years, with and without Git LFS. It builds the
// same history twice — `--drivers` drivers submitting once per cycle for `--cycles` cycles,
// bundles of realistic sizes (5–50 MB, log-uniform; compressed logs, so incompressible) —
// once with the bundles as plain Git blobs and once in LFS (.gitattributes as shipped), each
// pushed to a file:// remote, and measures what a fresh clone downloads and stores: the whole
// history for plain blobs, the pointers only with LFS (GIT_LFS_SKIP_SMUDGE=1, as CI clones).
// Bundle bytes are divided by `--scale` to keep the bench small; the report scales them back.
// Then a full revalidation's time at 1, 2 and 20 runners, by the shard arithmetic, from
// validate's measured time per compressed megabyte on this machine.
//
//   npm run build && npx tsx bench/growth.ts [--drivers 75] [--cycles 8] [--scale 200] [--runs 1]
//
// git runs with a throwaway HOME and global configuration (git lfs install writes there).
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BenchArgs } from './lib/args.js';
import { OUT, ROOT } from './lib/common.js';
import { Random } from './lib/random.js';

const args = new BenchArgs(import.meta.url, {
  drivers: { type: 'string', default: '75' },
  cycles: { type: 'string', default: '8' },
  scale: { type: 'string', default: '200' },
});
const DRIVERS = args.int('drivers');
const CYCLES = args.int('cycles');
const SCALE = args.int('scale');
const MB = 1e6;

const work = join(OUT, `growth-${DRIVERS}x${CYCLES}-${SCALE}`);
rmSync(work, { recursive: true, force: true });
mkdirSync(join(work, 'home'), { recursive: true });
const env = {
  ...process.env,
  HOME: join(work, 'home'),
  GIT_CONFIG_GLOBAL: join(work, 'gitconfig'),
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'Bench',
  GIT_AUTHOR_EMAIL: 'bench@example.invalid',
  GIT_COMMITTER_NAME: 'Bench',
  GIT_COMMITTER_EMAIL: 'bench@example.invalid',
};
writeFileSync(env.GIT_CONFIG_GLOBAL, '');
const git = (cwd: string, ...a: string[]) =>
  execFileSync('git', a, { cwd, env, stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 26 }).toString();
git(work, 'lfs', 'install', '--skip-repo');

/** The submissions: a bundle size (real bytes) per driver and cycle, log-uniform in 5–50 MB. */
const rnd = new Random(16);
const plan = Array.from({ length: CYCLES }, (_, c) =>
  Array.from({ length: DRIVERS }, (_, d) => ({
    folder: `results/${2025 + Math.floor(c / 2)}.${(c % 2) + 1}/driver-${d}`,
    bytes: Math.round(5 * MB * 10 ** rnd.next()),
  })),
);
const realBundleBytes = plan.flat().reduce((a, s) => a + s.bytes, 0);

/** Build the history in a new repository pushed to a bare remote; returns the remote. */
function build(name: string, withLfs: boolean): string {
  const dir = join(work, name);
  const remote = join(work, `${name}.git`);
  git(work, 'init', '-q', '-b', 'main', dir);
  git(work, 'init', '-q', '--bare', '-b', 'main', remote);
  if (withLfs) writeFileSync(join(dir, '.gitattributes'), 'results/**/*.tgz filter=lfs diff=lfs merge=lfs -text\n');
  writeFileSync(join(dir, 'drivers.yaml'), 'drivers: []\n');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'Start');
  const seeded = new Random(7);
  for (const cycle of plan) {
    for (const s of cycle) {
      mkdirSync(join(dir, s.folder), { recursive: true });
      // Incompressible, as gzip output is; the same bytes in both repositories.
      writeFileSync(join(dir, s.folder, 'bundle.tgz'), bundleBytes(seeded, Math.round(s.bytes / SCALE)));
      writeFileSync(join(dir, s.folder, 'result.yaml'), resultYaml(s.folder, s.bytes));
    }
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', `Cycle ${cycle[0]!.folder.split('/')[1]}`);
  }
  git(dir, 'push', '-q', `file://${remote}`, 'main');
  return remote;
}

function bundleBytes(r: Random, n: number): Buffer {
  const b = randomBytes(n);
  b.writeUInt32BE(Math.floor(r.next() * 2 ** 32), 0);
  return b;
}

/** A result.yaml of realistic size (~3 KB: counts, failed and skipped test ids). */
function resultYaml(folder: string, bytes: number): string {
  const tests = Array.from({ length: 60 }, (_, i) => `  - tempest.api.volume.test_${i}.VolumesTest.test_case_${i}\n`);
  return (
    `driver: ${folder.split('/')[2]}\ncycle: ${folder.split('/')[1]}\nbundle:\n  size: ${bytes}\n` +
    `skipped_tests:\n${tests.join('')}`
  );
}

/** Bytes under a folder. */
function du(path: string): number {
  let n = 0;
  for (const e of readdirSync(path, { withFileTypes: true })) {
    const p = join(path, e.name);
    n += e.isDirectory() ? du(p) : e.isFile() ? statSync(p).size : 0;
  }
  return n;
}

/** A fresh clone's .git (what was downloaded and is stored), as CI clones (no LFS content). */
function cloneSize(remote: string, name: string): number {
  const dir = join(work, name);
  const r = spawnSync('git', ['clone', '-q', '--no-local', `file://${remote}`, dir], {
    env: { ...env, GIT_LFS_SKIP_SMUDGE: '1' },
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error(`git clone ${remote} failed`);
  return du(join(dir, '.git'));
}

const t0 = performance.now();
const plainSize = cloneSize(build('plain', false), 'plain-clone');
const lfsSize = cloneSize(build('lfs', true), 'lfs-clone');
const benchBundleBytes = realBundleBytes / SCALE;
// A plain clone holds every bundle's bytes: scale them back to real sizes; the rest is as measured.
const plainReal = plainSize - benchBundleBytes + realBundleBytes;
const n = DRIVERS * CYCLES;
console.log(
  `${n} submissions (${DRIVERS} drivers × ${CYCLES} cycles, ${CYCLES / 2} years), bundles 5–50 MB ` +
    `(${(realBundleBytes / n / MB).toFixed(1)} MB on average, ${(realBundleBytes / 1e9).toFixed(2)} GB in all); ` +
    `built at 1/${SCALE} of the bundle bytes in ${((performance.now() - t0) / 1000).toFixed(0)} s\n`,
);
console.log('| clone (all history) | measured at 1/' + SCALE + ' | at real bundle sizes |');
console.log('|---|---|---|');
console.log(
  `| bundles as plain Git blobs | ${(plainSize / MB).toFixed(1)} MB | **${(plainReal / 1e9).toFixed(2)} GB** |`,
);
console.log(
  `| bundles in Git LFS (pointers) | ${(lfsSize / MB).toFixed(1)} MB | **${(lfsSize / MB).toFixed(1)} MB** |`,
);
console.log(
  `\nper year: plain +${(plainReal / (CYCLES / 2) / 1e9).toFixed(2)} GB, ` +
    `LFS +${(lfsSize / (CYCLES / 2) / MB).toFixed(2)} MB`,
);

// Full revalidation: validate's time per compressed MB, measured on the --jobs bench repository.
const jobsRepo = readdirSync(OUT).find((d) => /^jobs-\d+x\d+mb$/.test(d) && existsSync(join(OUT, d, '.complete')));
if (!jobsRepo) {
  console.log('\n(run bench/validate-jobs.ts first: its repository gives the time per compressed MB)');
} else {
  const repo = join(OUT, jobsRepo);
  const compressed = du(join(repo, 'results')) / MB;
  const timeJobs = (jobs: number) => {
    const started = performance.now();
    spawnSync(process.execPath, [join(ROOT, 'dist/cli/main.js'), 'validate', '--repo', repo, '--jobs', String(jobs)], {
      env: { ...process.env, DRIVERCERT_TODAY: '2025-11-20' },
      stdio: 'ignore',
    });
    return (performance.now() - started) / 1000;
  };
  const one = timeJobs(1);
  const speedUp = one / timeJobs(2);
  const perMb = one / compressed;
  const total = (realBundleBytes / MB) * perMb;
  // Each runner also sets up (checkout, npm ci: ~40 s) and fetches its share of the bundles (~50 MB/s).
  const setup = 40;
  const fetch = realBundleBytes / MB / 50;
  console.log(
    `\nvalidate reads ${(1 / perMb).toFixed(1)} compressed MB/s here with --jobs 1 (${compressed.toFixed(0)} MB ` +
      `measured), ${speedUp.toFixed(2)}× that with --jobs 2; load average ${loadAverage()}`,
  );
  console.log(`\n| runners (--shard K/N), --jobs 2 each | full revalidation (${n} bundles) |`);
  console.log('|---|---|');
  for (const runners of [1, 2, 20]) {
    const secs = setup + fetch / runners + total / runners / speedUp;
    console.log(`| ${runners} | ${(secs / 60).toFixed(1)} min |`);
  }
  console.log(`\n(each runner: ${setup} s of checkout and npm ci, its share of the bundles fetched at 50 MB/s)`);
}

function loadAverage(): string {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}
