// One pass over a bundle: every result source parsed, cert.log read, every text member
// scanned for secrets, and the sources compared — what `inspect`, `pack` and `validate`
// all build on, so they can never disagree about what a bundle shows.
import type { Readable } from 'node:stream';
import { readBundle, type BundleMember } from '../bundle/read.js';
import type { SecretFinding } from '../bundle/secrets.js';
import { createMemberScanner } from '../bundle/secret-member.js';
import { resolveLimits, type BundleLimits } from '../bundle/limits.js';
import {
  countsOf,
  type ParsedResults,
  type ParseProblem,
  type ResultFormat,
  type StreamParser,
  type TestRecord,
} from '../formats/types.js';
import type { CertLog, CertLogResults } from '../formats/cert-log.js';
import { sourceFormatOf, sourceRank, type SourceFormat } from '../formats/registry.js';
import type { Counts, ResultSourceKind } from '../model.js';
import {
  compareDigests,
  MAX_DISAGREEMENTS,
  SourceDigest,
  type Comparison,
  type Disagreement,
} from '../results/agreement.js';
import { runKeys } from '../results/test-ids.js';
import { TimingNotes, type SourceTiming } from '../evidence/timing.js';
import { junitRun } from './junit-run.js';
import { DetailBudget } from './detail-budget.js';
import { hashNormalisedIdInto, idHash, joinHash } from '../results/id-hash.js';

/** The cert script's log is this member, at the bundle's root. */
export const CERT_LOG = 'cert.log';

/** One source of test results found in the bundle. */
export interface SourceReport {
  member: string;
  /** Every test's outcome, digested, for comparing sources. */
  digest: SourceDigest;
  kind: ResultSourceKind;
  format: ResultFormat;
  counts: Counts;
  problems: ParseProblem[];
  declared?: Partial<Counts>;
  /** The tests kept: every test that did not pass, the tests named by `wantedKeys`, or all with `keepAll`. */
  results: ParsedResults;
  /** When its run happened and how long each test took, as far as it says; absent when analysed with `timed: false`. */
  timing?: SourceTiming;
}

export interface MemberSecret extends SecretFinding {
  member: string;
}

/** Everything one pass over a bundle establishes. */
export interface BundleAnalysis {
  /** How the bundle is named in messages (its repository path or file name). */
  label: string;
  sha256: string;
  /** Bytes of the .tgz file. */
  size: number;
  uncompressedBytes: number;
  members: BundleMember[];
  sources: SourceReport[];
  /** Where the counts come from: subunit, else JUnit, else cert.log's console output. */
  primary: SourceReport | undefined;
  cert: CertLog | undefined;
  secrets: MemberSecret[];
  /** Members (gzip ones past the limits) that could not be read to their end for secrets, and why. */
  secretGaps: { member: string; why: string }[];
  /** The first tests on which the sources disagree (at most MAX_DISAGREEMENTS). */
  disagreements: Disagreement[];
  /** How many tests the sources disagree on in all. */
  disagreementCount: number;
}

export interface AnalyseOptions {
  limits?: Partial<BundleLimits>;
  label?: string;
  /**
   * Keys (ids, aliases, idempotent ids) of the tests an evaluation will look up: passed
   * tests are kept only when they match one (failed and skipped ones always are), so a run
   * of any size is held in little memory.
   */
  wantedKeys?: ReadonlySet<string>;
  /** Keep every test (`inspect --tests`). */
  keepAll?: boolean;
  /**
   * Read when the run happened and how long each test took (default true): what validate's
   * evidence checks and pack's `run:` block read. `inspect`, which shows neither, reads without:
   * on a 100,000-test stream the times cost a third of the parse.
   */
  timed?: boolean;
}

/** The format of a member that is a result source of the bundle (`*.subunit`, `*.xml` outside logs/, cert.log). */
function resultSourceFormat(name: string): SourceFormat | undefined {
  const f = sourceFormatOf(name);
  return f?.inBundle(name) ? f : undefined;
}

/**
 * Read a bundle once and say what it holds. Throws BundleError when it is unsafe or
 * unreadable (the caller reports it, naming the member).
 */
export async function analyseBundle(input: string | Readable, opts: AnalyseOptions = {}): Promise<BundleAnalysis> {
  const sources: SourceReport[] = [];
  const secrets: MemberSecret[] = [];
  const secretGaps: { member: string; why: string }[] = [];
  const limits = resolveLimits(opts.limits);
  let cert: CertLog | undefined;
  const details = new DetailBudget();
  const summary = await readBundle(input, {
    limits,
    ...(opts.label ? { label: opts.label } : {}),
    onMember: async (member, body) => {
      const digest = new SourceDigest();
      const timing = opts.timed === false ? undefined : new TimingNotes();
      const keep = (t: TestRecord): boolean => {
        // One hash of the test's name serves the comparison of sources and the run's timing.
        hashNormalisedIdInto(t.id);
        const { hi, lo } = idHash;
        digest.noteHashed(hi, lo, t.status);
        timing?.note(t, joinHash(hi, lo));
        const kept =
          opts.keepAll === true ||
          t.status !== 'success' ||
          // A success carrying a traceback contradicts itself (a check reports it).
          t.detail !== undefined ||
          (opts.wantedKeys !== undefined && runKeys(t.id).some((k) => opts.wantedKeys!.has(k)));
        if (kept) details.fit(t);
        return kept;
      };
      const format = resultSourceFormat(member.name);
      const parser: StreamParser | undefined = format?.create({
        keep,
        maxLineBytes: limits.maxLineBytes,
        maxTokenBytes: limits.maxXmlTokenBytes,
        maxDepth: limits.maxXmlDepth,
        timed: timing !== undefined,
      });
      // Every member, whatever its name: the content decides how it is read (secret-member.ts).
      const scanner = createMemberScanner(limits);
      for await (const chunk of body) {
        parser?.write(chunk);
        const wrote = scanner.write(chunk);
        if (wrote) await wrote;
      }
      const scanned = await scanner.end();
      for (const s of scanned.findings) secrets.push({ ...s, member: member.name });
      if (scanned.unscanned) secretGaps.push({ member: member.name, why: scanned.unscanned });
      if (!parser || !format) return;
      const results = parser.end();
      if (format.kind === 'cert-log') cert = (results as CertLogResults).cert;
      if (format.holdsResults && !format.holdsResults(results)) return;
      const counts = countsOf(results);
      digest.name(results.tests);
      sources.push({
        member: member.name,
        digest,
        kind: format.source,
        format: results.format,
        counts,
        problems: results.problems,
        ...(results.declared ? { declared: results.declared } : {}),
        results,
        ...(timing ? { timing: timing.finish(results.stamps) } : {}),
      });
    },
  });
  // Several JUnit members are one run (split in files, or repeated): compared and counted as one.
  const junit = sources.filter((s) => s.kind === 'junit');
  const run = junit.length > 1 ? junitRun(junit) : undefined;
  const runs = run ? [...sources.filter((s) => s.kind !== 'junit'), run.source] : sources;
  // By kind, then by member name: the archive's member order never decides.
  const primary = [...runs].sort((a, b) => sourceRank(a.kind) - sourceRank(b.kind) || byName(a, b))[0];
  return {
    label: opts.label ?? (typeof input === 'string' ? input : 'bundle'),
    sha256: summary.sha256,
    size: summary.compressedBytes,
    uncompressedBytes: summary.uncompressedBytes,
    members: summary.members,
    sources,
    primary,
    cert,
    secrets,
    secretGaps,
    ...comparison(runs, run?.comparison),
  };
}

const byName = (a: SourceReport, b: SourceReport): number => (a.member < b.member ? -1 : a.member > b.member ? 1 : 0);

/**
 * cert.log's own problems when it is not a result source (a cert.log with tempest output
 * is one, and its problems are reported with the sources').
 */
export function certLogOwnProblems(a: Pick<BundleAnalysis, 'cert' | 'sources'>): ParseProblem[] {
  return a.cert && !a.sources.some((s) => s.member === CERT_LOG) ? a.cert.problems : [];
}

function comparison(
  sources: SourceReport[],
  within?: Comparison,
): { disagreements: Disagreement[]; disagreementCount: number } {
  const c = compareDigests(
    sources.map((s) => ({ label: s.member, digest: s.digest, hidesReturnCode: s.format === 'subunit-trace' })),
  );
  if (!within?.count) return { disagreements: c.disagreements, disagreementCount: c.count };
  const all = [...within.disagreements, ...c.disagreements].sort((a, b) => (a.test < b.test ? -1 : 1));
  return { disagreements: all.slice(0, MAX_DISAGREEMENTS), disagreementCount: within.count + c.count };
}
