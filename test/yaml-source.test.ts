// YAML is read strictly and every value can be traced back to its line.
import { describe, expect, it } from 'vitest';
import { parseYamlSource, pointerSegments, toPointer } from '../scripts/lib/yaml-source.js';

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
    expect(src.errors).toEqual([expect.objectContaining({ code: 'DUPLICATE_KEY', line: 3, message: 'the key "a" appears twice in the same mapping' })]);
    expect(src.data).toBeUndefined();
  });

  it('rejects several documents in one file', () => {
    const src = parseYamlSource('f.yaml', 'a: 1\n---\nb: 2\n');
    expect(src.errors.map((e) => e.code)).toContain('MULTIPLE_DOCS');
  });

  it('rejects alias bombs without expanding them', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 12; i++) bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill('*' + String.fromCharCode(96 + i)).join(',')}]`);
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
