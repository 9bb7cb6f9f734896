// Redaction for public outputs: the secret scanner's rules applied to a text (an exception
// line, a test's details, a note), every secret replaced by `[REDACTED]`. The same rules as
// the bundle scan, so what the scan reports is what redaction hides; linear like the scan.
import { examine, TRIGGER, type Hit, type SecretKind } from './secret-rules.js';

/** What stands in for a secret in every public output. */
export const REDACTED = '[REDACTED]';

/** A secret found in a text: its kind and where it is (UTF-16 offsets of the text). */
export interface SecretSpan {
  kind: SecretKind;
  start: number;
  end: number;
}

/** The trigger words without the global flag: a cheap first look that allocates nothing. */
const ANY_TRIGGER = new RegExp(TRIGGER.source, TRIGGER.flags.replace('g', ''));

/** Every secret in TEXT, in order, overlapping finds merged. */
export function findSecretSpans(text: string): SecretSpan[] {
  if (!ANY_TRIGGER.test(text)) return [];
  const re = new RegExp(TRIGGER.source, TRIGGER.flags);
  const hits: Hit[] = [];
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const { hits: found, resume } = examine(text, m.index, m[0], 0, text.length);
    re.lastIndex = Math.max(resume, m.index + 1);
    hits.push(...found);
  }
  hits.sort((a, b) => a.start - b.start);
  const spans: SecretSpan[] = [];
  for (const h of hits) {
    if (h.end <= h.start) continue; // a marker without a body: nothing to hide
    const last = spans[spans.length - 1];
    if (last && h.start <= last.end) last.end = Math.max(last.end, h.end);
    else spans.push({ kind: h.kind, start: h.start, end: h.end });
  }
  return spans;
}

/** TEXT with every secret replaced by `[REDACTED]`; a text without secrets comes back unchanged. */
export function redactSecrets(text: string): string {
  const spans = findSecretSpans(text);
  if (spans.length === 0) return text;
  let out = '';
  let at = 0;
  for (const s of spans) {
    out += text.slice(at, s.start) + REDACTED;
    at = s.end;
  }
  return out + text.slice(at);
}

/**
 * VALUE (a JSON document being built) with every string in it redacted, keys kept: for the
 * JSON outputs, redacted before serialising so a redaction never cuts a JSON escape in two.
 */
export function redactDeep<T>(value: T): T {
  if (typeof value === 'string') return redactSecrets(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => redactDeep(v)) as T;
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = redactDeep(v);
    return out as T;
  }
  return value;
}
