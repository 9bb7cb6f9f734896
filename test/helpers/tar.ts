// Build tar and gzip bytes in tests, from readable descriptions. `packBundle` uses
// tar-stream's own writer (what an honest tool writes); `tar`/`tarHeader` write headers
// by hand, for the hostile entries no honest writer produces: `..` names, raw non-UTF-8
// bytes, links, devices, lying sizes, huge pax records, missing end markers.
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { pack } from 'tar-stream';

/** One hand-written tar entry. */
export interface RawEntry {
  /** Name bytes as written in the header (string: UTF-8). */
  name: string | Buffer;
  /** Typeflag character: '0' file, '1' hard link, '2' symlink, '3' char device, '4' block device, '5' folder, '6' FIFO, 'x' pax, 'g' global pax, 'L' GNU long name, … */
  type?: string;
  data?: string | Buffer;
  /** Size written in the header when it should differ from the data's (a lying header). */
  size?: number;
  linkname?: string;
  prefix?: string | Buffer;
  /** Override the checksum (to corrupt a header). */
  checksum?: number;
  /** Raw size field (12 bytes, e.g. garbage) instead of an encoded number. */
  rawSize?: string;
  /** Permission bits (default 0644). */
  mode?: number;
}

const BLOCK = 512;

/** A 512-byte ustar header for E. Sizes of 8 GiB and up use GNU base-256, as GNU tar does. */
export function tarHeader(e: RawEntry): Buffer {
  const h = Buffer.alloc(BLOCK);
  const data = typeof e.data === 'string' ? Buffer.from(e.data) : (e.data ?? Buffer.alloc(0));
  Buffer.from(e.name).copy(h, 0, 0, 100);
  h.write((e.mode ?? 0o644).toString(8).padStart(7, '0') + '\0', 100, 'latin1');
  h.write('0001750\0', 108, 'latin1');
  h.write('0001750\0', 116, 'latin1');
  const size = e.size ?? data.length;
  if (e.rawSize !== undefined) h.write(e.rawSize.padEnd(12, '\0').slice(0, 12), 124, 'latin1');
  else if (size < 8 * 1024 ** 3) h.write(size.toString(8).padStart(11, '0') + '\0', 124, 'latin1');
  else {
    h[124] = 0x80;
    let n = size;
    for (let i = 135; i > 124; i--) {
      h[i] = n % 256;
      n = Math.floor(n / 256);
    }
  }
  h.write('14712345670\0', 136, 'latin1');
  h.write(e.type ?? '0', 156, 'latin1');
  if (e.linkname) h.write(e.linkname, 157, 'utf8');
  h.write('ustar\u000000', 257, 'latin1');
  h.write('user', 265, 'latin1');
  h.write('user', 297, 'latin1');
  if (e.prefix) Buffer.from(e.prefix).copy(h, 345, 0, 155);
  h.fill(0x20, 148, 156);
  let sum = 0;
  for (const b of h) sum += b;
  h.write((e.checksum ?? sum).toString(8).padStart(6, '0') + '\0 ', 148, 'latin1');
  return h;
}

/** Header plus data padded to whole blocks. */
export function tarEntry(e: RawEntry): Buffer {
  const data = typeof e.data === 'string' ? Buffer.from(e.data) : (e.data ?? Buffer.alloc(0));
  return Buffer.concat([tarHeader(e), data, Buffer.alloc((BLOCK - (data.length % BLOCK)) % BLOCK)]);
}

/** Pax records (`"%d key=value\n"`) for a pax header's data. */
export function paxData(records: Record<string, string>): Buffer {
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(records)) {
    const body = ` ${k}=${v}\n`;
    let len = Buffer.byteLength(body) + 1;
    while (String(len).length + Buffer.byteLength(body) !== len) len = String(len).length + Buffer.byteLength(body);
    parts.push(Buffer.from(`${len}${body}`));
  }
  return Buffer.concat(parts);
}

/** A tar archive of ENTRIES (raw entries or ready bytes), ended by two zero blocks unless `end: false`. */
export function tar(entries: (RawEntry | Buffer)[], opts: { end?: boolean } = {}): Buffer {
  const parts = entries.map((e) => (Buffer.isBuffer(e) ? e : tarEntry(e)));
  if (opts.end !== false) parts.push(Buffer.alloc(2 * BLOCK));
  return Buffer.concat(parts);
}

/** gzip BYTES (level 6, like `tar -czf`). */
export function gzip(bytes: Buffer): Buffer {
  return gzipSync(bytes);
}

/** A bundle as an honest writer makes it: tar-stream's pack, then gzip. */
export async function packBundle(
  files: { name: string; content?: string | Buffer; type?: 'file' | 'directory' }[],
): Promise<Buffer> {
  const p = pack();
  for (const f of files) {
    if (f.type === 'directory') p.entry({ name: f.name, type: 'directory' });
    else p.entry({ name: f.name }, f.content ?? '');
  }
  p.finalize();
  const chunks: Buffer[] = [];
  for await (const c of p as AsyncIterable<Buffer>) chunks.push(c);
  return gzip(Buffer.concat(chunks));
}

/** A Readable that yields BYTES in chunks of SIZE (to exercise every split). */
export function chunked(bytes: Buffer, size: number): Readable {
  const parts: Buffer[] = [];
  for (let o = 0; o < bytes.length; o += size) parts.push(bytes.subarray(o, o + size));
  return Readable.from(parts);
}
