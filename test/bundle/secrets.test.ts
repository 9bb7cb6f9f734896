// The secret scanner finds what the cert script's scrubbing missed — and only that:
// scrubbed values, masks, placeholders, program text and ordinary logs pass.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createSecretScanner,
  scanForSecrets,
  type SecretFinding,
  type SecretKind,
} from '../../scripts/lib/bundle/secrets.js';
import { classifyMember, looksBinary } from '../../scripts/lib/bundle/text.js';
import { writeServiceLog } from '../../bench/lib/service-log.js';
import { REFERENCE, ROOT, tempDir } from '../helpers/cli.js';

const FERNET = 'gAAAAABoPFk3' + 'x2Rk9fQ1vZ7Lw8Ns0Pq4Tb6Hc3Ym5Ej'.repeat(5) + 'A_b-C';
const GHP = 'ghp_' + 'aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5';

/** [line, kind, message, excerpt, the secret that must not be echoed] */
const POSITIVES: [string, SecretKind, string, string, string][] = [
  [
    'password = hunter2',
    'password',
    'an unscrubbed password-like value for "password"',
    'password = [REDACTED]',
    'hunter2',
  ],
  [
    'san_password=S3cr3t!',
    'password',
    'an unscrubbed password-like value for "san_password"',
    'san_password=[REDACTED]',
    'S3cr3t!',
  ],
  [
    'san_password = two words ',
    'password',
    'an unscrubbed password-like value for "san_password"',
    'san_password = [REDACTED]',
    'words',
  ],
  [
    'chap_password = Chap-Secret-1',
    'password',
    'an unscrubbed password-like value for "chap_password"',
    'chap_password = [REDACTED]',
    'Chap-Secret-1',
  ],
  [
    'password = secret',
    'password',
    'an unscrubbed password-like value for "password"',
    'password = [REDACTED]',
    'secret',
  ],
  [
    '  password: yaml-pass',
    'password',
    'an unscrubbed password-like value for "password"',
    'password: [REDACTED]',
    'yaml-pass',
  ],
  [
    '- client_secret: c1i3nt',
    'password',
    'an unscrubbed password-like value for "client_secret"',
    '- client_secret: [REDACTED]',
    'c1i3nt',
  ],
  [
    '  "password": "topsecret",',
    'password',
    'an unscrubbed password-like value for "password"',
    '"password": "[REDACTED]",',
    'topsecret',
  ],
  [
    "{'password': 'abc123', 'user': 'admin'}",
    'password',
    'an unscrubbed password-like value for "password"',
    "{'password': '[REDACTED]', 'user': 'admin'}",
    'abc123',
  ],
  [
    'Jun 01 11:58:02.0001 devstack cinder-volume[1]: DEBUG oslo_service.service [-] keystone_authtoken.password = hunter22 {{(pid=1) log_opt_values}}',
    'password',
    'an unscrubbed password-like value for "keystone_authtoken.password"',
    '…EBUG oslo_service.service [-] keystone_authtoken.password = [REDACTED] {{(pid=1) log_opt_values}}',
    'hunter22',
  ],
  [
    'openstack --os-username admin --os-password s3cret volume list',
    'password',
    'an unscrubbed password-like value for "os-password"',
    'openstack --os-username admin --os-password [REDACTED] volume list',
    's3cret',
  ],
  [
    'GET /login?user=admin&password=leaky&x=1',
    'password',
    'an unscrubbed password-like value for "password"',
    'GET /login?user=admin&password=[REDACTED]&x=1',
    'leaky',
  ],
  [
    'admin_token = 0123456789abcdef',
    'password',
    'an unscrubbed password-like value for "admin_token"',
    'admin_token = [REDACTED]',
    '0123456789abcdef',
  ],
  [
    'auth_key = swiftkey99',
    'password',
    'an unscrubbed password-like value for "auth_key"',
    'auth_key = [REDACTED]',
    'swiftkey99',
  ],
  [
    'transport_url = rabbit://stackrabbit:realpass@10.0.0.1:5672/',
    'url-password',
    'a password in a URL (rabbit://stackrabbit:…@)',
    'transport_url = rabbit://stackrabbit:[REDACTED]@10.0.0.1:5672/',
    'realpass',
  ],
  [
    'connection = mysql+pymysql://root:dbpass42@127.0.0.1/cinder?charset=utf8',
    'url-password',
    'a password in a URL (mysql+pymysql://root:…@)',
    'connection = mysql+pymysql://root:[REDACTED]@127.0.0.1/cinder?charset=utf8',
    'dbpass42',
  ],
  [
    '-----BEGIN RSA PRIVATE KEY-----',
    'private-key',
    'a private key (-----BEGIN RSA PRIVATE KEY-----)',
    '-----BEGIN RSA PRIVATE KEY-----',
    'MIIEow',
  ],
  [
    '-----BEGIN OPENSSH PRIVATE KEY-----',
    'private-key',
    'a private key (-----BEGIN OPENSSH PRIVATE KEY-----)',
    '-----BEGIN OPENSSH PRIVATE KEY-----',
    'b3Blbn',
  ],
  [
    '-----BEGIN PRIVATE KEY-----',
    'private-key',
    'a private key (-----BEGIN PRIVATE KEY-----)',
    '-----BEGIN PRIVATE KEY-----',
    'MIIEvg',
  ],
  [
    `git remote set-url origin https://${GHP}@github.com/acme/ci.git`,
    'github-token',
    'a GitHub token (ghp_…)',
    'git remote set-url origin https://[REDACTED]@github.com/acme/ci.git',
    GHP,
  ],
  [
    `GITHUB_TOKEN github_pat_${'11ABCDEFG0'.repeat(8)}_xyz`,
    'github-token',
    'a GitHub token (github_pat_…)',
    'GITHUB_TOKEN [REDACTED]',
    'github_pat_11ABCDEFG0',
  ],
  [
    'aws configure set aws_access_key_id AKIAZ7QWERTY12345678',
    'aws-access-key',
    'an AWS access key id (AKIA…)',
    'aws configure set aws_access_key_id [REDACTED]',
    'AKIAZ7QWERTY12345678',
  ],
  [
    'notify via xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOp',
    'slack-token',
    'a Slack token (xoxb-…)',
    'notify via [REDACTED]',
    'xoxb-1234567890',
  ],
  [
    `Validating token ${FERNET} for user admin`,
    'keystone-token',
    'a Keystone (Fernet) token (gAAAAA…)',
    'Validating token [REDACTED] for user admin',
    FERNET,
  ],
  [
    'REQ: curl -g -i -X GET http://10.0.0.15/volume/v3 -H "X-Auth-Token: 0123456789abcdef0123456789abcdef"',
    'token-header',
    'an unmasked token in an "X-Auth-Token" header',
    '…l -g -i -X GET http://10.0.0.15/volume/v3 -H "X-Auth-Token: [REDACTED]"',
    '0123456789abcdef0123456789abcdef',
  ],
  [
    `Request - Headers: {'Accept': 'application/json', 'X-Auth-Token': '${FERNET}'}`,
    'token-header',
    'an unmasked token in an "X-Auth-Token" header',
    "…- Headers: {'Accept': 'application/json', 'X-Auth-Token': '[REDACTED]'}",
    FERNET,
  ],
  [
    'RESP: [201] X-Subject-Token: 5f0c1e2d3b4a59687766554433221100 Vary: X-Auth-Token',
    'token-header',
    'an unmasked token in an "X-Subject-Token" header',
    'RESP: [201] X-Subject-Token: [REDACTED] Vary: X-Auth-Token',
    '5f0c1e2d3b4a5968',
  ],
];

const NEGATIVES: [string, string][] = [
  [
    'the cert script scrubs cinder.conf to xxx',
    'password = xxx\nsan_password = xxx\ntransport_url = rabbit://stackrabbit:xxx\nconnection = mysql+pymysql://root:xxx',
  ],
  [
    'oslo masks secrets in logs',
    "keystone_authtoken.password = ****\ntransport_url = rabbit://stackrabbit:***@10.0.0.15:5672/\n{'auth_password': '***'}",
  ],
  [
    'tempest and keystoneauth mask tokens',
    `-H "X-Auth-Token: {SHA256}${'ab'.repeat(32)}"\n{'X-Auth-Token': '<omitted>'}\n'x-subject-token': '<omitted>', 'vary': 'X-Auth-Token'`,
  ],
  [
    'placeholders',
    'password =\npassword = None\npassword = <password>\npassword = $OS_PASSWORD\npassword = ${ADMIN_PASSWORD}\npassword = %(password)s\npassword = {{ password }}\npassword = REDACTED\n"password": null\n--os-password $OS_PASSWORD',
  ],
  [
    'program text in tracebacks',
    "    self.san_password = self.configuration.san_password\n    return self._client.login(username=username, password=password)\n    password = kwargs.get('password')\n    if password == \"x\":\n    creds = {'user': {'password': password, 'name': username}}",
  ],
  [
    'words and keys that only look alike',
    'Tests passed: 3, failed: 0\npassword_expires_at = 2025-01-01\nsan_private_key = /etc/cinder/id_rsa\n"methods": ["password"]\nDEBUG keystonemiddleware.auth_token [-] Authenticating user token\n2025-06-01 DEBUG password: shown in prose mid-line',
  ],
  ['AWS documentation example key, short tokens', 'AKIAIOSFODNN7EXAMPLE\nghp_short\nxoxb-1\ngAAAAAshort'],
  ['URLs without credentials', 'http://10.0.0.15:8776/v3/abc\nhttp://[::1]:8080/x\nssh://git@github.com:22/acme/x'],
];

const kinds = (fs: SecretFinding[]): string[] => fs.map((f) => `${f.line} ${f.kind}`);

describe('scanForSecrets finds', () => {
  it.each(POSITIVES)('%s', (line, kind, message, excerpt, secret) => {
    const text = `first line\n${line}\nlast line\n`;
    const found = scanForSecrets(text);
    expect(found).toEqual([{ line: 2, kind, message, excerpt }]);
    expect(found[0]!.message).not.toContain(secret);
    expect(found[0]!.excerpt).not.toContain(secret);
  });

  it('reports one finding per line, in line order', () => {
    const found = scanForSecrets(`a\npassword = one\nb\nsecret = two password = three\n${GHP}\n`);
    expect(kinds(found)).toEqual(['2 password', '4 password', '5 github-token']);
  });

  it('counts lines the same with CRLF line ends', () => {
    expect(kinds(scanForSecrets('a\r\nb\r\npassword = hunter2\r\n'))).toEqual(['3 password']);
  });
});

describe('scanForSecrets passes', () => {
  it.each(NEGATIVES)('%s', (_what, text) => {
    expect(scanForSecrets(text)).toEqual([]);
  });

  it.each([
    'example.cert.log',
    'example.pyunit.txt',
    'example.subunit-trace.txt',
    'example.junit.xml',
    'example.v1.subunit',
    'example.subunit',
  ])('the reference %s', (file) => {
    expect(scanForSecrets(readFileSync(join(REFERENCE, 'formats', file)))).toEqual([]);
  });

  it('an ordinary tempest debug log (REQ/RESP, tokens omitted, a traceback)', () => {
    expect(scanForSecrets(readFileSync(join(ROOT, 'test/fixtures/logs/tempest.log')))).toEqual([]);
  });

  it('a realistic cinder service log of several MB (config dump, rootwrap, keystoneauth, tracebacks)', async () => {
    const path = join(tempDir(), 'screen-c-vol.txt');
    await writeServiceLog(path, 4_000_000);
    expect(scanForSecrets(readFileSync(path))).toEqual([]);
  });
});

describe('the streaming scanner', () => {
  const text = [
    'header',
    'password = xxx',
    'transport_url = rabbit://stackrabbit:realpass@10.0.0.1:5672/',
    'x'.repeat(5000),
    `token ${GHP} end`,
    '-----BEGIN EC PRIVATE KEY-----',
    'san_password = hunter2',
    '',
  ].join('\n');
  const expected = ['3 url-password', '5 github-token', '6 private-key', '7 password'];

  it.each([1, 3, 7, 64, 4096, 65536])('finds the same, on the same lines, in chunks of %i bytes', (size) => {
    const scanner = createSecretScanner();
    const bytes = Buffer.from(text);
    for (let o = 0; o < bytes.length; o += size) scanner.write(bytes.subarray(o, o + size));
    expect(kinds(scanner.end())).toEqual(expected);
  });

  it('finds a secret in the middle of a line longer than the line limit, scanning it in pieces', () => {
    const scanner = createSecretScanner({ maxLineBytes: 64 * 1024 });
    const line = Buffer.from(`${'y'.repeat(3_000_000)} password=hunter2 ${'z'.repeat(3_000_000)}\n`);
    scanner.write(Buffer.from('first\n'));
    for (let o = 0; o < line.length; o += 65536) scanner.write(line.subarray(o, o + 65536));
    scanner.write(Buffer.from('password = again\n'));
    expect(kinds(scanner.end())).toEqual(['2 password', '3 password']);
  });

  it('keeps the first findings and counts the rest', () => {
    const scanner = createSecretScanner({ maxFindings: 2 });
    scanner.write(Buffer.from('password = a1\n'.repeat(5)));
    expect(scanner.end()).toHaveLength(2);
    expect(scanner.dropped).toBe(3);
  });

  it.each([
    ['a trigger word repeated', 'password = x '.repeat(400_000)],
    ['URL openings repeated', '://'.repeat(1_700_000)],
    ['token prefixes repeated', 'gAAAAA ghp_ AKIA xoxb- '.repeat(200_000)],
    ['a 5 MB key before a trigger', `${'a'.repeat(5_000_000)}password = x`],
    ['quoted keys that never close', `'password': '`.repeat(400_000)],
  ])('stays linear on adversarial input: %s (5 MB in well under 2 s)', (_what, text) => {
    const scanner = createSecretScanner({ maxFindings: 5 });
    const bytes = Buffer.from(text);
    const t0 = performance.now();
    for (let o = 0; o < bytes.length; o += 65536) scanner.write(bytes.subarray(o, o + 65536));
    scanner.end();
    expect(performance.now() - t0).toBeLessThan(2_000);
  });

  it('shows non-ASCII text around a finding as UTF-8', () => {
    expect(scanForSecrets('mot de passe — password = hunter2 — fin')[0]!.excerpt).toBe(
      'mot de passe — password = [REDACTED] — fin',
    );
  });
});

describe('which members are scanned as text', () => {
  it('classifies by name: logs and configs are text, archives and images binary, the rest sniffed', () => {
    expect(
      ['cert.log', 'logs/screen-c-vol.txt', 'etc/cinder.conf', 'c-vol.log.1', 'junit.xml'].map(classifyMember),
    ).toEqual(['text', 'text', 'text', 'text', 'text']);
    expect(['logs.tgz', 'old.log.gz', 'shot.png'].map(classifyMember)).toEqual(['binary', 'binary', 'binary']);
    expect(['tempest.subunit', 'README', 'testrepository/0'].map(classifyMember)).toEqual(['sniff', 'sniff', 'sniff']);
  });

  it('sniffs a NUL byte in the first 8 KiB as binary', () => {
    expect(looksBinary(Buffer.from('plain text\n'))).toBe(false);
    expect(looksBinary(Buffer.concat([Buffer.alloc(100, 0x41), Buffer.from([0])]))).toBe(true);
    expect(looksBinary(Buffer.concat([Buffer.alloc(9000, 0x41), Buffer.from([0])]))).toBe(false);
  });

  it('skips a sniffed binary member, and scans a sniffed text one', () => {
    const binary = createSecretScanner({ name: 'tempest.subunit' });
    binary.write(Buffer.from([0xb3, 0x29, 0x00, 0x41]));
    binary.write(Buffer.from('\npassword = hunter2\n'));
    expect(binary.end()).toEqual([]);
    expect(binary.binary).toBe(true);
    const text = createSecretScanner({ name: 'README' });
    for (const ch of 'a\npassword = hunter2\n') text.write(Buffer.from(ch));
    expect(kinds(text.end())).toEqual(['2 password']);
    expect(text.binary).toBe(false);
  });

  it('scans a log even when it holds NUL bytes: a NUL cannot hide a password', () => {
    const scanner = createSecretScanner({ name: 'cert.log' });
    scanner.write(Buffer.from('\u0000\u0000\npassword = hunter2\n'));
    expect(kinds(scanner.end())).toEqual(['2 password']);
  });

  it('never scans an archive member', () => {
    const scanner = createSecretScanner({ name: 'logs.tgz' });
    scanner.write(Buffer.from('password = hunter2\n'));
    expect(scanner.end()).toEqual([]);
    expect(scanner.binary).toBe(true);
  });
});
