// A realistic cinder service log (devstack's journal format, as screen-c-vol.txt and
// screen-c-api.txt hold it): an oslo.config dump with masked secrets at start-up, then
// request traffic — locks, RPC, rootwrap commands, keystoneauth REQ/RESP lines with
// masked tokens, periodic stats, and now and then an ERROR with a traceback. Requests
// reuse their ids over several lines and draw on a pool of volumes, as real logs do,
// so the text compresses like a real one (about 10x with gzip -6).
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { Random } from './random.js';

const OPTIONS: [string, string][] = [
  ['DEFAULT.debug', 'True'],
  ['DEFAULT.enabled_backends', "['lvmdriver-1']"],
  ['DEFAULT.transport_url', '****'],
  ['DEFAULT.my_ip', '10.0.0.15'],
  ['DEFAULT.state_path', '/opt/stack/data/cinder'],
  ['DEFAULT.glance_api_servers', "['http://10.0.0.15/image']"],
  ['DEFAULT.osapi_volume_workers', '2'],
  ['database.connection', '****'],
  ['keystone_authtoken.password', '****'],
  ['keystone_authtoken.username', 'cinder'],
  ['keystone_authtoken.auth_url', 'http://10.0.0.15/identity'],
  ['keystone_authtoken.memcache_secret_key', '****'],
  ['nova.password', '****'],
  ['oslo_messaging_notifications.transport_url', '****'],
  ['lvmdriver-1.volume_driver', 'cinder.volume.drivers.lvm.LVMVolumeDriver'],
  ['lvmdriver-1.volume_group', 'stack-volumes-lvmdriver-1'],
  ['lvmdriver-1.lvm_type', 'auto'],
  ['lvmdriver-1.target_helper', 'lioadm'],
  ['lvmdriver-1.san_password', '****'],
  ['lvmdriver-1.chap_password', '****'],
];

const TESTS = [
  'VolumesActionsTest',
  'VolumesGetTest',
  'VolumesSnapshotTestJSON',
  'VolumesExtendTest',
  'VolumesBackupsTest',
  'VolumeMultiattachTests',
  'VolumeRetypeTest',
  'VolumesListTestJSON',
];

interface Request {
  id: string;
  user: string;
  project: string;
  left: number;
}

/** Write about BYTES bytes of service log to PATH. Deterministic for a given seed. */
export async function writeServiceLog(path: string, bytes: number, seed = 1): Promise<void> {
  const rnd = new Random(seed);
  const out = createWriteStream(path);
  const volumes = Array.from({ length: 64 }, () => rnd.uuid());
  const projects = Array.from({ length: 8 }, () => rnd.hex(32));
  let t = Date.UTC(2025, 5, 1, 11, 58, 2) * 1000;
  let written = 0;
  let req: Request | undefined;
  const pid = 84211;
  const batch: string[] = [];
  const stamp = (): string => {
    t += rnd.int(4000);
    const d = new Date(Math.floor(t / 1000));
    const us = String(t % 1_000_000).padStart(6, '0');
    return `Jun 01 ${d.toISOString().slice(11, 19)}.${us} devstack cinder-volume[${pid}]:`;
  };
  const emit = (line: string): void => {
    batch.push(line);
    written += line.length + 1;
  };
  for (const [k, v] of OPTIONS)
    emit(
      `${stamp()} DEBUG oslo_service.backend.eventlet.service [-] ${k} = ${v} {{(pid=${pid}) log_opt_values /opt/stack/oslo.config/oslo_config/cfg.py:2824}}`,
    );
  while (written < bytes) {
    if (!req || req.left-- <= 0) {
      const test = rnd.pick(TESTS);
      const n = rnd.int(900);
      req = {
        id: rnd.uuid(),
        user: `tempest-${test}-${n}`,
        project: `tempest-${test}-${n}-project-member`,
        left: 3 + rnd.int(18),
      };
    }
    const head = `${stamp()} ${rnd.next() < 0.75 ? 'DEBUG' : 'INFO'}`;
    const ctx = `[None req-${req.id} ${req.user} ${req.project}]`;
    const vol = rnd.pick(volumes);
    const where = (fn: string, file: string, line: number): string =>
      `{{(pid=${pid}) ${fn} /opt/stack/${file}:${line}}}`;
    const r = rnd.next();
    if (r < 0.18) {
      emit(
        `${head} oslo_concurrency.lockutils ${ctx} Lock "${vol}-delete_volume" acquired by "cinder.volume.manager.VolumeManager.delete_volume.<locals>._run_flow" :: waited 0.00${rnd.int(10)}s ${where('inner', 'oslo.concurrency/oslo_concurrency/lockutils.py', 405)}`,
      );
      emit(
        `${head} oslo_concurrency.lockutils ${ctx} Lock "${vol}-delete_volume" "released" by "cinder.volume.manager.VolumeManager.delete_volume.<locals>._run_flow" :: held ${rnd.int(3)}.${rnd.int(999)}s ${where('inner', 'oslo.concurrency/oslo_concurrency/lockutils.py', 424)}`,
      );
    } else if (r < 0.3) {
      const cmd = rnd.pick([
        `lvcreate -T -V ${1 + rnd.int(4)}g -n volume-${vol} stack-volumes-lvmdriver-1/stack-volumes-lvmdriver-1-pool`,
        `lvdisplay --noheading -C -o Attr stack-volumes-lvmdriver-1/volume-${vol}`,
        `env LC_ALL=C vgs --version`,
        `cinderlib-rootwrap targetcli /backstores/block create name=iqn.2010-10.org.openstack:volume-${vol} dev=/dev/stack-volumes-lvmdriver-1/volume-${vol}`,
      ]);
      emit(
        `${head} oslo_concurrency.processutils ${ctx} Running cmd (subprocess): sudo cinder-rootwrap /etc/cinder/rootwrap.conf ${cmd} ${where('execute', 'oslo.concurrency/oslo_concurrency/processutils.py', 349)}`,
      );
      emit(
        `${head} oslo_concurrency.processutils ${ctx} CMD "sudo cinder-rootwrap /etc/cinder/rootwrap.conf ${cmd}" returned: 0 in 0.${rnd.int(999)}s ${where('execute', 'oslo.concurrency/oslo_concurrency/processutils.py', 372)}`,
      );
    } else if (r < 0.42) {
      emit(
        `${head} keystoneauth.session ${ctx} REQ: curl -g -i -X GET http://10.0.0.15/image/v2/images/${rnd.pick(volumes)} -H "Accept: application/json" -H "User-Agent: python-glanceclient" -H "X-Auth-Token: {SHA256}${rnd.hex(64)}" ${where('_http_log_request', 'keystoneauth/keystoneauth1/session.py', 517)}`,
      );
      emit(
        `${head} keystoneauth.session ${ctx} RESP: [200] Content-Length: ${900 + rnd.int(400)} Content-Type: application/json Date: Sun, 01 Jun 2025 11:59:0${rnd.int(10)} GMT Openstack-Request-Id: req-${rnd.uuid()} Server: Apache/2.4.58 (Ubuntu) Via: 1.1 devstack ${where('_http_log_response', 'keystoneauth/keystoneauth1/session.py', 548)}`,
      );
    } else if (r < 0.55) {
      emit(
        `${head} oslo_messaging._drivers.amqpdriver ${ctx} CAST unique_id: ${rnd.hex(32)} exchange 'openstack' topic 'cinder-scheduler' ${where('_send', 'oslo.messaging/oslo_messaging/_drivers/amqpdriver.py', 796)}`,
      );
      emit(
        `${head} oslo_messaging._drivers.amqpdriver [-] received message with unique_id: ${rnd.hex(32)} ${where('__call__', 'oslo.messaging/oslo_messaging/_drivers/amqpdriver.py', 467)}`,
      );
    } else if (r < 0.65) {
      emit(
        `${head} cinder.volume.flows.manager.create_volume ${ctx} Volume ${vol}: being created as raw with specification: {'status': 'creating', 'volume_name': 'volume-${vol}', 'volume_size': ${1 + rnd.int(4)}} ${where('_create_raw_volume', 'cinder/cinder/volume/flows/manager/create_volume.py', 1096)}`,
      );
      emit(
        `${head.replace('DEBUG', 'INFO')} cinder.volume.flows.manager.create_volume ${ctx} Volume volume-${vol} (${vol}): created successfully`,
      );
    } else if (r < 0.74) {
      emit(
        `${head} cinder.volume.manager [None req-${rnd.uuid()} None None] Updating volume status {'volume_backend_name': 'lvmdriver-1', 'vendor_name': 'Open Source', 'driver_version': '3.0.0', 'storage_protocol': 'iSCSI', 'total_capacity_gb': 22.8, 'free_capacity_gb': ${(10 + rnd.next() * 12).toFixed(2)}, 'reserved_percentage': 0, 'location_info': 'LVMVolumeDriver:devstack:stack-volumes-lvmdriver-1:thin:0', 'provisioned_capacity_gb': ${rnd.int(40)}.0, 'max_over_subscription_ratio': '20.0', 'thin_provisioning_support': True, 'thick_provisioning_support': False, 'multiattach': True} ${where('_report_driver_status', 'cinder/cinder/volume/manager.py', 2892)}`,
      );
    } else if (r < 0.8) {
      emit(
        `${head} cinder.volume.targets.lio ${ctx} Connection to rabbit://stackrabbit:***@10.0.0.15:5672/ reset; initialize_connection for volume ${vol} with connector {'initiator': 'iqn.2005-05.com.ubuntu:${rnd.hex(12)}', 'ip': '10.0.0.15', 'platform': 'x86_64', 'host': 'devstack', 'multipath': False, 'do_local_attach': False, 'uuid': '${rnd.uuid()}', 'system uuid': None, 'nqn': None, 'nvme_native_multipath': False, 'found_dsc': '', 'host_ips': ['10.0.0.15']} and auth {'auth_method': 'CHAP', 'auth_username': '${rnd.hex(20)}', 'auth_password': '***'}`,
      );
    } else if (r < 0.988) {
      emit(
        `${head} cinder.api.openstack.wsgi ${ctx} ${rnd.pick(['GET', 'GET', 'POST', 'DELETE'])} http://10.0.0.15/volume/v3/${rnd.pick(projects)}/volumes/${vol}${rnd.pick(['', '/action', '/metadata'])} ${where('__call__', 'cinder/cinder/api/openstack/wsgi.py', 815)}`,
      );
      emit(
        `${head.replace('DEBUG', 'INFO')} cinder.api.openstack.wsgi ${ctx} http://10.0.0.15/volume/v3/${rnd.pick(projects)}/volumes/${vol} returned with HTTP ${rnd.pick([200, 200, 202, 204, 404])}`,
      );
    } else {
      const err = `${head.replace(/DEBUG|INFO/, 'ERROR')} cinder.volume.manager ${ctx}`;
      emit(
        `${err} Failed to copy image to volume: ${vol}: cinder.exception.ImageCopyFailure: Failed to copy image to volume: Bad or unexpected response from the storage volume backend API`,
      );
      for (const l of [
        'Traceback (most recent call last):',
        '  File "/opt/stack/cinder/cinder/volume/flows/manager/create_volume.py", line 1201, in _create_from_image',
        '    model_update = self._create_from_image_cache_or_download(context,',
        '  File "/opt/stack/cinder/cinder/volume/manager.py", line 1092, in copy_image_to_volume',
        '    self.driver.copy_image_to_volume(context, volume, image_service, image_id)',
        '  File "/opt/stack/cinder/cinder/volume/drivers/lvm.py", line 512, in copy_image_to_volume',
        '    image_utils.fetch_to_raw(context, image_service, image_id, self.local_path(volume), self.configuration.volume_dd_blocksize, size=volume["size"])',
        `cinder.exception.ImageCopyFailure: Failed to copy image to volume: ${vol}`,
      ]) {
        emit(`${err} ${l}`);
      }
    }
    if (batch.length >= 2000) {
      if (!out.write(batch.join('\n') + '\n')) await once(out, 'drain');
      batch.length = 0;
    }
  }
  out.end(batch.length ? batch.join('\n') + '\n' : '');
  await once(out, 'finish');
}
