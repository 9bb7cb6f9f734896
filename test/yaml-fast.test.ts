// The fast YAML reader (scripts/lib/yaml-fast.ts) is exact or it declines: whenever it gives
// data, that data deep-equals what the `yaml` package reads with the loader's options
// (duplicate keys refused, at most 100 aliases, no merge keys), and whatever it does not read
// it leaves to the `yaml` package. Checked on the shipped files and the schema fixtures, on
// hand-edited result.yaml files (which it must read itself: they are what reviewers write),
// on the corners where YAML readers part ways, on random documents that combine every
// construct it reads, and on seeded random mutations of all of these.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { isAlias, isCollection, parseDocument, visit } from 'yaml';
import { readYamlFast } from '../scripts/lib/yaml-fast.js';
import { parseYamlSource } from '../scripts/lib/yaml-source.js';
import { renderResult } from '../scripts/lib/results/result-file.js';
import { ROOT } from './helpers/cli.js';
import { handEditedYaml } from './helpers/hand-edited.js';
import { composedYaml } from './helpers/yaml-documents.js';
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

type Outcome = 'read' | 'declined';

/** Fails unless the fast reader either declines `text` or reads it as the `yaml` package does. */
function expectAgreement(text: string): Outcome {
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

/** Checks every document (all disagreements listed, not only the first) and counts the outcomes. */
function agreeOnAll(docs: Iterable<string>): Record<Outcome, number> {
  const counts = { read: 0, declined: 0 };
  const failures: string[] = [];
  for (const d of docs) {
    try {
      counts[expectAgreement(d)]++;
    } catch (e) {
      failures.push((e as Error).message);
    }
  }
  if (failures.length) throw new Error(`${failures.length} disagreements; the first:\n${failures[0]}`);
  return counts;
}

const PALETTE = [
  ...[
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
    '|+',
    '>',
    '>-',
    '|2',
    '>1-',
    '\n',
    '\n\n',
  ],
  ...['[', ']', '{', '}', '&a ', '*a', '!', '!!str ', '!!int ', '!!binary ', '?', '? ', ',', '%', '@', '`'],
  ...['\t', '\r', '\r\n', 'é', '\u2028', '\u0085', '\ufeff', '0', '-0', '+1', '1.5', '1e3', '.5', '0x1F', '0o17'],
  ...['017', '.nan', '-.inf', 'true', 'True', 'yes', 'null', '~', '<<: ', 'a', '.', '\\u0041', '\\x41', '\\N'],
  ...['\ud800', '😀', '---\n', '...\n', '%YAML 1.2\n', '%YAML 1.1\n', '__proto__: ', 'constructor: ', '"1": '],
  ...['1: ', 'null: ', '~: ', '\n  ', '\n    - ', '\n- ', ' [a, b]', ' {a: b}', ' "x\n y"', " 'x\n\n y'"],
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

const NOTES = [
  'Two-node devstack, multipath on.\nFirmware 2.1 upgraded mid-cycle.\n',
  'Two-node devstack with multipath enabled; the backend firmware was upgraded during the cycle, see README.md.',
  '  indented first line\n\n\nand blank lines, then a trailing space \n',
  'tabs\tinside, a "quote", a \'single\' one, a # hash and a colon: here',
];

/** Hand-edited result.yaml files: every style of handEditedYaml, over plain, hostile and long values. */
function* handEditedResults(count: number, rnd: () => number): Generator<string> {
  const tests = Array.from(
    { length: 120 },
    (_, i) => `tempest.api.volume.test_v${i % 7}.VolumesTest.test_${i}[id-${i}]`,
  );
  for (let i = 0; i < count; i++) {
    const text = i % 3 === 0 ? HOSTILE_TEXTS[i % HOSTILE_TEXTS.length]! : NOTES[i % NOTES.length]!;
    yield handEditedYaml(
      plain(
        makeResult({
          notes: text,
          environment: { backend: { model: i % 5 ? 'PowerMax 8000' : text, version: '10.1.0 (2025)' } },
          failed_tests: i % 4 ? [] : tests.slice(0, 1 + (i % 9)),
          skipped_tests: tests.slice(0, i % 2 ? 120 : 3),
          withdrawn: i % 7 ? undefined : { date: '2025-11-02', reason: text },
        }),
      ),
      rnd,
    );
  }
}

/** The repository's own YAML files and the schema fixtures. */
function shippedFiles(): { path: string; text: string }[] {
  const paths = ['drivers.yaml'];
  for (const c of readdirSync(join(ROOT, 'results'), { withFileTypes: true })) {
    if (!c.isDirectory()) continue;
    paths.push(`results/${c.name}/cycle.yaml`);
    for (const d of readdirSync(join(ROOT, 'results', c.name), { withFileTypes: true }))
      if (d.isDirectory()) paths.push(`results/${c.name}/${d.name}/result.yaml`);
  }
  for (const kind of ['drivers', 'cycle', 'result'])
    for (const set of ['valid', 'invalid'])
      for (const f of readdirSync(join(ROOT, 'test/fixtures/schemas', kind, set)))
        paths.push(`test/fixtures/schemas/${kind}/${set}/${f}`);
  return paths.map((path) => ({ path, text: readFileSync(join(ROOT, path), 'utf8') }));
}

/** Documents where YAML readers part ways, and what the fast reader does with each. */
const CORNERS: [Outcome, string][] = [
  // Plain scalars: every rule of the core schema, and text that only looks like a number or a boolean.
  [
    'read',
    'a: -0\nb: +12\nc: 0o17\nd: 0x1F\ne: 017\nf: 1e3\ng: .5\nh: 1.\ni: .nan\nj: -.Inf\nk: 12345678901234567890\n',
  ],
  [
    'read',
    'a: ~\nb: null\nc: Null\nd: NULL\ne:\nf: true\ng: True\nh: TRUE\ni: yes\nj: on\nk: 2025-10-01\nl: "2025.2"\n',
  ],
  ['read', 'a: 0o8\nb: 0xg\nc: 1_000\nd: .NaN\ne: +.inf\nf: 1E+3\ng: -.5e-3\nh: nULL\ni: tRUE\nj: 0b101\nk: 1:30\n'],
  ['read', 'a: http://x/y?z=1#frag\nb: a#b\nc: a:b\nd: -x\ne: ?x\nf: :x\ng: a [b] {c}\nh: <<\ni: AT&T *x* !y\n'],
  // Keys: quoted, numbers and null as text, names of Object.prototype, `<<` (merge keys are off).
  ['read', '__proto__: {polluted: true}\nconstructor: x\ntoString: y\nhasOwnProperty: z\n'],
  ['read', "\"a: b\": 1\n'it''s': 2\n1.0: 3\n0x10: 4\n~: 5\n"],
  ['read', '<<: {a: 1}\nb: 2\n'],
  ['declined', '"1": a\n1: b\n'],
  ['declined', '1: a\n1.0: b\n'],
  ['declined', 'null: a\n~: b\n'],
  ['declined', 'a: 1\na: 2\n'],
  // Quoted scalars: escapes, folded line breaks, escaped line breaks, trimmed white space.
  ['read', 'a: \'it\'\'s\'\nb: "tab\\tand\\u00e9\\x41\\U0001F600"\nc: "\\N\\_\\L\\P\\0\\a\\e\\/\\ \\""\n'],
  ['read', 'a: "multi\n  line\n\n  with a blank  \n  line"\nb: \'one\n\n\n  two \'\n'],
  ['read', 'a: "escaped \\\n    break"\nb: "\\t\\\n  x"\nc: "trailing \\t\n  tab"\n'],
  ['declined', 'a: "bad \\q escape"\n'],
  ['declined', 'a: "\\U00110000"\n'],
  ['declined', 'a: "x\ny"\n'],
  // Plain scalars over several lines, in mappings and lists.
  ['read', 'a: plain\n  continued\n\n  after a blank\nb:\n  on its own\n  line\n'],
  ['read', '- first\n  continued - with a dash\n- second # comment\n'],
  ['read', 'a: x\n  # a comment ends it\nb: y\n'],
  // Block scalars: every header, indentation indicators, blank and more-indented lines, chomping.
  ['read', 'a: >\n  folded\n  text\n\n  kept\n   more\n  back\nb: |+\n  keep\n\n'],
  ['read', 'a: |2\n   one more\n  base\nb: >-\n  x\n\nc: |-\n  y\n\n\nd: |1+\n  z\n'],
  ['read', '- |\n  in a list\n- key: >2-\n     in a mapping\n    x\n'],
  ['read', 'a: |\n  text\n    \n  \nb: >+\n\n  y\n   \n'],
  ['declined', 'a: |\n\n   \n  x\n'],
  ['declined', 'a: |0\n  x\n'],
  // Flow collections: nested, over several lines, with comments, a closing bracket at the key's column.
  ['read', 'a: [x, "y, z", {k: v}]\nb: {c: [1, 2]}\nc: [\n  1, # one\n  2,\n]\nd: {\n  e: f }\n'],
  ['read', 'k:\n  a: [x,\n   y\n  ]\n'],
  ['declined', 'a: [x,\ny]\n'],
  ['declined', 'a: [a: b]\n'],
  ['declined', 'a: {b}\n'],
  // Block structure: compact lists, `- key:` items, nested lists, comments and blank lines anywhere.
  ['read', 'a:\n- 1\n-  - 2\n   - 3\nb:\n  - c: d\n    e:\n    - f\n  -\n    g: h\n'],
  ['read', '# head\n\n---\n# c\na: 1 # c\n\n# c\nb:   # c\n  # c\n  c: 2\n...\n# after the end\n'],
  ['read', '%YAML 1.2\n---\na: 1\n'],
  ['read', 'a: 1\r\nb:\r\n  - x\r\nc: |\r\n  y\r\n'],
  ['read', '  a: 1\n  b: 2\n'],
  ['read', '- a\n- b\n'],
  ['read', ''],
  ['read', '# only a comment\n'],
  ['read', 'a: 1\n   '],
  // Left to the yaml package: anchors, aliases, tags, directives that change the schema, explicit keys,
  // several documents, tabs as indentation, a scalar document, a stray carriage return, a byte-order mark.
  ['declined', 'a: &x 1\nb: *x\n'],
  ['declined', 'a: !!str 1\nb: !!int "2"\nc: !custom x\n'],
  ['declined', '%YAML 1.1\n---\na: yes\nb: 0777\n'],
  ['declined', '? a\n: b\n'],
  ['declined', 'a: 1\n---\nb: 2\n'],
  ['declined', 'a:\n\tb: 1\n'],
  ['declined', 'just a scalar\n'],
  ['declined', 'a: b\rc: d\n'],
  ['declined', '\ufeffa: 1\n'],
  ['declined', 'a: b: c\n'],
  ['declined', 'a: "x" y\n'],
  ['declined', 'a:\n  - b\n  c: d\n'],
  ['read', 'a: \u0085x\u2028y\n'],
];

// The suite runs a few thousand documents of each kind (~4 s of CPU); the variable runs more.
const iterations = Number(process.env.DRIVERCERT_FUZZ_ITERATIONS ?? 4000);
const composedCount = Math.max(1500, iterations / 2);

describe('readYamlFast', () => {
  it('reads the shipped drivers.yaml, cycles and results and the schema fixtures as the yaml package does', () => {
    for (const { path, text } of shippedFiles()) {
      const outcome = expectAgreement(text);
      // Only fixtures that are not valid YAML may be left to the yaml package.
      if (!path.includes('/invalid/')) expect(outcome, path).toBe('read');
    }
  });

  const handCount = Math.max(300, iterations / 10);
  it(`reads ${handCount} hand-edited result.yaml files itself, as the yaml package does`, () => {
    const counts = agreeOnAll(handEditedResults(handCount, seededRandom(5)));
    expect(counts).toEqual({ read: handCount, declined: 0 });
  }, 600_000);

  it('reads result.yaml as drivercert writes it, with hostile text in every field', () => {
    const docs = HOSTILE_TEXTS.map((t) =>
      renderResult(makeResult({ notes: t, environment: { backend: { model: t, version: t } } })),
    );
    expect(agreeOnAll(docs)).toEqual({ read: docs.length, declined: 0 });
  });

  it('agrees on the corners where YAML readers part ways, or leaves them to the yaml package', () => {
    for (const [expected, doc] of CORNERS) expect(expectAgreement(doc), JSON.stringify(doc)).toBe(expected);
    const proto = readYamlFast(CORNERS[4]![1])!.data as object;
    expect(Object.hasOwn(proto, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it(`agrees with the yaml package on ${composedCount} random documents of every construct`, () => {
    const rnd = seededRandom(20251207);
    let valid = 0;
    let read = 0;
    for (let i = 0; i < composedCount; i++) {
      const doc = composedYaml(rnd);
      const full = authority(doc);
      if (full) valid++;
      const fast = readYamlFast(doc);
      if (fast === undefined) continue;
      read++;
      expect(full && isDeepStrictEqual(fast.data, full.data), JSON.stringify(doc)).toBe(true);
    }
    // The reader reads most of what is valid YAML here (it declines tags, anchors, directives, duplicate keys).
    expect(read).toBeGreaterThan(valid * 0.8);
  }, 600_000);

  it('refuses an alias bomb and deep nesting without expanding them, and parseYamlSource reports them', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x]',
      ...'bcdefghi'.split('').map((k, i) => `${k}: &${k} [${`*${'abcdefgh'[i]}, `.repeat(9).slice(0, -2)}]`),
    ];
    expect(readYamlFast(bomb.join('\n') + '\n')).toBeUndefined();
    expect(parseYamlSource('x.yaml', bomb.join('\n') + '\n').errors[0]!.message).toMatch(/alias/i);
    expect(readYamlFast('a: ' + '['.repeat(5000) + ']'.repeat(5000) + '\n')).toBeUndefined();
    const deep = Array.from({ length: 200 }, (_, i) => `${' '.repeat(i)}k:`).join('\n');
    expect(readYamlFast(deep + ' x\n')).toBeUndefined();
    expect(parseYamlSource('x.yaml', deep + ' x\n').errors).toEqual([]);
  });

  it('gives lines for a document it read, from the yaml package, only when asked', () => {
    const text = '# comment\ndriver: lvm\nresults:\n  passed: >-\n    folded\n  failed: 3\n';
    const src = parseYamlSource('r.yaml', text);
    expect(src.errors).toEqual([]);
    expect(src.data).toEqual({ driver: 'lvm', results: { passed: 'folded', failed: 3 } });
    expect(src.locate('/results/failed')).toEqual({ line: 6, col: 11, pointer: '/results/failed' });
  });

  // DRIVERCERT_FUZZ_ITERATIONS=200000 npx vitest run test/yaml-fast.test.ts runs a longer search.
  it(`agrees with the yaml package on ${iterations} seeded random mutations`, () => {
    const rnd = seededRandom(20251120);
    const seeds = [
      renderResult(makeResult()),
      ...handEditedResults(8, seededRandom(11)),
      readFileSync(join(ROOT, 'results/2025.2/cycle.yaml'), 'utf8').split('\n').slice(0, 60).join('\n') + '\n',
      readFileSync(join(ROOT, 'drivers.yaml'), 'utf8').split('\n').slice(0, 60).join('\n') + '\n',
      ...CORNERS.map(([, doc]) => doc),
      ...Array.from({ length: 40 }, () => composedYaml(rnd)),
    ];
    const counts = agreeOnAll(Array.from({ length: iterations }, (_, i) => mutate(seeds[i % seeds.length]!, rnd)));
    // Both paths must be exercised for the comparison to mean something.
    expect(counts.read).toBeGreaterThan(iterations / 10);
    expect(counts.declined).toBeGreaterThan(iterations / 10);
  }, 600_000);
});
