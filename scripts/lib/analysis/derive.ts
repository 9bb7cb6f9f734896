// The derived part of result.yaml: what a bundle proves for a driver in a cycle.
import { basename } from 'node:path';
import type { BundleRef, Counts, Cycle, Result, ResultSourceKind, Verdict, CapabilityOutcome } from '../model.js';
import { capabilityOutcomes, evaluateRun, type Evaluation } from '../results/evaluate.js';
import type { BundleAnalysis } from './analyse.js';

export type DerivedFields = Pick<Result, 'bundle' | 'source' | 'results' | 'failed_tests' | 'skipped_tests' | 'capabilities' | 'verdict'>;

export interface Derivation {
  fields: DerivedFields;
  evaluation: Evaluation;
}

const NO_COUNTS: Counts = { total: 0, passed: 0, failed: 0, skipped: 0, xfail: 0, uxsuccess: 0, incomplete: 0 };

/** What result.yaml must say about this bundle (undefined when the bundle holds no results at all). */
export function deriveResult(a: BundleAnalysis, bundlePath: string, cycle: Cycle, driver: string): Derivation | undefined {
  if (!a.primary) return undefined;
  const evaluation = evaluateRun(a.primary.results.tests, cycle, driver);
  const bundle: BundleRef = { file: basename(bundlePath), sha256: a.sha256, size: a.size };
  return {
    evaluation,
    fields: {
      bundle,
      source: a.primary.kind as ResultSourceKind,
      results: a.primary ? a.primary.counts : NO_COUNTS,
      failed_tests: evaluation.failedTests,
      skipped_tests: evaluation.skippedTests,
      capabilities: capabilityOutcomes(evaluation) as Record<string, CapabilityOutcome>,
      verdict: evaluation.verdict as Verdict,
    },
  };
}
