// Fuzz runs in a worker thread, watched by bench/fuzz.ts: the parent sends a target's name,
// the worker tells it each input before reading it (so a hang can be reported with the
// input that caused it) and then the report, and waits for the next target.
import { parentPort, workerData } from 'node:worker_threads';
import { fuzz, type FuzzOptions } from './run.js';
import { TARGETS } from './targets.js';

const opts = workerData as Omit<FuzzOptions, 'onInput'>;
const port = parentPort!;
port.on('message', async (name: string) => {
  const target = TARGETS.find((t) => t.name === name);
  if (!target) throw new Error(`no fuzz target named ${name}`);
  const report = await fuzz(target, { ...opts, onInput: (input) => port.postMessage({ type: 'input', input }) });
  port.postMessage({ type: 'done', report });
});
port.postMessage({ type: 'ready' });
