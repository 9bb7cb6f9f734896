// Which cycle is current and which is last: decided here and nowhere else. validate, pack,
// the cycle lifecycle, the pull-request rules, MATRIX.md, `missing`, the reviewer's report
// and the site all ask this function.

/** What the policy needs of a cycle (a cycle.yaml's data, or anything shaped like it). */
export interface CycleLike {
  name: string;
  state: 'open' | 'closed';
  closed?: string | undefined;
}

/** The roles cycles play. */
export interface CycleRoles<T extends CycleLike> {
  /** The one open cycle; undefined when none is open, or when several are (an error callers report). */
  current: T | undefined;
  /** The closed cycle with the newest `closed` date (ties: the greater name); undefined when none has closed. */
  last: T | undefined;
  /** Every open cycle, by name: more than one is an error the caller reports (`validate`, `matrix`, `cycle`). */
  open: T[];
}

/** The current (open) cycle and the last (newest closed) cycle of `cycles`, in any order. */
export function cycleRoles<T extends CycleLike>(cycles: readonly T[]): CycleRoles<T> {
  const open = cycles.filter((c) => c.state === 'open').sort((a, b) => compareNames(a.name, b.name));
  let last: T | undefined;
  for (const c of cycles) {
    if (c.state !== 'closed' || c.closed === undefined) continue;
    if (!last || c.closed > last.closed! || (c.closed === last.closed && c.name > last.name)) last = c;
  }
  return { current: open.length === 1 ? open[0] : undefined, last, open };
}

function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
