// Writing a result bundle (gzip'd ustar) from members whose bytes are produced lazily, so a
// bundle with a 100 MB member is streamed to disk, never built in memory. For the bundle
// cases' command-line form, and for the tar-level cases of phase 2, which need to write
// headers that lie (`header` lets a case override any field).
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { sizeOf } from './bytes.js';
import type { Member } from './types.js';

export interface TarMember extends Member {
  /** ustar type flag: '0' file (default), '2' symlink, '5' directory… */
  type?: string;
  linkname?: string;
  mode?: number;
  /** The size written in the header (default: the real size); a lie for hostile cases. */
  headerSize?: number;
}

/** A ustar header block (mtime 0, owner 0, so the same members give the same bytes). */
export function tarHeader(m: { name: string; size: number; type?: string; linkname?: string; mode?: number }): Buffer {
  const h = Buffer.alloc(512);
  const name = Buffer.from(m.name, 'utf8');
  if (name.length > 100) throw new Error(`member name over 100 bytes: ${m.name}`);
  name.copy(h, 0);
  h.write(`${(m.mode ?? 0o644).toString(8).padStart(7, '0')}\0`, 100);
  h.write('0000000\0', 108);
  h.write('0000000\0', 116);
  h.write(`${m.size.toString(8).padStart(11, '0')}\0`, 124);
  h.write('00000000000\0', 136);
  h.fill(' ', 148, 156);
  h.write(m.type ?? '0', 156);
  if (m.linkname) h.write(m.linkname, 157);
  h.write('ustar\0', 257);
  h.write('00', 263);
  let sum = 0;
  for (const byte of h) sum += byte;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  return h;
}

/** The tar stream of `members`, chunk by chunk. */
export function* tarChunks(members: readonly TarMember[]): Iterable<Uint8Array> {
  for (const m of members) {
    const size = m.type && m.type !== '0' ? 0 : sizeOf(m.bytes);
    yield tarHeader({ name: m.name, size: m.headerSize ?? size, ...(m.type ? { type: m.type } : {}), ...(m.linkname ? { linkname: m.linkname } : {}), ...(m.mode !== undefined ? { mode: m.mode } : {}) });
    if (size === 0) continue;
    yield* m.bytes();
    if (size % 512) yield Buffer.alloc(512 - (size % 512));
  }
  yield Buffer.alloc(1024);
}

/** Write `members` as a .tgz at `path`. */
export async function writeBundle(path: string, members: readonly TarMember[]): Promise<void> {
  await pipeline(Readable.from(tarChunks(members)), createGzip({ level: 6 }), createWriteStream(path));
}
