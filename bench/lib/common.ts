// What the benches share: the cached bench bundles, timing a child process, medians, subunit-stats' counts.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeServiceLog } from './service-log.js';
import { writeSubunitRun } from './subunit-v2.js';

/**
 * The bench bundles' cert.log: the cert script's steps, commits and cinder.conf, with the
 * tempest section left out (its console output would be a second copy of the run, and the
 * subunit stream is what these benches measure).
 */
export function benchCertLog(): string {
  const log = readFileSync(join(ROOT, 'reference/formats/example.cert.log'), 'utf8');
  const start = log.indexOf('running testr\n');
  const end = log.indexOf(
    '\n========================================================\n',
    log.indexOf('Worker Balance'),
  );
  return start === -1 || end === -1 ? log : log.slice(0, start) + log.slice(end + 1);
}

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const OUT = join(ROOT, 'bench/out');
export const LOG_BYTES = 250_000_000;
export const TESTS = 100_000;

/** The cached bundle for SCALE, built on first use: cert.log, the service logs, a subunit stream. */
export async function ensureBundle(scale: number): Promise<string> {
  const bundle = join(OUT, `bundle-${scale}x.tgz`);
  if (existsSync(bundle)) return bundle;
  const src = join(OUT, `src-${scale}x`);
  rmSync(src, { recursive: true, force: true });
  mkdirSync(join(src, 'logs'), { recursive: true });
  console.error(`building ${bundle} (once; cached afterwards)…`);
  writeFileSync(join(src, 'cert.log'), benchCertLog());
  // the 250 MB of service log is split over the services as devstack writes them
  const parts: [string, number][] = [
    ['screen-c-vol.txt', 0.6],
    ['screen-c-api.txt', 0.3],
    ['screen-c-sch.txt', 0.1],
  ];
  for (const [i, [name, share]] of parts.entries())
    await writeServiceLog(join(src, 'logs', name), LOG_BYTES * scale * share, i + 1);
  await writeSubunitRun(join(src, 'tempest.subunit'), TESTS * scale);
  writeFileSync(
    join(src, 'README.txt'),
    `bench bundle, ${scale}x: ${LOG_BYTES * scale} bytes of service log, ${TESTS * scale} tests\n`,
  );
  const gzip = spawnSync('sh', ['-c', 'command -v pigz'], { encoding: 'utf8' }).stdout.trim() || 'gzip';
  execFileSync('sh', [
    '-c',
    `tar -C "${src}" -cf - cert.log logs tempest.subunit README.txt | ${gzip} -6 > "${bundle}.tmp" && mv "${bundle}.tmp" "${bundle}"`,
  ]);
  rmSync(src, { recursive: true, force: true });
  return bundle;
}

export async function hashFile(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest('hex');
}

export function timed(cmd: string, args: string[]): Promise<{ ms: number; stdout: string }> {
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

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** The four counts subunit-stats prints (NaN for one it did not print). */
export function subunitStatsCounts(text: string): { total: number; passed: number; failed: number; skipped: number } {
  const n = (label: string) => Number(new RegExp(`${label} tests:\\s+(\\d+)`).exec(text)?.[1]);
  return { total: n('Total'), passed: n('Passed'), failed: n('Failed'), skipped: n('Skipped') };
}

export function mb(n: number): string {
  return `${(n / 1e6).toFixed(0)} MB`;
}

// CPU time (user + system) is reported too when GNU time is there: it varies far less
// than wall time when other work shares the two cores.
const GNU_TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/** Wall and CPU time, in ms, of one `node BIN ARGS` (CPU is NaN without GNU time); throws if it fails. */
export function timeBin(bin: string, args: string[]): { wall: number; cpu: number } {
  const [cmd, argv] = GNU_TIME
    ? [GNU_TIME, ['-f', 'cpu %U %S', process.execPath, bin, ...args]]
    : [process.execPath, [bin, ...args]];
  const started = performance.now();
  const r = spawnSync(cmd, argv, { encoding: 'utf8' });
  const wall = performance.now() - started;
  if (r.status !== 0) throw new Error(`drivercert ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  const m = /cpu ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr);
  return { wall, cpu: m ? (Number(m[1]) + Number(m[2])) * 1000 : NaN };
}
