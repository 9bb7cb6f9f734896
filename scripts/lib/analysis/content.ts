// Reading one bundle's content: the analysis, what it derives for its cycle, or why it was
// refused, and its sha256 either way. A plain function of plain data, so a worker thread can
// run it (scripts/lib/analysis/pool.ts) and the answer is the same wherever it runs.
import { createReadStream } from 'node:fs';
import { createHash } from 'node:crypto';
import type { Cycle } from '../model.js';
import type { BundleLimits } from '../bundle/limits.js';
import { BundleError, type BundleErrorCode } from '../bundle/errors.js';
import { analyseBundle, type BundleAnalysis } from './analyse.js';
import { deriveResult, type Derivation } from './derive.js';
import { cycleKeys } from '../results/test-ids.js';
import { SourceDigest } from '../results/agreement.js';
import { DurationTable } from '../evidence/duration-table.js';

/** What reading a bundle needs: where it is, how it is named, its limits, its cycle and driver. */
export interface ContentJob {
  abs: string;
  bundlePath: string;
  limits: BundleLimits;
  cycle: Cycle | undefined;
  driver: string;
}

/** What reading a bundle established. */
export interface ContentFacts {
  analysis?: BundleAnalysis;
  derivation?: Derivation;
  /** Why the bundle could not be read (unsafe, corrupt, over a limit). */
  error?: BundleError;
  sha256: string;
}

/** A BundleError as plain data (what crosses a thread). */
export interface BundleErrorData {
  code: BundleErrorCode;
  message: string;
  member: string | undefined;
  tip: string | undefined;
}

/** ContentFacts as plain data. */
export type ContentData = Omit<ContentFacts, 'error'> & { error?: BundleErrorData };

/** Read a bundle's content: analyse it, derive its result for its cycle, or say why it was refused. */
export async function readContent(job: ContentJob): Promise<ContentFacts> {
  const out: Partial<ContentFacts> = {};
  try {
    out.analysis = await analyseBundle(job.abs, {
      limits: job.limits,
      label: job.bundlePath,
      ...(job.cycle ? { wantedKeys: cycleKeys(job.cycle) } : {}),
    });
    if (job.cycle) {
      const d = deriveResult(out.analysis, job.bundlePath, job.cycle, job.driver);
      if (d) out.derivation = d;
    }
  } catch (e) {
    if (!(e instanceof BundleError)) throw e;
    out.error = e;
  }
  // A refused bundle was not hashed to its end: hash the file alone.
  return { ...out, sha256: out.analysis?.sha256 ?? (await sha256File(job.abs)) };
}

/**
 * ContentFacts as plain data. Each source's digest has served its purpose (the sources were
 * compared while reading) and is left behind; the error keeps its code, member and tip.
 */
export function toContentData(f: ContentFacts): ContentData {
  const { error, analysis, ...rest } = f;
  const data: ContentData = { ...rest };
  if (analysis) {
    const sources = analysis.sources.map((s) => ({ ...s, digest: undefined as unknown as SourceDigest }));
    const primary = analysis.primary ? sources[analysis.sources.indexOf(analysis.primary)] : undefined;
    data.analysis = { ...analysis, sources, primary };
  }
  if (error) data.error = { code: error.code, message: error.message, member: error.member, tip: error.tip };
  return data;
}

/**
 * ContentFacts again from plain data (an empty digest stands for each source's spent one; tables get
 * their class back).
 */
export function fromContentData(d: ContentData): ContentFacts {
  const { error, analysis, ...rest } = d;
  const out: ContentFacts = { ...rest };
  if (analysis) {
    for (const s of analysis.sources) {
      s.digest = new SourceDigest();
      if (s.timing) s.timing.durations = DurationTable.revive(s.timing.durations);
    }
    out.analysis = analysis;
  }
  if (error) {
    const opts = {
      ...(error.member !== undefined ? { member: error.member } : {}),
      ...(error.tip !== undefined ? { tip: error.tip } : {}),
    };
    out.error = new BundleError(error.code, error.message, opts);
  }
  return out;
}

/** The sha256 of a file, streamed. */
export async function sha256File(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest('hex');
}
