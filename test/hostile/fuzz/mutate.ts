// Mutations of valid inputs, as fast-check arbitraries: flipped and set bytes, inserted
// random bytes and format tokens, deleted, duplicated and truncated ranges, and the chunk
// sizes the mutated input is fed in. A failing case shrinks to the fewest, smallest
// mutations that still fail.
import fc from 'fast-check';

export type Mutation =
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'set'; at: number; byte: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'token'; at: number; token: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'duplicate'; at: number; length: number; to: number; times: number }
  | { kind: 'truncate'; at: number };

/** One fuzz input: which seed file, what to do to it, and how to cut it into chunks. */
export interface FuzzInput {
  seed: number;
  mutations: Mutation[];
  /** Chunk sizes, used in turn (the parsers are streaming: boundaries may fall anywhere). */
  chunks: number[];
}

/** Byte sequences that mean something to one of the formats (or to YAML), spliced in whole. */
export const TOKENS: readonly string[] = [
  '\u00b3',
  '\n',
  '\r\n',
  '\r',
  '\u0000',
  '\t',
  ' ',
  '\ufffd',
  '\u2028',
  '\ufeff',
  // subunit v1 and the console
  'test: ',
  'success: ',
  'failure: ',
  'error: ',
  'skip: ',
  'xfail: ',
  'uxsuccess: ',
  'progress: ',
  'time: ',
  'tags: ',
  ' [ multipart\n',
  ' [\n',
  '\n]\n',
  'FFFFFFFF\r\n',
  '0\r\n',
  ' ... ok\n',
  ' ... FAILED\n',
  ' ... ERROR\n',
  " ... skipped 'x'\n",
  ' ... SKIPPED: x\n',
  '{0} ',
  '[1.000000s]',
  'Ran 3 tests in 1.0s\n',
  '\nOK\n',
  'FAILED (failures=1, errors=2, skipped=99999999999999999999)\n',
  '======\nTotals\n======\n',
  ' - Passed: 7\n',
  'Traceback (most recent call last):\n',
  '=====================================\n',
  // the cert log
  '========================================================\n06/01/25/11:58:02:Run the actual tempest volume tests (x)...,\n========================================================\n',
  '06/01/25/11:58:41:Gathering copy of cinder.conf file\n',
  'volume_driver = a.b.C\n',
  '[backend]\n',
  'Device driver PASSED!',
  'Device driver FAILED!',
  '0123456789abcdef0123456789abcdef01234567 subject\n',
  // tar: header magic, GNU long names, pax records, octal and base-256 sizes
  'ustar\u000000',
  'ustar  \u0000',
  '././@LongLink',
  '30 path=../../../etc/passwd\n',
  '20 size=99999999999\n',
  '27 GNU.sparse.major=1\n',
  '00000000000\u0000',
  '77777777777\u0000',
  '\u0080\u0000\u0000\u0000\u0000\u0000\u0000\u0002\u0080\u0000\u0000\u0000',
  // XML
  '<',
  '>',
  '</',
  '/>',
  '<testsuite tests="1">',
  '<testsuites>',
  '<testcase classname="a" name="b">',
  '</testcase>',
  '<failure message="m">',
  '<skipped/>',
  '<error/>',
  '<!DOCTYPE x [<!ENTITY e "v">]>',
  '<!-- ',
  ' -->',
  '<![CDATA[',
  ']]>',
  '<?xml version="1.0"?>',
  '&',
  '&amp;',
  '&#x',
  '&#1114112;',
  '&e;',
  '"',
  "'",
  '=',
  // YAML
  ': ',
  '- ',
  '---\n',
  '...\n',
  '&a ',
  '*a',
  '!!str ',
  '? ',
  '{',
  '}',
  '[',
  ']',
  '|\n',
  '>-\n',
  '#',
  '%YAML 1.2\n',
  '__proto__: ',
  'constructor: ',
  '"\\u0000"',
  '<<: *a\n',
];

const position = fc.nat({ max: 0x7fffffff });

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: position, bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ kind: fc.constant('set' as const), at: position, byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: position,
    bytes: fc.uint8Array({ minLength: 1, maxLength: 32 }),
  }),
  fc.record({ kind: fc.constant('token' as const), at: position, token: fc.constantFrom(...TOKENS) }),
  fc.record({ kind: fc.constant('delete' as const), at: position, length: fc.integer({ min: 1, max: 512 }) }),
  fc.record({
    kind: fc.constant('duplicate' as const),
    at: position,
    length: fc.integer({ min: 1, max: 256 }),
    to: position,
    times: fc.integer({ min: 1, max: 64 }),
  }),
  fc.record({ kind: fc.constant('truncate' as const), at: position }),
);

/** Inputs for a target with `seeds` seed files. */
export function inputArb(seeds: number): fc.Arbitrary<FuzzInput> {
  return fc.record({
    seed: fc.nat({ max: Math.max(0, seeds - 1) }),
    mutations: fc.array(mutationArb, { minLength: 1, maxLength: 8 }),
    chunks: fc.array(fc.oneof(fc.integer({ min: 1, max: 16 }), fc.integer({ min: 1, max: 65536 })), {
      minLength: 1,
      maxLength: 4,
    }),
  });
}

/** Where a position drawn at random falls in `b`: anywhere from its first byte to its end. */
function within(b: Uint8Array, n: number): number {
  return n % (b.length + 1);
}

/** The bytes an insertion or a token adds. */
function addedBytes(m: Extract<Mutation, { kind: 'insert' | 'token' }>): Uint8Array {
  if (m.kind === 'insert') return m.bytes;
  // '\u00b3' stands for the raw byte 0xB3 (a subunit v2 packet's signature); the rest is UTF-8.
  return m.token === '\u00b3' ? Buffer.from([0xb3]) : Buffer.from(m.token, 'utf8');
}

/** Apply mutations to a copy of `seed`. */
export function mutate(seed: Uint8Array, mutations: readonly Mutation[]): Uint8Array {
  let b = Buffer.from(seed);
  for (const m of mutations) {
    const at = within(b, m.at);
    switch (m.kind) {
      case 'flip':
        if (at < b.length) b[at]! ^= 1 << m.bit;
        break;
      case 'set':
        if (at < b.length) b[at] = m.byte;
        break;
      case 'insert':
      case 'token':
        b = Buffer.concat([b.subarray(0, at), addedBytes(m), b.subarray(at)]);
        break;
      case 'delete':
        b = Buffer.concat([b.subarray(0, at), b.subarray(at + m.length)]);
        break;
      case 'duplicate': {
        const piece = b.subarray(at, at + m.length);
        const to = within(b, m.to);
        b = Buffer.concat([b.subarray(0, to), ...Array<Buffer>(m.times).fill(piece), b.subarray(to)]);
        break;
      }
      case 'truncate':
        b = b.subarray(0, at);
        break;
    }
  }
  return b;
}

/**
 * The same mutations, applied without moving anything: an insertion or a token overwrites
 * the bytes where it would go, a deletion zeroes its range, a duplicate is copied over its
 * destination; only a truncation changes the length. For block formats (tar), where one
 * shifted byte only ever meets "a damaged header".
 */
export function mutateInPlace(seed: Uint8Array, mutations: readonly Mutation[]): Uint8Array {
  let b = Buffer.from(seed);
  const put = (at: number, bytes: Uint8Array) => Buffer.from(bytes).copy(b, at, 0, Math.max(0, b.length - at));
  for (const m of mutations) {
    const at = within(b, m.at);
    switch (m.kind) {
      case 'flip':
        if (at < b.length) b[at]! ^= 1 << m.bit;
        break;
      case 'set':
        if (at < b.length) b[at] = m.byte;
        break;
      case 'insert':
      case 'token':
        put(at, addedBytes(m));
        break;
      case 'delete':
        b.fill(0, at, Math.min(b.length, at + m.length));
        break;
      case 'duplicate': {
        const piece = Buffer.from(b.subarray(at, at + m.length));
        const to = within(b, m.to);
        for (let k = 0; k < m.times; k++) put(to + k * piece.length, piece);
        break;
      }
      case 'truncate':
        b = b.subarray(0, at);
        break;
    }
  }
  return b;
}

/** Cut `bytes` into chunks of the given sizes, used in turn. */
export function* chunked(bytes: Uint8Array, sizes: readonly number[]): Iterable<Uint8Array> {
  let i = 0;
  for (let off = 0; off < bytes.length; i++) {
    const n = Math.max(1, sizes[i % sizes.length] ?? bytes.length);
    yield bytes.subarray(off, off + n);
    off += n;
  }
}
