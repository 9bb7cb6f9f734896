// CRC-32 (IEEE 802.3, zlib's and subunit v2's) over a range of bytes, slicing by 8: a subunit
// packet is a few hundred bytes, and hashing it in place beats making a view of it for
// node:zlib's crc32 (test/formats/subunit-v2.test.ts holds the two equal). Each 8 bytes are
// read as two little-endian words through a DataView, a third faster than byte by byte.

const TABLES = makeTables();
const [T0, T1, T2, T3, T4, T5, T6, T7] = TABLES as [
  Int32Array,
  Int32Array,
  Int32Array,
  Int32Array,
  Int32Array,
  Int32Array,
  Int32Array,
  Int32Array,
];

// The view of the last array hashed: a parser hashes many packets of one chunk in a row, and a
// view per packet would cost more than it saves (it holds the last array alive: one chunk).
let viewed: Uint8Array = new Uint8Array(0);
let view = new DataView(viewed.buffer);

/** The CRC-32 of b[start, end) as a signed 32-bit number, a small integer to the engine (`>>> 0` gives the usual). */
export function crc32Range(b: Uint8Array, start: number, end: number): number {
  if (b !== viewed) {
    viewed = b;
    view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  }
  const v = view;
  let c = -1;
  let i = start;
  for (; i + 8 <= end; i += 8) {
    const lo = c ^ v.getInt32(i, true);
    const hi = v.getInt32(i + 4, true);
    c =
      T7[lo & 0xff]! ^
      T6[(lo >>> 8) & 0xff]! ^
      T5[(lo >>> 16) & 0xff]! ^
      T4[lo >>> 24]! ^
      T3[hi & 0xff]! ^
      T2[(hi >>> 8) & 0xff]! ^
      T1[(hi >>> 16) & 0xff]! ^
      T0[hi >>> 24]!;
  }
  for (; i < end; i++) c = T0[(c ^ b[i]!) & 0xff]! ^ (c >>> 8);
  return c ^ -1;
}

/** Table k gives the CRC of a byte followed by k zero bytes. */
function makeTables(): Int32Array[] {
  const tables = Array.from({ length: 8 }, () => new Int32Array(256));
  const t0 = tables[0]!;
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t0[n] = c;
  }
  for (let k = 1; k < 8; k++) {
    const prev = tables[k - 1]!;
    const t = tables[k]!;
    for (let n = 0; n < 256; n++) t[n] = (prev[n]! >>> 8) ^ t0[prev[n]! & 0xff]!;
  }
  return tables;
}
