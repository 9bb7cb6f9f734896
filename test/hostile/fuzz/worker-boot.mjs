// Worker threads do not inherit tsx's loader: register it, then load the TypeScript worker
// named in workerData.module (bench/fuzz.ts starts its workers through this file).
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.module);
