// Several JUnit members of one bundle, read as one run (docs/result-formats.md, "Several JUnit
// files"): surefire, Gradle, Ant and xmlrunner write one file per class, so members whose tests
// are disjoint are one run split in files and are merged; a member whose tests another member
// holds repeats them (Ant's TESTS-TestSuites.xml beside its TEST-*.xml, or the same file twice)
// and must agree with it. Members are taken in name order, so archive order never decides.
import { compareDigests, compareWithin, SourceDigest, type Comparison } from '../results/agreement.js';
import { countsOf, type ParsedResults, type TestStatus } from '../formats/types.js';
import type { Counts } from '../model.js';
import { mergeTimings } from '../evidence/timing.js';
import type { SourceReport } from './analyse.js';

export interface JunitRun {
  /** The run the JUnit members show together. */
  source: SourceReport;
  /** Where members that hold the same tests disagree. */
  comparison: Comparison;
}

const byMember = (a: SourceReport, b: SourceReport): number => (a.member < b.member ? -1 : a.member > b.member ? 1 : 0);

/** Whether every test of `part` is in `whole`. */
function within(part: SourceReport, whole: SourceReport): boolean {
  for (let n = 0; n < part.digest.size; n++) if (!whole.digest.holds(part.digest, n)) return false;
  return true;
}

/** Whether two members share a test. */
function overlap(a: SourceReport, b: SourceReport): boolean {
  for (let n = 0; n < a.digest.size; n++) if (b.digest.holds(a.digest, n)) return true;
  return false;
}

/** The JUnit members of a bundle (two or more) as one run, and where they contradict one another. */
export function junitRun(members: readonly SourceReport[]): JunitRun {
  const sorted = [...members].sort(byMember);
  const kept: SourceReport[] = [];
  const parts: Comparison[] = [];
  for (const m of sorted) {
    // The member that holds all of m's tests (of two that hold the same tests, the first by name is kept).
    const whole = sorted.find((o) => o !== m && within(m, o) && (!within(o, m) || o.member < m.member));
    if (whole) parts.push(compareWithin(label(m), label(whole)));
    else kept.push(m);
  }
  for (let i = 0; i < kept.length; i++)
    for (let j = i + 1; j < kept.length; j++)
      if (overlap(kept[i]!, kept[j]!)) parts.push(compareDigests([label(kept[i]!), label(kept[j]!)]));
  return { source: merged(kept), comparison: joined(parts) };
}

function label(s: SourceReport): { label: string; digest: SourceDigest } {
  return { label: s.member, digest: s.digest };
}

/** The kept members as one source: their tests and counts summed, in name order. */
function merged(kept: SourceReport[]): SourceReport {
  if (kept.length === 1) return kept[0]!;
  const digest = new SourceDigest();
  for (const s of kept) digest.absorb(s.digest);
  const seen: Record<TestStatus, number> = { success: 0, fail: 0, skip: 0, xfail: 0, uxsuccess: 0, incomplete: 0 };
  for (const s of kept) for (const k of Object.keys(seen) as TestStatus[]) seen[k] += s.results.seen[k];
  const counts = { ...countsOf({ seen }) } as Counts;
  const results: ParsedResults = { format: 'junit', tests: kept.flatMap((s) => s.results.tests), seen, problems: [] };
  return {
    member: `${kept[0]!.member} and ${kept.length - 1} more JUnit file${kept.length > 2 ? 's' : ''}`,
    digest,
    kind: 'junit',
    format: 'junit',
    counts,
    problems: [],
    results,
    ...(kept.every((s) => s.timing) ? { timing: mergeTimings(kept.map((s) => s.timing!)) } : {}),
  };
}

/** Several comparisons as one: every disagreement, by test name, counted. */
function joined(parts: Comparison[]): Comparison {
  const disagreements = parts.flatMap((p) => p.disagreements).sort((a, b) => (a.test < b.test ? -1 : 1));
  return { disagreements, count: parts.reduce((n, p) => n + p.count, 0) };
}
