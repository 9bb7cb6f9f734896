// The hostile bundles docs/design.md "Safety of a bundle" refuses, each built from a readable
// description (the hostile ones by hand), with the refusal it must get. Shared by the
// reader's tests and the CLI's (inspect and validate must refuse them the same way).
import type { BundleErrorCode } from '../../scripts/lib/bundle/errors.js';
import type { BundleLimits } from '../../scripts/lib/bundle/limits.js';
import { gzip, paxData, tar, tarHeader, type RawEntry } from './tar.js';

const cert: RawEntry = { name: 'cert.log', data: 'Device driver PASSED!\n' };
const GiB = 1024 ** 3;

export interface Case {
  what: string;
  bytes: () => Buffer;
  code: BundleErrorCode;
  message: string;
  member?: string;
  limits?: Partial<BundleLimits>;
}

const good = (): Buffer => gzip(tar([cert, { name: 'b.log', data: 'y'.repeat(5000) }]));
const flip = (b: Buffer, at: number): Buffer => {
  const c = Buffer.from(b);
  c[at < 0 ? c.length + at : at]! ^= 0xff;
  return c;
};

export const FILE_CASES: Case[] = [
  {
    what: 'a file that is not gzip',
    bytes: () => Buffer.from('hello, this is text'),
    code: 'not-gzip',
    message: 'not a gzip file',
  },
  {
    what: 'an empty file',
    bytes: () => Buffer.alloc(0),
    code: 'not-gzip',
    message: 'not a gzip file: the file is empty',
  },
  {
    what: 'a tar without compression, saying so',
    bytes: () => tar([cert]),
    code: 'not-gzip',
    message: 'not a gzip file (it is a tar archive without compression)',
  },
  {
    what: 'a zip, saying so',
    bytes: () => Buffer.from('PK\u0003\u0004 rest of a zip file'),
    code: 'not-gzip',
    message: 'not a gzip file (it looks like a zip archive)',
  },
  {
    what: 'a gzip header cut short',
    bytes: () => good().subarray(0, 5),
    code: 'gzip-truncated',
    message: 'the gzip stream is cut short: the file is 5 bytes long',
  },
  {
    what: 'a gzip that names another compression method',
    bytes: () => Buffer.from([0x1f, 0x8b, 7, 0, 0, 0, 0, 0, 0, 3, 1, 2]),
    code: 'gzip-corrupt',
    message: 'the gzip header names compression method 7, not deflate (8)',
  },
  {
    what: 'a gzip stream cut short',
    bytes: () => good().subarray(0, good().length - 10),
    code: 'gzip-truncated',
    message: 'the gzip stream is cut short after member "b.log" (it ends before its end marker)',
  },
  {
    what: 'corrupt deflate data',
    bytes: () => flip(good(), 20),
    code: 'gzip-corrupt',
    message: 'the gzip data is corrupt at the start of the archive (zlib: invalid bit length repeat)',
  },
  {
    what: 'a gzip whose CRC does not match',
    bytes: () => flip(good(), -6),
    code: 'gzip-corrupt',
    message: 'the gzip data is corrupt at the start of the archive (zlib: incorrect data check)',
  },
  {
    what: 'garbage after the gzip stream',
    bytes: () => Buffer.concat([good(), Buffer.from('GARBAGE')]),
    code: 'gzip-trailing-data',
    message: 'data that is not gzip follows the end of the gzip stream (zlib: incorrect header check)',
  },
  {
    what: 'zero bytes after the gzip stream',
    bytes: () => Buffer.concat([good(), Buffer.alloc(100)]),
    code: 'gzip-trailing-data',
    message: '100 bytes follow the end of the gzip stream',
  },
  {
    what: 'a gzip of something that is not a tar',
    bytes: () => gzip(Buffer.from('just text\n'.repeat(100))),
    code: 'not-tar',
    message: 'the gzip stream does not hold a tar archive (its first block is not a tar header)',
  },
  {
    what: 'a gzip of nothing',
    bytes: () => gzip(Buffer.alloc(0)),
    code: 'empty',
    message: 'the bundle is empty: its gzip stream holds no data',
  },
  {
    what: 'an empty tar (only its end marker)',
    bytes: () => gzip(tar([])),
    code: 'empty',
    message: 'the bundle holds no members',
  },
  {
    what: 'a tar of folders only',
    bytes: () => gzip(tar([{ name: 'logs/', type: '5' }])),
    code: 'empty',
    message: 'the bundle holds only folders, no files',
  },
  {
    what: 'a tar cut inside a member',
    bytes: () => gzip(tar([cert, { name: 'b.log', data: 'y'.repeat(5000) }]).subarray(0, 1024 + 512 + 100)),
    code: 'tar-truncated',
    message: 'the tar archive ends inside member "b.log" (100 of its 5000 bytes)',
    member: 'b.log',
  },
  {
    what: 'a tar without its end-of-archive marker',
    bytes: () => gzip(tar([cert], { end: false })),
    code: 'tar-truncated',
    message: 'the tar archive ends without its end-of-archive marker after member "cert.log": it was cut short',
  },
  {
    what: 'a damaged header (bad checksum)',
    bytes: () => gzip(tar([cert, { name: 'b.log', data: 'b', checksum: 1 }])),
    code: 'tar-corrupt',
    message: 'a damaged tar header after member "cert.log" (its checksum is wrong)',
  },
  {
    what: 'a header that claims fewer bytes than follow it',
    bytes: () =>
      gzip(
        Buffer.concat([
          tar([cert], { end: false }),
          tarHeader({ name: 'b.log', size: 10 }),
          Buffer.from('b'.repeat(1500).padEnd(1536, '\0')),
          Buffer.alloc(1024),
        ]),
      ),
    code: 'tar-corrupt',
    message: 'a damaged tar header after member "b.log" (its checksum is wrong)',
  },
  {
    what: 'a header that claims more bytes than the archive holds',
    bytes: () =>
      gzip(
        Buffer.concat([
          tar([cert], { end: false }),
          tarHeader({ name: 'b.log', size: 1_000_000 }),
          Buffer.alloc(2048, 0x62),
        ]),
      ),
    code: 'tar-truncated',
    message: 'the tar archive ends inside member "b.log" (2048 of its 1000000 bytes)',
    member: 'b.log',
  },
  {
    what: 'a header whose size is not a number',
    bytes: () => gzip(tar([cert, { name: 'b.log', data: 'b', rawSize: 'zzzz' }])),
    code: 'tar-corrupt',
    message: 'a damaged tar header after member "cert.log" (its size field is not a number)',
  },
  {
    // Found by fuzzing: tar-stream reads this size as null, and reading on never ended (inspect and validate exited 0, silently).
    what: 'a base-256 size field whose lead byte is neither 0x80 nor 0xff',
    bytes: () => gzip(tar([{ name: 'cert.log', data: 'x'.repeat(100), rawSize: '\u00b00000033307 ' }])),
    code: 'tar-corrupt',
    message: 'a damaged tar header at the start of the archive (its size field is not a number)',
  },
  {
    what: 'a negative base-256 size field',
    bytes: () => gzip(tar([cert, { name: 'b.log', data: 'x', rawSize: '\u00ff'.repeat(11) + '\u00f0' }])),
    code: 'tar-corrupt',
    message: 'a damaged tar header after member "cert.log" (its size field is not a number)',
  },
  {
    what: 'a negative pax size record',
    bytes: () =>
      gzip(tar([cert, { name: 'P', type: 'x', data: paxData({ size: '-512' }) }, { name: 'b.log', data: 'x' }])),
    code: 'tar-corrupt',
    message: 'a damaged tar header after member "cert.log" (its size field is not a number)',
  },
  {
    what: 'a pax size record that is not a number',
    bytes: () =>
      gzip(
        tar([
          { name: 'P', type: 'x', data: paxData({ size: 'abc' }) },
          { name: 'x', data: 'x' },
        ]),
      ),
    code: 'tar-corrupt',
    message: 'a damaged tar header at the start of the archive (its size field is not a number)',
  },
  {
    what: 'data after the end-of-archive marker',
    bytes: () => gzip(Buffer.concat([tar([cert]), Buffer.from('garbage'.repeat(100))])),
    code: 'tar-trailing-data',
    message: 'data follows the end of the tar archive after member "cert.log"',
  },
  {
    what: 'a member hidden after the end-of-archive marker, where tar stops',
    bytes: () => gzip(Buffer.concat([tar([cert]), tar([{ name: 'hidden.log', data: 'h' }])])),
    code: 'member-after-end',
    message: 'member "hidden.log" lies after the end-of-archive marker, where tar stops reading',
    member: 'hidden.log',
  },
  {
    what: 'an archive that starts with its end marker',
    bytes: () => gzip(Buffer.concat([Buffer.alloc(1024), tar([cert])])),
    code: 'member-after-end',
    message: 'member "cert.log" lies after the end-of-archive marker, where tar stops reading',
    member: 'cert.log',
  },
];

/** A zero-size extended header makes tar-stream lose the 512-byte grid; a header planted off-grid must not be read. */
function offGridSmuggle(): Buffer {
  const z = tarHeader({ name: 'smuggled.log', data: 'zz' });
  return gzip(
    Buffer.concat([
      tar(
        [
          { name: 'P', type: 'x', data: '' },
          { name: 'x.log', data: 'x'.repeat(100) },
        ],
        { end: false },
      ),
      Buffer.concat([Buffer.alloc(100), z.subarray(0, 412)]),
      Buffer.concat([z.subarray(412), Buffer.from('zz'), Buffer.alloc(410)]),
      Buffer.alloc(1024),
    ]),
  );
}

export const MEMBER_CASES: Case[] = [
  {
    what: 'an absolute path',
    bytes: () => gzip(tar([{ name: '/etc/passwd', data: 'x' }])),
    code: 'absolute-path',
    message: 'member "/etc/passwd" has an absolute path',
    member: '/etc/passwd',
  },
  {
    what: 'a Windows drive path',
    bytes: () => gzip(tar([{ name: 'C:/x.log', data: 'x' }])),
    code: 'absolute-path',
    message: 'member "C:/x.log" has an absolute path',
    member: 'C:/x.log',
  },
  {
    what: 'a path climbing out with ..',
    bytes: () => gzip(tar([{ name: 'logs/../../x', data: 'x' }])),
    code: 'dot-dot-path',
    message: 'member "logs/../../x" has a ".." segment in its path',
    member: 'logs/../../x',
  },
  {
    what: 'a member named ..',
    bytes: () => gzip(tar([{ name: '../', type: '5' }])),
    code: 'dot-dot-path',
    message: 'member "../" has a ".." segment in its path',
    member: '../',
  },
  {
    what: 'a pax path with ..',
    bytes: () =>
      gzip(
        tar([
          { name: 'P', type: 'x', data: paxData({ path: '../../etc/cron.d/x' }) },
          { name: 'safe', data: 'x' },
        ]),
      ),
    code: 'dot-dot-path',
    message: 'member "../../etc/cron.d/x" has a ".." segment in its path',
    member: '../../etc/cron.d/x',
  },
  {
    what: 'a header name that is not UTF-8',
    bytes: () => gzip(tar([{ name: Buffer.from([0x6c, 0x6f, 0x67, 0xff, 0x2e, 0x6c]), data: 'x' }])),
    code: 'name-not-utf8',
    message: 'member name "log\\xff.l" is not valid UTF-8',
    member: 'log\\xff.l',
  },
  {
    what: 'a pax path that is not UTF-8',
    bytes: () =>
      gzip(
        tar([
          { name: 'P', type: 'x', data: Buffer.from('15 path=ab\xff\xfecd\n', 'latin1') },
          { name: 'x', data: 'x' },
        ]),
      ),
    code: 'name-not-utf8',
    message: 'member name "ab\\ufffd\\ufffdcd" is not valid UTF-8',
    member: 'ab\\ufffd\\ufffdcd',
  },
  {
    what: 'a control character in a name',
    bytes: () => gzip(tar([{ name: 'a\u0007b.log', data: 'x' }])),
    code: 'bad-name',
    message: 'member name "a\\u0007b.log" contains a control or text-direction character',
    member: 'a\u0007b.log',
  },
  {
    what: 'a NUL in a pax path',
    bytes: () =>
      gzip(
        tar([
          { name: 'P', type: 'x', data: paxData({ path: 'a.log\u0000.txt' }) },
          { name: 'x', data: 'x' },
        ]),
      ),
    code: 'bad-name',
    message: 'member name "a.log\\u0000.txt" contains a control or text-direction character',
    member: 'a.log\u0000.txt',
  },
  {
    what: 'a right-to-left override in a name',
    bytes: () => gzip(tar([{ name: 'gol.\u202etxt', data: 'x' }])),
    code: 'bad-name',
    message: 'member name "gol.\\u202etxt" contains a control or text-direction character',
    member: 'gol.\u202etxt',
  },
  {
    what: 'a backslash in a name',
    bytes: () => gzip(tar([{ name: '..\\..\\x', data: 'x' }])),
    code: 'bad-name',
    message: 'member name "..\\\\..\\\\x" contains a backslash',
    member: '..\\..\\x',
  },
  {
    what: 'a file named after the root folder',
    bytes: () => gzip(tar([{ name: '.', data: 'x' }])),
    code: 'bad-name',
    message: 'a file is named ".", the name of the archive\'s own folder',
    member: '.',
  },
  {
    what: 'an empty name',
    bytes: () => gzip(tar([{ name: '', data: 'x' }])),
    code: 'bad-name',
    message: 'a member has an empty name',
    member: '',
  },
  {
    what: 'a name over the length limit',
    bytes: () =>
      gzip(
        tar([
          { name: 'P', type: 'x', data: paxData({ path: 'n'.repeat(1100) }) },
          { name: 'x', data: 'x' },
        ]),
      ),
    code: 'name-too-long',
    message: `member name "${'n'.repeat(80)}"… is 1100 bytes long (the limit is 1024)`,
    member: 'n'.repeat(1100),
  },
  {
    what: 'a name too many folders deep',
    bytes: () =>
      gzip(
        tar([
          { name: 'P', type: 'x', data: paxData({ path: 'd/'.repeat(40) + 'x' }) },
          { name: 'x', data: 'x' },
        ]),
      ),
    code: 'name-too-long',
    message: `member "${'d/'.repeat(40)}x" is 41 folders deep (the limit is 32)`,
    member: 'd/'.repeat(40) + 'x',
  },
  {
    what: 'a symbolic link',
    bytes: () => gzip(tar([cert, { name: 'logs/evil', type: '2', linkname: '/etc/passwd' }])),
    code: 'symlink',
    message: 'member "logs/evil" is a symbolic link to "/etc/passwd"; a bundle may hold only files and folders',
    member: 'logs/evil',
  },
  {
    what: 'a hard link',
    bytes: () => gzip(tar([cert, { name: 'copy.log', type: '1', linkname: 'cert.log' }])),
    code: 'hardlink',
    message: 'member "copy.log" is a hard link to "cert.log"; a bundle may hold only files and folders',
    member: 'copy.log',
  },
  {
    what: 'a character device',
    bytes: () => gzip(tar([{ name: 'dev/null', type: '3' }])),
    code: 'device',
    message: 'member "dev/null" is a character device; a bundle may hold only files and folders',
    member: 'dev/null',
  },
  {
    what: 'a block device',
    bytes: () => gzip(tar([{ name: 'dev/sda', type: '4' }])),
    code: 'device',
    message: 'member "dev/sda" is a block device; a bundle may hold only files and folders',
    member: 'dev/sda',
  },
  {
    what: 'a FIFO',
    bytes: () => gzip(tar([{ name: 'pipe', type: '6' }])),
    code: 'fifo',
    message: 'member "pipe" is a FIFO (named pipe); a bundle may hold only files and folders',
    member: 'pipe',
  },
  {
    what: 'an entry of an unknown type (a volume label)',
    bytes: () => gzip(tar([{ name: 'label', type: 'V' }])),
    code: 'unsupported-type',
    message: 'member "label" has an unsupported tar entry type; a bundle may hold only files and folders',
    member: 'label',
  },
  {
    what: 'an old GNU sparse file',
    bytes: () => gzip(tar([{ name: 'sparse.img', type: 'S', data: 'x' }])),
    code: 'unsupported-type',
    message: 'member "sparse.img" has an unsupported tar entry type; a bundle may hold only files and folders',
    member: 'sparse.img',
  },
  {
    what: 'a pax sparse file',
    bytes: () =>
      gzip(
        tar([
          { name: 'P', type: 'x', data: paxData({ 'GNU.sparse.major': '1', 'GNU.sparse.minor': '0' }) },
          { name: 'sparse.img', data: 'x' },
        ]),
      ),
    code: 'unsupported-type',
    message: 'member "sparse.img" is a sparse file; a bundle may hold only plain files and folders',
    member: 'sparse.img',
  },
  {
    what: 'a folder entry carrying data',
    bytes: () => gzip(tar([{ name: 'logs/', type: '5', data: 'x'.repeat(10) }])),
    code: 'unsupported-type',
    message: 'folder entry "logs" carries 10 bytes of data',
    member: 'logs',
  },
  {
    what: 'the same member twice',
    bytes: () => gzip(tar([cert, cert])),
    code: 'duplicate-member',
    message: 'member "cert.log" appears twice in the bundle',
    member: 'cert.log',
  },
  {
    what: 'the same member twice, once as ./name',
    bytes: () => gzip(tar([cert, { ...cert, name: './cert.log' }])),
    code: 'duplicate-member',
    message: 'member "cert.log" appears twice in the bundle',
    member: 'cert.log',
  },
  {
    what: 'the same member twice, once as a//b',
    bytes: () =>
      gzip(
        tar([
          { name: 'logs/a.log', data: 'a' },
          { name: 'logs//a.log', data: 'b' },
        ]),
      ),
    code: 'duplicate-member',
    message: 'member "logs/a.log" appears twice in the bundle',
    member: 'logs/a.log',
  },
  {
    what: 'a file and a folder of one name',
    bytes: () =>
      gzip(
        tar([
          { name: 'logs/', type: '5' },
          { name: 'logs', data: 'x' },
        ]),
      ),
    code: 'duplicate-member',
    message: 'member "logs" is both a folder and a file',
    member: 'logs',
  },
  {
    what: 'a file used as a folder',
    bytes: () =>
      gzip(
        tar([
          { name: 'logs', data: 'x' },
          { name: 'logs/a.log', data: 'y' },
        ]),
      ),
    code: 'duplicate-member',
    message: 'member "logs/a.log" lies inside "logs", which is a file',
    member: 'logs/a.log',
  },
  {
    what: 'a header off the 512-byte grid (tar-stream misled by a zero-size pax header)',
    bytes: offGridSmuggle,
    code: 'tar-corrupt',
    message: 'a tar header at byte 1636, off the 512-byte grid, after member "x.log" (a malformed extended header?)',
    member: 'smuggled.log',
  },
];

export const LIMIT_CASES: Case[] = [
  {
    what: 'more members than the limit',
    bytes: () => gzip(tar([cert, { name: 'a', data: 'a' }, { name: 'b', data: 'b' }])),
    limits: { maxMembers: 2 },
    code: 'too-many-members',
    message: 'the bundle has more than 2 members (the limit is reached at "b")',
    member: 'b',
  },
  {
    what: 'a member whose header claims 10 GiB, before reading any of it',
    bytes: () => gzip(tar([{ name: 'big.log', size: 10 * GiB, data: 'x' }], { end: false })),
    code: 'member-too-large',
    message: 'member "big.log" is 10 GiB, more than the limit of 2 GiB for one member',
    member: 'big.log',
  },
  {
    what: 'a member whose pax size record claims petabytes',
    bytes: () =>
      gzip(
        tar([
          { name: 'P', type: 'x', data: paxData({ size: '99999999999999999' }) },
          { name: 'x.log', data: 'x' },
        ]),
      ),
    code: 'member-too-large',
    message: 'member "x.log" is 93132257.5 GiB, more than the limit of 2 GiB for one member',
    member: 'x.log',
  },
  {
    what: 'a member over a set limit',
    bytes: () => gzip(tar([{ name: 'big.log', data: 'x'.repeat(2000) }])),
    limits: { maxMemberBytes: 1000 },
    code: 'member-too-large',
    message: 'member "big.log" is 2 KiB, more than the limit of 1000 bytes for one member',
    member: 'big.log',
  },
  {
    what: 'members whose headers add up past the total',
    bytes: () => gzip(tar([{ name: 'a.log', size: 1.5 * GiB, data: '' }], { end: false })),
    limits: { maxTotalBytes: 1 * GiB },
    code: 'total-too-large',
    message: 'with member "a.log" (1.5 GiB) the bundle inflates to more than 1 GiB',
    member: 'a.log',
  },
  {
    what: 'a tar that inflates past the total',
    bytes: () =>
      gzip(
        tar([
          { name: 'a.log', data: 'x'.repeat(3000) },
          { name: 'b.log', data: 'x'.repeat(3000) },
        ]),
      ),
    limits: { maxTotalBytes: 4000 },
    code: 'total-too-large',
    message: 'the bundle inflates to more than 3.9 KiB',
  },
  {
    what: 'a compression ratio past the limit',
    bytes: () => gzip(tar([{ name: 'zeros.log', data: Buffer.alloc(4 * 1024 * 1024) }])),
    limits: { ratioGraceBytes: 1024 * 1024, maxRatio: 100 },
    code: 'ratio-exceeded',
    message: 'the bundle inflates more than 100 times',
    member: 'zeros.log',
  },
  {
    what: 'a pax header past tar-stream’s 4 MiB',
    bytes: () =>
      gzip(
        tar([
          { name: 'P', type: 'x', data: paxData({ comment: 'c'.repeat(5 * 1024 * 1024) }) },
          { name: 'x', data: 'x' },
        ]),
      ),
    code: 'tar-header-too-large',
    message: 'an extended header (pax records or a long name) of more than 4 MiB at the start of the archive',
  },
  {
    what: 'extended headers past the limit in front of one member',
    bytes: () =>
      gzip(
        tar([
          { name: 'P', type: 'x', data: paxData({ comment: 'c'.repeat(2 * 1024 * 1024) }) },
          { name: 'x', data: 'x' },
        ]),
      ),
    code: 'tar-header-too-large',
    message: 'member "x" has more than 1 MiB of extended headers (pax records or long names)',
    member: 'x',
  },
  {
    what: 'many pax headers in a row, none past 4 MiB',
    bytes: () =>
      gzip(
        tar([
          ...Array.from({ length: 10 }, () => ({
            name: 'P',
            type: 'x',
            data: paxData({ comment: 'c'.repeat(500 * 1024) }),
          })),
          cert,
        ]),
      ),
    code: 'tar-header-too-large',
    message: 'member "cert.log" has more than 1 MiB of extended headers (pax records or long names)',
    member: 'cert.log',
  },
  {
    what: 'more pax records than the limit',
    bytes: () =>
      gzip(
        tar([
          {
            name: 'P',
            type: 'x',
            data: paxData(Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`k${i}`, 'v']))),
          },
          { name: 'x', data: 'x' },
        ]),
      ),
    code: 'tar-header-too-large',
    message: 'member "x" has 2000 pax records (the limit is 1000)',
    member: 'x',
  },
];
