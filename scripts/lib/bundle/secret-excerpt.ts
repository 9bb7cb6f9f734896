// How a finding shows its line: the text around the first secret, every secret in view
// replaced by `[REDACTED]`, decoded from latin1 to UTF-8 and stripped of control characters.
import { printable, type Hit } from './secret-kinds.js';

const CONTEXT = 60;

/** Where the excerpt of a finding at HIT may end at most: hits starting before it must be redacted too. */
export function excerptEnd(hit: Hit): number {
  return hit.end + CONTEXT;
}

/** The line around HITS[0] (up to 120 characters before, 60 after), every hit in it redacted. */
export function excerpt(s: string, lo: number, hi: number, hits: Hit[]): string {
  const first = hits[0]!;
  let a = first.start;
  while (a > lo && first.start - a < CONTEXT * 2 && s[a - 1] !== '\n') a--;
  const eol = s.indexOf('\n', first.start);
  let b = Math.min(first.end, eol === -1 ? hi : Math.min(eol, hi)); // a PEM key's body is on the next lines
  const after = b;
  while (b < hi && b - after < CONTEXT && s[b] !== '\n') b++;
  if (first.start - a > CONTEXT) a = first.start - CONTEXT;
  let text = '';
  let at = a;
  for (const h of hits) {
    const start = Math.max(h.start, at);
    const end = Math.min(h.end, b);
    if (start >= b || end < start) continue;
    text += printable(s.slice(at, start)) + (end > start ? '[REDACTED]' : '');
    at = Math.max(at, end);
  }
  text += printable(s.slice(at, b));
  const lineStart = a === lo || s[a - 1] === '\n';
  const lineEnd = b === hi || s[b] === '\n';
  return `${lineStart ? '' : '…'}${text.trim()}${lineEnd ? '' : '…'}`;
}
