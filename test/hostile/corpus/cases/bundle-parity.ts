// Bundles a reviewer's tar would extract as something else than drivercert reads (issue 14):
// pax global headers, file names ending in `/`, pax records against the ustar fields, headers
// that GNU tar and Python's tarfile resolve differently, names that are one file on macOS and
// Windows, setuid/setgid/sticky members. Each refusal has an honest control beside it, and
// test/hostile/tar-parity.test.ts extracts every accepted one with GNU tar and tarfile.
import { gzip, paxData, tarEntry, type RawEntry } from '../../../helpers/tar.js';
import { collect } from '../bytes.js';
import type { Member, TarCase } from '../types.js';

/** A bundle: `before` entries, the honest members (cert.log, tempest.subunit), then `after` entries. */
function bundle(before: RawEntry[], after: RawEntry[]): TarCase['bytes'] {
  return (honest: readonly Member[]) => () => [
    gzip(
      Buffer.concat([
        ...before.map(tarEntry),
        ...honest.map((m) => tarEntry({ name: m.name, data: collect(m.bytes) })),
        ...after.map(tarEntry),
        Buffer.alloc(1024),
      ]),
    ),
  ];
}

const HONEST = ['cert.log', 'tempest.subunit'];
const log = (name: string, extra: Partial<RawEntry> = {}): RawEntry => ({
  name,
  data: 'volume service log\n',
  ...extra,
});
const pax = (records: Record<string, string>): RawEntry => ({ name: 'PaxHeader', type: 'x', data: paxData(records) });
const global = (records: Record<string, string>): RawEntry => ({
  name: 'pax_global_header',
  type: 'g',
  data: paxData(records),
});
const longName = (name: string): RawEntry => ({ name: '././@LongLink', type: 'L', data: `${name}\0` });

function refuses(
  code:
    'pax-global-header' | 'bad-name' | 'tar-corrupt' | 'extended-header-conflict' | 'name-collision' | 'special-mode',
  member: string,
  says: string,
): TarCase['expect'] {
  return { refuses: { code, member, says } };
}
const accepts = (...members: string[]): TarCase['expect'] => ({ accepts: { members: [...HONEST, ...members] } });

const tarCase = (id: string, title: string, bytes: TarCase['bytes'], expect: TarCase['expect'], what?: string) =>
  ({ id, kind: 'bundle', via: 'tar', title, bytes, expect, ...(what ? { what } : {}) }) satisfies TarCase;

export const parityCases: TarCase[] = [
  // pax global headers: tar and tarfile apply path and size to every later member; tar-stream does not.
  tarCase(
    'bundle-pax-global-header-path',
    'a pax global header with `path=../x` (renames every later member)',
    bundle([global({ path: '../x' })], []),
    refuses('pax-global-header', 'cert.log', 'a pax global header before member "cert.log" sets "path"'),
  ),
  tarCase(
    'bundle-pax-global-header-size',
    'a pax global header with `size` (resizes every later member)',
    bundle([], [global({ size: '2' }), log('logs/c-vol.log')]),
    refuses('pax-global-header', 'logs/c-vol.log', 'a pax global header before member "logs/c-vol.log" sets "size"'),
  ),
  tarCase(
    'bundle-pax-global-header-comment',
    'a pax global header with only a comment, as `git archive` writes one',
    bundle([global({ comment: '0123456789abcdef0123456789abcdef01234567' })], [log('logs/c-vol.log')]),
    accepts('logs/c-vol.log'),
    'a comment, times and owners change no member.',
  ),
  // names a folder would have
  tarCase(
    'bundle-file-name-ends-in-slash',
    'a regular file whose name ends in `/`',
    bundle([], [log('logs/c-vol.log/')]),
    refuses('bad-name', 'logs/c-vol.log/', 'member "logs/c-vol.log/" is a file whose name ends in "/"'),
  ),
  tarCase(
    'bundle-old-style-file-name-ends-in-slash',
    'an old-style regular file (type NUL) whose name ends in `/`',
    bundle([], [log('logs/c-vol.log/', { type: '\0' })]),
    refuses('bad-name', 'logs/c-vol.log/', 'member "logs/c-vol.log/" is a file whose name ends in "/"'),
  ),
  tarCase(
    'bundle-file-name-ends-in-slash-dot',
    'a regular file whose name ends in `/.`',
    bundle([], [log('logs/c-vol.log/.')]),
    refuses('bad-name', 'logs/c-vol.log/.', 'member "logs/c-vol.log/." is a file whose name ends in "/."'),
  ),
  tarCase(
    'bundle-pax-path-ends-in-slash',
    'a regular file whose pax path ends in `/`',
    bundle([], [pax({ path: 'logs/c-vol.log/' }), log('c-vol.log')]),
    refuses('bad-name', 'logs/c-vol.log/', 'member "logs/c-vol.log/" is a file whose name ends in "/"'),
  ),
  tarCase(
    'bundle-folder-entries-and-files',
    'folder entries (ending in `/`) and the files in them',
    bundle([], [{ name: 'logs/', type: '5', mode: 0o755 }, log('logs/c-vol.log')]),
    accepts('logs/c-vol.log'),
  ),
  // pax records against the ustar fields
  tarCase(
    'bundle-pax-path-overrides-ustar-name',
    'a pax `path` other than the ustar name',
    bundle([], [pax({ path: 'logs/c-vol.log' }), log('decoy.log')]),
    accepts('logs/c-vol.log'),
    'every reader takes the pax path.',
  ),
  tarCase(
    'bundle-pax-size-overrides-ustar-size',
    'a pax `size` other than the ustar size field (which says 0)',
    bundle([], [pax({ size: '19' }), log('logs/c-vol.log', { size: 0 })]),
    accepts('logs/c-vol.log'),
    'every reader takes the pax size.',
  ),
  tarCase(
    'bundle-pax-empty-path',
    'a pax `path` that is empty',
    bundle([], [pax({ path: '' }), log('decoy.log')]),
    refuses('tar-corrupt', 'decoy.log', 'the pax header before member "decoy.log" gives "path" an empty value'),
  ),
  tarCase(
    'bundle-two-pax-headers',
    'two pax headers in front of one member, with different paths',
    bundle([], [pax({ path: 'logs/first.log' }), pax({ path: 'logs/second.log' }), log('decoy.log')]),
    refuses('extended-header-conflict', 'logs/second.log', 'member "logs/second.log" has 2 pax headers in front of it'),
  ),
  tarCase(
    'bundle-two-gnu-long-names',
    'two GNU long names in front of one member',
    bundle([], [longName('logs/first.log'), longName('logs/second.log'), log('decoy.log')]),
    refuses('extended-header-conflict', 'logs/second.log', 'member "logs/second.log" has 2 GNU long names'),
  ),
  tarCase(
    'bundle-gnu-long-name-and-pax-path',
    'a GNU long name and a pax path in front of one member',
    bundle([], [longName('logs/long.log'), pax({ path: 'logs/pax.log' }), log('decoy.log')]),
    refuses(
      'extended-header-conflict',
      'logs/pax.log',
      'member "logs/pax.log" has both a GNU long name and a pax path',
    ),
  ),
  tarCase(
    'bundle-gnu-long-name',
    'a GNU long name (as GNU tar writes a name over 100 bytes)',
    bundle([], [longName(`logs/${'c-vol-'.repeat(20)}.log`), log('decoy.log')]),
    accepts(`logs/${'c-vol-'.repeat(20)}.log`),
  ),
  // one file on macOS and Windows
  tarCase(
    'bundle-names-differ-in-case',
    'two files whose names differ only in case',
    bundle([], [log('logs/c-vol.log'), log('logs/C-vol.log')]),
    refuses(
      'name-collision',
      'logs/C-vol.log',
      'member "logs/C-vol.log" and member "logs/c-vol.log" differ only in case',
    ),
  ),
  tarCase(
    'bundle-names-differ-in-normalisation',
    'two files whose names differ only in Unicode normalisation (NFC and NFD `é`)',
    bundle([], [log('logs/caf\u00e9.log'), log('logs/cafe\u0301.log')]),
    refuses(
      'name-collision',
      'logs/cafe\u0301.log',
      'differ only in case or Unicode normalisation: on macOS and Windows they are one file',
    ),
  ),
  tarCase(
    'bundle-file-and-folder-differ-in-case',
    'a file and a folder whose names differ only in case',
    bundle([], [log('logs'), log('Logs/c-vol.log')]),
    refuses('name-collision', 'Logs/c-vol.log', 'member "Logs" and member "logs" differ only in case'),
  ),
  tarCase(
    'bundle-folders-differ-in-case',
    'two folders whose names differ only in case, holding different files',
    bundle([], [log('logs/c-vol.log'), log('Logs/c-api.log')]),
    accepts('logs/c-vol.log', 'Logs/c-api.log'),
    'on macOS and Windows the two folders are one, holding both files.',
  ),
  // modes
  tarCase(
    'bundle-setuid-file',
    'a setuid file (mode 4755)',
    bundle([], [log('logs/c-vol.log', { mode: 0o4755 })]),
    refuses('special-mode', 'logs/c-vol.log', 'file "logs/c-vol.log" has the setuid bit set (mode 4755)'),
  ),
  tarCase(
    'bundle-setgid-folder',
    'a setgid folder (mode 2775)',
    bundle([], [{ name: 'logs/', type: '5', mode: 0o2775 }, log('logs/c-vol.log')]),
    refuses('special-mode', 'logs', 'folder "logs" has the setgid bit set (mode 2775)'),
  ),
  tarCase(
    'bundle-sticky-folder',
    'a sticky, world-writable folder (mode 1777)',
    bundle([], [{ name: 'logs/', type: '5', mode: 0o1777 }, log('logs/c-vol.log')]),
    refuses('special-mode', 'logs', 'folder "logs" has the sticky bit set (mode 1777)'),
  ),
  tarCase(
    'bundle-plain-modes',
    'files of modes 0644, 0664, 0755 and 0775, in folders of modes 0755 and 0775',
    bundle(
      [],
      [
        { name: 'logs/', type: '5', mode: 0o755 },
        log('logs/a.log', { mode: 0o644 }),
        log('logs/b.log', { mode: 0o664 }),
        { name: 'bin/', type: '5', mode: 0o775 },
        log('bin/run.sh', { mode: 0o755 }),
        log('bin/collect.sh', { mode: 0o775 }),
      ],
    ),
    accepts('logs/a.log', 'logs/b.log', 'bin/run.sh', 'bin/collect.sh'),
  ),
];
