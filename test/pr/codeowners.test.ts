// `drivercert codeowners [--check]`: .github/CODEOWNERS generated from drivers.yaml, so
// GitHub requires a driver's maintainers (or the core reviewers) for its folders.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderCodeowners } from '../../scripts/lib/codeowners.js';
import { GENERATED } from '../../scripts/lib/generated.js';
import type { Driver, Registry } from '../../scripts/lib/model.js';
import { ROOT, copyShippedRepo, drivercert } from '../helpers/cli.js';
import { replaceIn } from '../helpers/edit.js';
import { editRegistry } from '../helpers/pr-repo.js';

const FILE = '.github/CODEOWNERS';

function driver(id: string, maintainers: string[] = []): Driver {
  return {
    id,
    name: id,
    vendor: 'V',
    class: ['cinder.volume.drivers.x.X'],
    protocols: ['iSCSI'],
    maintainers,
    status: 'supported',
    features: {} as Driver['features'],
  };
}

/** The owners GitHub would pick for `path`: the last matching line wins. */
function ownersOf(codeowners: string, path: string): string[] {
  let owners: string[] = [];
  for (const line of codeowners.split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    const [pattern, ...who] = line.split(/\s+/);
    const re =
      pattern === '*' ? /^/ : new RegExp(`^${pattern!.slice(1).replace(/\*/g, '[^/]+').replace(/\./g, '\\.')}`);
    if (re.test(path)) owners = who;
  }
  return owners;
}

describe('drivercert codeowners', () => {
  it('--check passes on the shipped data, whose CODEOWNERS is committed', async () => {
    expect(existsSync(join(ROOT, FILE))).toBe(true);
    const r = await drivercert(['codeowners', '--check']);
    expect(r.stderr).toBe('.github/CODEOWNERS is up to date\n');
    expect(r.code).toBe(0);
  });

  it('--check fails after a maintainer is added, naming the command, until it is regenerated', async () => {
    const root = copyShippedRepo();
    editRegistry(root, (doc, index) => doc.setIn(['drivers', index('lvm'), 'maintainers'], ['alice']));
    const before = readFileSync(join(root, FILE), 'utf8');
    const stale = await drivercert(['codeowners', '--check', '--repo', root]);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain('.github/CODEOWNERS is stale: it does not match drivers.yaml.');
    expect(stale.stderr).toContain('Run `npx drivercert codeowners` and commit the result.');
    expect(readFileSync(join(root, FILE), 'utf8')).toBe(before); // --check writes nothing
    const write = await drivercert(['codeowners', '--repo', root]);
    expect(write.code).toBe(0);
    expect(write.stderr).toBe('wrote .github/CODEOWNERS\n');
    expect(readFileSync(join(root, FILE), 'utf8')).toContain('\n/results/*/lvm/ @alice\n');
    expect((await drivercert(['codeowners', '--check', '--repo', root])).code).toBe(0);
    expect((await drivercert(['codeowners', '--repo', root])).stderr).toBe('.github/CODEOWNERS unchanged\n');
  });

  it('--check reports a missing or hand-edited file', async () => {
    const root = copyShippedRepo();
    rmSync(join(root, FILE));
    const missing = await drivercert(['codeowners', '--check', '--repo', root]);
    expect([missing.code, missing.stderr]).toEqual([1, expect.stringMatching(/^\.github\/CODEOWNERS is missing: /)]);
    writeFileSync(join(root, FILE), '* @mallory\n');
    expect((await drivercert(['codeowners', '--check', '--repo', root])).stderr).toMatch(/is stale/);
  });

  it('refuses an invalid drivers.yaml with its line, writing nothing', async () => {
    const root = copyShippedRepo();
    replaceIn(root, 'drivers.yaml', 'maintainers: []', 'maintainers: [not a login]');
    const before = readFileSync(join(root, FILE), 'utf8');
    const r = await drivercert(['codeowners', '--repo', root]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^drivers\.yaml:\d+ drivers\.yaml is not valid \(\/drivers\/0\/maintainers\/0 .*\), so CODEOWNERS cannot be generated/,
    );
    expect(readFileSync(join(root, FILE), 'utf8')).toBe(before);
  });

  it('is registered as a generated file, written by the same function --check uses', async () => {
    const g = GENERATED.find((x) => x.path === FILE);
    expect(g?.command).toBe('npx drivercert codeowners');
    expect(await g!.render(ROOT)).toBe(readFileSync(join(ROOT, FILE), 'utf8'));
  });
});

describe('renderCodeowners', () => {
  const registry: Registry = {
    core_reviewers: ['cert-org/core', 'carol', 'Carol'],
    drivers: [driver('zeta', ['zoe']), driver('alpha'), driver('mid', ['max', 'mia', 'max'])],
  };
  const text = renderCodeowners(registry);

  it('gives everything to the core reviewers first, then each driver folder in every cycle', () => {
    const rules = text.split('\n').filter((l) => l && !l.startsWith('#'));
    expect(rules).toEqual([
      '* @cert-org/core @carol',
      '/results/*/alpha/ @cert-org/core @carol',
      '/results/*/mid/ @max @mia',
      '/results/*/zeta/ @zoe',
    ]);
    expect(
      text.startsWith('# Generated from drivers.yaml by `npx drivercert codeowners`: do not edit by hand.\n'),
    ).toBe(true);
  });

  it("makes GitHub pick the driver's maintainers for its folders, and core reviewers elsewhere", () => {
    expect(ownersOf(text, 'results/2025.2/zeta/result.yaml')).toEqual(['@zoe']);
    expect(ownersOf(text, 'results/2026.1/zeta/zeta.tgz')).toEqual(['@zoe']);
    expect(ownersOf(text, 'results/2025.2/alpha/result.yaml')).toEqual(['@cert-org/core', '@carol']);
    expect(ownersOf(text, 'results/2025.2/cycle.yaml')).toEqual(['@cert-org/core', '@carol']);
    expect(ownersOf(text, 'drivers.yaml')).toEqual(['@cert-org/core', '@carol']);
    expect(ownersOf(text, '.github/workflows/validate.yml')).toEqual(['@cert-org/core', '@carol']);
    expect(ownersOf(text, 'results/2025.2/zetaplus/result.yaml')).toEqual(['@cert-org/core', '@carol']);
  });

  it('is deterministic: the order of drivers in drivers.yaml does not matter', () => {
    expect(renderCodeowners({ ...registry, drivers: [...registry.drivers].reverse() })).toBe(text);
  });

  it('lists a duplicate driver id once (validate reports the duplicate)', () => {
    const dup = renderCodeowners({ core_reviewers: ['c'], drivers: [driver('a', ['x']), driver('a', ['y'])] });
    expect(dup.match(/\/results\/\*\/a\//g)).toHaveLength(1);
  });
});
