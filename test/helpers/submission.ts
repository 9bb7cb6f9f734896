// Make a submission folder (results/<cycle>/<driver>/: result.yaml and its bundle) in a
// scratch repository. This is the one place tests create submissions: when
// `drivercert pack` lands, it can write them instead, with the same inputs.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parse, stringify } from 'yaml';
import type { CapabilityOutcome, Cycle, Registry, Result } from '../../scripts/lib/model.js';
import { REFERENCE } from './cli.js';

export interface SubmissionSpec {
  driver: string;
  cycle: string;
  submitter: string;
  /** Default: the cycle's opening day. */
  submitted?: string;
  /** Default: the driver's first protocol. */
  protocol?: string;
  /** Tests that failed (they fail their capability). */
  failed?: string[];
  skipped?: string[];
  /** Outcomes that override the computed ones. */
  capabilities?: Record<string, CapabilityOutcome>;
  backendModel?: string;
  backendVersion?: string;
  notes?: string;
  /** Default: `<driver>-<cycle>.tgz`. */
  bundleName?: string;
}

/** A gzip'd tar holding the reference cert.log (a placeholder bundle; deterministic bytes). */
export function placeholderBundle(): Buffer {
  const log = readFileSync(join(REFERENCE, 'formats/example.cert.log'));
  return gzipSync(Buffer.concat([tarEntry('cert.log', log), Buffer.alloc(1024)]), { level: 9 });
}

/** Write results/<cycle>/<driver>/ (result.yaml + bundle) into `root`; returns the files written. */
export function writeSubmission(root: string, spec: SubmissionSpec): { folder: string; files: string[]; result: Result } {
  const cycle = parse(readFileSync(join(root, 'results', spec.cycle, 'cycle.yaml'), 'utf8')) as Cycle;
  const registry = parse(readFileSync(join(root, 'drivers.yaml'), 'utf8')) as Registry;
  const driver = registry.drivers.find((d) => d.id === spec.driver);
  const failed = spec.failed ?? [];
  const skipped = spec.skipped ?? [];
  const required = Object.entries(cycle.capabilities).filter(([, c]) => c.required);
  const capabilities: Record<string, CapabilityOutcome> = {};
  let total = 0;
  for (const [id, cap] of required) {
    total += cap.tests.length;
    const ids = cap.tests.flatMap((t) => [t.id, ...(t.aliases ?? [])]);
    capabilities[id] = ids.some((t) => failed.includes(t)) ? 'failed' : ids.some((t) => skipped.includes(t)) ? 'missing' : 'passed';
  }
  Object.assign(capabilities, spec.capabilities);
  total = Math.max(total, failed.length + skipped.length);
  const bundle = placeholderBundle();
  const bundleName = spec.bundleName ?? `${spec.driver}-${spec.cycle}.tgz`;
  const result: Result = {
    driver: spec.driver,
    cycle: spec.cycle,
    submitted: spec.submitted ?? cycle.opened,
    submitter: spec.submitter,
    environment: {
      cinder_commit: '3f1c2a9d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a39',
      tempest_commit: '9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c',
      backend: { model: spec.backendModel ?? 'Test backend', version: spec.backendVersion ?? '1.0' },
      protocol: spec.protocol ?? driver?.protocols[0] ?? 'iSCSI',
    },
    ...(spec.notes !== undefined ? { notes: spec.notes } : {}),
    bundle: { file: bundleName, sha256: createHash('sha256').update(bundle).digest('hex'), size: bundle.length },
    source: 'console',
    results: { total, passed: total - failed.length - skipped.length, failed: failed.length, skipped: skipped.length, xfail: 0, uxsuccess: 0, incomplete: 0 },
    failed_tests: failed,
    skipped_tests: skipped,
    capabilities,
    verdict: failed.length === 0 && Object.values(capabilities).every((o) => o === 'passed') ? 'passed' : 'failed',
  };
  const folder = `results/${spec.cycle}/${spec.driver}`;
  mkdirSync(join(root, folder), { recursive: true });
  const yaml = `# yaml-language-server: $schema=../../../schemas/result.schema.json\n${stringify(result, { lineWidth: 0 })}`;
  writeFileSync(join(root, folder, 'result.yaml'), yaml);
  writeFileSync(join(root, folder, bundleName), bundle);
  return { folder, files: [`${folder}/result.yaml`, `${folder}/${bundleName}`], result };
}

/** One ustar member (a regular file, mode 0644, mtime 0). */
function tarEntry(name: string, data: Buffer): Buffer {
  const h = Buffer.alloc(512);
  h.write(name, 0, 100, 'utf8');
  h.write('0000644\0', 100);
  h.write('0000000\0', 108);
  h.write('0000000\0', 116);
  h.write(data.length.toString(8).padStart(11, '0') + '\0', 124);
  h.write('00000000000\0', 136);
  h.fill(' ', 148, 156);
  h.write('0', 156);
  h.write('ustar\0', 257);
  h.write('00', 263);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148);
  return Buffer.concat([h, data, Buffer.alloc((512 - (data.length % 512)) % 512)]);
}
