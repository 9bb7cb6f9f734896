// How long reading a repository's result.yaml files takes with each reader, in a fresh
// process (cold JIT, as the CLI runs). Run by bench/matrix.ts --ideas, which builds the
// compiled tree first (the workers load dist/); by hand:
//   npx tsx bench/matrix-ideas.ts STRATEGY DIR
// Prints one JSON line: the strategy, the files read, wall and CPU milliseconds (CPU counts
// every thread of the process, workers included).
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { load as jsYamlLoad } from 'js-yaml';
import { parse } from 'yaml';
import { readYamlFast } from '../scripts/lib/yaml-fast.js';
import { validatorFor } from '../scripts/lib/schema.js';
import { loadRepo } from '../scripts/lib/repo.js';

export const STRATEGIES = [
  'yaml',
  'js-yaml',
  'fast reader',
  'fast reader + schema',
  'yaml, 2 workers',
  'js-yaml, 2 workers',
  'fast reader, 2 workers',
  'content-hash cache, warm',
  'loadRepo',
] as const;
export type Strategy = (typeof STRATEGIES)[number];

const ROOT = new URL('..', import.meta.url).pathname;

function resultFiles(root: string): string[] {
  const out: string[] = [];
  for (const c of readdirSync(join(root, 'results')).sort()) {
    for (const d of readdirSync(join(root, 'results', c), { withFileTypes: true }))
      if (d.isDirectory()) out.push(join(root, 'results', c, d.name, 'result.yaml'));
  }
  return out;
}

/** The fast reader, with the yaml package for what it leaves (as yaml-source.ts does). */
function fast(text: string): unknown {
  return (readYamlFast(text) ?? { data: parse(text) }).data;
}

// Each worker reads and parses its share of the files and posts the data back (structured clone).
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { readFileSync } = require('node:fs');
(async () => {
  const YAML = require(workerData.yaml);
  const fast = await import(workerData.fast);
  const parse = {
    yaml: (t) => YAML.parse(t),
    'js-yaml': (t) => require(workerData.jsyaml).load(t),
    fast: (t) => (fast.readYamlFast(t) ?? { data: YAML.parse(t) }).data,
  }[workerData.reader];
  parentPort.postMessage(workerData.files.map((f) => parse(readFileSync(f, 'utf8'))));
})();
`;

async function inWorkers(files: string[], n: number, reader: 'yaml' | 'js-yaml' | 'fast'): Promise<unknown[]> {
  const req = createRequire(import.meta.url);
  const paths = {
    yaml: req.resolve('yaml'),
    jsyaml: req.resolve('js-yaml'),
    fast: new URL('../dist/lib/yaml-fast.js', import.meta.url).href,
  };
  const chunks = Array.from({ length: n }, (_, i) => files.filter((_f, j) => j % n === i));
  const parts = await Promise.all(
    chunks.map(
      (chunk) =>
        new Promise<unknown[]>((resolve, reject) => {
          const w = new Worker(WORKER, { eval: true, workerData: { files: chunk, reader, ...paths } });
          w.once('message', resolve);
          w.once('error', reject);
        }),
    ),
  );
  return parts.flat();
}

/** Where the content-hash cache of `root` is kept (written by `writeHashCache`). */
export function hashCacheFile(root: string): string {
  return `${root}.hash-cache.json`;
}

function contentKey(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('base64url');
}

/** Write what a content-hash cache would hold for `root`: each file's data under the sha256 of its bytes. */
export function writeHashCache(root: string): void {
  const entries: Record<string, unknown> = {};
  for (const f of resultFiles(root)) {
    const bytes = readFileSync(f);
    entries[contentKey(bytes)] = fast(bytes.toString('utf8'));
  }
  writeFileSync(hashCacheFile(root), JSON.stringify(entries));
}

/** Read and parse every result.yaml under `root` with `strategy`; returns how many were read. */
export async function load(strategy: Strategy, root: string): Promise<number> {
  const files = resultFiles(root);
  switch (strategy) {
    case 'yaml':
      return files.map((f) => parse(readFileSync(f, 'utf8'))).length;
    case 'js-yaml':
      return files.map((f) => jsYamlLoad(readFileSync(f, 'utf8'))).length;
    case 'fast reader':
      return files.map((f) => fast(readFileSync(f, 'utf8'))).length;
    case 'fast reader + schema': {
      const validate = validatorFor('result');
      return files.filter((f) => validate(fast(readFileSync(f, 'utf8')))).length;
    }
    case 'yaml, 2 workers':
      return (await inWorkers(files, 2, 'yaml')).length;
    case 'js-yaml, 2 workers':
      return (await inWorkers(files, 2, 'js-yaml')).length;
    case 'fast reader, 2 workers':
      return (await inWorkers(files, 2, 'fast')).length;
    case 'content-hash cache, warm': {
      const cache = JSON.parse(readFileSync(hashCacheFile(root), 'utf8')) as Record<string, unknown>;
      return files.filter((f) => cache[contentKey(readFileSync(f))] !== undefined).length;
    }
    case 'loadRepo':
      return loadRepo(root).submissions.length;
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  const [strategy, root] = process.argv.slice(2) as [Strategy, string];
  if (!STRATEGIES.includes(strategy) || !root) {
    console.error(`usage: npx tsx bench/matrix-ideas.ts STRATEGY DIR (STRATEGY: ${STRATEGIES.join(', ')})`);
    process.exit(2);
  }
  if (strategy.includes('workers') && !existsSync(join(ROOT, 'dist/lib/yaml-fast.js'))) {
    console.error('dist/lib/yaml-fast.js is missing: run `npm run build` first');
    process.exit(2);
  }
  const start = performance.now();
  const cpu0 = process.cpuUsage();
  const n = await load(strategy, root);
  const ms = Math.round(performance.now() - start);
  const { user, system } = process.cpuUsage(cpu0); // all threads of the process, workers included
  process.stdout.write(JSON.stringify({ strategy, files: n, ms, cpu: Math.round((user + system) / 1000) }) + '\n');
}
