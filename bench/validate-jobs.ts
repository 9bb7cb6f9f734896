// Bench: `drivercert validate --jobs N` (the compiled binary, process start included) on a
// repository of 8 submissions whose bundles each hold ~60 MB of cinder service logs, against
// `--jobs 1` on the same repository, in one run: wall time, CPU time, peak RSS of the whole
// process (worker threads included), and the outputs compared byte for byte.
//
//   npm run build && npx tsx bench/validate-jobs.ts [--runs 3] [--jobs 2,4] [--log-mb 60] [--bundles 8]
//
// Targets (issue 16): --jobs 2 ≥ 1.5× faster than --jobs 1, output identical, peak RSS
// ≤ 200 MB. Runs alternate between the settings and medians are reported; the repository
// is built once (drivercert pack, then copied to the other drivers) and cached under bench/out/.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { BenchArgs } from './lib/args.js';
import { packLvmArgs } from '../test/helpers/pack-inputs.js';
import { OUT, ROOT, median } from './lib/common.js';
import { writeServiceLog } from './lib/service-log.js';

const BIN = join(ROOT, 'dist/cli/main.js');
const RSS = join(ROOT, 'test/helpers/maxrss.mjs');

const args = new BenchArgs(import.meta.url, {
  runs: { type: 'string', default: '3' },
  jobs: { type: 'string', default: '2' },
  'log-mb': { type: 'string', default: '60' },
  bundles: { type: 'string', default: '8' },
});

/** The cached repository: the shipped registry and cycles, `count` open-cycle submissions of `logMb` MB of logs each. */
async function ensureRepo(count: number, logMb: number): Promise<string> {
  const repo = join(OUT, `jobs-${count}x${logMb}mb`);
  if (existsSync(join(repo, '.complete'))) return repo;
  console.error(`building ${repo} (once; cached afterwards)…`);
  rmSync(repo, { recursive: true, force: true });
  mkdirSync(join(repo, 'results'), { recursive: true });
  cpSync(join(ROOT, 'drivers.yaml'), join(repo, 'drivers.yaml'));
  for (const c of ['2025.1', '2025.2']) {
    mkdirSync(join(repo, 'results', c));
    cpSync(join(ROOT, 'results', c, 'cycle.yaml'), join(repo, 'results', c, 'cycle.yaml'));
  }
  const log = join(OUT, `screen-c-vol-${logMb}mb.txt`);
  if (!existsSync(log)) await writeServiceLog(log, logMb * 1_000_000, 7);
  execFileSync(process.execPath, [BIN, ...packLvmArgs(), '--repo', repo, '--attach', log], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, DRIVERCERT_TODAY: '2025-11-20' },
  });
  // The other submissions: the same bundle under other drivers' folders (each read on its own).
  const ids = (parse(readFileSync(join(repo, 'drivers.yaml'), 'utf8')) as { drivers: { id: string }[] }).drivers
    .map((d) => d.id)
    .filter((id) => id !== 'lvm')
    .slice(0, count - 1);
  const lvm = join(repo, 'results/2025.2/lvm');
  for (const id of ids) {
    const dir = join(repo, 'results/2025.2', id);
    cpSync(lvm, dir, { recursive: true });
    renameSync(join(dir, 'lvm-2025.2.tgz'), join(dir, `${id}-2025.2.tgz`));
    const yaml = join(dir, 'result.yaml');
    const text = readFileSync(yaml, 'utf8')
      .replace(/^driver: lvm$/m, `driver: ${id}`)
      .replace('file: lvm-2025.2.tgz', `file: ${id}-2025.2.tgz`);
    execFileSync('sh', ['-c', 'cat > "$1"', 'sh', yaml], { input: text });
  }
  execFileSync('touch', [join(repo, '.complete')]);
  return repo;
}

interface Run {
  ms: number;
  cpuMs: number;
  rssMiB: number;
  stdout: string;
}

/** One `validate --jobs N` in a new process, timed, with its CPU time and peak RSS. */
function validate(repo: string, jobs: number): Promise<Run> {
  const rssFile = join(OUT, `rss-${process.pid}`);
  const command =
    `DRIVERCERT_MAXRSS_FILE="${rssFile}" "${process.execPath}" --import "${RSS}" "${BIN}" validate ` +
    `--repo "${repo}" --format json --jobs ${jobs}; times >&2`;
  return new Promise((resolvePromise, reject) => {
    const t0 = performance.now();
    const child = spawn('bash', ['-c', command], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, DRIVERCERT_TODAY: '2025-11-20' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', () => {
      const ms = performance.now() - t0;
      const children = stderr.trimEnd().split('\n').at(-1)!.split(' ').map(minutes);
      const rssMiB = Number(readFileSync(rssFile, 'utf8')) / 1024;
      rmSync(rssFile, { force: true });
      if (!stdout.startsWith('{')) reject(new Error(`validate --jobs ${jobs} printed no report:\n${stderr}`));
      else resolvePromise({ ms, cpuMs: children.reduce((a, b) => a + b, 0), rssMiB, stdout });
    });
  });
}

/** `1m2.500000s` in milliseconds. */
function minutes(t: string): number {
  const m = /^(\d+)m([\d.]+)s$/.exec(t);
  if (!m) throw new Error(`unexpected output of times: ${t}`);
  return (Number(m[1]) * 60 + Number(m[2])) * 1000;
}

const runs = args.int('runs');
const settings = [1, ...args.numbers('jobs')];
const repo = await ensureRepo(args.int('bundles'), args.int('log-mb'));
const bundles = readdirSync(join(repo, 'results/2025.2')).filter((d) => d !== 'cycle.yaml');
const sizes = bundles.map((d) => statSync(join(repo, 'results/2025.2', d, `${d}-2025.2.tgz`)).size);
const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
console.log(
  `${bundles.length} bundles of ${args.values['log-mb']} MB of logs (${(sizes[0]! / 1e6).toFixed(1)} MB compressed each); ` +
    `${runs} runs per setting; load average before: ${load()}\n`,
);
const results = new Map<number, Run[]>(settings.map((j) => [j, []]));
for (let i = 0; i < runs; i++) for (const j of settings) results.get(j)!.push(await validate(repo, j));
const reference = results.get(1)![0]!.stdout;
console.log('| --jobs | wall (median) | CPU (median) | speed-up vs --jobs 1 | peak RSS (max) | output |');
console.log('|---|---|---|---|---|---|');
const base = median(results.get(1)!.map((r) => r.ms));
let ok = true;
for (const j of settings) {
  const rs = results.get(j)!;
  const wall = median(rs.map((r) => r.ms));
  const same = rs.every((r) => r.stdout === reference);
  const rss = Math.max(...rs.map((r) => r.rssMiB));
  ok &&= same && rss <= 200 && (j !== 2 || base / wall >= 1.5);
  console.log(
    `| ${j} | ${wall.toFixed(0)} ms | ${median(rs.map((r) => r.cpuMs)).toFixed(0)} ms | ${(base / wall).toFixed(2)}× | ` +
      `${rss.toFixed(0)} MiB | ${same ? 'identical' : 'DIFFERENT'} |`,
  );
}
console.log(`\nload average after: ${load()}; targets ${ok ? 'met' : 'NOT met'}`);
