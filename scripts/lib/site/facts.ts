// What the site says of a driver or a cycle, read off the matrix model (never re-derived): the
// standing of a submission, the features a driver claims and evidences, and what its badge shows.
import type { Submission } from '../model.js';
import { FEATURE_LABELS } from '../matrix/cells.js';
import { latestStanding, standingOf, type Evidence, type MatrixDriver, type Standing } from '../matrix/model.js';

/** A driver's standing in one cycle: its submission's, or not submitted. */
export type CycleStanding = Standing | 'not-submitted';

/** Every value `?verdict=` takes, in the order the filter lists them. */
export const VERDICT_FILTERS: readonly CycleStanding[] = ['passed', 'failed', 'withdrawn', 'not-submitted'];

/** A submission's standing, or not submitted when there is none. */
export function standingIn(s: Submission | null | undefined): CycleStanding {
  return s ? standingOf(s) : 'not-submitted';
}

/** How a standing reads: `not submitted` with a space. */
export function standingLabel(s: CycleStanding): string {
  return s === 'not-submitted' ? 'not submitted' : s;
}

/** The features a driver claims in drivers.yaml and its latest standing result evidences. */
export function evidencedFeatures(d: MatrixDriver): string[] {
  return d.claims.filter((c) => c.claimed && c.evidence === 'evidenced').map((c) => c.feature);
}

/** A feature's readable name. */
export function featureLabel(feature: string): string {
  return (FEATURE_LABELS as Record<string, string>)[feature] ?? feature;
}

/** What a badge shows. */
export interface BadgeFacts {
  label: string;
  message: string;
  color: 'brightgreen' | 'red' | 'orange' | 'lightgrey';
}

/**
 * A driver's badge: its current cycle's standing result, else its last cycle's; grey when it is
 * stale, removed, unsupported or never submitted.
 */
export function badgeFacts(d: MatrixDriver): BadgeFacts {
  const label = 'cinder certification';
  if (d.status === 'removed') return { label, message: 'removed', color: 'lightgrey' };
  const shown = latestStanding([d.current, d.last].filter((s): s is Submission => s !== null));
  if (!shown) {
    const message = d.history.length === 0 ? 'never submitted' : d.stale ? 'stale' : 'not submitted';
    return { label, message, color: 'lightgrey' };
  }
  const verdict = standingOf(shown);
  return {
    label,
    message: `${verdict} ${shown.cycle}`,
    color: verdict === 'passed' ? 'brightgreen' : verdict === 'failed' ? 'red' : 'orange',
  };
}

/** How the evidence of a feature reads. */
export function evidenceLabel(e: Evidence): string {
  return { evidenced: 'evidenced', failed: 'failed', 'not-evidenced': 'not evidenced', 'no-test': 'no test' }[e];
}
