// The duration fingerprint: from results only, so shifting every timestamp or converting the
// stream leaves it as it was; and the threshold at which two runs count as one.
import { describe, expect, it } from 'vitest';
import { TimingNotes } from '../../scripts/lib/evidence/timing.js';
import { DurationTable } from '../../scripts/lib/evidence/duration-table.js';
import { MIN_SHARED, compareFingerprints, fingerprintOf, parseFingerprint } from '../../scripts/lib/evidence/run.js';
import type { TestRecord } from '../../scripts/lib/formats/types.js';

const IDS = Array.from({ length: 200 }, (_, i) => `tempest.api.volume.test_${i % 7}.T.test_${i}[id-${i},smoke]`);
/** Durations in ms, 0.1–20 s. */
const MS = IDS.map((_, i) => 100 + ((i * 7919) % 19_900));

function fingerprint(records: TestRecord[]): string {
  const notes = new TimingNotes();
  for (const r of records) notes.note(r);
  return fingerprintOf(notes.finish())!;
}

const stream = (shift: number) =>
  IDS.map((id, i) => ({ id, status: 'success' as const, start: shift + i * 30_000, end: shift + i * 30_000 + MS[i]! }));

describe('the duration fingerprint', () => {
  it('samples 64 tests and is the same after every timestamp is shifted', () => {
    const fp = fingerprint(stream(1_760_000_000_000));
    expect(fp.split(' ')).toHaveLength(65);
    expect(fingerprint(stream(1_760_000_000_000 + 86_400_000 * 31))).toBe(fp);
  });

  it('is the same from a JUnit conversion (durations to the ms, attributes dropped from ids)', () => {
    const junit = IDS.map((id, i) => ({
      id: id.replace(/\[.*$/, ''),
      status: 'success' as const,
      seconds: MS[i]! / 1000,
    }));
    expect(fingerprint(junit)).toBe(fingerprint(stream(0)));
  });

  it('leaves out skipped tests and tests that never finished', () => {
    const fp = fingerprint(stream(0));
    const more = [
      ...stream(0),
      { id: 'tempest.skipped.T.test_s', status: 'skip' as const, start: 0, end: 5 },
      { id: 'tempest.cut.T.test_c', status: 'incomplete' as const, start: 0, end: 99_000 },
    ];
    expect(fingerprint(more)).toBe(fp);
  });

  it('has none for a source without durations (subunit2pyunit output)', () => {
    const notes = new TimingNotes();
    for (const id of IDS) notes.note({ id, status: 'success', line: 3 });
    expect(fingerprintOf(notes.finish())).toBeUndefined();
  });

  it('reads back what it writes, and refuses what it does not', () => {
    const fp = fingerprint(stream(0));
    expect(parseFingerprint(fp)!.size).toBe(64);
    expect(parseFingerprint('v2 00000000:1')).toBeUndefined();
    expect(parseFingerprint('v1 0000000:1')).toBeUndefined();
    expect(parseFingerprint('v1 00000000:-1')).toBeUndefined();
  });
});

describe('two fingerprints compared', () => {
  const keys = Array.from({ length: 20 }, (_, i) => i.toString(16).padStart(8, '0'));
  const of = (ms: (i: number) => number) => new Map(keys.map((k, i) => [k, ms(i)]));
  const base = of((i) => 1000 + i * 333);

  it('are one run when at least 90 % of the shared tests agree within 5 ms', () => {
    expect(
      compareFingerprints(
        base,
        of((i) => 1000 + i * 333 + (i < 18 ? 5 : 40)),
      ),
    ).toEqual({
      shared: 20,
      same: 18,
      copied: true,
    });
  });

  it('are two runs when fewer agree, as honest runs jittered by tens of ms do', () => {
    expect(
      compareFingerprints(
        base,
        of((i) => 1000 + i * 333 + (i < 17 ? 5 : 40)),
      ).copied,
    ).toBe(false);
    expect(
      compareFingerprints(
        base,
        of((i) => 1000 + i * 333 + 20 + (i % 3) * 15),
      ).copied,
    ).toBe(false);
  });

  it(`prove nothing with fewer than ${MIN_SHARED} shared tests, or tests that took under 5 ms in both`, () => {
    const few = new Map([...base].slice(0, MIN_SHARED - 1));
    expect(compareFingerprints(few, base)).toMatchObject({ shared: MIN_SHARED - 1, copied: false });
    const quick = of(() => 2);
    expect(
      compareFingerprints(
        quick,
        of(() => 3),
      ),
    ).toMatchObject({ shared: 0, copied: false });
  });
});

describe('the duration table', () => {
  it('keeps the first duration of each id through growth, and its lowest keys in order', () => {
    const t = new DurationTable();
    for (let i = 0; i < 5000; i++) t.add(2 ** 40 + i * 7, i, i + 1);
    t.add(2 ** 40, 999, 1);
    expect(t.size).toBe(5000);
    expect(t.get(2 ** 40)).toBe(0);
    expect(t.get(2 ** 40 + 7 * 4999)).toBe(4999);
    expect(t.get(5)).toBeUndefined();
    expect(t.lowest(3)).toEqual([2 ** 40, 2 ** 40 + 7, 2 ** 40 + 14]);
  });
});
