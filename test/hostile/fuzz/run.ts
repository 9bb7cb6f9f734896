// One fuzz run of one target: fast-check generates mutated inputs from a seed, each must be
// read within a time bound without breaking the target's contract; a failure is shrunk to a
// small reproducer (the input's bytes, and fast-check's seed and path to replay it).
import fc from 'fast-check';
import { inputArb, type FuzzInput } from './mutate.js';
import { inputBytes, type FuzzTarget } from './targets.js';

export interface FuzzOptions {
  seed: number;
  runs: number;
  /** Longest one input may take, in ms (a parser that slows down super-linearly fails here). */
  budgetMs: number;
  /** Replay one case of an earlier run (fast-check's counterexample path). */
  path?: string;
  /** Called with each input before it is read (the watchdog's record of what is running). */
  onInput?: (input: FuzzInput) => void;
}

export interface FuzzFailure {
  message: string;
  input: FuzzInput;
  bytes: Uint8Array;
  /** fast-check's seed and path: `--seed S --path P` replays exactly this case. */
  seed: number;
  path: string;
}

export interface FuzzReport {
  target: string;
  runs: number;
  ms: number;
  /** The slowest single input, in ms. */
  slowestMs: number;
  failure?: FuzzFailure;
}

/**
 * Read one input; resolves to the time it took. Rejects with what the target throws, and
 * also for a process warning (which a user would see as "(node:PID) Warning: …" on standard error).
 */
export async function readOnce(target: FuzzTarget, bytes: Uint8Array, chunks: readonly number[]): Promise<number> {
  const warnings: string[] = [];
  const emitWarning = process.emitWarning;
  process.emitWarning = ((w: string | Error) =>
    void warnings.push(w instanceof Error ? w.message : String(w))) as typeof process.emitWarning;
  const t0 = performance.now();
  try {
    await target.run(bytes, chunks);
  } finally {
    process.emitWarning = emitWarning;
  }
  const ms = performance.now() - t0;
  if (warnings.length) throw new Error(`a process warning: ${warnings[0]!.slice(0, 300)}`);
  return ms;
}

/** Fuzz `target`; never rejects for a failing input (the report says). */
export async function fuzz(target: FuzzTarget, opts: FuzzOptions): Promise<FuzzReport> {
  const seeds = target.seeds();
  let slowestMs = 0;
  const started = performance.now();
  const property = fc.asyncProperty(inputArb(seeds.length), async (input) => {
    opts.onInput?.(input);
    const bytes = inputBytes(target, seeds, input);
    const ms = await readOnce(target, bytes, input.chunks);
    slowestMs = Math.max(slowestMs, ms);
    if (ms > opts.budgetMs)
      throw new Error(`took ${ms.toFixed(0)} ms to read ${bytes.length} bytes (the bound is ${opts.budgetMs} ms)`);
  });
  const details = await fc.check(property, {
    seed: opts.seed,
    numRuns: opts.runs,
    ...(opts.path ? { path: opts.path } : {}),
  });
  const report: FuzzReport = { target: target.name, runs: details.numRuns, ms: performance.now() - started, slowestMs };
  if (details.failed && details.counterexample) {
    const [input] = details.counterexample;
    const e = details.errorInstance;
    report.failure = {
      message: e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e),
      input,
      bytes: inputBytes(target, seeds, input),
      seed: details.seed,
      path: details.counterexamplePath ?? '',
    };
  }
  return report;
}
