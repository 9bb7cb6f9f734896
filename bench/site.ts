// Times `drivercert site` end to end (the compiled bin, process start included) on the
// synthetic repository of 80 drivers × 30 cycles (2,400 submissions) that bench/matrix.ts
// uses, beside `drivercert matrix` on the same input (the same reader, so the ratio is the
// cost of the site itself); every run is cold, as in the publish workflow's fresh checkout.
// Then the pure rendering (buildSite on a model already loaded) in this process. The site is
// written to a new folder each time, as the publish workflow does.
//
//   npm run build && npx tsx bench/site.ts [--runs 5] [--rebuild]
//
// The repository is kept under bench/out/ (git-ignored) and rebuilt only with --rebuild.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BenchArgs } from './lib/args.js';
import { median, timeBin } from './lib/common.js';
import { buildBenchRepo } from './build-repo.js';

const ROOT = new URL('..', import.meta.url).pathname;
const BIN = join(ROOT, 'dist/cli/main.js');
const TARGET_MS = 3000;
const args = new BenchArgs(import.meta.url, { runs: { type: 'string', default: '5' }, rebuild: { type: 'boolean' } });
const runs = args.int('runs', 1);

if (!existsSync(BIN)) {
  console.error('dist/cli/main.js is missing: run `npm run build` first');
  process.exit(2);
}

/** The 80 × 30 repository, built once and reused (the same folder bench/matrix.ts builds). */
function benchRepo(): { dir: string; submissions: number } {
  const dir = join(ROOT, 'bench/out/matrix-80x30');
  const marker = join(dir, '.bench.json');
  if (!args.values.rebuild && existsSync(marker))
    return { dir, ...(JSON.parse(readFileSync(marker, 'utf8')) as { submissions: number }) };
  rmSync(dir, { recursive: true, force: true });
  const made = buildBenchRepo(dir, 80, 30);
  writeFileSync(marker, JSON.stringify(made));
  return { dir, ...made };
}

/** Wall and CPU time of one `node dist/cli/main.js ARGS`, in ms. */
const time = (args: string[]) => timeBin(BIN, args);

const { dir, submissions } = benchRepo();
const out = join(ROOT, 'bench/out/site-80x30');
const commands = { matrix: ['matrix', '--repo', dir], site: ['site', '--repo', dir, '--out', out] };
type Name = keyof typeof commands;
const samples: Record<Name, { wall: number; cpu: number }[]> = { matrix: [], site: [] };
// Interleaved, so a burst of load from other work on the machine hits every command alike.
for (let i = 0; i < runs; i++) {
  for (const name of ['matrix', 'site'] as Name[]) {
    // As in the publish workflow, the site is written to a folder that does not exist yet:
    // replacing a previous build also removes its 386 files (see BENCHMARKS.md).
    rmSync(out, { recursive: true, force: true });
    samples[name].push(time(commands[name]));
  }
}
rmSync(join(dir, 'MATRIX.md'), { force: true });

const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
console.log(`${submissions} submissions, 80 drivers × 30 cycles, ${runs} runs each (load average ${load})`);
console.log('command      | median wall ms | min wall ms | median CPU ms');
for (const [key, s] of Object.entries(samples))
  console.log(
    [
      key.padEnd(12),
      median(s.map((x) => x.wall))
        .toFixed(0)
        .padStart(14),
      Math.min(...s.map((x) => x.wall))
        .toFixed(0)
        .padStart(11),
      median(s.map((x) => x.cpu))
        .toFixed(0)
        .padStart(13),
    ].join(' | '),
  );
{
  const site = median(samples.site.map((x) => x.wall));
  const matrix = median(samples.matrix.map((x) => x.wall));
  console.log(
    `site ${site.toFixed(0)} ms = ${(site / matrix).toFixed(2)} × matrix (${matrix.toFixed(0)} ms); ` +
      `target ≤ ${TARGET_MS} ms ${site <= TARGET_MS ? 'met' : 'NOT met'}`,
  );
}

// The rendering alone, on a model already loaded (what the site adds to the matrix's reading).
const { loadSiteInputs } = (await import(
  join(ROOT, 'dist/lib/site/inputs.js')
)) as typeof import('../scripts/lib/site/inputs.js');
const { buildSite } = (await import(
  join(ROOT, 'dist/lib/site/build.js')
)) as typeof import('../scripts/lib/site/build.js');
const { inputs } = loadSiteInputs(dir);
const renders = Array.from({ length: runs }, () => {
  const started = performance.now();
  const files = buildSite(inputs, { sourceUrl: 'https://github.com/o/r' });
  return {
    ms: performance.now() - started,
    files: files.size,
    bytes: [...files.values()].reduce((n, t) => n + t.length, 0),
  };
});
const r = renders[0]!;
console.log(
  `buildSite alone: median ${median(renders.map((x) => x.ms)).toFixed(0)} ms for ${r.files} files, ` +
    `${(r.bytes / 1e6).toFixed(1)} MB`,
);
