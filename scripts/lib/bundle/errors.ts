// The one error a bundle is refused with: a stable code, a message that names the
// member, and a tip that says how to make a bundle that passes.
import { InputError } from '../findings.js';
import { printable } from '../terminal.js';

/** Why a bundle was refused. Stable: tests, JSON output and the docs key on these. */
export type BundleErrorCode =
  // the file itself
  | 'unreadable'
  | 'not-gzip'
  | 'gzip-corrupt'
  | 'gzip-truncated'
  | 'gzip-trailing-data'
  | 'not-tar'
  | 'tar-corrupt'
  | 'tar-truncated'
  | 'tar-trailing-data'
  | 'tar-header-too-large'
  | 'empty'
  // one member
  | 'absolute-path'
  | 'dot-dot-path'
  | 'name-not-utf8'
  | 'bad-name'
  | 'name-too-long'
  | 'symlink'
  | 'hardlink'
  | 'device'
  | 'fifo'
  | 'unsupported-type'
  | 'duplicate-member'
  | 'name-collision'
  | 'member-after-end'
  | 'special-mode'
  | 'extended-header-conflict'
  | 'pax-global-header'
  // limits
  | 'too-many-members'
  | 'member-too-large'
  | 'total-too-large'
  | 'ratio-exceeded';

/** The tip for each refusal: how to make a bundle that passes. */
export const BUNDLE_TIPS: Readonly<Record<BundleErrorCode, string>> = {
  unreadable: 'Check the path and that the file is readable.',
  'not-gzip': 'A bundle is a gzip-compressed tar: make it with `drivercert pack` or `tar -czf bundle.tgz FILES`.',
  'gzip-corrupt': 'The file is damaged; make it again with `drivercert pack` and copy it in binary mode.',
  'gzip-truncated': 'The file is cut short (an interrupted copy or upload?); make it again with `drivercert pack`.',
  'gzip-trailing-data':
    'Something was appended to the bundle after its gzip stream; make it again with `drivercert pack`.',
  'not-tar':
    'A bundle is a tar archive compressed with gzip, not a single compressed file: use `tar -czf bundle.tgz FILES`.',
  'tar-corrupt': 'The tar archive is damaged; make it again with `drivercert pack`.',
  'tar-truncated': 'The tar archive is cut short; make it again with `drivercert pack`.',
  'tar-trailing-data': 'Bytes follow the end of the tar archive; make it again with `drivercert pack`.',
  'tar-header-too-large': 'Extended (pax or long-name) headers are limited; use short plain file names.',
  empty: 'A bundle must hold at least cert.log: make it with `drivercert pack --log FILE`.',
  'absolute-path': 'Member names are relative paths: run tar from the folder that holds the files.',
  'dot-dot-path':
    'Member names may not climb out of the bundle with `..`: run tar from the folder that holds the files, ' +
    'or make the bundle with `drivercert pack`.',
  'name-not-utf8': 'Rename the file so its name is valid UTF-8.',
  'bad-name': 'Rename the file: names are plain relative paths without control characters or backslashes.',
  'name-too-long': 'Use shorter file and folder names.',
  symlink: 'A bundle holds plain files and folders only: copy the file the link points to instead.',
  hardlink: 'A bundle holds plain files and folders only: add the file once, under one name.',
  device:
    'A bundle holds plain files and folders only: leave the device out, ' +
    'or make the bundle with `drivercert pack`, which stores plain files.',
  fifo:
    'A bundle holds plain files and folders only: leave the named pipe out, ' +
    'or make the bundle with `drivercert pack`, which stores plain files.',
  'unsupported-type':
    'A bundle holds plain files and folders only (no sparse files, volume labels or other special entries): ' +
    'make it with `drivercert pack`, which stores plain files.',
  'duplicate-member': 'Each file may appear once in a bundle; remove the extra copy.',
  'name-collision':
    'Rename one of the two files: on macOS and Windows, names that differ only in case or Unicode ' +
    'normalisation are one file.',
  'special-mode': 'Store plain files (`chmod u-s,g-s,-t FILE`), or make the bundle with `drivercert pack`, which does.',
  'extended-header-conflict':
    'Make the bundle with `drivercert pack` or one ordinary `tar -czf`: its headers then name each member once.',
  'pax-global-header':
    'Make the bundle with `drivercert pack` or `tar -czf` (GNU tar writes no global header that renames members).',
  'member-after-end': 'Nothing may follow the end of the tar archive; make the bundle again with `drivercert pack`.',
  'too-many-members':
    'Bundle fewer files (e.g. only the service logs of the cinder services), or raise the limit with --limit.',
  'member-too-large':
    'Trim or compress away the largest logs (keep the cinder service logs of the test run), ' +
    'or raise the limit with --limit.',
  'total-too-large': 'Trim the service logs to the test run, or raise the limit with --limit.',
  'ratio-exceeded':
    'The bundle inflates far more than real logs do; if it is genuine, raise the limit with --limit maxRatio=N.',
};

/** A bundle refused as unsafe or unreadable; `member` names the tar member when there is one. */
export class BundleError extends InputError {
  readonly code: BundleErrorCode;
  readonly member: string | undefined;
  constructor(code: BundleErrorCode, message: string, opts: { member?: string; file?: string; tip?: string } = {}) {
    super(message, { ...(opts.file !== undefined ? { file: opts.file } : {}), tip: opts.tip ?? BUNDLE_TIPS[code] });
    this.name = 'BundleError';
    this.code = code;
    this.member = opts.member;
  }
}

/**
 * A member name fit for a message: quoted, with control and text-direction characters
 * escaped (JSON's escapes, then the terminal's), and U+FFFD (a byte that was not UTF-8) shown.
 */
export function quoteName(name: string): string {
  return printable(JSON.stringify(name)).replace(/\ufffd/g, '\\ufffd');
}
