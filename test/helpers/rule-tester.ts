// ESLint's RuleTester for drivercert's rules: one rule, valid cases (it reports nothing) and
// invalid cases (it reports exactly the findings listed, in order), each case a scratch
// repository built from a readable description. The rule runs alone and in-process, through
// the runner, so its scope is dispatched as in `validate`.
import { cpSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Finding, Level } from '../../scripts/lib/findings.js';
import type { Check } from '../../scripts/lib/checks/types.js';
import type { PullRequestCheck } from '../../scripts/lib/checks/pull-request/types.js';
import { checkFindings, pullRequestFindings, toReport } from '../../scripts/lib/checks/runner.js';
import { loadRepo } from '../../scripts/lib/repo.js';
import { checkContext } from '../../scripts/lib/validate.js';
import { readPullRequest } from '../../scripts/lib/pr/pull-request.js';
import { TODAY, tempDir } from './cli.js';
import { commitAll, git } from './git.js';

/** A finding an invalid case expects; the rule id and name are always those of the rule under test. */
export interface Expected {
  /** Default: error. */
  level?: Level;
  file: string;
  /** The JSON pointer the finding names (none when left out). */
  pointer?: string;
  /**
   * Required when the finding has a line but no pointer (a bundle member's line, a YAML syntax
   * error's); a function reads it from the case's repository.
   */
  line?: number | ((root: string) => number);
  /** A fragment of the message, or a pattern it matches. */
  message: string | RegExp;
}

/** A case of a repository rule: the base repository, changed as the case says. */
export interface RepoCase {
  /** What the case is, as a sentence. */
  name: string;
  /** Turn the base repository (a scratch copy) into this case. */
  arrange?: (root: string) => void | Promise<void>;
  /** Validate only these paths (PATH arguments): the run is then focused on them. */
  paths?: string[];
}

/** A case of a pull-request rule: a branch off the base, changed as the case says. */
export interface PullRequestCase {
  name: string;
  /** Change the base branch first (committed on main). */
  base?: (root: string) => void | Promise<void>;
  /** What the pull request does (committed on its branch). */
  change?: (root: string) => void | Promise<void>;
  /** Left in the working tree, uncommitted, after the pull request's commit. */
  uncommitted?: (root: string) => void;
  /** The pull request's author (--author). */
  author?: string;
}

export interface RuleCases<C> {
  valid: C[];
  invalid: (C & { findings: Expected[] })[];
}

/** A repository rule with its cases, and the base repository its cases start from. */
export interface CheckTests {
  rule: Check;
  base: (root: string) => void | Promise<void>;
  cases: RuleCases<RepoCase>;
}

/** A pull-request rule with its cases, and the base branch its cases start from. */
export interface PullRequestTests {
  rule: PullRequestCheck;
  base: (root: string) => void | Promise<void>;
  cases: RuleCases<PullRequestCase>;
}

/** Register one vitest test per case of a repository rule. */
export function testCheck({ rule, base, cases }: CheckTests): void {
  const run = async (c: RepoCase) => {
    const root = tempDir(`drivercert-rule-${rule.id}-`);
    await base(root);
    await c.arrange?.(root);
    const ctx = checkContext(loadRepo(root), { today: TODAY, ...(c.paths ? { paths: c.paths } : {}) });
    return { root, found: sorted(await checkFindings([rule], ctx)) };
  };
  describeCases(rule, cases, run);
}

/** Register one vitest test per case of a pull-request rule. */
export function testPullRequestRule({ rule, base, cases }: PullRequestTests): void {
  let template: Promise<string> | undefined;
  const run = async (c: PullRequestCase) => {
    template ??= baseBranch(base);
    const root = tempDir(`drivercert-pr-rule-${rule.id}-`);
    cpSync(await template, root, { recursive: true });
    if (c.base) {
      await c.base(root);
      commitAll(root, 'Change the base');
    }
    git(root, 'switch', '-q', '-c', 'pull-request');
    await c.change?.(root);
    if (git(root, 'status', '--porcelain') !== '') commitAll(root, 'The pull request');
    c.uncommitted?.(root);
    const pr = readPullRequest(root, { ref: 'main', author: c.author, env: process.env });
    return { root, found: sorted(await pullRequestFindings([rule], { pr, today: TODAY })) };
  };
  describeCases(rule, cases, run);
}

/** A git repository on main holding the base (built once per rule, copied per case). */
async function baseBranch(base: (root: string) => void | Promise<void>): Promise<string> {
  const root = tempDir('drivercert-pr-base-');
  git(root, 'init', '-q', '-b', 'main');
  await base(root);
  commitAll(root, 'The base');
  return root;
}

function sorted(findings: Finding[]): Finding[] {
  const r = toReport(findings);
  return [...r.errors, ...r.warnings, ...r.notices];
}

function describeCases<C extends { name: string }>(
  rule: { id: string; name: string },
  cases: RuleCases<C>,
  run: (c: C) => Promise<{ root: string; found: Finding[] }>,
): void {
  describe(`rule ${rule.id}`, () => {
    for (const c of cases.valid) {
      it(`valid: ${c.name}`, async () => {
        const { found } = await run(c);
        expect(found.map(show), 'a valid case reports nothing').toEqual([]);
      });
    }
    for (const c of cases.invalid) {
      it(`invalid: ${c.name}`, async () => {
        expect(c.findings.length, 'an invalid case lists the findings it expects').toBeGreaterThan(0);
        const { root, found } = await run(c);
        expectFindings(rule, root, found, c.findings);
      });
    }
  });
}

/** The findings are exactly those expected, in order, each under the rule's id and name. */
function expectFindings(
  rule: { id: string; name: string },
  root: string,
  found: Finding[],
  expected: Expected[],
): void {
  const listing = `found:\n${found.map(show).join('\n') || '(nothing)'}`;
  expect(found.length, `${expected.length} findings expected; ${listing}`).toBe(expected.length);
  found.forEach((f, i) => {
    const want = expected[i]!;
    const at = `finding ${i + 1}; ${listing}`;
    expect({ rule: f.rule, check: f.check }, at).toEqual({ rule: rule.id, check: rule.name });
    expect({ level: f.level, file: f.file, pointer: f.pointer }, at).toEqual({
      level: want.level ?? 'error',
      file: want.file,
      pointer: want.pointer,
    });
    if (f.line !== undefined && f.pointer === undefined)
      expect(want.line, `${at}\nstate the line of a finding without a pointer`).toBeDefined();
    if (want.line !== undefined) expect(f.line, at).toBe(typeof want.line === 'number' ? want.line : want.line(root));
    if (typeof want.message === 'string') expect(f.message, at).toContain(want.message);
    else expect(f.message, at).toMatch(want.message);
  });
}

function show(f: Finding): string {
  return `${f.level} [${f.rule}] ${f.file}${f.line !== undefined ? `:${f.line}` : ''} ${f.pointer ?? ''} ${f.message}`;
}
