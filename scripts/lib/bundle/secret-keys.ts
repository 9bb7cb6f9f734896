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
  if (isPlain(key)) return key; // most keys: `auth_password`
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

/** Could s[start, end) end in a secret word at all? A cheap look at its last characters, before anything else. */
export function mayBeSecretKey(s: string, start: number, end: number): boolean {
  const last = s.charCodeAt(end - 1) | 32;
  if (last === 121) return endsWithWord(s, start, end, 'key'); // y
  if (last === 110) return endsWithWord(s, start, end, 'token'); // n
  if (last === 116) return endsWithWord(s, start, end, 'secret'); // t
  if (last === 100)
    return (
      endsWithWord(s, start, end, 'pwd') ||
      endsWithWord(s, start, end, 'pswd') ||
      endsWithWord(s, start, end, 'password') ||
      endsWithWord(s, start, end, 'passwd')
    ); // d
  if (last === 115) return endsWithWord(s, start, end, 'pass'); // s
  return last === 101 && endsWithWord(s, start, end, 'passphrase'); // e
}

/** Does s[start, end) end with WORD (lower case), in any case? */
function endsWithWord(s: string, start: number, end: number, word: string): boolean {
  if (end - start < word.length) return false;
  for (let i = 1; i <= word.length; i++)
    if ((s.charCodeAt(end - i) | 32) !== word.charCodeAt(word.length - i)) return false;
  return true;
}

/** Lower case, digits and inner `_` only: already normal. */
function isPlain(key: string): boolean {
  if (key.charCodeAt(0) === 95) return false;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if ((c >= 65 && c <= 90) || c === 45 || c === 46) return false;
  }
  return true;
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

/** Run-together names that end in key or token and are secrets: `apikey`, `authtoken` (`apiKey` is `api_key`). */
const COMPOUND_KEY = ['api', 'auth', 'secret', 'access', 'private', 'account', 'session', 'fernet', 'ssl', 'cephx']
  .concat(['master', 'encryption', 'signing', 'shared', 'hmac', 'storage'])
  .map((w) => `${w}key`);
const COMPOUND_TOKEN = ['auth', 'access', 'api', 'session', 'refresh', 'bearer', 'id'].map((w) => `${w}token`);
/**
 * Words before a last `key` or `token` that make the name no secret: identifiers, public halves,
 * pagination cursors (`sort_key`, `routing_key`, `public_key`, `next_token`…).
 */
const NOT_SECRET_BEFORE = new Set(
  ['sort', 'routing', 'public', 'pub', 'host', 'primary', 'foreign', 'partition', 'cache', 'lock', 'dict', 'hash']
    .concat(['idempotency', 'shard', 'metadata', 'spec', 'specs', 'index', 'row', 'lookup', 'unique', 'group'])
    .concat(['next', 'page', 'continuation', 'pagination', 'sync', 'marker', 'limit']),
);

/**
 * Does the (normalized) key name hold a secret? Its last word decides: password, passwd, passphrase
 * and pswd even run together (`chappassword`); secret, except qemu-img's `key_secret` (the id of a
 * secret object whose data is given elsewhere); pass and pwd only after `_` (not `bypass`); key after
 * `_` (a bare `key` names a dict's keys) and token, unless the word before says identifier.
 */
export function isSecretKey(norm: string): boolean {
  if (norm.endsWith('key')) {
    if (norm.endsWith('_key')) return !NOT_SECRET_BEFORE.has(wordBefore(norm, norm.length - 4));
    return COMPOUND_KEY.some((w) => norm.endsWith(w));
  }
  if (norm.endsWith('token')) {
    if (norm === 'token') return true;
    if (norm.endsWith('_token')) return !NOT_SECRET_BEFORE.has(wordBefore(norm, norm.length - 6));
    return COMPOUND_TOKEN.some((w) => norm.endsWith(w));
  }
  if (norm.endsWith('secret')) return !norm.endsWith('key_secret');
  if (norm.endsWith('password') || norm.endsWith('passwd') || norm.endsWith('passphrase') || norm.endsWith('pswd'))
    return true;
  return isWord(norm, 'pass') || isWord(norm, 'pwd');
}

/** The `_`-separated word of NORM that ends at END. */
function wordBefore(norm: string, end: number): string {
  return norm.slice(norm.lastIndexOf('_', end - 1) + 1, end);
}

/** Is WORD the last `_`-separated word of NORM? */
function isWord(norm: string, word: string): boolean {
  return norm === word || norm.endsWith(`_${word}`);
}

/** `X-Auth-Token`, `X-Subject-Token`, `X-Storage-Token`, `X-Auth-Key`, `X-Api-Key`, GitLab's `Private-Token`. */
export function isHeaderKey(norm: string): boolean {
  if (norm === 'private_token') return true;
  if (!norm.startsWith('x_')) return false;
  return norm.endsWith('token') || norm.endsWith('key') || norm.endsWith('password') || norm.endsWith('secret');
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
