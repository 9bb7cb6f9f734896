import { isSecretKey, normalizeKey } from './secret-keys.js';

// Reading a value after a key, and deciding what is no secret whatever its key: scrubbed and
// masked values, placeholders, program text. Every look is bounded (VALUE_WINDOW forward), so
// a rule costs the same on a 100 MB line as on a short one.

/** Longest value read after a key. */
export const VALUE_WINDOW = 512;

/** A value read after a key: its text and its span in the scanned string. */
export interface Value {
  text: string;
  start: number;
  end: number;
  quoted: boolean;
}

/** `"`, `'`, their backslash-escaped forms (`\"`, `\\\"`) and HTML entities: what quotes a key or value at P. */
export function quoteAt(s: string, p: number, hi: number): string | undefined {
  const c = s[p];
  if (c === '"' || c === "'") return c;
  if (c === '&') {
    for (const e of ENTITIES) if (s.startsWith(e, p) && p + e.length <= hi) return e;
    return undefined;
  }
  if (c !== '\\') return undefined;
  let j = p;
  while (j < hi && j - p < 8 && s[j] === '\\') j++;
  return s[j] === '"' || s[j] === "'" ? s.slice(p, j + 1) : undefined;
}

/** The quote that ends just before P (what opened a key that starts at P), escapes and entities included. */
export function quoteBefore(s: string, p: number, lo: number): string | undefined {
  const c = s[p - 1];
  if (p <= lo) return undefined;
  if (c === ';') {
    for (const e of ENTITIES) if (p - e.length >= lo && s.startsWith(e, p - e.length)) return e;
    return undefined;
  }
  if (c !== '"' && c !== "'") return undefined;
  let j = p - 1;
  while (j > lo && p - j < 9 && s[j - 1] === '\\') j--;
  return s.slice(j, p);
}

const ENTITIES = ['&quot;', '&#34;', '&#39;', '&apos;', '&#x27;', '&#x22;'];

/**
 * The value at I: quoted (up to the same quote, on the same line), `<…>`, or bare (up to a blank,
 * quote, separator or closing bracket; with `toLineEnd`, up to the end of the line).
 */
export function readValue(s: string, i: number, hi: number, toLineEnd: boolean): Value | undefined {
  if (i >= hi) return undefined;
  let q = quoteAt(s, i, hi);
  let open = i;
  if (!q && (s[i] === 'u' || s[i] === 'b') && (s[i + 1] === "'" || s[i + 1] === '"')) {
    open = i + 1; // Python 2's u'…' and bytes b'…'
    q = s[open];
  }
  if (q) return readQuoted(s, open + q.length, hi, q);
  const c = s[i];
  if (c === '{' || c === '[' || c === '(') return undefined; // a structure, not a value
  if (c === '<') {
    const close = find(s, '>', i, hi);
    if (close !== -1) return { text: s.slice(i, close + 1), start: i, end: close + 1, quoted: false };
  }
  let j = i;
  if (toLineEnd) {
    const stop = Math.min(hi, i + VALUE_WINDOW);
    while (j < stop && s[j] !== '\n' && s[j] !== '\r') j++;
    while (j > i && (s[j - 1] === ' ' || s[j - 1] === '\t')) j--;
  } else {
    j = bareEnd(s, i, hi);
  }
  return j === i ? undefined : { text: s.slice(i, j), start: i, end: j, quoted: false };
}

function readQuoted(s: string, start: number, hi: number, q: string): Value {
  const stop = Math.min(hi, start + VALUE_WINDOW);
  let j = start;
  while (j < stop && s[j] !== '\n' && !s.startsWith(q, j)) j++;
  return { text: s.slice(start, j), start, end: j, quoted: true };
}

/** Where a bare value that starts at I ends. */
export function bareEnd(s: string, i: number, hi: number): number {
  const stop = Math.min(hi, i + VALUE_WINDOW);
  let j = i;
  while (j < stop && !isValueEnd(s.charCodeAt(j))) j++;
  return j;
}

/** Index of C in s[from, min(hi, from + VALUE_WINDOW)), or -1: a bounded indexOf. */
export function find(s: string, c: string, from: number, hi: number): number {
  const stop = Math.min(hi, from + VALUE_WINDOW);
  for (let j = from; j < stop; j++) if (s[j] === c) return j;
  return -1;
}

/** The end of the line holding P, looking at most MAX characters ahead. */
export function lineEnd(s: string, p: number, hi: number, max = VALUE_WINDOW): number {
  const window = s.slice(p, Math.min(hi, p + max));
  const at = window.indexOf('\n');
  return p + (at === -1 ? window.length : at);
}

/** Where a bare value stops: blanks, quotes, backslashes, backticks, separators and brackets. */
function isValueEnd(c: number): boolean {
  return (
    c <= 32 ||
    c === 34 || // "
    c === 39 || // '
    c === 44 || // ,
    c === 59 || // ;
    c === 38 || // &
    c === 41 || // )
    c === 93 || // ]
    c === 125 || // }
    c === 60 || // <
    c === 62 || // >
    c === 92 || // \
    c === 96 // ` (Markdown's code spans: a README's `password = xxx`)
  );
}

const MASKED = new RegExp(
  '^(?:x+|\\*+|[|>][-+]?|#+|\\?+|-+|_+|\\.\\.\\.|none|null|nil|undefined|true|false|yes|no|on|off|n/a|unset|notset|' +
    '<[^>]*>|[[(]?(?:redacted|masked|hidden|filtered|scrubbed|removed|sanitized|omitted)[\\])]?)$',
  'i',
);

/** Scrubbed, masked, empty, an obvious stand-in, or public: not a secret whatever its key. */
export function isPlaceholder(value: string): boolean {
  const v = value.trim();
  // EXAMPLE: AWS's documentation keys; a run of x: a mask or a documentation stand-in (`xoxb-XXXXXXXX…`)
  if (v.length < 2 || v.includes('***') || v.includes('[REDACTED]') || v.includes('EXAMPLE') || /[xX]{6}/.test(v))
    return true;
  if (!/[A-Za-z0-9]/.test(v) || FORMAT.test(v)) return true; // `\`, `'.'`; a format string: `Bearer %s`, `{}`
  switch (v[0]) {
    case '{': // {SHA256}…, {{ password }}, str.format's {password}
      return /^\{SHA\d*\}/i.test(v) || /^\{\{.*\}\}$/.test(v) || /^\{[A-Za-z_]\w*\}$/.test(v);
    case '$': // $VAR, ${VAR}, ${VAR:-x}, $(command)
      return /^\$\{?[A-Za-z_][A-Za-z0-9_]*(?::?[-=?][^}]*)?\}?$/.test(v) || /^\$\(.*\)$/.test(v);
    case '%': // %s, %(password)s
      return /^%(?:\([A-Za-z_]\w*\))?[sdr]$/.test(v);
    case 's':
    case 'e':
      return MASKED.test(v) || PUBLIC_KEY.test(v);
    default:
      return MASKED.test(v);
  }
}

/** printf's and str.format's fields: the value is a template, filled in elsewhere. */
const FORMAT = /%(?:\([A-Za-z_]\w*\))?[sdr]|\{\d*\}/;

/** A public key where a key was expected: not a secret. */
const PUBLIC_KEY = /^(?:ssh-(?:rsa|dss|ed25519)|ecdsa-sha2-[a-z0-9]+|sk-ssh-ed25519@openssh\.com) AAAA/;

/**
 * A bare value that is program text rather than data: traceback source lines, kwargs. NORM is the
 * key's normalized name, and a secret named like a key is a variable: `api_token=api_token`,
 * `CHAPPasswd=chap_password`, `secret` for `inbound_secret`.
 */
export function looksLikeCode(
  s: string,
  value: string,
  key: string,
  norm: string,
  keyStart: number,
  lo: number,
): boolean {
  if (/[()[\]]/.test(value)) return true;
  if (namesItsKey(value, norm)) return true;
  if (/^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+$/.test(value)) return true; // self.configuration.san_password
  if (/^[A-Za-z_]\w*\s+(?:or|and|if|is|in|not)\s/.test(value)) return true; // password or ''
  if (/^(?:str|int|bytes|bool|dict|list|Optional|typing\.\w+)\s*(?:[=,|)]|$)/.test(value)) return true; // annotations
  if (!/^[A-Za-z_]\w*$/.test(value)) return false;
  if (/^(?:self|cls)\./.test(key)) return true;
  if (!/^[a-z_]+$/.test(value)) return false; // `brcdPass1` after a comma is a value; `password` a variable
  let j = keyStart;
  while (j > lo && (s[j - 1] === ' ' || s[j - 1] === '\t')) j--;
  return j > lo && (s[j - 1] === '(' || s[j - 1] === ',');
}

/** Is VALUE the key's own name, or its last word (`secret` for `inbound_secret`), or a secret-named identifier? */
export function namesItsKey(value: string, norm: string): boolean {
  if (!/^[A-Za-z_]\w*$/.test(value)) return false;
  const v = normalizeKey(value);
  return v === norm || norm.endsWith(`_${v}`) || (value.includes('_') && isSecretKey(v));
}

/** A path to a file (a key file, a credentials file), not the secret itself. */
export function isFilePath(value: string): boolean {
  return /^(?:\/|~\/|\.\.?\/|[A-Za-z]:\\)[^\s]*$/.test(value) && !/^\/\//.test(value);
}

/** Fewer than 6 distinct characters: `xxxx`, `0000-0000`, a documentation example, never a real token. */
export function isLowEntropy(value: string): boolean {
  return new Set(value).size < 6;
}
