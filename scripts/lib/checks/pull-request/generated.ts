// Maintenance may change a generated file only to what regeneration gives; and what is
// checked should be what is committed.
import type { PullRequestCheck } from './types.js';
import { InputError } from '../../findings.js';
import { GENERATED, isFresh } from '../../generated.js';

/** The 1-based number of the first line where two texts differ. */
function firstDifferentLine(a: string, b: string): number {
  const la = a.split('\n');
  const lb = b.split('\n');
  let i = 0;
  while (i < la.length && i < lb.length && la[i] === lb[i]) i++;
  return i + 1;
}

export const generatedFresh: PullRequestCheck = {
  id: 'pr-generated-fresh',
  name: 'a changed generated file equals its regeneration',
  description:
    'When a maintenance pull request changes a file of the GENERATED registry (MATRIX.md, .github/CODEOWNERS…), ' +
    "it must be byte for byte what its command generates from the pull request's own data.",
  applies: ['maintenance'],
  async check(pr, report) {
    for (const g of GENERATED) {
      if (!pr.outside.some((x) => x.path === g.path)) continue;
      let state;
      try {
        state = await isFresh(pr.root, g);
      } catch (e) {
        // The data it is generated from is invalid: the schema checks say where.
        if (e instanceof InputError) continue;
        throw e;
      }
      if (state.fresh) continue;
      const tip = `Run \`${g.command}\` and commit the result; generated files are never edited by hand.`;
      if (state.actual === undefined) {
        report.at(g.path).error(`deletes ${g.path}, a generated file`, tip);
        continue;
      }
      report
        .at(g.path, firstDifferentLine(state.actual, state.expected))
        .error(
          `${g.path} is not what \`${g.command}\` generates from this pull request's files ` +
            '(the first difference is on this line)',
          tip,
        );
    }
  },
};

export const committedTree: PullRequestCheck = {
  id: 'pr-committed',
  name: 'what is validated is committed',
  description:
    '--changed-since judges the commits up to HEAD, while the content checks read the working tree: ' +
    'uncommitted changes would make the two disagree.',
  applies: ['submission', 'maintenance', 'empty'],
  check(pr, report) {
    const n = pr.uncommitted.length;
    if (n === 0) return;
    const shown = pr.uncommitted.slice(0, 5).join(', ') + (n > 5 ? `, … (${n - 5} more)` : '');
    report
      .at(pr.uncommitted[0]!)
      .warning(
        `${n} uncommitted ${n === 1 ? 'change is' : 'changes are'} not part of the pull request (${shown})`,
        'Commit them (`git add … && git commit`) or stash them, then validate again: ' +
          'the pull request holds only what is committed.',
      );
  },
};
