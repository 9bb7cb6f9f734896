// One pass over a bundle: every result source parsed, cert.log read, every text member
// scanned for secrets, and the sources compared — what `inspect`, `pack` and `validate`
// all build on, so they can never disagree about what a bundle shows.
import type { Readable } from 'node:stream';
import { readBundle, type BundleMember } from '../bundle/read.js';
import { BundleError } from '../bundle/errors.js';
import { createSecretScanner, type SecretFinding } from '../bundle/secrets.js';
import type { BundleLimits } from '../bundle/limits.js';
import { countResults, type ParsedResults, type ParseProblem, type ResultFormat, type StreamParser } from '../formats/types.js';
import { memberKind, parserForMember, type CertLog, type CertLogResults } from '../formats/index.js';
import type { Counts, ResultSourceKind } from '../model.js';
import { compareSources, type Disagreement } from '../results/agreement.js';

/** The cert script's log is this member, at the bundle's root. */
export const CERT_LOG = 'cert.log';

/** One source of test results found in the bundle. */
export interface SourceReport {
  member: string;
  kind: ResultSourceKind;
  format: ResultFormat;
  counts: Counts;
  problems: ParseProblem[];
  declared?: Partial<Counts>;
  results: ParsedResults;
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
  disagreements: Disagreement[];
}

export interface AnalyseOptions {
  limits?: Partial<BundleLimits>;
  label?: string;
}

/** Is this member a source of test results? (`*.subunit`, `*.xml` outside logs/, and the root cert.log.) */
export function isResultMember(name: string): boolean {
  if (name === CERT_LOG) return true;
  const kind = memberKind(name);
  return (kind === 'subunit' || kind === 'junit') && !name.startsWith('logs/');
}

const KIND_ORDER: ResultSourceKind[] = ['subunit', 'junit', 'console'];

function kindOf(format: ResultFormat): ResultSourceKind {
  return format === 'subunit-v1' || format === 'subunit-v2' ? 'subunit' : format === 'junit' ? 'junit' : 'console';
}

/**
 * Read a bundle once and say what it holds. Throws BundleError when it is unsafe or
 * unreadable (the caller reports it, naming the member).
 */
export async function analyseBundle(input: string | Readable, opts: AnalyseOptions = {}): Promise<BundleAnalysis> {
  const sources: SourceReport[] = [];
  const secrets: MemberSecret[] = [];
  let cert: CertLog | undefined;
  const summary = await readBundle(input, {
    ...(opts.limits ? { limits: opts.limits } : {}),
    ...(opts.label ? { label: opts.label } : {}),
    onMember: async (member, body) => {
      const parser: StreamParser | undefined = isResultMember(member.name) ? parserForMember(member.name) : undefined;
      const scanner = createSecretScanner({ name: member.name });
      for await (const chunk of body) {
        parser?.write(chunk);
        scanner.write(chunk);
      }
      for (const s of scanner.end()) secrets.push({ ...s, member: member.name });
      if (!parser) return;
      const results = parser.end();
      if (member.name === CERT_LOG) cert = (results as CertLogResults).cert;
      // A cert log without a tempest section holds no results of its own.
      if (member.name === CERT_LOG && results.tests.length === 0 && !cert?.tempestOutput) return;
      sources.push({
        member: member.name,
        kind: kindOf(results.format),
        format: results.format,
        counts: countResults(results.tests),
        problems: results.problems,
        ...(results.declared ? { declared: results.declared } : {}),
        results,
      });
    },
  });
  const primary = [...sources].sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind))[0];
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
    disagreements: compareSources(sources.map((s) => ({ label: s.member, results: s.results }))),
  };
}

export { BundleError };
