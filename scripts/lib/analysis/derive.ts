// The derived part of result.yaml: what a bundle proves for a driver in a cycle.
import { basename } from 'node:path';
import type { BundleRef, Cycle, Result } from '../model.js';
import { capabilityOutcomes, evaluateRun, type Evaluation } from '../results/evaluate.js';
import type { BundleAnalysis } from './analyse.js';
import { runOfAnalysis } from '../evidence/run.js';

export type DerivedFields = Pick<
  Result,
  | 'bundle'
  | 'run'
  | 'source'
  | 'results'
  | 'failed_tests'
  | 'skipped_tests'
  | 'renamed_tests'
  | 'capabilities'
  | 'verdict'
>;

export interface Derivation {
  fields: DerivedFields;
  evaluation: Evaluation;
}

/** What result.yaml must say about this bundle (undefined when the bundle holds no results at all). */
export function deriveResult(
  a: BundleAnalysis,
  bundlePath: string,
  cycle: Cycle,
  driver: string,
): Derivation | undefined {
  if (!a.primary) return undefined;
  const { counts, results } = a.primary;
  const seen = results.seen;
  const hidden = counts.failed + counts.uxsuccess - (seen.fail + seen.uxsuccess + seen.incomplete);
  const evaluation = evaluateRun(results.tests, cycle, driver, Math.max(0, hidden));
  const bundle: BundleRef = { file: basename(bundlePath), sha256: a.sha256, size: a.size };
  return {
    evaluation,
    fields: {
      bundle,
      ...runOf(a),
      source: a.primary.kind,
      results: a.primary.counts,
      failed_tests: evaluation.failedTests,
      skipped_tests: evaluation.skippedTests,
      ...(evaluation.renamed.length ? { renamed_tests: evaluation.renamed } : {}),
      capabilities: capabilityOutcomes(evaluation),
      verdict: evaluation.verdict,
    },
  };
}

/** The `run:` block, when a source dates the run. */
function runOf(a: BundleAnalysis): Pick<Result, 'run'> {
  const run = runOfAnalysis(a);
  return run ? { run } : {};
}
