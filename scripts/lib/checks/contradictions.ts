// Reporting a bundle's contradictions (scripts/lib/analysis/contradictions.ts) as findings.
import type { Reporter } from './report.js';
import type { Contradiction } from '../analysis/contradictions.js';

/** Findings listed per rule and bundle before "…and N more". */
const SHOWN = 20;

/** Report contradictions of one bundle, the first SHOWN of them, then how many more. */
export function reportContradictions(bundlePath: string, found: Contradiction[], report: Reporter): void {
  for (const c of found.slice(0, SHOWN)) {
    const at = report.member(bundlePath, c.member, c.line);
    if (c.level === 'warning') at.warning(c.message, c.tip);
    else at.error(c.message, c.tip);
  }
  if (found.length > SHOWN) report.member(bundlePath, found[0]!.member).error(`…and ${found.length - SHOWN} more`);
}
