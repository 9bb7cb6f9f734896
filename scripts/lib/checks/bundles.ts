// Rules on each submission's bundle: safe to read, the one result.yaml names, holding a
// complete cert.log and results whose every derived figure result.yaml repeats truly.
import { basename } from 'node:path';
import type { Check, CheckContext } from './types.js';
import type { Reporter } from './report.js';
import { memberFile } from '../findings.js';
import { bundleFacts, GITHUB_FILE_LIMIT, type BundleFacts } from '../analysis/facts.js';
import { CERT_LOG, certLogOwnProblems } from '../analysis/analyse.js';
import { SECRET_TIP } from '../bundle/secrets.js';
import { describeComparison } from '../analysis/compare.js';
import { verdictContradiction } from '../analysis/contradictions.js';
import { reportContradictions } from './contradictions.js';
import { isLongLineProblem } from '../formats/common.js';

const MB = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;

/** Findings listed per source or log before "…and N more". */
const SHOWN = 20;

const LONG_LINE_TIP =
  'Only the start of a line this long is read, so a test or setting on it may be missed: keep such lines ' +
  '(a dump, a base64 blob) out of cert.log and the result files; service logs belong under logs/.';

const UNEDITED_LOG = "Submit the cert script's log unedited; it prints the commit it tested.";

export type About = Pick<Check, 'id' | 'name' | 'description'>;

/** A check on the bundle of each submission in scope, read or not (read once, shared by every bundle check). */
function eachBundle(
  about: About,
  each: (f: BundleFacts, report: Reporter, ctx: CheckContext) => void,
): Check<'submission'> {
  return {
    ...about,
    scope: 'submission',
    async check(sub, report, ctx) {
      const f = await bundleFacts(ctx, sub);
      if (f) each(f, report, ctx);
    },
  };
}

/** A check on each bundle in scope that was read successfully. */
export function perBundle(about: About, each: (f: BundleFacts, report: Reporter) => void): Check<'submission'> {
  return eachBundle(about, (f, report) => {
    if (f.analysis) each(f, report);
  });
}

export const bundleReadable = eachBundle(
  {
    id: 'bundle-readable',
    name: 'the bundle is a safe, readable gzip-compressed tar',
    description:
      'Read in one streaming pass; unsafe members (paths, links, devices, duplicates), bombs, limits and ' +
      'corruption are refused. GitHub refuses files over 100 MiB.',
  },
  (f, report) => {
    if (f.tooLarge) {
      report
        .at(f.bundlePath)
        .error(
          `the bundle is ${MB(f.bundleBytes)} (${f.bundleBytes} bytes), over GitHub's limit of ` +
            `${MB(GITHUB_FILE_LIMIT)} (${GITHUB_FILE_LIMIT} bytes) for a file in a repository`,
          'Trim the service logs under logs/ to the test run (or leave the debug-level ones out) and pack again; ' +
            'cert.log and the subunit stream are what the review needs.',
        );
    } else if (f.error) {
      const at = f.error.member !== undefined ? report.member(f.bundlePath, f.error.member) : report.at(f.bundlePath);
      at.error(f.error.message, f.error.tip || undefined);
    }
  },
);

export const bundleIdentity = eachBundle(
  {
    id: 'bundle-identity',
    name: 'result.yaml names its bundle, with its sha256 and size',
    description:
      'bundle.file, bundle.sha256 and bundle.size equal the .tgz next to result.yaml ' +
      '(checked even when the bundle cannot be read).',
  },
  (f, report) => {
    const file = f.sub.result!;
    const actual = basename(f.bundlePath);
    const b = f.result.bundle;
    const repack = f.lfs
      ? 'The Git LFS pointer names other content than pack wrote result.yaml for: fetch the bundle ' +
        `(\`git lfs pull --include=${f.bundlePath}\`) and pack again with --force so both agree.`
      : 'The bundle changed after pack wrote result.yaml: pack again with --force so both agree.';
    const its = f.lfs ? "the bundle's Git LFS pointer says" : 'the bundle';
    if (b.file !== actual)
      report
        .at(file, '/bundle/file')
        .error(
          `bundle.file: result.yaml names "${b.file}", but the bundle is "${actual}"`,
          `Set \`file: ${actual}\` (or pack again: \`drivercert pack\` writes both).`,
        );
    if (f.sha256 !== undefined && b.sha256 !== f.sha256)
      report
        .at(file, '/bundle/sha256')
        .error(
          f.lfs
            ? `bundle.sha256: result.yaml says ${b.sha256}, ${its} its sha256 is ${f.sha256}`
            : `bundle.sha256: result.yaml says ${b.sha256}, the bundle's sha256 is ${f.sha256}`,
          repack,
        );
    if (b.size !== f.bundleBytes)
      report
        .at(file, '/bundle/size')
        .error(
          f.lfs
            ? `bundle.size: result.yaml says ${b.size} bytes, ${its} ${f.bundleBytes}`
            : `bundle.size: result.yaml says ${b.size} bytes, the bundle has ${f.bundleBytes}`,
          repack,
        );
  },
);

export const bundlePresent = eachBundle(
  {
    id: 'bundle-present',
    name: "the bundle's content is here when its submission is validated on its own",
    description:
      'A bundle stored in Git LFS whose content was not fetched is checked from its pointer alone (oid = ' +
      "bundle.sha256, size = bundle.size) in a run over the repository; a pull request's own bundle, or one " +
      'named by PATH, must be fetched and read. A file that starts like an LFS pointer must be a valid one.',
  },
  (f, report, ctx) => {
    if (f.badPointer) {
      report
        .at(f.bundlePath, f.badPointer.line)
        .error(
          `${f.bundlePath} starts like a Git LFS pointer but is not a valid one: ${f.badPointer.problem}`,
          `Fetch the bundle itself (\`git lfs pull --include=${f.bundlePath}\`), or commit it again with git-lfs ` +
            'installed (`git rm --cached FILE && git add FILE`).',
        );
    }
    if (!f.lfs || !ctx.focused || f.tooLarge) return; // a bundle too large to read is refused as such
    report
      .at(f.bundlePath)
      .error(
        `${f.bundlePath} is a Git LFS pointer: the bundle's content (${f.bundleBytes} bytes) is not in this ` +
          'checkout, so it cannot be read',
        `Fetch it and validate again: \`git lfs pull --include=${f.bundlePath}\` (in GitHub Actions, the ` +
          "validate workflow fetches the pull request's own folder).",
      );
  },
);

export const certLogComplete = perBundle(
  {
    id: 'cert-log',
    name: 'the bundle holds a complete cert.log',
    description:
      "cert.log at the root, with the cinder and tempest commits, cinder.conf's volume_driver and the final " +
      'PASSED/FAILED line, and nothing wrong in the log itself (two verdicts, a cinder.conf line that is not ' +
      '`key = value`…).',
  },
  (f, report) => {
    const a = f.analysis!;
    if (!a.members.some((m) => m.name === CERT_LOG && m.type === 'file')) {
      report
        .at(f.bundlePath)
        .error(
          'the bundle has no cert.log at its root',
          "Pack the cert script's log with `drivercert pack --log FILE`; it is stored as cert.log.",
        );
      return;
    }
    const c = a.cert;
    const log = (line?: number) => report.member(f.bundlePath, CERT_LOG, line);
    if (!c?.cinderCommit)
      log().error(
        'cert.log has no cinder commit ' +
          '(the `git log --pretty=oneline -n 1` line after "Pull a fresh Clone of cinder repo")',
        UNEDITED_LOG,
      );
    if (!c?.tempestCommit)
      log().error(
        'cert.log has no tempest commit (the `git log` line after "Verify tempest is current")',
        UNEDITED_LOG,
      );
    if (!c || c.volumeDrivers.length === 0)
      log(c?.cinderConf?.startLine).error(
        "cert.log's copy of cinder.conf sets no volume_driver",
        'The cert script copies cinder.conf into its log; submit the log unedited.',
      );
    if (!c?.verdict)
      log().warning(
        'cert.log does not end with "Device driver PASSED!" or "Device driver FAILED!": ' +
          'the run may have been cut short',
        'Submit the log of a complete run of the cert script.',
      );
    // A cert.log with tempest output is a result source, whose problems sourcesParse reports;
    // one without still has its own.
    for (const p of certLogOwnProblems(a).slice(0, SHOWN))
      log(p.line).error(p.message, isLongLineProblem(p) ? LONG_LINE_TIP : "Submit the cert script's log unedited.");
  },
);

export const commitsMatch = perBundle(
  {
    id: 'commits-match',
    name: "result.yaml's commits are cert.log's",
    description: 'environment.cinder_commit and tempest_commit equal the commits cert.log prints.',
  },
  (f, report) => {
    const c = f.analysis!.cert;
    for (const [key, commit] of [
      ['cinder_commit', c?.cinderCommit],
      ['tempest_commit', c?.tempestCommit],
    ] as const) {
      const stated = f.result.environment[key];
      if (!commit || commit.sha === stated) continue;
      report
        .at(f.sub.result!, `/environment/${key}`)
        .error(
          `environment.${key}: result.yaml says ${stated}, cert.log shows ${commit.sha} ` +
            `(${memberFile(f.bundlePath, CERT_LOG)}:${commit.line})`,
          `Set \`${key}: ${commit.sha}\`, as \`drivercert pack\` does.`,
        );
    }
  },
);

export const driverClassMatches = perBundle(
  {
    id: 'driver-class',
    name: "cert.log's volume_driver is one of the driver's classes",
    description:
      "Every volume_driver in cert.log's cinder.conf is a class drivers.yaml lists for this driver. In a closed " +
      'cycle this is a warning: the registry may have changed since (a class renamed), and history stays.',
  },
  (f, report) => {
    const d = f.driver;
    if (!d) return;
    const closed = f.cycle?.state === 'closed';
    for (const v of f.analysis!.cert?.volumeDrivers ?? []) {
      if (d.class.includes(v.value)) continue;
      const at = report.member(f.bundlePath, CERT_LOG, v.line);
      (closed ? at.warning : at.error)(
        `volume_driver = ${v.value} (section [${v.section}]) is not a class of driver "${d.id}" ` +
          `(${d.class.join(', ')})`,
        'Test the driver with one of its own classes, or submit under the driver that class belongs to; ' +
          'a new class is added to drivers.yaml by a core reviewer.',
      );
    }
  },
);

export const hasResults = perBundle(
  {
    id: 'has-results',
    name: 'the bundle holds test results',
    description: 'A subunit stream, JUnit XML, or the tempest output inside cert.log.',
  },
  (f, report) => {
    if (f.analysis!.primary) return;
    report
      .at(f.bundlePath)
      .error(
        'the bundle holds no test results: no *.subunit, no JUnit *.xml, and no tempest output in cert.log',
        'Pack the run with `drivercert pack --log cert.log --subunit FILE` ' +
          '(stestr last --subunit > FILE writes the stream).',
      );
  },
);

export const sourcesParse = perBundle(
  {
    id: 'sources-parse',
    name: "the bundle's result sources parse cleanly",
    description:
      'Every subunit packet passes its CRC, JUnit XML is well formed without DTDs, and console output is ' +
      'consistent with its own totals.',
  },
  (f, report) => {
    for (const s of f.analysis!.sources) {
      for (const p of s.problems.slice(0, SHOWN)) {
        report
          .member(f.bundlePath, s.member, p.line)
          .error(
            `${p.offset !== undefined ? `at byte ${p.offset}: ` : ''}${p.message}`,
            isLongLineProblem(p)
              ? LONG_LINE_TIP
              : s.kind === 'subunit'
                ? 'Produce the stream again with `stestr last --subunit`; a damaged stream cannot be trusted.'
                : 'Submit the file as the tools wrote it, unedited.',
          );
      }
      if (s.problems.length > SHOWN)
        report.member(f.bundlePath, s.member).error(`…and ${s.problems.length - SHOWN} more problems`);
    }
  },
);

export const sourcesAgree = perBundle(
  {
    id: 'sources-agree',
    name: 'the result sources in the bundle agree',
    description:
      "When a bundle holds several sources (subunit, JUnit, cert.log's console output), " +
      'they hold the same tests with the same outcome.',
  },
  (f, report) => {
    const total = f.analysis!.disagreementCount;
    const tip =
      'Pack the files of one run only: the subunit stream, JUnit file and cert.log must come from the same ' +
      'tempest run.';
    for (const x of f.analysis!.disagreements.slice(0, SHOWN)) {
      const outcomes = Object.entries(x.outcomes).map(([m, o]) => `${m} says ${o}`);
      report.at(f.bundlePath).error(`${x.test}: ${outcomes.join(', ')}`, tip);
    }
    if (total > SHOWN)
      report.at(f.bundlePath).error(`…and ${total - SHOWN} more tests on which the sources disagree`, tip);
  },
);

export const derivedMatch = perBundle(
  {
    id: 'derived-match',
    name: 'result.yaml says what the bundle proves',
    description:
      'source, results, failed_tests, skipped_tests, capabilities and verdict equal what validate re-derives ' +
      'from the bundle.',
  },
  (f, report) => {
    if (!f.derivation) return;
    for (const m of describeComparison(f.result, f.derivation.fields, f.analysis!.primary!.member)) {
      report
        .at(f.sub.result!, m.pointer)
        .error(
          m.message,
          'Do not edit the derived part of result.yaml: `drivercert pack --force` writes it from the bundle.',
        );
    }
  },
);

export const noSecrets = perBundle(
  {
    id: 'no-secrets',
    name: 'no secrets leak from the bundle',
    description:
      'Every member, whatever its name (UTF-16 decoded, gzip inflated), is scanned for unscrubbed passwords, ' +
      'private keys and tokens.',
  },
  (f, report) => {
    for (const s of f.analysis!.secrets)
      report.member(f.bundlePath, s.member, s.line).error(`${s.message}: ${s.excerpt}`, SECRET_TIP);
    for (const g of f.analysis!.secretGaps)
      report
        .member(f.bundlePath, g.member)
        .error(
          `the gzip member could not be read to its end for secrets: ${g.why}`,
          'Add the log uncompressed (the bundle is compressed as a whole), or trim it.',
        );
  },
);

const requiredTestsPerBundle = perBundle(
  {
    id: 'required-tests',
    name: 'every required test of the cycle passed',
    description:
      'Required tests are matched by idempotent id, name or alias; waived and flagged tests are excepted. ' +
      'An honest failed run is a valid submission: this is reported (for the submissions named), not failed on.',
  },
  (f, report) => {
    if (!f.derivation) return;
    for (const c of f.derivation.evaluation.capabilities) {
      if (!c.required || c.outcome === 'passed') continue;
      const list = c.shortfalls.map((s) => `${s.test} (${s.status ?? 'did not run'})`).join('; ');
      report.at(f.sub.result!, `/capabilities/${c.id}`).notice(`${c.id}: ${c.outcome} — ${list}`);
    }
  },
);

/** Reported only for the submissions a run names (PATH, a pull request): for the whole repository it is history. */
export const requiredTests: Check<'submission'> = {
  ...requiredTestsPerBundle,
  check: (sub, report, ctx) => (ctx.focused ? requiredTestsPerBundle.check(sub, report, ctx) : undefined),
};

export const certVerdictAgrees = perBundle(
  {
    id: 'cert-verdict',
    name: "cert.log's final line agrees with the run",
    description:
      'The cert script prints PASSED exactly when no test failed, succeeded unexpectedly or never finished ' +
      "(the cycle's required tests play no part).",
  },
  (f, report) => reportContradictions(f.bundlePath, verdictContradiction(f.analysis!), report),
);
