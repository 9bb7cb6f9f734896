// Inline SVG pictures: a cycle's passed / failed / withdrawn / not submitted as one bar, and a
// driver's history as a strip of one cell per cycle. Each has a text alternative that says it all.
import type { CycleSummary, MatrixDriver, MatrixModel } from '../matrix/model.js';
import { standingIn, standingLabel, type CycleStanding } from './facts.js';

/** The fill of each standing (the text beside or in the title always says it in words). */
export const FILLS: Record<CycleStanding, string> = {
  passed: '#2da44e',
  failed: '#cf222e',
  withdrawn: '#bf8700',
  'not-submitted': '#afb8c1',
};

/** One cycle's standings as a bar, each part as wide as its share of the drivers. */
export function SummaryBar({ summary: s, width }: { summary: CycleSummary; width: number }) {
  const parts: [CycleStanding, number][] = [
    ['passed', s.passed],
    ['failed', s.failed],
    ['withdrawn', s.withdrawn],
    ['not-submitted', s.notSubmitted],
  ];
  const label = parts.map(([k, n]) => `${n} ${standingLabel(k)}`).join(', ');
  let x = 0;
  return (
    <svg
      class="strip"
      role="img"
      aria-label={`${s.cycle}: ${label}`}
      width={width}
      height="14"
      viewBox={`0 0 ${width} 14`}
    >
      <title>{`${s.cycle}: ${label}`}</title>
      {parts.map(([k, n]) => {
        const w = s.drivers === 0 ? 0 : Math.round((n / s.drivers) * width * 100) / 100;
        const rect = <rect x={x} y="0" width={w} height="14" fill={FILLS[k]} />;
        x = Math.round((x + w) * 100) / 100;
        return rect;
      })}
    </svg>
  );
}

/** A driver's standing in every cycle, oldest on the left; one 18-pixel cell per cycle. */
export function HistoryStrip({ d, model }: { d: MatrixDriver; model: MatrixModel }) {
  const cycles = [...model.cycles].reverse();
  const cell = 18;
  const standings = cycles.map((c) => [c.name, standingIn(d.history.find((s) => s.cycle === c.name))] as const);
  const label = standings.map(([name, st]) => `${name}: ${standingLabel(st)}`).join('; ');
  const width = Math.max(1, cycles.length * (cell + 2));
  return (
    <svg
      class="strip"
      role="img"
      aria-label={`History, oldest cycle first. ${label}`}
      width={width}
      height={cell}
      viewBox={`0 0 ${width} ${cell}`}
    >
      {standings.map(([name, st], i) => (
        <rect x={i * (cell + 2)} y="0" width={cell} height={cell} fill={FILLS[st]}>
          <title>{`${name}: ${standingLabel(st)}`}</title>
        </rect>
      ))}
    </svg>
  );
}

/** What the colours of the pictures mean, in words. */
export function Legend() {
  const standings: CycleStanding[] = ['passed', 'failed', 'withdrawn', 'not-submitted'];
  return (
    <p class="legend">
      Colours:
      {standings.map((st) => (
        <>
          <svg width="10" height="10" viewBox="0 0 10 10" aria-hidden="true">
            <rect width="10" height="10" fill={FILLS[st]} />
          </svg>
          {standingLabel(st)}
        </>
      ))}
    </p>
  );
}
