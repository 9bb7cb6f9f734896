// The cert script's log inside a bundle (`cert.log`): its tempest console output and its
// cinder.conf copy with lines of 100 MB, NUL bytes, mixed encodings and binary noise, and a
// log that says both PASSED and FAILED. Each is the reference log with one part replaced.
import { MiB, TEST_IDS, b, certLog, concat, noise, repeat, traceLine } from '../bytes.js';
import type { Case } from '../types.js';

const [A, B, C] = TEST_IDS;
const totals = (ran: number, passed: number) => `\n======\nTotals\n======\nRan: ${ran} tests in 2.0000 sec.\n - Passed: ${passed}\n - Skipped: 0\n - Expected Fail: 0\n - Unexpected Success: 0\n - Failed: ${ran - passed}\n`;

const longTrace = certLog('tempest output', concat('running testr\n', traceLine(0, A), '{1} ', repeat('x', 100 * MiB), ' [1.0s] ... ok\n', traceLine(0, B), totals(3, 3)));
const longPyunit = certLog('tempest output', concat('running testr\n', `${A} ... ok\n`, `${B} ... `, repeat('y', 100 * MiB)));
const nul = certLog('tempest output', concat('running testr\n', traceLine(0, `${A}\u0000`), repeat(0, 64 * 1024), '\n', traceLine(1, B), totals(2, 2)));
// Latin-1 "é", a UTF-16LE line with its BOM, a lone UTF-8 continuation byte, and a valid UTF-8 line.
const mixed = certLog(
  'tempest output',
  concat('running testr\n', traceLine(0, A), b(Buffer.from(`{1} ${B}_caf\u00e9 [1.0s] ... ok\n`, 'latin1')), b(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`{0} ${C} [1.0s] ... ok\n`, 'utf16le')])), b(Buffer.from([0x80, 0x0a])), traceLine(1, `${C}_\u00e9t\u00e9`), totals(3, 3)),
);
const longConf = certLog('cinder.conf', concat('[DEFAULT]\nenabled_backends = lvm\n[lvm]\nvolume_driver = cinder.volume.drivers.lvm.LVMVolumeDriver\nsan_password = ', repeat('p', 100 * MiB), '\n'));
const binaryConf = certLog('cinder.conf', concat('[DEFAULT]\n', noise(MiB, 7), '\n'));

export const consoleCases: Case[] = [
  {
    id: 'console-100mb-line',
    kind: 'console',
    title: 'a tempest console line of 100 MB',
    what: 'Only its first MiB is read (never the whole line): the test on it is not counted, and the summary disagrees.',
    via: 'bundle',
    member: { name: 'cert.log', bytes: longTrace.bytes },
    parser: { problem: { says: 'line longer than 1048576 bytes: only its start is read', line: longTrace.firstLine + 2 }, counts: { total: 2, passed: 2 } },
    expect: { reads: true },
  },
  {
    id: 'console-100mb-line-at-end',
    kind: 'console',
    title: 'a log that ends inside a console line of 100 MB (no newline, no summary)',
    via: 'bundle',
    member: { name: 'cert.log', bytes: longPyunit.bytes },
    parser: { problem: { says: 'line longer than 1048576 bytes: only its start is read', line: longPyunit.firstLine + 2 } },
    expect: { reads: true },
  },
  {
    id: 'console-nul-bytes',
    kind: 'console',
    title: 'NUL bytes in console output (64 KiB of them, and one in a test id)',
    via: 'bundle',
    member: { name: 'cert.log', bytes: nul.bytes },
    parser: { counts: { total: 2, passed: 2 } },
    expect: { reads: true },
  },
  {
    id: 'console-mixed-encodings',
    kind: 'console',
    title: 'console output in mixed encodings (Latin-1, UTF-16, stray bytes, UTF-8)',
    via: 'bundle',
    member: { name: 'cert.log', bytes: mixed.bytes },
    parser: { counts: { total: 3, passed: 3 } },
    expect: { reads: true },
  },
  {
    id: 'certlog-100mb-conf-line',
    kind: 'console',
    title: 'a cinder.conf line of 100 MB in the cert log',
    via: 'bundle',
    member: { name: 'cert.log', bytes: longConf.bytes },
    parser: { problem: { says: 'line longer than 1048576 bytes: only its start is read', line: longConf.firstLine + 4 } },
    expect: { reads: true },
  },
  {
    id: 'certlog-binary-conf',
    kind: 'console',
    title: 'a cinder.conf copy that is 1 MiB of binary noise',
    via: 'bundle',
    member: { name: 'cert.log', bytes: binaryConf.bytes },
    parser: { problem: { says: 'cinder.conf line is not "key = value"' } },
    expect: { reads: true },
  },
  {
    id: 'certlog-two-verdicts',
    kind: 'console',
    title: 'a cert log that says both "Device driver PASSED!" and "FAILED!"',
    via: 'bundle',
    member: {
      name: 'cert.log',
      bytes: concat(certLog('tempest output', concat('running testr\n', traceLine(0, A), totals(1, 1))).bytes, '\n========================================================\n06/01/25/12:00:00:Device driver PASSED!,\n========================================================\n'),
    },
    parser: { problem: { says: 'the log says both "Device driver FAILED!"' } },
    expect: { reads: true },
  },
];
