// Cinder's own options, by name: every one that holds a password, key or token is a secret when it
// has a value, in cinder.conf and in oslo.config's dump of it; the options about secrets that hold
// none (an identifier, a path, a length, a switch) are not. The lists were read from
// openstack/cinder (cinder/**/*.py, options with secret=True, and every option whose name says
// password, secret, key or token) at commit ab09bc39d.
import { describe, expect, it } from 'vitest';
import { redactSecrets } from '../../scripts/lib/bundle/redact.js';
import { scanForSecrets } from '../../scripts/lib/bundle/secrets.js';

/** Options with secret=True whose value is the secret, and secret ones without the flag (pure_api_token…). */
const SECRET_OPTIONS = [
  'backup_s3_sse_customer_key',
  'backup_s3_store_access_key',
  'backup_s3_store_secret_key',
  'backup_swift_key',
  'chap_password',
  'cisco_fc_fabric_password',
  'driver_ssl_cert_password',
  'fc_fabric_password',
  'fixed_key',
  'gpfs_user_password',
  'hitachi_mirror_auth_password',
  'hitachi_mirror_rest_password',
  'hpe3par_password',
  'kioxia_token',
  'macrosan_replication_password',
  'macrosan_sdas_password',
  'metro_san_password',
  'nas_password',
  'nec_ismcli_password',
  'netapp_password',
  'nexenta_password',
  'nexenta_rest_password',
  'password',
  'podm_password',
  'pure_api_token',
  'rbd_iscsi_api_password',
  'san_password',
  'secondary_san_password',
  'spdk_rpc_password',
  'synology_one_time_pass',
  'synology_password',
  'vast_api_token',
  'vmstore_password',
  'vmware_host_password',
  'zadara_access_key',
  // [keystone_authtoken] and the service credentials cinder.conf holds
  'memcache_secret_key',
  'admin_password',
];

/** Options about secrets that hold none, each with a value of the kind it takes. */
const NOT_SECRET_OPTIONS: [string, string][] = [
  ['rbd_secret_uuid', '457eb676-33da-42ec-9a8c-9293d545c337'],
  ['san_private_key', '/etc/cinder/id_rsa'],
  ['nas_private_key', '/etc/cinder/nas_id_rsa'],
  ['gpfs_private_key', '/etc/cinder/gpfs_id_rsa'],
  ['netapp_private_key_file', '/etc/cinder/netapp.key'],
  ['driver_client_cert_key', '/etc/cinder/client.key'],
  ['fujitsu_private_key_path', '/etc/cinder/eternus.key'],
  ['gpfs_hosts_key_file', '/etc/cinder/gpfs_known_hosts'],
  ['ssh_hosts_key_file', '/etc/cinder/ssh_known_hosts'],
  ['backup_gcs_credential_file', '/etc/cinder/gcs.json'],
  ['glance_keyfile', '/etc/cinder/glance.key'],
  ['chap_password_len', '16'],
  ['volume_transfer_key_length', '16'],
  ['as13000_token_available_time', '3600'],
  ['send_service_user_token', 'True'],
  ['strict_ssh_host_key_policy', 'False'],
  ['gpfs_strict_host_key_policy', 'False'],
  ['fujitsu_passwordless', 'True'],
  ['token_auth_url', 'http://10.0.0.15/identity'],
  ['keystone_catalog_info', 'identity:Identity Service:publicURL'],
  ['volume_backend_name', 'lvmdriver-1'],
];

const VALUE = 'Opt-S3cret-9';

describe("Cinder's secret options", () => {
  it.each(SECRET_OPTIONS)('%s holds a secret in cinder.conf and in the oslo.config dump', (name) => {
    const conf = `${name} = ${VALUE}`;
    const dump =
      `Jun 01 11:58:02.480371 devstack cinder-volume[84211]: DEBUG oslo_service.service [-] ` +
      `lvmdriver-1.${name} = ${VALUE} {{(pid=84211) log_opt_values /opt/stack/oslo.config/oslo_config/cfg.py:2824}}`;
    for (const line of [conf, dump]) {
      expect(scanForSecrets(line).map((f) => f.kind)).toEqual(['password']);
      expect(redactSecrets(line)).not.toContain(VALUE);
    }
    expect(scanForSecrets(`${name} = xxx`)).toEqual([]); // as the cert script scrubs it
    expect(scanForSecrets(`lvmdriver-1.${name} = ****`)).toEqual([]); // as oslo.config masks it
  });

  it.each(NOT_SECRET_OPTIONS)('%s = %s holds none', (name, value) => {
    expect(scanForSecrets(`${name} = ${value}`)).toEqual([]);
  });
});
