// The bundle's part of the reviewer's report, from what validate's bundle checks read.
import type { CheckContext } from '../checks/types.js';
import type { SubmissionDir } from '../repo.js';
import { gatheredBundleFacts } from '../analysis/facts.js';
import type { BundleReview } from './review.js';
import { errorLine } from '../analysis/detail-budget.js';

const FAILED = new Set(['fail', 'uxsuccess', 'incomplete']);

/** What the bundle of `sub` shows a reviewer: failures with their error line, secrets, and source notes. */
export function bundleReviewFor(sub: SubmissionDir, ctx: CheckContext): BundleReview | undefined {
  const facts = gatheredBundleFacts(ctx)?.find((f) => f.sub.path === sub.path);
  if (!facts) return undefined;
  const notes: string[] = [];
  if (facts.tooLarge) notes.push(`the bundle is ${facts.bundleBytes} bytes, over GitHub's 100 MiB file limit`);
  if (facts.error) notes.push(`the bundle cannot be read: ${facts.error.message}`);
  const a = facts.analysis;
  if (!a) return { notes };
  const primary = a.primary;
  const run = facts.derivation?.fields.run;
  if (primary)
    notes.push(
      `results from ${primary.member} (${primary.format})${
        a.sources.length > 1
          ? `; also ${a.sources
              .filter((s) => s !== primary)
              .map((s) => `${s.member} (${s.format})`)
              .join(', ')}, ${a.disagreementCount ? `which disagree on ${a.disagreementCount} test(s)` : 'which agree'}`
          : ''
      }`,
    );
  if (a.cert?.verdict) notes.push(`cert.log ends "${a.cert.verdict.text.trim()}" (line ${a.cert.verdict.line})`);
  for (const s of a.sources)
    if (s.problems.length)
      notes.push(`${s.member}: ${s.problems.length} parse problem(s), first: ${s.problems[0]!.message}`);
  return {
    failures: (primary?.results.tests ?? [])
      .filter((t) => FAILED.has(t.status))
      .map((t) => ({
        test: t.id,
        firstLine:
          t.status === 'fail'
            ? errorLine(t.detail)
            : t.status === 'uxsuccess'
              ? 'unexpected success'
              : 'started but never finished',
      })),
    secrets: a.secrets.map((s) => ({ member: s.member, line: s.line, what: `${s.message}: ${s.excerpt}` })),
    notes,
    ...(run ? { run: { start: run.start, end: run.end } } : {}),
    renamed: facts.derivation?.evaluation.renamed ?? [],
  };
}
