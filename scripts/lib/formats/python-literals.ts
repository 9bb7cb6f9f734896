// Python's literals as console output prints them: a str repr (`'…'`) in a skip reason, a
// bytes literal (`b'…'`) per traceback line under subunit-trace.
import { decodeUtf8 } from './common.js';

const ESCAPES = new Map([
  ['n', '\n'],
  ['r', '\r'],
  ['t', '\t'],
  ['\\', '\\'],
  ["'", "'"],
  ['"', '"'],
  ['0', '\0'],
]);

const encoder = new TextEncoder();

/** A python str repr (`'…'` or `"…"`) back to its text; anything else as it is. */
export function unPyRepr(s: string): string {
  if (s.length < 2 || (s[0] !== "'" && s[0] !== '"') || s[s.length - 1] !== s[0]) return s;
  const body = s.slice(1, -1);
  return body.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)/g, (_, e: string) => {
    if (e.length > 1) {
      const cp = parseInt(e.slice(1), 16);
      return cp <= 0x10ffff ? String.fromCodePoint(cp) : '\ufffd';
    }
    return ESCAPES.get(e) ?? `\\${e}`;
  });
}

/** A line printed as a python bytes literal (`b'…'`), back to its text; other lines as they are. */
export function unBytes(s: string): string {
  if (s.length < 3 || s[0] !== 'b' || (s[1] !== "'" && s[1] !== '"') || s[s.length - 1] !== s[1]) return s;
  const body = s.slice(2, -1);
  if (!body.includes('\\')) return body;
  const bytes: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (c !== 0x5c || i + 1 >= body.length) {
      pushUtf8(bytes, body.codePointAt(i)!);
      if (c >= 0xd800 && c <= 0xdbff) i++;
      continue;
    }
    const e = body[++i]!;
    if (e === 'x' && /^[0-9a-fA-F]{2}$/.test(body.slice(i + 1, i + 3))) {
      bytes.push(parseInt(body.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push((ESCAPES.get(e) ?? `\\${e}`).charCodeAt(0));
  }
  return decodeUtf8(Uint8Array.from(bytes));
}

function pushUtf8(out: number[], cp: number): void {
  if (cp < 0x80) out.push(cp);
  else out.push(...encoder.encode(String.fromCodePoint(cp)));
}
