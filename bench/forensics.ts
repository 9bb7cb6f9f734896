// What the copy check (run-not-copied) adds to validating one pull request's submission in a
// repository of 2,400: every other submission's fingerprint is read from its result.yaml, never
// from its bundle. Two repositories of 80 drivers × 30 cycles, built with the project's own
// tools, the same but for a `run:` block (start, end, a 64-test fingerprint) in every
// result.yaml of the second; one new submission with a real bundle in each. Times
// `drivercert validate PATH` (the compiled bin, a new process each time, cold and warm parse
// cache, interleaved) on both and prints the difference, then the check alone in process.
//
//   npm run build && npx tsx bench/forensics.ts [--runs 5] [--rebuild]
//
// Repositories are kept under bench/out/ (git-ignored) and rebuilt only with --rebuild.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { BenchArgs } from './lib/args.js';
import { buildBenchRepo } from './build-repo.js';
import { Random } from './lib/random.js';
import type { Result } from '../scripts/lib/model.js';
import { renderResult } from '../scripts/lib/results/result-file.js';
import { hashNormalisedId } from '../scripts/lib/results/id-hash.js';
import { FINGERPRINT_SIZE } from '../scripts/lib/evidence/timing.js';
import { writeSubmission } from '../test/helpers/submission.js';
import { loadRepo } from '../scripts/lib/repo.js';
import { checkContext } from '../scripts/lib/validate.js';
import { checkFindings } from '../scripts/lib/checks/runner.js';
import { runNotCopied } from '../scripts/lib/checks/evidence/index.js';
import { bundleFacts } from '../scripts/lib/analysis/facts.js';

const ROOT = new URL('..', import.meta.url).pathname;
const BIN = join(ROOT, 'dist/cli/main.js');
const DRIVERS = 80;
const CYCLES = 30;
const TARGET_MS = 1000;

const args = new BenchArgs(import.meta.url, {
  runs: { type: 'string', default: '5' },
  rebuild: { type: 'boolean' },
});
const runs = args.int('runs', 1);

if (!existsSync(BIN)) {
  console.error('dist/cli/main.js is missing: run `npm run build` first');
  process.exit(2);
}

interface Bench {
  dir: string;
  cache: string;
  /** The new submission's folder (the PATH validated). */
  path: string;
}

/** The tests runs sample from: ~450 tempest-like ids, as the bench repository's runs hold. */
const POOL = Array.from({ length: 450 }, (_, i) => `tempest.api.volume.test_bench_${i % 30}.T.test_${i}`);
/** The FINGERPRINT_SIZE lowest hashes of the pool, as prefixes: what every run's sample holds. */
const SAMPLE = POOL.map((id) => hashNormalisedId(id))
  .sort((a, b) => a - b)
  .slice(0, FINGERPRINT_SIZE)
  .map((h) =>
    Math.floor(h / 0x200000)
      .toString(16)
      .padStart(8, '0'),
  );

/** A `run:` block for a submission: a day of its cycle, and honest random durations (0.5–40 s). */
function runBlock(rnd: () => number, r: Result): NonNullable<Result['run']> {
  const start = `${r.submitted}T09:00:00Z`;
  const fp = SAMPLE.map((k) => `${k}:${500 + Math.floor(rnd() * 39_500)}`).join(' ');
  return { start, end: `${r.submitted}T09:30:00Z`, fingerprint: `v1 ${fp}` };
}

/** The repository, with (`runs`) or without `run:` blocks, and the new submission in its open cycle. */
function bench(withRuns: boolean): Bench {
  const dir = join(ROOT, 'bench/out', `forensics-${DRIVERS}x${CYCLES}${withRuns ? '-runs' : ''}`);
  const marker = join(dir, '.bench.json');
  if (!args.values.rebuild && existsSync(marker)) return JSON.parse(readFileSync(marker, 'utf8')) as Bench;
  rmSync(dir, { recursive: true, force: true });
  buildBenchRepo(dir, DRIVERS, CYCLES);
  const cycles = readdirSync(join(dir, 'results')).sort();
  const open = cycles.at(-1)!;
  if (withRuns) {
    const prng = new Random(7);
    const rnd = () => prng.next();
    for (const c of cycles)
      for (const d of readdirSync(join(dir, 'results', c))) {
        const file = join(dir, 'results', c, d, 'result.yaml');
        if (!existsSync(file)) continue;
        const r = parse(readFileSync(file, 'utf8')) as Result;
        writeFileSync(file, renderResult({ ...r, run: runBlock(rnd, r) }));
      }
  }
  // The pull request: lvm's submission to the open cycle, made again with a real bundle.
  rmSync(join(dir, 'results', open, 'lvm'), { recursive: true, force: true });
  const opened = (parse(readFileSync(join(dir, 'results', open, 'cycle.yaml'), 'utf8')) as { opened: string }).opened;
  writeSubmission(dir, { driver: 'lvm', cycle: open, submitter: 'vendor-ci-bot', submitted: opened });
  const b: Bench = { dir, cache: `${dir}.cache`, path: `results/${open}/lvm` };
  writeFileSync(marker, JSON.stringify(b));
  return b;
}

const GNU_TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/** Wall and CPU ms of `drivercert validate --repo DIR PATH` with the parse cache in `cache`. */
function validate(b: Bench): { wall: number; cpu: number } {
  const argv = [BIN, 'validate', '--repo', b.dir, join(b.dir, b.path)];
  const [cmd, full] = GNU_TIME ? [GNU_TIME, ['-f', 'cpu %U %S', process.execPath, ...argv]] : [process.execPath, argv];
  const started = performance.now();
  const r = spawnSync(cmd, full, { encoding: 'utf8', env: { ...process.env, DRIVERCERT_CACHE_DIR: b.cache } });
  const wall = performance.now() - started;
  if (r.status !== 0) throw new Error(`validate ${b.dir} exited ${r.status}: ${r.stdout}\n${r.stderr}`);
  const m = /cpu ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr);
  return { wall, cpu: m ? (Number(m[1]) + Number(m[2])) * 1000 : NaN };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const plain = bench(false);
const withRuns = bench(true);
const kinds = [
  { name: 'without run: blocks', b: plain },
  { name: 'with run: blocks', b: withRuns },
];
const samples = kinds.map(() => ({
  cold: [] as number[],
  coldCpu: [] as number[],
  warm: [] as number[],
  warmCpu: [] as number[],
}));
for (let i = 0; i < runs; i++)
  kinds.forEach((k, j) => {
    rmSync(k.b.cache, { recursive: true, force: true });
    const cold = validate(k.b);
    const warm = validate(k.b);
    samples[j]!.cold.push(cold.wall);
    samples[j]!.coldCpu.push(cold.cpu);
    samples[j]!.warm.push(warm.wall);
    samples[j]!.warmCpu.push(warm.cpu);
  });

const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
console.log(`drivercert validate PATH, ${DRIVERS * CYCLES} submissions, ${runs} runs each (load average ${load})`);
console.log('repository          | cold median ms | cold CPU ms | warm median ms | warm CPU ms');
kinds.forEach((k, j) => {
  const s = samples[j]!;
  console.log(
    `${k.name.padEnd(19)} | ${median(s.cold).toFixed(0).padStart(14)} | ${median(s.coldCpu).toFixed(0).padStart(11)} | ` +
      `${median(s.warm).toFixed(0).padStart(14)} | ${median(s.warmCpu).toFixed(0).padStart(11)}`,
  );
});
const [a, b] = samples as [(typeof samples)[0], (typeof samples)[0]];
const added = {
  cold: median(b.coldCpu) - median(a.coldCpu),
  warm: median(b.warmCpu) - median(a.warmCpu),
};
console.log(
  `added by the run: blocks and the copy check: cold ${added.cold.toFixed(0)} ms CPU ` +
    `(ratio ${(median(b.coldCpu) / median(a.coldCpu)).toFixed(2)}), warm ${added.warm.toFixed(0)} ms CPU ` +
    `(ratio ${(median(b.warmCpu) / median(a.warmCpu)).toFixed(2)}); target ≤ ${TARGET_MS} ms`,
);

// The check alone, in process: the repository loaded and the new bundle read first, as validate does.
const repo = loadRepo(withRuns.dir);
const ctx = checkContext(repo, { paths: [join(withRuns.dir, withRuns.path)] });
const sub = repo.submissions.find((s) => s.path === withRuns.path)!;
await bundleFacts(ctx, sub);
const times: number[] = [];
for (let i = 0; i < Math.max(runs, 3); i++) {
  ctx.memo.delete('stated-runs');
  const cpu = process.cpuUsage();
  const found = await checkFindings([runNotCopied], ctx);
  const used = process.cpuUsage(cpu);
  times.push((used.user + used.system) / 1000);
  if (found.length) throw new Error(`the honest new submission was refused: ${found[0]!.message}`);
}
console.log(
  `run-not-copied alone for one submission against ${repo.submissions.length - 1} others: ` +
    `median ${median(times).toFixed(1)} ms CPU (fingerprints parsed and compared)`,
);
