// Readable sources for the matrix tests: drivers, cycles and results built in code and
// written with the project's own writers (renderResult, renderCycle) into scratch repositories.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Capability, Cycle, Driver, FeatureId, Result } from '../../scripts/lib/model.js';
import { FEATURE_IDS } from '../../scripts/lib/model.js';
import { renderResult } from '../../scripts/lib/results/result-file.js';
import { renderCycle } from '../../scripts/lib/cycles/cycle-file.js';
import { toYaml } from '../../scripts/lib/yaml-write.js';
import { tempDir } from '../helpers/cli.js';

/** A deterministic pseudo-random generator (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Contributor text that tries to break a table, inject HTML or add a link. */
export const HOSTILE_TEXTS: readonly string[] = [
  'pipe | in the | middle',
  'line one\nline two\r\nline three',
  '<script>alert(1)</script>',
  '[click me](javascript:alert(1))',
  '![img](https://evil.example/x.png)',
  'a `backtick` and ``two``',
  '*bold* and _italic_ and **strong** and __under__',
  '<!-- an unclosed comment',
  'AT&T &amp; &lt;b&gt;',
  'see https://evil.example/path and www.evil.example',
  '<https://evil.example/autolink>',
  'mail me: someone@evil.example',
  '# not a heading',
  '> not a quote',
  '- not a list',
  '1. not a list',
  '    not code',
  '~~struck~~',
  'back\\slash \\| escaped pipe',
  '<img src=x onerror=alert(1)>',
  '[ref]: https://evil.example',
  '| --- | --- |',
  'right-to-left \u202e override',
  '2025.2',
  'yes',
  'null',
  ': colon first',
  'emoji 😀 and accents éà',
  '{{ template }} and ${var}',
  '\\',
  '`',
  '|',
];

export const CINDER = '3f1c2a9d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a39';
export const TEMPEST = '9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c';

type DeepPartial<T> = {
  [K in keyof T]?: T[K] extends object ? (T[K] extends unknown[] ? T[K] : DeepPartial<T[K]>) : T[K];
};

/** A passing result for lvm in 2025.2, with `over` merged in. */
export function makeResult(over: DeepPartial<Result> = {}): Result {
  const base: Result = {
    driver: 'lvm',
    cycle: '2025.2',
    submitted: '2025-10-20',
    submitter: 'octocat',
    environment: {
      cinder_commit: CINDER,
      tempest_commit: TEMPEST,
      backend: { model: 'LVM on a loop device', version: 'lvm2 2.03.16' },
      protocol: 'iSCSI',
    },
    bundle: {
      file: 'lvm-2025.2.tgz',
      sha256: '6b86b273ff34fce19d6b804eff5a3f5747ada4eaa22f1d49c01e52ddb7875b4b',
      size: 48213,
    },
    source: 'subunit',
    results: { total: 10, passed: 9, failed: 0, skipped: 1, xfail: 0, uxsuccess: 0, incomplete: 0 },
    failed_tests: [],
    skipped_tests: ['tempest.api.volume.test_volumes_actions.VolumesActionsTest.test_volume_readonly_update'],
    capabilities: { 'volumes-create': 'passed' },
    verdict: 'passed',
  };
  return merge(base, over) as Result;
}

function merge(a: unknown, b: unknown): unknown {
  if (b === undefined) return a;
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const out: Record<string, unknown> = { ...(a as Record<string, unknown>) };
    for (const [k, v] of Object.entries(b)) out[k] = merge(out[k], v);
    return out;
  }
  return b;
}

/** Features all false, except those named. */
export function features(...claimed: FeatureId[]): Record<FeatureId, boolean> {
  return Object.fromEntries(FEATURE_IDS.map((f) => [f, claimed.includes(f)])) as Record<FeatureId, boolean>;
}

/** A supported driver `id` with `over` merged in. */
export function makeDriver(id: string, over: Partial<Driver> = {}): Driver {
  return {
    id,
    name: `${id} Storage Driver`,
    vendor: 'Example',
    class: [`cinder.volume.drivers.${id.replace(/-/g, '_')}.Driver`],
    protocols: ['iSCSI'],
    maintainers: [],
    status: 'supported',
    features: features(),
    ...over,
  };
}

/** Capabilities: one required, plus feature capabilities for extend and QoS. */
export function makeCapabilities(): Record<string, Capability> {
  return {
    'volumes-create': {
      description: 'Create and delete volumes',
      required: true,
      tests: [
        {
          id: 'tempest.api.volume.test_volumes_get.VolumesGetTest.test_volume_create_get_update_delete',
          idempotent_id: 'id-27fb0e9f-fb64-41dd-8bdb-1ffa762f0d51',
        },
      ],
    },
    'feature-online-extend': {
      description: 'Extend an attached volume',
      required: false,
      feature: 'online_extend_support',
      tests: [
        {
          id: 'tempest.api.volume.test_volumes_extend.VolumesExtendAttachedTest.test_extend_attached_volume',
          idempotent_id: 'id-301f5a30-1c6f-4ea0-be1a-91fd28d44354',
        },
      ],
    },
    'feature-qos': {
      description: 'QoS specs API',
      required: false,
      feature: 'qos',
      tests: [
        {
          id: 'tempest.api.volume.admin.test_qos.QosSpecsTestJSON.test_get_qos',
          idempotent_id: 'id-7aa214cc-ac1a-4397-931f-3bb2e83bb0fd',
        },
      ],
    },
  };
}

/** A cycle with the standard capabilities. */
export function makeCycle(name: string, over: Partial<Cycle> = {}): Cycle {
  return {
    name,
    state: 'closed',
    opened: '2025-04-02',
    closed: '2025-10-01',
    capabilities: makeCapabilities(),
    ...over,
  };
}

export interface RepoSpec {
  drivers: Driver[];
  cycles: Cycle[];
  results: Result[];
}

/** Write a scratch repository from readable sources; returns its root. */
export function writeRepo(spec: RepoSpec, root = tempDir('drivercert-matrix-')): string {
  writeFileSync(
    join(root, 'drivers.yaml'),
    toYaml({ core_reviewers: ['drivercert/core-reviewers'], drivers: spec.drivers }),
  );
  for (const c of spec.cycles) {
    mkdirSync(join(root, 'results', c.name), { recursive: true });
    writeFileSync(join(root, 'results', c.name, 'cycle.yaml'), renderCycle(c));
  }
  for (const r of spec.results) writeResult(root, r);
  return root;
}

/** Write one result.yaml (and a placeholder bundle) into its submission folder. */
export function writeResult(root: string, r: Result): void {
  const dir = join(root, 'results', r.cycle, r.driver);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'result.yaml'), renderResult(r));
}
