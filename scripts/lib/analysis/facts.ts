// Each submission's bundle, analysed once per validation run and shared by every bundle check.
// A bundle stored in Git LFS whose content was not fetched is a pointer: its identity (sha256
// and size) is then known from the pointer alone, and nothing else about it.
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { CheckContext } from '../checks/types.js';
import type { Cycle, Driver, Result } from '../model.js';
import { cyclesByName, driversById, type SubmissionDir } from '../repo.js';
import type { BundleError } from '../bundle/errors.js';
import type { BundleAnalysis } from './analyse.js';
import type { Derivation } from './derive.js';
import { readContent, sha256File, type ContentFacts, type ContentJob } from './content.js';
import { POINTER_MAX_BYTES, readPointer, type LfsPointer } from '../lfs/pointer.js';

/** GitHub refuses files over 100 MiB in a repository. */
export const GITHUB_FILE_LIMIT = 100 * 1024 * 1024;

export interface BundleFacts {
  sub: SubmissionDir;
  result: Result;
  /** Repository path of the bundle file. */
  bundlePath: string;
  /** The bundle's size (the pointer's `size` when only its LFS pointer is here). */
  bundleBytes: number;
  cycle: Cycle | undefined;
  driver: Driver | undefined;
  analysis?: BundleAnalysis;
  /** Why the bundle could not be read (unsafe, corrupt, too large for GitHub). */
  error?: BundleError;
  /** The file's sha256, known even when its content could not be read (the pointer's oid for a pointer). */
  sha256?: string;
  tooLarge?: boolean;
  derivation?: Derivation;
  /** Set when the file is a Git LFS pointer: the content was not fetched, only its identity is known. */
  lfs?: LfsPointer;
  /** Set when the file starts like an LFS pointer but is not a valid one. */
  badPointer?: { problem: string; line: number };
}

/** Reads bundle content for a run: in this thread, or in worker threads (`--jobs`). */
export type ContentReader = (job: ContentJob) => Promise<ContentFacts>;

const MEMO = 'bundle-facts';

/** Each submission's facts, read or being read, and the facts read so far. */
interface FactsMemo {
  pending: Map<string, Promise<BundleFacts | undefined>>;
  read: Map<string, BundleFacts>;
}

/**
 * The facts of one submission's bundle, when it can be checked: in scope, valid result.yaml,
 * exactly one .tgz. Each bundle is read once per validation run: every bundle check shares
 * the first call's facts (or its failure, so a crash is not paid again by every check).
 */
export async function bundleFacts(ctx: CheckContext, sub: SubmissionDir): Promise<BundleFacts | undefined> {
  if (ctx.skipBundles || !ctx.inScope(sub)) return undefined;
  let memo = ctx.memo.get(MEMO) as FactsMemo | undefined;
  if (!memo) ctx.memo.set(MEMO, (memo = { pending: new Map(), read: new Map() }));
  let facts = memo.pending.get(sub.path);
  if (!facts) {
    const read = memo.read;
    facts = gatherFacts(ctx, sub).then((f) => {
      if (f) read.set(sub.path, f);
      return f;
    });
    memo.pending.set(sub.path, facts);
  }
  return facts;
}

/** Start reading the bundles of every submission in scope (with a pool of workers, they are read at once). */
export function prefetchBundleFacts(ctx: CheckContext): void {
  for (const sub of ctx.repo.submissions) {
    // A failure is reported by the first check that awaits these facts.
    if (ctx.inScope(sub)) bundleFacts(ctx, sub).catch(() => undefined);
  }
}

/** The facts a validation run has gathered (undefined when no bundle check ran). */
export function gatheredBundleFacts(ctx: CheckContext): BundleFacts[] | undefined {
  const memo = ctx.memo.get(MEMO) as FactsMemo | undefined;
  // In the order they were asked for (the submissions' order), however the reads finished.
  return memo ? [...memo.pending.keys()].flatMap((k) => memo.read.get(k) ?? []) : undefined;
}

async function gatherFacts(ctx: CheckContext, sub: SubmissionDir): Promise<BundleFacts | undefined> {
  if (!sub.result?.data) return undefined;
  const tgz = sub.entries.filter((e) => e.kind === 'file' && e.name.endsWith('.tgz'));
  if (tgz.length !== 1) return undefined;
  const bundlePath = `${sub.path}/${tgz[0]!.name}`;
  const abs = join(ctx.repo.root, bundlePath);
  const facts: BundleFacts = {
    sub,
    result: sub.result.data,
    bundlePath,
    bundleBytes: statSync(abs).size,
    cycle: cyclesByName(ctx.repo).get(sub.cycle),
    driver: driversById(ctx.repo).get(sub.driver),
  };
  if (facts.bundleBytes <= POINTER_MAX_BYTES) {
    const read = readPointer(readSmall(abs));
    if (read && 'pointer' in read) {
      // Known from the pointer alone: its identity, and whether it is too large to be fetched and read.
      const tooLarge = read.pointer.size > GITHUB_FILE_LIMIT ? { tooLarge: true } : {};
      return { ...facts, lfs: read.pointer, bundleBytes: read.pointer.size, sha256: read.pointer.oid, ...tooLarge };
    }
    if (read) facts.badPointer = read;
  }
  if (facts.bundleBytes > GITHUB_FILE_LIMIT) {
    facts.tooLarge = true;
  }
  const job: ContentJob = { abs, bundlePath, limits: ctx.limits, cycle: facts.cycle, driver: sub.driver };
  // A bundle too large for GitHub is only hashed (readContent of a file over every limit would say less).
  const content = facts.tooLarge ? await hashOnly(job) : await (ctx.readContent ?? readContent)(job);
  return { ...facts, ...content };
}

/** The sha256 of a file not to be read (ContentFacts without analysis). */
async function hashOnly(job: ContentJob): Promise<ContentFacts> {
  return { sha256: await sha256File(job.abs) };
}

/** A small file's bytes (a pointer is at most POINTER_MAX_BYTES). */
function readSmall(abs: string): Buffer {
  const buf = Buffer.alloc(POINTER_MAX_BYTES + 1);
  const fd = openSync(abs, 'r');
  try {
    return buf.subarray(0, readSync(fd, buf, 0, buf.length, 0));
  } finally {
    closeSync(fd);
  }
}
