// Times `drivercert matrix` end to end (the compiled bin, process start included) on
// synthetic repositories of 80 drivers × 15, 30 and 60 cycles (1,200, 2,400 and 4,800
// submissions), built with the project's own tools, their result.yaml files as `pack`
// writes them and as people edit them by hand; cold (no parse cache: a fresh checkout,
// as in CI) and warm (the cache of the previous run). Prints how the time grows.
//
//   npm run build && npx tsx bench/matrix.ts [--runs 5] [--ideas] [--rebuild]   (--runs 0: the readers only)
//
// Repositories are kept under bench/out/ (git-ignored) and rebuilt only with --rebuild.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BenchArgs } from './lib/args.js';
import { buildBenchRepo, handEditBenchRepo } from './build-repo.js';
import { STRATEGIES } from './matrix-ideas.js';

const ROOT = new URL('..', import.meta.url).pathname;
const BIN = join(ROOT, 'dist/cli/main.js');
const DRIVERS = 80;
const TARGET_MS = 1000;
const KINDS = ['generated', 'hand-edited'] as const;
type Kind = (typeof KINDS)[number];

const args = new BenchArgs(import.meta.url, {
  runs: { type: 'string', default: '5' },
  ideas: { type: 'boolean' },
  rebuild: { type: 'boolean' },
});
const { values } = args;
const runs = args.int('runs', 0);

if (!existsSync(BIN)) {
  console.error('dist/cli/main.js is missing: run `npm run build` first');
  process.exit(2);
}

interface BenchRepo {
  dir: string;
  cache: string;
  kind: Kind;
  submissions: number;
  bytes: number;
}

/** A repository of DRIVERS × cycles, built once and reused; the hand-edited one is a rewrite of the generated one. */
function repo(cycles: number, kind: Kind): BenchRepo {
  const dir = join(ROOT, 'bench/out', `matrix-${DRIVERS}x${cycles}${kind === 'hand-edited' ? '-hand' : ''}`);
  const cache = `${dir}.cache`;
  const marker = join(dir, '.bench.json');
  if (!values.rebuild && existsSync(marker))
    return {
      dir,
      cache,
      kind,
      ...(JSON.parse(readFileSync(marker, 'utf8')) as { submissions: number; bytes: number }),
    };
  rmSync(dir, { recursive: true, force: true });
  const started = performance.now();
  const made =
    kind === 'generated' ? buildBenchRepo(dir, DRIVERS, cycles) : handEditBenchRepo(repo(cycles, 'generated').dir, dir);
  rmSync(join(dir, 'MATRIX.md'), { force: true });
  writeFileSync(marker, JSON.stringify(made));
  console.error(
    `built ${dir} (${made.submissions} submissions, ${(made.bytes / 1e6).toFixed(1)} MB of result.yaml) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  return { dir, cache, kind, ...made };
}

// CPU time (user + system) is reported too when GNU time is there: it varies far less
// than wall time when other work shares the two cores.
const GNU_TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/** Wall and CPU time of one `node dist/cli/main.js ARGS` with the parse cache in `cache`, in ms. */
function time(args: string[], cache: string): { wall: number; cpu: number } {
  const [cmd, argv] = GNU_TIME
    ? [GNU_TIME, ['-f', 'cpu %U %S', process.execPath, BIN, ...args]]
    : [process.execPath, [BIN, ...args]];
  const started = performance.now();
  const r = spawnSync(cmd, argv, { encoding: 'utf8', env: { ...process.env, DRIVERCERT_CACHE_DIR: cache } });
  const wall = performance.now() - started;
  if (r.status !== 0) throw new Error(`drivercert ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  const m = /cpu ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr);
  return { wall, cpu: m ? (Number(m[1]) + Number(m[2])) * 1000 : NaN };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

// Runs are interleaved across the sizes and kinds, so a burst of load from other work on
// the machine hits every one alike; the minimum is the least disturbed run.
const repos = KINDS.flatMap((kind) => [15, 30, 60].map((cycles) => repo(cycles, kind)));
// --runs 0 times nothing but the readers (with --ideas).
if (runs > 0) timeMatrix();

function timeMatrix(): void {
  const samples = repos.map(() => ({
    cold: [] as number[],
    warm: [] as number[],
    coldCpu: [] as number[],
    warmCpu: [] as number[],
  }));
  for (let i = 0; i < runs; i++) {
    repos.forEach((r, k) => {
      rmSync(r.cache, { recursive: true, force: true });
      const cold = time(['matrix', '--repo', r.dir], r.cache);
      const warm = time(['matrix', '--repo', r.dir], r.cache);
      samples[k]!.cold.push(cold.wall);
      samples[k]!.coldCpu.push(cold.cpu);
      samples[k]!.warm.push(warm.wall);
      samples[k]!.warmCpu.push(warm.cpu);
    });
  }

  const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  console.log(
    `drivercert matrix, ${DRIVERS} drivers, ${runs} runs each (wall, process start included; load average ${load})`,
  );
  console.log(
    'result.yaml | submissions |   MB | cold median ms | cold min ms | cold CPU ms | warm median ms | warm min ms | warm CPU ms | warm CPU ms per submission',
  );
  for (const [k, r] of repos.entries()) {
    const s = samples[k]!;
    console.log(
      [
        r.kind.padEnd(11),
        String(r.submissions).padStart(11),
        (r.bytes / 1e6).toFixed(1).padStart(4),
        median(s.cold).toFixed(0).padStart(14),
        Math.min(...s.cold)
          .toFixed(0)
          .padStart(11),
        median(s.coldCpu).toFixed(0).padStart(11),
        median(s.warm).toFixed(0).padStart(14),
        Math.min(...s.warm)
          .toFixed(0)
          .padStart(11),
        median(s.warmCpu).toFixed(0).padStart(11),
        (median(s.warmCpu) / r.submissions).toFixed(3).padStart(26),
      ].join(' | '),
    );
  }
  for (const kind of KINDS) {
    const k = repos.findIndex((r) => r.kind === kind && r.submissions === 2400);
    const warm = median(samples[k]!.warm);
    const cold = median(samples[k]!.cold);
    console.log(
      `2,400 ${kind} submissions: warm ${warm.toFixed(0)} ms, cold ${cold.toFixed(0)} ms (target ≤ ${TARGET_MS} ms): ` +
        `warm ${warm <= TARGET_MS ? 'met' : 'NOT met'}, cold ${cold <= TARGET_MS ? 'met' : 'NOT met'}`,
    );
  }
}

if (values.ideas) {
  for (const kind of KINDS) {
    const { dir, cache } = repo(30, kind);
    console.log(`\nReading the 2,400 ${kind} result.yaml files (load phase only, fresh process each, median of 3):`);
    console.log(`  ${'reader'.padEnd(22)} wall ms  CPU ms`);
    for (const s of STRATEGIES) {
      const got = Array.from({ length: 3 }, () => {
        if (s === 'loadRepo, cache cold') rmSync(cache, { recursive: true, force: true });
        const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'bench/matrix-ideas.ts'), s, dir, cache], {
          encoding: 'utf8',
        });
        if (r.status !== 0) throw new Error(r.stderr);
        return JSON.parse(r.stdout) as { ms: number; cpu: number };
      });
      const wall = median(got.map((g) => g.ms));
      const cpu = median(got.map((g) => g.cpu));
      console.log(`  ${s.padEnd(22)} ${String(wall).padStart(7)} ${String(cpu).padStart(7)}`);
    }
  }
}
