// Schemas are tested with fixtures: every valid file is accepted, and every invalid one
// (one violation each, named after it) is rejected for exactly the stated reason.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { schemaFindings, validatorFor, type SchemaName } from '../scripts/lib/schema.js';
import { parseYamlSource } from '../scripts/lib/yaml-source.js';
import { parse as loadYaml } from 'yaml';
import { VALIDATORS_FILE, compilingAjv, validatorsSource } from '../scripts/lib/schema-compile.js';
import { GITHUB_LOGIN } from '../scripts/lib/github-login.js';
import { ROOT } from './helpers/cli.js';

const FIXTURES = join(ROOT, 'test/fixtures/schemas');
const KINDS: SchemaName[] = ['drivers', 'cycle', 'result'];

function files(kind: string, validity: string): string[] {
  return readdirSync(join(FIXTURES, kind, validity))
    .filter((f) => f.endsWith('.yaml'))
    .sort();
}

/** `# expect: <pointer> <keyword>` — the one error an invalid fixture must produce. */
function expectation(text: string): { pointer: string; keyword: string } {
  const m = /^# expect: (".*?"|\S+) (\w+)$/m.exec(text);
  if (!m) throw new Error('invalid fixture without an `# expect: <pointer> <keyword>` line');
  return { pointer: m[1] === '""' ? '' : m[1]!.replace(/^"|"$/g, ''), keyword: m[2]! };
}

describe.each(KINDS)('%s schema', (kind) => {
  it.each(files(kind, 'valid'))('accepts valid/%s', (file) => {
    const src = parseYamlSource(file, readFileSync(join(FIXTURES, kind, 'valid', file), 'utf8'));
    expect(src.errors).toEqual([]);
    expect(schemaFindings(kind, src)).toEqual([]);
  });

  it.each(files(kind, 'invalid'))('rejects invalid/%s for its stated reason', (file) => {
    const text = readFileSync(join(FIXTURES, kind, 'invalid', file), 'utf8');
    const want = expectation(text);
    const src = parseYamlSource(file, text);
    expect(src.errors).toEqual([]);
    const validate = validatorFor(kind);
    expect(validate(src.data)).toBe(false);
    const errors = (validate.errors ?? []).filter((e) => e.keyword !== 'if' && e.keyword !== 'propertyNames');
    expect(
      errors.map(
        (e) =>
          `${e.instancePath}${(e as { propertyName?: string }).propertyName ? '/' + (e as { propertyName?: string }).propertyName : ''} ${e.keyword}`,
      ),
    ).toEqual([`${want.pointer} ${want.keyword}`]);
    // What the contributor sees: one finding, worded, on a line of the file.
    const findings = schemaFindings(kind, src);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.message).not.toMatch(/must match|must have required property|must NOT/);
    if (text.split('\n').length > 2) expect(findings[0]!.line).toBeGreaterThan(0);
  });

  it('rejects an empty document', () => {
    const src = parseYamlSource('empty.yaml', '');
    const f = schemaFindings(kind, src);
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toMatch(/must be a mapping/);
  });

  it('has at least one valid and ten invalid fixtures', () => {
    expect(files(kind, 'valid').length).toBeGreaterThanOrEqual(1);
    expect(files(kind, 'invalid').length).toBeGreaterThanOrEqual(10);
  });
});

describe('the login pattern', () => {
  it('is the same in the schemas and in the code (pack --submitter, validate --author, missing)', () => {
    const defs = JSON.parse(readFileSync(join(ROOT, 'schemas/defs.schema.json'), 'utf8')) as {
      $defs: { login: { pattern: string } };
    };
    expect(defs.$defs.login.pattern).toBe(GITHUB_LOGIN.source);
  });
});

describe('the compiled validators', () => {
  it('are what Ajv compiles from the schemas (after changing a schema, run `npm run schemas`)', () => {
    expect(readFileSync(join(ROOT, VALIDATORS_FILE), 'utf8') === validatorsSource()).toBe(true);
  });

  // Ajv checks uniqueItems with a map only when the items' type is stated beside any $ref; else it
  // compares every pair, and a result.yaml listing 40,000 skipped tests took 6.8 s to validate.
  it('check every unique list with a map, never pair by pair', () => {
    const code = readFileSync(join(ROOT, VALIDATORS_FILE), 'utf8');
    expect(code).toContain('uniqueItems');
    expect(code).not.toContain('ajv/dist/runtime/equal');
  });

  // validators.cjs is Ajv's code rewritten for speed (schema-compile.ts, `quicker`): it must answer
  // exactly as Ajv's own validators, where the rewrites matter most — lengths counted in code
  // points (astral characters are two UTF-16 units) and lists with repeated or non-text items.
  it("answer exactly as Ajv's own validators", () => {
    const { ajv } = compilingAjv();
    const base = (file: string) => loadYaml(readFileSync(join(ROOT, file), 'utf8'));
    const result = base('results/2025.2/lvm/result.yaml') as Record<string, unknown>;
    const astral = '😀';
    const cases: [SchemaName, unknown][] = [
      ['drivers', base('drivers.yaml')],
      ['cycle', base('results/2025.2/cycle.yaml')],
      ['result', result],
      ...[
        { notes: astral.repeat(10_000) },
        { notes: astral.repeat(10_001) },
        { notes: 'x' + astral.repeat(5_000) + 'x'.repeat(4_999) },
        { environment: { ...(result.environment as object), protocol: astral } },
        { environment: { ...(result.environment as object), protocol: '' } },
        { failed_tests: ['a.b', 'a.b'] },
        { failed_tests: ['a.b', 'c.d', 'a.b', 'e', 'c.d'] },
        { skipped_tests: ['x', 7, 'x', null, 7] },
        { skipped_tests: [astral.repeat(1000), astral.repeat(1001), ''] },
        { skipped_tests: ['z'.repeat(1000) + astral] },
      ].map((edit): [SchemaName, unknown] => ['result', { ...result, ...edit }]),
    ];
    let invalid = 0;
    for (const [name, data] of cases) {
      const ours = validatorFor(name);
      const theirs = ajv.getSchema(`${name}.schema.json`)!;
      const ok = ours(data);
      expect(ok).toBe(theirs(data));
      const errs = (e: typeof ours.errors) => (e ?? []).map((x) => [x.instancePath, x.keyword, x.params]);
      expect(errs(ok ? [] : ours.errors)).toEqual(errs(ok ? [] : theirs.errors));
      if (!ok) invalid++;
    }
    expect(invalid).toBe(8);
  });
});
