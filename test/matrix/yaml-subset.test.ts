// The fast YAML subset reader must read every document it accepts exactly as the `yaml`
// package does, and hand everything else back to it: checked on the shipped files, on
// result.yaml files with hostile text, and on thousands of seeded random mutations.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseYamlSubset } from '../../scripts/lib/yaml-subset.js';
import { parseYamlSource } from '../../scripts/lib/yaml-source.js';
import { renderResult } from '../../scripts/lib/results/result-file.js';
import { ROOT } from '../helpers/cli.js';
import { HOSTILE_TEXTS, makeResult, seededRandom } from './fixtures.js';

/** Fails unless the subset reader either declines `text` or agrees with the full parser. */
function expectAgreement(text: string): 'accepted' | 'declined' {
  const fast = parseYamlSubset(text);
  if (fast === undefined) return 'declined';
  const full = parseYamlSource('doc.yaml', text);
  if (full.errors.length > 0 || !isDeepStrictEqual(fast, full.data)) {
    throw new Error(
      `the subset reader accepted a document the yaml package reads differently:\n${JSON.stringify(text)}\nsubset: ${JSON.stringify(fast)}\nyaml:   ${JSON.stringify(full.data)} ${JSON.stringify(full.errors)}`,
    );
  }
  return 'accepted';
}

const PALETTE = [
  ' ',
  '  ',
  '-',
  '- ',
  ':',
  ': ',
  '#',
  ' #',
  '"',
  "'",
  '\\',
  '|',
  '|-',
  '>',
  '\n',
  '[',
  ']',
  '{',
  '}',
  '&a',
  '*a',
  '!',
  '?',
  ',',
  '%',
  '@',
  '`',
  '\t',
  '\r',
  'é',
  '\u2028',
  '\u0085',
  '0',
  '1.5',
  '0x1F',
  'true',
  'null',
  '~',
  'a',
  '.',
  '\\u0041',
  '\\x41',
  '\ud800',
  '😀',
];

function mutate(text: string, rnd: () => number): string {
  const lines = text.split('\n');
  const pick = (n: number) => Math.floor(rnd() * n);
  const edits = 1 + pick(3);
  let out = text;
  for (let e = 0; e < edits; e++) {
    const kind = pick(5);
    if (kind === 0) {
      const i = pick(out.length);
      out = out.slice(0, i) + PALETTE[pick(PALETTE.length)]! + out.slice(i);
    } else if (kind === 1) {
      const i = pick(out.length);
      out = out.slice(0, i) + out.slice(i + 1 + pick(3));
    } else if (kind === 2) {
      const i = pick(lines.length);
      lines.splice(i, 0, lines[pick(lines.length)]!);
      out = lines.join('\n');
    } else if (kind === 3) {
      const i = pick(lines.length);
      lines[i] = ' '.repeat(pick(6)) + lines[i]!.trimStart();
      out = lines.join('\n');
    } else {
      const i = pick(lines.length);
      lines.splice(i, 1);
      out = lines.join('\n');
    }
  }
  return out;
}

// Plain scalars with every punctuation a one-line plain scalar may hold.
const PLAIN_PUNCTUATION = [
  'a:',
  '  b: Needs [volume-feature-enabled] x = True; it\'s {ok} & *fine*, 50% !x @y `z` |a >b ~c ^d "e"',
  '  c: (online) a#b a:b http://x.example/p?q=1&r=2 <tag> -x +y .z ?w',
  '  d: [FC, iSCSI, NVMe-TCP]',
  'e:',
  '  - x [y] {z}',
  '  - f: g \\ h',
  '    i: 0',
  '',
].join('\n');

describe('parseYamlSubset', () => {
  it('reads plain scalars holding punctuation exactly as the yaml package does', () => {
    expect(expectAgreement(PLAIN_PUNCTUATION)).toBe('accepted');
  });

  it('reads the shipped drivers.yaml and cycle files exactly as the yaml package does', () => {
    for (const f of ['drivers.yaml', 'results/2025.1/cycle.yaml', 'results/2025.2/cycle.yaml']) {
      expect(expectAgreement(readFileSync(join(ROOT, f), 'utf8')), f).toBe('accepted');
    }
  });

  it('reads result.yaml files written by renderResult, hostile text included', () => {
    let accepted = 0;
    for (const text of HOSTILE_TEXTS) {
      const doc = renderResult(
        makeResult({
          notes: text,
          environment: { backend: { model: text, version: text } },
          failed_tests: [`t.${text}`],
          withdrawn: { date: '2025-11-02', reason: text },
        }),
      );
      if (expectAgreement(doc) === 'accepted') accepted++;
    }
    expect(accepted).toBeGreaterThan(0);
    expect(expectAgreement(renderResult(makeResult()))).toBe('accepted');
  });

  it('declines what it does not fully understand', () => {
    for (const doc of [
      'a: 1.5\n',
      'a: null\n',
      'a:\n',
      'a: &x b\n',
      'a: *x\n',
      'a: !!str b\n',
      "a: 'b'\n",
      'a: b # c\n',
      'a: "b" # c\n',
      'a: >\n  b\n',
      'a: |+\n  b\n',
      'a: |2\n    b\n',
      'a:\n- b\n',
      '- a\n',
      '---\na: b\n',
      'a: b',
      'a: b\r\n',
      'a:\tb\n',
      '__proto__: x\n',
      'true: x\n',
      'a: b\na: c\n',
      'a: "\\x41"\n',
      'a: [b, [c]]\n',
      'a: [@x]\n',
      'a: @x\n',
      'a: [b,c]\n',
      'a: b\n  c: d\n',
      'a: 0777\n',
      'a: 99999999999999999\n',
      'a: |\n  b\n   \n  c\n',
      'a: -1\n',
      'a: b: c\n',
      '? a\n: b\n',
      'a: "multi\n  line"\n',
      '"a": b\n',
      '1: b\n',
    ]) {
      expect(parseYamlSubset(doc), JSON.stringify(doc)).toBeUndefined();
    }
  });

  it('reads a 10 MB double-quoted string in one pass, and declines long escape runs without running out of stack', () => {
    const long = 'A'.repeat(10_000_000);
    expect(parseYamlSubset(`name: "${long}"\n`)).toEqual({ name: long });
    expect(parseYamlSubset(`name: "${'\\n'.repeat(2_000_000)}"\n`)).toEqual({ name: '\n'.repeat(2_000_000) });
    expect(parseYamlSubset(`name: "${long}\\"\n`)).toBeUndefined();
    expect(parseYamlSubset(`name: "ab\\u00e"\n`)).toBeUndefined();
    // A flow word of a million spaces is beyond the regular expression's stack: declined, not thrown.
    expect(parseYamlSubset(`name: [${'a '.repeat(3_000_000)}a]\n`)).toBeUndefined();
  });

  // DRIVERCERT_FUZZ_ITERATIONS=200000 npx vitest run test/matrix/yaml-subset.test.ts runs a longer search.
  const iterations = Number(process.env.DRIVERCERT_FUZZ_ITERATIONS ?? 4000);
  it(`agrees with the yaml package on ${iterations} seeded random mutations`, () => {
    const rnd = seededRandom(20251120);
    const seeds = [
      renderResult(makeResult()),
      renderResult(makeResult({ notes: 'Two nodes.\n\n  Indented line | pipe\nlast line\n' })),
      readFileSync(join(ROOT, 'results/2025.2/cycle.yaml'), 'utf8').split('\n').slice(0, 60).join('\n') + '\n',
      readFileSync(join(ROOT, 'drivers.yaml'), 'utf8').split('\n').slice(0, 60).join('\n') + '\n',
      PLAIN_PUNCTUATION,
    ];
    const counts = { accepted: 0, declined: 0 };
    for (let i = 0; i < iterations; i++) counts[expectAgreement(mutate(seeds[i % seeds.length]!, rnd))]++;
    // Both paths must be exercised for the comparison to mean something.
    expect(counts.accepted).toBeGreaterThan(iterations / 10);
    expect(counts.declined).toBeGreaterThan(iterations / 10);
  }, 600_000);
});
