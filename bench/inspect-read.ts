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
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, rmSync, statSync, writeFileSync, copyFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { writeServiceLog } from './lib/service-log.js';
import { writeSubunitRun } from './lib/subunit-v2.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'bench/out');
const CHILD = join(ROOT, 'bench/read-child.mjs');
const LOG_BYTES = 250_000_000;
const TESTS = 100_000;

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
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, scales: { type: 'string', default: '1,4' } } });
  const runs = Number(values.runs);
  const scales = values.scales.split(',').map(Number);
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
      console.error(`  run ${i + 1}: tar -xzOf ${tar[tar.length - 1]!.toFixed(0)} ms, ours ${o.ms.toFixed(0)} ms wall (${o.cpuMs} ms CPU), peak RSS ${(o.maxRssKiB / 1024).toFixed(0)} MiB`);
    }
    const t = median(tar);
    const o = median(ours.map((r) => r.ms));
    const rss = Math.max(...ours.map((r) => r.maxRssKiB)) / 1024;
    const last = ours[ours.length - 1]!;
    rows.push(
      `| ${scale}x | ${mb(size)} | ${mb(last.uncompressedBytes)} | ${t.toFixed(0)} ms | ${o.toFixed(0)} ms | ${(o / t).toFixed(2)} | ${rss.toFixed(0)} MiB | ${last.findings} |`,
    );
  }
  console.log('\n| bundle | compressed | inflated | tar -xzOf (median) | ours (median) | ratio | ours peak RSS | secret findings |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const r of rows) console.log(r);
}

/** The cached bundle for SCALE, built on first use: cert.log, the service logs, a subunit stream. */
async function ensureBundle(scale: number): Promise<string> {
  const bundle = join(OUT, `bundle-${scale}x.tgz`);
  if (existsSync(bundle)) return bundle;
  const src = join(OUT, `src-${scale}x`);
  rmSync(src, { recursive: true, force: true });
  mkdirSync(join(src, 'logs'), { recursive: true });
  console.error(`building ${bundle} (once; cached afterwards)…`);
  copyFileSync(join(ROOT, 'reference/formats/example.cert.log'), join(src, 'cert.log'));
  // the 250 MB of service log is split over the services as devstack writes them
  const parts: [string, number][] = [['screen-c-vol.txt', 0.6], ['screen-c-api.txt', 0.3], ['screen-c-sch.txt', 0.1]];
  for (const [i, [name, share]] of parts.entries()) await writeServiceLog(join(src, 'logs', name), LOG_BYTES * scale * share, i + 1);
  await writeSubunitRun(join(src, 'tempest.subunit'), TESTS * scale);
  writeFileSync(join(src, 'README.txt'), `bench bundle, ${scale}x: ${LOG_BYTES * scale} bytes of service log, ${TESTS * scale} tests\n`);
  const gzip = spawnSync('sh', ['-c', 'command -v pigz'], { encoding: 'utf8' }).stdout.trim() || 'gzip';
  execFileSync('sh', ['-c', `tar -C "${src}" -cf - cert.log logs tempest.subunit README.txt | ${gzip} -6 > "${bundle}.tmp" && mv "${bundle}.tmp" "${bundle}"`]);
  rmSync(src, { recursive: true, force: true });
  return bundle;
}

async function hashFile(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest('hex');
}

function timeTar(bundle: string): Promise<number> {
  return timed('sh', ['-c', `tar -xzOf "${bundle}" > /dev/null`]).then((r) => r.ms);
}

async function timeOurs(bundle: string): Promise<OursRun> {
  const r = await timed(process.execPath, [CHILD, bundle]);
  const run = JSON.parse(r.stdout) as OursRun;
  return { ...run, ms: r.ms }; // wall time as seen from outside: process start included
}

function timed(cmd: string, args: string[]): Promise<{ ms: number; stdout: string }> {
  return new Promise((resolvePromise, reject) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - t0;
      if (code !== 0) reject(new Error(`${cmd} ${args.join(' ')} exited ${code}`));
      else resolvePromise({ ms, stdout });
    });
  });
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function mb(n: number): string {
  return `${(n / 1e6).toFixed(0)} MB`;
}

await main();
