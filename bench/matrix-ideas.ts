// How long reading the 2,400 result.yaml files takes with each reader, in a fresh process
// (cold JIT, as the CLI runs). Run by bench/matrix.ts --ideas; by hand:
//   npx tsx bench/matrix-ideas.ts STRATEGY DIR CACHE_DIR
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { parse } from 'yaml';
import { readYamlFast } from '../scripts/lib/yaml-fast.js';
import { NO_CACHE, openParseCache } from '../scripts/lib/parse-cache.js';
import { loadRepo } from '../scripts/lib/repo.js';

export const STRATEGIES = [
  'yaml',
  'js-yaml',
  'yaml, 2 workers',
  'js-yaml, 2 workers',
  'loadRepo, no cache',
  'loadRepo, cache cold',
  'loadRepo, cache warm',
] as const;
type Strategy = (typeof STRATEGIES)[number];

function resultFiles(root: string): string[] {
  const out: string[] = [];
  for (const c of readdirSync(join(root, 'results')).sort()) {
    for (const d of readdirSync(join(root, 'results', c), { withFileTypes: true }))
      if (d.isDirectory()) out.push(join(root, 'results', c, d.name, 'result.yaml'));
  }
  return out;
}

/** The shipped fast reader, with the yaml package for what it leaves (as yaml-source.ts does). */
function fast(text: string): unknown {
  return (readYamlFast(text) ?? { data: parse(text) }).data;
}

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { readFileSync } = require('node:fs');
const YAML = require(workerData.yaml);
const JSY = require(workerData.jsyaml);
const parse = workerData.jsy ? (t) => JSY.load(t) : (t) => YAML.parse(t);
parentPort.postMessage(workerData.files.map((f) => parse(readFileSync(f, 'utf8'))));
`;

async function inWorkers(files: string[], n: number, jsy: boolean): Promise<unknown[]> {
  const req = createRequire(import.meta.url);
  const [yaml, jsyaml] = [req.resolve('yaml'), req.resolve('js-yaml')];
  const chunks = Array.from({ length: n }, (_, i) => files.filter((_f, j) => j % n === i));
  const parts = await Promise.all(
    chunks.map(
      (chunk) =>
        new Promise<unknown[]>((resolve, reject) => {
          const w = new Worker(WORKER, { eval: true, workerData: { files: chunk, yaml, jsyaml, jsy } });
          w.once('message', resolve);
          w.once('error', reject);
        }),
    ),
  );
  return parts.flat();
}

/** Read and parse every result.yaml under `root` with `strategy`; returns how many were read. */
export async function load(strategy: Strategy, root: string, cacheDir: string): Promise<number> {
  const files = resultFiles(root);
  switch (strategy) {
    case 'yaml':
      return files.map((f) => parse(readFileSync(f, 'utf8'))).length;
    case 'js-yaml':
      return files.map((f) => fast(readFileSync(f, 'utf8'))).length;
    case 'yaml, 2 workers':
      return (await inWorkers(files, 2, false)).length;
    case 'js-yaml, 2 workers':
      return (await inWorkers(files, 2, true)).length;
    case 'loadRepo, no cache':
      return loadRepo(root, NO_CACHE).submissions.length;
    case 'loadRepo, cache cold':
    case 'loadRepo, cache warm':
      return loadRepo(root, openParseCache(cacheDir)).submissions.length;
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  const [strategy, root, cacheDir] = process.argv.slice(2) as [Strategy, string, string];
  const start = performance.now();
  const cpu0 = process.cpuUsage();
  const n = await load(strategy, root, cacheDir);
  const ms = Math.round(performance.now() - start);
  const { user, system } = process.cpuUsage(cpu0); // all threads of the process, workers included
  process.stdout.write(JSON.stringify({ strategy, files: n, ms, cpu: Math.round((user + system) / 1000) }) + '\n');
}
