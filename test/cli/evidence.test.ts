// A dishonest vendor's submissions, made as a vendor would make them: the files of a run that is
// already in the repository (unpacked from its bundle, edited) packed again with `drivercert pack`
// for another driver or cycle. validate refuses each one, naming the rule, and accepts the
// honest control beside them.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { copyShippedRepo, drivercert, json, tempDir } from '../helpers/cli.js';
import { testPackets } from '../../scripts/lib/formats/subunit-v2-writer.js';
import { SubunitV2Parser } from '../../scripts/lib/formats/subunit-v2.js';

interface Finding {
  rule: string;
  file: string;
  line?: number;
  pointer?: string;
  message: string;
}
interface ValidateOut {
  ok: boolean;
  errors: Finding[];
}

const LVM_CLASS = 'cinder.volume.drivers.lvm.LVMVolumeDriver';
const NFS_CLASS = 'cinder.volume.drivers.nfs.NfsDriver';
const STATED = ['--submitter', 'mallory', '--backend-model', 'Array 9000', '--backend-version', '1.0', '--force'];

/** The members of a shipped submission's bundle, unpacked into a folder of their own. */
function unpack(bundle: string): string {
  const dir = tempDir('drivercert-unpacked-');
  const r = spawnSync('tar', ['xzf', bundle, '-C', dir]);
  expect(r.status, String(r.stderr)).toBe(0);
  return dir;
}

/** Pack `files` for `driver` into `root`, then validate that submission; the refusals, by rule. */
async function packAndValidate(root: string, driver: string, files: { log: string; subunit: string }) {
  const p = await drivercert([
    'pack',
    '--repo',
    root,
    '--driver',
    driver,
    '--log',
    files.log,
    ...STATED,
    '--subunit',
    files.subunit,
  ]);
  expect(p.code, p.stderr).toBe(0);
  const v = json<ValidateOut>(
    await drivercert(['validate', '--repo', root, '--format', 'json', `results/2025.2/${driver}`]),
  );
  return { ...v, rules: [...new Set(v.errors.map((e) => e.rule))].sort() };
}

let lvm2025_2: string;
let nfs2025_1: string;
beforeAll(() => {
  lvm2025_2 = unpack(join(copyShippedRepo(), 'results/2025.2/lvm/lvm-2025.2.tgz'));
  nfs2025_1 = unpack(join(copyShippedRepo(), 'results/2025.1/nfs/nfs-2025.1.tgz'));
});

/** A copy of a cert.log with `edit` applied, written beside it. */
function editedLog(dir: string, name: string, edit: (text: string) => string): string {
  const path = join(dir, name);
  writeFileSync(path, edit(readFileSync(join(dir, 'cert.log'), 'utf8')));
  return path;
}

describe('validate refuses runs packed dishonestly', () => {
  it("accepts the honest control: lvm's own run packed again for lvm", async () => {
    const root = copyShippedRepo();
    const v = await packAndValidate(root, 'lvm', {
      log: join(lvm2025_2, 'cert.log'),
      subunit: join(lvm2025_2, 'tempest.subunit'),
    });
    expect(v.errors).toEqual([]);
  });

  it("refuses another driver's passing run relabelled (same stream, only volume_driver changed)", async () => {
    const root = copyShippedRepo();
    const log = editedLog(lvm2025_2, 'relabelled.log', (t) => t.replace(LVM_CLASS, NFS_CLASS));
    const v = await packAndValidate(root, 'nfs', { log, subunit: join(lvm2025_2, 'tempest.subunit') });
    expect(v.rules).toEqual(['run-not-copied']);
    expect(v.errors[0]!.message).toContain("the run's test durations are results/2025.2/lvm/result.yaml's");
  });

  it("refuses last cycle's run resubmitted to the open cycle", async () => {
    const root = copyShippedRepo();
    const v = await packAndValidate(root, 'nfs', {
      log: join(nfs2025_1, 'cert.log'),
      subunit: join(nfs2025_1, 'tempest.subunit'),
    });
    expect(v.rules).toEqual(['run-in-cycle', 'run-not-copied']);
    expect(v.errors.find((e) => e.rule === 'run-not-copied')!.message).toContain('results/2025.1/nfs/result.yaml');
    expect(v.errors.find((e) => e.rule === 'run-in-cycle')!.message).toContain('before cycle 2025.2 opened');
  });

  it("refuses a cinder.conf whose enabled backend is LVM while an unused section names the driver's class", async () => {
    const root = copyShippedRepo();
    const log = editedLog(lvm2025_2, 'unused-section.log', (t) =>
      t
        .replace(`volume_driver = ${LVM_CLASS}\n`, '')
        .replace('[lvmdriver-1]', `[nfs-1]\nvolume_driver = ${NFS_CLASS}\n[lvmdriver-1]`),
    );
    const v = await packAndValidate(root, 'nfs', { log, subunit: join(lvm2025_2, 'tempest.subunit') });
    expect(v.rules).toContain('enabled-backend-driver');
    expect(v.errors.find((e) => e.rule === 'enabled-backend-driver')!.message).toContain(
      `backend [lvmdriver-1] sets no volume_driver, so Cinder ran its default driver (${LVM_CLASS})`,
    );
  });

  it('refuses a run whose tests all took 0 s', async () => {
    const root = copyShippedRepo();
    const dir = tempDir('drivercert-zero-');
    const start = Date.parse('2025-11-04T09:05:00Z') / 1000;
    // The run's own tests and outcomes, every one written again as having taken no time.
    const parser = new SubunitV2Parser();
    parser.write(readFileSync(join(lvm2025_2, 'tempest.subunit')));
    const stream = Buffer.concat(
      parser.end().tests.flatMap((t, i) =>
        testPackets({
          id: t.id,
          status: t.status === 'incomplete' ? 'fail' : t.status,
          start: start + i,
          seconds: 0,
          ...(t.reason ? { reason: t.reason } : {}),
          ...(t.detail ? { traceback: t.detail } : {}),
        }),
      ),
    );
    writeFileSync(join(dir, 'zero.subunit'), stream);
    const log = editedLog(lvm2025_2, 'zero.log', (t) =>
      t.replace(/^(\{\d\} .*) \[[\d.]+s\] \.\.\. ok$/gm, '$1 ... ok'),
    );
    const v = await packAndValidate(root, 'lvm', { log, subunit: join(dir, 'zero.subunit') });
    expect(v.rules).toContain('run-plausible');
    expect(v.errors.find((e) => e.rule === 'run-plausible')!.message).toMatch(
      /^\d+ of the \d+ tests that ran took no time/,
    );
  });
});
