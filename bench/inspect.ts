// Bench: `drivercert inspect` (the compiled binary, process start included) against the
// reference tools on the same files, in one run:
//   1. (tar) the issue-3 bundle (250 MB of service logs + a 100,000-test subunit v2 stream)
//      and one four times larger: inspect's wall time against `tar -xzOf BUNDLE > /dev/null`,
//      and inspect's peak RSS;
//   2. (stream) a bundle holding only a 100,000-test subunit v2 stream (and a cert.log
//      without console output): inspect against python-subunit's `subunit-stats` on the bare
//      stream, with the counts compared;
//   3. (realistic) a bundle as a real cert run leaves it: the 100,000-test stream and a
//      cert.log holding the same run's console output, printed by os-testr's `subunit-trace`
//      from the stream: inspect (which parses both and checks that they agree) against
//      `subunit-stats` on the bare stream, with the counts compared.
//
//   npm run build && npx tsx bench/inspect.ts [--runs 5] [--scales 1,4] [--cases tar,stream,realistic]
//
// Targets (issues 3 and 12): 1. wall ≤ 1.5× tar at 1×, peak RSS ≤ 200 MB at 1× and 4×;
// 2. and 3. inspect ≥ 5× faster than subunit-stats, identical counts (and, in 3., the two
// sources agreeing). Runs alternate between the tools and medians are reported; bench
// inputs are cached under bench/out/.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BenchArgs } from './lib/args.js';
import { OUT, ROOT, TESTS, benchCertLog, ensureBundle, mb, median, subunitStatsCounts, timed } from './lib/common.js';
import { ensureRealisticBundle } from './lib/realistic-bundle.js';
import { writeSubunitRun } from './lib/subunit-v2.js';

const BIN = join(ROOT, 'dist/cli/main.js');
const RSS = join(ROOT, 'test/helpers/maxrss.mjs');
const CASES = ['tar', 'stream', 'realistic'] as const;

type Results = { total: number; passed: number; failed: number; skipped: number };

interface InspectRun {
  ms: number;
  /** CPU time (user + system) of the process and its threads. */
  cpuMs: number;
  rssMiB: number;
  results: Results;
  agree: boolean;
  sources: number;
}

/**
 * Run a shell command line; its wall time, and the CPU time its processes used (the shell's
 * `times`), which other work on the machine disturbs less than the wall time.
 */
function timedCpu(command: string): Promise<{ ms: number; cpuMs: number; stdout: string }> {
  return new Promise((resolvePromise, reject) => {
    const t0 = performance.now();
    const child = spawn('sh', ['-c', `${command}\ns=$?; times >&2; exit $s`], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - t0;
      // `times` prints the shell's user and system time, then its children's: `0m1.230000s 0m0.040000s`.
      const children = stderr.trimEnd().split('\n').at(-1)!.split(' ').map(minutes);
      if (code !== 0 && code !== 1) reject(new Error(`${command} exited ${code}:\n${stderr}`));
      else resolvePromise({ ms, cpuMs: children.reduce((a, b) => a + b, 0), stdout });
    });
  });
}

/** `1m2.500000s` in milliseconds. */
function minutes(t: string): number {
  const m = /^(\d+)m([\d.]+)s$/.exec(t);
  if (!m) throw new Error(`unexpected output of times: ${t}`);
  return (Number(m[1]) * 60 + Number(m[2])) * 1000;
}

async function inspect(bundle: string): Promise<InspectRun> {
  const rssFile = join(OUT, `rss-${process.pid}`);
  const node = `"${process.execPath}" --import "${RSS}" "${BIN}"`;
  const command = `DRIVERCERT_MAXRSS_FILE="${rssFile}" ${node} inspect "${bundle}" --format json`;
  const r = await timedCpu(command);
  const out = JSON.parse(r.stdout) as { results: Results; agree: boolean; sources: unknown[] };
  const rssMiB = Number(readFileSync(rssFile, 'utf8')) / 1024;
  rmSync(rssFile, { force: true });
  return { ms: r.ms, cpuMs: r.cpuMs, rssMiB, results: out.results, agree: out.agree, sources: out.sources.length };
}

/** A bundle of cert.log (without console output) and a 100,000-test v2 stream; also returns the bare stream's path. */
async function subunitBundle(): Promise<{ bundle: string; stream: string }> {
  const dir = join(OUT, 'subunit-only');
  const bundle = join(OUT, 'subunit-only.tgz');
  const stream = join(dir, 'tempest.subunit');
  if (existsSync(bundle) && existsSync(stream)) return { bundle, stream };
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'cert.log'), benchCertLog());
  await writeSubunitRun(stream, TESTS);
  execFileSync('sh', [
    '-c',
    `tar -C "${dir}" -czf "${bundle}.tmp" cert.log tempest.subunit && mv "${bundle}.tmp" "${bundle}"`,
  ]);
  return { bundle, stream };
}

async function subunitStats(stream: string): Promise<{ ms: number; cpuMs: number; counts: Results }> {
  const r = await timedCpu(`subunit-stats < "${stream}"`);
  return { ms: r.ms, cpuMs: r.cpuMs, counts: subunitStatsCounts(r.stdout) };
}

async function versusTar(runs: number, scales: number[]): Promise<boolean> {
  console.log('\n1. inspect vs tar -xzOf\n');
  console.log('| bundle | compressed | tar -xzOf (median) | inspect (median) | ratio | inspect peak RSS |');
  console.log('|---|---|---|---|---|---|');
  for (const scale of scales) {
    const bundle = await ensureBundle(scale);
    const tar: number[] = [];
    const ours: InspectRun[] = [];
    for (let i = 0; i < runs; i++) {
      if (i % 2 === 0) tar.push((await timed('sh', ['-c', `tar -xzOf "${bundle}" > /dev/null`])).ms);
      ours.push(await inspect(bundle));
      if (i % 2 === 1) tar.push((await timed('sh', ['-c', `tar -xzOf "${bundle}" > /dev/null`])).ms);
    }
    const t = median(tar);
    const o = median(ours.map((x) => x.ms));
    const rss = Math.max(...ours.map((x) => x.rssMiB));
    console.log(
      `| ${scale}x | ${mb(statSync(bundle).size)} | ${t.toFixed(0)} ms | ${o.toFixed(0)} ms | ${(o / t).toFixed(2)} ` +
        `| ${rss.toFixed(0)} MiB |`,
    );
  }
  return true;
}

/** inspect on `bundle` against subunit-stats on `stream`, alternating; true when the counts (and sources) agree. */
async function versusSubunitStats(runs: number, bundle: string, stream: string, sources: number): Promise<boolean> {
  const ref: { ms: number; cpuMs: number }[] = [];
  const ours: InspectRun[] = [];
  let refCounts: Results | undefined;
  for (let i = 0; i < runs; i++) {
    if (i % 2 === 0) ours.push(await inspect(bundle));
    const s = await subunitStats(stream);
    ref.push(s);
    refCounts = s.counts;
    if (i % 2 === 1) ours.push(await inspect(bundle));
  }
  const first = ours[0]!;
  const { total, passed, failed, skipped } = first.results;
  const same = JSON.stringify(refCounts) === JSON.stringify({ total, passed, failed, skipped });
  const agree = first.agree && first.sources === sources;
  const r = median(ref.map((x) => x.ms));
  const o = median(ours.map((x) => x.ms));
  const rc = median(ref.map((x) => x.cpuMs));
  const oc = median(ours.map((x) => x.cpuMs));
  const rss = Math.max(...ours.map((x) => x.rssMiB));
  const counts = same ? 'identical' : `DIFFER: ${JSON.stringify(refCounts)} vs ${JSON.stringify(first.results)}`;
  console.log(
    '| subunit-stats wall (median) | inspect wall (median) | speed-up | CPU: subunit-stats, inspect, speed-up ' +
      '| inspect peak RSS | counts | sources |',
  );
  console.log('|---|---|---|---|---|---|---|');
  console.log(
    `| ${r.toFixed(0)} ms | ${o.toFixed(0)} ms | **${(r / o).toFixed(1)}×** ` +
      `| ${rc.toFixed(0)} ms, ${oc.toFixed(0)} ms, ${(rc / oc).toFixed(1)}× | ${rss.toFixed(0)} MiB | ${counts} ` +
      `| ${first.sources}, ${agree ? 'agree' : 'DISAGREE'} |`,
  );
  return same && agree;
}

async function main(): Promise<void> {
  const args = new BenchArgs(import.meta.url, {
    runs: { type: 'string', default: '5' },
    scales: { type: 'string', default: '1,4' },
    cases: { type: 'string', default: CASES.join(',') },
  });
  const runs = args.int('runs');
  const scales = args.numbers('scales');
  const cases = args.values.cases!.split(',');
  const unknown = cases.find((c) => !(CASES as readonly string[]).includes(c));
  if (unknown !== undefined) args.fail(`--cases: unknown case ${JSON.stringify(unknown)} (cases: ${CASES.join(', ')})`);
  if (!existsSync(BIN)) args.fail('dist/ is missing: run `npm run build` first (the bench measures the compiled code)');
  const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
  console.log(`load average at start: ${load()}`);
  let ok = true;
  if (cases.includes('tar')) ok = (await versusTar(runs, scales)) && ok;
  if (cases.includes('stream')) {
    console.log(
      `\n2. inspect vs subunit-stats (${TESTS.toLocaleString('en')} tests, cert.log without console output)\n`,
    );
    const { bundle, stream } = await subunitBundle();
    ok = (await versusSubunitStats(runs, bundle, stream, 1)) && ok;
  }
  if (cases.includes('realistic')) {
    console.log(
      `\n3. inspect vs subunit-stats (${TESTS.toLocaleString('en')} tests, cert.log with the run's console output)\n`,
    );
    const { bundle, stream } = await ensureRealisticBundle(TESTS);
    ok = (await versusSubunitStats(runs, bundle, stream, 2)) && ok;
  }
  console.log(`\nload average at end: ${load()}`);
  if (!ok) process.exitCode = 1;
}

await main();
