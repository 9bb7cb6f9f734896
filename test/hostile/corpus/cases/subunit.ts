// Subunit streams inside a bundle (`tempest.subunit`): broken packets, impossible lengths,
// garbage, and tests that never finish. Packets come from the project's own writer and are
// then broken on purpose.
import { MiB, TEST_IDS, concat, noise, packet, passingTest, textLine } from '../bytes.js';
import { LVM_CLASS, certLogOf } from '../submission.js';
import type { Case } from '../types.js';

const [A, B] = TEST_IDS;
const member = (bytes: ReturnType<typeof concat>) => ({ name: 'tempest.subunit', bytes });

export const subunitCases: Case[] = [
  {
    id: 'subunit-bad-crc',
    kind: 'subunit',
    title: 'a packet with a bad CRC',
    what: "The second test's final status is corrupted: it must not count as a success.",
    via: 'bundle',
    member: member(
      concat(
        passingTest(A),
        packet({ testId: B, status: 'inprogress', runnable: true }),
        packet({ testId: B, status: 'success', runnable: true }, { breakCrc: true }),
      ),
    ),
    inspect: {
      problem: { says: 'bad CRC: computed 0x6f97dfe, stored 0x6f97d01; packet of 120 bytes dropped' },
      counts: { total: 2, passed: 1, incomplete: 1 },
    },
    expect: {
      rejects: { says: 'at byte 346: bad CRC: computed 0x6f97dfe, stored 0x6f97d01; packet of 120 bytes dropped' },
    },
  },
  {
    id: 'subunit-length-past-end',
    kind: 'subunit',
    title: 'a packet whose length runs past the end of the stream',
    via: 'bundle',
    // Flags 0x2803: version 2, a test id, status success; a 2-byte length of 1000; then the stream ends.
    member: member(concat(passingTest(A), Buffer.from([0xb3, 0x28, 0x03, 0x43, 0xe8, 0x05]), 'hello')),
    inspect: { problem: { says: 'the stream ends inside a packet (truncated)' }, counts: { total: 1, passed: 1 } },
    expect: { rejects: { says: 'at byte 226: the stream ends inside a packet (truncated)' } },
  },
  {
    id: 'subunit-length-under-header',
    kind: 'subunit',
    title: 'a packet whose length is shorter than its own header',
    via: 'bundle',
    member: member(concat(passingTest(A), Buffer.from([0xb3, 0x28, 0x03, 0x03, 0x00, 0x00]), passingTest(B))),
    inspect: {
      problem: { says: "impossible packet length 3: shorter than the packet's header and CRC; packet dropped" },
      counts: { total: 2, passed: 2 },
    },
    expect: {
      rejects: {
        says: "at byte 226: impossible packet length 3: shorter than the packet's header and CRC; packet dropped",
      },
    },
  },
  {
    id: 'subunit-unknown-version',
    kind: 'subunit',
    title: 'a packet of an unknown version (flags 0x3…)',
    via: 'bundle',
    member: member(
      concat(
        passingTest(A),
        packet({ testId: B, status: 'success', runnable: true }, { flags: (f) => (f & 0x0fff) | 0x3000 }),
      ),
    ),
    inspect: { problem: { says: 'packet of version 3 (not 2); packet dropped' }, counts: { total: 1, passed: 1 } },
    expect: { rejects: { says: 'at byte 226: packet of version 3 (not 2); packet dropped' } },
  },
  {
    id: 'subunit-reserved-flag',
    kind: 'subunit',
    title: 'a packet setting the reserved flag 0x0008',
    via: 'bundle',
    member: member(
      concat(passingTest(A), packet({ testId: B, status: 'success', runnable: true }, { flags: (f) => f | 0x0008 })),
    ),
    inspect: { problem: { says: 'packet sets the reserved flag 0x0008 (ignored)' }, counts: { total: 2, passed: 2 } },
    expect: { rejects: { says: 'at byte 226: packet sets the reserved flag 0x0008 (ignored)' } },
  },
  {
    id: 'subunit-4mib-packet',
    kind: 'subunit',
    title: "a 4 MiB packet (over subunit's 4 MiB − 1 maximum)",
    via: 'bundle',
    member: member(() => [
      passingTest(A),
      packet({
        testId: B,
        mimeType: 'text/plain',
        file: { name: 'stdout', content: Buffer.alloc(4 * MiB, 0x61) },
        runnable: true,
      }),
    ]),
    inspect: {
      problem: {
        says: "packet length needs 4 bytes: larger than subunit's maximum packet size (4194303 bytes); packet dropped",
      },
      counts: { total: 1, passed: 1 },
    },
    expect: {
      rejects: {
        says: "at byte 226: packet length needs 4 bytes: larger than subunit's maximum packet size (4194303 bytes); packet dropped",
      },
    },
  },
  {
    id: 'subunit-garbage',
    kind: 'subunit',
    title: 'a stream of nothing but garbage (4 MiB of random bytes)',
    via: 'bundle',
    member: member(noise(4 * MiB, 20251120)),
    inspect: {
      problem: {
        says: 'read as subunit v1: it has 0xB3 bytes where subunit v2 packets would start, but no packet passes its CRC',
      },
      counts: { total: 0 },
    },
    expect: {
      rejects: {
        says: 'read as subunit v1: it has 0xB3 bytes where subunit v2 packets would start, but no packet passes its CRC (the first: bad CRC: computed 0x9edf7b82, stored 0x7b5b9e76; packet of 35 bytes dropped)',
      },
    },
  },
  {
    id: 'subunit-never-finishes',
    kind: 'subunit',
    title: 'a test that starts and never finishes',
    what: 'Counted as a failure (incomplete), as subunit-stats does, never as a pass.',
    via: 'bundle',
    member: member(concat(passingTest(A), packet({ testId: B, status: 'inprogress', runnable: true }))),
    beside: [certLogOf(LVM_CLASS, false)],
    inspect: { counts: { total: 2, passed: 1, failed: 1, incomplete: 1 } },
    expect: { accepts: true },
  },
  {
    id: 'subunit-v1-huge-chunk',
    kind: 'subunit',
    title: 'a subunit v1 multipart chunk claiming 4 GiB',
    via: 'bundle',
    member: member(
      concat(
        'test: ',
        A,
        '\nfailure: ',
        A,
        ' [ multipart\nContent-Type: text/plain\ntraceback\nFFFFFFFF\r\nonly a few bytes',
      ),
    ),
    inspect: {
      problem: { says: 'the stream ends inside a multipart chunk', line: 6 },
      counts: { total: 1, incomplete: 1 },
    },
    expect: { rejects: { says: 'the stream ends inside a multipart chunk', line: 6 } },
  },
  {
    id: 'subunit-v1-100mb-line',
    kind: 'subunit',
    title: 'a subunit v1 line of 100 MB',
    via: 'bundle',
    member: member(concat('test: ', A, '\nsuccess: ', A, '\ntest: ', textLine(100 * MiB, 1), '\n')),
    inspect: {
      problem: { says: 'line longer than 1048576 bytes: only its start is read', line: 3 },
      counts: { passed: 1 },
    },
    expect: {
      rejects: {
        says: 'line longer than 1048576 bytes: only its start is read',
        line: 3,
        tip: 'Only the start of a line this long is read',
      },
    },
  },
];
