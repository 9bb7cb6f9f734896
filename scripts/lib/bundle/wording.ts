// The reader's wording: byte counts, read errors, tar-stream's errors and what a file
// that is not gzip looks like, said plainly for a vendor.

/** A read error, said plainly. */
export function ioMessage(e: NodeJS.ErrnoException): string {
  switch (e.code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'it is a folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    default:
      return e.message ?? String(e);
  }
}

/** tar-stream's wording, said plainly. */
export function describeTarError(msg: string): string {
  if (/unknown format/i.test(msg)) return 'it is not a ustar, pax or GNU header';
  if (/invalid tar header/i.test(msg)) return 'its checksum is wrong';
  if (/invalid header/i.test(msg)) return 'its size field is not a number';
  return msg.replace(/\.$/, '');
}

/** For a file that is not gzip, say what it looks like instead. */
export function sniffFormat(head: Buffer): string {
  if (head.byteLength >= 262 && head.subarray(257, 262).toString('latin1') === 'ustar')
    return ' (it is a tar archive without compression)';
  if (head.subarray(0, 2).toString('latin1') === 'PK') return ' (it looks like a zip archive)';
  if (head.subarray(0, 3).toString('latin1') === 'BZh') return ' (it looks like bzip2)';
  if (head.subarray(0, 6).equals(Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]))) return ' (it looks like xz)';
  if (head.subarray(0, 4).equals(Buffer.from([0x28, 0xb5, 0x2f, 0xfd]))) return ' (it looks like zstd)';
  return '';
}

/** A byte count for messages: "2 GiB", "64 MiB", "1.5 KiB", "12 bytes". */
export function fmt(n: number): string {
  for (const [unit, size] of [
    ['GiB', 1024 ** 3],
    ['MiB', 1024 ** 2],
    ['KiB', 1024],
  ] as const) {
    if (n >= size) return `${Number((n / size).toFixed(1))} ${unit}`;
  }
  return `${n} bytes`;
}
