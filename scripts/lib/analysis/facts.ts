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

/**
 * The submissions whose bundle can be checked: in scope, valid result.yaml, exactly one
 * .tgz. Each bundle is read once per validation run: every bundle check shares the first
 * call's facts (or its failure, so a crash is not paid again by every check).
 */
export async function bundleFacts(ctx: CheckContext): Promise<BundleFacts[]> {
  if (ctx.skipBundles) return [];
  const cached = ctx.memo.get(MEMO) as BundleFacts[] | Error | undefined;
  if (cached instanceof Error) throw cached;
  if (cached) return cached;
  try {
    const facts = await gatherFacts(ctx);
    ctx.memo.set(MEMO, facts);
    return facts;
  } catch (e) {
    ctx.memo.set(MEMO, e);
    throw e;
  }
}

/** The facts a validation run has gathered (undefined when no bundle check ran, or it failed). */
export function gatheredBundleFacts(ctx: CheckContext): BundleFacts[] | undefined {
  const cached = ctx.memo.get(MEMO) as BundleFacts[] | Error | undefined;
  return cached instanceof Error ? undefined : cached;
}

async function gatherFacts(ctx: CheckContext): Promise<BundleFacts[]> {
  const out: BundleFacts[] = [];
  const cycles = cyclesByName(ctx.repo);
  const drivers = driversById(ctx.repo);
  for (const sub of ctx.repo.submissions) {
    if (!ctx.inScope(sub) || !sub.result?.data) continue;
    const tgz = sub.entries.filter((e) => e.kind === 'file' && e.name.endsWith('.tgz'));
    if (tgz.length !== 1) continue;
    const bundlePath = `${sub.path}/${tgz[0]!.name}`;
    const abs = join(ctx.repo.root, bundlePath);
    const facts: BundleFacts = {
      sub,
      result: sub.result.data,
      bundlePath,
      bundleBytes: statSync(abs).size,
      cycle: cycles.get(sub.cycle),
      driver: drivers.get(sub.driver),
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
    out.push(facts);
  }
  return out;
}

async function sha256Of(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest('hex');
}

/** How a finding names a member of a bundle: `path.tgz!member`. */
export function memberFile(bundlePath: string, member: string): string {
  return `${bundlePath}!${member}`;
}
