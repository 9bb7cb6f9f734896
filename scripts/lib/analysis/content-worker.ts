// A worker thread of the content pool (scripts/lib/analysis/pool.ts): reads the bundles it is
// sent, one at a time, and answers with plain data.
import { parentPort } from 'node:worker_threads';
import { readContent, toContentData, type ContentJob } from './content.js';

/** A job as the pool sends it. */
export interface WorkerRequest {
  id: number;
  job: ContentJob;
}

/** The answer: the content read, or the message of an unexpected failure (a refusal is content). */
export type WorkerResponse = { id: number; data: ReturnType<typeof toContentData> } | { id: number; failure: string };

parentPort?.on('message', (req: WorkerRequest) => {
  readContent(req.job).then(
    (facts) => parentPort!.postMessage({ id: req.id, data: toContentData(facts) } satisfies WorkerResponse),
    (e: unknown) => parentPort!.postMessage({ id: req.id, failure: String((e as Error)?.message ?? e) }),
  );
});
