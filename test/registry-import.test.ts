// drivers.yaml from Cinder's real support matrix: complete, idempotent, and a merge that
// never loses what people maintain by hand.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { importSupportMatrix } from '../scripts/lib/registry/import.js';
import { parseSupportMatrix, splitTitle, vendorFromTitle } from '../scripts/lib/registry/support-matrix.js';
import type { Registry } from '../scripts/lib/model.js';
import { REFERENCE, ROOT, copyShippedRepo, drivercert } from './helpers/cli.js';

const INI_FILE = join(REFERENCE, 'cinder-support-matrix.ini');
const INI = readFileSync(INI_FILE, 'utf8');
const SHIPPED = readFileSync(join(ROOT, 'drivers.yaml'), 'utf8');

describe('the support matrix reader', () => {
  it('reads all 75 drivers and the ten operations', () => {
    const m = parseSupportMatrix(INI, INI_FILE);
    expect(m.drivers).toHaveLength(75);
    expect(m.operations).toEqual([
      'supported',
      'online_extend_support',
      'qos',
      'volume_replication',
      'consistency_groups',
      'thin_provisioning',
      'volume_migration_storage_assisted',
      'multi-attach',
      'revert_to_snapshot_assisted',
      'active_active_ha',
    ]);
  });

  it('splits titles into name and protocols, and finds the vendor', () => {
    expect(splitTitle('Dell PowerMax (2000, 8000, 2500, 8500) Storage Driver (iSCSI, FC, NVMe-TCP)')).toEqual({
      name: 'Dell PowerMax (2000, 8000, 2500, 8500) Storage Driver',
      protocols: ['iSCSI', 'FC', 'NVMe-TCP'],
    });
    expect(splitTitle('NetApp Data ONTAP Driver (iSCSI,FC)').protocols).toEqual(['iSCSI', 'FC']);
    expect(splitTitle('NetApp ASA r2 (iSCSI, FC, NVMe/TCP)').protocols).toEqual(['iSCSI', 'FC', 'NVMe-TCP']);
    expect(vendorFromTitle('dell_emc_powermax', 'Dell PowerMax (2000) Storage Driver (FC)')).toBe('Dell');
    expect(vendorFromTitle('lvm', 'Logical Volume Manager (LVM) Reference Driver (iSCSI)')).toBe('OpenStack Cinder');
    expect(vendorFromTitle('rbd', 'RBD (Ceph) Storage Driver (RBD)')).toBe('OpenStack Cinder');
    expect(vendorFromTitle('rbd_iscsi', '(Ceph) iSCSI Storage Driver (iSCSI)')).toBe('Ceph');
    expect(vendorFromTitle('vastdata', 'VAST Data Volume Driver (NVMe-TCP)')).toBe('VAST Data');
    expect(vendorFromTitle('infortrend', 'infortrend Storage Driver (iSCSI, FC)')).toBe('Infortrend');
  });

  it('names the line of a malformed ini', () => {
    expect(() => parseSupportMatrix('[driver.x]\ntitle=X (FC)\nthis line is wrong\n', 'm.ini')).toThrow(
      /cannot read this line/,
    );
    try {
      parseSupportMatrix('[driver.x]\ntitle=X (FC)\nthis line is wrong\n', 'm.ini');
    } catch (e) {
      expect(e).toMatchObject({ file: 'm.ini', line: 3 });
    }
  });
});

describe('the shipped drivers.yaml', () => {
  const reg = parse(SHIPPED) as Registry;

  it('holds all 75 drivers with the ini ids, each with a class path', () => {
    expect(reg.drivers.map((d) => d.id)).toEqual(parseSupportMatrix(INI, INI_FILE).drivers.map((d) => d.id));
    for (const d of reg.drivers) expect(d.class.length, d.id).toBeGreaterThan(0);
  });

  it('takes claims and status from the ini', () => {
    const lvm = reg.drivers.find((d) => d.id === 'lvm')!;
    expect(lvm).toMatchObject({
      vendor: 'OpenStack Cinder',
      protocols: ['iSCSI'],
      status: 'supported',
      class: ['cinder.volume.drivers.lvm.LVMVolumeDriver'],
    });
    expect(lvm.features.online_extend_support).toBe(true);
    expect(reg.drivers.find((d) => d.id === 'dell_emc_sc')!.status).toBe('unsupported');
    expect(reg.drivers.filter((d) => d.status === 'unsupported').map((d) => d.id)).toEqual([
      'dell_emc_xtremio',
      'dell_emc_sc',
      'dell_emc_vnx',
      'prophetstor',
      'qnap',
      'vrtsaccess',
      'vrtscnfs',
      'vzstorage',
    ]);
  });

  it('re-running the import on the shipped ini changes nothing', () => {
    const { text, summary } = importSupportMatrix(INI, INI_FILE, SHIPPED);
    expect(text).toBe(SHIPPED);
    expect(summary).toMatchObject({ added: [], updated: [], unchanged: 75, notInMatrix: [] });
  });

  it('the command reports "unchanged" and --check passes', async () => {
    const root = copyShippedRepo();
    const r = await drivercert(['registry', 'import-support-matrix', INI_FILE, '--repo', root]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/0 added, 0 updated, 75 unchanged/);
    expect(readFileSync(join(root, 'drivers.yaml'), 'utf8')).toBe(SHIPPED);
    expect((await drivercert(['registry', 'import-support-matrix', INI_FILE, '--repo', root, '--check'])).code).toBe(0);
  });
});

describe('importing a newer support matrix', () => {
  // Hand-maintained fields on lvm and nfs, plus a comment.
  const handEdited = SHIPPED.replace(
    /(- id: lvm\n(?:.*\n)*?\s+maintainers:) \[\]/,
    '$1 [octocat]\n    notes: Tested nightly on the gate.',
  )
    .replace(/(- id: nfs\n(?:.*\n)*?\s+class:\n)/, '$1      # kept by hand\n')
    .replace(/(- id: qnap\n(?:.*\n)*?\s+status:) unsupported/, '$1 removed');
  // A newer ini: a new driver, a renamed title, a changed claim, and a dropped driver.
  const newer = INI.replace(
    '[driver.zadara]',
    '[driver.acme]\ntitle=ACME Storage Driver (iSCSI, NVMe/TCP)\n\n[driver.zadara]',
  )
    .replace('title=Generic NFS Reference Driver (NFS)', 'title=Generic NFS Reference Driver (NFS, pNFS)')
    .replace(/(\[operation\.qos\][\s\S]*?driver\.lvm=)missing/, '$1complete')
    .replace(/^\[driver\.datacore\]\ntitle=.*\n/m, '')
    .replace(/^driver\.datacore=.*\n/gm, '');

  it('adds and updates drivers and keeps maintainers, notes, class, comments and removals', () => {
    expect(newer).not.toBe(INI);
    const { text, summary } = importSupportMatrix(newer, 'new.ini', handEdited);
    const reg = parse(text) as Registry;
    expect(summary.added).toEqual(['acme']);
    expect(summary.needClass).toEqual(['acme']);
    expect(summary.notInMatrix).toEqual(['datacore']);
    expect(summary.updated).toContainEqual({ id: 'nfs', fields: ['protocols'] });
    const lvm = reg.drivers.find((d) => d.id === 'lvm')!;
    expect(lvm.maintainers).toEqual(['octocat']);
    expect(lvm.notes).toBe('Tested nightly on the gate.');
    expect(lvm.features.qos).toBe(true);
    expect(reg.drivers.find((d) => d.id === 'nfs')!.protocols).toEqual(['NFS', 'pNFS']);
    expect(text).toContain('# kept by hand');
    expect(reg.drivers.find((d) => d.id === 'qnap')!.status).toBe('removed');
    expect(reg.drivers.find((d) => d.id === 'datacore')).toBeDefined();
    expect(reg.drivers.find((d) => d.id === 'acme')).toMatchObject({
      vendor: 'ACME',
      protocols: ['iSCSI', 'NVMe-TCP'],
      class: [],
      maintainers: [],
    });
    // And the merge is idempotent too.
    expect(importSupportMatrix(newer, 'new.ini', text).text).toBe(text);
  });
});
