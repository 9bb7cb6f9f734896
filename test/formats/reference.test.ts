// The live cross-check: when python-subunit's tools are installed (CI installs them), fresh
// input is generated and turned into every format by the tools themselves, and our parsers
// must give the counts subunit-stats gives and each test the outcome it gives.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CertLogParser } from '../../scripts/lib/formats/cert-log.js';
import { ConsoleParser } from '../../scripts/lib/formats/console.js';
import { JUnitParser } from '../../scripts/lib/formats/junit.js';
import { SubunitV1Parser } from '../../scripts/lib/formats/subunit-v1.js';
import { SubunitV2Parser } from '../../scripts/lib/formats/subunit-v2.js';
import { countResults, type StreamParser, type TestStatus } from '../../scripts/lib/formats/types.js';
import { tempDir } from '../helpers/cli.js';
import { needTool } from '../helpers/tools.js';
import {
  EXAMPLES,
  FIXTURES,
  feed,
  packet,
  parseStats,
  parseStatuses,
  referencePython,
  referenceToolsMissing,
  runWithFile,
  statsOf,
  stream,
  testRun,
} from './helpers.js';

const tools = needTool("python-subunit's tools", referenceToolsMissing);
const installed = !tools.skip;
const SEED = 1 + Math.floor(Math.random() * 1_000_000);

const OUTCOME: Record<TestStatus, string> = {
  success: 'success',
  fail: 'failure',
  incomplete: 'failure',
  skip: 'skip',
  xfail: 'xfail',
  uxsuccess: 'uxsuccess',
};

/** subunit-stats on a v2 file. */
function subunitStats(file: string) {
  return parseStats(runWithFile('subunit-stats', ['--no-passthrough'], file).stdout.toString());
}

describe.skipIf(tools.skip)(`against python-subunit's tools, on fresh input (seed ${SEED})${tools.note}`, () => {
  const dir = installed ? tempDir('drivercert-reference-') : '';
  if (installed) {
    const r = spawnSync('bash', [join(FIXTURES, 'regenerate.sh'), dir], {
      env: { ...process.env, SEED: String(SEED) },
      encoding: 'utf8',
    });
    if (r.status !== 0) throw new Error(`regenerate.sh failed: ${r.stderr}`);
  }
  const file = (name: string) => readFileSync(join(dir, name));

  describe.each(['run', 'edge'])('the %s variant', (v) => {
    const stats = () => parseStats(file(`${v}.stats.txt`).toString());
    const statuses = () => parseStatuses(file(`${v}.statuses.tsv`).toString());

    it('subunit v2: subunit-stats’ counts, and each test’s outcome', () => {
      const r = feed(new SubunitV2Parser(), file(`${v}.subunit`), 8192);
      expect(r.problems).toEqual([]);
      expect(statsOf(r)).toEqual(stats());
      expect(r.tests.map((t) => ({ outcome: OUTCOME[t.status], id: t.id }))).toEqual(statuses());
    });

    it('subunit v1: subunit-stats’ counts after subunit-1to2', () => {
      const r = feed(new SubunitV1Parser(), file(`${v}.v1.subunit`), 8192);
      expect(statsOf(r)).toEqual(parseStats(file(`${v}.v1.stats.txt`).toString()));
    });

    it.each([
      ['junit.xml', () => new JUnitParser()],
      ['pyunit.txt', () => new ConsoleParser()],
    ] as [string, () => StreamParser][])('%s: subunit-stats’ counts', (ext, make) => {
      const r = feed(make(), file(`${v}.${ext}`), 8192);
      expect(r.problems).toEqual([]);
      expect(statsOf(r)).toEqual(stats());
    });

    it.each(['subunit-trace.txt', 'subunit-trace-f.txt'])('%s: declares subunit-stats’ counts', (ext) => {
      const r = feed(new ConsoleParser(), file(`${v}.${ext}`), 8192);
      expect(r.problems).toEqual([]);
      expect(r.declared).toMatchObject(stats());
    });
  });

  it('the cert log declares subunit-stats’ counts', () => {
    const r = feed(new CertLogParser(), file('run.cert.log'));
    expect(r.declared).toMatchObject(parseStats(file('run.stats.txt').toString()));
  });

  it('a 3,000-test synthetic run gives subunit-stats’ counts in every format', () => {
    const v2 = join(dir, 'bench.subunit');
    const gen = spawnSync(
      referencePython()!,
      [join(FIXTURES, 'generate-run.py'), '--variant', 'bench', '--tests', '3000', '--seed', String(SEED)],
      { maxBuffer: 64 << 20 },
    );
    writeFileSync(v2, gen.stdout);
    const expected = subunitStats(v2);
    expect(expected.total).toBe(3000);
    expect(statsOf(feed(new SubunitV2Parser(), readFileSync(v2), 65536))).toEqual(expected);
    const v1 = join(dir, 'bench.v1.subunit');
    writeFileSync(v1, runWithFile('subunit-2to1', [], v2).stdout);
    expect(statsOf(feed(new SubunitV1Parser(), readFileSync(v1), 65536))).toEqual(expected);
    // unittest's runner writes to standard error.
    expect(statsOf(feed(new ConsoleParser(), runWithFile('subunit2pyunit', [], v2).stderr))).toEqual(expected);
    expect(feed(new ConsoleParser(), runWithFile('subunit-trace', [], v2).stdout).declared).toMatchObject(expected);
  });

  it('the reference/formats examples give what subunit-stats gives', () => {
    const expected = subunitStats(join(EXAMPLES, 'example.subunit'));
    expect(statsOf(feed(new SubunitV2Parser(), readFileSync(join(EXAMPLES, 'example.subunit'))))).toEqual(expected);
    const v1to2 = join(dir, 'example.v1to2.subunit');
    writeFileSync(v1to2, runWithFile('subunit-1to2', [], join(EXAMPLES, 'example.v1.subunit')).stdout);
    expect(statsOf(feed(new SubunitV1Parser(), readFileSync(join(EXAMPLES, 'example.v1.subunit'))))).toEqual(
      subunitStats(v1to2),
    );
  });

  describe('the corners of counting, each checked against subunit-stats', () => {
    let n = 0;
    /** Our counts and subunit-stats' on the same bytes. */
    function both(data: Buffer) {
      const f = join(dir, `corner-${n++}.subunit`);
      writeFileSync(f, data);
      return { ours: feed(new SubunitV2Parser(), data), theirs: subunitStats(f) };
    }

    it.each([
      ['a test left in progress', stream({ id: 'a', status: 'inprogress' })],
      ['a test that only exists', stream({ id: 'a', status: 'exists' }, testRun('b', 'success'))],
      ['a test id reported twice', stream(testRun('a', 'success'), testRun('a', 'fail'))],
      ['file content only', stream({ id: 'a', file: { name: 'stdout', bytes: 'x' } })],
      [
        'an attachment after the final status',
        stream(testRun('a', 'success'), { id: 'a', file: { name: 'stderr', bytes: 'x' } }),
      ],
      [
        'one id under two route codes',
        stream({ id: 'a', status: 'inprogress', route: '0' }, { id: 'a', status: 'success', route: '1' }),
      ],
      [
        'every final status',
        stream(
          testRun('s', 'success'),
          testRun('f', 'fail'),
          testRun('k', 'skip'),
          testRun('x', 'xfail'),
          testRun('u', 'uxsuccess'),
        ),
      ],
      [
        'text with and without newlines around packets',
        stream('text\n', testRun('a', 'success'), 'no newline', testRun('b', 'skip'), 'end'),
      ],
      [
        '0xB3 inside a UTF-8 character',
        stream(
          'm³ ',
          testRun('a', 'success'),
          Buffer.from([0xc2]),
          testRun('b', 'success'),
          '\n',
          testRun('c', 'fail'),
        ),
      ],
      [
        'python’s stuck UTF-8 decoder',
        stream(Buffer.from([0xe2, 0x41, 0x82]), testRun('a', 'success'), '\n', testRun('b', 'success')),
      ],
    ])('%s', (_, data) => {
      const { ours, theirs } = both(data);
      expect(ours.problems).toEqual([]);
      expect(statsOf(ours)).toEqual(theirs);
    });

    it.each([
      [
        'a bad CRC (the packet is dropped, reading goes on after it)',
        () => {
          const bad = Buffer.from(packet({ id: 'bad', status: 'success' }));
          bad[bad.length - 1]! ^= 1;
          return stream(testRun('a', 'success'), bad, testRun('b', 'fail'));
        },
      ],
      [
        'a length under the header',
        () =>
          stream(testRun('a', 'success'), Buffer.from([0xb3, 0x20, 0x03, 0x06, 0x0a, 0x0a]), testRun('b', 'success')),
      ],
      [
        'a 4-byte length',
        () =>
          stream(
            testRun('a', 'success'),
            Buffer.from([0xb3, 0x20, 0x03, 0xc0, 0x40, 0x00]),
            '\n',
            testRun('b', 'success'),
          ),
      ],
      ['a NUL in a test id', () => stream(packet({ id: 'a\u0000', status: 'success' }), testRun('b', 'success'))],
      [
        'a truncated last packet',
        () => stream(testRun('a', 'success'), packet({ id: 'b', status: 'success' }).subarray(0, 7)),
      ],
    ])('%s: python counts one failed "subunit.parser" test per problem, we report the problem', (_, make) => {
      const { ours, theirs } = both(make());
      expect(ours.problems.length).toBeGreaterThan(0);
      const c = statsOf(ours);
      expect({ ...c, total: c.total + ours.problems.length, failed: c.failed + ours.problems.length }).toEqual(theirs);
    });
  });
});

it('counts come from subunit-stats semantics even without the tools (see golden-counts.test.ts)', () => {
  // A marker so this file reports something when the tools are missing.
  expect(countResults([{ id: 'a', status: 'uxsuccess' }]).passed).toBe(1);
});
