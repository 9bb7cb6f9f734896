// A small repository with every case the matrix must show: passed runs, an honest failed
// run, a withdrawn result, a removed driver with history, an unsupported driver and a
// supported one with no results, and a driver whose every text field is hostile.
import type { Result } from '../../scripts/lib/model.js';
import { features, makeCycle, makeDriver, makeResult, writeRepo } from './fixtures.js';

export const HOSTILE_NAME = 'Evil | <script>alert(1)</script>\n[x](javascript:alert(1)) `tick`';
export const HOSTILE_VENDOR = '*Vendor* _Inc_ <!-- & https://evil.example';
// The schema allows a protocol only letters, digits, spaces and `./_-` (validate refuses more,
// and the matrix refuses a file that does not match its schema): emphasis is what is left to try.
export const HOSTILE_PROTOCOL = 'iSER __strong__ _x_ ./..';
export const HOSTILE_NOTES =
  '# heading\n> quote\n- item\n| a | b |\n<img src=x onerror=alert(1)>\n![i](https://evil.example/i.png) www.evil.example me@evil.example';
export const HOSTILE_TEST = 'tempest.api.volume.Evil.test_x[id-1|<b>](javascript:alert(1))';
export const WITHDRAW_REASON = 'The bundle came from a patched tempest | see <b>PR</b>';

/** The results of the world, each written with renderResult. */
export function worldResults(): Result[] {
  return [
    makeResult({
      driver: 'lvm',
      cycle: '2025.1',
      submitted: '2025-05-01',
      capabilities: { 'volumes-create': 'passed', 'feature-online-extend': 'passed' },
    }),
    makeResult({
      driver: 'lvm',
      submitted: '2025-10-20',
      run: { start: '2025-10-19T08:00:00Z', end: '2025-10-19T10:30:00Z' },
      results: { total: 450, passed: 360, failed: 0, skipped: 90 },
      capabilities: { 'volumes-create': 'passed', 'feature-online-extend': 'passed', 'feature-qos': 'missing' },
    }),
    makeResult({
      driver: 'nfs',
      submitted: '2025-10-21',
      results: { total: 450, passed: 350, failed: 10, skipped: 90 },
      failed_tests: Array.from(
        { length: 10 },
        (_, i) => `tempest.api.volume.test_volumes_actions.VolumesActionsTest.test_failure_${i}`,
      ),
      capabilities: { 'volumes-create': 'failed', 'feature-online-extend': 'failed' },
      verdict: 'failed',
      notes: 'Honest run: the NFS share was full.',
    }),
    makeResult({
      driver: 'rbd',
      cycle: '2025.1',
      submitted: '2025-06-01',
      capabilities: { 'volumes-create': 'passed', 'feature-qos': 'passed' },
    }),
    makeResult({ driver: 'rbd', submitted: '2025-10-22', withdrawn: { date: '2025-11-02', reason: WITHDRAW_REASON } }),
    makeResult({ driver: 'oldie', cycle: '2025.1', submitted: '2025-05-02' }),
    makeResult({
      driver: 'hostile',
      submitted: '2025-10-23',
      environment: { protocol: HOSTILE_PROTOCOL, backend: { model: HOSTILE_NAME, version: '1 | 2' } },
      notes: HOSTILE_NOTES,
      results: { total: 5, passed: 4, failed: 1, skipped: 0 },
      failed_tests: [HOSTILE_TEST],
      capabilities: { 'volumes-create': 'failed', 'evil.cap_x': 'failed' },
      verdict: 'failed',
    }),
  ];
}

/** Write the world into a new scratch repository; returns its root. */
export function writeWorld(root?: string): string {
  return writeRepo(
    {
      drivers: [
        makeDriver('lvm', {
          name: 'LVM',
          vendor: 'OpenStack Cinder',
          protocols: ['iSCSI', 'NVMe-TCP'],
          maintainers: ['lvm-maintainer'],
          features: features('online_extend_support', 'qos', 'volume_replication', 'revert_to_snapshot_assisted'),
        }),
        makeDriver('nfs', {
          name: 'NFS',
          vendor: 'OpenStack Cinder',
          protocols: ['NFS'],
          features: features('online_extend_support'),
        }),
        makeDriver('rbd', {
          name: 'RBD',
          vendor: 'OpenStack Cinder',
          protocols: ['ceph'],
          maintainers: ['ceph-a', 'ceph-b'],
          features: features('qos', 'multi-attach'),
        }),
        makeDriver('oldie', { name: 'Old Array', vendor: 'Gone Corp', status: 'removed' }),
        makeDriver('lonely', { name: 'Lonely Array', vendor: 'Quiet Corp', status: 'unsupported' }),
        makeDriver('quiet', { name: 'Quiet Array', vendor: 'Quiet Corp', features: features('thin_provisioning') }),
        makeDriver('hostile', {
          name: HOSTILE_NAME,
          vendor: HOSTILE_VENDOR,
          protocols: [HOSTILE_PROTOCOL],
          maintainers: ['evil-login'],
        }),
      ],
      cycles: [
        makeCycle('2025.1', { codename: 'epoxy' }),
        makeCycle('2025.2', { codename: 'flamingo', state: 'open', opened: '2025-10-01', closed: undefined }),
      ],
      results: worldResults(),
    },
    root,
  );
}
