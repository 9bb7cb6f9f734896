// The fast YAML reader (js-yaml with the `yaml` package's core schema) must read every
// document it accepts exactly as the `yaml` package does, with the loader's options
// (duplicate keys refused, at most 100 aliases, no merge keys), and leave every other
// document to it: checked on the shipped files, on hand-edited and hostile result.yaml
// files, on the YAML corners where two parsers could differ, and on seeded random mutations.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { isAlias, isCollection, parseDocument, visit } from 'yaml';
import { readYamlFast } from '../scripts/lib/yaml-fast.js';
import { parseYamlSource } from '../scripts/lib/yaml-source.js';
import { renderResult } from '../scripts/lib/results/result-file.js';
import { ROOT } from './helpers/cli.js';
import { handEditedYaml } from './helpers/hand-edited.js';
import { HOSTILE_TEXTS, makeResult, seededRandom } from './matrix/fixtures.js';

/** What the `yaml` package reads, with the loader's options; undefined when it refuses the document. */
function authority(text: string): { data: unknown } | undefined {
  const doc = parseDocument(text, { uniqueKeys: true, strict: true, prettyErrors: false, merge: false });
  if (doc.errors.length) return undefined;
  let complexKey = false;
  visit(doc, {
    Pair(_, pair) {
      if (!isCollection(pair.key) && !isAlias(pair.key)) return undefined;
      complexKey = true;
      return visit.BREAK;
    },
  });
  if (complexKey) return undefined;
  try {
    return { data: doc.toJS({ maxAliasCount: 100 }) };
  } catch {
    return undefined;
  }
}

/** Fails unless the fast reader either declines `text` or reads it as the `yaml` package does. */
function expectAgreement(text: string): 'read' | 'declined' {
  const fast = readYamlFast(text);
  if (fast === undefined) return 'declined';
  const full = authority(text);
  if (!full || !isDeepStrictEqual(fast.data, full.data)) {
    throw new Error(
      `the fast reader read a document the yaml package reads differently:\n${JSON.stringify(text)}\n` +
        `fast: ${JSON.stringify(fast.data)}\nyaml: ${full ? JSON.stringify(full.data) : 'refused'}`,
    );
  }
  return 'read';
}

/** One line on a disagreement: the yaml package's error and where, or where the two readers' data differ. */
function summary(e: Error): string {
  const [, doc, fast, full] = e.message.split('\n') as [string, string, string, string];
  const text = JSON.parse(doc) as string;
  const err = parseDocument(text, { uniqueKeys: true, strict: true }).errors[0];
  if (err) return `${err.message.split('\n')[0]} :: ${JSON.stringify(text.slice(err.pos[0] - 60, err.pos[0] + 40))}`;
  let at = 0;
  while (at < fast.length && fast[at] === full[at]) at++;
  return `${doc.slice(0, 120)}\n  ${fast.slice(at - 80, at + 80)}\n  ${full.slice(at - 80, at + 80)}`;
}

const PALETTE = [
  ...[' ', '  ', '-', '- ', ':', ': ', '#', ' #', '"', "'", '\\', '|', '|-', '|+', '>', '>-', '\n', '\n\n'],
  ...['[', ']', '{', '}', '&a ', '*a', '!', '!!str ', '!!int ', '!!binary ', '?', '? ', ',', '%', '@', '`'],
  ...['\t', '\r', 'é', '\u2028', '\u0085', '\ufeff', '0', '-0', '+1', '1.5', '1e3', '.5', '0x1F', '0o17', '017'],
  ...['.nan', '-.inf', 'true', 'True', 'yes', 'null', '~', '<<: ', 'a', '.', '\\u0041', '\\x41', '\\N', '\ud800'],
  ...['😀', '---\n', '...\n', '%YAML 1.1\n', '__proto__: ', 'constructor: ', '"1": ', '1: ', 'null: ', '~: '],
];

function mutate(text: string, rnd: () => number): string {
  const pick = (n: number) => Math.floor(rnd() * n);
  let out = text;
  for (let e = 1 + pick(3); e > 0; e--) {
    const lines = out.split('\n');
    const kind = pick(5);
    if (kind === 0) {
      const i = pick(out.length);
      out = out.slice(0, i) + PALETTE[pick(PALETTE.length)]! + out.slice(i);
    } else if (kind === 1) {
      const i = pick(out.length);
      out = out.slice(0, i) + out.slice(i + 1 + pick(3));
    } else if (kind === 2) {
      lines.splice(pick(lines.length), 0, lines[pick(lines.length)]!);
      out = lines.join('\n');
    } else if (kind === 3) {
      const i = pick(lines.length);
      lines[i] = ' '.repeat(pick(6)) + lines[i]!.trimStart();
      out = lines.join('\n');
    } else {
      lines.splice(pick(lines.length), 1);
      out = lines.join('\n');
    }
  }
  return out;
}

/** A value as plain JSON data (no undefined fields). */
function plain(v: object): Record<string, unknown> {
  return JSON.parse(JSON.stringify(v)) as Record<string, unknown>;
}

/** Hand-edited result.yaml files: comments, `---`, quoted, folded and literal strings, flow lists, keys reordered. */
function handEditedResults(count: number, rnd: () => number): string[] {
  return Array.from({ length: count }, (_, i) =>
    handEditedYaml(
      plain(
        makeResult({
          notes: i % 2 ? 'Two-node devstack, multipath on.\nFirmware 2.1 upgraded mid-cycle.\n' : HOSTILE_TEXTS[i]!,
          failed_tests: ['tempest.api.volume.test_a.A.test_x', `tempest.api.volume.B.test_${i}`],
          withdrawn: i % 3 ? undefined : { date: '2025-11-02', reason: HOSTILE_TEXTS[i]! },
        }),
      ),
      rnd,
    ),
  );
}

const CORNERS = [
  'a: -0\nb: +12\nc: 0o17\nd: 0x1F\ne: 017\nf: 1e3\ng: .5\nh: 1.\ni: .nan\nj: -.Inf\nk: 12345678901234567890\n',
  'a: ~\nb: null\nc: Null\nd: NULL\ne:\nf: true\ng: True\nh: TRUE\ni: yes\nj: on\nk: 2025-10-01\nl: "2025.2"\n',
  '__proto__: {polluted: true}\nconstructor: x\ntoString: y\n',
  '"1": a\n1: b\n',
  '1: a\n1.0: b\n',
  'null: a\n~: b\n',
  '? a\n: b\n',
  '<<: {a: 1}\nb: 2\n',
  'a: &x 1\nb: *x\n',
  'a: !!str 1\nb: !!int "2"\nc: !!float 3\nd: !!binary aGk=\ne: !custom x\n',
  '%YAML 1.1\n---\na: yes\nb: 0777\n',
  '--- \na: 1\n...\n',
  'a: 1\n---\nb: 2\n',
  'a: >\n  folded\n  text\n\n  kept\nb: |+\n  keep\n\n',
  'a: \'it\'\'s\'\nb: "tab\\tand\\u00e9"\nc: "\\N\\_\\L"\n',
  'a: [x, "y, z", {k: v}]\nb: {c: [1, 2]}\n',
  'a: b # comment\nc: d#not a comment\n',
  'a:\n- 1\n-  - 2\n   - 3\n',
  'a: "multi\n  line"\nb: plain\n  continued\n',
  '',
  '# only a comment\n',
  '- a\n- b\n',
  'a: \u0085x\n',
];

describe('readYamlFast', () => {
  it('reads the shipped drivers.yaml, cycles and results exactly as the yaml package does', () => {
    const files = ['drivers.yaml', 'results/2025.1/cycle.yaml', 'results/2025.2/cycle.yaml'];
    for (const c of ['2025.1', '2025.2'])
      for (const d of ['lvm', 'nfs', 'rbd']) files.push(`results/${c}/${d}/result.yaml`);
    for (const f of files) expect(expectAgreement(readFileSync(join(ROOT, f), 'utf8')), f).toBe('read');
  });

  it('reads hand-edited and hostile result.yaml files itself, as the yaml package does', () => {
    const docs = [
      ...handEditedResults(40, seededRandom(5)),
      ...HOSTILE_TEXTS.map((t) =>
        renderResult(makeResult({ notes: t, environment: { backend: { model: t, version: t } } })),
      ),
    ];
    for (const d of docs) expect(expectAgreement(d), d).toBe('read');
  });

  it('agrees on the corners where two YAML readers could differ, or leaves them to the yaml package', () => {
    const outcomes = CORNERS.map(expectAgreement);
    // Scalars of every core type, and keys that are not plain text, are read by the fast path.
    expect(outcomes.slice(0, 3)).toEqual(['read', 'read', 'read']);
    // Aliases, explicit tags, directives and a second document are left to the yaml package.
    expect(outcomes.slice(8, 11)).toEqual(['declined', 'declined', 'declined']);
    expect(outcomes[12]).toBe('declined');
    expect(Object.hasOwn(readYamlFast(CORNERS[2]!)!.data as object, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses an alias bomb and deep nesting without expanding them, and parseYamlSource reports them', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x]',
      ...'bcdefghi'.split('').map((k, i) => `${k}: &${k} [${`*${'abcdefgh'[i]}, `.repeat(9).slice(0, -2)}]`),
    ];
    expect(readYamlFast(bomb.join('\n') + '\n')).toBeUndefined();
    expect(parseYamlSource('x.yaml', bomb.join('\n') + '\n').errors[0]!.message).toMatch(/alias/i);
    expect(readYamlFast('a: ' + '['.repeat(5000) + ']'.repeat(5000) + '\n')).toBeUndefined();
  });

  it('gives lines for a document it read, from the yaml package, only when asked', () => {
    const text = '# comment\ndriver: lvm\nresults:\n  passed: >-\n    folded\n  failed: 3\n';
    const src = parseYamlSource('r.yaml', text);
    expect(src.errors).toEqual([]);
    expect(src.data).toEqual({ driver: 'lvm', results: { passed: 'folded', failed: 3 } });
    expect(src.locate('/results/failed')).toEqual({ line: 6, col: 11, pointer: '/results/failed' });
  });

  // DRIVERCERT_FUZZ_ITERATIONS=200000 npx vitest run test/yaml-fast.test.ts runs a longer search;
  // DRIVERCERT_FUZZ_ALL=1 lists every disagreement it finds instead of stopping at the first.
  const iterations = Number(process.env.DRIVERCERT_FUZZ_ITERATIONS ?? 4000);
  it(`agrees with the yaml package on ${iterations} seeded random mutations`, () => {
    const rnd = seededRandom(20251120);
    const seeds = [
      renderResult(makeResult()),
      ...handEditedResults(6, seededRandom(11)),
      readFileSync(join(ROOT, 'results/2025.2/cycle.yaml'), 'utf8').split('\n').slice(0, 60).join('\n') + '\n',
      readFileSync(join(ROOT, 'drivers.yaml'), 'utf8').split('\n').slice(0, 60).join('\n') + '\n',
      ...CORNERS,
    ];
    const counts = { read: 0, declined: 0 };
    const failures: string[] = [];
    for (let i = 0; i < iterations; i++) {
      try {
        counts[expectAgreement(mutate(seeds[i % seeds.length]!, rnd))]++;
      } catch (e) {
        if (!process.env.DRIVERCERT_FUZZ_ALL) throw e;
        failures.push(summary(e as Error));
      }
    }
    if (failures.length) throw new Error(`${failures.length} disagreements:\n${failures.slice(0, 60).join('\n')}`);
    // Both paths must be exercised for the comparison to mean something.
    expect(counts.read).toBeGreaterThan(iterations / 10);
    expect(counts.declined).toBeGreaterThan(iterations / 10);
  }, 600_000);
});
