// Every parser, on one run expressed in every format by python-subunit's own tools, gives
// the counts subunit-stats gives (test/fixtures/formats; reference/formats for the examples).
import { describe, expect, it } from 'vitest';
import { CertLogParser } from '../../scripts/lib/formats/cert-log.js';
import { ConsoleParser } from '../../scripts/lib/formats/console.js';
import { parserForMember } from '../../scripts/lib/formats/index.js';
import { JUnitParser } from '../../scripts/lib/formats/junit.js';
import { SubunitV1Parser } from '../../scripts/lib/formats/subunit-v1.js';
import { SubunitV2Parser } from '../../scripts/lib/formats/subunit-v2.js';
import { countResults, type StreamParser } from '../../scripts/lib/formats/types.js';
import { example, feed, fixture, parseStats, parseStatuses, statsOf } from './helpers.js';

const VARIANTS = ['run', 'edge'] as const;

/** subunit-stats' counts and, from the per-test outcomes, the xfail and uxsuccess counts. */
function reference(v: string) {
  const stats = parseStats(fixture(`${v}.stats.txt`).toString());
  const statuses = parseStatuses(fixture(`${v}.statuses.tsv`).toString());
  const xfail = statuses.filter((s) => s.outcome === 'xfail').length;
  const uxsuccess = statuses.filter((s) => s.outcome === 'uxsuccess').length;
  return { stats, xfail, uxsuccess };
}

describe.each(VARIANTS)('the %s fixture', (v) => {
  const { stats, xfail, uxsuccess } = reference(v);

  it('subunit v2 gives subunit-stats’ counts, with xfail and uxsuccess apart', () => {
    const r = feed(new SubunitV2Parser(), fixture(`${v}.subunit`), 4096);
    expect(r.problems).toEqual([]);
    expect(statsOf(r)).toEqual(stats);
    expect(countResults(r.tests)).toMatchObject({ xfail, uxsuccess });
  });

  it('subunit v1 (subunit-2to1) gives what subunit-stats gives after subunit-1to2', () => {
    const r = feed(new SubunitV1Parser(), fixture(`${v}.v1.subunit`), 4096);
    expect(r.problems).toEqual([]);
    expect(statsOf(r)).toEqual(parseStats(fixture(`${v}.v1.stats.txt`).toString()));
    expect(statsOf(r)).toEqual(stats);
  });

  it('JUnit XML (subunit2junitxml) gives subunit-stats’ counts', () => {
    const r = feed(new JUnitParser(), fixture(`${v}.junit.xml`), 4096);
    expect(r.problems).toEqual([]);
    expect(statsOf(r)).toEqual(stats);
    expect(countResults(r.tests).uxsuccess).toBe(uxsuccess);
  });

  it('subunit2pyunit output gives subunit-stats’ counts, and declares them', () => {
    const r = feed(new ConsoleParser(), fixture(`${v}.pyunit.txt`), 4096);
    expect(r.format).toBe('pyunit');
    expect(r.problems).toEqual([]);
    expect(statsOf(r)).toEqual(stats);
    expect(r.declared).toMatchObject({ ...stats, xfail, uxsuccess });
  });

  it.each(['subunit-trace.txt', 'subunit-trace-f.txt'])(
    'subunit-trace output (%s) declares subunit-stats’ counts; its lines show uxsuccess as FAILED',
    (f) => {
      const r = feed(new ConsoleParser(), fixture(`${v}.${f}`), 4096);
      expect(r.format).toBe('subunit-trace');
      expect(r.problems).toEqual([]);
      expect(r.declared).toMatchObject({ ...stats, xfail, uxsuccess });
      expect(statsOf(r)).toEqual({ ...stats, passed: stats.passed - uxsuccess, failed: stats.failed + uxsuccess });
    },
  );

  it.each([
    [`${v}.subunit`, 'subunit-v2'],
    [`${v}.v1.subunit`, 'subunit-v1'],
    [`${v}.junit.xml`, 'junit'],
  ])('%s chosen by parserForMember reads as %s with the same counts', (name, format) => {
    const r = feed(parserForMember(name)!, fixture(name), 4096);
    expect(r.format).toBe(format);
    expect(statsOf(r)).toEqual(stats);
  });
});

describe('the run cert log', () => {
  it('yields the run’s results from its tempest output', () => {
    const { stats, xfail, uxsuccess } = reference('run');
    const r = feed(parserForMember('cert.log')!, fixture('run.cert.log'), 4096);
    expect(r.problems).toEqual([]);
    expect(r.declared).toMatchObject({ ...stats, xfail, uxsuccess });
    expect(statsOf(r)).toEqual({ ...stats, passed: stats.passed - uxsuccess, failed: stats.failed + uxsuccess });
  });
});

describe('the reference/formats examples', () => {
  // subunit-stats on example.subunit (and on subunit-1to2 of example.v1.subunit) prints
  // 5 tests, 3 passed (one an expected failure), 1 failed, 1 skipped; reference.test.ts
  // checks it against the tool itself when it is installed.
  const STATS = { total: 5, passed: 3, failed: 1, skipped: 1 };
  const cases: [string, () => StreamParser][] = [
    ['example.subunit', () => new SubunitV2Parser()],
    ['example.v1.subunit', () => new SubunitV1Parser()],
    ['example.junit.xml', () => new JUnitParser()],
    ['example.pyunit.txt', () => new ConsoleParser()],
    ['example.subunit-trace.txt', () => new ConsoleParser()],
    ['example.cert.log', () => new CertLogParser()],
  ];
  it.each(cases)('%s gives subunit-stats’ counts', (name, make) => {
    const r = feed(make(), example(name), 1024);
    expect(r.problems).toEqual([]);
    expect(statsOf(r)).toEqual(STATS);
  });

  it.each([
    ['example.subunit', 'results.subunit'],
    ['example.v1.subunit', 'testrepository.subunit'],
    ['example.junit.xml', 'tempest.xml'],
    ['example.cert.log', 'cert.log'],
  ])('%s as bundle member %s is recognised by its name (subunit versions by content)', (name, member) => {
    const r = feed(parserForMember(member)!, example(name));
    expect(statsOf(r)).toEqual(STATS);
  });
});
