// The rules of the secret scanner: what makes the text around a trigger word a secret
// (a password-like key with a real value, a URL with a password, a private key, a token),
// what passes (scrubbed, masked, placeholder values, program text), and how a finding is
// shown without the secret. Every look is bounded: a key of at most 128 characters back,
// a value of at most 512 forward, so the scanner stays linear whatever the input.

/** What kind of secret a finding is. */
export type SecretKind =
  | 'password'
  | 'token-header'
  | 'url-password'
  | 'private-key'
  | 'github-token'
  | 'aws-access-key'
  | 'slack-token'
  | 'keystone-token';

/** Any of these (any case) makes the text around it worth a closer look. */
export const TRIGGER =
  /pass|secret|token|_key|apikey|private key|:\/\/|akia|asia|gh[pousr]_|github_pat_|xox[abposr]-|gaaaaa/gi;

/** A key that holds a secret ends with one of these. */
const SECRET_KEY = /(?:password|passwd|passphrase|secret|secret_?key|auth_?key|api_?key|private_?key|token)$/;
const HEADER_KEY = /^x-[a-z-]*token$/;

const AWS = /(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Za-z0-9])/y;
const GITHUB = /gh[pousr]_[A-Za-z0-9]{36,251}(?![A-Za-z0-9])/y;
const GITHUB_PAT = /github_pat_[A-Za-z0-9_]{50,255}(?![A-Za-z0-9_])/y;
const SLACK = /xox[abposr]-[A-Za-z0-9-]{10,250}/y;
const FERNET = /gAAAAA[A-Za-z0-9_-]{80,1000}={0,2}(?![A-Za-z0-9_=-])/y;
const URL_CREDENTIALS = /([^\s:/@'"<>[\]]{1,256}):([^\s/@'"<>]{0,256})@/y;
const PRIVATE_KEY_BEGIN = /-----BEGIN [A-Z0-9 ]{0,24}$/;

const KEY_WINDOW = 128;
const VALUE_WINDOW = 512;
const EXCERPT_CONTEXT = 60;

/** A secret found at a trigger. */
export interface Hit {
  kind: SecretKind;
  message: string;
  /** The secret's span in the text, to redact. */
  start: number;
  end: number;
}

/** Look closely at a trigger at P. `resume`: where the trigger search goes on. */
export function examine(s: string, p: number, trigger: string, lo: number, hi: number): { hit?: Hit; resume: number } {
  const t = trigger.toLowerCase();
  switch (t) {
    case '://':
      return { hit: urlPassword(s, p, hi), resume: p + 3 };
    case 'private key':
      return { hit: privateKey(s, p, lo), resume: p + t.length };
    case 'akia':
    case 'asia':
      return sticky(s, p, lo, hi, AWS, 'aws-access-key', (v) =>
        v.endsWith('EXAMPLE') ? undefined : `an AWS access key id (${v.slice(0, 4)}…)`,
      );
    case 'github_pat_':
      return sticky(s, p, lo, hi, GITHUB_PAT, 'github-token', () => 'a GitHub token (github_pat_…)');
    case 'gaaaaa':
      return sticky(s, p, lo, hi, FERNET, 'keystone-token', () => 'a Keystone (Fernet) token (gAAAAA…)');
    default:
      if (t.startsWith('gh'))
        return sticky(s, p, lo, hi, GITHUB, 'github-token', (v) => `a GitHub token (${v.slice(0, 4)}…)`);
      if (t.startsWith('xox'))
        return sticky(s, p, lo, hi, SLACK, 'slack-token', (v) => `a Slack token (${v.slice(0, 5)}…)`);
      return keyValue(s, p, t.length, lo, hi);
  }
}

/** A token matched by RE right at P (and not in the middle of a word). */
function sticky(
  s: string,
  p: number,
  lo: number,
  hi: number,
  re: RegExp,
  kind: SecretKind,
  describe: (value: string) => string | undefined,
): { hit?: Hit; resume: number } {
  if (p > lo && isWordChar(s.charCodeAt(p - 1))) return { resume: p + 1 };
  re.lastIndex = p;
  const m = re.exec(s);
  if (!m || p + m[0].length > hi) return { resume: p + 1 };
  const end = p + m[0].length;
  const message = describe(m[0]);
  return message ? { hit: { kind, message, start: p, end }, resume: end } : { resume: end };
}

function urlPassword(s: string, p: number, hi: number): Hit | undefined {
  URL_CREDENTIALS.lastIndex = p + 3;
  const m = URL_CREDENTIALS.exec(s);
  if (!m || URL_CREDENTIALS.lastIndex > hi) return undefined;
  const pass = m[2]!;
  if (isPlaceholder(pass)) return undefined;
  const start = p + 3 + m[1]!.length + 1;
  let scheme = p;
  while (scheme > 0 && p - scheme < 32 && /[A-Za-z0-9+.-]/.test(s[scheme - 1]!)) scheme--;
  return {
    kind: 'url-password',
    message: `a password in a URL (${s.slice(scheme, p)}://${printable(m[1]!)}:…@)`,
    start,
    end: start + pass.length,
  };
}

function privateKey(s: string, p: number, lo: number): Hit | undefined {
  if (s.slice(p, p + 16) !== 'PRIVATE KEY-----') return undefined;
  const before = s.slice(Math.max(lo, p - 40), p);
  if (!PRIVATE_KEY_BEGIN.test(before)) return undefined;
  const begin = before.slice(before.lastIndexOf('-----BEGIN'));
  return { kind: 'private-key', message: `a private key (${begin}PRIVATE KEY-----)`, start: p + 16, end: p + 16 };
}

/**
 * A secret-looking key with a value: `password = v`, `san_password=v`, `"password": "v"`,
 * `'password': 'v'`, `password: v` (YAML, at the start of a line), `--os-password v`,
 * `X-Auth-Token: v` (anywhere).
 */
function keyValue(s: string, p: number, len: number, lo: number, hi: number): { hit?: Hit; resume: number } {
  let ks = p;
  while (ks > lo && p - ks < KEY_WINDOW && isKeyChar(s.charCodeAt(ks - 1))) ks--;
  const keyStart = ks;
  while (ks < p && (s[ks] === '-' || s[ks] === '.')) ks++; // `--os-password`: the dashes are not the key
  let ke = p + len;
  while (ke < hi && ke - p < KEY_WINDOW && isKeyChar(s.charCodeAt(ke))) ke++;
  const resume = ke;
  const key = s.slice(ks, ke);
  const lower = key.toLowerCase();
  if (!SECRET_KEY.test(lower)) return { resume };
  const header = HEADER_KEY.test(lower);
  const quote = ks > lo ? s[ks - 1] : undefined;
  const quotedKey = (quote === '"' || quote === "'") && s[ke] === quote;
  const flag = !quotedKey && ks - keyStart >= 2 && s.slice(ks - 2, ks) === '--';
  const lineStart = !quotedKey && atLineStart(s, ks, lo);
  let i = quotedKey ? ke + 1 : ke;
  i = skipBlanks(s, i, hi);
  const sep = s[i];
  if (sep === '=') {
    if (s[i + 1] === '=') return { resume };
    i++;
  } else if (sep === ':') {
    if (s[i + 1] === '/' || s[i + 1] === ':' || s[i + 1] === '=') return { resume };
    if (!quotedKey && !header && !lineStart) return { resume };
    i++;
  } else if (!(flag && i > ke)) {
    return { resume };
  }
  i = skipBlanks(s, i, hi);
  // `key = value` opening its line (INI, YAML) takes the rest of the line: a password may hold spaces
  const v = readValue(s, i, hi, lineStart && !flag);
  if (!v) return { resume };
  if (isPlaceholder(v.text)) return { resume };
  // a dict or JSON value is a quoted string; after a quoted key, a bare word is a variable
  if (quotedKey && !v.quoted) return { resume };
  if (!v.quoted && looksLikeCode(s, v.text, key, quote === '"' || quote === "'" ? ks - 1 : ks, lo)) return { resume };
  if ((header || lower.endsWith('token')) && v.text.length < 8) return { resume };
  if (lower.endsWith('key') && /^(?:\/|~\/|\.\.?\/)/.test(v.text)) return { resume }; // `san_private_key = /etc/…`: a path to a key
  const shown = printable(key);
  const message = header
    ? `an unmasked token in an "${shown}" header`
    : `an unscrubbed password-like value for "${shown}"`;
  return { hit: { kind: header ? 'token-header' : 'password', message, start: v.start, end: v.end }, resume: v.end };
}

function readValue(
  s: string,
  i: number,
  hi: number,
  toLineEnd: boolean,
): { text: string; start: number; end: number; quoted: boolean } | undefined {
  const c = s[i];
  if (c === undefined || i >= hi) return undefined;
  if (c === '{' || c === '[' || c === '(') return undefined; // a structure, not a value
  if (c === '"' || c === "'") {
    let j = i + 1;
    while (j < hi && j - i < VALUE_WINDOW && s[j] !== c && s[j] !== '\n') j++;
    return { text: s.slice(i + 1, j), start: i + 1, end: j, quoted: true };
  }
  if (c === '<') {
    const close = s.indexOf('>', i);
    if (close !== -1 && close < hi && close - i < VALUE_WINDOW)
      return { text: s.slice(i, close + 1), start: i, end: close + 1, quoted: false };
  }
  let j = i;
  if (toLineEnd) {
    while (j < hi && j - i < VALUE_WINDOW && s[j] !== '\n') j++;
    while (j > i && /\s/.test(s[j - 1]!)) j--;
  } else {
    while (j < hi && j - i < VALUE_WINDOW && !isValueEnd(s.charCodeAt(j))) j++;
  }
  if (j === i) return undefined;
  return { text: s.slice(i, j), start: i, end: j, quoted: false };
}

/** Scrubbed, masked, empty or an obvious stand-in: not a secret. */
function isPlaceholder(value: string): boolean {
  const v = value.trim();
  return (
    v === '' ||
    /^(?:x+|\*+|\.\.\.|-+|none|null|nil|undefined|true|false|yes|no|on|off|<[^>]*>|\[?(?:redacted|masked|hidden|filtered|scrubbed|removed)\]?)$/i.test(
      v,
    ) ||
    /^\{SHA\d*\}/i.test(v) ||
    /^\$\{?[A-Za-z_][A-Za-z0-9_]*\}?$/.test(v) ||
    /^%\([A-Za-z_]+\)s$/.test(v) ||
    /^\{\{.*\}\}$/.test(v)
  );
}

/** An unquoted value that is program text rather than data: traceback source lines, kwargs. */
function looksLikeCode(s: string, value: string, key: string, keyStart: number, lo: number): boolean {
  if (/[()[\]]/.test(value)) return true;
  if (/^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+$/.test(value)) return true;
  if (!/^[A-Za-z_]\w*$/.test(value)) return false;
  if (/^(?:self|cls)\./.test(key)) return true;
  let j = keyStart;
  while (j > lo && (s[j - 1] === ' ' || s[j - 1] === '\t')) j--;
  return j > lo && (s[j - 1] === '(' || s[j - 1] === ',');
}

/** Is P the first thing on its line (after indentation and a YAML `- `)? */
function atLineStart(s: string, p: number, lo: number): boolean {
  let j = p;
  while (j > lo && p - j < 64 && (s[j - 1] === ' ' || s[j - 1] === '\t' || s[j - 1] === '-')) j--;
  return j === lo || s[j - 1] === '\n';
}

function skipBlanks(s: string, i: number, hi: number): number {
  let j = i;
  while (j < hi && j - i < 16 && (s[j] === ' ' || s[j] === '\t')) j++;
  return j;
}

function isKeyChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45 || c === 46;
}

function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

/** Where an unquoted value stops: blanks, quotes, separators and closing brackets. */
function isValueEnd(c: number): boolean {
  return (
    c <= 32 || c === 34 || c === 39 || c === 44 || c === 59 || c === 38 || c === 41 || c === 93 || c === 125 || c === 62
  );
}

/** The hit's line around it, the secret replaced, decoded as UTF-8 and stripped of control characters. */
export function excerpt(s: string, lo: number, hi: number, hit: Hit): string {
  let a = hit.start;
  while (a > lo && hit.start - a < EXCERPT_CONTEXT * 2 && s[a - 1] !== '\n') a--;
  let b = hit.end;
  while (b < hi && b - hit.end < EXCERPT_CONTEXT && s[b] !== '\n') b++;
  if (hit.start - a > EXCERPT_CONTEXT) a = hit.start - EXCERPT_CONTEXT;
  const redacted = hit.end > hit.start ? '[REDACTED]' : '';
  const text = printable(s.slice(a, hit.start)) + redacted + printable(s.slice(hit.end, b));
  const lineStart = a === lo || s[a - 1] === '\n';
  const lineEnd = b === hi || s[b] === '\n';
  return `${lineStart ? '' : '…'}${text.trim()}${lineEnd ? '' : '…'}`;
}

/** latin1 text back to UTF-8, without control characters. */
function printable(latin1: string): string {
  // eslint-disable-next-line no-control-regex
  return Buffer.from(latin1, 'latin1')
    .toString('utf8')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '?')
    .replace(/[\t\r\n]/g, ' ');
}
