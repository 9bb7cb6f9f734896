// Times `drivercert matrix` end to end (the compiled bin, process start included) on
// synthetic repositories of 80 drivers × 15, 30 and 60 cycles (1,200, 2,400 and 4,800
// submissions), built with the project's own tools, their result.yaml files as `pack`
// writes them and as people edit them by hand. Every run reads every file (there is no
// cache to warm), as a fresh checkout does. Prints how the time grows, and checks that the
// hand-edited repositories give the very MATRIX.md of the ones `pack` wrote.
//
//   npm run build && npx tsx bench/matrix.ts [--runs 5] [--ideas] [--rebuild]   (--runs 0: the readers only)
//
// --ideas compares the readers on the 2,400 files (bench/matrix-ideas.ts), each in a fresh process.
// Repositories are kept under bench/out/ (git-ignored) and rebuilt only with --rebuild.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BenchArgs } from './lib/args.js';
import { median, timeBin } from './lib/common.js';
import { buildBenchRepo, handEditBenchRepo } from './build-repo.js';
import { STRATEGIES, hashCacheFile, writeHashCache } from './matrix-ideas.js';

const ROOT = new URL('..', import.meta.url).pathname;
const BIN = join(ROOT, 'dist/cli/main.js');
const DRIVERS = 80;
const CYCLES = [15, 30, 60];
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
  kind: Kind;
  cycles: number;
  submissions: number;
  bytes: number;
}

/** A repository of DRIVERS × cycles, built once and reused; the hand-edited one is a rewrite of the generated one. */
function repo(cycles: number, kind: Kind): BenchRepo {
  const dir = join(ROOT, 'bench/out', `matrix-${DRIVERS}x${cycles}${kind === 'hand-edited' ? '-hand' : ''}`);
  const marker = join(dir, '.bench.json');
  if (!values.rebuild && existsSync(marker))
    return {
      dir,
      kind,
      cycles,
      ...(JSON.parse(readFileSync(marker, 'utf8')) as { submissions: number; bytes: number }),
    };
  rmSync(dir, { recursive: true, force: true });
  const started = performance.now();
  const made =
    kind === 'generated' ? buildBenchRepo(dir, DRIVERS, cycles) : handEditBenchRepo(repo(cycles, 'generated').dir, dir);
  rmSync(join(dir, 'MATRIX.md'), { force: true });
  rmSync(hashCacheFile(dir), { force: true });
  writeFileSync(marker, JSON.stringify(made));
  console.error(
    `built ${dir} (${made.submissions} submissions, ${(made.bytes / 1e6).toFixed(1)} MB of result.yaml) ` +
      `in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  return { dir, kind, cycles, ...made };
}

/** Wall and CPU time of one `node dist/cli/main.js ARGS`, in ms. */
const time = (args: string[]) => timeBin(BIN, args);

function loadAverage(): string {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}

const repos = KINDS.flatMap((kind) => CYCLES.map((cycles) => repo(cycles, kind)));
// --runs 0 times nothing but the readers (with --ideas).
if (runs > 0) timeMatrix();

function timeMatrix(): void {
  const samples = repos.map(() => ({ wall: [] as number[], cpu: [] as number[] }));
  const loads: string[] = [loadAverage()];
  // Runs are interleaved across the sizes and kinds, so a burst of load from other work on
  // the machine hits every one alike; the minimum is the least disturbed run.
  for (let i = 0; i < runs; i++) {
    repos.forEach((r, k) => {
      const t = time(['matrix', '--repo', r.dir]);
      samples[k]!.wall.push(t.wall);
      samples[k]!.cpu.push(t.cpu);
    });
    loads.push(loadAverage());
  }
  console.log(`drivercert matrix, ${DRIVERS} drivers, ${runs} runs each (wall: process start included)`);
  console.log(`load average (1, 5, 15 min) before and after each round: ${loads.join(' | ')}`);
  console.log('result.yaml | submissions |   MB | median wall ms | min wall ms | median CPU ms | min CPU ms');
  for (const [k, r] of repos.entries()) {
    const s = samples[k]!;
    const cells = [median(s.wall), Math.min(...s.wall), median(s.cpu), Math.min(...s.cpu)];
    console.log(
      [
        r.kind.padEnd(11),
        String(r.submissions).padStart(11),
        (r.bytes / 1e6).toFixed(1).padStart(4),
        ...cells.map((c, j) => c.toFixed(0).padStart([14, 11, 13, 10][j]!)),
      ].join(' | '),
    );
  }
  for (const kind of KINDS) {
    const ks = repos.flatMap((r, k) => (r.kind === kind ? [k] : []));
    const [a, b] = [ks[0]!, ks[ks.length - 1]!];
    const perSub =
      (median(samples[b]!.cpu) - median(samples[a]!.cpu)) / (repos[b]!.submissions - repos[a]!.submissions);
    const fixed = median(samples[a]!.cpu) - perSub * repos[a]!.submissions;
    const k = ks.find((j) => repos[j]!.submissions === 2400)!;
    const wall = median(samples[k]!.wall);
    console.log(
      `${kind}: CPU ≈ ${fixed.toFixed(0)} ms + ${perSub.toFixed(3)} ms per submission; 2,400 submissions: ` +
        `${wall.toFixed(0)} ms wall, ${median(samples[k]!.cpu).toFixed(0)} ms CPU ` +
        `(target ≤ ${TARGET_MS} ms wall: ${wall <= TARGET_MS ? 'met' : 'NOT met'})`,
    );
  }
  // The hand-edited files hold the very data pack wrote: MATRIX.md must not change by a byte.
  for (const cycles of CYCLES) {
    const [gen, hand] = KINDS.map((kind) => readFileSync(join(repo(cycles, kind).dir, 'MATRIX.md'), 'utf8'));
    if (gen !== hand) throw new Error(`MATRIX.md of the ${cycles}-cycle repositories differs between the two kinds`);
  }
  console.log('MATRIX.md is byte-identical for the files pack wrote and the hand-edited ones, at every size.');
}

if (values.ideas) {
  for (const kind of KINDS) {
    const { dir } = repo(30, kind);
    if (!existsSync(hashCacheFile(dir))) writeHashCache(dir);
    console.log(
      `\nReading the 2,400 ${kind} result.yaml files (each in a fresh process, median of 3; ${loadAverage()}):`,
    );
    console.log(`  ${'reader'.padEnd(26)} wall ms  CPU ms`);
    for (const s of STRATEGIES) {
      const got = Array.from({ length: 3 }, () => {
        const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'bench/matrix-ideas.ts'), s, dir], {
          encoding: 'utf8',
        });
        if (r.status !== 0) throw new Error(r.stderr);
        return JSON.parse(r.stdout) as { ms: number; cpu: number };
      });
      const wall = median(got.map((g) => g.ms));
      const cpu = median(got.map((g) => g.cpu));
      console.log(`  ${s.padEnd(26)} ${String(wall).padStart(7)} ${String(cpu).padStart(7)}`);
    }
  }
}
