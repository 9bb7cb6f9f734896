// Times `drivercert matrix` end to end (the compiled bin, process start included) on
// synthetic repositories of 80 drivers × 15, 30 and 60 cycles (1,200, 2,400 and 4,800
// submissions), built with the project's own tools, and prints how the time grows.
//
//   npm run build && npx tsx bench/matrix.ts [--runs 5] [--ideas] [--rebuild]
//
// Repositories are kept under bench/out/ (git-ignored) and rebuilt only with --rebuild.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BenchArgs } from './lib/args.js';
import { buildBenchRepo } from './build-repo.js';
import { STRATEGIES } from './matrix-ideas.js';

const ROOT = new URL('..', import.meta.url).pathname;
const BIN = join(ROOT, 'dist/cli/main.js');
const DRIVERS = 80;
const TARGET_MS = 2000;

const args = new BenchArgs(import.meta.url, {
  runs: { type: 'string', default: '7' },
  ideas: { type: 'boolean' },
  rebuild: { type: 'boolean' },
});
const { values } = args;
const runs = args.int('runs');

if (!existsSync(BIN)) {
  console.error('dist/cli/main.js is missing: run `npm run build` first');
  process.exit(2);
}

/** A repository of DRIVERS × cycles, built once and reused. */
function repo(cycles: number): { dir: string; submissions: number; bytes: number } {
  const dir = join(ROOT, 'bench/out', `matrix-${DRIVERS}x${cycles}`);
  const marker = join(dir, '.bench.json');
  if (!values.rebuild && existsSync(marker))
    return { dir, ...(JSON.parse(readFileSync(marker, 'utf8')) as { submissions: number; bytes: number }) };
  rmSync(dir, { recursive: true, force: true });
  const started = performance.now();
  const made = buildBenchRepo(dir, DRIVERS, cycles);
  writeFileSync(marker, JSON.stringify(made));
  console.error(
    `built ${dir} (${made.submissions} submissions, ${(made.bytes / 1e6).toFixed(1)} MB of result.yaml) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  return { dir, ...made };
}

// CPU time (user + system) is reported too when GNU time is there: it varies far less
// than wall time when other work shares the two cores.
const GNU_TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const cpu: Map<string, number[]> = new Map();

/** Wall time of one `node dist/cli/main.js ARGS`, in ms (its CPU time is kept under `key`). */
function time(args: string[], key = args.join(' ')): number {
  const [cmd, argv] = GNU_TIME
    ? [GNU_TIME, ['-f', 'cpu %U %S', process.execPath, BIN, ...args]]
    : [process.execPath, [BIN, ...args]];
  const started = performance.now();
  const r = spawnSync(cmd, argv, { encoding: 'utf8' });
  const ms = performance.now() - started;
  if (r.status !== 0) throw new Error(`drivercert ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  const m = /cpu ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr);
  if (m) cpu.set(key, [...(cpu.get(key) ?? []), (Number(m[1]) + Number(m[2])) * 1000]);
  return ms;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

// Runs are interleaved across the sizes, so a burst of load from other work on the
// machine hits every size alike; the minimum is the least disturbed run.
const sizes = [15, 30, 60].map((cycles) => repo(cycles));
const first = sizes.map(({ dir }) => {
  rmSync(join(dir, 'MATRIX.md'), { force: true });
  return time(['matrix', '--repo', dir]);
});
const samples = sizes.map(() => ({ write: [] as number[], check: [] as number[] }));
for (let i = 0; i < runs; i++) {
  sizes.forEach(({ dir }, k) => {
    samples[k]!.write.push(time(['matrix', '--repo', dir]));
    samples[k]!.check.push(time(['matrix', '--check', '--repo', dir]));
  });
}
const rows = sizes.map(({ dir, submissions, bytes }, k) => ({
  submissions,
  mb: bytes / 1e6,
  first: first[k]!,
  median: median(samples[k]!.write),
  min: Math.min(...samples[k]!.write),
  check: median(samples[k]!.check),
  cpu: median(cpu.get(`matrix --repo ${dir}`) ?? [NaN]),
}));

console.log(
  `drivercert matrix, ${DRIVERS} drivers, ${runs} runs per size (wall, process start included; load average ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')})`,
);
console.log(
  'submissions | result.yaml MB | first run ms | median ms | min ms | --check ms | CPU ms (median) | min ms per submission | growth vs previous',
);
let previous: (typeof rows)[number] | undefined;
for (const r of rows) {
  const growth = previous
    ? `×${(r.min / previous.min).toFixed(2)} wall (min), ×${(r.cpu / previous.cpu).toFixed(2)} CPU for ×${(r.submissions / previous.submissions).toFixed(0)} submissions; ${((r.cpu - previous.cpu) / (r.submissions - previous.submissions)).toFixed(3)} CPU ms per added submission`
    : '';
  console.log(
    `${String(r.submissions).padStart(11)} | ${r.mb.toFixed(1).padStart(14)} | ${r.first.toFixed(0).padStart(12)} | ${r.median.toFixed(0).padStart(9)} | ${r.min.toFixed(0).padStart(6)} | ${r.check.toFixed(0).padStart(10)} | ${r.cpu.toFixed(0).padStart(15)} | ${(r.min / r.submissions).toFixed(3).padStart(17)} | ${growth}`,
  );
  previous = r;
}
const at2400 = rows.find((r) => r.submissions === 2400)!;
console.log(
  `2,400 submissions: median ${at2400.median.toFixed(0)} ms (target ≤ ${TARGET_MS} ms): ${at2400.median <= TARGET_MS ? 'met' : 'NOT met'}`,
);

if (values.ideas) {
  const { dir } = repo(30);
  console.log('\nReading and parsing the 2,400 result.yaml files (load phase only, fresh process each, median of 3):');
  for (const s of STRATEGIES) {
    const ms = median(
      Array.from({ length: 3 }, () => {
        const r = spawnSync(
          process.execPath,
          ['--import', 'tsx', join(ROOT, 'bench/matrix-ideas.ts'), s, dir, join(dir, '.ideas-cache.json')],
          { encoding: 'utf8' },
        );
        if (r.status !== 0) throw new Error(r.stderr);
        return (JSON.parse(r.stdout) as { ms: number }).ms;
      }),
    );
    console.log(`  ${s.padEnd(15)} ${String(ms).padStart(6)} ms`);
  }
}
