// Throughput of a secret scanner on a realistic cinder service log, held in memory in the
// 128 KiB chunks zlib hands the bundle reader, so only the scan itself is timed.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { OUT, ROOT } from './common.js';
import { writeServiceLog } from './service-log.js';

/** The part of the scanner module's API the bench drives. */
export interface ScannerModule {
  createSecretScanner(options?: { name?: string }): { write(chunk: Uint8Array): void; end(): unknown[] };
}

const CHUNK = 128 * 1024;

/** The cached service log of about MB megabytes, as 128 KiB chunks. */
export async function serviceLogChunks(mb: number): Promise<Buffer[]> {
  mkdirSync(OUT, { recursive: true });
  const path = join(OUT, `secrets-service-log-${mb}mb.txt`);
  if (!existsSync(path)) {
    await writeServiceLog(`${path}.tmp`, mb * 1_000_000, 7);
    renameSync(`${path}.tmp`, path);
  }
  const all = readFileSync(path);
  const chunks: Buffer[] = [];
  for (let o = 0; o < all.length; o += CHUNK) chunks.push(Buffer.from(all.subarray(o, o + CHUNK)));
  return chunks;
}

/** Scan CHUNKS once with MOD's scanner: wall milliseconds and findings. */
export function scanOnce(mod: ScannerModule, chunks: Buffer[]): { ms: number; findings: number } {
  const t0 = performance.now();
  const scanner = mod.createSecretScanner({ name: 'screen-c-vol.txt' });
  for (const c of chunks) scanner.write(c);
  const findings = scanner.end().length;
  return { ms: performance.now() - t0, findings };
}

/** The scanner as it is at git revision REV (e.g. `main`), copied out of git and loaded through tsx. */
export async function scannerAtRevision(rev: string): Promise<{ sha: string; mod: ScannerModule }> {
  const sha = execFileSync('git', ['rev-parse', '--verify', `${rev}^{commit}`], { cwd: ROOT, encoding: 'utf8' }).trim();
  const dir = join(OUT, `scanner-${sha.slice(0, 12)}`);
  if (!existsSync(dir)) {
    rmSync(`${dir}.tmp`, { recursive: true, force: true });
    mkdirSync(`${dir}.tmp`, { recursive: true });
    execFileSync('sh', ['-c', `git archive "${sha}" scripts/lib/bundle | tar -x -C "${dir}.tmp"`], { cwd: ROOT });
    renameSync(`${dir}.tmp`, dir);
  }
  const url = pathToFileURL(join(dir, 'scripts/lib/bundle/secrets.ts')).href;
  return { sha, mod: (await import(url)) as ScannerModule };
}
