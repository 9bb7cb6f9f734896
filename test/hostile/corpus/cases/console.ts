// The cert script's log inside a bundle (`cert.log`): its tempest console output and its
// cinder.conf copy with lines of 100 MB, NUL bytes, mixed encodings and binary noise, and a
// log that says both PASSED and FAILED. Each is the reference log with one part replaced.
import { MiB, TEST_IDS, b, certLog, collect, concat, noise, repeat, textLine, traceLine } from '../bytes.js';
import { certLogText } from '../../../helpers/submission.js';
import { LVM_CLASS, passingSubunit } from '../submission.js';
import type { Case } from '../types.js';

const [A, B, C] = TEST_IDS;
const totals = (ran: number, passed: number) =>
  `\n======\nTotals\n======\nRan: ${ran} tests in 2.0000 sec.\n - Passed: ${passed}\n - Skipped: 0\n - Expected Fail: 0\n - Unexpected Success: 0\n - Failed: ${ran - passed}\n`;

const longTrace = certLog(
  'tempest output',
  concat(
    'running testr\n',
    traceLine(0, A),
    '{1} ',
    textLine(100 * MiB, 2),
    ' [1.0s] ... ok\n',
    traceLine(0, B),
    totals(3, 3),
  ),
);
const longPyunit = certLog(
  'tempest output',
  concat('running testr\n', `${A} ... ok\n`, `${B} ... `, textLine(100 * MiB, 3)),
);
const nul = certLog(
  'tempest output',
  concat('running testr\n', traceLine(0, `${A}\u0000`), repeat(0, 64 * 1024), '\n', traceLine(1, B), totals(2, 2)),
  true,
);
// Latin-1 "é", a UTF-16LE line with its BOM, a lone UTF-8 continuation byte, and a valid UTF-8 line.
const mixed = certLog(
  'tempest output',
  concat(
    'running testr\n',
    traceLine(0, A),
    b(Buffer.from(`{1} ${B}_caf\u00e9 [1.0s] ... ok\n`, 'latin1')),
    b(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`{0} ${C} [1.0s] ... ok\n`, 'utf16le')])),
    b(Buffer.from([0x80, 0x0a])),
    traceLine(1, `${C}_\u00e9t\u00e9`),
    totals(3, 3),
  ),
  true,
);
const longConf = certLog(
  'cinder.conf',
  concat(
    '[DEFAULT]\nenabled_backends = powermax\n[powermax]\nvolume_driver = cinder.volume.drivers.dell_emc.powermax.iscsi.PowerMaxISCSIDriver\nsan_password = ',
    textLine(100 * MiB, 4),
    '\n',
  ),
);
const binaryConf = certLog('cinder.conf', concat('[DEFAULT]\n', noise(MiB, 7), '\n'));
// ANSI escapes that would erase the line and print a fake "valid" over it, and a hyperlink (OSC 8).
const escapes = certLog(
  'cinder.conf',
  concat(
    '[DEFAULT]\nenabled_backends = powermax\n[powermax]\nvolume_driver = cinder.volume.drivers.dell_emc.powermax.iscsi.PowerMaxISCSIDriver\n',
    '\u001b[2K\r\u001b[32mvalid, 0 errors\u001b[0m \u001b]8;;https//evil.example\u0007here\u001b]8;;\u0007\n',
  ),
);
const passedStep =
  '\n========================================================\n06/01/25/12:00:00:Device driver PASSED!,\n========================================================\n';
/** A complete cert log for lvm without tempest output, ending FAILED, then PASSED. */
const lvmTwoVerdicts = concat(certLogText(LVM_CLASS, false), passedStep);
/** The reference log (which ends FAILED) with a passing run, then PASSED. */
const twoVerdicts = concat(
  certLog('tempest output', concat('running testr\n', traceLine(0, A), totals(1, 1))).bytes,
  passedStep,
);
/** The line where `text` occurs for the `nth` time in (small) lazily built bytes. */
const lineOf = (bytes: ReturnType<typeof concat>, text: string, nth = 1) => {
  let seen = 0;
  return (
    collect(bytes)
      .toString('utf8')
      .split('\n')
      .findIndex((l) => l.includes(text) && ++seen === nth) + 1
  );
};
/** What inspect reports and validate refuses for a log with both verdicts. */
const bothVerdicts = (bytes: ReturnType<typeof concat>) => ({
  says: `the log says both "Device driver FAILED!" (line ${lineOf(bytes, 'FAILED!')}) and "Device driver PASSED!"`,
  line: lineOf(bytes, 'PASSED!'),
});

export const consoleCases: Case[] = [
  {
    id: 'console-100mb-line',
    kind: 'console',
    title: 'a tempest console line of 100 MB',
    what: 'Only its first MiB is read (never the whole line): the test on it is not counted, and the summary disagrees.',
    via: 'bundle',
    member: { name: 'cert.log', bytes: longTrace.bytes },
    inspect: {
      problem: { says: 'line longer than 1048576 bytes: only its start is read', line: longTrace.firstLine + 2 },
      counts: { total: 2, passed: 2 },
    },
    expect: {
      rejects: {
        says: 'line longer than 1048576 bytes: only its start is read',
        line: longTrace.firstLine + 2,
        tip: 'Only the start of a line this long is read',
      },
    },
  },
  {
    id: 'console-100mb-line-at-end',
    kind: 'console',
    title: 'a log that ends inside a console line of 100 MB (no newline, no summary)',
    via: 'bundle',
    member: { name: 'cert.log', bytes: longPyunit.bytes },
    inspect: {
      problem: { says: 'line longer than 1048576 bytes: only its start is read', line: longPyunit.firstLine + 2 },
    },
    expect: {
      rejects: {
        says: 'line longer than 1048576 bytes: only its start is read',
        line: longPyunit.firstLine + 2,
        tip: 'Only the start of a line this long is read',
      },
    },
  },
  {
    id: 'console-nul-bytes',
    kind: 'console',
    title: 'NUL bytes in console output (64 KiB of them, and one in a test id)',
    via: 'bundle',
    member: { name: 'cert.log', bytes: nul.bytes },
    inspect: { counts: { total: 2, passed: 2 } },
    expect: { accepts: true },
  },
  {
    id: 'console-mixed-encodings',
    kind: 'console',
    title: 'console output in mixed encodings (Latin-1, UTF-16, stray bytes, UTF-8)',
    via: 'bundle',
    member: { name: 'cert.log', bytes: mixed.bytes },
    inspect: { counts: { total: 3, passed: 3 } },
    expect: { accepts: true },
  },
  {
    id: 'certlog-100mb-conf-line',
    kind: 'console',
    title: 'a cinder.conf line of 100 MB in the cert log',
    via: 'bundle',
    member: { name: 'cert.log', bytes: longConf.bytes },
    inspect: {
      problem: { says: 'line longer than 1048576 bytes: only its start is read', line: longConf.firstLine + 4 },
    },
    expect: {
      rejects: {
        says: 'line longer than 1048576 bytes: only its start is read',
        line: longConf.firstLine + 4,
        tip: 'Only the start of a line this long is read',
      },
    },
  },
  {
    id: 'certlog-binary-conf',
    kind: 'console',
    title: 'a cinder.conf copy that is 1 MiB of binary noise',
    via: 'bundle',
    member: { name: 'cert.log', bytes: binaryConf.bytes },
    inspect: { problem: { says: 'cinder.conf line is not "key = value": ' } },
    expect: { rejects: { says: 'cinder.conf line is not "key = value": ' } },
  },
  {
    id: 'certlog-two-verdicts',
    kind: 'console',
    title: 'a cert log that says both "Device driver PASSED!" and "FAILED!"',
    via: 'bundle',
    member: {
      name: 'cert.log',
      bytes: twoVerdicts,
    },
    inspect: { problem: bothVerdicts(twoVerdicts) },
    expect: { rejects: bothVerdicts(twoVerdicts) },
  },
  {
    id: 'certlog-two-verdicts-beside-subunit',
    kind: 'console',
    title: 'a cert log without tempest output that says both "PASSED!" and "FAILED!", beside a subunit stream',
    what: "The log's own problems count even when the test results come from another member.",
    via: 'bundle',
    driver: 'lvm',
    member: { name: 'cert.log', bytes: lvmTwoVerdicts },
    beside: [passingSubunit],
    inspect: { problem: bothVerdicts(lvmTwoVerdicts) },
    expect: { rejects: bothVerdicts(lvmTwoVerdicts) },
  },
  {
    id: 'certlog-terminal-escapes',
    kind: 'console',
    title: 'terminal escape sequences in cinder.conf (erase the line, print a fake "valid", a hyperlink)',
    what: 'Shown as visible \\u escapes: nothing a submission holds reaches the terminal or the CI log as a control character.',
    via: 'bundle',
    member: { name: 'cert.log', bytes: escapes.bytes },
    inspect: {
      problem: {
        says: 'cinder.conf line is not "key = value": \u001b[2K\r\u001b[32mvalid, 0 errors',
        line: escapes.firstLine + 4,
      },
    },
    expect: {
      rejects: {
        says: 'cinder.conf line is not "key = value": \\u001b[2K\\u000d\\u001b[32mvalid, 0 errors\\u001b[0m \\u001b]8;;https//evil.example\\u0007here',
        line: escapes.firstLine + 4,
      },
    },
  },
];
