// Bench: `drivercert inspect` (the compiled binary, process start included) against the
// reference tools on the same files, in one run:
//   1. the issue-3 bundle (250 MB of service logs + a 100,000-test subunit v2 stream) and
//      one four times larger: inspect's wall time against `tar -xzOf BUNDLE > /dev/null`,
//      and inspect's peak RSS;
//   2. a bundle holding only a 100,000-test subunit v2 stream (and a short cert.log):
//      inspect against python-subunit's `subunit-stats` on the bare stream, with the
//      counts compared.
//
//   npm run build && npx tsx bench/inspect.ts [--runs 5] [--scales 1,4]
//
// Targets (issue 3): 1. wall ≤ 1.5× tar at 1×, peak RSS ≤ 200 MB at 1× and 4×;
// 2. inspect ≥ 5× faster than subunit-stats, identical counts. Runs alternate between
// the tools and medians are reported; bench inputs are cached under bench/out/.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BenchArgs } from './lib/args.js';
import { OUT, ROOT, TESTS, benchCertLog, ensureBundle, mb, median, subunitStatsCounts, timed } from './lib/common.js';
import { writeSubunitRun } from './lib/subunit-v2.js';

const BIN = join(ROOT, 'dist/cli/main.js');
const RSS = join(ROOT, 'test/helpers/maxrss.mjs');

interface InspectRun {
  ms: number;
  rssMiB: number;
  results: { total: number; passed: number; failed: number; skipped: number };
}

async function inspect(bundle: string): Promise<InspectRun> {
  const rssFile = join(OUT, `rss-${process.pid}`);
  const r = await timed('env', [
    `DRIVERCERT_MAXRSS_FILE=${rssFile}`,
    process.execPath,
    '--import',
    RSS,
    BIN,
    'inspect',
    bundle,
    '--format',
    'json',
  ]);
  const out = JSON.parse(r.stdout) as { results: InspectRun['results'] };
  const rssMiB = Number(readFileSync(rssFile, 'utf8')) / 1024;
  rmSync(rssFile, { force: true });
  return { ms: r.ms, rssMiB, results: out.results };
}

/** A bundle of cert.log and a 100,000-test v2 stream; also returns the bare stream's path. */
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

function subunitStats(stream: string): { ms: number; counts: InspectRun['results'] } {
  const t0 = performance.now();
  const r = spawnSync('sh', ['-c', `subunit-stats < "${stream}"`], { encoding: 'utf8' });
  const ms = performance.now() - t0;
  return { ms, counts: subunitStatsCounts(r.stdout) };
}

async function main(): Promise<void> {
  const args = new BenchArgs(import.meta.url, {
    runs: { type: 'string', default: '5' },
    scales: { type: 'string', default: '1,4' },
  });
  const runs = args.int('runs');
  const scales = args.numbers('scales');
  if (!existsSync(BIN)) args.fail('dist/ is missing: run `npm run build` first (the bench measures the compiled code)');
  const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
  console.log(`load average at start: ${load()}`);

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
    console.log(
      `| ${scale}x | ${mb(statSync(bundle).size)} | ${t.toFixed(0)} ms | ${o.toFixed(0)} ms | ${(o / t).toFixed(2)} | ${Math.max(...ours.map((x) => x.rssMiB)).toFixed(0)} MiB |`,
    );
  }

  console.log('\n2. inspect vs subunit-stats (100,000 tests)\n');
  const { bundle, stream } = await subunitBundle();
  const ref: number[] = [];
  const ours: InspectRun[] = [];
  let refCounts: InspectRun['results'] | undefined;
  for (let i = 0; i < runs; i++) {
    const s = subunitStats(stream);
    ref.push(s.ms);
    refCounts = s.counts;
    ours.push(await inspect(bundle));
  }
  const same =
    JSON.stringify(refCounts) ===
    JSON.stringify({
      total: ours[0]!.results.total,
      passed: ours[0]!.results.passed,
      failed: ours[0]!.results.failed,
      skipped: ours[0]!.results.skipped,
    });
  const r = median(ref);
  const o = median(ours.map((x) => x.ms));
  console.log('| subunit-stats (median) | inspect (median) | speed-up | inspect peak RSS | counts |');
  console.log('|---|---|---|---|---|');
  console.log(
    `| ${r.toFixed(0)} ms | ${o.toFixed(0)} ms | ${(r / o).toFixed(1)}× | ${Math.max(...ours.map((x) => x.rssMiB)).toFixed(0)} MiB | ${same ? 'identical' : `DIFFER: ${JSON.stringify(refCounts)} vs ${JSON.stringify(ours[0]!.results)}`} |`,
  );
  console.log(`\nload average at end: ${load()}`);
  if (!same) process.exitCode = 1;
}

await main();
