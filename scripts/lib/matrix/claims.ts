// Claimed features (drivers.yaml) beside the evidence: the feature capabilities of the
// driver's latest standing result (withdrawn results are not evidence).
import type { Cycle, FeatureId, Submission } from '../model.js';
import { capabilityList, latestStanding, type Evidence, type FeatureClaim } from './model.js';
import { own } from '../own.js';

/**
 * One claim per feature, from the driver's history (newest first, every submission in a cycle of
 * `cycles`) and the cycles by name.
 */
export function featureClaims(
  claims: readonly (readonly [FeatureId, boolean])[],
  history: readonly Submission[],
  cycles: ReadonlyMap<string, Cycle>,
  current: Cycle | undefined,
): FeatureClaim[] {
  const latest = latestStanding(history);
  const cycle = latest ? cycles.get(latest.cycle) : current;
  const caps = cycle ? capabilityList(cycle) : [];
  return claims.map(([feature, claimed]) => {
    const capabilities = caps.filter((c) => c.feature === feature).map((c) => c.id);
    return { feature, claimed, evidence: evidenceFor(capabilities, latest), cycle: cycle?.name ?? null, capabilities };
  });
}

/** What a result says about a feature's capabilities. */
function evidenceFor(capabilities: string[], result: Submission | undefined): Evidence {
  if (capabilities.length === 0) return 'no-test';
  if (!result) return 'not-evidenced';
  const outcomes = capabilities.map((id) => own(result.capabilities, id));
  if (outcomes.includes('failed')) return 'failed';
  return outcomes.every((o) => o === 'passed') ? 'evidenced' : 'not-evidenced';
}
