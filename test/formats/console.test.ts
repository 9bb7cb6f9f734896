// Tempest console output in both styles: style detection, what each line shows, details,
// summaries; and lines of many megabytes, NUL bytes and mixed encodings without a throw or a hang.
import { describe, expect, it } from 'vitest';
import { ConsoleParser, parsePyunit, parseSubunitTrace, unPyRepr } from '../../scripts/lib/formats/console.js';
import { countsOf } from '../../scripts/lib/formats/types.js';
import { feed } from './helpers.js';

const parse = (text: string | Uint8Array, p = new ConsoleParser()) =>
  feed(p, typeof text === 'string' ? Buffer.from(text) : text);

const TRACE = `{0} tempest.a.T.test_ok [1.000000s] ... ok
{1} tempest.a.T.test_fail [2.5s] ... FAILED

Captured traceback:
~~~~~~~~~~~~~~~~~~~
    b'Traceback (most recent call last):'
    b"  File \\"t.py\\", line 1, in test_fail"
    b'AssertionError: caf\\xc3\\xa9 \\'q\\''
    b''
{1} tempest.a.T.test_skip ... SKIPPED: Feature not enabled
{0} tempest.a.T.test_gone [] ... inprogress

======
Totals
======
Ran: 5 tests in 10.0000 sec.
 - Passed: 1
 - Skipped: 1
 - Expected Fail: 1
 - Unexpected Success: 0
 - Failed: 1
Sum of execute time for each test: 3.5000 sec.
`;

describe('subunit-trace output', () => {
  it('reads each test line as the format shows it, and the Totals in subunit-stats’ terms', () => {
    const r = parse(
      TRACE.replace('{1} tempest.a.T.test_skip', '{0} tempest.a.T.test_xf [1s] ... ok\n{1} tempest.a.T.test_skip'),
    );
    expect(r.format).toBe('subunit-trace');
    expect(r.tests).toEqual([
      { id: 'tempest.a.T.test_ok', status: 'success', line: 1 },
      {
        id: 'tempest.a.T.test_fail',
        status: 'fail',
        line: 2,
        detail: 'Traceback (most recent call last):\n  File "t.py", line 1, in test_fail\nAssertionError: café \'q\'\n',
      },
      { id: 'tempest.a.T.test_xf', status: 'success', line: 10 },
      { id: 'tempest.a.T.test_skip', status: 'skip', line: 11, reason: 'Feature not enabled' },
      { id: 'tempest.a.T.test_gone', status: 'incomplete', line: 12 },
    ]);
    expect(r.declared).toEqual({ total: 5, passed: 2, failed: 2, skipped: 1, xfail: 1, uxsuccess: 0, incomplete: 1 });
    expect(r.problems).toEqual([]);
  });

  it('says when the test lines and the Totals disagree', () => {
    const r = parse(TRACE);
    expect(r.problems.map((p) => p.message)).toEqual([
      'the summary says 5 tests; the test lines show 4',
      'the summary says 2 passed tests (with expected failures); the test lines show 1',
    ]);
    // Pointing at the summary's Ran line.
    const ran = TRACE.split('\n').findIndex((l) => l.startsWith('Ran: ')) + 1;
    expect(r.problems.map((p) => p.line)).toEqual([ran, ran]);
  });

  describe('Totals that count what the lines hide, reconciled (counts follow subunit-stats)', () => {
    const totals = (ran: number, passed: number, skipped: number, xfail: number, ux: number, failed: number) =>
      `\n======\nTotals\n======\nRan: ${ran} tests in 1.0 sec.\n - Passed: ${passed}\n - Skipped: ${skipped}\n` +
      ` - Expected Fail: ${xfail}\n - Unexpected Success: ${ux}\n - Failed: ${failed}\n`;
    const LINES =
      '{0} a.T.test_ok [1s] ... ok\n{0} a.T.test_xf [1s] ... ok\n{0} a.T.test_ux [1s] ... FAILED\n' +
      '{0} a.T.test_fail [1s] ... FAILED\n{0} a.T.test_skip ... SKIPPED: off\n';

    it('an unexpected success printed FAILED and an unprinted process-returncode', () => {
      const r = parse(LINES + totals(6, 1, 1, 1, 1, 2));
      expect(r.problems).toEqual([]);
      // The records say what the lines show…
      expect(r.tests.map((t) => t.status)).toEqual(['success', 'success', 'fail', 'fail', 'skip']);
      // …the counts what subunit-stats says of the stream: uxsuccess passed, process-returncode failed.
      expect(countsOf(r)).toEqual({
        total: 6,
        passed: 3,
        failed: 2,
        skipped: 1,
        xfail: 1,
        uxsuccess: 1,
        incomplete: 0,
      });
    });

    it('a run whose only test was process-returncode: no test line, its Totals', () => {
      const r = parse(totals(1, 0, 0, 0, 0, 1) + '\nNo tests were successful during the run\n');
      expect(r.format).toBe('subunit-trace');
      expect(r.tests).toEqual([]);
      expect(r.problems).toEqual([]);
      expect(countsOf(r)).toMatchObject({ total: 1, passed: 0, failed: 1 });
    });

    it('any other difference stays a problem, and the counts stay the lines’', () => {
      for (const text of [
        LINES + totals(6, 2, 1, 1, 1, 1), // a hidden test counted as passed
        LINES + totals(6, 1, 1, 1, 1, 1), // a hidden test the Totals count nowhere
        LINES + totals(4, 1, 1, 1, 1, 0), // fewer tests than lines
      ]) {
        const r = parse(text);
        expect(r.problems.length, text).toBeGreaterThan(0);
        expect(r.counts, text).toBeUndefined();
      }
    });

    it('Totals the lines already match leave the records’ counts', () => {
      const r = parse('{0} a.T.test_ok [1s] ... ok\n{0} a.T.test_fail [1s] ... FAILED\n' + totals(2, 1, 0, 0, 0, 1));
      expect(r.counts).toBeUndefined();
      expect(r.problems).toEqual([]);
    });
  });

  it('says when the "Failed N tests" block disagrees with the test lines (and so with the Totals)', () => {
    const block = (n: number) =>
      `{0} a.T.test_x [1s] ... FAILED\n{0} a.T.test_ok [1s] ... ok\n\n${'='.repeat(30)}\n` +
      `Failed ${n} tests - output below:\n${'='.repeat(30)}\n\na.T.test_x\n----------\n\n` +
      '\n======\nTotals\n======\nRan: 2 tests in 1.0 sec.\n - Passed: 1\n - Skipped: 0\n' +
      ' - Expected Fail: 0\n - Unexpected Success: 0\n - Failed: 1\n';
    expect(parse(block(1)).problems).toEqual([]);
    expect(parse(block(2)).problems).toEqual([
      { message: 'the "Failed 2 tests" block disagrees with the test lines, which show 1 failed', line: 5 },
    ]);
  });

  it('points at the last line of output that has no summary', () => {
    const r = parse('{0} t.T.test_a [1.0s] ... ok\n{0} t.T.test_b [1.0s] ... ok\n');
    expect(r.problems).toEqual([{ message: 'the console output has no summary (it may be cut short)', line: 2 }]);
  });

  it('finds a test line that passthrough text ran into, and reports unknown statuses', () => {
    const r = parse(
      '{0} a.T.test_1 [1s] ... ok\nworker exited{1} a.T.test_2 [] ... inprogress\n{0} a.T.test_3 [1s] ... weird\n',
    );
    expect(r.tests.map((t) => `${t.status} ${t.id}`)).toEqual([
      'success a.T.test_1',
      'incomplete a.T.test_2',
      'incomplete a.T.test_3',
    ]);
    expect(r.problems[0]!.message).toBe('unknown test status "weird" (counted as incomplete)');
  });

  it('takes failure details from the "Failed N tests - output below" section', () => {
    const text = `{0} a.T.test_x [1s] ... FAILED
{0} a.T.test_y [1s] ... FAILED

==============================
Failed 2 tests - output below:
==============================

a.T.test_y[id-2]
----------------

Captured traceback:
~~~~~~~~~~~~~~~~~~~
    Traceback (most recent call last):
    ValueError: y

a.T.test_x[id-1,smoke]
----------------------

Captured pythonlogging:
~~~~~~~~~~~~~~~~~~~~~~~
    log

Captured traceback:
~~~~~~~~~~~~~~~~~~~
    b'ValueError: x'
`;
    expect(parse(text).tests.map((t) => t.detail)).toEqual([
      'ValueError: x\n',
      'Traceback (most recent call last):\nValueError: y\n',
    ]);
  });
});

const PYUNIT = `running testr
a.T.test_ok[id-1]
a.T.test_ok[id-1] ... ok
a.T.test_fail[id-2]
a.T.test_fail[id-2] ... FAIL
a.T.test_err
a.T.test_err ... ERROR
a.T.test_skip
a.T.test_skip ... skipped "it's \\\\ not\\nhere ... really"
a.T.test_xf
a.T.test_xf ... expected failure
a.T.test_ux
a.T.test_ux ... unexpected success

======================================================================
FAIL: a.T.test_fail[id-2]
----------------------------------------------------------------------
testtools.testresult.real._StringException: pythonlogging:'': {{{
log
}}}

Traceback (most recent call last):
AssertionError: no


======================================================================
ERROR: a.T.test_err
----------------------------------------------------------------------
testtools.testresult.real._StringException: boom

======================================================================
UNEXPECTED SUCCESS: a.T.test_ux
----------------------------------------------------------------------
Ran 6 tests in 0.001s

FAILED (failures=1, errors=1, skipped=1, expected failures=1, unexpected successes=1)
`;

describe('subunit2pyunit output', () => {
  it('reads each test line, details from the FAIL and ERROR sections, and the summary', () => {
    const r = parse(PYUNIT);
    expect(r.format).toBe('pyunit');
    expect(r.problems).toEqual([]);
    expect(r.tests).toEqual([
      { id: 'a.T.test_ok[id-1]', status: 'success', line: 3 },
      {
        id: 'a.T.test_fail[id-2]',
        status: 'fail',
        line: 5,
        detail: 'Traceback (most recent call last):\nAssertionError: no\n',
      },
      { id: 'a.T.test_err', status: 'fail', line: 7, detail: 'boom\n' },
      { id: 'a.T.test_skip', status: 'skip', line: 9, reason: "it's \\ not\nhere ... really" },
      { id: 'a.T.test_xf', status: 'xfail', line: 11 },
      { id: 'a.T.test_ux', status: 'uxsuccess', line: 13 },
    ]);
    expect(r.declared).toEqual({ total: 6, failed: 2, skipped: 1, passed: 3, xfail: 1, uxsuccess: 1 });
  });

  it('reads "OK" summaries and reports counts that are not numbers', () => {
    expect(
      parse("a ... ok\nb ... skipped 'x'\n\n" + '-'.repeat(70) + '\nRan 2 tests in 0.1s\n\nOK (skipped=1)\n').declared,
    ).toEqual({ total: 2, failed: 0, skipped: 1, passed: 1, xfail: 0, uxsuccess: 0 });
    const bad = parse('a ... ok\n' + '-'.repeat(70) + '\nRan 1 tests in 0.1s\n\nFAILED (failures=one)\n');
    expect(bad.problems[0]!.message).toBe('the failures total "one" is not a number');
  });

  it('declares no negative pass count when the summary counts more failures and skips than tests (found by bench/fuzz.ts)', () => {
    const r = parse(
      'a ... ok\nb ... FAIL\n' + '-'.repeat(70) + '\nRan 2 tests in 0.1s\n\nFAILED (failures=1, skipped=5)\n',
    );
    expect(r.declared).toEqual({ total: 2, failed: 1, skipped: 5, xfail: 0, uxsuccess: 0 });
    expect(r.problems.map((p) => p.message)).toContain(
      'the summary counts 6 failures, errors and skips, more than the 2 tests it ran',
    );
  });

  it('unescapes python string reprs', () => {
    expect(unPyRepr("'a\\tb\\x41\\u00e9\\U0001F600'")).toBe('a\tbAé😀');
    expect(unPyRepr('not quoted')).toBe('not quoted');
  });
});

describe('console style detection', () => {
  it('decides from the first test line, or is told', () => {
    expect(parse(PYUNIT).format).toBe('pyunit');
    expect(parse(TRACE).format).toBe('subunit-trace');
    expect(parse('{0} looks like trace ... ok\n', parsePyunit()).tests[0]!.id).toBe('{0} looks like trace');
    expect(parse('a ... ok\n', parseSubunitTrace()).tests).toEqual([]);
  });

  it('reports output with no test lines', () => {
    expect(parse('nothing here\n').problems.map((p) => p.message)).toEqual([
      'no test results found in the console output',
    ]);
  });
});

describe('hostile console output', () => {
  it('reads lines of many megabytes quickly, parsing their start', () => {
    const long = '{0} '.repeat(2 * 1024 * 1024) + ' ... ok';
    const data = Buffer.from(`${long}\n${'x ... '.repeat(1024 * 1024)}\n{0} a.T.test [1s] ... ok\n`);
    const t0 = performance.now();
    const r = feed(new ConsoleParser(), data, 65536);
    expect(performance.now() - t0).toBeLessThan(3000);
    expect(r.tests.map((t) => t.id)).toEqual(['a.T.test']);
    expect(r.problems.filter((p) => /line longer than/.test(p.message)).map((p) => p.line)).toEqual([1, 2]);
  });

  it('reads NUL bytes and mixed encodings without a throw', () => {
    const data = Buffer.concat([
      Buffer.from('{0} a.T.test_\u00e9 [1s] ... ok\n'),
      Buffer.from([0x7b, 0x30, 0x7d, 0x20, 0x62, 0xe9, 0x00, 0x20, 0x2e, 0x2e, 0x2e, 0x20, 0x6f, 0x6b, 0x0a]), // Latin-1 é and a NUL
      Buffer.from([0xff, 0xfe, 0x00, 0x00, 0x0a]),
    ]);
    const r = parse(data);
    expect(r.tests.map((t) => t.id)).toEqual(['a.T.test_é', 'b\ufffd\u0000']);
  });
});
