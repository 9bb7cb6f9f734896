// The agreement digest: the same hashes, outcomes and order as the plain Map it replaced.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SourceDigest, compareDigests, hashId, hashNormalisedId } from '../../scripts/lib/results/agreement.js';
import { normaliseTestId } from '../../scripts/lib/results/test-ids.js';
import { outcomeClass, type TestRecord, type TestStatus } from '../../scripts/lib/formats/types.js';

const STATUSES: TestStatus[] = ['success', 'fail', 'skip', 'xfail', 'uxsuccess', 'incomplete'];

/** The hash as first written: one character at a time. */
function hashOneByOne(id: string): number {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ id.length;
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  return (a >>> 0) * 0x200000 + ((b >>> 0) & 0x1fffff);
}

describe('hashId', () => {
  it('is two FNV-1a passes over the id, one character at a time, whatever its length', () => {
    for (const id of ['', 'a', 'ab', 'abc', 'tempest.api.volume.test_x.T.test_y'])
      expect(hashId(id)).toBe(hashOneByOne(id));
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (id) => {
        expect(hashId(id)).toBe(hashOneByOne(id));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('hashNormalisedId', () => {
  it('is hashId of the normalised id, for ids with attributes, spaces and odd whitespace', () => {
    const ids = [
      'a.B.test_x',
      'a.B.test_x[id-1,smoke]',
      '  a.B.test_x  [id-1]',
      '\u00a0\u2028a b\ufeff\u3000',
      'setUpClass (tempest.api.volume.test_x.SomeTest)',
      '[only attributes]',
      '',
      '\t\n\v\f\r ',
    ];
    for (const id of ids) expect(hashNormalisedId(id)).toBe(hashId(normaliseTestId(id)));
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (id) => {
        expect(hashNormalisedId(id)).toBe(hashId(normaliseTestId(id)));
      }),
      { numRuns: 2000 },
    );
  });

  it('trims exactly the characters String.prototype.trim trims', () => {
    for (let c = 0; c <= 0xffff; c++) {
      const s = `${String.fromCharCode(c)}x${String.fromCharCode(c)}`;
      expect(hashNormalisedId(s), `U+${c.toString(16)}`).toBe(hashId(normaliseTestId(s)));
    }
  });
});

describe('SourceDigest', () => {
  it('notes each status under its outcome class', () => {
    for (const status of STATUSES) {
      const d = new SourceDigest();
      d.note({ id: 'a', status });
      expect(d.outcome(hashId('a')), status).toBe(outcomeClass(status));
    }
  });

  it('holds a large run, the last record of a test winning, in first-seen order', () => {
    const d = new SourceDigest();
    const reference = new Map<number, string>();
    const n = 50_000;
    for (let i = 0; i < n; i++) {
      const t: TestRecord = { id: `t.T.test_${i % 40_000}[id-${i}]`, status: STATUSES[i % STATUSES.length]! };
      d.note(t);
      reference.set(hashId(normaliseTestId(t.id)), d.outcome(hashId(normaliseTestId(t.id))));
    }
    expect(d.size).toBe(40_000);
    expect(Array.from({ length: d.size }, (_, k) => d.keyAt(k))).toEqual([...reference.keys()]);
    expect(d.outcome(hashId('t.T.test_0'))).toBe('failed'); // record 40,000 (a fail) after record 0 (a success)
    expect(d.outcome(hashId('t.T.test_2'))).toBe('passed'); // record 40,002 (a success) after record 2 (a skip)
    expect(d.outcome(hashId('t.T.test_39999'))).toBe('passed'); // an expected failure, recorded once
    expect(d.outcome(hashId('t.T.nope'))).toBe('absent');
  });

  it('lists unnamed disagreements in the order the sources hold them, counting them all', () => {
    const digest = (...tests: [string, TestStatus][]) => {
      const d = new SourceDigest();
      for (const [id, status] of tests) d.note({ id, status });
      return d;
    };
    const a = digest(['x', 'success'], ['y', 'success']);
    const b = digest(['y', 'success'], ['z', 'success']);
    const c = digest(['x', 'success'], ['z', 'success']);
    const r = compareDigests([
      { label: 'a', digest: a },
      { label: 'b', digest: b },
      { label: 'c', digest: c },
    ]);
    expect(r.count).toBe(3);
    expect(r.disagreements).toEqual([
      { test: '(a test that passed in a; its name is not kept)', outcomes: { a: 'passed', b: 'absent', c: 'passed' } },
      { test: '(a test that passed in a; its name is not kept)', outcomes: { a: 'passed', b: 'passed', c: 'absent' } },
      { test: '(a test that passed in b; its name is not kept)', outcomes: { a: 'absent', b: 'passed', c: 'passed' } },
    ]);
    expect(
      compareDigests(
        [
          { label: 'a', digest: a },
          { label: 'c', digest: c },
        ],
        1,
      ),
    ).toEqual({
      count: 2,
      disagreements: [
        { test: '(a test that passed in a; its name is not kept)', outcomes: { a: 'passed', c: 'absent' } },
      ],
    });
  });
});

/** The comparison as it was first written, over plain Maps: the oracle for the typed-array tables. */
function compareWithMaps(
  sources: { label: string; tests: TestRecord[]; kept: TestRecord[]; hides?: boolean }[],
  max: number,
) {
  const returnCode = hashId('process-returncode');
  const classes = sources.map((s) => {
    const m = new Map<number, string>();
    for (const t of s.tests) m.set(hashId(normaliseTestId(t.id)), outcomeClass(t.status));
    return m;
  });
  const names = sources.map((s) => new Map(s.kept.map((t) => [hashId(normaliseTestId(t.id)), normaliseTestId(t.id)])));
  const hashes = new Set<number>();
  for (const m of classes) for (const h of m.keys()) hashes.add(h);
  const found: { test: string; outcomes: Record<string, string> }[] = [];
  let count = 0;
  for (const h of hashes) {
    const outcomes: Record<string, string> = {};
    sources.forEach((s, i) => (outcomes[s.label] = classes[i]!.get(h) ?? 'absent'));
    // A source that never shows process-returncode (subunit-trace) agrees by its absence.
    const told = sources.filter((s, i) => !(s.hides && h === returnCode && !classes[i]!.has(h)));
    if (new Set(told.map((s) => outcomes[s.label])).size === 1) continue;
    count++;
    const name = names.map((m) => m.get(h)).find((n) => n !== undefined);
    const i = classes.findIndex((m) => m.has(h));
    found.push({
      test: name ?? `(a test that ${classes[i]!.get(h)} in ${sources[i]!.label}; its name is not kept)`,
      outcomes,
    });
  }
  found.sort((x, y) => (x.test < y.test ? -1 : x.test > y.test ? 1 : 0));
  return { disagreements: found.slice(0, max), count };
}

describe('compareDigests', () => {
  it('finds what the plain-Map comparison finds, in the same order', () => {
    const record = fc.record({
      id: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', ' a', 'b[id-1]', 'c [x]', 'g', 'h', 'process-returncode'),
      status: fc.constantFrom(...STATUSES),
      kept: fc.boolean(),
    });
    const source = fc.record({ records: fc.array(record, { maxLength: 12 }), hides: fc.boolean() });
    fc.assert(
      fc.property(fc.array(source, { minLength: 2, maxLength: 4 }), fc.integer({ min: 1, max: 5 }), (runs, max) => {
        const sources = runs.map(({ records: rs, hides }, i) => {
          const tests = rs.map((r) => ({ id: r.id, status: r.status }));
          return { label: `s${i}`, tests, kept: tests.filter((_, k) => rs[k]!.kept), hides };
        });
        const digests = sources.map((s) => {
          const digest = new SourceDigest();
          for (const t of s.tests) digest.note(t);
          digest.name(s.kept);
          return { label: s.label, digest, hidesReturnCode: s.hides };
        });
        expect(compareDigests(digests, max)).toEqual(compareWithMaps(sources, max));
      }),
      { numRuns: 3000 },
    );
  });
});
