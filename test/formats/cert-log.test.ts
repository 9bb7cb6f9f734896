// The cert script's log: its steps, the cinder and tempest commits, cinder.conf's
// volume_driver settings, the verdict (each with its line), and the results of its tempest output.
import { describe, expect, it } from 'vitest';
import { CertLogParser } from '../../scripts/lib/formats/cert-log.js';
import { countResults } from '../../scripts/lib/formats/types.js';
import { example, feed, fixture } from './helpers.js';

const parse = (text: string | Uint8Array) =>
  feed(new CertLogParser(), typeof text === 'string' ? Buffer.from(text) : text);

const step = (time: string, text: string) => `${'='.repeat(56)}\n${time}:${text}\n${'='.repeat(56)}\n`;

describe('the example cert log', () => {
  const r = parse(example('example.cert.log'));

  it('finds every step with its time and line', () => {
    expect(r.cert.steps.map((s) => [s.line, s.iso, s.text.slice(0, 30)])).toEqual([
      [3, '2025-06-01T11:58:02', 'RUNNING CINDER DRIVER CERTIFIC'],
      [8, '2025-06-01T11:58:02', 'Cloning to https://opendev.org'],
      [12, '2025-06-01T11:58:40', 'Pull a fresh Clone of cinder r'],
      [21, '2025-06-01T11:58:41', 'Gathering copy of cinder.conf '],
      [41, '2025-06-01T11:58:41', 'End of cinder.conf.,'],
      [45, '2025-06-01T11:58:55', 'Verify tempest is current....,'],
      [55, '2025-06-01T11:58:56', 'Restart Cinder services...,'],
      [59, '2025-06-01T11:59:02', 'Run the actual tempest volume '],
      [100, '2025-06-01T11:59:40', 'SORRY!!!  Device driver FAILED'],
    ]);
  });

  it('finds the cinder commit, then the tempest commit after the "Verify tempest" step', () => {
    expect(r.cert.cinderCommit).toEqual({
      sha: '3f1c2a9d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a39',
      subject: 'Merge "Fix extend of attached volume in PowerMax driver"',
      line: 18,
    });
    expect(r.cert.tempestCommit).toEqual({
      sha: '9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c',
      subject: 'Merge "Add volume extend test for attached volumes"',
      line: 52,
    });
  });

  it('reads cinder.conf: the volume_driver with its backend section, and enabled_backends', () => {
    expect(r.cert.volumeDrivers).toEqual([
      {
        section: 'powermax-iscsi',
        value: 'cinder.volume.drivers.dell_emc.powermax.iscsi.PowerMaxISCSIDriver',
        line: 32,
      },
    ]);
    expect(r.cert.cinderConf).toEqual({
      startLine: 23,
      endLine: 39,
      sections: ['DEFAULT', 'database', 'keystone_authtoken', 'powermax-iscsi'],
      enabledBackends: { value: ['powermax-iscsi'], line: 25 },
    });
  });

  it('finds the verdict and the tempest output, and reads its results', () => {
    expect(r.cert.verdict).toEqual({ result: 'failed', text: 'SORRY!!!  Device driver FAILED!,', line: 100 });
    expect(r.cert.tempestOutput).toEqual({ startLine: 61, endLine: 98 });
    expect(r.format).toBe('subunit-trace');
    expect(r.problems).toEqual([]);
    expect(countResults(r.tests)).toEqual({
      total: 5,
      passed: 3,
      failed: 1,
      skipped: 1,
      xfail: 0,
      uxsuccess: 0,
      incomplete: 0,
    });
    expect(r.tests.find((t) => t.status === 'fail')).toEqual({
      id: 'tempest.api.volume.test_volumes_actions.VolumesActionsTest.test_volume_upload',
      status: 'fail',
      line: 64,
      detail:
        'Traceback (most recent call last):\n  File "tempest/api/volume/test_volumes_actions.py", line 91, in test_volume_upload\nAssertionError: image did not become active\n',
    });
  });
});

describe('the generated cert log', () => {
  it('points at the LVM driver and reads all 61 tests', () => {
    const r = parse(fixture('run.cert.log'));
    expect(r.cert.volumeDrivers.map((d) => [d.section, d.value])).toEqual([
      ['lvmdriver-1', 'cinder.volume.drivers.lvm.LVMVolumeDriver'],
    ]);
    expect(r.cert.cinderCommit?.sha).toMatch(/^5e1c7a9b/);
    expect(r.cert.tempestCommit?.sha).toMatch(/^7d9f1b3c/);
    expect(r.tests).toHaveLength(61);
  });
});

describe('unusual cert logs', () => {
  it('reads a PASSED log with several backends and a multi-backend conf', () => {
    const log =
      step('07/15/25/09:00:00', 'Gathering copy of cinder.conf file (passwords will be scrubbed)...,') +
      '[DEFAULT]\nenabled_backends = a, b\n# volume_driver = commented.Out\n[a]\nvolume_driver=x.A\n  continued\n[b]\nVolume_Driver : x.B\n' +
      step('07/15/25/09:00:01', 'End of cinder.conf.,') +
      'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa cinder\n' +
      step('07/15/25/09:00:02', 'Verify tempest is current....,') +
      'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb tempest\ncccccccccccccccccccccccccccccccccccccccc later\n' +
      step('07/15/25/09:00:03', 'Run the actual tempest volume tests (./tools/pretty_tox.sh volume)...,') +
      '{0} t.T.test_a [1s] ... ok\n========\nnot a header\n========\n' +
      step('07/15/25/09:10:00', 'CONGRATULATIONS!!!  Device driver PASSED!,');
    const r = parse(log);
    expect(r.cert.cinderConf?.enabledBackends?.value).toEqual(['a', 'b']);
    expect(r.cert.volumeDrivers).toEqual([
      { section: 'a', value: 'x.A', line: 8 },
      { section: 'b', value: 'x.B', line: 11 },
    ]);
    expect([r.cert.cinderCommit?.subject, r.cert.tempestCommit?.subject]).toEqual(['cinder', 'tempest']);
    expect(r.cert.verdict?.result).toBe('passed');
    expect(r.tests.map((t) => t.id)).toEqual(['t.T.test_a']);
    expect(r.problems.map((p) => p.message)).toEqual(['the console output has no summary (it may be cut short)']);
  });

  it('reports a log without tempest output, and a cinder.conf copy that is never closed', () => {
    const r = parse(
      step('07/15/25/09:00:00', 'Gathering copy of cinder.conf file...,') +
        'volume_driver = x.Y\n' +
        step('07/15/25/09:00:01', 'Restart Cinder services...,'),
    );
    expect(r.tests).toEqual([]);
    expect(r.cert.volumeDrivers).toEqual([{ section: 'DEFAULT', value: 'x.Y', line: 4 }]);
    expect(r.problems.map((p) => p.message)).toEqual([
      'the cinder.conf copy is not closed by the "End of cinder.conf" step',
      'no tempest output: the "Run the actual tempest volume tests" step is missing',
    ]);
    // The log's own problems, which count even when the results come from another member.
    expect(r.cert.problems.map((p) => p.message)).toEqual([
      'the cinder.conf copy is not closed by the "End of cinder.conf" step',
    ]);
  });

  it("keeps the log's own problems apart from its tempest output's", () => {
    const r = parse(
      step('07/15/25/09:00:00', 'Run the actual tempest volume tests...,') +
        'garbage\n' +
        step('07/15/25/09:00:01', 'SORRY!!!  Device driver FAILED!,') +
        step('07/15/25/09:00:02', 'Device driver PASSED!,'),
    );
    expect(r.cert.problems).toEqual([
      { message: 'the log says both "Device driver FAILED!" (line 6) and "Device driver PASSED!"', line: 9 },
    ]);
    expect(r.problems.map((p) => p.message)).toEqual([
      'the log says both "Device driver FAILED!" (line 6) and "Device driver PASSED!"',
      'no test results found in the console output',
    ]);
  });

  it('reads a log of huge lines and binary noise without a throw', () => {
    const noise = Buffer.concat([
      Buffer.from('x'.repeat(3 * 1024 * 1024)),
      Buffer.from([0, 0xff, 10]),
      Buffer.from(step('01/01/25/00:00:00', 'Run the actual tempest volume tests...,')),
      Buffer.from('{0} t.T.x [1s] ... ok\n'),
    ]);
    const r = feed(new CertLogParser(), noise, 65536);
    expect(r.tests.map((t) => t.id)).toEqual(['t.T.x']);
    expect(r.problems[0]).toMatchObject({ message: expect.stringMatching(/line longer than/), line: 1 });
  });
});
