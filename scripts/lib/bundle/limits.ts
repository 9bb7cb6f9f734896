// Limits that bound what reading one bundle may cost. Defaults admit real bundles
// (tempest runs with full service logs) and stop bombs early.

export interface BundleLimits {
  /** Most members (files and directories) in the tar. */
  maxMembers: number;
  /** Most uncompressed bytes in one member. */
  maxMemberBytes: number;
  /** Most uncompressed bytes in all members together. */
  maxTotalBytes: number;
  /** Most uncompressed bytes per compressed byte, checked while inflating. */
  maxRatio: number;
  /** The ratio is only enforced past this many uncompressed bytes (small files compress well). */
  ratioGraceBytes: number;
  /** Longest line a text parser keeps; longer lines are truncated for parsing, never buffered whole. */
  maxLineBytes: number;
  /** Most bytes of one XML attribute or text node a JUnit file may have. */
  maxXmlTokenBytes: number;
  /** Deepest XML element nesting a JUnit file may have. */
  maxXmlDepth: number;
}

export const GiB = 1024 ** 3;
export const MiB = 1024 ** 2;

export const DEFAULT_LIMITS: BundleLimits = {
  maxMembers: 10_000,
  maxMemberBytes: 2 * GiB,
  maxTotalBytes: 4 * GiB,
  maxRatio: 200,
  ratioGraceBytes: 64 * MiB,
  maxLineBytes: 1 * MiB,
  maxXmlTokenBytes: 16 * MiB,
  maxXmlDepth: 64,
};

/** Parse `--limit name=value` style overrides ("2GiB", "500MB", "10000"). */
export function parseLimit(value: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(B|KB|KiB|MB|MiB|GB|GiB|TB|TiB)?$/i.exec(value.trim());
  if (!m) throw new Error(`"${value}" is not a size or count (e.g. 10000, 500MiB, 2GiB)`);
  const units: Record<string, number> = { b: 1, kb: 1e3, kib: 1024, mb: 1e6, mib: MiB, gb: 1e9, gib: GiB, tb: 1e12, tib: 1024 * GiB };
  return Math.floor(Number(m[1]) * (m[2] ? units[m[2].toLowerCase()]! : 1));
}
