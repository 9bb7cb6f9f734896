// Every bundle docs/design.md "Safety of a bundle" refuses is refused by readBundle with a
// BundleError: a stable code, a message naming the member, and the bundle as its file.
// Each case is built here from a readable description; the hostile ones by hand.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { BundleError } from '../../scripts/lib/bundle/errors.js';
import type { BundleLimits } from '../../scripts/lib/bundle/limits.js';
import { readBundle } from '../../scripts/lib/bundle/read.js';
import { FILE_CASES, LIMIT_CASES, MEMBER_CASES } from '../helpers/hostile-bundles.js';
import { gzip, tar } from '../helpers/tar.js';
import { tempDir } from '../helpers/cli.js';

/** Read BYTES as `b.tgz`, draining every member; resolves to the error it is refused with. */
async function refusal(bytes: Buffer, limits?: Partial<BundleLimits>): Promise<BundleError> {
  const result = await readBundle(Readable.from([bytes]), {
    label: 'b.tgz',
    ...(limits ? { limits } : {}),
    onMember: async (_m, body) => {
      for await (const _ of body);
    },
  }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(result).toBeInstanceOf(BundleError);
  const e = result as BundleError;
  expect(e.file).toBe('b.tgz');
  expect(e.tip).toBeTruthy();
  return e;
}

describe.each([
  ['the file', FILE_CASES],
  ['a member', MEMBER_CASES],
  ['a limit', LIMIT_CASES],
])('readBundle refuses (%s)', (_group, cases) => {
  it.each(cases)('$what', async (c) => {
    const e = await refusal(c.bytes(), c.limits);
    expect(e.code).toBe(c.code);
    if (c.code === 'ratio-exceeded') expect(e.message).toContain(c.message);
    else expect(e.message).toBe(c.message);
    expect(e.member).toBe(c.member);
  });
});

/** A named pipe no one writes to. */
function fifo(): string {
  const path = join(tempDir(), 'b.tgz');
  execFileSync('mkfifo', [path]);
  return path;
}

describe('readBundle on a path it cannot read', () => {
  it.each([
    ['a missing file', '/nonexistent/b.tgz', 'cannot read the bundle: no such file'],
    ['a folder', '/tmp', 'cannot read the bundle: it is a folder, not a file'],
    ['a device', '/dev/zero', 'cannot read the bundle: it is a device, not a file'],
    // Opening a FIFO for reading waits for a writer: refused at once, never waited on.
    ['a FIFO', fifo(), 'cannot read the bundle: it is a FIFO (named pipe), not a file'],
  ])('refuses %s as unreadable, naming it', async (_what, path, message) => {
    const e = (await readBundle(path).catch((x: unknown) => x)) as BundleError;
    expect(e).toBeInstanceOf(BundleError);
    expect(e).toMatchObject({ code: 'unreadable', message, file: path });
  });
});

describe('readBundle on malformed pax records', () => {
  it('refuses records it cannot parse, as GNU tar does (tar-stream would skip them, and read on)', async () => {
    const bytes = gzip(
      tar([
        { name: 'P', type: 'x', data: Buffer.from('garbage records here\n-5 x=y\n99999 path=zz\n') },
        { name: 'x.log', data: 'x' },
      ]),
    );
    await expect(readBundle(Readable.from([bytes]))).rejects.toMatchObject({
      code: 'tar-corrupt',
      member: 'x.log',
      message:
        'the pax header before member "x.log" is malformed (record 1 does not start with its length); GNU tar refuses it',
    });
  });
});
