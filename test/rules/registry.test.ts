// The rule registries, held together: every registered rule (repository and pull-request)
// has a unique kebab-case id, a row in the README's rule table naming that id, and at least
// one valid and one invalid case under test/rules/cases/.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECKS } from '../../scripts/lib/checks/index.js';
import { PR_CHECKS } from '../../scripts/lib/checks/pull-request/index.js';
import { ROOT } from '../helpers/cli.js';
import { CHECK_TESTS, PULL_REQUEST_TESTS } from './cases/index.js';

const RULES = [...CHECKS, ...PR_CHECKS];

/** The rows of the README table whose header row starts with `| <first> |`, as cells. */
function readmeTable(first: string): string[][] {
  const lines = readFileSync(join(ROOT, 'README.md'), 'utf8').split('\n');
  const start = lines.findIndex((l) => l.startsWith(`| ${first} |`));
  expect(start, `the README has a table whose first column is "${first}"`).toBeGreaterThan(-1);
  const rows: string[][] = [];
  for (const l of lines.slice(start + 2)) {
    if (!l.startsWith('|')) break;
    rows.push(
      l
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((c) => c.trim()),
    );
  }
  return rows;
}

/** A README cell as plain text: code spans unwrapped, HTML entities decoded. */
function plain(cell: string): string {
  return cell
    .replace(/^`(.*)`$/, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

describe('the rule registries', () => {
  it('give every rule a unique kebab-case id and a unique name', () => {
    for (const r of RULES) expect(r.id, r.name).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
    const ids = RULES.map((r) => r.id);
    const names = RULES.map((r) => r.name);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
  });

  it("agree with the README's Validation table: each repository rule's name and id, and no other", () => {
    const rows = readmeTable('rule').map(([name, id]) => ({ id: plain(id!), name: plain(name!) }));
    expect(rows.sort(byId)).toEqual(CHECKS.map((c) => ({ id: c.id, name: c.name })).sort(byId));
  });

  it("agree with the README's pull-request rule table: each rule's name and id, and no other", () => {
    const rows = readmeTable('rule (the line a contributor sees)').map(([name, id]) => ({
      id: plain(id!),
      name: plain(name!),
    }));
    expect(rows.sort(byId)).toEqual(PR_CHECKS.map((r) => ({ id: r.id, name: r.name })).sort(byId));
  });

  it('give every registered rule at least one valid and one invalid case', () => {
    const tests = [...CHECK_TESTS, ...PULL_REQUEST_TESTS];
    const lacking = RULES.filter((r) => {
      const mine = tests.filter((t) => t.rule === r);
      return !mine.some((t) => t.cases.valid.length > 0) || !mine.some((t) => t.cases.invalid.length > 0);
    }).map((r) => r.id);
    expect(lacking, 'rules without a valid and an invalid case in test/rules/cases/').toEqual([]);
  });

  it('test only registered rules, each in one place', () => {
    const tested = [...CHECK_TESTS, ...PULL_REQUEST_TESTS].map((t) => t.rule);
    expect(tested.filter((r) => !(RULES as readonly unknown[]).includes(r)).map((r) => r.id)).toEqual([]);
    expect(tested.filter((r, i) => tested.indexOf(r) !== i).map((r) => r.id)).toEqual([]);
  });
});

function byId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
