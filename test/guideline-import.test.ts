// Required capabilities from the real OpenStack interop guidelines, schema 1.6 and 2.0.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { readGuideline } from '../scripts/lib/cycles/guideline.js';
import type { Cycle } from '../scripts/lib/model.js';
import { REFERENCE, copyShippedRepo, drivercert } from './helpers/cli.js';

/** Every volume test of a guideline, straight from its JSON. */
function volumeTests(file: string): { cap: string; id: string; idempotent_id?: string; flagged: boolean }[] {
  const g = JSON.parse(readFileSync(file, 'utf8'));
  const out = [];
  for (const [cap, c] of Object.entries<{ tests: Record<string, { idempotent_id?: string; flagged?: unknown }> }>(
    g.capabilities,
  )) {
    if (!cap.startsWith('volumes-')) continue;
    for (const [id, t] of Object.entries(c.tests))
      out.push({ cap, id, idempotent_id: t.idempotent_id, flagged: t.flagged !== undefined });
  }
  return out;
}

describe.each([
  ['interop-2016.08.json', '1.6', 14, 13, 63],
  ['interop-2020.06.json', '2.0', 13, 13, 55],
])('%s (schema %s)', (name, schema, caps, required, tests) => {
  const file = join(REFERENCE, name);
  const g = readGuideline(readFileSync(file, 'utf8'), file);

  it('takes every volumes-* capability with its status', () => {
    expect(g.ref.schema).toBe(schema);
    expect(Object.keys(g.capabilities)).toHaveLength(caps);
    expect(Object.values(g.capabilities).filter((c) => c.required)).toHaveLength(required);
  });

  it('takes every volume test with its idempotent id, aliases and flags', () => {
    const want = volumeTests(file);
    expect(want).toHaveLength(tests);
    for (const t of want) {
      const got = g.capabilities[t.cap]!.tests.find((x) => x.id === t.id);
      expect(got, t.id).toBeDefined();
      expect(got!.idempotent_id).toBe(t.idempotent_id);
      expect(got!.flagged !== undefined).toBe(t.flagged);
    }
  });

  it('produces a cycle that validates, via `cycle open --guideline`', async () => {
    const root = copyShippedRepo();
    const r = await drivercert(['cycle', 'open', '2026.1', '--guideline', file, '--repo', root]);
    expect(r.stderr).toMatch(/opened cycle 2026\.1/);
    expect(r.code).toBe(0);
    const cycle = parse(readFileSync(join(root, 'results/2026.1/cycle.yaml'), 'utf8')) as Cycle;
    expect(cycle.guideline).toEqual({ id: g.ref.id, schema });
    const ids = Object.values(cycle.capabilities).flatMap((c) => c.tests.map((t) => t.idempotent_id));
    for (const t of volumeTests(file)) expect(ids).toContain(t.idempotent_id);
    const v = await drivercert(['validate', '--repo', root]);
    expect(v.stdout).toMatch(/^valid: /m);
    expect(v.code).toBe(0);
  });

  it('`cycle import-guideline` fills an existing cycle and keeps feature capabilities', async () => {
    const root = copyShippedRepo();
    expect((await drivercert(['cycle', 'open', '2026.1', '--repo', root])).code).toBe(0);
    const r = await drivercert(['cycle', 'import-guideline', file, '--cycle', '2026.1', '--repo', root]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      new RegExp(`imported guideline ${g.ref.id.replace('.', '\\.')} \\(schema ${schema.replace('.', '\\.')}\\)`),
    );
    const cycle = parse(readFileSync(join(root, 'results/2026.1/cycle.yaml'), 'utf8')) as Cycle;
    for (const id of Object.keys(g.capabilities)) expect(cycle.capabilities[id]).toBeDefined();
    const before = parse(readFileSync(join(copyShippedRepo(), 'results/2025.2/cycle.yaml'), 'utf8')) as Cycle;
    for (const [id, c] of Object.entries(before.capabilities)) if (c.feature) expect(cycle.capabilities[id]).toEqual(c);
    expect((await drivercert(['validate', '--repo', root])).code).toBe(0);
  });
});

describe('guideline import errors', () => {
  it('refuses to change the tests of a cycle that already has submissions', async () => {
    const root = copyShippedRepo();
    const before = readFileSync(join(root, 'results/2025.2/cycle.yaml'), 'utf8');
    const r = await drivercert([
      'cycle',
      'import-guideline',
      join(REFERENCE, 'interop-2016.08.json'),
      '--cycle',
      '2025.2',
      '--repo',
      root,
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /cycle 2025\.2 already has 3 submissions \(lvm, nfs, rbd\); its required tests can no longer change/,
    );
    expect(r.stderr).toMatch(/tip: .*cycle open NAME --guideline FILE/);
    expect(readFileSync(join(root, 'results/2025.2/cycle.yaml'), 'utf8')).toBe(before);
  });

  it('rejects a file that is not a guideline, naming it', async () => {
    const root = copyShippedRepo();
    const r = await drivercert([
      'cycle',
      'import-guideline',
      join(REFERENCE, 'cinder-support-matrix.ini'),
      '--cycle',
      '2025.2',
      '--repo',
      root,
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cinder-support-matrix\.ini not valid JSON/);
    expect(r.stderr).toMatch(/tip: /);
  });

  it('refuses an unknown cycle and a missing --cycle', async () => {
    const root = copyShippedRepo();
    const file = join(REFERENCE, 'interop-2020.06.json');
    expect((await drivercert(['cycle', 'import-guideline', file, '--cycle', '1999.1', '--repo', root])).stderr).toMatch(
      /cycle 1999\.1 does not exist/,
    );
    expect((await drivercert(['cycle', 'import-guideline', file, '--repo', root])).code).toBe(2);
  });
});
