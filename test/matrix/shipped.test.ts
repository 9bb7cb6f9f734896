// The shipped data: the committed MATRIX.md is what `drivercert matrix` gives (so a fresh
// clone passes `matrix --check`), a hand edit makes the check fail, and the shipped cycles
// carry the feature capabilities the claims are set against.
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Cycle } from '../../scripts/lib/model.js';
import { copyShippedRepo, drivercert, ROOT } from '../helpers/cli.js';
import { replaceIn } from '../helpers/edit.js';

describe('the shipped MATRIX.md', () => {
  it('passes `matrix --check` on the shipped data', async () => {
    const r = await drivercert(['matrix', '--check', '--repo', copyShippedRepo()]);
    expect(r.stderr).toBe('MATRIX.md is up to date\n');
    expect(r.code).toBe(0);
  });

  it('fails `matrix --check` after a hand edit, naming the command that fixes it', async () => {
    const root = copyShippedRepo();
    replaceIn(root, 'MATRIX.md', 'not submitted', 'passed');
    const r = await drivercert(['matrix', '--check', '--repo', root]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('run `npx drivercert matrix`');
    const appended = copyShippedRepo();
    appendFileSync(join(appended, 'MATRIX.md'), '\n');
    expect((await drivercert(['matrix', '--check', '--repo', appended])).code).toBe(1);
  });
});

describe('the shipped cycles', () => {
  const FEATURES: Record<string, string> = {
    'feature-online-extend': 'online_extend_support',
    'feature-qos': 'qos',
    'feature-multiattach': 'multi-attach',
    'feature-revert-to-snapshot': 'revert_to_snapshot_assisted',
    'feature-groups': 'consistency_groups',
    'feature-migration': 'volume_migration_storage_assisted',
  };

  for (const name of ['2025.1', '2025.2']) {
    it(`${name} lists optional feature capabilities with real tempest tests, and none for untestable features`, () => {
      const cycle = parse(readFileSync(join(ROOT, 'results', name, 'cycle.yaml'), 'utf8')) as Cycle;
      const features = Object.entries(cycle.capabilities).filter(([, c]) => c.feature !== undefined);
      expect(Object.fromEntries(features.map(([id, c]) => [id, c.feature]))).toEqual(FEATURES);
      for (const [id, c] of features) {
        expect(c.required, id).toBe(false);
        for (const t of c.tests) expect(t.idempotent_id, t.id).toMatch(/^id-[0-9a-f-]{36}$/);
      }
      expect(cycle.capabilities['feature-qos']!.description).toMatch(
        /not .*enforce|no upstream tempest test checks that a backend enforces/,
      );
      const featuresWithTests = new Set(features.map(([, c]) => c.feature));
      for (const f of ['volume_replication', 'thin_provisioning', 'active_active_ha'])
        expect(featuresWithTests.has(f as never)).toBe(false);
    });
  }

  it('the matrix says "no test evidences this" for claimed features with no upstream test', () => {
    const md = readFileSync(join(ROOT, 'MATRIX.md'), 'utf8');
    const row = md.split('\n').find((l) => l.includes('(`dell_emc_powermax`)') && l.includes('replication'))!;
    const cells = row.split(' | ');
    expect(cells[4]).toBe('replication, thin provisioning, active/active HA');
    expect(cells[2]).toContain('online extend');
  });
});
