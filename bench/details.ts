// Bench: memory of the details kept per test (issue 14). A small bundle (~3 MB) of 60,000
// failing tests, each with a 4 KiB traceback (~220 MB of subunit v2 inflated): `drivercert
// inspect` on it, the compiled binary in a fresh process, peak RSS measured by the preload of
// test/helpers/maxrss.mjs (`validate` reads bundles through the same analyseBundle). Before the details were bounded in
// total (scripts/lib/analysis/detail-budget.ts) inspect peaked at ~325 MB.
//
//   npm run build && npx tsx bench/details.ts
//
// Target: peak RSS under 200 MB.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { testPackets } from '../scripts/lib/formats/subunit-v2-writer.js';
import { certLogText } from '../test/helpers/submission.js';
import { tar } from '../test/helpers/tar.js';
import { OUT, ROOT } from './lib/common.js';

const TESTS = 60_000;
const TRACEBACK_BYTES = 4096;
const BIN = join(ROOT, 'dist/cli/main.js');
const RSS = join(ROOT, 'test/helpers/maxrss.mjs');

/** A traceback of TRACEBACK_BYTES for test I, as tempest prints one. */
function traceback(i: number): string {
  const frame = `  File "tempest/api/volume/test_many.py", line ${40 + (i % 50)}, in test_${i}\n`;
  const body = `    self.assertEqual(expected_status_${i % 97}, volume['status'])\n`;
  return (
    `Traceback (most recent call last):\n${frame}${body.repeat(70)}`.slice(0, TRACEBACK_BYTES - 40) +
    `\nAssertionError: ${i} != ${i + 1}\n`
  ).slice(0, TRACEBACK_BYTES);
}

function bundle(path: string): void {
  const parts: Uint8Array[] = [];
  for (let i = 0; i < TESTS; i++)
    parts.push(
      ...testPackets({
        id: `tempest.api.volume.test_many.ManyTest.test_${i}`,
        status: 'fail',
        start: 1_700_000_000 + i,
        seconds: 1,
        traceback: traceback(i),
      }),
    );
  const subunit = Buffer.concat(parts);
  const cert = certLogText('cinder.volume.drivers.lvm.LVMVolumeDriver', false);
  const bytes = gzipSync(
    tar([
      { name: 'cert.log', data: cert },
      { name: 'tempest.subunit', data: subunit },
    ]),
  );
  mkdirSync(OUT, { recursive: true });
  writeFileSync(path, bytes);
  console.log(`bundle: ${(bytes.length / 1e6).toFixed(1)} MB, inflating to ${(subunit.length / 1e6).toFixed(0)} MB`);
}

/** Peak RSS in MiB of `drivercert ARGS`, and its exit status. */
function peak(args: string[]): { mib: number; status: number | null } {
  const file = join(OUT, 'details-rss.txt');
  const r = spawnSync(process.execPath, ['--import', RSS, BIN, ...args], {
    env: { ...process.env, DRIVERCERT_MAXRSS_FILE: file },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return { mib: Number(readFileSync(file, 'utf8')) / 1024, status: r.status };
}

const path = join(OUT, 'details-60k.tgz');
bundle(path);
const inspect = peak(['inspect', path, '--format', 'json']);
console.log(`inspect: exit ${inspect.status}, peak RSS ${inspect.mib.toFixed(0)} MiB (target < 200 MB)`);
