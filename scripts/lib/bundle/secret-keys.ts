// Which key names hold a secret. The key name decides, not the value's shape: `pure_api_token`
// holds a secret even when its value looks like a UUID, `rbd_secret_uuid` an identifier even when
// it does. A secret key ends with password, passwd, passphrase, pass, pwd, secret, token or key
// (Cinder's `san_password`, `chap_password`, `backup_swift_key`, `backup_s3_store_secret_key`,
// `pure_api_token`, `fixed_key`, oslo's `memcache_secret_key`…);
// `*_key_path`, `*_key_file`, `token_expiration`, `password_policy` do not end so and pass.

/**
 * `apiKey`, `X-Auth-Token`, `--os-password`, `a.password`
 * → `api_key`, `x_auth_token`, `os_password`, `a_password`.
 */
export function normalizeKey(key: string): string {
  let out = '';
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (c >= 65 && c <= 90) {
      const prev = key.charCodeAt(i - 1);
      const next = key.charCodeAt(i + 1);
      const boundary = isLower(prev) || isDigit(prev) || (isUpper(prev) && isLower(next)); // apiKey, HTTPHeader
      if (boundary && out !== '' && !out.endsWith('_')) out += '_';
      out += String.fromCharCode(c + 32);
    } else if (c === 45 || c === 46 || c === 95) {
      if (out !== '') out += '_'; // `-` and `.` separate like `_`; leading ones go
    } else out += key[i];
  }
  return out;
}

/** Could KEY end in a secret word at all? A cheap look at its last characters, before normalizing it. */
export function mayBeSecretKey(key: string): boolean {
  const tail = key.slice(-11).toLowerCase();
  return /(?:pass(?:word|wd|phrase)?|pswd|pwd|secret|token|key)$/.test(tail);
}

function isLower(c: number): boolean {
  return c >= 97 && c <= 122;
}
function isUpper(c: number): boolean {
  return c >= 65 && c <= 90;
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Ends in a word that says secret, whether alone (`password`) or run together (`chappassword`). */
const SECRET_END = /(?:password|passwd|passphrase|pswd|secret)$/;
/** Ends in a word that says secret only after a separator (`admin_pass`, not `bypass`). */
const SECRET_WORD = /(?:^|_)(?:pass|pwd|token)$|_key$/;
/** Run-together names that end in key or token and are secrets. */
const SECRET_COMPOUND = new RegExp(
  '(?:api|auth|secret|access|private|account|session|fernet|ssl|cephx|master|encryption|signing|shared|hmac|storage)' +
    'key$|(?:auth|access|api|session|refresh|bearer|id)token$',
);
/**
 * Names that end like a secret and are not: identifiers, public halves, pagination cursors, and
 * qemu-img's `key-secret=sec0` (the id of a secret object, whose data is given elsewhere).
 */
const NOT_SECRET = new RegExp(
  '(?:^|_)(?:sort|routing|public|pub|host|primary|foreign|partition|cache|lock|dict|hash|idempotency|shard|' +
    'metadata|specs?|index|row|lookup|unique|group|next|page|continuation|pagination|sync|marker|limit)' +
    '_(?:key|token)$|(?:^|_)key_secret$',
);

/** Does the (normalized) key name hold a secret? */
export function isSecretKey(norm: string): boolean {
  if (NOT_SECRET.test(norm)) return false;
  return SECRET_END.test(norm) || SECRET_WORD.test(norm) || SECRET_COMPOUND.test(norm);
}

/** `X-Auth-Token`, `X-Subject-Token`, `X-Storage-Token`, `X-Auth-Key`, `X-Api-Key`, GitLab's `Private-Token`. */
export function isHeaderKey(norm: string): boolean {
  return /^x_[a-z0-9_]*(?:token|key|password|secret)$/.test(norm) || norm === 'private_token';
}

/** Names of AWS secret access keys and Azure storage account keys, which get their own kind. */
export function providerKindOfKey(norm: string): 'aws-secret-key' | 'azure-storage-key' | undefined {
  if (/secret_access_key$|^aws_secret_key$/.test(norm)) return 'aws-secret-key';
  if (/(?:^|_)(?:account_key|shared_access_key|azure_storage_key)$/.test(norm)) return 'azure-storage-key';
  return undefined;
}

/** Token-like names, whose values are at least 8 characters (a shorter one is no token). */
export function isTokenKey(norm: string): boolean {
  return /token$/.test(norm);
}
