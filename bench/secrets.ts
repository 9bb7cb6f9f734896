// Bench: our secret scanner against secretlint (its recommended preset) on the labelled corpus
// (test/fixtures/secrets/corpus.yaml): recall, false positives and misses per kind, side by side,
// and the lines secretlint finds that ours misses (its rules to adopt). Then throughput on a
// realistic cinder service log (bench/lib/service-log.ts): ours against the scanner of a git
// revision (default main, the scanner before this one) in the same process, runs alternating,
// and against secretlint on a slice of the same log.
//
//   npx tsx bench/secrets.ts [--runs 7] [--log-mb 100] [--baseline main] [--secretlint-mb 4]
//
// secretlint sees each corpus entry as a file of its own (`.json` when the entry parses as JSON,
// as its GCP rule asks, else `.log`), through its Node API with the preset's default options.
// Times are CPU time of this process (user + system) per pass over the log, medians of the runs:
// the machine is shared, and wall time there measures the neighbours.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSecretLint } from 'secretlint';
import { SECRET_KINDS, type SecretKind } from '../scripts/lib/bundle/secret-rules.js';
import * as ours from '../scripts/lib/bundle/secrets.js';
import { loadSecretCorpus, type CorpusEntry } from '../test/fixtures/secrets/corpus.js';
import { BenchArgs } from './lib/args.js';
import { median, ROOT } from './lib/common.js';
import { scannerAtRevision, serviceLogChunks, type ScannerModule } from './lib/scan-throughput.js';

const PRESET = '@secretlint/secretlint-rule-preset-recommend';

interface Verdicts {
  ours: boolean[];
  oursKind: boolean[];
  secretlint: boolean[];
}

async function main(): Promise<void> {
  const args = new BenchArgs(import.meta.url, {
    runs: { type: 'string', default: '7' },
    'log-mb': { type: 'string', default: '100' },
    baseline: { type: 'string', default: 'main' },
    'secretlint-mb': { type: 'string', default: '4' },
  });
  // throughput first: in a fresh process, before secretlint's modules and the corpus fill the heap
  const speed = await throughput(args);
  const corpus = loadSecretCorpus();
  console.log(corpusTables(corpus, await judge(corpus)));
  console.log(throughputTable(speed));
}

/** Each tool's verdict on each corpus entry. */
async function judge(corpus: CorpusEntry[]): Promise<Verdicts> {
  const found = corpus.map((e) => ours.scanForSecrets(e.line));
  return {
    ours: found.map((f) => f.length > 0),
    oursKind: found.map((f, i) => f[0]?.kind === corpus[i]!.kind),
    secretlint: await secretlintVerdicts(corpus),
  };
}

async function secretlintVerdicts(corpus: CorpusEntry[]): Promise<boolean[]> {
  const dir = mkdtempSync(join(tmpdir(), 'drivercert-secretlint-'));
  try {
    const files = corpus.map((e) => {
      const file = join(dir, `${String(e.index).padStart(4, '0')}${isJson(e.line) ? '.json' : '.log'}`);
      writeFileSync(file, e.line + '\n');
      return file;
    });
    const { stdout } = await runSecretLint({
      cliOptions: { cwd: ROOT, filePathOrGlobList: files, noGlob: true },
      engineOptions: { cwd: ROOT, formatter: 'json', color: false, configFileJSON: { rules: [{ id: PRESET }] } },
    });
    const results = JSON.parse(stdout ?? '[]') as { filePath: string; messages: unknown[] }[];
    const flagged = new Set(results.filter((r) => r.messages.length > 0).map((r) => r.filePath));
    return files.map((f) => flagged.has(f));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function isJson(line: string): boolean {
  try {
    JSON.parse(line);
    return true;
  } catch {
    return false;
  }
}

/** Recall and false positives, in all and per kind; and what secretlint finds that ours misses. */
function corpusTables(corpus: CorpusEntry[], v: Verdicts): string {
  const pos = corpus.map((e, i) => ({ e, i })).filter((x) => x.e.secret);
  const neg = corpus.map((e, i) => ({ e, i })).filter((x) => !x.e.secret);
  const count = (xs: { i: number }[], on: boolean[]) => xs.filter((x) => on[x.i]).length;
  const pct = (n: number, of: number) => `${((100 * n) / of).toFixed(1)} %`;
  const out = [
    `\nCorpus: ${pos.length} lines with a secret, ${neg.length} look-alikes (${corpus.length} in all)\n`,
    '| tool | secrets found (recall) | with the right kind | false positives |',
    '|---|---:|---:|---:|',
    `| drivercert | ${count(pos, v.ours)}/${pos.length} (${pct(count(pos, v.ours), pos.length)}) | ` +
      `${count(pos, v.oursKind)}/${pos.length} | ${count(neg, v.ours)}/${neg.length} |`,
    `| secretlint (recommended preset) | ${count(pos, v.secretlint)}/${pos.length} ` +
      `(${pct(count(pos, v.secretlint), pos.length)}) | — | ${count(neg, v.secretlint)}/${neg.length} |`,
    '\n| kind | secrets | drivercert found | secretlint found | look-alikes | drivercert FP | secretlint FP |',
    '|---|---:|---:|---:|---:|---:|---:|',
  ];
  for (const kind of Object.keys(SECRET_KINDS) as SecretKind[]) {
    const p = pos.filter((x) => x.e.kind === kind);
    const n = neg.filter((x) => x.e.kind === kind);
    out.push(
      `| ${kind} | ${p.length} | ${count(p, v.ours)} | ${count(p, v.secretlint)} | ${n.length} | ` +
        `${count(n, v.ours)} | ${count(n, v.secretlint)} |`,
    );
  }
  const adopt = pos.filter((x) => v.secretlint[x.i] && !v.ours[x.i]);
  out.push(`\nFound by secretlint and missed by drivercert: ${adopt.length}`);
  for (const x of adopt) out.push(`  #${x.e.index} ${x.e.kind}: ${x.e.line.slice(0, 100)}`);
  const fps = neg.filter((x) => v.secretlint[x.i]);
  out.push(`Look-alikes secretlint reports: ${fps.length}`);
  for (const x of fps) out.push(`  #${x.e.index} ${x.e.kind}: ${x.e.line.slice(0, 100)}`);
  return out.join('\n');
}

interface Throughput {
  mb: number;
  baselineRev: string;
  ours: number[];
  baseline: number[];
  findings: { ours: number; baseline: number };
  slice: { mb: number; ours: number; secretlint: number; secretlintFindings: number };
}

/** CPU milliseconds per pass over the log, ours and the baseline alternating; then secretlint on a slice. */
async function throughput(args: BenchArgs<Record<string, { type: 'string'; default: string }>>): Promise<Throughput> {
  const mb = args.int('log-mb');
  const runs = args.int('runs');
  const chunks = await serviceLogChunks(mb);
  const base = await scannerAtRevision(String(args.values.baseline));
  const times = { ours: [] as number[], baseline: [] as number[] };
  const findings = { ours: 0, baseline: 0 };
  for (let i = 0; i < runs; i++) {
    for (const [name, mod] of order(i, base.mod)) {
      const r = cpuTimed(() => scanAll(mod, chunks));
      times[name].push(r.ms);
      findings[name] = r.value;
    }
    console.error(`  run ${i + 1}: ours ${times.ours[i]!.toFixed(0)} ms, baseline ${times.baseline[i]!.toFixed(0)} ms`);
  }
  const sliceMb = Math.min(args.int('secretlint-mb'), mb);
  const text = Buffer.concat(chunks)
    .subarray(0, sliceMb * 1_000_000)
    .toString('latin1');
  const oursSlice = median([0, 1, 2].map(() => cpuTimed(() => ours.scanForSecrets(text).length).ms));
  const lint = await secretlintOnText(text);
  return {
    mb,
    baselineRev: `${String(args.values.baseline)} (${base.sha.slice(0, 10)})`,
    ...times,
    findings,
    slice: { mb: sliceMb, ours: oursSlice, secretlint: lint.ms, secretlintFindings: lint.findings },
  };
}

function order(i: number, base: ScannerModule): [keyof Throughput['findings'], ScannerModule][] {
  const pair: [keyof Throughput['findings'], ScannerModule][] = [
    ['ours', ours],
    ['baseline', base],
  ];
  return i % 2 === 0 ? pair : pair.reverse();
}

function scanAll(mod: ScannerModule, chunks: Buffer[]): number {
  const scanner = mod.createSecretScanner({ name: 'screen-c-vol.txt' });
  for (const c of chunks) scanner.write(c);
  return scanner.end().length;
}

function cpuTimed<T>(f: () => T): { ms: number; value: T } {
  const t0 = process.cpuUsage();
  const value = f();
  const t = process.cpuUsage(t0);
  return { ms: (t.user + t.system) / 1000, value };
}

async function secretlintOnText(text: string): Promise<{ ms: number; findings: number }> {
  const t0 = process.cpuUsage();
  const { stdout } = await runSecretLint({
    cliOptions: { cwd: ROOT, stdinContent: text, stdinFileName: 'screen-c-vol.log' },
    engineOptions: { cwd: ROOT, formatter: 'json', color: false, configFileJSON: { rules: [{ id: PRESET }] } },
  });
  const t = process.cpuUsage(t0);
  const results = JSON.parse(stdout ?? '[]') as { messages: unknown[] }[];
  return { ms: (t.user + t.system) / 1000, findings: results.reduce((n, r) => n + r.messages.length, 0) };
}

function throughputTable(t: Throughput): string {
  const o = median(t.ours);
  const b = median(t.baseline);
  const pairs = median(t.ours.map((x, i) => x / t.baseline[i]!)); // each pair ran back to back, under like load
  const rate = (ms: number, mb: number) => `${((mb * 1000) / ms).toFixed(0)} MB/s`;
  return [
    `\nThroughput on ${t.mb} MB of cinder service log, CPU time per pass, ` +
      `median of ${t.ours.length} alternating runs:\n`,
    '| scanner | CPU (median) | throughput | ratio to the baseline (median of the pairs) | findings |',
    '|---|---:|---:|---:|---:|',
    `| drivercert (this tree) | ${o.toFixed(0)} ms | ${rate(o, t.mb)} | ${pairs.toFixed(2)} | ${t.findings.ours} |`,
    `| drivercert at ${t.baselineRev} | ${b.toFixed(0)} ms | ${rate(b, t.mb)} | 1.00 | ${t.findings.baseline} |`,
    `\nOn the first ${t.slice.mb} MB of the same log:\n`,
    '| scanner | CPU | throughput | ratio to drivercert |',
    '|---|---:|---:|---:|',
    `| drivercert | ${t.slice.ours.toFixed(0)} ms | ${rate(t.slice.ours, t.slice.mb)} | 1.00 |`,
    `| secretlint (recommended preset) | ${t.slice.secretlint.toFixed(0)} ms | ` +
      `${rate(t.slice.secretlint, t.slice.mb)} | ${(t.slice.secretlint / t.slice.ours).toFixed(1)} |`,
    `\n(secretlint reported ${t.slice.secretlintFindings} findings on the slice; ` +
      `drivercert ${t.findings.ours} on the log.)`,
  ].join('\n');
}

await main();
