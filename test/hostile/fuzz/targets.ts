// What is fuzzed: every result parser and the YAML loader, each with the golden files it
// reads as seeds, and the check that what it ended in is well formed. Every target must
// return (results or problems: an empty result is a result) and never throw.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CertLogParser } from '../../../scripts/lib/formats/cert-log.js';
import { ConsoleParser } from '../../../scripts/lib/formats/console.js';
import { SubunitParser } from '../../../scripts/lib/formats/index.js';
import { JUnitParser } from '../../../scripts/lib/formats/junit.js';
import { SubunitV1Parser } from '../../../scripts/lib/formats/subunit-v1.js';
import { SubunitV2Parser } from '../../../scripts/lib/formats/subunit-v2.js';
import { countResults, type ParsedResults, type StreamParser } from '../../../scripts/lib/formats/types.js';
import { extractCycle, extractDrivers, extractSubmission } from '../../../scripts/lib/matrix/extract.js';
import { parseLoadedFile } from '../../../scripts/lib/repo.js';
import type { SchemaName } from '../../../scripts/lib/schema.js';
import { parseYamlSubset } from '../../../scripts/lib/yaml-subset.js';
import { chunked } from './mutate.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const read = (...paths: string[]) => () => paths.map((p) => new Uint8Array(readFileSync(join(ROOT, p))));
const FIX = 'test/fixtures/formats';
const REF = 'reference/formats';

export interface FuzzTarget {
  name: string;
  /** The valid inputs mutations start from. */
  seeds: () => Uint8Array[];
  /** Read `bytes` fed in chunks; throws only when the target breaks its contract. */
  run(bytes: Uint8Array, chunks: readonly number[]): void;
}

const STATUSES = new Set(['success', 'fail', 'skip', 'xfail', 'uxsuccess', 'incomplete']);

/** Feed a streaming parser and check that its results are well formed. */
function parse(make: () => StreamParser) {
  return (bytes: Uint8Array, chunks: readonly number[]): void => {
    const p = make();
    for (const c of chunked(bytes, chunks)) p.write(c);
    checkResults(p.end());
  };
}

/** Throws unless `r` is a well-formed ParsedResults. */
export function checkResults(r: ParsedResults): void {
  if (!r || typeof r.format !== 'string' || !Array.isArray(r.tests) || !Array.isArray(r.problems)) throw new Error(`not a result: ${JSON.stringify(r).slice(0, 200)}`);
  for (const t of r.tests) {
    if (typeof t.id !== 'string' || !STATUSES.has(t.status)) throw new Error(`a malformed test record: ${JSON.stringify(t).slice(0, 200)}`);
    if (t.detail !== undefined && t.detail.length > 64 * 1024) throw new Error(`an unbounded detail (${t.detail.length} characters)`);
  }
  for (const p of r.problems) if (typeof p.message !== 'string' || p.message === '') throw new Error(`a problem without a message: ${JSON.stringify(p)}`);
  const c = countResults(r.tests);
  if (c.passed + c.failed + c.skipped !== c.total) throw new Error(`counts do not add up: ${JSON.stringify(c)}`);
  if (r.declared) for (const [k, v] of Object.entries(r.declared)) if (!Number.isSafeInteger(v) || (v as number) < 0) throw new Error(`declared ${k} is not a count: ${v}`);
}

/** The YAML loader as validate uses it (strict parse + schema), and as the matrix does (fast subset + lenient extraction). */
function yaml(path: string, schema: SchemaName) {
  return (bytes: Uint8Array): void => {
    const loaded = parseLoadedFile<unknown>(path, bytes, schema);
    if (loaded.problems.length === 0 && loaded.data === undefined) throw new Error('neither data nor a problem');
    for (const p of loaded.problems) if (!p.message || (p.line !== undefined && !(p.line >= 1))) throw new Error(`a malformed finding: ${JSON.stringify(p)}`);
    const text = Buffer.from(bytes).toString('utf8');
    const data = parseYamlSubset(text) ?? loaded.source.data;
    const problems: { pointer: string; message: string }[] = [];
    if (schema === 'drivers') extractDrivers(data, problems);
    else if (schema === 'cycle') extractCycle('2025.2', data, problems);
    else extractSubmission('2025.2', 'lvm', data, problems);
    for (const p of problems) loaded.source.locate(p.pointer);
  };
}

/** Targets that fail on purpose, to test the fuzzer's own reporting (DRIVERCERT_FUZZ_SELFTEST=1). */
const SELFTEST: readonly FuzzTarget[] = [
  {
    name: 'selftest: throws',
    seeds: () => [Buffer.from('a valid input\n')],
    run: (bytes) => {
      if (bytes.length !== 14) throw new Error(`selftest: ${bytes.length} bytes`);
    },
  },
  {
    name: 'selftest: hangs',
    seeds: () => [Buffer.from('a valid input\n')],
    run: (bytes) => {
      while (bytes.length !== 14) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1000);
    },
  },
];

const PARSERS: readonly FuzzTarget[] = [
  { name: 'subunit-v2', seeds: read(`${FIX}/run.subunit`, `${FIX}/edge.subunit`, `${REF}/example.subunit`), run: parse(() => new SubunitV2Parser()) },
  { name: 'subunit-v1', seeds: read(`${FIX}/run.v1.subunit`, `${FIX}/edge.v1.subunit`, `${REF}/example.v1.subunit`), run: parse(() => new SubunitV1Parser()) },
  { name: 'subunit (v1 or v2, by content)', seeds: read(`${FIX}/edge.subunit`, `${FIX}/edge.v1.subunit`, `${REF}/example.subunit`, `${REF}/example.v1.subunit`), run: parse(() => new SubunitParser()) },
  { name: 'junit', seeds: read(`${FIX}/run.junit.xml`, `${FIX}/edge.junit.xml`, `${REF}/example.junit.xml`), run: parse(() => new JUnitParser()) },
  { name: 'console (pyunit)', seeds: read(`${FIX}/run.pyunit.txt`, `${FIX}/edge.pyunit.txt`, `${REF}/example.pyunit.txt`), run: parse(() => new ConsoleParser({ style: 'pyunit' })) },
  { name: 'console (subunit-trace)', seeds: read(`${FIX}/run.subunit-trace.txt`, `${FIX}/edge.subunit-trace-f.txt`, `${REF}/example.subunit-trace.txt`), run: parse(() => new ConsoleParser({ style: 'subunit-trace' })) },
  { name: 'console (style detected)', seeds: read(`${FIX}/edge.pyunit.txt`, `${FIX}/edge.subunit-trace.txt`), run: parse(() => new ConsoleParser()) },
  { name: 'cert log', seeds: read(`${FIX}/run.cert.log`, `${REF}/example.cert.log`), run: parse(() => new CertLogParser()) },
  { name: 'yaml (drivers.yaml)', seeds: read('test/fixtures/schemas/drivers/valid/full.yaml', 'test/fixtures/schemas/drivers/valid/minimal.yaml'), run: yaml('drivers.yaml', 'drivers') },
  { name: 'yaml (cycle.yaml)', seeds: read('test/fixtures/schemas/cycle/valid/closed-full.yaml', 'test/fixtures/schemas/cycle/valid/open-minimal.yaml'), run: yaml('results/2025.2/cycle.yaml', 'cycle') },
  { name: 'yaml (result.yaml)', seeds: read('test/fixtures/schemas/result/valid/failed-run.yaml', 'test/fixtures/schemas/result/valid/withdrawn.yaml'), run: yaml('results/2025.2/lvm/result.yaml', 'result') },
  // Phase 2: the bundle (tar) reader, with the example bundles as seeds, e.g.
  // { name: 'bundle (tar.gz)', seeds: read('…/lvm-2025.2.tgz'), run: (bytes, chunks) => readBundle(chunked(bytes, chunks), …) },
];

/** Every target: the parsers and the YAML loader (and the self-test targets when asked for). */
export const TARGETS: readonly FuzzTarget[] = process.env.DRIVERCERT_FUZZ_SELFTEST ? [...PARSERS, ...SELFTEST] : PARSERS;

/** The targets `npm test` and the long run cover (every parser and the YAML loader). */
export const PARSER_TARGETS = PARSERS;
