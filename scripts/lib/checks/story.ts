// Rules that hold a bundle's sources to one story (issue: "the sources tell one story", "required
// tests are matched honestly"): a record stands only for the cycle test it honestly names, a
// passing test carries no traceback, and a console-only run cannot pass on outcomes it cannot
// attribute. The contradictions inside one console output (its Totals, its "Failed N tests"
// block) are that source's parse problems (`sources-parse`); cert.log's verdict is `cert-verdict`.
import type { RefusedMatch } from '../results/match.js';
import { perBundle } from './bundles.js';
import { CERT_LOG } from '../analysis/analyse.js';

/** Findings listed per rule and bundle before "…and N more". */
const SHOWN = 20;

const AS_WRITTEN = 'Submit the results as tempest and stestr wrote them, unedited.';

const MATCH_SAYS: Record<RefusedMatch['why'], (r: RefusedMatch) => string> = {
  'several-idempotent-ids': (r) =>
    `${r.record} carries several idempotent ids: it stands for none of the cycle tests they name ` +
    `(${r.tests.join(', ')})`,
  'name-and-idempotent-id-differ': (r) =>
    `${r.record} is named as one cycle test but carries another's idempotent id: it stands for neither ` +
    `(${r.tests.join(', ')})`,
  'several-cycle-tests': (r) =>
    `${r.record} matches several cycle tests by name or idempotent id (${r.tests.join(', ')}): ` +
    'it stands for none of them',
};

export const testMatching = perBundle(
  {
    id: 'test-matching',
    name: 'each test that ran stands for at most one cycle test',
    description:
      'A test is known by its idempotent id across renames; one whose id carries several idempotent ids, or ' +
      "whose name is one cycle test's while its idempotent id is another's, stands for none and is refused.",
  },
  (f, report) => {
    const refused = f.derivation?.evaluation.refused ?? [];
    const member = f.analysis!.primary!.member;
    for (const r of refused.slice(0, SHOWN)) {
      const at = report.member(f.bundlePath, member, r.line);
      if (r.why === 'several-cycle-tests')
        at.warning(
          MATCH_SAYS[r.why](r),
          "The cycle's aliases or idempotent ids are ambiguous: cycle.yaml should give each to one test.",
        );
      else at.error(MATCH_SAYS[r.why](r), `A relabelled run proves nothing about these tests. ${AS_WRITTEN}`);
    }
    if (refused.length > SHOWN)
      report.member(f.bundlePath, member).error(`…and ${refused.length - SHOWN} more such tests`);
  },
);

export const successTraceback = perBundle(
  {
    id: 'success-traceback',
    name: 'a test that passed carries no traceback',
    description: 'A success with a `traceback` attachment contradicts itself: the test raised.',
  },
  (f, report) => {
    for (const s of f.analysis!.sources) {
      const bad = s.results.tests.filter((t) => t.status === 'success' && t.detail !== undefined);
      for (const t of bad.slice(0, SHOWN))
        report
          .member(f.bundlePath, s.member, t.line)
          .error(
            `${t.id} succeeded but carries a traceback attachment`,
            `A test that raised did not pass. ${AS_WRITTEN}`,
          );
      if (bad.length > SHOWN) report.member(f.bundlePath, s.member).error(`…and ${bad.length - SHOWN} more`);
    }
  },
);

export const consoleAttribution = perBundle(
  {
    id: 'console-attribution',
    name: 'a console-only run that passed shows every outcome it counts',
    description:
      'subunit-trace prints an expected failure "ok" and an unexpected success "FAILED": a run whose only ' +
      'results are console output, and whose Totals count either, cannot be passed.',
  },
  (f, report) => {
    const p = f.analysis!.primary;
    if (!p || p.kind !== 'console' || f.derivation?.fields.verdict !== 'passed') return;
    const xfail = p.counts.xfail - p.results.seen.xfail;
    const uxsuccess = p.counts.uxsuccess - p.results.seen.uxsuccess;
    if (xfail <= 0 && uxsuccess <= 0) return;
    report
      .member(f.bundlePath, CERT_LOG, p.results.summaryLine)
      .error(
        `the console output counts ${xfail} expected failures and ${uxsuccess} unexpected successes ` +
          'that its test lines cannot attribute to tests, so the run cannot be passed',
        'Add the subunit stream: `drivercert pack --log cert.log --subunit FILE` (`stestr last --subunit > FILE`).',
      );
  },
);
