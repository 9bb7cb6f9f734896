// Whole bundles that are unsafe or unreadable (tar and gzip level): every case of docs/design.md
// "Safety of a bundle", taken from test/helpers/hostile-bundles.ts (which the reader's own
// tests share, with the exact refusal each gets), and the rest of issue 6's list: a tar
// inside a tar, malformed pax records, and a 10 GiB member of zeros.
import { FILE_CASES, LIMIT_CASES, MEMBER_CASES, type Case as HostileBundle } from '../../../helpers/hostile-bundles.js';
import { gzip, paxData, tar, tarEntry } from '../../../helpers/tar.js';
import { collect } from '../bytes.js';
import { zeroMemberBundle } from '../bundle.js';
import type { Case, Member, TarCase } from '../types.js';
import { parityCases } from './bundle-parity.js';

const GiB = 1024 ** 3;

/** `bundle-<what, in kebab case, without its article>`. */
function idOf(what: string): string {
  const slug = what
    .toLowerCase()
    .replace(/^(a|an|the) /, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `bundle-${slug}`;
}

/** A case of hostile-bundles.ts as a corpus case: its bytes, limits and refusal, unchanged. */
function fromHostile(h: HostileBundle): TarCase {
  return {
    id: idOf(h.what),
    kind: 'bundle',
    title: h.what,
    via: 'tar',
    bytes: () => () => [h.bytes()],
    ...(h.limits ? { limits: h.limits } : {}),
    expect: { refuses: { code: h.code, ...(h.member !== undefined ? { member: h.member } : {}), says: h.message } },
  };
}

/** The honest members as raw tar entries, followed by `extra` (small inputs only). */
function honestTar(honest: readonly Member[], extra: Buffer[]): Buffer {
  return Buffer.concat([
    ...honest.map((m) => tarEntry({ name: m.name, data: collect(m.bytes) })),
    ...extra,
    Buffer.alloc(1024),
  ]);
}

/** A tar archive holding what a hostile archive would: a link out, a `..` path, a device. */
const innerTar = (): Buffer =>
  tar([
    { name: 'evil', type: '2', linkname: '/etc/passwd' },
    { name: '../../../../tmp/escaped', data: 'escaped\n' },
    { name: 'dev/sda', type: '4' },
  ]);

const extraCases: TarCase[] = [
  {
    id: 'bundle-tar-inside-a-tar',
    kind: 'bundle',
    title: 'a tar inside the tar (itself holding a symbolic link, a `..` path and a device)',
    what: "a member is bytes: a nested archive is never opened, let alone extracted (drivercert extracts nothing), and is listed as a member like any other attachment; what it holds is not the bundle's.",
    via: 'tar',
    bytes: (honest) => () => [
      gzip(
        honestTar(honest, [
          tarEntry({ name: 'logs/inner.tar', data: innerTar() }),
          tarEntry({ name: 'logs/inner.tgz', data: gzip(innerTar()) }),
        ]),
      ),
    ],
    expect: { accepts: { members: ['cert.log', 'tempest.subunit', 'logs/inner.tar', 'logs/inner.tgz'] } },
  },
  {
    id: 'bundle-malformed-pax-records',
    kind: 'bundle',
    title: 'pax records that are malformed (no length, a negative length, a length past the header)',
    what: 'tar-stream would skip them and read the member under its header name; GNU tar refuses them.',
    via: 'tar',
    bytes: (honest) => () => [
      gzip(
        honestTar(honest, [
          tarEntry({
            name: 'P',
            type: 'x',
            data: Buffer.from('garbage records here\n-5 x=y\n99999 path=../../etc/passwd\n'),
          }),
          tarEntry({ name: 'logs/c-vol.log', data: 'volume service log\n' }),
        ]),
      ),
    ],
    expect: {
      refuses: {
        code: 'tar-corrupt',
        member: 'logs/c-vol.log',
        says: 'the pax header before member "logs/c-vol.log" is malformed (record 1 does not start with its length); GNU tar refuses it',
      },
    },
  },
  {
    id: 'bundle-pax-size-record-lies',
    kind: 'bundle',
    title: 'a pax size record that lies (more bytes than follow)',
    via: 'tar',
    bytes: (honest) => () => [
      gzip(
        honestTar(honest, [
          tarEntry({ name: 'P', type: 'x', data: paxData({ size: '4096' }) }),
          tarEntry({ name: 'logs/short.log', data: 'x'.repeat(100) }),
        ]),
      ),
    ],
    expect: {
      refuses: {
        code: 'tar-truncated',
        member: 'logs/short.log',
        says: 'the tar archive ends inside member "logs/short.log"',
      },
    },
  },
  {
    id: 'bundle-10gib-zeros-member',
    kind: 'bundle',
    title: 'a 10 GiB member of zeros (a sparse disk image, not marked sparse)',
    what: 'Refused at its header, before a byte of it is inflated.',
    via: 'tar',
    bytes: () => zeroMemberBundle('logs/disk.img', 10 * GiB),
    expect: {
      refuses: {
        code: 'member-too-large',
        member: 'logs/disk.img',
        says: 'member "logs/disk.img" is 10 GiB, more than the limit of 2 GiB for one member',
      },
    },
  },
  {
    id: 'bundle-10gib-zeros-member-limits-raised',
    kind: 'bundle',
    title: 'a 10 GiB member of zeros, with the size limits raised past it',
    what: 'A gzip bomb (10 MiB that inflate 1000 times): stopped while inflating, once past the first 64 MiB, never read to its end.',
    via: 'tar',
    bytes: () => zeroMemberBundle('logs/disk.img', 10 * GiB),
    limits: { maxMemberBytes: 16 * GiB, maxTotalBytes: 16 * GiB },
    expect: {
      refuses: { code: 'ratio-exceeded', member: 'logs/disk.img', says: 'the bundle inflates more than 200 times' },
    },
  },
];

export const bundleCases: Case[] = [
  ...[...FILE_CASES, ...MEMBER_CASES, ...LIMIT_CASES].map(fromHostile),
  ...extraCases,
  ...parityCases,
];
