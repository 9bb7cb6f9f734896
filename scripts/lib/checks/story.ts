// Rules that hold a bundle's sources to one story: a record stands only for the cycle test it
// honestly names, a passing test carries no traceback, and a console-only run cannot pass on
// outcomes it cannot attribute (scripts/lib/analysis/contradictions.ts says what each finds).
// The contradictions inside one console output (its Totals, its "Failed N tests" block) are that
// source's parse problems (`sources-parse`); cert.log's verdict is `cert-verdict` (bundles.ts).
import { perBundle } from './bundles.js';
import { reportContradictions } from './contradictions.js';
import { refusedMatches, tracebackSuccesses, unattributedOutcomes } from '../analysis/contradictions.js';

export const testMatching = perBundle(
  {
    id: 'test-matching',
    name: 'each test that ran stands for at most one cycle test',
    description:
      'A test is known by its idempotent id across renames; one whose id carries several idempotent ids, or ' +
      "whose name is one cycle test's while its idempotent id is another's, stands for none and is refused.",
  },
  (f, report) => reportContradictions(f.bundlePath, refusedMatches(f.analysis!, f.derivation), report),
);

export const successTraceback = perBundle(
  {
    id: 'success-traceback',
    name: 'a test that passed carries no traceback',
    description: 'A success with a `traceback` attachment contradicts itself: the test raised.',
  },
  (f, report) => reportContradictions(f.bundlePath, tracebackSuccesses(f.analysis!), report),
);

export const consoleAttribution = perBundle(
  {
    id: 'console-attribution',
    name: 'a console-only run that passed shows every outcome it counts',
    description:
      'subunit-trace prints an expected failure "ok" and an unexpected success "FAILED": a run whose only ' +
      'results are console output, and whose Totals count either, cannot be passed.',
  },
  (f, report) => reportContradictions(f.bundlePath, unattributedOutcomes(f.analysis!, f.derivation), report),
);
