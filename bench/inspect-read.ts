// Bench: our one-pass bundle read (gunzip → tar → secret scan of text members → sha256)
// against `tar -xzOf BUNDLE > /dev/null` on the same file, for the bundle of issue 3
// (a 250 MB service log plus a 100,000-test subunit v2 stream) and one four times larger.
//
//   npm run build && npx tsx bench/inspect-read.ts [--runs 5] [--scales 1,4]
//
// Inputs are generated once (deterministically) and cached under bench/out/. Ours runs
// as a child process of compiled JavaScript (bench/read-child.mjs), so process start
// counts; its peak RSS is the child's own maxRSS. Runs alternate between the two tools
// and medians are reported, since other work on the machine makes single runs noisy.
// Targets: wall ≤ 1.5× tar at 1×; peak RSS ≤ 200 MB at 1× and 4×.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { BenchArgs } from './lib/args.js';
import { ROOT, ensureBundle, hashFile, mb, median, timed } from './lib/common.js';

const CHILD = join(ROOT, 'bench/read-child.mjs');

interface OursRun {
  ms: number;
  maxRssKiB: number;
  cpuMs: number;
  members: number;
  compressedBytes: number;
  uncompressedBytes: number;
  scannedBytes: number;
  sha256: string;
  findings: number;
}

async function main(): Promise<void> {
  const args = new BenchArgs(import.meta.url, {
    runs: { type: 'string', default: '5' },
    scales: { type: 'string', default: '1,4' },
  });
  const runs = args.int('runs');
  const scales = args.numbers('scales');
  if (!existsSync(join(ROOT, 'dist/lib/bundle/read.js'))) {
    console.error('dist/ is missing: run `npm run build` first (the bench measures the compiled code).');
    process.exit(2);
  }
  const rows: string[] = [];
  for (const scale of scales) {
    const bundle = await ensureBundle(scale);
    const size = statSync(bundle).size;
    const sha256 = await hashFile(bundle);
    console.error(`\n${scale}x bundle: ${bundle} (${mb(size)} compressed), ${runs} runs each`);
    const tar: number[] = [];
    const ours: OursRun[] = [];
    for (let i = 0; i < runs; i++) {
      const first = i % 2 === 0;
      if (first) tar.push(await timeTar(bundle));
      ours.push(await timeOurs(bundle));
      if (!first) tar.push(await timeTar(bundle));
      const o = ours[ours.length - 1]!;
      if (o.sha256 !== sha256) throw new Error(`our read path hashed ${o.sha256}, the file is ${sha256}`);
      console.error(
        `  run ${i + 1}: tar -xzOf ${tar[tar.length - 1]!.toFixed(0)} ms, ours ${o.ms.toFixed(0)} ms wall (${o.cpuMs} ms CPU), peak RSS ${(o.maxRssKiB / 1024).toFixed(0)} MiB`,
      );
    }
    const t = median(tar);
    const o = median(ours.map((r) => r.ms));
    const rss = Math.max(...ours.map((r) => r.maxRssKiB)) / 1024;
    const last = ours[ours.length - 1]!;
    rows.push(
      `| ${scale}x | ${mb(size)} | ${mb(last.uncompressedBytes)} | ${t.toFixed(0)} ms | ${o.toFixed(0)} ms | ${(o / t).toFixed(2)} | ${rss.toFixed(0)} MiB | ${last.findings} |`,
    );
  }
  console.log(
    '\n| bundle | compressed | inflated | tar -xzOf (median) | ours (median) | ratio | ours peak RSS | secret findings |',
  );
  console.log('|---|---|---|---|---|---|---|---|');
  for (const r of rows) console.log(r);
}

function timeTar(bundle: string): Promise<number> {
  return timed('sh', ['-c', `tar -xzOf "${bundle}" > /dev/null`]).then((r) => r.ms);
}

async function timeOurs(bundle: string): Promise<OursRun> {
  const r = await timed(process.execPath, [CHILD, bundle]);
  const run = JSON.parse(r.stdout) as OursRun;
  return { ...run, ms: r.ms }; // wall time as seen from outside: process start included
}

await main();
