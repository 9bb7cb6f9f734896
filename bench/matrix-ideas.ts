// The ideas measured before designing the matrix's reader: how long reading and parsing
// every result.yaml takes with each strategy, in a fresh process (cold JIT, like the CLI).
// Run by bench/matrix.ts --ideas; by hand: npx tsx bench/matrix-ideas.ts STRATEGY DIR
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { parse } from 'yaml';
import { parseYamlSubset } from '../scripts/lib/yaml-subset.js';

export const STRATEGIES = ['yaml', 'yaml-2-workers', 'subset', 'cache-cold', 'cache-warm'] as const;
type Strategy = (typeof STRATEGIES)[number];

function resultFiles(root: string): string[] {
  const out: string[] = [];
  for (const c of readdirSync(join(root, 'results')).sort()) {
    for (const d of readdirSync(join(root, 'results', c), { withFileTypes: true }))
      if (d.isDirectory()) out.push(join(root, 'results', c, d.name, 'result.yaml'));
  }
  return out;
}

function parseFast(text: string): unknown {
  return parseYamlSubset(text) ?? parse(text);
}

function extract(_path: string, data: unknown): unknown {
  return data;
}

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { readFileSync } = require('node:fs');
const YAML = require(workerData.yaml);
parentPort.postMessage(workerData.files.map((f) => YAML.parse(readFileSync(f, 'utf8'))));
`;

async function inWorkers(files: string[], n: number): Promise<unknown[]> {
  const yaml = createRequire(import.meta.url).resolve('yaml');
  const chunks = Array.from({ length: n }, (_, i) => files.filter((_f, j) => j % n === i));
  const parts = await Promise.all(
    chunks.map(
      (chunk) =>
        new Promise<unknown[]>((resolve, reject) => {
          const w = new Worker(WORKER, { eval: true, workerData: { files: chunk, yaml } });
          w.once('message', resolve);
          w.once('error', reject);
        }),
    ),
  );
  return parts.flat();
}

/** Read and parse every result.yaml under `root` with `strategy`; returns how many were read. */
export async function load(strategy: Strategy, root: string, cacheFile: string): Promise<number> {
  const files = resultFiles(root);
  switch (strategy) {
    case 'yaml':
      return files.map((f) => extract(f, parse(readFileSync(f, 'utf8')))).length;
    case 'yaml-2-workers':
      return (await inWorkers(files, 2)).length;
    case 'subset':
      return files.map((f) => extract(f, parseFast(readFileSync(f, 'utf8')))).length;
    case 'cache-cold': {
      const cache: Record<string, unknown> = {};
      for (const f of files) {
        const text = readFileSync(f, 'utf8');
        cache[createHash('sha256').update(text).digest('hex')] = extract(f, parseFast(text));
      }
      writeFileSync(cacheFile, JSON.stringify(cache));
      return files.length;
    }
    case 'cache-warm': {
      const cache = JSON.parse(readFileSync(cacheFile, 'utf8')) as Record<string, unknown>;
      let hits = 0;
      for (const f of files)
        if (cache[createHash('sha256').update(readFileSync(f, 'utf8')).digest('hex')] !== undefined) hits++;
      return hits;
    }
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  const [strategy, root, cacheFile = join(root ?? '.', '.ideas-cache.json')] = process.argv.slice(2) as [
    Strategy,
    string,
    string?,
  ];
  const start = performance.now();
  const n = await load(strategy, root, cacheFile);
  process.stdout.write(JSON.stringify({ strategy, files: n, ms: Math.round(performance.now() - start) }) + '\n');
}
