// Settings whose key says secret, in every syntax logs show them: ini and oslo.config dumps
// (`key = v`, `key: v`), YAML (`key: v`, `{key: v}`), JSON and Python dicts (`"key": "v"`, also
// escaped inside a log string: `{\"key\": \"v\"}`), XML (`<key>v</key>`), kwargs and query strings
// (`key='v'`, `?key=v&`), command lines (`--key v`, `--key=v`, iscsiadm's `-n key -v v`), HTTP
// headers (`X-Auth-Token: v`, `Authorization: Basic v`), and `Password: v` in the middle of a line.
import { commandPassword } from './secret-commands.js';
import {
  isHeaderKey,
  isSecretKey,
  isTokenKey,
  mayBeSecretKey,
  normalizeKey,
  providerKindOfKey,
} from './secret-keys.js';
import type { Hit, SecretKind } from './secret-kinds.js';
import { describeKind, NO_HITS, printable, type Found } from './secret-kinds.js';
import { privateKeyAt, tokenKindOf } from './secret-tokens.js';
import {
  bareEnd,
  isFilePath,
  isPlaceholder,
  lineEnd,
  looksLikeCode,
  namesItsKey,
  quoteAt,
  quoteBefore,
  readValue,
  VALUE_WINDOW,
  type Value,
} from './secret-values.js';

const KEY_WINDOW = 128;

interface Key {
  /** The key without leading dashes, and its span. */
  text: string;
  start: number;
  end: number;
  norm: string;
  /** `--key`: a command-line flag. */
  flag: boolean;
  /** The quote around the key (`"`, `'`, `\"`, `&quot;`), when it is closed after it too. */
  quote: string | undefined;
  /** The key opens its line (after indentation and a YAML `- `). */
  lineStart: boolean;
}

/** The key around the trigger at P (LEN long); with `anyName`, also one that cannot end in a secret word. */
function keyAround(s: string, p: number, len: number, lo: number, hi: number, anyName = false): Key {
  let ks = p;
  while (ks > lo && p - ks < KEY_WINDOW && isKeyChar(s.charCodeAt(ks - 1))) ks--;
  if (ks > lo && s[ks - 1] === '\\' && ks < p && 'ntr'.includes(s[ks]!)) ks++; // `\tkey = …` in a repr
  const withDashes = ks;
  while (ks < p && (s[ks] === '-' || s[ks] === '.')) ks++;
  let ke = p + len;
  while (ke < hi && ke - p < KEY_WINDOW && isKeyChar(s.charCodeAt(ke))) ke++;
  if (!anyName && !mayBeSecretKey(s, ks, ke))
    return { text: '', start: ks, end: ke, norm: '', flag: false, quote: undefined, lineStart: false };
  const text = s.slice(ks, ke);
  const before = quoteBefore(s, ks, lo);
  const quote = before !== undefined && s.startsWith(before, ke) ? before : undefined;
  return {
    text,
    start: ks,
    end: ke,
    norm: normalizeKey(text),
    flag: !before && ks - withDashes >= 2 && s[ks - 1] === '-' && s[ks - 2] === '-',
    quote,
    lineStart: !quote && atLineStart(s, withDashes, lo),
  };
}

/** A secret-looking key with a value, around the trigger at P. */
export function keyValue(s: string, p: number, len: number, lo: number, hi: number): Found {
  const key = keyAround(s, p, len, lo, hi);
  const none = { hits: NO_HITS, resume: key.end };
  if (key.norm === 'sshpass') return { hits: optional(commandPassword(s, p, 'pass', lo, hi)), resume: key.end };
  if (!isSecretKey(key.norm)) return none;
  const header = isHeaderKey(key.norm);
  const sep = separator(s, key, lo, hi, header);
  if (!sep) return none;
  let v = readValue(s, sep.at, hi, key.lineStart && sep.spaced);
  if (v && key.lineStart) v = withoutComment(v);
  if (v && sep.kind === 'equals' && !v.quoted && s[key.start - 1] === ' ' && s[key.start - 2] === ']')
    v = osloDumpValue(s, v, hi);
  if (!v || !isValue(s, key, v, sep.kind, lo, hi, header)) return none;
  if (s.startsWith('-----BEGIN ', v.start)) {
    const pem = privateKeyAt(s, v.start, hi); // a GCP service account's "private_key", the key in full
    return pem ? { hits: [pem], resume: Math.max(pem.end, v.end) } : none;
  }
  return { hits: [settingHit(key, v, header)], resume: v.end };
}

type SeparatorKind = 'equals' | 'colon' | 'mid-colon' | 'flag' | 'xml';

/**
 * After the key: `=`, `:` (where a colon separates), `>` of an XML tag, or a flag's blank; where the
 * value starts, and whether blanks stand around the separator (ini's `key = value`).
 */
function separator(
  s: string,
  key: Key,
  lo: number,
  hi: number,
  header: boolean,
): { kind: SeparatorKind; at: number; spaced: boolean } | undefined {
  const after = key.quote ? key.end + key.quote.length : key.end;
  if (!key.quote && s[key.start - 1] === '<' && s[key.end] === '>')
    return { kind: 'xml', at: key.end + 1, spaced: false };
  const i = skipBlanks(s, after, hi);
  const c = s[i];
  const next = s[i + 1];
  if (c === '=') {
    if (next === '=' || next === '~') return undefined; // `==`, `=~`: a comparison
    const at = skipBlanks(s, next === '>' ? i + 2 : i + 1, hi);
    // ini's `key = two words` takes the line; a shell's `KEY=value command` does not
    return { kind: 'equals', at, spaced: i > after || at > i + 1 };
  }
  if (c === ':') {
    if (next === '/' || next === ':') return undefined;
    const at = skipBlanks(s, next === '=' ? i + 2 : i + 1, hi);
    const colonSeparates = key.quote || header || key.lineStart || inFlow(s, key.start, lo);
    return { kind: colonSeparates ? 'colon' : 'mid-colon', at, spaced: true };
  }
  if (key.flag && i > after && i < hi) return { kind: 'flag', at: i, spaced: false };
  VALUE_FLAG.lastIndex = after;
  if (VALUE_FLAG.test(s) && VALUE_FLAG.lastIndex <= hi)
    return { kind: 'flag', at: VALUE_FLAG.lastIndex, spaced: false };
  return undefined;
}

/** iscsiadm's `-n node.session.auth.password -v VALUE`, also as a Python tuple: `'…password', '-v', 'VALUE'`. */
const VALUE_FLAG = /[ \t]{0,4},?[ \t]{0,4}(['"]?)--?v(?:alue)?\1[ \t]{0,4},?[ \t]{1,4}/y;

/** Is the key an item of a flow mapping or a comma list (`{user: a, password: b}`, `a:b,san_password:c`)? */
function inFlow(s: string, ks: number, lo: number): boolean {
  let j = ks;
  while (j > lo && ks - j < 16 && (s[j - 1] === ' ' || s[j - 1] === '\t')) j--;
  return j > lo && (s[j - 1] === '{' || s[j - 1] === ',');
}

/** Is V a value a reader would take for the key's secret, rather than program text, prose or a stand-in? */
function isValue(s: string, key: Key, v: Value, sep: SeparatorKind, lo: number, hi: number, header: boolean): boolean {
  const t = v.text;
  if ((header || isTokenKey(key.norm)) && t.length < 8) return false; // a token is longer (and this is cheap)
  if (isPlaceholder(t)) return false;
  if (key.quote && !v.quoted && /^[A-Za-z_]/.test(t)) return false; // `'password': password`: a variable
  const keyStart = key.quote ? key.start - key.quote.length : key.start;
  if (!v.quoted && looksLikeCode(s, t, key.text, key.norm, keyStart, lo)) return false;
  if (v.quoted && namesItsKey(t, key.norm)) return false; // AUTHORIZATION = "Authorization", "password": "password"
  if (sep === 'flag' && /^--?[A-Za-z]/.test(t)) return false; // `--password --user x`: the next flag
  if (isFilePath(t) && !/(?:pass|pwd|pswd|passwd|passphrase|password)$/.test(key.norm)) return false;
  if (!v.quoted && key.lineStart && sep === 'colon' && isProse(t)) return false;
  if (sep === 'mid-colon' && !v.quoted) return midLineValue(s, v, hi);
  return true;
}

/** `Password: X` in the middle of a line: X ends the line or a list, or looks like a credential. */
function midLineValue(s: string, v: Value, hi: number): boolean {
  const t = v.text;
  if (/^[A-Za-z_][\w.-]*[=:]/.test(t) || STATUS.test(t)) return false; // `Credentials: user=…`, `password: changed`
  if (/[0-9]/.test(t) && /[A-Za-z]/.test(t)) return true;
  if (/[!@#$%^&*+=?~]/.test(t)) return true;
  const j = skipBlanks(s, v.end, hi);
  if (j >= hi || s[j] === '\n' || s[j] === '\r' || ',;)]}|'.includes(s[j]!)) return true;
  if (s.startsWith('{{(pid=', j)) return true; // devstack's journal suffix ends the message
  const rest = s.slice(j, lineEnd(s, j, hi, 64));
  return /^[A-Za-z_][\w.-]*\s?[:=]/.test(rest); // another `key: value` follows
}

/** Words a log puts after `Password:` that are no password. */
const STATUS = new RegExp(
  '^(?:required|changed|set|unset|ok|done|missing|invalid|expired|empty|updated|provided|not|is|was|for|of|the|' +
    'a|an|reset|rotated|accepted|rejected|failed|incorrect|wrong|mismatch|blank)\\.?$',
  'i',
);

/** Help text rather than a value: three words or more, letters only, the first capitalised. */
function isProse(t: string): boolean {
  return /^[A-Z][a-z]+(?: [A-Za-z]+){2,}\.?$/.test(t);
}

/**
 * oslo.config's dump in devstack's journal, `key = value {{(pid=…) log_opt_values …}}`:
 * the value up to the suffix.
 */
function osloDumpValue(s: string, v: Value, hi: number): Value {
  const eol = lineEnd(s, v.start, hi);
  const suffix = s.slice(v.start, eol).indexOf(' {{(pid=');
  if (suffix <= 0) return v;
  const text = s.slice(v.start, v.start + suffix).trimEnd();
  return { text, start: v.start, end: v.start + text.length, quoted: false };
}

/** A YAML comment after a value that opens its line: `password: xxx  # scrubbed`. */
function withoutComment(v: Value): Value {
  if (v.quoted) return v;
  const at = v.text.search(/\s#/);
  if (at <= 0) return v;
  const text = v.text.slice(0, at).trimEnd();
  return { ...v, text, end: v.start + text.length };
}

function settingHit(key: Key, v: Value, header: boolean): Hit {
  const shown = printable(key.text);
  if (header)
    return { kind: 'token-header', message: `an unmasked token in an "${shown}" header`, start: v.start, end: v.end };
  const kind: SecretKind = tokenKindOf(v.text) ?? providerKindOfKey(key.norm) ?? 'password';
  const message =
    kind === 'password' ? `an unscrubbed password-like value for "${shown}"` : `${describeKind(kind)} in "${shown}"`;
  return { kind, message, start: v.start, end: v.end };
}

/** `Authorization: Basic …`, `"Authorization": "Bearer …"`, `Proxy-Authorization: …` at the trigger at P. */
export function authorizationHeader(s: string, p: number, len: number, lo: number, hi: number): Found {
  const key = keyAround(s, p, len, lo, hi, true);
  const none = { hits: NO_HITS, resume: key.end };
  if (!/(?:^|_)authorization$/.test(key.norm)) return none;
  const after = key.quote ? key.end + key.quote.length : key.end;
  const i = skipBlanks(s, after, hi);
  if (s[i] !== ':' && s[i] !== '=') return none;
  let at = skipBlanks(s, i + 1, hi);
  const q = quoteAt(s, at, hi);
  if (q) at += q.length;
  else if (key.quote && /[A-Za-z_]/.test(s[at] ?? '')) return none; // `'Authorization': self.get_token()`
  const schemeEnd = bareEnd(s, at, hi);
  const scheme = s.slice(at, schemeEnd);
  let credStart = skipBlanks(s, schemeEnd, hi);
  const twoParts = credStart > schemeEnd && credStart < hi && !quoteAt(s, credStart, hi) && s[credStart] !== '\n';
  if (!twoParts) credStart = at; // a bare token
  const credEnd = q ? closing(s, credStart, hi, q) : credentialEnd(s, credStart, hi);
  const cred = s.slice(credStart, credEnd);
  if (!twoParts && cred.length < 8) return none;
  if (/^(?:digest|aws4-hmac-sha256)$/i.test(scheme) || isPlaceholder(cred) || isScrubbedBasic(scheme, cred))
    return none;
  if (namesItsKey(cred, key.norm)) return none; // AUTHORIZATION = "Authorization"
  const shown = twoParts ? `${printable(key.text)}: ${printable(scheme)}` : printable(key.text);
  const message = `an unmasked credential in an "${shown}" header`;
  return { hits: [{ kind: 'auth-header', message, start: credStart, end: credEnd }], resume: credEnd };
}

/** Where an unquoted credential ends: a blank, a quote, a comma or semicolon (`{SHA256}…` goes on). */
function credentialEnd(s: string, i: number, hi: number): number {
  const stop = Math.min(hi, i + VALUE_WINDOW);
  let j = i;
  while (j < stop && !/[\s"',;\\]/.test(s[j]!)) j++;
  return j;
}

/** `Basic` of `user:xxx`: the cert script's scrubbing, base64-encoded. */
function isScrubbedBasic(scheme: string, cred: string): boolean {
  if (scheme.toLowerCase() !== 'basic' || !/^[A-Za-z0-9+/]+=*$/.test(cred)) return false;
  const plain = Buffer.from(cred, 'base64').toString('latin1');
  const colon = plain.indexOf(':');
  return colon !== -1 && isPlaceholder(plain.slice(colon + 1));
}

function closing(s: string, from: number, hi: number, q: string): number {
  const eol = lineEnd(s, from, hi);
  const at = s.slice(from, eol).indexOf(q);
  return at === -1 ? eol : from + at;
}

function optional(hit: Hit | undefined): readonly Hit[] {
  return hit ? [hit] : NO_HITS;
}

/** Is P the first thing on its line (after indentation, a YAML `- `, an `export `)? */
function atLineStart(s: string, p: number, lo: number): boolean {
  let j = p;
  if (j - 7 >= lo && s.startsWith('export ', j - 7)) j -= 7;
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
