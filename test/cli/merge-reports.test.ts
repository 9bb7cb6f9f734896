// merge-reports: the audit's shard reports (validate --shard K/N --format json) merged into
// one, read as untrusted artifacts.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { copyShippedRepo, drivercert, json, tempDir } from '../helpers/cli.js';
import { appendIn } from '../helpers/edit.js';
import { replaceByPointer } from '../helpers/lfs.js';

let dir: string;
let whole: Record<string, unknown>;
beforeAll(async () => {
  // A cycle finding every shard reports, a broken bundle one shard reports, a pointer.
  const repo = copyShippedRepo();
  appendIn(repo, 'results/2025.1/cycle.yaml', 'surprise: 1\n');
  writeFileSync(join(repo, 'results/2025.2/nfs/nfs-2025.2.tgz'), 'not gzip');
  replaceByPointer(repo, 'results/2025.1/rbd/rbd-2025.1.tgz');
  dir = tempDir('drivercert-audit-');
  for (const k of [1, 2, 3]) {
    const r = await drivercert(['validate', '--repo', repo, '--shard', `${k}/3`, '--format', 'json']);
    writeFileSync(join(dir, `shard-${k}.json`), r.stdout);
  }
  whole = json(await drivercert(['validate', '--repo', repo, '--format', 'json']));
});

const shards = (...k: number[]) => k.map((n) => join(dir, `shard-${n}.json`));

describe('merge-reports', () => {
  it("merges the shards into the whole repository's report: each finding once, each bundle counted once", async () => {
    const r = await drivercert(['merge-reports', '--shards', '3', '--format', 'json', ...shards(1, 2, 3)]);
    expect(r.code).toBe(1);
    expect(json(r)).toEqual(whole);
  });

  it('writes the job summary: failed, with the findings and the bundles fetched from pointers only', async () => {
    const r = await drivercert(['merge-reports', '--shards', '3', ...shards(1, 2, 3)]);
    expect(r.stdout).toMatch(/^## drivercert audit: failed\n/);
    expect(r.stdout).toContain('over 3 shards.');
    expect(r.stdout).toContain('**1 bundle was not fetched from Git LFS**');
    expect(r.stdout).toMatch(/\| error \| schema \| results\/2025\.1\/cycle\.yaml:\d+:1 \| surprise: unknown field/);
    expect(r.stdout.match(/cycle\.yaml/g)).toHaveLength(1);
  });

  it('fails an audit missing a shard, or with a report that is not one, saying which', async () => {
    writeFileSync(join(dir, 'bad.json'), '{"errors": 3}');
    const r = await drivercert(['merge-reports', '--shards', '3', ...shards(1, 2), join(dir, 'bad.json')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('**1 of 3 shards reported nothing**');
    expect(r.stdout).toMatch(
      /bad\.json` could not be read: is not a drivercert validate report: \\"errors\\" is not a list/,
    );
  });

  it('passes when every shard passed', async () => {
    const ok = copyShippedRepo();
    const files: string[] = [];
    for (const k of [1, 2]) {
      const r = await drivercert(['validate', '--repo', ok, '--shard', `${k}/2`, '--format', 'json']);
      files.push(join(dir, `ok-${k}.json`));
      writeFileSync(files.at(-1)!, r.stdout);
    }
    const r = await drivercert(['merge-reports', '--shards', '2', ...files]);
    expect(r.stdout).toMatch(/^## drivercert audit: passed\n/);
    expect(r.code).toBe(0);
  });
});
