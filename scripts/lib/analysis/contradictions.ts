// What makes a bundle's sources contradict themselves or their matching (docs/design.md,
// "Verdict"): each finding names the member and line, says what is wrong and how to fix it.
// The rules of scripts/lib/checks/story.ts and bundles.ts report them; `pack` refuses on them.
import type { RefusedMatch } from '../results/match.js';
import { CERT_LOG, type BundleAnalysis } from './analyse.js';
import type { Derivation } from './derive.js';

/** One contradiction, where it is, and what to do about it. */
export interface Contradiction {
  level: 'error' | 'warning';
  member: string;
  line?: number;
  message: string;
  tip: string;
}

const AS_WRITTEN = 'Submit the results as tempest and stestr wrote them, unedited.';

const MATCH_SAYS: Record<RefusedMatch['why'], (r: RefusedMatch) => string> = {
  'several-idempotent-ids': (r) =>
    `${r.record} carries several idempotent ids: it stands for none of the cycle tests they name ` +
    `(${r.tests.join(', ')})`,
  'name-and-idempotent-id-differ': (r) =>
    `${r.record} is named as one cycle test but carries another's idempotent id: it stands for neither ` +
    `(${r.tests.join(', ')})`,
  'several-cycle-tests': (r) =>
    `${r.record} matches several cycle tests by name or idempotent id (${r.tests.join(', ')}): ` +
    'it stands for none of them',
};

/** Records that cannot honestly stand for the cycle tests they matched. */
export function refusedMatches(a: BundleAnalysis, d: Derivation | undefined): Contradiction[] {
  const member = a.primary?.member ?? '';
  return (d?.evaluation.refused ?? []).map((r) => ({
    level: r.why === 'several-cycle-tests' ? 'warning' : 'error',
    member,
    ...(r.line !== undefined ? { line: r.line } : {}),
    message: MATCH_SAYS[r.why](r),
    tip:
      r.why === 'several-cycle-tests'
        ? "The cycle's aliases or idempotent ids are ambiguous: cycle.yaml should give each to one test."
        : `A relabelled run proves nothing about these tests. ${AS_WRITTEN}`,
  }));
}

/** Successes that carry a traceback attachment. */
export function tracebackSuccesses(a: BundleAnalysis): Contradiction[] {
  return a.sources.flatMap((s) =>
    s.results.tests
      .filter((t) => t.status === 'success' && t.detail !== undefined)
      .map((t) => ({
        level: 'error' as const,
        member: s.member,
        ...(t.line !== undefined ? { line: t.line } : {}),
        message: `${t.id} succeeded but carries a traceback attachment`,
        tip: `A test that raised did not pass. ${AS_WRITTEN}`,
      })),
  );
}

/** A console-only run that would pass while its Totals count outcomes its lines cannot attribute. */
export function unattributedOutcomes(a: BundleAnalysis, d: Derivation | undefined): Contradiction[] {
  const p = a.primary;
  if (!p || p.kind !== 'console' || d?.fields.verdict !== 'passed') return [];
  const xfail = p.counts.xfail - p.results.seen.xfail;
  const uxsuccess = p.counts.uxsuccess - p.results.seen.uxsuccess;
  if (xfail <= 0 && uxsuccess <= 0) return [];
  return [
    {
      level: 'error',
      member: CERT_LOG,
      ...(p.results.summaryLine !== undefined ? { line: p.results.summaryLine } : {}),
      message:
        `the console output counts ${xfail} expected failures and ${uxsuccess} unexpected successes ` +
        'that its test lines cannot attribute to tests, so the run cannot be passed',
      tip: 'Add the subunit stream: `drivercert pack --log cert.log --subunit FILE` (`stestr last --subunit > FILE`).',
    },
  ];
}

/** cert.log's final line, when it contradicts the run: PASSED with a failure, FAILED without one. */
export function verdictContradiction(a: BundleAnalysis): Contradiction[] {
  const v = a.cert?.verdict;
  const p = a.primary;
  if (!v || !p) return [];
  const anyFailure = p.counts.failed + p.counts.uxsuccess > 0;
  if ((v.result === 'passed') === !anyFailure) return [];
  return [
    {
      level: 'error',
      member: CERT_LOG,
      line: v.line,
      message:
        `cert.log says "${v.text.trim()}", but ${p.member} has ${p.counts.failed} failed ` +
        `(${p.counts.incomplete} of them never finished) and ${p.counts.uxsuccess} unexpectedly successful tests`,
      tip: 'Pack the log and the results of the same run, unedited: the cert script prints its verdict from that run.',
    },
  ];
}
