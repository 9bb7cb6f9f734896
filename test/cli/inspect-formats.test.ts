// One tempest run in every format a vendor hands in: `inspect --format json` counts each
// as python-subunit's subunit-stats counts the run (test/fixtures/formats/run.stats.txt).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, drivercert, json, tempDir } from '../helpers/cli.js';
import { packBundle } from '../helpers/tar.js';
import { parseStats } from '../formats/helpers.js';

const FORMATS = join(ROOT, 'test/fixtures/formats');
const read = (f: string) => readFileSync(join(FORMATS, f));
const certLog = read('run.cert.log').toString('utf8');

/** subunit-stats' figures for the run, as it printed them. */
const stats = (file: string) => parseStats(read(file).toString('utf8'));

/** The cert log with its tempest section replaced by `console` (or emptied). */
function withTempestOutput(console: string): string {
  const start = certLog.indexOf('running testr\n');
  const lines = certLog.split('\n');
  const runAt = lines.findIndex((l) => l.includes(':Run the actual tempest volume tests'));
  const endAt =
    lines.findIndex((l, i) => i > runAt + 2 && /^\d\d\/\d\d\/\d\d\/[\d:]+:.*Device driver (PASSED|FAILED)!/.test(l)) -
    1;
  expect(start === -1 || runAt > 0).toBe(true);
  return [...lines.slice(0, runAt + 2), console.trimEnd(), ...lines.slice(endAt)].join('\n');
}

interface InspectOut {
  source: string;
  source_member: string;
  sources: {
    member: string;
    format: string;
    results: { total: number; passed: number; failed: number; skipped: number };
  }[];
  results: {
    total: number;
    passed: number;
    failed: number;
    skipped: number;
    xfail: number;
    uxsuccess: number;
    incomplete: number;
  };
  agree: boolean;
  commits: { cinder: string; tempest: string };
  volume_drivers: string[];
  tests?: { id: string; status: string }[];
}

async function inspect(files: { name: string; content: string | Buffer }[], ...flags: string[]): Promise<InspectOut> {
  const path = join(tempDir('drivercert-formats-'), 'run.tgz');
  writeFileSync(path, await packBundle(files));
  const r = await drivercert(['inspect', path, '--format', 'json', ...flags]);
  expect(r.code, r.stderr).toBe(0);
  return json<InspectOut>(r);
}

describe('inspect counts one run in every format as subunit-stats does', () => {
  const expected = stats('run.stats.txt');
  const noConsole = withTempestOutput('');

  it.each([
    ['subunit v2', 'tempest.subunit', 'run.subunit', 'subunit-v2', 'subunit'],
    ['subunit v1', 'tempest.subunit', 'run.v1.subunit', 'subunit-v1', 'subunit'],
    ['JUnit XML', 'tempest.xml', 'run.junit.xml', 'junit', 'junit'],
  ])('%s', async (_what, member, fixture, format, source) => {
    const out = await inspect([
      { name: 'cert.log', content: noConsole },
      { name: member, content: read(fixture) },
    ]);
    expect(out.source).toBe(source);
    expect(out.sources.find((s) => s.member === member)!.format).toBe(format);
    expect(out.results).toMatchObject(expected);
  });

  it('subunit2pyunit output inside cert.log', async () => {
    const out = await inspect([
      { name: 'cert.log', content: withTempestOutput(read('run.pyunit.txt').toString('utf8')) },
    ]);
    expect(out.source).toBe('console');
    expect(out.sources[0]!.format).toBe('pyunit');
    expect(out.results).toMatchObject(expected);
  });

  it('subunit-trace output inside cert.log, where an unexpected success shows as FAILED', async () => {
    const v2 = await inspect([
      { name: 'cert.log', content: noConsole },
      { name: 'tempest.subunit', content: read('run.subunit') },
    ]);
    const ux = v2.results.uxsuccess;
    expect(ux).toBeGreaterThan(0); // the run has one, so this case proves something
    const out = await inspect([
      { name: 'cert.log', content: withTempestOutput(read('run.subunit-trace-f.txt').toString('utf8')) },
    ]);
    expect(out.source).toBe('console');
    expect(out.sources[0]!.format).toBe('subunit-trace');
    // docs/result-formats.md "Console output": the lines hide the unexpected success, the Totals count it.
    expect(out.results).toMatchObject({
      total: expected.total,
      passed: expected.passed,
      failed: expected.failed,
      skipped: expected.skipped,
      uxsuccess: ux,
    });
  });

  it('the v1 stream counts as subunit-stats counts it too', () => {
    expect(stats('run.v1.stats.txt')).toEqual(expected);
  });

  it('with every format in one bundle, the sources agree and subunit is the source', async () => {
    const out = await inspect([
      { name: 'cert.log', content: withTempestOutput(read('run.subunit-trace-f.txt').toString('utf8')) },
      { name: 'tempest.subunit', content: read('run.subunit') },
      { name: 'results/tempest.xml', content: read('run.junit.xml') },
    ]);
    expect(out.sources.map((s) => s.member).sort()).toEqual(['cert.log', 'results/tempest.xml', 'tempest.subunit']);
    expect(out.agree).toBe(true);
    expect(out.source_member).toBe('tempest.subunit');
    expect(out.commits).toEqual({
      cinder: '5e1c7a9b3d2f4e6a8c0b1d3f5a7c9e2b4d6f8a01',
      tempest: '7d9f1b3c5e7a9d1f3b5c7e9a1d3f5b7c9e1a3d5f',
    });
    expect(out.volume_drivers).toEqual(['cinder.volume.drivers.lvm.LVMVolumeDriver']);
  });

  it('sources that disagree are reported, not failed on', async () => {
    const v1 = read('run.v1.subunit')
      .toString('utf8')
      .replace(/^successful: (tempest\.api\.volume\.test_volumes_get\.[^\n]*)$/m, 'failure: $1');
    const out = await inspect([
      { name: 'cert.log', content: noConsole },
      { name: 'a.subunit', content: read('run.subunit') },
      { name: 'b.subunit', content: v1 },
    ]);
    expect(out.agree).toBe(false);
  });

  it('--tests lists every test with its status', async () => {
    const out = await inspect(
      [
        { name: 'cert.log', content: noConsole },
        { name: 'tempest.subunit', content: read('run.subunit') },
      ],
      '--tests',
    );
    expect(out.tests).toHaveLength(expected.total);
    const statuses = readFileSync(join(FORMATS, 'run.statuses.tsv'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => l.split('\t'));
    // The reference reports a failure, and a test that never finished, as 'failure'; drivercert says 'fail' and 'incomplete'.
    const asReference = (s: string) => (s === 'fail' || s === 'incomplete' ? 'failure' : s);
    expect(out.tests!.map((t) => [t.id, asReference(t.status)])).toEqual(statuses.map(([status, id]) => [id, status]));
    expect(out.tests!.filter((t) => t.status === 'incomplete')).toHaveLength(out.results.incomplete);
  });
});
