// What is fuzzed: every result parser, the YAML loader and the bundle reader, each with the
// golden files (or bundles) it reads as seeds, and the check that what it ended in is well
// formed. Every parser must return (results or problems: an empty result is a result) and
// never throw; the bundle reader must end in a summary or a BundleError, never another
// error, and settle (never hang).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { analyseBundle, type BundleAnalysis } from '../../../scripts/lib/analysis/analyse.js';
import { BundleError, BUNDLE_TIPS } from '../../../scripts/lib/bundle/errors.js';
import { resolveLimits } from '../../../scripts/lib/bundle/limits.js';
import { createMemberScanner } from '../../../scripts/lib/bundle/secret-member.js';
import { readBundle, type BundleMember, type BundleSummary } from '../../../scripts/lib/bundle/read.js';
import { CertLogParser } from '../../../scripts/lib/formats/cert-log.js';
import { ConsoleParser } from '../../../scripts/lib/formats/console.js';
import { SubunitParser } from '../../../scripts/lib/formats/index.js';
import { JUnitParser } from '../../../scripts/lib/formats/junit.js';
import { SubunitV1Parser } from '../../../scripts/lib/formats/subunit-v1.js';
import { SubunitV2Parser } from '../../../scripts/lib/formats/subunit-v2.js';
import { countResults, type ParsedResults, type StreamParser } from '../../../scripts/lib/formats/types.js';
import { parseLoadedFile } from '../../../scripts/lib/repo.js';
import type { SchemaName } from '../../../scripts/lib/schema.js';
import { paxData, tar } from '../../helpers/tar.js';
import { chunked, mutate, mutateInPlace, type Mutation } from './mutate.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const read =
  (...paths: string[]) =>
  () =>
    paths.map((p) => new Uint8Array(readFileSync(join(ROOT, p))));
const FIX = 'test/fixtures/formats';
const REF = 'reference/formats';

export interface FuzzTarget {
  name: string;
  /** The valid inputs mutations start from. */
  seeds: () => Uint8Array[];
  /** Read `bytes` fed in chunks; throws (or rejects) only when the target breaks its contract. */
  run(bytes: Uint8Array, chunks: readonly number[]): void | Promise<void>;
  /** Mutate without moving bytes (a block format: tar), see mutateInPlace. */
  inPlace?: boolean;
}

/** The bytes a target reads for an input: its seed, mutated as the target asks. */
export function inputBytes(
  target: FuzzTarget,
  seeds: readonly Uint8Array[],
  input: { seed: number; mutations: Mutation[] },
): Uint8Array {
  return (target.inPlace ? mutateInPlace : mutate)(seeds[input.seed]!, input.mutations);
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
  if (!r || typeof r.format !== 'string' || !Array.isArray(r.tests) || !Array.isArray(r.problems))
    throw new Error(`not a result: ${JSON.stringify(r).slice(0, 200)}`);
  for (const t of r.tests) {
    if (typeof t.id !== 'string' || !STATUSES.has(t.status))
      throw new Error(`a malformed test record: ${JSON.stringify(t).slice(0, 200)}`);
    if (t.detail !== undefined && t.detail.length > 64 * 1024)
      throw new Error(`an unbounded detail (${t.detail.length} characters)`);
  }
  for (const p of r.problems)
    if (typeof p.message !== 'string' || p.message === '')
      throw new Error(`a problem without a message: ${JSON.stringify(p)}`);
  const c = countResults(r.tests);
  if (c.passed + c.failed + c.skipped !== c.total) throw new Error(`counts do not add up: ${JSON.stringify(c)}`);
  if (r.declared)
    for (const [k, v] of Object.entries(r.declared))
      if (!Number.isSafeInteger(v) || (v as number) < 0) throw new Error(`declared ${k} is not a count: ${v}`);
}

/** The one YAML loader (fast reader, full parser for lines and errors, schema), as validate and the matrix use it. */
function yaml(path: string, schema: SchemaName) {
  return (bytes: Uint8Array): void => {
    const loaded = parseLoadedFile<unknown>(path, bytes, schema);
    if (loaded.problems.length === 0 && loaded.data === undefined) throw new Error('neither data nor a problem');
    for (const p of loaded.problems)
      if (!p.message || (p.line !== undefined && !(p.line >= 1)))
        throw new Error(`a malformed finding: ${JSON.stringify(p)}`);
    for (const p of loaded.problems) if (p.pointer !== undefined) loaded.source.locate(p.pointer);
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
  {
    name: 'subunit-v2',
    seeds: read(`${FIX}/run.subunit`, `${FIX}/edge.subunit`, `${REF}/example.subunit`),
    run: parse(() => new SubunitV2Parser()),
  },
  {
    name: 'subunit-v1',
    seeds: read(`${FIX}/run.v1.subunit`, `${FIX}/edge.v1.subunit`, `${REF}/example.v1.subunit`),
    run: parse(() => new SubunitV1Parser()),
  },
  {
    name: 'subunit (v1 or v2, by content)',
    seeds: read(`${FIX}/edge.subunit`, `${FIX}/edge.v1.subunit`, `${REF}/example.subunit`, `${REF}/example.v1.subunit`),
    run: parse(() => new SubunitParser()),
  },
  {
    name: 'junit',
    seeds: read(`${FIX}/run.junit.xml`, `${FIX}/edge.junit.xml`, `${REF}/example.junit.xml`),
    run: parse(() => new JUnitParser()),
  },
  {
    name: 'console (pyunit)',
    seeds: read(`${FIX}/run.pyunit.txt`, `${FIX}/edge.pyunit.txt`, `${REF}/example.pyunit.txt`),
    run: parse(() => new ConsoleParser({ style: 'pyunit' })),
  },
  {
    name: 'console (subunit-trace)',
    seeds: read(`${FIX}/run.subunit-trace.txt`, `${FIX}/edge.subunit-trace-f.txt`, `${REF}/example.subunit-trace.txt`),
    run: parse(() => new ConsoleParser({ style: 'subunit-trace' })),
  },
  {
    name: 'console (style detected)',
    seeds: read(`${FIX}/edge.pyunit.txt`, `${FIX}/edge.subunit-trace.txt`),
    run: parse(() => new ConsoleParser()),
  },
  {
    name: 'cert log',
    seeds: read(`${FIX}/run.cert.log`, `${REF}/example.cert.log`),
    run: parse(() => new CertLogParser()),
  },
  {
    // Every member is scanned by its content: gzip inflated, UTF-16 decoded, the rest as bytes.
    name: 'secrets (a member, by its content)',
    seeds: () => [
      gzipSync(Buffer.from('INFO start\nsan_password = xxx\nDEBUG password=hunter22\n'.repeat(20))),
      Buffer.from('\ufeffline one\r\nchap_password = ***\r\ntoken: ghp_0123456789\r\n'.repeat(20), 'utf16le'),
      Buffer.concat([Buffer.from([0, 0, 0xb3]), readFileSync(join(ROOT, FIX, 'run.subunit'))]),
    ],
    run: async (bytes, chunks) => {
      const s = createMemberScanner(resolveLimits({ maxMemberBytes: 8 * 1024 * 1024 }));
      for (const c of chunked(bytes, chunks)) {
        const w = s.write(c);
        if (w) await w;
      }
      const r = await s.end();
      for (const f of r.findings)
        if (!(f.line >= 1) || !f.message || f.excerpt.includes('hunter22'))
          throw new Error(`a malformed finding: ${JSON.stringify(f)}`);
    },
  },
  {
    name: 'yaml (drivers.yaml)',
    seeds: read('test/fixtures/schemas/drivers/valid/full.yaml', 'test/fixtures/schemas/drivers/valid/minimal.yaml'),
    run: yaml('drivers.yaml', 'drivers'),
  },
  {
    name: 'yaml (cycle.yaml)',
    seeds: read(
      'test/fixtures/schemas/cycle/valid/closed-full.yaml',
      'test/fixtures/schemas/cycle/valid/open-minimal.yaml',
    ),
    run: yaml('results/2025.2/cycle.yaml', 'cycle'),
  },
  {
    name: 'yaml (result.yaml)',
    seeds: read(
      'test/fixtures/schemas/result/valid/failed-run.yaml',
      'test/fixtures/schemas/result/valid/withdrawn.yaml',
    ),
    run: yaml('results/2025.2/lvm/result.yaml', 'result'),
  },
];

// ---- the bundle reader ----

/** The example bundles (results/): cert.log alone, subunit v1, subunit + JUnit + console, a failed run… */
const EXAMPLE_BUNDLES = readdirSync(join(ROOT, 'results'))
  .flatMap((cycle) =>
    statSync(join(ROOT, 'results', cycle)).isDirectory()
      ? readdirSync(join(ROOT, 'results', cycle)).map((d) => join('results', cycle, d))
      : [],
  )
  .filter((d) => statSync(join(ROOT, d)).isDirectory())
  .flatMap((d) =>
    readdirSync(join(ROOT, d))
      .filter((f) => f.endsWith('.tgz'))
      .map((f) => join(d, f)),
  )
  .sort();

/**
 * A tar with what an honest writer rarely uses and the reader must still get right: a pax
 * global header, pax records, a GNU long name, a folder, a padded member, a gzip'd and a UTF-16 log.
 */
const TRICKY_TAR = (): Uint8Array =>
  tar([
    { name: 'pax_global_header', type: 'g', data: paxData({ comment: 'a'.repeat(40) }) },
    { name: 'PaxHeader', type: 'x', data: paxData({ path: `logs/long-${'x'.repeat(120)}.log`, mtime: '1.5' }) },
    { name: 'short', data: 'line one\npassword = xxx\n'.repeat(50) },
    { name: 'cert.log', data: readFileSync(join(ROOT, 'test/fixtures/formats/run.cert.log')) },
    { name: 'logs/', type: '5' },
    { name: '././@LongLink', type: 'L', data: `logs/${'n'.repeat(200)}.log\0` },
    { name: 'trunc', data: 'y'.repeat(3000) },
    { name: 'tempest.subunit', data: readFileSync(join(ROOT, 'test/fixtures/formats/run.subunit')) },
    { name: 'logs/c-vol.log.1.gz', data: gzipSync(Buffer.from('DEBUG san_password = xxx\n'.repeat(40))) },
    { name: 'logs/agent.log', data: Buffer.from('\ufeffchap_password = ***\r\n'.repeat(40), 'utf16le') },
  ]);

/**
 * Mutated headers keep a valid checksum, so a mutation reaches the rules behind it (names,
 * types, sizes, pax records) instead of stopping at "its checksum is wrong": every block on
 * the 512-byte grid that still says `ustar` gets its checksum recomputed.
 */
function withChecksums(bytes: Uint8Array): Buffer {
  const b = Buffer.from(bytes);
  for (let at = 0; at + 512 <= b.length; at += 512) {
    if (b.toString('latin1', at + 257, at + 262) !== 'ustar') continue;
    b.fill(0x20, at + 148, at + 156);
    let sum = 0;
    for (let i = at; i < at + 512; i++) sum += b[i]!;
    b.write(`${sum.toString(8).padStart(6, '0')}\0 `, at + 148, 'latin1');
  }
  return b;
}

/** The example bundles' tars (inflated), and the tricky one: mutated, then gzip'd, they reach the tar layer. */
const TAR_SEEDS = () => [
  ...EXAMPLE_BUNDLES.map((f) => new Uint8Array(gunzipSync(readFileSync(join(ROOT, f))))),
  TRICKY_TAR(),
];

const CODES = new Set(Object.keys(BUNDLE_TIPS));
/** Longest a mutated bundle of a few KB may take to settle before it counts as a hang. */
const SETTLE_MS = 10_000;

/**
 * Read a bundle's bytes, fed in chunks (at least 64 bytes: each goes through zlib's thread
 * pool), with `read`; it must resolve, or reject with a well-formed BundleError, and settle.
 */
function bundle(read: (source: Readable) => Promise<unknown>, check: (out: unknown) => void, gzipFirst: boolean) {
  return async (bytes: Uint8Array, chunks: readonly number[]): Promise<void> => {
    const input = gzipFirst ? gzipSync(withChecksums(bytes), { level: 1 }) : bytes;
    const source = Readable.from([
      ...chunked(
        input,
        chunks.map((n) => Math.max(64, n)),
      ),
    ]);
    let timer: NodeJS.Timeout | undefined;
    const hang = new Promise<never>(
      (_, reject) =>
        (timer = setTimeout(
          () => reject(new Error(`the bundle reader did not settle within ${SETTLE_MS} ms`)),
          SETTLE_MS,
        )),
    );
    try {
      const out = await Promise.race([read(source), hang]);
      check(out);
    } catch (e) {
      if (!(e instanceof BundleError)) throw e;
      if (!CODES.has(e.code) || !e.message || !e.tip || e.file !== 'fuzz.tgz')
        throw new Error(
          `a malformed BundleError: ${JSON.stringify({ code: e.code, message: e.message, tip: e.tip, file: e.file })}`,
        );
    } finally {
      clearTimeout(timer);
    }
  };
}

/** Every member's bytes read to their end, as inspect and validate read them. */
const drain = async (_m: BundleMember, body: AsyncIterable<Uint8Array>): Promise<void> => {
  for await (const _ of body);
};

function checkSummary(out: unknown): void {
  const s = out as BundleSummary;
  if (
    !/^[0-9a-f]{64}$/.test(s.sha256) ||
    !Array.isArray(s.members) ||
    s.members.some((m) => !m.name || (m.type !== 'file' && m.type !== 'directory'))
  )
    throw new Error(`a malformed summary: ${JSON.stringify(s).slice(0, 300)}`);
}

function checkAnalysis(out: unknown): void {
  const a = out as BundleAnalysis;
  checkSummary(a);
  for (const s of a.sources) checkResults(s.results);
  if (a.primary && !a.sources.includes(a.primary)) throw new Error('the primary source is not one of the sources');
  if (a.disagreementCount < a.disagreements.length)
    throw new Error(`${a.disagreements.length} disagreements listed of ${a.disagreementCount}`);
}

const BUNDLES: readonly FuzzTarget[] = [
  {
    name: 'bundle (the .tgz file)',
    seeds: () => EXAMPLE_BUNDLES.map((f) => new Uint8Array(readFileSync(join(ROOT, f)))),
    run: bundle((src) => readBundle(src, { label: 'fuzz.tgz', onMember: drain }), checkSummary, false),
  },
  {
    name: "bundle (the tar, gzip'd after mutation)",
    seeds: TAR_SEEDS,
    inPlace: true,
    run: bundle((src) => readBundle(src, { label: 'fuzz.tgz', onMember: drain }), checkSummary, true),
  },
  {
    name: 'bundle (analysed: every parser, secrets, agreement)',
    seeds: TAR_SEEDS,
    inPlace: true,
    run: bundle((src) => analyseBundle(src, { label: 'fuzz.tgz' }), checkAnalysis, true),
  },
];

/** The targets `npm test` and the long run cover: every parser, the YAML loader and the bundle reader. */
export const FUZZ_TARGETS: readonly FuzzTarget[] = [...PARSERS, ...BUNDLES];

/** Every target (and the self-test targets when asked for). */
export const TARGETS: readonly FuzzTarget[] = process.env.DRIVERCERT_FUZZ_SELFTEST
  ? [...FUZZ_TARGETS, ...SELFTEST]
  : FUZZ_TARGETS;
