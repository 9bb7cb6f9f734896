// The cycle lifecycle regenerates the matrix: `cycle open` on a copy of the shipped data
// moves the current column to "last", starts every driver at "not submitted", and leaves
// every result file byte for byte as it was; `cycle close` leaves no current cycle.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyShippedRepo, drivercert, REFERENCE, TODAY } from '../helpers/cli.js';
import { makeResult, writeResult } from './fixtures.js';
import { parseGfm, tablesOf, textOf } from './gfm.js';

/** Every file under results/, by path, with its sha256. */
function hashTree(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(relative(root, p), createHash('sha256').update(readFileSync(p)).digest('hex'));
    }
  };
  walk(join(root, 'results'));
  return out;
}

/** The shipped data plus a few results in both cycles (the shipped data has none yet). */
async function shippedWithResults(): Promise<string> {
  const root = copyShippedRepo();
  writeResult(root, makeResult({ driver: 'lvm', cycle: '2025.2', submitted: '2025-10-20' }));
  writeResult(
    root,
    makeResult({
      driver: 'nfs',
      cycle: '2025.2',
      submitted: '2025-10-21',
      verdict: 'failed',
      failed_tests: ['tempest.api.volume.test_x.T.test_y'],
    }),
  );
  writeResult(root, makeResult({ driver: 'lvm', cycle: '2025.1', submitted: '2025-05-01' }));
  expect((await drivercert(['matrix', '--repo', root])).code).toBe(0);
  return root;
}

function mainTable(root: string): string[][] {
  const md = readFileSync(join(root, 'MATRIX.md'), 'utf8');
  return tablesOf(parseGfm(md))[1]!.children.map((r) => r.children.map(textOf));
}

describe('cycle open', () => {
  it('closes 2025.2, opens 2026.1, keeps every result file byte-identical and regenerates MATRIX.md', async () => {
    const root = await shippedWithResults();
    const before = hashTree(root);
    const r = await drivercert(['cycle', 'open', '2026.1', '--codename', 'gazpacho', '--repo', root]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('regenerated MATRIX.md');
    const after = hashTree(root);
    for (const [path, hash] of before) {
      if (path.endsWith('cycle.yaml')) continue;
      expect(after.get(path), path).toBe(hash);
    }
    // Only the closed cycle's file changed, and only the new cycle's file was added: nothing moved, nothing left behind.
    expect([...after.keys()].filter((p) => !before.has(p))).toEqual(['results/2026.1/cycle.yaml']);
    expect([...before.keys()].filter((p) => before.get(p) !== after.get(p))).toEqual(['results/2025.2/cycle.yaml']);
    const closed = readFileSync(join(root, 'results/2025.2/cycle.yaml'), 'utf8');
    expect(closed).toContain('state: closed\n');
    expect(closed).toContain(`closed: ${TODAY}\n`);
    expect(readFileSync(join(root, 'results/2026.1/cycle.yaml'), 'utf8')).toMatch(
      /state: open\nopened: "?2025-11-20"?\n/,
    );

    const rows = mainTable(root);
    expect(rows[0]!.slice(4)).toEqual(['Last: 2025.2', 'Current: 2026.1']);
    for (const row of rows.slice(1)) expect(row[5], row[0]).toBe('not submitted');
    const lvm = rows.find((row) => row[0]!.endsWith('(lvm)'))!;
    expect(lvm[4]).toBe('passed · 9/10 tests passed · 2025-10-20 · submission');
    expect(rows.find((row) => row[0]!.endsWith('(nfs)'))![4]).toMatch(/^failed · /);
    expect(readFileSync(join(root, 'MATRIX.md'), 'utf8')).toContain(
      '- **Current cycle:** `2026.1` (gazpacho), open since 2025-11-20; 0 of 75 drivers submitted.',
    );
    expect((await drivercert(['matrix', '--check', '--repo', root])).code).toBe(0);
  });

  it('carries the feature capabilities over to the new cycle', async () => {
    const root = copyShippedRepo();
    expect((await drivercert(['cycle', 'open', '2026.1', '--repo', root])).code).toBe(0);
    const text = readFileSync(join(root, 'results/2026.1/cycle.yaml'), 'utf8');
    for (const id of [
      'feature-online-extend',
      'feature-qos',
      'feature-multiattach',
      'feature-revert-to-snapshot',
      'feature-groups',
      'feature-migration',
    ])
      expect(text).toContain(`  ${id}:\n`);
    expect((await drivercert(['validate', '--repo', root])).code).toBe(0);
  });
});

describe('cycle import-guideline', () => {
  it('regenerates MATRIX.md, since the capability table follows the cycle', async () => {
    const root = copyShippedRepo();
    expect((await drivercert(['cycle', 'open', '2026.1', '--repo', root])).code).toBe(0);
    const r = await drivercert([
      'cycle',
      'import-guideline',
      join(REFERENCE, 'interop-2016.08.json'),
      '--cycle',
      '2026.1',
      '--repo',
      root,
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('regenerated MATRIX.md');
    expect((await drivercert(['matrix', '--check', '--repo', root])).code).toBe(0);
  });
});

describe('cycle close', () => {
  it('leaves no current cycle, and the matrix says so clearly', async () => {
    const root = await shippedWithResults();
    const r = await drivercert(['cycle', 'close', '--repo', root]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('regenerated MATRIX.md');
    const md = readFileSync(join(root, 'MATRIX.md'), 'utf8');
    expect(md).toContain('- **Current cycle:** none. No cycle is open');
    const rows = mainTable(root);
    expect(rows[0]!.slice(4)).toEqual(['Last: 2025.2', 'Current: none open']);
    for (const row of rows.slice(1)) expect(row[5]).toBe('no open cycle');
    expect(md).toContain('## Capabilities in the current cycle\n\nNo cycle is open.');
  });

  it('reports the stale matrix when a result cannot be read, after the cycle change is made', async () => {
    const root = await shippedWithResults();
    writeResult(root, makeResult({ driver: 'rbd', cycle: '2025.2' }));
    const file = join(root, 'results/2025.2/rbd/result.yaml');
    const broken = readFileSync(file, 'utf8').replace('verdict: passed', 'verdict: [passed');
    writeFileSync(file, broken);
    const r = await drivercert(['cycle', 'close', '--repo', root]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/results\/2025\.2\/rbd\/result\.yaml:\d+:\d+ the YAML cannot be read/);
    expect(r.stderr).toContain('The cycle change was made, but MATRIX.md is stale');
    expect(readFileSync(join(root, 'results/2025.2/cycle.yaml'), 'utf8')).toContain('state: closed');
  });
});
