// The rules of the secret scanner: one case-insensitive regex of trigger words finds where to
// look, and at each trigger one rule looks closely, within bounded windows (a key of at most 128
// characters back and forward, a value of at most 512 forward, a command line of 1 KiB, a private
// key of 16 KiB), so the scanner stays linear whatever the input. The kinds and what each finds
// are in secret-kinds.ts; the key-name rules in secret-keys.ts; what passes in secret-values.ts.
import { commandPassword } from './secret-commands.js';
import { NO_HITS, type Found, type Hit } from './secret-kinds.js';
import { authorizationHeader, keyValue } from './secret-keyvalue.js';
import { cephKeyAt, jwtAround, privateKey, sasSignature, shapedToken, shapeOf, urlPasswords } from './secret-tokens.js';

export { describeKind, printable, SECRET_KINDS, type Hit, type SecretKind } from './secret-kinds.js';

/**
 * Any of these (any case) makes the text around it worth a closer look: the words secret keys end
 * in (`key` after `_`, and run together in `apiKey`, `AccessKey`, `AccountKey`), `Authorization`, a
 * URL's `://`, a PEM marker's `PRIVATE KEY`, token prefixes, the middle of a JWT's first part
 * (`{"alg":` and `{"typ":` in base64), a cephx key's `AQA`…`AQD`, an Azure `sig=`, and `sql` of
 * `mysql` (whose `-pX` is a password). Grouped by first character, and the first characters kept to
 * these few on purpose: V8 skips over text that cannot start a trigger only while they stay few and
 * rare, and each alternative costs every candidate position a little; a `key` of its own, a `-` or
 * `.` first, or `curl` each cost the scan 10–25 % of its speed (bench/secrets.ts measures it).
 */
const TRIGGERS: [string, string[]][] = [
  [':', ['//']],
  ['_', ['key']],
  ['t', ['oken']],
  ['p', ['ass', 'wd', 'swd', 'rivate key']],
  ['s', ['ecret', 'ig=', 'ql']],
  ['a', ['pikey', 'cc(?:ess|ount)key', 'uthorization', 'kia', 'sia', 'iza', 'q[a-d]']],
  ['g', ['h[pousr]_', 'ithub_pat_', 'l(?:pat|dt|rt|ptt|oas|cbt|ft|imt|soat|agent)-', 'aaaaa', 'cioi']],
  ['x', ['ox[abposre]-', 'app-', 'aioi']],
];

/** The triggers as one regex. */
export const TRIGGER = new RegExp(
  TRIGGERS.map(([first, rest]) => (rest.length === 1 ? first + rest[0] : `${first}(?:${rest.join('|')})`)).join('|'),
  'gi',
);

/**
 * Look closely at the trigger at P. `resume`: where the trigger search goes on; after a hit, right
 * after the trigger, so that a trigger inside what a rule took (`Authorization: Basic &password = x`)
 * is looked at too: redaction merges what overlaps.
 */
export function examine(s: string, p: number, trigger: string, lo: number, hi: number): Found {
  const found = look(s, p, trigger, lo, hi);
  return found.hits.length === 0 ? found : { hits: found.hits, resume: p + trigger.length };
}

function look(s: string, p: number, trigger: string, lo: number, hi: number): Found {
  if (trigger === '://') return { hits: urlPasswords(s, p, hi), resume: p + 3 }; // the most frequent, first
  const t = trigger.toLowerCase();
  const shape = shapeOf(t);
  if (shape) return shapedToken(s, p, lo, hi, shape);
  const after = p + t.length;
  switch (t) {
    case 'private key':
      return one(privateKey(s, p, lo, hi), after);
    case 'gcioi':
    case 'xaioi':
      return one(jwtAround(s, p, lo, hi), after);
    case 'sig=':
      return one(sasSignature(s, p, lo, hi), after);
    case 'authorization':
      return authorizationHeader(s, p, t.length, lo, hi);
    case 'sql': {
      const hit = commandPassword(s, p, t, lo, hi);
      return { hits: hit ? [hit] : NO_HITS, resume: after };
    }
    default:
      return t.startsWith('aq') ? one(cephKeyAt(s, p, lo, hi), after) : keyValue(s, p, t.length, lo, hi);
  }
}

function one(hit: Hit | undefined, resume: number): Found {
  return hit ? { hits: [hit], resume: Math.max(resume, hit.end) } : { hits: NO_HITS, resume };
}
