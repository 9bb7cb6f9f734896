// A 53-bit hash of a test id, for comparing runs of any size without holding their names. The
// hot path hands it on as two int32 halves (idHash.hi, idHash.lo), which stay small integers
// in every tier of the JavaScript engine: a 53-bit number is a heap allocation until the code
// is optimised, and a run is read once, cold.

/** The halves of the last hash computed by hashNormalisedIdInto: the first pass's 32 bits, the second's low 21. */
export const idHash = { hi: 0, lo: 0 };

/** A 53-bit hash of a test id (two FNV-1a passes): collisions are negligible for any real run. */
export function hashId(id: string): number {
  hashRange(id, 0, id.length);
  return joinHash(idHash.hi, idHash.lo);
}

/** hashId(normaliseTestId(id)). */
export function hashNormalisedId(id: string): number {
  hashNormalisedIdInto(id);
  return joinHash(idHash.hi, idHash.lo);
}

/**
 * hashId(normaliseTestId(id)) into idHash, without building the normalised id: the id up to
 * its first `[`, trimmed as String.prototype.trim trims.
 */
export function hashNormalisedIdInto(id: string): void {
  let end = id.indexOf('[');
  if (end === -1) end = id.length;
  let start = 0;
  while (start < end && isTrimmed(id.charCodeAt(start))) start++;
  while (end > start && isTrimmed(id.charCodeAt(end - 1))) end--;
  hashRange(id, start, end);
}

/** The 53-bit hash of its two halves. */
export function joinHash(hi: number, lo: number): number {
  return (hi >>> 0) * 0x200000 + lo;
}

/** Both passes over id[start, end), two characters a turn (the same hash as one at a time, in less time). */
function hashRange(id: string, start: number, end: number): void {
  let a = 0x811c9dc5 | 0;
  let b = 0x01000193 ^ (end - start);
  let i = start;
  for (; i + 1 < end; i += 2) {
    const c0 = id.charCodeAt(i);
    const c1 = id.charCodeAt(i + 1);
    a = Math.imul(Math.imul(a ^ c0, 0x01000193) ^ c1, 0x01000193);
    b = Math.imul(Math.imul(b ^ c0, 0x5bd1e995) ^ c1, 0x5bd1e995);
  }
  if (i < end) {
    const c = id.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  idHash.hi = a;
  idHash.lo = b & 0x1fffff;
}

/** What String.prototype.trim removes: ECMAScript's WhiteSpace and LineTerminator. */
function isTrimmed(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}
