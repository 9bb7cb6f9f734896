// The audit's shards, merged: each shard's `validate --shard K/N --format json` report read
// back (as untrusted data: a shard's file is an artifact), then one report of the whole
// repository. drivers.yaml and the cycles are checked by every shard, so a finding that
// several shards report is kept once; submissions and bundles are counted once each.
import { InputError } from '../findings.js';
import { toReport, type Report } from '../checks/runner.js';
import type { Finding, Level } from '../findings.js';
import type { ReportStats } from '../report-format.js';

/** One shard's report as read from its JSON file. */
export interface ShardReport {
  file: string;
  findings: Finding[];
  stats: ReportStats;
}

/** The shards' reports merged into one. */
export interface MergedAudit {
  report: Report;
  stats: ReportStats;
  /** The shard files that were read. */
  shards: string[];
}

const LISTS: readonly [key: 'errors' | 'warnings' | 'notices', level: Level][] = [
  ['errors', 'error'],
  ['warnings', 'warning'],
  ['notices', 'notice'],
];

/** Read one shard's JSON report; anything not of that shape is an InputError naming the file. */
export function parseShardReport(file: string, text: string): ShardReport {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new InputError(`is not JSON: ${(e as Error).message}`, { file, tip: SHARD_TIP });
  }
  const doc = data as Record<string, unknown> | null;
  if (typeof doc !== 'object' || doc === null) throw shapeError(file, 'not an object');
  const findings: Finding[] = [];
  for (const [key, level] of LISTS) {
    const list = doc[key];
    if (!Array.isArray(list)) throw shapeError(file, `"${key}" is not a list`);
    for (const [i, f] of list.entries()) findings.push(toFinding(file, `${key}[${i}]`, f, level));
  }
  return { file, findings, stats: toStats(file, doc.summary) };
}

/** Merge the shards' reports: identical findings once, counts of submissions and bundles added up. */
export function mergeShardReports(shards: readonly ShardReport[]): MergedAudit {
  const seen = new Map<string, Finding>();
  for (const s of shards) for (const f of s.findings) seen.set(JSON.stringify(f), f);
  const stats: ReportStats = { drivers: 0, cycles: 0, submissions: 0, bundles: 0 };
  let pointers = 0;
  for (const s of shards) {
    stats.drivers = Math.max(stats.drivers, s.stats.drivers);
    stats.cycles = Math.max(stats.cycles, s.stats.cycles);
    stats.submissions += s.stats.submissions;
    stats.bundles += s.stats.bundles;
    pointers += s.stats.pointers ?? 0;
  }
  if (pointers) stats.pointers = pointers;
  return { report: toReport([...seen.values()]), stats, shards: shards.map((s) => s.file) };
}

const SHARD_TIP = 'A shard report is what `drivercert validate --shard K/N --format json` prints.';

function shapeError(file: string, what: string): InputError {
  return new InputError(`is not a drivercert validate report: ${what}`, { file, tip: SHARD_TIP });
}

function toFinding(file: string, where: string, f: unknown, level: Level): Finding {
  const o = f as Record<string, unknown> | null;
  const text = (k: string) => typeof o?.[k] === 'string';
  if (typeof o !== 'object' || o === null || !text('file') || !text('rule') || !text('check') || !text('message'))
    throw shapeError(file, `${where} is not a finding (file, rule, check, message)`);
  const out: Finding = { level, rule: '', check: '', file: '', message: '' };
  for (const k of ['rule', 'check', 'file', 'message', 'pointer', 'tip'] as const) {
    if (text(k)) out[k] = o[k] as string;
  }
  for (const k of ['line', 'col'] as const) {
    if (Number.isSafeInteger(o[k])) out[k] = o[k] as number;
  }
  return out;
}

function toStats(file: string, s: unknown): ReportStats {
  const o = s as Record<string, unknown> | null;
  const count = (k: string) => (Number.isSafeInteger(o?.[k]) && (o![k] as number) >= 0 ? (o![k] as number) : -1);
  const stats: ReportStats = {
    drivers: count('drivers'),
    cycles: count('cycles'),
    submissions: count('submissions'),
    bundles: count('bundles'),
  };
  if (Object.values(stats).some((n) => n < 0)) throw shapeError(file, '"summary" does not count what it checked');
  if (o?.pointers !== undefined) {
    if (count('pointers') < 0) throw shapeError(file, '"summary.pointers" is not a count');
    stats.pointers = count('pointers');
  }
  return stats;
}
