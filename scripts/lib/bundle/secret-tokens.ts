// Secrets known by their shape wherever they stand: provider tokens (AWS, GCP, GitHub, GitLab,
// Slack), Keystone's Fernet tokens, JWTs, private keys, passwords in URLs, Azure SAS signatures.
// Each pattern is anchored at its trigger (a sticky regex) with bounded repetitions, so a
// look costs at most the pattern's longest match.
import { NO_HITS, type Found, type Hit, type SecretKind } from './secret-kinds.js';
import { isLowEntropy, isPlaceholder, lineEnd, VALUE_WINDOW } from './secret-values.js';

interface Shape {
  kind: SecretKind;
  re: RegExp;
  what: (token: string) => string;
}

const SHAPES: Record<string, Shape> = {
  aws: {
    kind: 'aws-access-key',
    re: /(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16}(?![A-Za-z0-9])/y,
    what: (v) => `an AWS access key id (${v.slice(0, 4)}…)`,
  },
  gcp: {
    kind: 'gcp-api-key',
    re: /AIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/y,
    what: () => 'a Google Cloud API key (AIza…)',
  },
  github: {
    kind: 'github-token',
    re: /gh[pousr]_[A-Za-z0-9]{36,251}(?![A-Za-z0-9])/y,
    what: (v) => `a GitHub token (${v.slice(0, 4)}…)`,
  },
  githubPat: {
    kind: 'github-token',
    re: /github_pat_[A-Za-z0-9_]{50,255}(?![A-Za-z0-9_])/y,
    what: () => 'a GitHub token (github_pat_…)',
  },
  gitlab: {
    kind: 'gitlab-token',
    re: /gl(?:pat|dt|rt|ptt|oas|cbt|ft|imt|soat|agent)-[A-Za-z0-9_-]{20,128}(?![A-Za-z0-9_-])/y,
    what: (v) => `a GitLab token (${v.slice(0, v.indexOf('-') + 1)}…)`,
  },
  slack: {
    kind: 'slack-token',
    re: /(?:xox[abposre]|xapp)-[A-Za-z0-9-]{10,250}/y,
    what: (v) => `a Slack token (${v.slice(0, 5)}…)`,
  },
  fernet: {
    kind: 'keystone-token',
    re: /gAAAAA[A-Za-z0-9_-]{80,1000}={0,2}(?![A-Za-z0-9_=-])/y,
    what: () => 'a Keystone (Fernet) token (gAAAAA…)',
  },
  ceph: {
    kind: 'ceph-key',
    re: /AQ[A-D][A-Za-z0-9+/]{35}==(?![A-Za-z0-9+/=])/y,
    what: () => 'a Ceph (cephx) key (AQ…)',
  },
  jwt: {
    kind: 'jwt',
    re: /eyJ[A-Za-z0-9_-]{8,4096}\.eyJ[A-Za-z0-9_-]{8,8192}\.[A-Za-z0-9_-]{0,1024}(?![A-Za-z0-9_-])/y,
    what: () => 'a JSON Web Token (eyJ…)',
  },
};

/** The shape a trigger (lower case) opens, if it is a token prefix. */
export function shapeOf(trigger: string): Shape | undefined {
  switch (trigger) {
    case 'akia':
    case 'asia':
    case 'abia':
    case 'acca':
    case 'a3t':
      return SHAPES.aws;
    case 'aiza':
      return SHAPES.gcp;
    case 'github_pat_':
      return SHAPES.githubPat;
    case 'gaaaaa':
      return SHAPES.fernet;
  }
  if (trigger.startsWith('gh')) return SHAPES.github;
  if (trigger.startsWith('gl')) return SHAPES.gitlab;
  if (trigger.startsWith('xox') || trigger === 'xapp-') return SHAPES.slack;
  return undefined;
}

/** A token of SHAPE right at P, not in the middle of a word; `resume`: where the search goes on. */
export function shapedToken(s: string, p: number, lo: number, hi: number, shape: Shape): Found {
  if (p > lo && isWordChar(s.charCodeAt(p - 1))) return { hits: NO_HITS, resume: p + 1 };
  const m = match(shape.re, s, p, hi);
  if (!m) return { hits: NO_HITS, resume: p + 1 };
  const end = p + m.length;
  if (m.includes('EXAMPLE') || isLowEntropy(m.slice(4))) return { hits: NO_HITS, resume: end };
  return { hits: [{ kind: shape.kind, message: shape.what(m), start: p, end }], resume: end };
}

/**
 * A JWT around P, in the middle of its first part: `GciOi`, `XAiOi`, `aWQiOi` are `{"alg":`, `{"typ":`,
 * `{"kid":` in base64, a few characters after the `eyJ` that opens it.
 */
export function jwtAround(s: string, p: number, lo: number, hi: number): Hit | undefined {
  const start = lastBefore(s, 'eyJ', p, Math.max(lo, p - 8));
  if (start < lo || p - start > 6 || (start > lo && isWordChar(s.charCodeAt(start - 1)))) return undefined;
  const m = match(SHAPES.jwt!.re, s, start, hi);
  return m ? { kind: 'jwt', message: SHAPES.jwt!.what(m), start, end: start + m.length } : undefined;
}

/** A cephx key (40 base64 characters, `AQA`…`AQD` first, `==` last) at P, wherever it stands: `key = AQ…==`. */
export function cephKeyAt(s: string, p: number, lo: number, hi: number): Hit | undefined {
  if (p > lo && (isBase64Url(s.charCodeAt(p - 1)) || s[p - 1] === '+' || s[p - 1] === '/')) return undefined;
  const m = match(SHAPES.ceph!.re, s, p, hi);
  return m ? { kind: 'ceph-key', message: SHAPES.ceph!.what(m), start: p, end: p + m.length } : undefined;
}

/** The kind of a value that is a known token as a whole (`"token": "ghp_…"`), if it is one. */
export function tokenKindOf(value: string): SecretKind | undefined {
  if (/^-----BEGIN [A-Z0-9 ]{0,24}PRIVATE KEY/.test(value)) return 'private-key';
  for (const shape of Object.values(SHAPES)) {
    const m = match(shape.re, value, 0, value.length);
    if (m && m.length === value.length) return shape.kind;
  }
  return undefined;
}

function match(re: RegExp, s: string, p: number, hi: number): string | undefined {
  re.lastIndex = p;
  const m = re.exec(s);
  return m && p + m[0].length <= hi ? m[0] : undefined;
}

const URL_CREDENTIALS = /([^\s:/@'"<>[\]\\]{0,256}):([^\s/@'"<>\\]{1,256})@/y;
/** `,user:pass@` after a host of a multi-host URL (oslo.messaging's `rabbit://u:p@h1,u:p@h2/`). */
const NEXT_HOST = /[^\s,/@'"<>\\]{1,256},([^\s:/@'"<>[\]\\]{0,256}):([^\s/@'"<>\\]{1,256})@/y;

/** `scheme://user:pass@host` (and every further `,user:pass@host` of the same URL), at `://` at P. */
export function urlPasswords(s: string, p: number, hi: number): readonly Hit[] {
  if (s.startsWith('hooks.slack.com/', p + 3)) return optional(slackWebhook(s, p + 3, hi));
  if (!hasUserinfo(s, p + 3, hi)) return NO_HITS;
  const hits: Hit[] = [];
  let re = URL_CREDENTIALS;
  let at = p + 3;
  for (let n = 0; n < 16; n++) {
    re.lastIndex = at;
    const m = re.exec(s);
    if (!m || re.lastIndex > hi) break;
    const start = re.lastIndex - 1 - m[2]!.length;
    const pass = m[2]!;
    if (!isPlaceholder(pass) && !/^(?:password|passwd|pass|pwd)$/i.test(pass)) {
      // `user:password@host` is how docs and help texts write a URL's shape
      const kind = tokenKindOf(pass) ?? 'url-password';
      const user = /^[A-Za-z0-9._-]{0,32}$/.test(m[1]!) && !tokenKindOf(m[1]!) ? m[1]! : '…';
      const message = `a password in a URL (${schemeBefore(s, p)}://${user}:…@)`;
      hits.push({ kind, message, start, end: start + pass.length });
    }
    at = re.lastIndex;
    re = NEXT_HOST;
  }
  return hits;
}

/** Is there an `@` in the authority that starts at I (before its path, a blank or a quote)? Most URLs have none. */
function hasUserinfo(s: string, i: number, hi: number): boolean {
  const stop = Math.min(hi, i + 1024);
  for (let j = i; j < stop; j++) {
    const c = s.charCodeAt(j);
    if (c === 64) return true; // @
    if (c === 47 || c <= 32 || c === 34 || c === 39 || c === 60 || c === 62 || c === 92) return false; // / " ' < > \
  }
  return false;
}

function schemeBefore(s: string, p: number): string {
  let scheme = p;
  while (scheme > 0 && p - scheme < 32 && /[A-Za-z0-9+.-]/.test(s[scheme - 1]!)) scheme--;
  return s.slice(scheme, p);
}

function optional(hit: Hit | undefined): readonly Hit[] {
  return hit ? [hit] : NO_HITS;
}

const PRIVATE_KEY =
  /-----BEGIN ((?:RSA |DSA |EC |OPENSSH |ENCRYPTED |PGP |SSH2 ENCRYPTED )?PRIVATE KEY(?: BLOCK)?)-----/y;
/** What follows a BEGIN marker when a key follows: the end of the line, or key text (also after a `\n` escape). */
const KEY_FOLLOWS = /^(?:\s*$|(?:\\{1,2}[rn]|\s)+(?:[A-Za-z0-9+/]{16}|Proc-Type:|Comment:|Version:))/;
/** A line of a PEM body: base64, a header, or blank. */
const PEM_BODY_LINE = /^(?:[A-Za-z0-9+/=]{1,100}|(?:Proc-Type|DEK-Info|Comment|Version):.{0,200}|)\r?$/;
const KEY_SPAN = 16 * 1024;

/**
 * A private key at `-----BEGIN` at P: PEM, OpenSSH, PGP, also inside a JSON string (a GCP service
 * account's `"private_key"`). The hit covers the key: up to its END marker on the same line, or the
 * body lines that follow a marker alone on its line (at most 16 KiB); a BEGIN marker quoted in program
 * text (`line.startswith('-----BEGIN …')`) passes.
 */
export function privateKey(s: string, p: number, lo: number, hi: number): Hit | undefined {
  const begin = lastBefore(s, '-----BEGIN ', p, Math.max(lo, p - 40));
  return begin < lo || begin + 40 < p ? undefined : privateKeyAt(s, begin, hi);
}

/** A private key whose BEGIN marker is at BEGIN (also as a JSON value: `"private_key": "-----BEGIN …"`). */
export function privateKeyAt(s: string, begin: number, hi: number): Hit | undefined {
  const m = match(PRIVATE_KEY, s, begin, hi);
  if (!m) return undefined;
  const after = begin + m.length;
  const rest = s.slice(after, lineEnd(s, after, hi, 64));
  if (!KEY_FOLLOWS.test(rest)) return undefined;
  const message = `a private key (${m})`;
  const eol = lineEnd(s, after, hi, KEY_SPAN);
  if (rest.trim() !== '') {
    const endMarker = s.slice(after, eol).indexOf('-----END ');
    return { kind: 'private-key', message, start: after, end: endMarker === -1 ? eol : after + endMarker };
  }
  let end = eol;
  while (end < hi && end - after < KEY_SPAN) {
    const next = lineEnd(s, end + 1, hi, 256);
    if (!PEM_BODY_LINE.test(s.slice(end + 1, next))) break;
    end = next;
  }
  return { kind: 'private-key', message, start: after, end };
}

const SLACK_HOOK = /hooks\.slack\.com\/(?:services|workflows|triggers)\/(T[A-Za-z0-9]{1,40}\/[A-Za-z0-9/]{1,120})/y;

/** A Slack incoming webhook URL's host at P: its path is the secret. */
function slackWebhook(s: string, p: number, hi: number): Hit | undefined {
  SLACK_HOOK.lastIndex = p;
  const m = SLACK_HOOK.exec(s);
  if (!m || SLACK_HOOK.lastIndex > hi || isLowEntropy(m[1]!)) return undefined;
  const start = SLACK_HOOK.lastIndex - m[1]!.length;
  return {
    kind: 'slack-webhook',
    message: 'a Slack webhook URL (hooks.slack.com/…)',
    start,
    end: SLACK_HOOK.lastIndex,
  };
}

/**
 * An Azure SAS signature: `sig=…` at P, after `sv=<date>` and `se=` or `sp=` in the same query (as
 * Azure's SDKs and portal write a SAS, the signature last), at most 512 characters back.
 */
export function sasSignature(s: string, p: number, lo: number, hi: number): Hit | undefined {
  const before = s.charCodeAt(p - 1);
  if (p > lo && before !== 38 && before !== 63 && before !== 59 && before !== 32) return undefined; // & ? ; blank
  const query = s.slice(Math.max(lo, p - VALUE_WINDOW), p);
  const sv = query.lastIndexOf('sv=');
  if (sv === -1 || !/^sv=\d{4}-\d\d-\d\d[^\s'"]*$/.test(query.slice(sv))) return undefined; // same query
  if (!/[?&;]s[ep]=/.test(query.slice(Math.max(0, sv - 1)))) return undefined;
  const start = p + 4;
  const stop = Math.min(hi, start + VALUE_WINDOW);
  let end = start;
  while (end < stop && /[A-Za-z0-9%+/=_-]/.test(s[end]!)) end++;
  if (end - start < 16 || isPlaceholder(s.slice(start, end))) return undefined;
  return { kind: 'azure-sas-token', message: 'an Azure shared access signature (sig=…)', start, end };
}

/** The last WORD starting in s[from, p], or -1: a lastIndexOf that looks no further back than FROM. */
function lastBefore(s: string, word: string, p: number, from: number): number {
  const at = s.slice(from, p + word.length).lastIndexOf(word);
  return at === -1 ? -1 : from + at;
}

function isBase64Url(c: number): boolean {
  return isWordChar(c) || c === 45;
}

function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}
