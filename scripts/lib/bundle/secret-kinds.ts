// The kinds of secret the scanner finds: each is a rule with a stable id (the `kind` every
// finding carries), what it finds, and the cases in test/fixtures/secrets/corpus.yaml that hold it.

/** Every kind, with what it finds (the id reaches every output; the text is for docs and reports). */
export const SECRET_KINDS = {
  password:
    'a setting whose key says password, passphrase, secret, key or token, with a real value: ini, YAML, JSON ' +
    '(also escaped inside a log string), Python dicts and kwargs, XML, query strings, `--flag value`, ' +
    '`Password: value` mid-line',
  'cli-password':
    'a password given to a command by a flag whose name does not say so: `mysql -pX`, `mysqldump -pX`, ' +
    '`sshpass -p X`',
  'auth-header': 'an `Authorization` header with a credential: `Basic …`, `Bearer …`, `Token …`',
  'token-header': 'a token header: `X-Auth-Token`, `X-Subject-Token`, `X-Storage-Token`, `X-Auth-Key`, `Private-Token`',
  'url-password': 'a password in a URL: `scheme://user:password@host`',
  'private-key': 'a private key: PEM (`-----BEGIN … PRIVATE KEY-----`), OpenSSH, PGP, in a file or a JSON string',
  jwt: 'a JSON Web Token (`eyJ….eyJ….…`)',
  'aws-access-key': 'an AWS access key id (`AKIA…`, `ASIA…`)',
  'aws-secret-key': 'an AWS secret access key (`aws_secret_access_key`, `SecretAccessKey`)',
  'gcp-api-key': 'a Google Cloud API key (`AIza…`)',
  'azure-storage-key': 'an Azure storage account key (`AccountKey=…`, `SharedAccessKey=…`)',
  'azure-sas-token': 'an Azure shared access signature (`sv=…&se=…&sig=…`)',
  'github-token': 'a GitHub token (`ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_`, `github_pat_`)',
  'gitlab-token': 'a GitLab token (`glpat-`, `gldt-`, `glrt-`, …)',
  'slack-token': 'a Slack token (`xoxb-`, `xoxp-`, `xapp-`, …)',
  'slack-webhook': 'a Slack incoming webhook URL (`hooks.slack.com/services/…`)',
  'keystone-token': 'a Keystone Fernet token (`gAAAAA…`)',
  'ceph-key': 'a Ceph (cephx) key in a keyring or on a command line (`key = AQ…==`)',
} as const;

/** What kind of secret a finding is. */
export type SecretKind = keyof typeof SECRET_KINDS;

/** A secret found at a trigger: its kind, a message that never holds it, and its span, to redact. */
export interface Hit {
  kind: SecretKind;
  message: string;
  start: number;
  end: number;
}

/** No hits: one shared empty list, so that the common case (a trigger that is no secret) allocates nothing. */
export const NO_HITS: readonly Hit[] = Object.freeze([]);

/** What a rule returns: its hits, and where the trigger search goes on. */
export interface Found {
  hits: readonly Hit[];
  resume: number;
}

const NOUNS: Partial<Record<SecretKind, string>> = {
  'private-key': 'a private key',
  jwt: 'a JSON Web Token',
  'aws-access-key': 'an AWS access key id',
  'aws-secret-key': 'an AWS secret access key',
  'gcp-api-key': 'a Google Cloud API key',
  'azure-storage-key': 'an Azure storage account key',
  'github-token': 'a GitHub token',
  'gitlab-token': 'a GitLab token',
  'slack-token': 'a Slack token',
  'keystone-token': 'a Keystone (Fernet) token',
};

/** "a GitHub token", for a message that names the kind of a value found under a key. */
export function describeKind(kind: SecretKind): string {
  return NOUNS[kind] ?? 'a secret';
}

/** latin1 text back to UTF-8, without control characters: how a key or excerpt is shown. */
export function printable(latin1: string): string {
  if (/^[\x20-\x7e]*$/.test(latin1)) return latin1; // keys nearly always are
  return Buffer.from(latin1, 'latin1')
    .toString('utf8')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '?')
    .replace(/[\t\r\n]/g, ' ');
}
