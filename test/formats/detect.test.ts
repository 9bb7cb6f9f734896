// Choosing a parser for a bundle member: by name, and subunit v1 or v2 by content only.
import { describe, expect, it } from 'vitest';
import {
  SOURCE_FORMATS,
  SubunitParser,
  memberKind,
  parserFor,
  parserForMember,
  sniffSubunit,
  sourceFormatOf,
  sourceKindOf,
  sourceRank,
  type ResultFormat,
} from '../../scripts/lib/formats/index.js';
import { example, feed, fixture, stream, testRun } from './helpers.js';

describe('memberKind', () => {
  it.each([
    ['cert.log', 'cert-log'],
    ['logs/CERT.LOG', 'cert-log'],
    ['results/run.subunit', 'subunit'],
    ['testrepository.SUBUNIT', 'subunit'],
    ['tempest.xml', 'junit'],
    ['logs/c-vol.log', undefined],
    ['cert.log.gz', undefined],
    ['subunit', undefined],
  ])('%s is %s', (name, kind) => {
    expect(memberKind(name)).toBe(kind);
  });

  it('gives no parser for other members', () => {
    expect(parserForMember('logs/screen-c-vol.txt')).toBeUndefined();
  });
});

describe('subunit v1 or v2, by content', () => {
  it('reads a v1 stream named .subunit as v1, and a v2 stream as v2', () => {
    expect(feed(parserForMember('a.subunit')!, example('example.v1.subunit')).format).toBe('subunit-v1');
    expect(feed(parserForMember('a.subunit')!, example('example.subunit')).format).toBe('subunit-v2');
    expect(sniffSubunit(example('example.v1.subunit'))).toBe('subunit-v1');
    expect(sniffSubunit(example('example.subunit'))).toBe('subunit-v2');
  });

  it('finds v2 after passthrough text, within the sniff window', () => {
    const s = stream('x'.repeat(5000) + '\n', testRun('a', 'success'));
    expect(feed(new SubunitParser({ sniffBytes: 8192 }), s, 100).format).toBe('subunit-v2');
    // Past the window it is v1 (documented): the text holds no v1 test either.
    const late = feed(new SubunitParser({ sniffBytes: 1024 }), s, 100);
    expect(late).toMatchObject({ format: 'subunit-v1', tests: [] });
  });

  it('reads v2-looking packets that all fail their CRC as v1, and says why', () => {
    const bad = Buffer.from(testRun('a', 'success'));
    for (let i = 0; i < bad.length; i++) if (bad[i] === 0xb3) bad[i + 4]! ^= 0x55;
    const r = feed(parserForMember('x.subunit')!, bad);
    expect(r.format).toBe('subunit-v1');
    expect(r.problems[0]!.message).toMatch(/^read as subunit v1: .*no packet passes its CRC \(the first: bad CRC/);
  });

  it('settles v2 even when the first packet arrives in tiny chunks, and keeps no copy after', () => {
    const p = new SubunitParser();
    const data = fixture('run.subunit');
    for (let i = 0; i < data.length; i += 3) p.write(data.subarray(i, i + 3));
    expect(p.version).toBe('subunit-v2');
    expect(p.end().tests).toHaveLength(61);
  });

  it('an empty stream is v1 with no tests', () => {
    expect(feed(new SubunitParser(), Buffer.alloc(0))).toEqual({
      format: 'subunit-v1',
      tests: [],
      seen: { success: 0, fail: 0, skip: 0, xfail: 0, uxsuccess: 0, incomplete: 0 },
      problems: [],
    });
  });
});

describe('parserFor', () => {
  it.each([
    ['subunit-v2', 'run.subunit'],
    ['subunit-v1', 'run.v1.subunit'],
    ['junit', 'run.junit.xml'],
    ['pyunit', 'run.pyunit.txt'],
    ['subunit-trace', 'run.subunit-trace.txt'],
  ] as const)('makes a %s parser', (format, file) => {
    const r = feed(parserFor(format), fixture(file));
    expect(r.format).toBe(format);
    expect(r.tests).toHaveLength(61);
  });
});

describe('the registry of result formats', () => {
  const ALL: ResultFormat[] = ['subunit-v2', 'subunit-v1', 'junit', 'pyunit', 'subunit-trace'];

  it('reads every format through exactly one descriptor, whose source kind result.yaml records', () => {
    for (const format of ALL)
      expect(SOURCE_FORMATS.filter((f) => f.formats[format] !== undefined).map((f) => f.kind)).toHaveLength(1);
    expect(ALL.map(sourceKindOf)).toEqual(['subunit', 'subunit', 'junit', 'console', 'console']);
  });

  it('prefers subunit, then JUnit, then console output for the counts', () => {
    expect(['console', 'junit', 'subunit'].map((k) => sourceRank(k as 'console'))).toEqual([2, 1, 0]);
  });

  it.each([
    ['cert.log', true],
    ['CERT.LOG', false],
    ['logs/cert.log', false],
    ['tempest.subunit', true],
    ['logs/tempest.subunit', false],
    ['junit/tempest.xml', true],
    ['logs/tempest.xml', false],
  ])('%s read as a result source of the bundle: %s', (name, inBundle) => {
    expect(sourceFormatOf(name)!.inBundle(name)).toBe(inBundle);
  });
});
