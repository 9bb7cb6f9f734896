// Make a submission folder (results/<cycle>/<driver>/: result.yaml and its bundle) in a
// scratch repository: a real bundle (cert.log and a subunit v2 stream of the cycle's
// tests) and a result.yaml whose derived part is what that bundle proves, so `validate`
// accepts it. This is the one place tests create submissions. It works in closed cycles
// too (merged history), where `drivercert pack` rightly refuses to write.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parse } from 'yaml';
import type { Cycle, Registry, Result } from '../../scripts/lib/model.js';
import { testPackets } from '../../scripts/lib/formats/subunit-v2-writer.js';
import { SubunitV2Parser } from '../../scripts/lib/formats/subunit-v2.js';
import { countResults } from '../../scripts/lib/formats/types.js';
import { capabilityOutcomes, evaluateRun } from '../../scripts/lib/results/evaluate.js';
import { normaliseTestId } from '../../scripts/lib/results/test-ids.js';
import { renderResult } from '../../scripts/lib/results/result-file.js';
import { tar } from './tar.js';

export interface SubmissionSpec {
  driver: string;
  cycle: string;
  submitter: string;
  /** Default: the cycle's opening day. */
  submitted?: string;
  /** Default: the driver's first protocol. */
  protocol?: string;
  /** Tests that failed (ids, aliases, or ids with attributes; unknown ids are added to the run). */
  failed?: string[];
  skipped?: string[];
  backendModel?: string;
  backendVersion?: string;
  notes?: string;
  /** Default: `<driver>-<cycle>.tgz`. */
  bundleName?: string;
  /** Default: the driver's first class. */
  volumeDriver?: string;
}

const CINDER = '3f1c2a9d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a39';
const TEMPEST = '9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c';

/** What a cert log may change: the day it ran (steps dated 11:58–11:59 UTC) and its cinder.conf copy. */
export interface CertLogOptions {
  /** YYYY-MM-DD; default 2025-06-01. */
  day?: string;
  /** The cinder.conf lines between the copy's steps; default: one backend running `volumeDriver`. */
  conf?: string;
}

/** A minimal but complete cert script log: the commits, cinder.conf and the final line. */
export function certLogText(volumeDriver: string, passed: boolean, opts: CertLogOptions = {}): string {
  const [yyyy, mm, dd] = (opts.day ?? '2025-06-01').split('-') as [string, string, string];
  const header = (t: string, text: string) =>
    `\n========================================================\n${mm}/${dd}/${yyyy.slice(2)}/${t}:${text},` +
    '\n========================================================\n';
  const conf =
    opts.conf ??
    `[DEFAULT]\nenabled_backends = backend-1\n[keystone_authtoken]\npassword = xxx\n[backend-1]\n` +
      `volume_driver = ${volumeDriver}\nvolume_backend_name = backend-1\n`;
  return [
    header('11:58:02', 'RUNNING CINDER DRIVER CERTIFICATION CHECK'),
    header('11:58:40', 'Pull a fresh Clone of cinder repo...'),
    `${CINDER} Merge "Fix extend of attached volume"\n`,
    header('11:58:41', 'Gathering copy of cinder.conf file (passwords will be scrubbed)...'),
    conf,
    header('11:58:41', 'End of cinder.conf.'),
    header('11:58:55', 'Verify tempest is current...'),
    `${TEMPEST} Merge "Add volume extend test"\n`,
    header('11:59:40', passed ? 'CONGRATULATIONS!!!  Device driver PASSED!' : 'SORRY!!!  Device driver FAILED!'),
  ].join('');
}

/** Write results/<cycle>/<driver>/ (result.yaml + bundle) into `root`; returns the files written. */
export function writeSubmission(
  root: string,
  spec: SubmissionSpec,
): { folder: string; files: string[]; result: Result } {
  const cycle = parse(readFileSync(join(root, 'results', spec.cycle, 'cycle.yaml'), 'utf8')) as Cycle;
  const registry = parse(readFileSync(join(root, 'drivers.yaml'), 'utf8')) as Registry;
  const driver = registry.drivers.find((d) => d.id === spec.driver);
  const failed = new Set(spec.failed ?? []);
  const skipped = new Set(spec.skipped ?? []);
  // The run: every test the cycle lists (flagged ones excepted), plus any extra id named.
  const run = new Map<string, 'success' | 'fail' | 'skip'>();
  const named = (t: { id: string; aliases?: string[] }, set: Set<string>) =>
    [t.id, ...(t.aliases ?? [])].some((x) => [...set].some((s) => normaliseTestId(s) === x));
  for (const cap of Object.values(cycle.capabilities)) {
    for (const t of cap.tests) {
      if (t.flagged) continue;
      const id = t.idempotent_id ? `${t.id}[${t.idempotent_id}]` : t.id;
      if ([...run.keys()].some((k) => normaliseTestId(k) === t.id)) continue;
      run.set(id, named(t, failed) ? 'fail' : named(t, skipped) ? 'skip' : 'success');
    }
  }
  const known = new Set([...run.keys()].map(normaliseTestId));
  for (const id of failed) if (!known.has(normaliseTestId(id)) && !isAlias(cycle, id)) run.set(id, 'fail');
  for (const id of skipped) if (!known.has(normaliseTestId(id)) && !isAlias(cycle, id)) run.set(id, 'skip');
  let clock = Date.parse(`${spec.submitted ?? cycle.opened}T08:00:00Z`) / 1000;
  const stream = Buffer.concat(
    [...run].flatMap(([id, status], i) => {
      const packets = testPackets({
        id,
        status,
        start: clock,
        seconds: 1.5,
        worker: `worker-${i % 2}`,
        ...(status === 'fail'
          ? { traceback: 'Traceback (most recent call last):\nAssertionError: volume did not become available\n' }
          : status === 'skip'
            ? { reason: 'Feature not enabled' }
            : {}),
      });
      clock += 2;
      return packets;
    }),
  );
  const parser = new SubunitV2Parser();
  parser.write(stream);
  const tests = parser.end().tests;
  const evaluation = evaluateRun(tests, cycle, spec.driver);
  const log = Buffer.from(
    certLogText(
      spec.volumeDriver ?? driver?.class[0] ?? 'cinder.volume.drivers.lvm.LVMVolumeDriver',
      !tests.some((t) => t.status === 'fail'),
      { day: spec.submitted ?? cycle.opened },
    ),
    'utf8',
  );
  const bundle = gzipSync(
    tar([
      { name: 'cert.log', data: log },
      { name: 'tempest.subunit', data: stream },
    ]),
    { level: 9 },
  );
  const bundleName = spec.bundleName ?? `${spec.driver}-${spec.cycle}.tgz`;
  const result: Result = {
    driver: spec.driver,
    cycle: spec.cycle,
    submitted: spec.submitted ?? cycle.opened,
    submitter: spec.submitter,
    environment: {
      cinder_commit: CINDER,
      tempest_commit: TEMPEST,
      backend: { model: spec.backendModel ?? 'Test backend', version: spec.backendVersion ?? '1.0' },
      protocol: spec.protocol ?? driver?.protocols[0] ?? 'iSCSI',
    },
    ...(spec.notes !== undefined ? { notes: spec.notes } : {}),
    bundle: { file: bundleName, sha256: createHash('sha256').update(bundle).digest('hex'), size: bundle.length },
    source: 'subunit',
    results: countResults(tests),
    failed_tests: evaluation.failedTests,
    skipped_tests: evaluation.skippedTests,
    ...(evaluation.renamed.length ? { renamed_tests: evaluation.renamed } : {}),
    capabilities: capabilityOutcomes(evaluation),
    verdict: evaluation.verdict,
  };
  const folder = `results/${spec.cycle}/${spec.driver}`;
  mkdirSync(join(root, folder), { recursive: true });
  writeFileSync(join(root, folder, 'result.yaml'), renderResult(result));
  writeFileSync(join(root, folder, bundleName), bundle);
  return { folder, files: [`${folder}/result.yaml`, `${folder}/${bundleName}`], result };
}

function isAlias(cycle: Cycle, id: string): boolean {
  const n = normaliseTestId(id);
  return Object.values(cycle.capabilities).some((c) => c.tests.some((t) => t.aliases?.includes(n)));
}
