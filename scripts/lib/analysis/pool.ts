// Reading bundles in worker threads (`validate --jobs N`): N workers, each reading one bundle
// at a time, so N bundles are inflated and parsed at once on N cores. What a worker reads is
// exactly what readContent reads in this thread (content.ts), so the report is the same.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { fromContentData, type ContentFacts, type ContentJob } from './content.js';
import type { WorkerRequest, WorkerResponse } from './content-worker.js';
import type { ContentReader } from './facts.js';

/** The most workers `--jobs` starts. */
export const MAX_JOBS = 4;

/**
 * Each worker's young generation, kept small: a worker allocates in short-lived chunks
 * (zlib's 256 KiB outputs, lines, test records), and V8's default semi-spaces would add
 * tens of MB of resident memory per worker, against the whole process's 200 MB bound.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 4 };

/** The default number of workers: one per core, at most MAX_JOBS. */
export function defaultJobs(): number {
  return Math.max(1, Math.min(availableParallelism(), MAX_JOBS));
}

/** A pool of worker threads reading bundle content; close() when done. */
export interface ContentPool {
  read: ContentReader;
  close(): Promise<void>;
}

interface Pending {
  job: ContentJob;
  resolve(f: ContentFacts): void;
  reject(e: Error): void;
}

/**
 * How to start a worker: the built content-worker.js next to this file, or, when this file runs
 * from its TypeScript source (the tests), a bootstrap that loads content-worker.ts through tsx.
 */
function workerSource(): { source: string | URL; eval: boolean } {
  if (!import.meta.url.endsWith('.ts')) return { source: new URL('./content-worker.js', import.meta.url), eval: false };
  const tsx = tsxApi();
  const worker = new URL('./content-worker.ts', import.meta.url).href;
  const at = JSON.stringify(worker);
  const boot = `import(${JSON.stringify(tsx)}).then((t) => t.tsImport(${at}, ${at}))`;
  return { source: boot, eval: true };
}

/** The file URL of tsx's ESM API (`import('tsx/esm/api')`, resolved here: an eval'd worker has no location). */
function tsxApi(): string {
  const manifest = createRequire(import.meta.url).resolve('tsx/package.json');
  const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as {
    exports: Record<string, { import: { default: string } }>;
  };
  return pathToFileURL(join(dirname(manifest), pkg.exports['./esm/api']!.import.default)).href;
}

/** Start (lazily) up to `size` workers reading bundle content. */
export function contentPool(size: number): ContentPool {
  const queue: Pending[] = [];
  const idle: Worker[] = [];
  const busy = new Map<Worker, Pending>();
  const dead = new WeakSet<Worker>();
  let started = 0;
  let nextId = 0;
  const entry = workerSource();

  const spawn = (): Worker => {
    const w = new Worker(entry.source, { eval: entry.eval, resourceLimits: WORKER_LIMITS });
    started++;
    w.on('message', (res: WorkerResponse) => {
      const p = busy.get(w);
      busy.delete(w);
      if (p) {
        if ('failure' in res) p.reject(new Error(res.failure));
        else p.resolve(fromContentData(res.data));
      }
      idle.push(w);
      pump();
    });
    w.on('error', (e) => fail(w, e));
    w.on('exit', (code) => fail(w, new Error(`a worker reading bundles stopped (exit status ${code})`)));
    return w;
  };

  /** A worker that died: its job fails, the others go on (a new worker takes its place). */
  const fail = (w: Worker, e: Error) => {
    if (dead.has(w)) return; // 'error' is followed by 'exit'
    dead.add(w);
    const p = busy.get(w);
    busy.delete(w);
    const i = idle.indexOf(w);
    if (i >= 0) idle.splice(i, 1);
    started--;
    p?.reject(new Error(`reading ${p.job.bundlePath} in a worker thread failed: ${e.message}`));
    pump();
  };

  const pump = () => {
    while (queue.length > 0) {
      const w = idle.pop() ?? (started < size ? spawn() : undefined);
      if (!w) return;
      const p = queue.shift()!;
      busy.set(w, p);
      w.postMessage({ id: nextId++, job: p.job } satisfies WorkerRequest);
    }
  };

  return {
    read: (job) =>
      new Promise<ContentFacts>((resolve, reject) => {
        queue.push({ job, resolve, reject });
        pump();
      }),
    async close() {
      const all = [...idle, ...busy.keys()];
      idle.length = 0;
      for (const w of all) w.removeAllListeners('exit');
      await Promise.all(all.map((w) => w.terminate()));
    },
  };
}
