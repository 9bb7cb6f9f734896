// Generates the inputs of an example submission: a cert script log (cert.log) and the
// tempest run as a subunit v2 stream, for a cycle's real required and feature tests.
// The console section of cert.log is produced by the real `subunit-trace -n -f`
// (python3-os-testr), exactly as the cert script's pretty_tox.sh produces it.
//
//   npx tsx scripts/examples/make-example-inputs.ts --driver lvm --cycle 2025.2 \
//       --date 2025-11-05 --out /tmp/lvm-inputs [--fail TEST_ID …] [--skip TEST_ID …]
//
// The outputs are examples: the runs did not happen; the test ids are tempest's.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';
import type { Cycle, Registry } from '../lib/model.js';
import { testPackets } from '../lib/formats/subunit-v2-writer.js';

const BACKENDS: Record<string, { section: string; conf: string[] }> = {
  lvm: {
    section: 'lvmdriver-1',
    conf: [
      'image_volume_cache_enabled = True',
      'volume_clear = zero',
      'lvm_type = auto',
      'target_helper = lioadm',
      'volume_group = stack-volumes-lvmdriver-1',
      'volume_driver = cinder.volume.drivers.lvm.LVMVolumeDriver',
      'volume_backend_name = lvmdriver-1',
    ],
  },
  nfs: {
    section: 'nfs',
    conf: [
      'volume_driver = cinder.volume.drivers.nfs.NfsDriver',
      'nfs_shares_config = /etc/cinder/nfs_shares',
      'nfs_mount_point_base = /opt/stack/data/cinder/mnt',
      'nfs_snapshot_support = True',
      'nas_secure_file_operations = False',
      'nas_secure_file_permissions = False',
      'volume_backend_name = nfs',
    ],
  },
  rbd: {
    section: 'ceph',
    conf: [
      'volume_driver = cinder.volume.drivers.rbd.RBDDriver',
      'rbd_pool = volumes',
      'rbd_ceph_conf = /etc/ceph/ceph.conf',
      'rbd_user = cinder',
      'rbd_secret_uuid = 9d5c7f46-1b3e-4c2a-8f0e-6a7d2b1c4e90',
      'rbd_flatten_volume_from_snapshot = False',
      'volume_backend_name = ceph',
    ],
  },
};

/** A small deterministic PRNG, seeded from the driver and cycle, so runs are reproducible. */
function prng(seed: string): () => number {
  let h = 2166136261;
  for (const c of seed) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return () => {
    h += 0x6d2b79f5;
    let t = h;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sha(rand: () => number): string {
  return Array.from({ length: 40 }, () => '0123456789abcdef'[Math.floor(rand() * 16)]).join('');
}

/** The row of `=` the cert log draws above and below each banner. */
const RULE = '========================================================';

function stamp(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  const date = `${p(d.getUTCMonth() + 1)}/${p(d.getUTCDate())}/${p(d.getUTCFullYear() % 100)}`;
  return `${date}/${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}

function main(): void {
  const { values } = parseArgs({
    options: {
      driver: { type: 'string' },
      cycle: { type: 'string' },
      date: { type: 'string' },
      out: { type: 'string' },
      repo: { type: 'string', default: '.' },
      fail: { type: 'string', multiple: true, default: [] },
      skip: { type: 'string', multiple: true, default: [] },
    },
  });
  const { driver, cycle: cycleName, date, out } = values;
  if (!driver || !cycleName || !date || !out)
    throw new Error('usage: --driver ID --cycle NAME --date YYYY-MM-DD --out DIR [--fail ID…] [--skip ID…]');
  const backend = BACKENDS[driver];
  if (!backend) throw new Error(`no example backend for ${driver} (have: ${Object.keys(BACKENDS).join(', ')})`);
  const cycle = parse(readFileSync(join(values.repo!, 'results', cycleName, 'cycle.yaml'), 'utf8')) as Cycle;
  const registry = parse(readFileSync(join(values.repo!, 'drivers.yaml'), 'utf8')) as Registry;
  const d = registry.drivers.find((x) => x.id === driver);
  if (!d) throw new Error(`${driver} is not in drivers.yaml`);
  const rand = prng(`${driver}/${cycleName}`);
  const fail = new Set(values.fail);
  const skip = new Set(values.skip);

  // The run: every test the cycle lists (flagged ones were removed from tempest and do not
  // run); tests evidencing a feature the driver does not claim are skipped as tempest would.
  const tests: { id: string; status: 'success' | 'fail' | 'skip'; reason?: string; traceback?: string }[] = [];
  const seen = new Set<string>();
  for (const cap of Object.values(cycle.capabilities)) {
    for (const t of cap.tests) {
      if (t.flagged || seen.has(t.id)) continue;
      seen.add(t.id);
      const id = t.idempotent_id ? `${t.id}[${t.idempotent_id}]` : t.id;
      if (fail.has(t.id)) {
        const method = t.id.split('.').pop();
        tests.push({
          id,
          status: 'fail',
          traceback:
            'Traceback (most recent call last):\n' +
            '  File "/opt/stack/tempest/tempest/common/waiters.py", line 293, in wait_for_volume_resource_status\n' +
            '    raise lib_exc.TimeoutException(message)\n' +
            'tempest.lib.exceptions.TimeoutException: Request timed out\n' +
            `Details: ${method}: volume failed to reach available status (current error) ` +
            'within the required time (196 s).\n',
        });
      } else if (skip.has(t.id) || (cap.feature && !d.features[cap.feature])) {
        tests.push({
          id,
          status: 'skip',
          reason: cap.feature ? `Feature ${cap.feature} not enabled for this backend` : 'Skipped by the operator',
        });
      } else tests.push({ id, status: 'success' });
    }
  }
  tests.sort((a, b) => (a.id < b.id ? -1 : 1));

  const start = Date.parse(`${date}T09:00:00Z`) / 1000 - 86400;
  let clock = start + 300;
  const packets: Buffer[] = [];
  tests.forEach((t, i) => {
    const seconds = t.status === 'skip' ? 0 : Math.round((1 + rand() * 40) * 1e6) / 1e6;
    packets.push(...testPackets({ ...t, start: clock, seconds, worker: `worker-${i % 2}` }));
    clock += seconds + 0.5;
  });
  const stream = Buffer.concat(packets);
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'tempest.subunit'), stream);
  // subunit-trace exits 1 when a test failed; anything else means it did not run.
  const traced = spawnSync('subunit-trace', ['-n', '-f'], { input: stream, encoding: 'utf8' });
  if (traced.error || (traced.status !== 0 && traced.status !== 1))
    throw new Error(`subunit-trace failed (install python3-os-testr): ${traced.error?.message ?? traced.stderr}`);
  const trace = traced.stdout.replace(
    /^Ran: (\d+) tests in [\d.]+ sec\.$/m,
    (_m, n) => `Ran: ${n} tests in ${(clock - start - 300).toFixed(4)} sec.`,
  );
  const failed = tests.some((t) => t.status === 'fail');

  const at = (offset: number) => stamp(new Date((start + offset) * 1000));
  const header = (offset: number, text: string) => `\n${RULE}\n${at(offset)}:${text},\n${RULE}\n`;
  const cinderSha = sha(rand);
  const tempestSha = sha(rand);
  const tmp = `/tmp/tmp.${Math.floor(rand() * 1e10).toString(36)}`;
  const log = [
    header(0, 'RUNNING CINDER DRIVER CERTIFICATION CHECK'),
    `${at(0)}:Output is being logged to: ${tmp}\n`,
    header(2, 'Cloning to https://opendev.org/openstack/cinder.git...'),
    header(40, 'Pull a fresh Clone of cinder repo...'),
    "On branch master\nYour branch is up to date with 'origin/master'.\n\nnothing to commit, working tree clean\n",
    `${cinderSha} Merge "Fix volume migration status reporting in ${d.name}"\n`,
    header(41, 'Gathering copy of cinder.conf file (passwords will be scrubbed)...'),
    [
      '[DEFAULT]',
      'debug = True',
      `enabled_backends = ${backend.section}`,
      'transport_url = rabbit://stackrabbit:xxx',
      '[database]',
      'connection = mysql+pymysql://root:xxx',
      '[keystone_authtoken]',
      'password = xxx',
      `[${backend.section}]`,
      ...backend.conf,
    ].join('\n') + '\n',
    header(41, 'End of cinder.conf.'),
    header(55, 'Verify tempest is current...'),
    "On branch master\nYour branch is up to date with 'origin/master'.\n\nnothing to commit, working tree clean\n",
    `${at(55)}:Check status and get latest commit...\n`,
    `${tempestSha} Merge "Add volume tests for ${cycle.codename ?? cycleName}"\n`,
    header(56, 'Restart Cinder services...'),
    header(62, 'Run the actual tempest volume tests (./tools/pretty_tox.sh volume)...'),
    'running testr\n',
    trace,
    failed
      ? header(clock - start, 'SORRY!!!  Device driver FAILED!')
      : header(clock - start, 'CONGRATULATIONS!!!  Device driver PASSED!'),
    failed ? `${at(clock - start)}:Check output in ${tmp}\n` : `${at(clock - start)}:Submit output: ( ${tmp} )\n`,
  ].join('');
  writeFileSync(join(out, 'cert.log'), log);
  const logAt = (ms: number) => new Date(start * 1000 + ms).toISOString().replace('T', ' ').slice(0, 23);
  const cvol = [
    `${logAt(0)} INFO cinder.volume.manager [None req-0f1e2d3c] Starting volume driver ${d.class[0]} (${d.name}).`,
    `${logAt(800)} INFO cinder.volume.manager [None req-0f1e2d3c] Driver initialization completed successfully.`,
    `${logAt(1200)} DEBUG oslo_service.service [None req-0f1e2d3c] password = **** log_opt_values`,
    `${logAt(1500)} INFO cinder.volume.manager [None req-0f1e2d3c] ` +
      `Initializing RPC dependent components of volume driver ${d.class[0]}`,
  ];
  mkdirSync(join(out, 'logs'), { recursive: true });
  writeFileSync(join(out, 'logs', 'c-vol.log'), cvol.join('\n') + '\n');
  process.stderr.write(
    `wrote ${out}/cert.log, tempest.subunit (${tests.length} tests, ${[...fail].length} failing) and logs/c-vol.log\n`,
  );
}

main();
