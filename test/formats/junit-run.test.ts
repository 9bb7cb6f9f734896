// Several JUnit members of one bundle are one run: files with disjoint tests are merged, a file
// whose tests another holds must agree with it, and the archive's member order never decides.
import { describe, expect, it } from 'vitest';
import { testPackets } from '../../scripts/lib/formats/subunit-v2-writer.js';
import { analyseMembers, countsOf, memberOrders } from '../helpers/real-world.js';

const testcase = (cls: string, name: string, outcome = '') =>
  `<testcase classname="${cls}" name="${name}" time="0.1">${outcome}</testcase>`;
const suite = (...cases: string[]) =>
  `<?xml version="1.0"?>\n<testsuite name="s" tests="${cases.length}">\n${cases.join('\n')}\n</testsuite>\n`;
const FAIL = '<failure message="boom">Traceback</failure>';
const SKIP = '<skipped message="off"/>';

const A = suite(testcase('t.A', 'test_1'), testcase('t.A', 'test_2', FAIL));
const B = suite(testcase('t.B', 'test_1', SKIP), testcase('t.B', 'test_2'));
const BOTH = suite(
  testcase('t.A', 'test_1'),
  testcase('t.A', 'test_2', FAIL),
  testcase('t.B', 'test_1', SKIP),
  testcase('t.B', 'test_2'),
);

/** Counts and disagreements of a bundle of these JUnit members, in each of a few member orders. */
async function inEveryOrder(members: { name: string; content: string }[]) {
  const out = [];
  for (const order of memberOrders(members)) {
    const a = await analyseMembers(order.items);
    out.push({ ...countsOf(a), disagreements: a.disagreementCount, sources: a.sources.length });
  }
  return out;
}

describe('several JUnit members', () => {
  it('with disjoint tests are one run split in files: their counts add up, whatever the member order', async () => {
    const got = await inEveryOrder([
      { name: 'results/TEST-t.B.xml', content: B },
      { name: 'results/TEST-t.A.xml', content: A },
    ]);
    for (const g of got)
      expect(g).toEqual({
        member: 'results/TEST-t.A.xml and 1 more JUnit file',
        format: 'junit',
        ...{ total: 4, passed: 2, failed: 1, skipped: 1 },
        disagreements: 0,
        sources: 2,
      });
  });

  it('beside an aggregate that repeats them count each test once, from the aggregate', async () => {
    const got = await inEveryOrder([
      { name: 'results/TEST-t.A.xml', content: A },
      { name: 'results/TESTS-TestSuites.xml', content: BOTH },
      { name: 'results/TEST-t.B.xml', content: B },
    ]);
    for (const g of got)
      expect(g).toMatchObject({ member: 'results/TESTS-TestSuites.xml', total: 4, failed: 1, disagreements: 0 });
  });

  it('holding the same run twice count it once', async () => {
    const got = await inEveryOrder([
      { name: 'results/b.xml', content: A },
      { name: 'results/a.xml', content: A },
    ]);
    for (const g of got) expect(g).toMatchObject({ member: 'results/a.xml', total: 2, disagreements: 0 });
  });

  it('that hold a test with another outcome disagree, in any order', async () => {
    const passedA = suite(testcase('t.A', 'test_1'), testcase('t.A', 'test_2'));
    for (const members of [
      // the same file twice, one edited
      [
        { name: 'results/a.xml', content: A },
        { name: 'results/b.xml', content: passedA },
      ],
      // a split file that contradicts its aggregate
      [
        { name: 'results/TEST-t.A.xml', content: passedA },
        { name: 'results/TESTS-TestSuites.xml', content: BOTH },
      ],
    ]) {
      const got = await inEveryOrder(members);
      for (const g of got) expect(g.disagreements, members[1]!.name).toBe(1);
    }
  });

  it('that share some tests but neither holds the other’s disagree on the tests one lacks', async () => {
    const AB = suite(testcase('t.A', 'test_2', FAIL), testcase('t.B', 'test_1', SKIP));
    const got = await inEveryOrder([
      { name: 'results/a.xml', content: A },
      { name: 'results/ab.xml', content: AB },
    ]);
    // t.A.test_1 (only in a.xml) and t.B.test_1 (only in ab.xml)
    for (const g of got) expect(g.disagreements).toBe(2);
  });

  it('beside a subunit stream are compared with it as one run: the stream counts, the files agree or not', async () => {
    const stream = (bStatus: 'skip' | 'fail') =>
      Buffer.concat(
        (
          [
            ['t.A.test_1', 'success'],
            ['t.A.test_2', 'fail'],
            ['t.B.test_1', bStatus],
            ['t.B.test_2', 'success'],
          ] as const
        ).flatMap(([id, status], i) => testPackets({ id, status, start: 1_700_000_000 + i, seconds: 1 })),
      );
    const files = [
      { name: 'results/TEST-t.B.xml', content: B },
      { name: 'results/TEST-t.A.xml', content: A },
    ];
    const honest = await analyseMembers([...files, { name: 'run.subunit', content: stream('skip') }]);
    expect({ ...countsOf(honest), disagreements: honest.disagreementCount }).toMatchObject({
      member: 'run.subunit',
      total: 4,
      disagreements: 0,
    });
    const edited = await analyseMembers([...files, { name: 'run.subunit', content: stream('fail') }]);
    expect(edited.disagreements).toEqual([
      {
        test: 't.B.test_1',
        outcomes: { 'run.subunit': 'failed', 'results/TEST-t.A.xml and 1 more JUnit file': 'skipped' },
      },
    ]);
  });
});
