// JUnit files that split one run are read as one source: their timing must read as one run's.
import { describe, expect, it } from 'vitest';
import type { TestRecord } from '../../scripts/lib/formats/types.js';
import { TimingNotes, mergeTimings } from '../../scripts/lib/evidence/timing.js';

const T0 = Date.parse('2025-11-01T08:00:00Z');
/** One file's timing: tests `ids`, each starting `gap` ms after the last, lasting `ms`. */
function file(ids: string[], from: number, ms: number, gap = 1000, worker = 'worker-0') {
  const notes = new TimingNotes();
  ids.forEach((id, i) => {
    const start = from + i * gap;
    const t: TestRecord = { id, status: 'success', start, end: start + ms, worker };
    notes.note(t);
  });
  return notes.finish();
}

describe('mergeTimings', () => {
  it('spans every file, sums the counts and keeps every duration', () => {
    const a = file(['a.A.test_1', 'a.A.test_2'], T0, 300);
    const b = file(['b.B.test_1', 'b.B.test_2', 'b.B.test_3'], T0 + 3_600_000, 0);
    const m = mergeTimings([a, b]);
    expect(m.first?.time).toBe(T0);
    expect(m.last?.time).toBe(T0 + 3_600_000 + 2000);
    expect([m.ran, m.timed, m.zero, m.started]).toEqual([5, 5, 3, 5]);
    expect(m.durations.size).toBe(5);
    expect(m.oneInstant).toBe(false);
    expect(m.backwards).toBeUndefined();
  });

  it('calls it one instant only when every file started every test at the same one', () => {
    const same = (ids: string[]) => file(ids, T0, 10, 0);
    expect(mergeTimings([same(['a.A.t1', 'a.A.t2']), same(['b.B.t1'])]).oneInstant).toBe(true);
    expect(mergeTimings([same(['a.A.t1', 'a.A.t2']), file(['b.B.t1'], T0 + 5000, 10, 0)]).oneInstant).toBe(false);
  });

  it("keeps a file's clock going backwards, without a line that belongs to another file", () => {
    const notes = new TimingNotes();
    notes.note({ id: 'a.A.t1', status: 'success', start: T0 + 10_000, end: T0 + 10_500, worker: 'w', line: 4 });
    notes.note({ id: 'a.A.t2', status: 'success', start: T0, end: T0 + 500, worker: 'w', line: 9 });
    const m = mergeTimings([notes.finish(), file(['b.B.t1'], T0, 10)]);
    expect(m.backwards).toEqual({ worker: 'w', test: 'a.A.t2', previous: 'a.A.t1', by: 10_000 });
  });
});
