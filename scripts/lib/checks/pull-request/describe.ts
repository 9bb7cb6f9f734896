// Wording shared by the pull-request rules.
import type { Change } from '../../git.js';
import type { DriverFolder, PullRequest } from '../../pr/pull-request.js';

/** "2 added, 1 deleted" for a list of changes. */
export function describeChanges(changes: readonly Change[]): string {
  const counts = new Map<string, number>();
  for (const c of changes) counts.set(c.status, (counts.get(c.status) ?? 0) + 1);
  const order = ['added', 'modified', 'typechanged', 'deleted'] as const;
  const parts = order
    .filter((s) => counts.has(s))
    .map((s) => `${counts.get(s)} ${s === 'typechanged' ? 'changed type' : s}`);
  return `${changes.length} ${changes.length === 1 ? 'file' : 'files'}: ${parts.join(', ')}`;
}

/** The verb for one change: adds, deletes, changes… */
export function verb(c: Change): string {
  switch (c.status) {
    case 'added':
      return 'adds';
    case 'deleted':
      return 'deletes';
    case 'typechanged':
      return 'changes the type of';
    default:
      return c.before?.oid === c.after?.oid ? 'changes the mode of' : 'changes';
  }
}

/** "the closed cycle 2025.1", "the open cycle 2025.2" or "cycle x (not on the base branch)". */
function cycleWords(pr: PullRequest, cycle: string): string {
  const c = pr.base.cycles.get(cycle);
  if (!c) return `cycle ${cycle} (not a cycle on ${pr.ref})`;
  return `the ${c.state} cycle ${cycle}`;
}

/** "lvm's submission for the closed cycle 2025.1". */
export function whoseResult(pr: PullRequest, f: DriverFolder): string {
  return `${f.driver}'s submission for ${cycleWords(pr, f.cycle)}`;
}

/** A list for a message: "a, b and c", or `none`. */
export function listWords(items: readonly string[], none = 'none'): string {
  if (items.length === 0) return none;
  if (items.length === 1) return items[0]!;
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
