// The reporter every rule reports through: where a finding points (a pointer placed on its
// YAML line, a line and column, a bundle member), and that it always names its rule.
import { describe, expect, it } from 'vitest';
import { reporter } from '../../scripts/lib/checks/report.js';
import type { Finding } from '../../scripts/lib/findings.js';
import { parseYamlSource } from '../../scripts/lib/yaml-source.js';

const RULE = { id: 'unique-driver-ids', name: 'driver ids are unique' };
const FILE = {
  path: 'drivers.yaml',
  source: parseYamlSource('drivers.yaml', 'drivers:\n  - id: lvm\n  - id: lvm\nwaivers:\n  ghost: []\n'),
};

describe('reporter', () => {
  it('places a JSON pointer on its line and column through the YAML source, keeping the pointer', () => {
    const out: Finding[] = [];
    reporter(RULE, out).at(FILE, '/drivers/1/id').error('id: "lvm" is already used', 'Give each driver its own id.');
    expect(out).toEqual([
      {
        level: 'error',
        rule: 'unique-driver-ids',
        check: 'driver ids are unique',
        file: 'drivers.yaml',
        line: 3,
        col: 9,
        pointer: '/drivers/1/id',
        message: 'id: "lvm" is already used',
        tip: 'Give each driver its own id.',
      },
    ]);
  });

  it('places a pointer on the key when asked (a mapping key that is wrong, not its value)', () => {
    const out: Finding[] = [];
    reporter(RULE, out).at(FILE, '/waivers/ghost', { key: true }).warning('not a driver');
    expect(out[0]).toMatchObject({ level: 'warning', line: 5, col: 3, pointer: '/waivers/ghost' });
    expect(out[0]).not.toHaveProperty('tip');
  });

  it('names a file, with a line and column only when they are known', () => {
    const out: Finding[] = [];
    const report = reporter(RULE, out);
    report.at('results/2025.2/lvm/').notice('no --author was given');
    report.at('MATRIX.md', 12).error('edited by hand', 'Run `npx drivercert matrix`.');
    report.at('drivers.yaml', undefined).error('missing');
    expect(out.map((f) => Object.keys(f).sort())).toEqual([
      ['check', 'file', 'level', 'message', 'rule'],
      ['check', 'file', 'level', 'line', 'message', 'rule', 'tip'],
      ['check', 'file', 'level', 'message', 'rule'],
    ]);
    expect(out[1]).toMatchObject({ file: 'MATRIX.md', line: 12 });
  });

  it('names a bundle member as path.tgz!member, at a line when known', () => {
    const out: Finding[] = [];
    const report = reporter(RULE, out);
    report.member('results/2025.2/lvm/lvm.tgz', 'cert.log', 17).error('a password');
    report.member('results/2025.2/lvm/lvm.tgz', 'logs/evil').error('a link');
    expect(out.map((f) => [f.file, f.line])).toEqual([
      ['results/2025.2/lvm/lvm.tgz!cert.log', 17],
      ['results/2025.2/lvm/lvm.tgz!logs/evil', undefined],
    ]);
  });

  it("passes on findings the library made under the rule's id, and refuses another rule's", () => {
    const out: Finding[] = [];
    const made: Finding = { level: 'error', rule: RULE.id, check: RULE.name, file: 'drivers.yaml', message: 'x' };
    reporter(RULE, out).add([made]);
    expect(out).toEqual([made]);
    expect(() => reporter({ id: 'schema', name: 'every file matches its schema' }, out).add([made])).toThrow(
      'a finding of the rule "unique-driver-ids" was reported as "schema"',
    );
  });
});
