// Writing a result bundle (gzip'd ustar) from members whose bytes are produced lazily, so a
// bundle with a 100 MB member is streamed to disk, never built in memory; and a bundle
// with a 10 GiB member of zeros, built without deflating 10 GiB.
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { constants as zlibConstants, crc32, createGzip, deflateRawSync } from 'node:zlib';
import { tarHeader } from '../../helpers/tar.js';
import { MiB, sizeOf } from './bytes.js';
import type { Bytes, Member } from './types.js';

/** The tar stream of `members`, chunk by chunk. */
function* tarChunks(members: readonly Member[]): Iterable<Uint8Array> {
  for (const m of members) {
    if (Buffer.byteLength(m.name) > 100) throw new Error(`member name over 100 bytes: ${m.name}`);
    const size = sizeOf(m.bytes);
    yield tarHeader({ name: m.name, size });
    if (size === 0) continue;
    yield* m.bytes();
    if (size % 512) yield Buffer.alloc(512 - (size % 512));
  }
  yield Buffer.alloc(1024);
}

/** Write `members` as a .tgz at `path`. */
export async function writeBundle(path: string, members: readonly Member[]): Promise<void> {
  await pipeline(Readable.from(tarChunks(members)), createGzip({ level: 6 }), createWriteStream(path));
}

// ---- a gzip'd tar of any size, without deflating it ----

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** The linear map `m` (32 columns) applied to `v`. */
function apply(m: Uint32Array, v: number): number {
  let out = 0;
  for (let i = 0; v !== 0; i++, v >>>= 1) if (v & 1) out ^= m[i]!;
  return out >>> 0;
}

/** The CRC-32 of some bytes followed by `n` zero bytes, from the CRC-32 of those bytes (as zlib's crc32_combine, by squaring). */
export function crc32Zeros(crc: number, n: number): number {
  // One zero byte is a linear map of the (inverted) register: columns m[i] = f(1 << i).
  let m = Uint32Array.from({ length: 32 }, (_, i) => {
    const r = (1 << i) >>> 0;
    return ((r >>> 8) ^ CRC_TABLE[r & 0xff]!) >>> 0;
  });
  let reg = ~crc >>> 0;
  for (let left = n; left > 0; left = Math.floor(left / 2)) {
    if (left % 2 === 1) reg = apply(m, reg);
    const sq = new Uint32Array(32);
    for (let i = 0; i < 32; i++) sq[i] = apply(m, m[i]!);
    m = sq;
  }
  return ~reg >>> 0;
}

/**
 * A .tgz whose one member `name` is `size` zero bytes (10 GiB…), as a sparse disk image is
 * when tar does not know it is sparse. Written without deflating anything big: one MiB of
 * zeros is deflated once, as a block that needs nothing before it, and repeated; the gzip
 * trailer's CRC is computed arithmetically. About 1 KiB of output per MiB of member.
 */
export function zeroMemberBundle(name: string, size: number): Bytes {
  return function* () {
    const header = tarHeader({ name, size });
    const flush = { finishFlush: zlibConstants.Z_FULL_FLUSH };
    yield Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]);
    yield deflateRawSync(header, flush);
    const block = deflateRawSync(Buffer.alloc(MiB), flush);
    const whole = Math.floor(size / MiB);
    for (let i = 0; i < whole; i++) yield block;
    const tail = size - whole * MiB;
    const padding = (512 - (size % 512)) % 512;
    if (tail) yield deflateRawSync(Buffer.alloc(tail), flush);
    // The member's padding and the end-of-archive marker, in the final block.
    yield deflateRawSync(Buffer.alloc(padding + 1024));
    const trailer = Buffer.alloc(8);
    trailer.writeUInt32LE(crc32Zeros(crc32(header), size + padding + 1024), 0);
    trailer.writeUInt32LE((512 + size + padding + 1024) % 2 ** 32, 4);
    yield trailer;
  };
}

/** Write lazily produced bytes to `path`. */
export async function writeBytes(path: string, bytes: Bytes): Promise<void> {
  await pipeline(Readable.from(bytes()), createWriteStream(path));
}
