// The test-line readers of the console styles, held to the straightforward slicing version
// they replaced (kept here as the oracle) on lines built from the pieces that matter.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parsePyunitTest, parseTraceTest } from '../../scripts/lib/formats/console.js';

const STATUS: Record<string, string> = {
  ok: 'success',
  FAILED: 'fail',
  SKIPPED: 'skip',
  inprogress: 'incomplete',
  unknown: 'incomplete',
  success: 'success',
  fail: 'fail',
  skip: 'skip',
  xfail: 'xfail',
  uxsuccess: 'uxsuccess',
};

function oracleStatus(word: string): { status: string; reason?: string; unknown?: string } | undefined {
  if (word.startsWith('SKIPPED')) {
    if (word === 'SKIPPED') return { status: 'skip' };
    if (word.startsWith('SKIPPED: ')) return { status: 'skip', reason: word.slice(9) };
    return undefined;
  }
  const s = STATUS[word];
  if (s) return { status: s };
  if (/^[a-z]{1,20}$/.test(word)) return { status: 'incomplete', unknown: word };
  return undefined;
}

/** parseTraceTest as first written: slices and an object spread (and a class fixture's id read whole). */
function oracleTrace(line: string) {
  let from = 0;
  for (let tries = 0; tries < 4; tries++) {
    const open = line.indexOf('{', from);
    if (open === -1) return undefined;
    from = open + 1;
    let k = open + 1;
    while (k < line.length && k - open <= 6 && line.charCodeAt(k) >= 0x30 && line.charCodeAt(k) <= 0x39) k++;
    if (k === open + 1 || line[k] !== '}' || line[k + 1] !== ' ') continue;
    const dots = line.indexOf(' ... ', k + 2);
    if (dots === -1) return undefined;
    const t = oracleStatus(line.slice(dots + 5));
    if (!t) continue;
    let name = line.slice(k + 2, dots);
    if (t.status !== 'skip' && name.endsWith(']')) {
      const b = name.lastIndexOf(' [');
      if (b !== -1) name = name.slice(0, b);
    }
    const fixture = /^(setUpClass|tearDownClass|setUpModule|tearDownModule) \([^\s()]+\)$/.test(name);
    if (name === '' || (name.includes(' ') && !fixture)) continue;
    return { ...t, id: name };
  }
  return undefined;
}

const piece = fc.constantFrom(
  '{0} ',
  '{12} ',
  '{1234567} ',
  '{',
  '}',
  '{x} ',
  ' ',
  ' ... ',
  '...',
  'ok',
  'FAILED',
  'SKIPPED',
  'SKIPPED: why',
  'inprogress',
  'Weird',
  'zzz',
  '[1.2s]',
  ' [1.2s]',
  ' [',
  ']',
  '[id-1,smoke]',
  'tempest.a.T.test_x',
  'setUpClass (tempest.a.T)',
  'tearDownModule (',
  'tempest.a)',
  '\r',
);
const line = fc.array(piece, { maxLength: 10 }).map((p) => p.join(''));

describe('parseTraceTest', () => {
  it('reads what the slicing version read, on lines made of its pieces', () => {
    fc.assert(
      fc.property(line, (l) => {
        // The oracle reads ids and outcomes; the duration (`seconds`) is held by the cases below.
        const { seconds: _seconds, ...read } = parseTraceTest(l) ?? {};
        const oracle = oracleTrace(l);
        expect(oracle === undefined ? undefined : read).toEqual(oracle);
        if (oracle === undefined) expect(parseTraceTest(l)).toBeUndefined();
        // Untimed, the same test without its duration.
        const untimed = parseTraceTest(l, false);
        expect(untimed?.seconds).toBeUndefined();
        expect(untimed === undefined ? undefined : { ...untimed, seconds: undefined }).toEqual(
          oracle === undefined ? undefined : { ...parseTraceTest(l), seconds: undefined },
        );
      }),
      { numRuns: 20000 },
    );
  });

  it('reads a duration as /^(\\d{1,9}(?:\\.\\d{1,9})?)s$/ reads the text in its brackets', () => {
    const bit = fc.constantFrom('0', '7', '12345', '1234567890', '.', 's', 'S', 'e5', '-', ' ', 'x', '\u0663');
    // Near-durations too: digit runs around the bounds, a fraction or not, the unit or not, a stray end.
    const digits = fc.nat(11).map((n) => '31415926535'.slice(0, n));
    const near = fc
      .tuple(digits, fc.option(digits), fc.boolean(), fc.constantFrom('', 'x', ' ', '.', '\u0663'))
      .map(
        ([whole, fraction, unit, end]) => `${whole}${fraction === null ? '' : `.${fraction}`}${unit ? 's' : ''}${end}`,
      );
    // Well-formed durations of any digits, which must come out as the very number Number reads.
    const durations = fc.stringMatching(/^\d{1,9}(\.\d{1,9})?s$/);
    fc.assert(
      fc.property(
        fc.oneof(
          fc.array(bit, { maxLength: 8 }).map((b) => b.join('')),
          near,
          durations,
        ),
        (text) => {
          const m = /^(\d{1,9}(?:\.\d{1,9})?)s$/.exec(text);
          expect(parseTraceTest(`{0} a.B.test_x [${text}] ... ok`)?.seconds).toBe(m ? Number(m[1]) : undefined);
        },
      ),
      { numRuns: 20000 },
    );
  });

  it.each([
    ['{0} a.B.test_x [1.000000s] ... ok', { id: 'a.B.test_x', status: 'success', seconds: 1 }],
    ['{0} a.B.test_x ... SKIPPED: a [b]', { id: 'a.B.test_x', status: 'skip', reason: 'a [b]' }],
    ['noise{1} a.B.test_x[id-1] [2s] ... FAILED', { id: 'a.B.test_x[id-1]', status: 'fail', seconds: 2 }],
    ['{0} a b [1s] ... ok', undefined],
    ['{0} setUpClass (a.B) [0.000000s] ... FAILED', { id: 'setUpClass (a.B)', status: 'fail', seconds: 0 }],
    ['{3} tearDownModule (a.b) ... SKIPPED: off', { id: 'tearDownModule (a.b)', status: 'skip', reason: 'off' }],
    ['{0} setUpClass (a.B) extra [1s] ... ok', undefined],
    ['{0} setUp (a.B) [1s] ... ok', undefined],
    ['{0} ] ... ok', { id: ']', status: 'success' }],
  ])('%s', (l, expected) => {
    expect(parseTraceTest(l)).toEqual(expected);
    // Untimed (a reader that shows no timing), the same test without its duration.
    const untimed = expected && { ...expected, seconds: undefined };
    expect(parseTraceTest(l, false)).toEqual(untimed);
  });
});

describe('parsePyunitTest', () => {
  it.each([
    ['a.B.test_x ... ok', { id: 'a.B.test_x', status: 'success' }],
    ["a.B.test_x ... skipped 'why'", { id: 'a.B.test_x', status: 'skip', reason: 'why' }],
    ['a.B.test_x ... FAIL', { id: 'a.B.test_x', status: 'fail' }],
    ['a.B.test_x ...', undefined],
    ['setUpClass (a.B) ... FAIL', { id: 'setUpClass (a.B)', status: 'fail' }],
    ["setUpClass (a.B) ... skipped 'off'", { id: 'setUpClass (a.B)', status: 'skip', reason: 'off' }],
  ])('%s', (l, expected) => {
    expect(parsePyunitTest(l)).toEqual(expected);
  });
});
