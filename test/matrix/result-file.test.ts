// renderResult is the one writer of result.yaml: documented key order, a schema comment,
// valid against the schema, and every value read back unchanged by YAML 1.2 and 1.1 readers.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { renderResult } from '../../scripts/lib/results/result-file.js';
import { parseLoadedFile } from '../../scripts/lib/repo.js';
import type { Result } from '../../scripts/lib/model.js';
import { ROOT } from '../helpers/cli.js';
import { HOSTILE_TEXTS, makeResult } from './fixtures.js';

const ORDER = [
  'driver',
  'cycle',
  'submitted',
  'submitter',
  'environment',
  'notes',
  'bundle',
  'source',
  'results',
  'failed_tests',
  'skipped_tests',
  'capabilities',
  'verdict',
  'withdrawn',
];

function topLevelKeys(text: string): string[] {
  return text.split('\n').flatMap((l) => /^([a-z_]+):/.exec(l)?.[1] ?? []);
}

describe('renderResult', () => {
  it('starts with the schema comment and writes the keys in the documented order', () => {
    const text = renderResult(
      makeResult({ notes: 'two nodes', withdrawn: { date: '2025-11-02', reason: 'patched tempest' } }),
    );
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../../../schemas/result.schema.json');
    expect(topLevelKeys(text)).toEqual(ORDER);
    expect(topLevelKeys(renderResult(makeResult()))).toEqual(ORDER.filter((k) => k !== 'notes' && k !== 'withdrawn'));
  });

  it('quotes the cycle and dates so no YAML reader takes them for numbers or dates', () => {
    const text = renderResult(makeResult({ withdrawn: { date: '2025-11-02', reason: 'yes' } }));
    expect(text).toContain('cycle: "2025.2"\n');
    expect(text).toContain('submitted: "2025-10-20"\n');
    expect(text).toContain('date: "2025-11-02"\n');
    expect(text).toContain('reason: "yes"\n');
    expect(text).toContain('driver: lvm\n');
    expect(parse(text, { version: '1.1' })).toEqual(parse(text));
  });

  it('quotes capability ids that would be read as numbers', () => {
    const text = renderResult(
      makeResult({ capabilities: { '1e3': 'passed', '2025': 'missing', 'volumes-get': 'passed' } }),
    );
    expect(text).toContain('  "1e3": passed\n');
    expect(text).toContain('  "2025": missing\n');
    expect(text.indexOf('"1e3"')).toBeLessThan(text.indexOf('"2025"'));
    expect(Object.keys((parse(text) as Result).capabilities).sort()).toEqual([
      '1e3',
      '2025',
      'volumes-create',
      'volumes-get',
    ]);
  });

  it('matches the schema, and gives the same bytes for the same result whatever its key order', () => {
    const r = makeResult({ capabilities: { 'volumes-z': 'passed', 'volumes-a': 'failed', 'feature-qos': 'missing' } });
    const text = renderResult(r);
    expect(parseLoadedFile<Result>('results/2025.2/lvm/result.yaml', text, 'result').problems).toEqual([]);
    const shuffled = Object.fromEntries(Object.entries(r).reverse()) as unknown as Result;
    expect(renderResult(shuffled)).toBe(text);
    expect(text.indexOf('feature-qos')).toBeLessThan(text.indexOf('volumes-a'));
  });

  it('rewrites the shipped schema fixtures with their data unchanged', () => {
    for (const name of ['failed-run', 'passed-with-notes']) {
      const fixture = readFileSync(join(ROOT, `test/fixtures/schemas/result/valid/${name}.yaml`), 'utf8');
      const data = parse(fixture) as Result;
      expect(parse(renderResult(data))).toEqual(data);
    }
  });

  it('reads back every hostile string unchanged, in YAML 1.2 and YAML 1.1', () => {
    for (const t of [
      ...HOSTILE_TEXTS,
      '',
      ' leading space',
      'trailing space ',
      '\n\nleading newlines',
      'trailing newlines\n\n',
      'tab\there',
      'nul \u0000 and bell \u0007',
      '0755',
      '1:20',
      '~',
      'on',
      'No',
      '.5',
      '1e3',
      '0x1F',
      '=',
      '<<',
    ]) {
      const r = makeResult({
        notes: t,
        environment: { backend: { model: t || 'x', version: t || 'x' } },
        withdrawn: { date: '2025-11-02', reason: t || 'x' },
      });
      const text = renderResult(r);
      for (const version of ['1.2', '1.1'] as const) {
        const back = parse(text, { version }) as Result;
        expect(back.notes, `${JSON.stringify(t)} in YAML ${version}`).toBe(t);
        expect(back.withdrawn?.reason).toBe(t || 'x');
        expect(back.environment.backend.model).toBe(t || 'x');
      }
    }
  });
});
