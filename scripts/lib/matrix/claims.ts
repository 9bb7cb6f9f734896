// Claimed features (drivers.yaml) beside the evidence: the feature capabilities of the
// driver's latest standing result (withdrawn results are not evidence).
import type { FeatureId } from '../model.js';
import { latestStanding, type Evidence, type FeatureClaim, type MatrixCycle, type MatrixSubmission } from './model.js';
import { own } from '../own.js';

/** One claim per feature, from the driver's history (newest first, every submission in a cycle of `cycles`) and the cycles by name. */
export function featureClaims(
  claims: readonly (readonly [FeatureId, boolean])[],
  history: readonly MatrixSubmission[],
  cycles: ReadonlyMap<string, MatrixCycle>,
  current: MatrixCycle | undefined,
): FeatureClaim[] {
  const latest = latestStanding(history);
  const cycle = latest ? cycles.get(latest.cycle) : current;
  return claims.map(([feature, claimed]) => {
    const capabilities = (cycle?.capabilities ?? []).filter((c) => c.feature === feature).map((c) => c.id);
    return { feature, claimed, evidence: evidenceFor(capabilities, latest), cycle: cycle?.name ?? null, capabilities };
  });
}

/** What a result says about a feature's capabilities. */
function evidenceFor(capabilities: string[], result: MatrixSubmission | undefined): Evidence {
  if (capabilities.length === 0) return 'no-test';
  if (!result) return 'not-evidenced';
  const outcomes = capabilities.map((id) => own(result.capabilities, id));
  if (outcomes.includes('failed')) return 'failed';
  return outcomes.every((o) => o === 'passed') ? 'evidenced' : 'not-evidenced';
}
