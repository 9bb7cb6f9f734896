// `drivercert missing`: the drivers without a current result, as Markdown and as JSON a
// workflow turns into one tracking issue per driver.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MissingIssue } from '../../scripts/lib/matrix/missing.js';
import { drivercert, json } from '../helpers/cli.js';
import { injections, parseGfm } from './gfm.js';
import { WITHDRAW_REASON, writeWorld } from './world.js';

describe('missing --format json', () => {
  it('lists one issue per driver without a standing current result, removed drivers excluded', async () => {
    const r = await drivercert(['missing', '--format', 'json', '--repo', writeWorld()]);
    expect(r.code).toBe(0);
    const issues = json<MissingIssue[]>(r);
    expect(issues.map((i) => i.driver)).toEqual(['rbd', 'lonely', 'quiet']);
    const [rbd, lonely, quiet] = issues;
    expect(rbd).toMatchObject({
      title: 'no cert results available for driver rbd in cycle 2025.2',
      labels: ['cert-results-missing'],
      cycle: '2025.2',
      maintainers: ['ceph-a', 'ceph-b'],
      stale: false,
      latest: { cycle: '2025.1', standing: 'passed', path: 'results/2025.1/rbd/' },
      withdrawn: { date: '2025-11-02' },
    });
    expect(rbd!.body).toContain('- Maintainers: @ceph-a, @ceph-b');
    expect(rbd!.body).toContain('was withdrawn on 2025-11-02');
    expect(lonely).toMatchObject({
      status: 'unsupported',
      stale: false,
      latest: null,
      labels: ['cert-results-missing'],
    });
    expect(quiet).toMatchObject({ stale: true, labels: ['cert-results-missing', 'no-recent-results'] });
    expect(quiet!.body).toContain('No recent results');
    for (const i of issues) expect(injections(parseGfm(i.body))).toEqual([]);
  });

  it('breaks issue references in contributor text, which GitHub would link in an issue body', async () => {
    const root = writeWorld();
    const file = join(root, 'results/2025.2/rbd/result.yaml');
    const yaml = readFileSync(file, 'utf8');
    expect(yaml).toContain(WITHDRAW_REASON);
    writeFileSync(file, yaml.replace(WITHDRAW_REASON, '"see #12, org/repo#3 and GH-7"'));
    const rbd = json<MissingIssue[]>(await drivercert(['missing', '--format', 'json', '--repo', root])).find(
      (i) => i.driver === 'rbd',
    )!;
    expect(rbd.body).toContain('see \\#&#8203;12, org/repo\\#&#8203;3 and GH-&#8203;7');
    // As GitHub reads it: the character reference is the zero-width space it stands for.
    expect(rbd.body.replaceAll('&#8203;', '\u200b')).not.toMatch(/#\d|GH-\d/);
  });

  it('is an empty array, with a message on stderr, when no cycle is open', async () => {
    const root = writeWorld();
    expect((await drivercert(['cycle', 'close', '--repo', root])).code).toBe(0);
    const r = await drivercert(['missing', '--format', 'json', '--repo', root]);
    expect(r.code).toBe(0);
    expect(json(r)).toEqual([]);
    expect(r.stderr).toContain('no cycle is open');
  });
});

describe('missing (markdown)', () => {
  it('prints a table with maintainers and the drivers with no recent results', async () => {
    const r = await drivercert(['missing', '--repo', writeWorld()]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^# Drivers without results in cycle `2025\.2` \(flamingo\)\n/);
    expect(r.stdout).toContain('3 of 6 drivers that are not removed have no result in `2025.2`');
    expect(r.stdout).toContain(
      '| RBD (`rbd`) | OpenStack Cinder | supported | ceph-a, ceph-b | withdrawn on 2025-11-02 | — |',
    );
    expect(r.stdout).toContain(
      '| Quiet Array (`quiet`) | Quiet Corp | supported | none (core reviewers) | never submitted | no recent results |',
    );
    expect(r.stdout).toContain(
      '1 supported driver has no result in the last (`2025.1`) or the current (`2025.2`) cycle: `quiet`.',
    );
    expect((await drivercert(['missing', '--format', 'yaml', '--repo', writeWorld()])).code).toBe(2);
  });
});
