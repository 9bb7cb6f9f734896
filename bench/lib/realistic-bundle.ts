// The realistic large bundle: a 100,000-test subunit v2 stream and the cert.log a real cert
// run leaves beside it, whose tempest section is the same run's console output as os-testr's
// `subunit-trace -n -f` prints it (the real tool, run on the stream). Built once, streamed to
// disk (never held whole), cached under bench/out/.
import { execFileSync, spawnSync } from 'node:child_process';
import {
  appendFileSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { OUT, ROOT } from './common.js';
import { writeSubunitRun } from './subunit-v2.js';

/** The bundle's path and the bare stream's (what subunit-stats is timed on). */
export interface RealisticBundle {
  bundle: string;
  stream: string;
}

/** The cached realistic bundle of `tests` tests, built on first use. */
export async function ensureRealisticBundle(tests: number): Promise<RealisticBundle> {
  const dir = join(OUT, `realistic-${tests}`);
  const bundle = join(OUT, `realistic-${tests}.tgz`);
  const stream = join(dir, 'tempest.subunit');
  if (existsSync(bundle) && existsSync(stream)) return { bundle, stream };
  console.error(`building ${bundle} (once; cached afterwards)…`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const counts = await writeSubunitRun(stream, tests);
  writeCertLog(join(dir, 'cert.log'), stream, counts.fail > 0);
  execFileSync('sh', [
    '-c',
    `tar -C "${dir}" -czf "${bundle}.tmp" cert.log tempest.subunit && mv "${bundle}.tmp" "${bundle}"`,
  ]);
  return { bundle, stream };
}

/**
 * cert.log as the cert script writes it (reference/formats/example.cert.log), its tempest
 * section replaced by `subunit-trace -n -f` of the stream, its verdict the run's.
 */
function writeCertLog(path: string, stream: string, failed: boolean): void {
  const log = readFileSync(join(ROOT, 'reference/formats/example.cert.log'), 'utf8');
  const start = log.indexOf('running testr\n') + 'running testr\n'.length;
  const end = log.indexOf(
    '\n========================================================\n',
    log.indexOf('Worker Balance'),
  );
  if (start < 'running testr\n'.length || end === -1) throw new Error('example.cert.log has no tempest section');
  const tail = log.slice(end + 1);
  writeFileSync(path, log.slice(0, start));
  const input = openSync(stream, 'r');
  const output = openSync(path, 'a');
  // subunit-trace exits 1 when a test failed; anything else means it did not run.
  const r = spawnSync('subunit-trace', ['-n', '-f'], { stdio: [input, output, 'pipe'] });
  closeSync(input);
  closeSync(output);
  if (r.error || (r.status !== 0 && r.status !== 1))
    throw new Error(`subunit-trace failed (install python3-os-testr): ${r.error?.message ?? String(r.stderr)}`);
  const verdict = failed
    ? tail
    : tail.replace('SORRY!!!  Device driver FAILED!', 'CONGRATULATIONS!!!  Device driver PASSED!');
  appendFileSync(path, `\n${verdict}`);
}
