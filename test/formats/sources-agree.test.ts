// The sources of one run agree test by test: the subunit v2 parser matches the reference's
// per-test outcomes, and v1, JUnit, both console styles and the cert log give every test
// the same outcome class (passed, failed, skipped) as the subunit stream.
import { describe, expect, it } from 'vitest';
import { CertLogParser } from '../../scripts/lib/formats/cert-log.js';
import { ConsoleParser, cleanupTestName } from '../../scripts/lib/formats/console.js';
import { JUnitParser } from '../../scripts/lib/formats/junit.js';
import { SubunitV1Parser } from '../../scripts/lib/formats/subunit-v1.js';
import { SubunitV2Parser } from '../../scripts/lib/formats/subunit-v2.js';
import {
  outcomeClass,
  type ParsedResults,
  type StreamParser,
  type TestStatus,
} from '../../scripts/lib/formats/types.js';
import { feed, fixture, parseStatuses } from './helpers.js';

/** The unittest outcome subunit-stats gives a test of each status. */
const REFERENCE_OUTCOME: Record<TestStatus, string> = {
  success: 'success',
  fail: 'failure',
  incomplete: 'failure',
  skip: 'skip',
  xfail: 'xfail',
  uxsuccess: 'uxsuccess',
};

const classes = (r: ParsedResults, display = (id: string) => id) =>
  r.tests.map((t) => `${outcomeClass(t.status)} ${display(t.id)}`);

describe.each(['run', 'edge'])('the %s fixture', (v) => {
  const v2 = feed(new SubunitV2Parser(), fixture(`${v}.subunit`));

  it('subunit v2 gives each test the outcome subunit-stats gives it, in its order', () => {
    const reference = parseStatuses(fixture(`${v}.statuses.tsv`).toString());
    expect(v2.tests.map((t) => ({ outcome: REFERENCE_OUTCOME[t.status], id: t.id }))).toEqual(reference);
  });

  const others: [string, string, () => StreamParser, ((id: string) => string) | undefined][] = [
    ['subunit v1', `${v}.v1.subunit`, () => new SubunitV1Parser(), undefined],
    ['JUnit XML', `${v}.junit.xml`, () => new JUnitParser(), undefined],
    ['subunit2pyunit output', `${v}.pyunit.txt`, () => new ConsoleParser({ style: 'pyunit' }), undefined],
    [
      'subunit-trace output',
      `${v}.subunit-trace.txt`,
      () => new ConsoleParser({ style: 'subunit-trace' }),
      cleanupTestName,
    ],
    ['subunit-trace -f output', `${v}.subunit-trace-f.txt`, () => new ConsoleParser(), cleanupTestName],
  ];
  if (v === 'run') others.push(['the cert log', 'run.cert.log', () => new CertLogParser(), cleanupTestName]);

  it.each(others)('%s agrees with subunit v2 on every test’s outcome class', (_, file, make, display) => {
    const r = feed(make(), fixture(file));
    expect(classes(r)).toEqual(classes(v2, display));
  });

  it.each(others)('%s carries the skip reasons and the failure details', (_, file, make) => {
    const r = feed(make(), fixture(file));
    const expected = v2.tests.filter((t) => t.reason).map((t) => t.reason);
    expect(r.tests.filter((t) => t.status === 'skip' && t.reason).map((t) => t.reason)).toEqual(expected);
    // The sources list the tests in the same order (see above).
    v2.tests.forEach((t, i) => {
      if (t.status !== 'fail' || !t.detail) return;
      const same = r.tests[i]!;
      expect(same.detail, `detail of ${t.id} in ${file}`).toBeDefined();
      // Every source keeps the start of the same traceback.
      expect(same.detail!.slice(0, 60)).toBe(t.detail.slice(0, 60));
    });
  });
});
