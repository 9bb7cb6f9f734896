// Sharding a full revalidation over N runners: each submission folder belongs to exactly one
// of N parts, decided by the sorted list of folder paths alone, so every runner that checks
// out the same commit computes the same partition without talking to the others.
import { UsageError } from './findings.js';

/** The K-th (1-based) of N parts. */
export interface Shard {
  index: number;
  count: number;
}

/** The most parts a run is split into (GitHub Actions runs at most 256 jobs of a matrix). */
export const MAX_SHARDS = 256;

/** Parse `K/N` (1 ≤ K ≤ N ≤ 256). */
export function parseShard(text: string): Shard {
  const m = /^([1-9][0-9]{0,2})\/([1-9][0-9]{0,2})$/.exec(text.trim());
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || index > count || count > MAX_SHARDS)
    throw new UsageError(`--shard needs K/N with 1 ≤ K ≤ N ≤ ${MAX_SHARDS} (e.g. --shard 2/5), got "${text}"`);
  return { index, count };
}

/**
 * The folders of one part: the folders sorted by path (code unit order, as on every machine)
 * and dealt out in turn, so the parts differ in size by one at most.
 */
export function shardPaths(paths: readonly string[], shard: Shard): Set<string> {
  const sorted = [...new Set(paths)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return new Set(sorted.filter((_, i) => (i % shard.count) + 1 === shard.index));
}
