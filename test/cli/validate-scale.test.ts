// validate at scale: --jobs reads bundles in worker threads with the same output as one
// thread, --shard K/N splits the submissions into stable, disjoint parts (drivers.yaml and
// the cycles checked in every part), and bundles known only by their Git LFS pointers.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { copyShippedRepo, drivercert, drivercertBin, json } from '../helpers/cli.js';
import { appendIn, replaceIn } from '../helpers/edit.js';
import { replaceByPointer } from '../helpers/lfs.js';

const SUBMISSIONS = [
  'results/2025.1/lvm',
  'results/2025.1/nfs',
  'results/2025.1/rbd',
  'results/2025.2/lvm',
  'results/2025.2/nfs',
  'results/2025.2/rbd',
];

let broken: string;
beforeAll(() => {
  // Findings of every kind and level: a corrupt bundle, an unsafe member, a lying result.yaml,
  // a bundle known by its pointer, another whose pointer names other content.
  broken = copyShippedRepo();
  writeFileSync(join(broken, 'results/2025.1/nfs/nfs-2025.1.tgz'), 'not gzip');
  replaceIn(broken, 'results/2025.2/lvm/result.yaml', /passed: \d+/, 'passed: 1');
  replaceByPointer(broken, 'results/2025.1/rbd/rbd-2025.1.tgz');
  replaceByPointer(broken, 'results/2025.2/rbd/rbd-2025.2.tgz', { size: 5 });
});

describe('validate --jobs', () => {
  it('reports byte for byte what one thread reports, and how many bundles it knew by their pointers', async () => {
    for (const format of ['text', 'json']) {
      const one = await drivercert(['validate', '--repo', broken, '--format', format, '--jobs', '1']);
      const two = await drivercert(['validate', '--repo', broken, '--format', format, '--jobs', '2']);
      expect(one.code).toBe(1);
      expect(two).toEqual(one);
      if (format === 'json') {
        expect(json(two).summary).toEqual({ drivers: 75, cycles: 2, submissions: 6, bundles: 4, pointers: 2 });
      } else {
        expect(two.stdout).toMatch(/\(4 bundles read, 2 checked from their Git LFS pointers only\)\n$/);
        expect(two.stdout).toMatch(/bundle\.size: result\.yaml says \d+ bytes, the bundle's Git LFS pointer says 5\n/);
        expect(two.stdout).toContain('results/2025.1/nfs/nfs-2025.1.tgz not a gzip file');
      }
    }
  });

  it('loads its workers from the built JavaScript when the bin runs', async () => {
    const one = await drivercert(['validate', '--repo', broken, '--format', 'json', '--jobs', '1']);
    const bin = drivercertBin(['validate', '--repo', broken, '--format', 'json'], { env: { DRIVERCERT_JOBS: '2' } });
    expect(bin).toEqual(one);
  });

  it('refuses a number of workers out of range, naming where it came from', async () => {
    for (const [args, env, said] of [
      [['--jobs', '0'], {}, '--jobs needs a number of worker threads from 1 to 4, got "0"'],
      [['--jobs', '5'], {}, '--jobs needs'],
      [[], { DRIVERCERT_JOBS: 'many' }, 'DRIVERCERT_JOBS needs a number of worker threads from 1 to 4, got "many"'],
    ] as const) {
      const r = await drivercert(['validate', '--repo', broken, ...args], { env: { ...env } });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(said);
    }
  });
});

describe('validate --shard', () => {
  it('splits the submissions into disjoint parts that cover them all, for every N', async () => {
    for (const n of [1, 2, 4, 7]) {
      const parts: string[][] = [];
      for (let k = 1; k <= n; k++) {
        const r = await drivercert(['validate', '--repo', broken, '--shard', `${k}/${n}`, '--list']);
        expect(r.code).toBe(0);
        parts.push(r.stdout.split('\n').filter(Boolean));
      }
      expect(parts.flat().sort()).toEqual(SUBMISSIONS);
      const sizes = parts.map((p) => p.length);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    }
  });

  it("validates only its part's submissions, and drivers.yaml and the cycles in every part", async () => {
    const repo = copyShippedRepo();
    appendIn(repo, 'results/2025.1/cycle.yaml', 'surprise: 1\n');
    writeFileSync(join(repo, 'results/2025.2/nfs/nfs-2025.2.tgz'), 'not gzip');
    const files = async (k: number) => {
      const r = json<{ errors: { file: string }[] }>(
        await drivercert(['validate', '--repo', repo, '--shard', `${k}/2`, '--format', 'json']),
      );
      return [...new Set(r.errors.map((e) => e.file.split('/').slice(0, 3).join('/')))].sort();
    };
    const list = (await drivercert(['validate', '--repo', repo, '--shard', '1/2', '--list'])).stdout;
    const nfsIn = list.includes('results/2025.2/nfs\n') ? 1 : 2;
    expect(await files(nfsIn)).toEqual(['results/2025.1/cycle.yaml', 'results/2025.2/nfs']);
    expect(await files(3 - nfsIn)).toEqual(['results/2025.1/cycle.yaml']);
  });

  it('refuses a part that does not exist, and --list or PATH used wrongly', async () => {
    for (const [args, said] of [
      [['--shard', '3/2'], '--shard needs K/N with 1 ≤ K ≤ N ≤ 256'],
      [['--shard', '0/2'], '--shard needs K/N'],
      [['--list'], '--list needs --shard K/N'],
      [['--shard', '1/2', 'results/2025.1'], '--shard splits the whole repository'],
    ] as const) {
      const r = await drivercert(['validate', '--repo', broken, ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain(said);
    }
  });
});
