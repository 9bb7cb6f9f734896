// Each submission's bundle, analysed once per validation run and shared by every bundle check.
import { createReadStream, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { CheckContext } from '../checks/types.js';
import type { Cycle, Driver, Result } from '../model.js';
import { cyclesByName, driversById, type SubmissionDir } from '../repo.js';
import { BundleError } from '../bundle/errors.js';
import { analyseBundle, type BundleAnalysis } from './analyse.js';
import { deriveResult, type Derivation } from './derive.js';
import { cycleKeys } from '../results/test-ids.js';

/** GitHub refuses files over 100 MiB in a repository. */
export const GITHUB_FILE_LIMIT = 100 * 1024 * 1024;

export interface BundleFacts {
  sub: SubmissionDir;
  result: Result;
  /** Repository path of the bundle file. */
  bundlePath: string;
  bundleBytes: number;
  cycle: Cycle | undefined;
  driver: Driver | undefined;
  analysis?: BundleAnalysis;
  /** Why the bundle could not be read (unsafe, corrupt, too large for GitHub). */
  error?: BundleError;
  /** The file's sha256, known even when its content could not be read. */
  sha256?: string;
  tooLarge?: boolean;
  derivation?: Derivation;
}

const MEMO = 'bundle-facts';

/** Each submission's facts, read or being read, and the facts read so far (in reading order). */
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

/** The facts a validation run has gathered (undefined when no bundle check ran). */
export function gatheredBundleFacts(ctx: CheckContext): BundleFacts[] | undefined {
  const memo = ctx.memo.get(MEMO) as FactsMemo | undefined;
  return memo ? [...memo.read.values()] : undefined;
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
  if (facts.bundleBytes > GITHUB_FILE_LIMIT) {
    facts.tooLarge = true;
  } else {
    try {
      facts.analysis = await analyseBundle(abs, {
        limits: ctx.limits,
        label: bundlePath,
        ...(facts.cycle ? { wantedKeys: cycleKeys(facts.cycle) } : {}),
      });
      if (facts.cycle) {
        const d = deriveResult(facts.analysis, bundlePath, facts.cycle, sub.driver);
        if (d) facts.derivation = d;
      }
    } catch (e) {
      if (!(e instanceof BundleError)) throw e;
      facts.error = e;
    }
  }
  // A bundle that is too large or refused was not hashed to its end: hash the file alone.
  facts.sha256 = facts.analysis?.sha256 ?? (await sha256Of(abs));
  return facts;
}

async function sha256Of(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest('hex');
}
