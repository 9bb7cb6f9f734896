// The one policy for the current and the last cycle (scripts/lib/cycles/roles.ts), which
// validate, pack, the cycle commands, the pull-request rules, MATRIX.md, `missing` and the
// reviewer's report all ask.
import { describe, expect, it } from 'vitest';
import { cycleRoles, type CycleLike } from '../../scripts/lib/cycles/roles.js';

const open = (name: string): CycleLike => ({ name, state: 'open' });
const closed = (name: string, date: string): CycleLike => ({ name, state: 'closed', closed: date });

describe('cycleRoles', () => {
  it('has neither a current nor a last cycle when there are no cycles', () => {
    expect(cycleRoles([])).toEqual({ current: undefined, last: undefined, open: [] });
  });

  it('takes the one open cycle as current, whatever the order of the list', () => {
    const cycles = [closed('2025.1', '2025-10-01'), open('2025.2'), closed('2024.2', '2025-04-01')];
    for (const list of [cycles, [...cycles].reverse()]) {
      const r = cycleRoles(list);
      expect(r.current?.name).toBe('2025.2');
      expect(r.last?.name).toBe('2025.1');
      expect(r.open.map((c) => c.name)).toEqual(['2025.2']);
    }
  });

  it('has no current cycle when none is open (between `cycle close` and `cycle open`), and still a last one', () => {
    const r = cycleRoles([closed('2025.1', '2025-10-01'), closed('2025.2', '2026-04-01')]);
    expect(r.current).toBeUndefined();
    expect(r.last?.name).toBe('2025.2');
    expect(r.open).toEqual([]);
  });

  it('has no current cycle when several are open, and lists them by name for the caller to report', () => {
    const r = cycleRoles([open('2026.1'), closed('2025.1', '2025-10-01'), open('2025.2')]);
    expect(r.current).toBeUndefined();
    expect(r.open.map((c) => c.name)).toEqual(['2025.2', '2026.1']);
    expect(r.last?.name).toBe('2025.1');
  });

  it('takes as last the closed cycle with the newest closed date, not the greatest name or the newest opening', () => {
    const r = cycleRoles([closed('zed', '2024-01-01'), closed('alpha', '2025-06-01'), closed('beta', '2025-03-01')]);
    expect(r.last?.name).toBe('alpha');
  });

  it('breaks a tie of closed dates by the greater name, in any order', () => {
    const a = closed('2025.1', '2025-10-01');
    const b = closed('2025.1b', '2025-10-01');
    expect(cycleRoles([a, b]).last).toBe(b);
    expect(cycleRoles([b, a]).last).toBe(b);
  });

  it('never takes an open cycle, or a closed one without a closed date, as last', () => {
    expect(cycleRoles([open('2025.2'), { name: '2025.1', state: 'closed' }]).last).toBeUndefined();
  });

  it('hands back the very objects it was given, with their other fields', () => {
    const c = { ...open('2025.2'), path: 'results/2025.2/cycle.yaml' };
    expect(cycleRoles([c]).current).toBe(c);
  });
});
