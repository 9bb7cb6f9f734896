// YAML is read strictly and every value can be traced back to its line.
import { describe, expect, it } from 'vitest';
import { MAX_YAML_BYTES, parseYamlSource, pointerSegments, toPointer } from '../scripts/lib/yaml-source.js';

describe('parseYamlSource', () => {
  it('locates values, keys and list items by JSON pointer', () => {
    const src = parseYamlSource('f.yaml', 'a: 1\nlist:\n  - x: 2\n    "y/z": 3\n');
    expect(src.errors).toEqual([]);
    expect(src.locate('/a')).toMatchObject({ line: 1, col: 4 });
    expect(src.locate('/list/0/x')).toMatchObject({ line: 3, col: 8 });
    expect(src.locate('/list/0/y~1z')).toMatchObject({ line: 4, col: 12 });
    expect(src.locate('/list/0/y~1z', { key: true })).toMatchObject({ line: 4, col: 5 });
    // A missing leaf is placed on its nearest written parent.
    expect(src.locate('/list/0/missing')).toMatchObject({ line: 3, col: 5 });
  });

  it('rejects duplicate keys, naming the key and its line', () => {
    const src = parseYamlSource('f.yaml', 'a: 1\nb: 2\na: 3\n');
    expect(src.errors).toEqual([
      expect.objectContaining({
        code: 'DUPLICATE_KEY',
        line: 3,
        message: 'the key "a" appears twice in the same mapping',
      }),
    ]);
    expect(src.data).toBeUndefined();
  });

  it('rejects several documents in one file, in words a contributor reads', () => {
    const src = parseYamlSource('f.yaml', 'a: 1\n---\nb: 2\n');
    expect(src.errors).toEqual([
      expect.objectContaining({
        code: 'MULTIPLE_DOCS',
        line: 2,
        message: 'the file holds several YAML documents (separated by `---`); it must hold one',
      }),
    ]);
  });

  it('says a document nested too deeply is nested too deeply (not "Maximum call stack size exceeded")', () => {
    const src = parseYamlSource('f.yaml', `a: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`);
    expect(src.errors.map((e) => e.message)).toContain('the YAML is nested too deeply to be read');
    expect(src.data).toBeUndefined();
  });

  it('refuses a file over 1 MiB before parsing it (the yaml package needs ~30 bytes of memory per byte)', () => {
    const src = parseYamlSource('f.yaml', `a: "${'x'.repeat(MAX_YAML_BYTES)}"\n`);
    expect(src.errors).toEqual([
      { code: 'TOO_LARGE', message: 'the file is 1.0 MiB; a YAML file of this repository may be at most 1 MiB' },
    ]);
    expect(parseYamlSource('f.yaml', new Uint8Array(0), 10 * 1024 * 1024).errors[0]!.message).toBe(
      'the file is 10.0 MiB; a YAML file of this repository may be at most 1 MiB',
    );
  });

  it('refuses bytes that are not UTF-8, at the line and column of the first bad one', () => {
    const bytes = Buffer.concat([Buffer.from('a: \uFFFD ok\nvendor: Dat'), Buffer.from([0xe9]), Buffer.from('ra\n')]);
    const src = parseYamlSource('f.yaml', bytes);
    expect(src.errors).toEqual([
      {
        code: 'ENCODING',
        message: 'the file is not valid UTF-8 (the byte 0xE9 does not begin a valid UTF-8 character)',
        line: 2,
        col: 12,
      },
    ]);
    expect(parseYamlSource('f.yaml', Buffer.from('a: \uFFFD ok\n')).errors).toEqual([]);
  });

  it('refuses control characters (a NUL, an escape) at their line, but not escapes of them', () => {
    expect(parseYamlSource('f.yaml', 'a: 1\nb: "x\u0000y"\n').errors).toEqual([
      { code: 'CONTROL_CHAR', message: 'a control character (U+0000) is not allowed in a YAML file', line: 2, col: 6 },
    ]);
    expect(parseYamlSource('f.yaml', 'a: \u001b[31m\n').errors[0]).toMatchObject({
      code: 'CONTROL_CHAR',
      line: 1,
      col: 4,
    });
    expect(parseYamlSource('f.yaml', 'a: "x\\u0000y\\t"\n').errors).toEqual([]);
  });

  it('rejects alias bombs without expanding them', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 12; i++)
      bomb.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10)
          .fill('*' + String.fromCharCode(96 + i))
          .join(',')}]`,
      );
    const start = Date.now();
    const src = parseYamlSource('bomb.yaml', bomb.join('\n') + '\n');
    expect(Date.now() - start).toBeLessThan(2000);
    expect(src.errors.map((e) => e.code)).toContain('ALIAS');
    expect(src.data).toBeUndefined();
  });

  it('reports a byte-order mark and tab indentation', () => {
    expect(parseYamlSource('f.yaml', '\uFEFFa: 1\n').errors.map((e) => e.code)).toEqual(['BOM']);
    expect(parseYamlSource('f.yaml', 'a:\n\t- 1\n').errors.length).toBeGreaterThan(0);
  });

  it('refuses a key that is a list, a mapping or an alias, at its line, without a process warning (found by bench/fuzz.ts)', () => {
    const warnings: unknown[] = [];
    const emitWarning = process.emitWarning;
    process.emitWarning = ((w: unknown) => void warnings.push(w)) as typeof process.emitWarning;
    try {
      expect(parseYamlSource('f.yaml', 'a: 1\n? [x, y]\n: 2\n').errors).toEqual([
        { code: 'COMPLEX_KEY', message: 'a key must be plain text, not a list', line: 2, col: 3 },
      ]);
      expect(parseYamlSource('f.yaml', 'a:\n  {b: 1}: 2\n').errors[0]).toMatchObject({
        code: 'COMPLEX_KEY',
        message: 'a key must be plain text, not a mapping',
        line: 2,
      });
      expect(parseYamlSource('f.yaml', 'a: &k x\n*k : 2\n').errors[0]).toMatchObject({
        code: 'COMPLEX_KEY',
        message: 'a key must be plain text, not an alias',
        line: 2,
      });
    } finally {
      process.emitWarning = emitWarning;
    }
    expect(warnings).toEqual([]);
  });

  it('locates a value past keys that are nested lists in linear time (found by bench/fuzz.ts)', () => {
    // Each "[a: …" opens a flow list whose key is the next one: turning such keys into text
    // to compare them with a pointer took time exponential in the depth ("Invalid string length" at 28).
    const text = `name: x\nclass: [${'a: false\n  b: true\n['.repeat(28)}]\n`;
    const start = Date.now();
    expect(parseYamlSource('f.yaml', text).locate('/missing')).toMatchObject({ line: 1, col: 1 });
    expect(Date.now() - start).toBeLessThan(1000);
  });

  it('keeps __proto__ as plain data (no prototype pollution)', () => {
    const src = parseYamlSource('f.yaml', '__proto__:\n  polluted: true\n');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(src.data as object)).toEqual(['__proto__']);
  });

  it('round-trips JSON pointers', () => {
    expect(pointerSegments(toPointer(['a/b', 'c~d', 0]))).toEqual(['a/b', 'c~d', '0']);
    expect(pointerSegments('')).toEqual([]);
  });
});
