// When a bundle's run happened, by each source that says so, and the run's duration
// fingerprint: what result.yaml's `run:` block records (docs/design.md, "What a result proves").
import type { CertLog } from '../formats/cert-log.js';
import type { ResultSourceKind, RunRecord } from '../model.js';
import { sourceRank } from '../formats/registry.js';
import { FINGERPRINT_SIZE, timingOf, type SourceTiming, type TimePoint } from './timing.js';

/** A source that dates the run: a result source's timestamps, or cert.log's step headers. */
export interface DatedSource {
  /** The bundle member. */
  member: string;
  /** How messages name it ("tempest.subunit's timestamps"). */
  label: string;
  first: TimePoint;
  last: TimePoint;
  /** Whether its times carry a zone (subunit's are UTC); the others are local times read as UTC. */
  zoned: boolean;
}

/** What a source report gives the run's dating (a SourceReport is one). */
export interface TimedSource {
  member: string;
  kind: ResultSourceKind;
  timing?: SourceTiming | undefined;
}

/** Every source of the bundle that dates its run, the most trustworthy first (subunit, JUnit, cert.log). */
export function datedSources(sources: readonly TimedSource[], cert: CertLog | undefined): DatedSource[] {
  const out: DatedSource[] = [];
  const ranked = [...sources].sort((a, b) => sourceRank(a.kind) - sourceRank(b.kind));
  for (const s of ranked) {
    const { first, last } = timingOf(s);
    if (!first || !last) continue;
    const what = s.kind === 'subunit' ? 'timestamps' : 'timestamp attributes';
    out.push({ member: s.member, label: `${s.member}'s ${what}`, first, last, zoned: s.kind === 'subunit' });
  }
  const steps = (cert?.steps ?? [])
    .map((s) => ({ time: Date.parse(`${s.iso}Z`), line: s.line }))
    .filter((p) => !Number.isNaN(p.time));
  if (steps.length > 0) {
    const first = steps.reduce((a, b) => (b.time < a.time ? b : a));
    const last = steps.reduce((a, b) => (b.time > a.time ? b : a));
    out.push({ member: 'cert.log', label: "cert.log's step headers", first, last, zoned: false });
  }
  return out;
}

/** A time as result.yaml records it: UTC to the second (`2025-10-20T08:00:00Z`). */
export function isoSecond(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/**
 * The `run:` block of result.yaml: the run's start and end by its most trustworthy dated
 * source, and the duration fingerprint of its primary source (absent without durations).
 * Undefined when no source dates the run.
 */
export function runRecord(
  dated: readonly DatedSource[],
  primary: Pick<TimedSource, 'member' | 'timing'> | undefined,
): RunRecord | undefined {
  const best = dated[0];
  if (!best) return undefined;
  const run: RunRecord = { start: isoSecond(best.first.time), end: isoSecond(best.last.time) };
  const fp = primary ? fingerprintOf(timingOf(primary)) : undefined;
  if (fp) run.fingerprint = fp;
  return run;
}

/** The `run:` block of a bundle's analysis (its sources and cert.log), when a source dates the run. */
export function runOfAnalysis(a: {
  sources: readonly TimedSource[];
  cert: CertLog | undefined;
  primary?: TimedSource | undefined;
}): RunRecord | undefined {
  return runRecord(datedSources(a.sources, a.cert), a.primary);
}

/** The version prefix of a fingerprint, so a later form can be told apart. */
const FINGERPRINT_V1 = 'v1';

/**
 * The duration fingerprint: the FINGERPRINT_SIZE tests that ran whose normalised ids hash
 * lowest, each as `<8 hex digits of the hash>:<ms>`. From the results only, so shifting every
 * timestamp or repacking the bundle leaves it as it was; two runs of overlapping tests sample
 * the same tests. Undefined when the source states no duration.
 */
export function fingerprintOf(timing: SourceTiming): string | undefined {
  if (timing.durations.size === 0) return undefined;
  const keys = timing.durations.lowest(FINGERPRINT_SIZE);
  const parts = keys.map((k) => `${hashPrefix(k)}:${Math.max(0, Math.round(timing.durations.get(k)!))}`);
  return `${FINGERPRINT_V1} ${parts.join(' ')}`;
}

/** The top 32 bits of a 53-bit id hash, as 8 hex digits. */
function hashPrefix(h: number): string {
  return Math.floor(h / 0x200000)
    .toString(16)
    .padStart(8, '0');
}

/** A fingerprint read back: ms by hash prefix (undefined when it is not one this version writes). */
export function parseFingerprint(text: string): Map<string, number> | undefined {
  const parts = text.split(' ');
  if (parts[0] !== FINGERPRINT_V1) return undefined;
  const out = new Map<string, number>();
  for (let i = 1; i < parts.length; i++) {
    const p = parts[i]!;
    const colon = p.indexOf(':');
    if (colon !== 8) return undefined;
    const ms = Number(p.slice(9));
    if (!Number.isInteger(ms) || ms < 0) return undefined;
    out.set(p.slice(0, 8), ms);
  }
  return out;
}

/** Two runs' durations count as the same when they agree within this on… */
export const SAME_DURATION_MS = 5;
/** …at least this share of the shared sampled tests that took SAME_DURATION_MS or more in either run… */
export const SAME_SHARE = 0.9;
/** …and there are at least this many such tests to compare (fewer prove nothing). */
export const MIN_SHARED = 10;

/** How two fingerprints compare: the shared tests weighed, and how many agree within SAME_DURATION_MS. */
export interface FingerprintMatch {
  shared: number;
  same: number;
  copied: boolean;
}

/** Whether two fingerprints are of one run: its durations, near enough, on enough shared tests. */
export function compareFingerprints(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): FingerprintMatch {
  let shared = 0;
  let same = 0;
  for (const [k, ms] of a) {
    const other = b.get(k);
    if (other === undefined || (ms < SAME_DURATION_MS && other < SAME_DURATION_MS)) continue;
    shared++;
    if (Math.abs(ms - other) <= SAME_DURATION_MS) same++;
  }
  return { shared, same, copied: shared >= MIN_SHARED && same >= SAME_SHARE * shared };
}
