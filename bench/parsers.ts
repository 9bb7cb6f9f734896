// Times our subunit v2 parser against python-subunit's subunit-stats on the same
// 100,000-test stream (made by test/fixtures/formats/generate-run.py), checks that the
// counts are identical, and prints the ratio.
//
//   npx tsx bench/parsers.ts [--tests N] [--runs R]
//
// Two figures: the parse alone (in this process, streaming the file in 64 KiB chunks), and
// a whole `node` process on the compiled parser (dist/, built by `npm run build`) against
// the whole subunit-stats process — process start included on both sides. The machine is
// shared, so each side runs R times (default 3) and the best time is kept.
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, statSync, writeFileSync, openSync, closeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SubunitV2Parser } from '../scripts/lib/formats/subunit-v2.js';
import { countResults } from '../scripts/lib/formats/types.js';
import { BenchArgs } from './lib/args.js';
import { subunitStatsCounts } from './lib/common.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'bench/out');

function python(): string {
  for (const p of [process.env.PYTHON, 'python3', '/usr/bin/python3']) {
    if (p && spawnSync(p, ['-c', 'import subunit'], { stdio: 'ignore' }).status === 0) return p;
  }
  return args.fail(
    'no python3 with the subunit module: install python3-subunit (Debian), or set PYTHON to one that has it',
  );
}

/** The bench stream, generated once per test count. */
function input(tests: number): string {
  mkdirSync(OUT, { recursive: true });
  const file = join(OUT, `bench-${tests}.subunit`);
  if (!existsSync(file)) {
    const fd = openSync(file, 'w');
    const r = spawnSync(
      python(),
      [join(ROOT, 'test/fixtures/formats/generate-run.py'), '--variant', 'bench', '--tests', String(tests)],
      { stdio: ['ignore', fd, 'inherit'] },
    );
    closeSync(fd);
    if (r.status !== 0)
      args.fail(`test/fixtures/formats/generate-run.py failed (exit ${r.status}); its error is above`);
  }
  return file;
}

async function parseFile(file: string) {
  const p = new SubunitV2Parser();
  const t0 = performance.now();
  for await (const chunk of createReadStream(file, { highWaterMark: 65536 })) p.write(chunk as Buffer);
  const r = p.end();
  return { ms: performance.now() - t0, counts: countResults(r.tests), problems: r.problems.length };
}

function timed(cmd: string, args: string[], file: string) {
  const fd = openSync(file, 'r');
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { stdio: [fd, 'pipe', 'pipe'], maxBuffer: 64 << 20 });
  const ms = performance.now() - t0;
  closeSync(fd);
  return { ms, stdout: r.stdout.toString() };
}

const args = new BenchArgs(import.meta.url, {
  tests: { type: 'string', default: '100000' },
  runs: { type: 'string', default: '3' },
});
const tests = args.int('tests');
const runs = args.int('runs');
const file = input(tests);
console.log(`input: ${file} (${(statSync(file).size / 1e6).toFixed(1)} MB, ${tests} tests)`);

let ours = await parseFile(file);
for (let i = 1; i < runs; i++) {
  const r = await parseFile(file);
  if (r.ms < ours.ms) ours = r;
}
let ref = timed('subunit-stats', ['--no-passthrough'], file);
for (let i = 1; i < runs; i++) {
  const r = timed('subunit-stats', ['--no-passthrough'], file);
  if (r.ms < ref.ms) ref = r;
}
const theirs = subunitStatsCounts(ref.stdout);
const same = (['total', 'passed', 'failed', 'skipped'] as const).every((k) => ours.counts[k] === theirs[k]);

console.log(`subunit-stats (process):      ${ref.ms.toFixed(0)} ms  ${JSON.stringify(theirs)}`);
console.log(
  `SubunitV2Parser (parse only): ${ours.ms.toFixed(0)} ms  ${JSON.stringify(ours.counts)}  (${ours.problems} problems)`,
);
console.log(`ratio, parse only: ${(ref.ms / ours.ms).toFixed(1)}x faster`);

const dist = join(ROOT, 'dist/lib/formats/subunit-v2.js');
if (existsSync(dist)) {
  const script = join(OUT, 'count-v2.mjs');
  writeFileSync(
    script,
    `import { createReadStream } from 'node:fs';\nimport { SubunitV2Parser } from ${JSON.stringify(dist)};\n` +
      `const p = new SubunitV2Parser();\nfor await (const c of createReadStream(process.argv[2], { highWaterMark: 65536 })) p.write(c);\n` +
      `const r = p.end();\nconsole.log(JSON.stringify({ total: r.tests.length, maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024) }));\n`,
  );
  let node = timed(process.execPath, [script, file], '/dev/null');
  for (let i = 1; i < runs; i++) {
    const r = timed(process.execPath, [script, file], '/dev/null');
    if (r.ms < node.ms) node = r;
  }
  console.log(`node on dist (process):       ${node.ms.toFixed(0)} ms  ${node.stdout.trim()}`);
  console.log(`ratio, whole processes: ${(ref.ms / node.ms).toFixed(1)}x faster`);
} else {
  console.log('(run `npm run build` for the whole-process comparison on compiled JavaScript)');
}
console.log(same ? 'counts identical' : 'COUNTS DIFFER');
if (!same) process.exitCode = 1;
