// Limits that bound what reading one bundle may cost. Defaults admit real bundles
// (tempest runs with full service logs) and stop bombs early. This is the one place
// limits are defined; `--limit name=value` sets any of them.
import { UsageError } from '../findings.js';

export interface BundleLimits {
  /** Most members (files and directories) in the tar. */
  maxMembers: number;
  /** Most uncompressed bytes in one member. */
  maxMemberBytes: number;
  /** Most uncompressed bytes in the whole tar stream (data, headers and padding), checked while inflating. */
  maxTotalBytes: number;
  /** Most uncompressed bytes per compressed byte, checked while inflating. */
  maxRatio: number;
  /** The ratio is only enforced past this many uncompressed bytes (small files compress well). */
  ratioGraceBytes: number;
  /** Longest member name, in UTF-8 bytes. */
  maxNameBytes: number;
  /** Most folder levels in a member name. */
  maxNameDepth: number;
  /** Most bytes of extended headers (pax records, GNU long names) in front of one member. */
  maxHeaderBytes: number;
  /** Most pax records that apply to one member. */
  maxPaxRecords: number;
  /** Longest line a text parser keeps; longer lines are truncated for parsing, never buffered whole. */
  maxLineBytes: number;
  /** Most bytes of one XML attribute or text node a JUnit file may have. */
  maxXmlTokenBytes: number;
  /** Deepest XML element nesting a JUnit file may have. */
  maxXmlDepth: number;
}

export const GiB = 1024 ** 3;
export const MiB = 1024 ** 2;
export const KiB = 1024;

/**
 * Why these: a devstack tempest run with every service log is a few hundred MB
 * uncompressed, and a long one with debug logging a GB or two, so 2 GiB a member and
 * 4 GiB in all admit any realistic bundle while bounding the time to read one (about
 * 4 s of inflating). Logs compress 5-30x and subunit about 10x; 200x is only reached
 * by padding or bombs, and the first 64 MiB are exempt so a small bundle of repetitive
 * text never trips it. Names: ordinary tar paths are short; 1 KiB and 32 levels are
 * far above any real bundle and keep the duplicate check cheap.
 */
export const DEFAULT_LIMITS: BundleLimits = {
  maxMembers: 10_000,
  maxMemberBytes: 2 * GiB,
  maxTotalBytes: 4 * GiB,
  maxRatio: 200,
  ratioGraceBytes: 64 * MiB,
  maxNameBytes: 1 * KiB,
  maxNameDepth: 32,
  maxHeaderBytes: 1 * MiB,
  maxPaxRecords: 1_000,
  maxLineBytes: 1 * MiB,
  maxXmlTokenBytes: 16 * MiB,
  maxXmlDepth: 64,
};

/** Parse `--limit name=value` style overrides ("2GiB", "500MB", "10000"). */
function parseLimit(value: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(B|KB|KiB|MB|MiB|GB|GiB|TB|TiB)?$/i.exec(value.trim());
  if (!m) throw new Error(`"${value}" is not a size or count (e.g. 10000, 500MiB, 2GiB)`);
  const units: Record<string, number> = {
    b: 1,
    kb: 1e3,
    kib: 1024,
    mb: 1e6,
    mib: MiB,
    gb: 1e9,
    gib: GiB,
    tb: 1e12,
    tib: 1024 * GiB,
  };
  return Math.floor(Number(m[1]) * (m[2] ? units[m[2].toLowerCase()]! : 1));
}

/** Is NAME one of the limits? */
function isLimitName(name: string): name is keyof BundleLimits {
  return Object.prototype.hasOwnProperty.call(DEFAULT_LIMITS, name);
}

/** Read `--limit` values (`maxMemberBytes=4GiB`, several allowed) into overrides; a bad one is a usage error. */
export function parseLimitOptions(specs: readonly string[]): Partial<BundleLimits> {
  const out: Partial<BundleLimits> = {};
  for (const spec of specs) {
    const eq = spec.indexOf('=');
    const name = eq === -1 ? spec : spec.slice(0, eq).trim();
    if (eq === -1 || !isLimitName(name)) {
      throw new UsageError(
        `--limit ${spec}: expected NAME=VALUE with NAME one of ${Object.keys(DEFAULT_LIMITS).join(', ')}`,
      );
    }
    let value: number;
    try {
      value = parseLimit(spec.slice(eq + 1));
    } catch (e) {
      throw new UsageError(`--limit ${spec}: ${(e as Error).message}`);
    }
    if (!(value > 0)) throw new UsageError(`--limit ${spec}: must be more than 0`);
    out[name] = value;
  }
  return out;
}

/** The defaults with OVERRIDES applied. */
export function resolveLimits(overrides: Partial<BundleLimits> = {}): BundleLimits {
  const limits = { ...DEFAULT_LIMITS };
  for (const [name, value] of Object.entries(overrides)) {
    if (isLimitName(name) && typeof value === 'number' && value > 0) limits[name] = value;
  }
  return limits;
}
