// Small pieces the pages share: contributor text (inert, isolated), a standing, a submission's counts.
import { htmlText } from '../inert/index.js';
import type { Submission } from '../model.js';
import { standingLabel, type CycleStanding } from './facts.js';

/** Contributor text as inert text in a <bdi>, so right-to-left text cannot reorder what surrounds it. */
export function Text({ value, max, lines }: { value: string; max?: number; lines?: boolean }) {
  return <bdi>{htmlText(value, { ...(max !== undefined ? { max } : {}), keepLines: lines === true })}</bdi>;
}

/** A standing in its colour: passed, failed, withdrawn, not submitted. */
export function StandingWord({ standing }: { standing: CycleStanding }) {
  return <span class={standing}>{standingLabel(standing)}</span>;
}

/** "65/83 passed, 0 failed, 18 skipped". */
export function countsLine(s: Submission): string {
  const c = s.results;
  return `${c.passed}/${c.total} passed, ${c.failed} failed, ${c.skipped} skipped`;
}

/** Text, or a muted dash when there is none. */
export function OrDash({ children }: { children: preact.ComponentChildren }) {
  return children === null || children === undefined || children === '' ? (
    <span class="muted">—</span>
  ) : (
    <>{children}</>
  );
}

/** A table's head: one column header per name. */
export function Head({ cols }: { cols: string[] }) {
  return (
    <thead>
      <tr>
        {cols.map((c) => (
          <th scope="col">{c}</th>
        ))}
      </tr>
    </thead>
  );
}
