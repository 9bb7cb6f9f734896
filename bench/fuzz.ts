// Fuzz every result parser, the YAML loader and the bundle (tar) reader
// (test/hostile/fuzz/targets.ts) with mutated and truncated copies of the golden files and
// bundles, and report crashes, contract breaks, slow inputs and hangs, each with a file
// holding the input and the command that replays it.
//
//   npx tsx bench/fuzz.ts [--runs 100000] [--seed N] [--target NAME]… [--budget MS] [--timeout MS] [--out DIR] [--json]
//   npx tsx bench/fuzz.ts --target NAME --replay FILE       read one saved input, with the stack of any error
//   npx tsx bench/fuzz.ts --target NAME --seed S --path P   replay fast-check's counterexample
//
// Each target runs in a worker thread, as many at once as there are cores. The worker tells
// the watchdog each input before reading it; a worker silent for --timeout ms (default 30 s)
// is stopped and its last input saved as a hang. `npm test` runs a fixed seed
// (test/hostile/fuzz.test.ts); failures are written to bench/out/fuzz/. Exit 1 when any
// target failed.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FuzzInput } from '../test/hostile/fuzz/mutate.js';
import { readOnce, type FuzzReport } from '../test/hostile/fuzz/run.js';
import { TARGETS, inputBytes, type FuzzTarget } from '../test/hostile/fuzz/targets.js';
import { BenchArgs } from './lib/args.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BOOT = new URL('../test/hostile/fuzz/worker-boot.mjs', import.meta.url);
const WORKER = new URL('../test/hostile/fuzz/worker.ts', import.meta.url).href;

const args = new BenchArgs(
  import.meta.url,
  {
    runs: { type: 'string', default: '10000' },
    seed: { type: 'string' },
    target: { type: 'string', multiple: true },
    budget: { type: 'string', default: '2000' },
    timeout: { type: 'string', default: '30000' },
    path: { type: 'string' },
    replay: { type: 'string' },
    json: { type: 'boolean', default: false },
    out: { type: 'string' },
  },
  `\nTargets:\n${TARGETS.map((t) => `  ${t.name}`).join('\n')}\n`,
);
const { values } = args;

const seed = values.seed !== undefined ? args.int('seed', 0) : Date.now() % 2 ** 31;
const runs = args.int('runs');
const budgetMs = args.int('budget');
const timeoutMs = args.int('timeout');
const OUT = resolve(values.out ?? join(ROOT, 'bench/out/fuzz'));
const chosen = values.target?.length ? TARGETS.filter((t) => values.target!.includes(t.name)) : TARGETS;
if (chosen.length === 0)
  args.fail(`no target named ${values.target?.join(', ')}; targets: ${TARGETS.map((t) => t.name).join(', ')}`);

const slug = (s: string) =>
  s
    .replace(/[^a-z0-9]+/gi, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase();
const shellQuote = (s: string) => (/^[\w./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

interface Outcome {
  target: string;
  runs: number;
  ms: number;
  slowestMs: number;
  failure?: { kind: 'error' | 'hang'; message: string; file: string; replay: string[] };
}

/** Save a failing input and say how to replay it. */
function saved(
  target: FuzzTarget,
  kind: 'error' | 'hang',
  bytes: Uint8Array,
  extra?: { seed: number; path: string },
): { file: string; replay: string[] } {
  mkdirSync(OUT, { recursive: true });
  const file = join(OUT, `${slug(target.name)}-${kind}-${seed}.bin`);
  writeFileSync(file, bytes);
  const shown = file.startsWith(ROOT + '/') ? relative(ROOT, file) : file;
  const replay = [`npx tsx bench/fuzz.ts --target ${shellQuote(target.name)} --replay ${shellQuote(shown)}`];
  if (extra)
    replay.push(
      `npx tsx bench/fuzz.ts --target ${shellQuote(target.name)} --seed ${extra.seed} --path ${extra.path} --runs ${runs}`,
    );
  return { file, replay };
}

/** A worker thread that fuzzes the targets it is sent, one at a time. */
class Lane {
  private worker: Worker | undefined;
  private ready: Promise<void> | undefined;

  private start(): Promise<void> {
    this.worker = new Worker(BOOT, {
      workerData: { module: WORKER, seed, runs, budgetMs, ...(values.path ? { path: values.path } : {}) },
    });
    const w = this.worker;
    return (this.ready = new Promise((resolve, reject) => {
      w.once('message', () => resolve());
      w.once('error', reject);
    }));
  }

  /** Fuzz one target, under the watchdog (a hang costs this lane its worker; the next target gets a new one). */
  async run(target: FuzzTarget): Promise<Outcome> {
    if (!this.worker) await this.start();
    await this.ready;
    const worker = this.worker!;
    const started = performance.now();
    return new Promise((done) => {
      let last: FuzzInput | undefined;
      let count = 0;
      let heard = performance.now();
      const finish = (o: Outcome, broken = false) => {
        clearInterval(watch);
        worker.off('message', onMessage);
        worker.off('error', onError);
        if (broken) {
          void worker.terminate();
          this.worker = undefined;
        }
        done(o);
      };
      const watch = setInterval(
        () => {
          if (performance.now() - heard < timeoutMs) return;
          const bytes = last ? inputBytes(target, target.seeds(), last) : new Uint8Array(0);
          finish(
            {
              target: target.name,
              runs: count,
              ms: performance.now() - started,
              slowestMs: timeoutMs,
              failure: {
                kind: 'hang',
                message: `no answer for ${timeoutMs} ms while reading input ${count} (${bytes.length} bytes, chunks ${JSON.stringify(last?.chunks)})`,
                ...saved(target, 'hang', bytes),
              },
            },
            true,
          );
        },
        Math.min(1000, timeoutMs / 4),
      );
      const onMessage = (m: { type: 'input'; input: FuzzInput } | { type: 'done'; report: FuzzReport }) => {
        heard = performance.now();
        if (m.type === 'input') {
          last = m.input;
          count++;
          return;
        }
        const r = m.report;
        const o: Outcome = { target: r.target, runs: r.runs, ms: r.ms, slowestMs: r.slowestMs };
        if (r.failure)
          o.failure = {
            kind: 'error',
            message: r.failure.message,
            ...saved(target, 'error', r.failure.bytes, { seed: r.failure.seed, path: r.failure.path }),
          };
        finish(o);
      };
      const onError = (e: Error) =>
        finish(
          {
            target: target.name,
            runs: count,
            ms: performance.now() - started,
            slowestMs: 0,
            failure: { kind: 'error', message: `the worker died: ${e.stack ?? e.message}`, file: '', replay: [] },
          },
          true,
        );
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.postMessage(target.name);
    });
  }

  close(): void {
    void this.worker?.terminate();
  }
}

/** Run the targets on `availableParallelism()` lanes. */
async function runAll(): Promise<Outcome[]> {
  const queue = [...chosen];
  const out: Outcome[] = [];
  const lanes = Array.from({ length: Math.max(1, Math.min(availableParallelism(), queue.length)) }, async () => {
    const lane = new Lane();
    for (let t = queue.shift(); t; t = queue.shift()) {
      const o = await lane.run(t);
      out.push(o);
      if (!values.json)
        process.stderr.write(
          `${o.failure ? 'FAIL' : 'ok  '} ${o.target}: ${o.runs} inputs in ${(o.ms / 1000).toFixed(1)} s, slowest ${o.slowestMs.toFixed(0)} ms\n`,
        );
    }
    lane.close();
  });
  await Promise.all(lanes);
  return chosen.map((t) => out.find((o) => o.target === t.name)!);
}

if (values.replay) {
  if (chosen.length !== 1) args.fail('--replay needs exactly one --target');
  const bytes = readFileSync(values.replay);
  const ms = await readOnce(chosen[0]!, bytes, [bytes.length]);
  process.stderr.write(
    `${chosen[0]!.name}: ${values.replay} (${bytes.length} bytes) read in ${ms.toFixed(0)} ms without error\n`,
  );
} else {
  const started = performance.now();
  const outcomes = await runAll();
  const failures = outcomes.filter((o) => o.failure);
  const total = outcomes.reduce((n, o) => n + o.runs, 0);
  if (values.json) {
    process.stdout.write(
      JSON.stringify(
        {
          ok: failures.length === 0,
          seed,
          runs,
          budgetMs,
          inputs: total,
          ms: Math.round(performance.now() - started),
          targets: outcomes,
        },
        null,
        2,
      ) + '\n',
    );
  } else {
    process.stderr.write(
      `\n${total} inputs, ${outcomes.length} targets, seed ${seed}, ${((performance.now() - started) / 1000).toFixed(1)} s: ${failures.length ? `${failures.length} failed` : 'no failure'}\n`,
    );
    for (const f of failures)
      process.stderr.write(
        `\n${f.target}: ${f.failure!.kind}\n${f.failure!.message}\n  input: ${f.failure!.file}\n${f.failure!.replay.map((r) => `  replay: ${r}`).join('\n')}\n`,
      );
  }
  process.exitCode = failures.length ? 1 : 0;
}
