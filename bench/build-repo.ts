// Builds a synthetic certification repository with the project's own tools: cycles with
// openCycle (each closing the one before), result.yaml files with renderResult. Sizes are
// realistic: ~450 tests per run, 40–120 skipped and up to 20 failed test ids, every
// capability of the cycle, notes on a third of the submissions. handEditBenchRepo rewrites
// every result.yaml of such a repository as a person edits YAML by hand.
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { CapabilityOutcome, Cycle, Driver, Registry, Result } from '../scripts/lib/model.js';
import { openCycle } from '../scripts/lib/cycles/lifecycle.js';
import { renderCycle } from '../scripts/lib/cycles/cycle-file.js';
import { renderResult } from '../scripts/lib/results/result-file.js';
import { toYaml } from '../scripts/lib/yaml-write.js';
import { handEditedYaml } from '../test/helpers/hand-edited.js';

const ROOT = new URL('..', import.meta.url).pathname;

/** A deterministic pseudo-random generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** `count` drivers: the shipped 75, then copies with a suffix. */
function drivers(count: number): Driver[] {
  const shipped = (parse(readFileSync(join(ROOT, 'drivers.yaml'), 'utf8')) as Registry).drivers;
  return Array.from({ length: count }, (_, i) => {
    const d = shipped[i % shipped.length]!;
    const round = Math.floor(i / shipped.length);
    return round === 0 ? d : { ...structuredClone(d), id: `${d.id}_${round + 1}`, name: `${d.name} ${round + 1}` };
  });
}

const MODULES = [
  'test_volumes_actions',
  'test_volumes_get',
  'test_volumes_list',
  'test_volumes_snapshots',
  'admin.test_volume_types',
  'admin.test_backends_capabilities',
  'admin.test_volume_retype',
  'test_volume_transfers',
  'admin.test_encrypted_volumes_extend',
  'test_volumes_backup',
];
const VERBS = [
  'create',
  'delete',
  'update',
  'list',
  'show',
  'attach',
  'detach',
  'extend',
  'retype',
  'migrate',
  'clone',
  'upload',
];

/** Realistic tempest ids: the cycle's own tests, then made-up ones of the same shape. */
function testPool(cycle: Cycle): string[] {
  const real = Object.values(cycle.capabilities).flatMap((c) => c.tests.map((t) => t.id));
  const made = Array.from({ length: 600 }, (_, i) => {
    const mod = MODULES[i % MODULES.length]!;
    const cls = mod
      .split('.')
      .pop()!
      .replace(/^test_/, '')
      .replace(/(^|_)(\w)/g, (_m, _u, c: string) => c.toUpperCase());
    return `tempest.api.volume.${mod}.${cls}Test.test_${VERBS[i % VERBS.length]}_volume_with_parameters_${i}`;
  });
  return [...real, ...made];
}

function pick<T>(rnd: () => number, list: readonly T[], n: number): T[] {
  const out = new Set<T>();
  while (out.size < Math.min(n, list.length)) out.add(list[Math.floor(rnd() * list.length)]!);
  return [...out].sort();
}

function hex(rnd: () => number, n: number): string {
  return Array.from({ length: n }, () => Math.floor(rnd() * 16).toString(16)).join('');
}

function result(rnd: () => number, d: Driver, cycle: Cycle, pool: string[], closes: string): Result {
  const failedRun = rnd() < 0.14;
  const failed = failedRun ? 1 + Math.floor(rnd() * 20) : 0;
  const skipped = 40 + Math.floor(rnd() * 81);
  const total = 420 + Math.floor(rnd() * 61);
  const failedTests = pick(rnd, pool, failed);
  const skippedTests = pick(
    rnd,
    pool.filter((t) => !failedTests.includes(t)),
    skipped,
  );
  const capabilities: Record<string, CapabilityOutcome> = {};
  const caps = Object.entries(cycle.capabilities);
  const broken = failedRun ? caps[Math.floor(rnd() * caps.length)]![0] : undefined;
  for (const [id, c] of caps) {
    if (id === broken) capabilities[id] = 'failed';
    else if (c.feature)
      capabilities[id] = d.features[c.feature]
        ? rnd() < 0.75
          ? 'passed'
          : rnd() < 0.5
            ? 'missing'
            : 'failed'
        : 'missing';
    else capabilities[id] = 'passed';
  }
  const submitted = addDays(cycle.opened, 10 + Math.floor(rnd() * 150));
  const r: Result = {
    driver: d.id,
    cycle: cycle.name,
    submitted: submitted > closes ? closes : submitted,
    submitter: 'vendor-ci-bot',
    environment: {
      cinder_commit: hex(rnd, 40),
      tempest_commit: hex(rnd, 40),
      backend: {
        model: `${d.name} model ${1 + Math.floor(rnd() * 9)}000`,
        version: `${1 + Math.floor(rnd() * 9)}.${Math.floor(rnd() * 20)}.${Math.floor(rnd() * 100)}`,
      },
      protocol: d.protocols[0] ?? 'iSCSI',
    },
    bundle: { file: `${d.id}-${cycle.name}.tgz`, sha256: hex(rnd, 64), size: 200_000 + Math.floor(rnd() * 5_000_000) },
    source: 'subunit',
    results: { total, passed: total - skipped - failed, failed, skipped, xfail: 0, uxsuccess: 0, incomplete: 0 },
    failed_tests: failedTests,
    skipped_tests: skippedTests,
    capabilities,
    verdict: failedRun ? 'failed' : 'passed',
  };
  if (rnd() < 0.33)
    r.notes =
      'Two-node devstack with multipath enabled.\nBackend firmware upgraded during the cycle; see README.md for local.conf.\n';
  if (!failedRun && rnd() < 0.01)
    r.withdrawn = { date: r.submitted, reason: 'The run used a patched tempest; resubmit with an unmodified one.' };
  return r;
}

/** Write a repository of `driverCount` drivers × `cycleCount` cycles (every driver submits every cycle). */
export function buildBenchRepo(
  dir: string,
  driverCount: number,
  cycleCount: number,
  seed = 1,
): { submissions: number; bytes: number } {
  const rnd = random(seed);
  mkdirSync(join(dir, 'results'), { recursive: true });
  const ds = drivers(driverCount);
  writeFileSync(join(dir, 'drivers.yaml'), toYaml({ core_reviewers: ['drivercert/core-reviewers'], drivers: ds }));
  const shipped = parse(readFileSync(join(ROOT, 'results/2025.2/cycle.yaml'), 'utf8')) as Cycle;
  // Cycles YYYY.1 and YYYY.2, six months apart, ending with 2025.2 (open).
  const names = Array.from({ length: cycleCount }, (_, i) => {
    const k = 2 * 2025 + 1 - (cycleCount - 1) + i;
    return `${Math.floor(k / 2)}.${(k % 2) + 1}`;
  });
  const opened = names.map((_, i) => addDays('2025-10-01', -182 * (cycleCount - 1 - i)));
  mkdirSync(join(dir, 'results', names[0]!), { recursive: true });
  writeFileSync(
    join(dir, 'results', names[0]!, 'cycle.yaml'),
    renderCycle({
      ...shipped,
      name: names[0]!,
      codename: undefined,
      opened: opened[0]!,
      state: 'open',
      closed: undefined,
    }),
  );
  for (let i = 1; i < cycleCount; i++) openCycle(dir, names[i]!, { today: opened[i]! });
  let bytes = 0;
  let submissions = 0;
  for (let i = 0; i < cycleCount; i++) {
    const cycle = { ...shipped, name: names[i]!, opened: opened[i]! };
    const pool = testPool(cycle);
    const closes = i + 1 < cycleCount ? opened[i + 1]! : '2025-11-20';
    for (const d of ds) {
      const text = renderResult(result(rnd, d, cycle, pool, closes));
      mkdirSync(join(dir, 'results', cycle.name, d.id), { recursive: true });
      writeFileSync(join(dir, 'results', cycle.name, d.id, 'result.yaml'), text);
      bytes += text.length;
      submissions++;
    }
  }
  return { submissions, bytes };
}

/** Copy the repository `src` to `dst` with every result.yaml rewritten as a person would edit it by hand. */
export function handEditBenchRepo(src: string, dst: string, seed = 2): { submissions: number; bytes: number } {
  const rnd = random(seed);
  cpSync(src, dst, { recursive: true });
  let bytes = 0;
  let submissions = 0;
  for (const c of readdirSync(join(dst, 'results'), { withFileTypes: true })) {
    if (!c.isDirectory()) continue;
    for (const d of readdirSync(join(dst, 'results', c.name), { withFileTypes: true })) {
      if (!d.isDirectory()) continue;
      const file = join(dst, 'results', c.name, d.name, 'result.yaml');
      const text = handEditedYaml(parse(readFileSync(file, 'utf8')) as Record<string, unknown>, rnd);
      writeFileSync(file, text);
      bytes += text.length;
      submissions++;
    }
  }
  return { submissions, bytes };
}
