// What a tar header may announce in a bundle: a file or a folder, with few pax records,
// never a link, device, FIFO, sparse file or anything tar-stream does not know.
import type { Header } from 'tar-stream';
import { quoteName, type BundleError, type BundleErrorCode } from './errors.js';
import type { BundleLimits } from './limits.js';

/** What kind of member a header announces; anything but a file or a folder is refused. */
export function memberType(
  header: Header,
  name: string,
  err: (code: BundleErrorCode, msg: string) => BundleError,
): 'file' | 'directory' {
  const q = quoteName(name);
  const target = header.linkname ? ` to ${quoteName(header.linkname)}` : '';
  switch (header.type as string | null) {
    case 'file':
    case 'contiguous-file':
      return 'file';
    case 'directory':
      return 'directory';
    case 'symlink':
      throw err('symlink', `member ${q} is a symbolic link${target}; a bundle may hold only files and folders`);
    case 'link':
      throw err('hardlink', `member ${q} is a hard link${target}; a bundle may hold only files and folders`);
    case 'character-device':
    case 'block-device':
      throw err(
        'device',
        `member ${q} is a ${header.type === 'block-device' ? 'block' : 'character'} device; ` +
          'a bundle may hold only files and folders',
      );
    case 'fifo':
      throw err('fifo', `member ${q} is a FIFO (named pipe); a bundle may hold only files and folders`);
    default:
      throw err(
        'unsupported-type',
        `member ${q} has an unsupported tar entry type; a bundle may hold only files and folders`,
      );
  }
}

/** Pax records may not be numerous (each costs tar-stream a copy per member) nor describe a sparse file. */
export function checkPax(
  pax: Record<string, string>,
  name: string,
  limits: BundleLimits,
  err: (code: BundleErrorCode, msg: string) => BundleError,
): void {
  const keys = Object.keys(pax);
  if (keys.length > limits.maxPaxRecords) {
    throw err(
      'tar-header-too-large',
      `member ${quoteName(name)} has ${keys.length} pax records (the limit is ${limits.maxPaxRecords})`,
    );
  }
  if (keys.some((k) => k.startsWith('GNU.sparse.'))) {
    throw err(
      'unsupported-type',
      `member ${quoteName(name)} is a sparse file; a bundle may hold only plain files and folders`,
    );
  }
}

/** The bits a plain file or folder never needs, by name. */
const SPECIAL_BITS: readonly [number, string][] = [
  [0o4000, 'setuid'],
  [0o2000, 'setgid'],
  [0o1000, 'sticky'],
];

/** A member may not be setuid, setgid or sticky: a reviewer's `tar` (run as root, it keeps modes) would make it so. */
export function checkMode(
  header: Header,
  type: 'file' | 'directory',
  name: string,
  err: (code: BundleErrorCode, msg: string) => BundleError,
): void {
  const mode = header.mode ?? 0;
  const bits = SPECIAL_BITS.filter(([bit]) => (mode & bit) !== 0).map(([, what]) => what);
  if (bits.length === 0) return;
  const which = bits.length === 1 ? `the ${bits[0]} bit` : `the ${bits.join(' and ')} bits`;
  throw err(
    'special-mode',
    `${type === 'file' ? 'file' : 'folder'} ${quoteName(name)} has ${which} set (mode ${octal(mode)}); ` +
      'a bundle holds plain files and folders (modes such as 0644 and 0755)',
  );
}

/** Permission bits as `ls -l`'s octal: 4755. */
function octal(mode: number): string {
  return (mode & 0o7777).toString(8).padStart(4, '0');
}
