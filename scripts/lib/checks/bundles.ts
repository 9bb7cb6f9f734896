// Rules on each submission's bundle: safe to read, the one result.yaml names, holding a
// complete cert.log and results whose every derived figure result.yaml repeats truly.
import { basename } from 'node:path';
import type { Check } from './types.js';
import type { Finding } from '../findings.js';
import { bundleFacts, memberFile, GITHUB_FILE_LIMIT, type BundleFacts } from '../analysis/facts.js';
import { CERT_LOG, certLogOwnProblems } from '../analysis/analyse.js';
import { SECRET_TIP } from '../bundle/secrets.js';
import { describeComparison } from '../analysis/compare.js';
import { isLongLineProblem } from '../formats/common.js';

const MB = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;

const LONG_LINE_TIP =
  'Only the start of a line this long is read, so a test or setting on it may be missed: keep such lines (a dump, a base64 blob) out of cert.log and the result files; service logs belong under logs/.';

/** A check over every bundle in scope, read or not. */
function eachBundle(
  id: string,
  name: string,
  description: string,
  each: (f: BundleFacts, check: string) => Finding[],
): Check {
  return {
    id,
    name,
    description,
    scope: 'submission',
    async check(ctx) {
      return (await bundleFacts(ctx)).flatMap((f) => each(f, name));
    },
  };
}

/** A check over every bundle that was read successfully. */
function perBundle(
  id: string,
  name: string,
  description: string,
  each: (f: BundleFacts, check: string) => Finding[],
): Check {
  return eachBundle(id, name, description, (f, check) => (f.analysis ? each(f, check) : []));
}

export const bundleReadable = eachBundle(
  'bundle-readable',
  'the bundle is a safe, readable gzip-compressed tar',
  'Read in one streaming pass; unsafe members (paths, links, devices, duplicates), bombs, limits and corruption are refused. GitHub refuses files over 100 MiB.',
  (f, check) => {
    if (f.tooLarge) {
      return [
        {
          level: 'error',
          check,
          file: f.bundlePath,
          message: `the bundle is ${MB(f.bundleBytes)} (${f.bundleBytes} bytes), over GitHub's limit of ${MB(GITHUB_FILE_LIMIT)} (${GITHUB_FILE_LIMIT} bytes) for a file in a repository`,
          tip: 'Trim the service logs under logs/ to the test run (or leave the debug-level ones out) and pack again; cert.log and the subunit stream are what the review needs.',
        },
      ];
    }
    if (!f.error) return [];
    return [
      {
        level: 'error',
        check,
        file: f.error.member !== undefined ? memberFile(f.bundlePath, f.error.member) : f.bundlePath,
        message: f.error.message,
        ...(f.error.tip ? { tip: f.error.tip } : {}),
      },
    ];
  },
);

export const bundleIdentity = eachBundle(
  'bundle-identity',
  'result.yaml names its bundle, with its sha256 and size',
  'bundle.file, bundle.sha256 and bundle.size equal the .tgz next to result.yaml (checked even when the bundle cannot be read).',
  (f, check) => {
    const out: Finding[] = [];
    const src = f.sub.result!.source;
    const file = f.sub.result!.path;
    const actual = basename(f.bundlePath);
    const b = f.result.bundle;
    const repack = 'The bundle changed after pack wrote result.yaml: pack again with --force so both agree.';
    if (b.file !== actual)
      out.push({
        level: 'error',
        check,
        file,
        ...src.locate('/bundle/file'),
        message: `bundle.file: result.yaml names "${b.file}", but the bundle is "${actual}"`,
        tip: `Set \`file: ${actual}\` (or pack again: \`drivercert pack\` writes both).`,
      });
    if (f.sha256 !== undefined && b.sha256 !== f.sha256)
      out.push({
        level: 'error',
        check,
        file,
        ...src.locate('/bundle/sha256'),
        message: `bundle.sha256: result.yaml says ${b.sha256}, the bundle's sha256 is ${f.sha256}`,
        tip: repack,
      });
    if (b.size !== f.bundleBytes)
      out.push({
        level: 'error',
        check,
        file,
        ...src.locate('/bundle/size'),
        message: `bundle.size: result.yaml says ${b.size} bytes, the bundle has ${f.bundleBytes}`,
        tip: repack,
      });
    return out;
  },
);

export const certLogComplete = perBundle(
  'cert-log',
  'the bundle holds a complete cert.log',
  "cert.log at the root, with the cinder and tempest commits, cinder.conf's volume_driver and the final PASSED/FAILED line, and nothing wrong in the log itself (two verdicts, a cinder.conf line that is not `key = value`…).",
  (f, check) => {
    const a = f.analysis!;
    const at = memberFile(f.bundlePath, CERT_LOG);
    if (!a.members.some((m) => m.name === CERT_LOG && m.type === 'file')) {
      return [
        {
          level: 'error',
          check,
          file: f.bundlePath,
          message: 'the bundle has no cert.log at its root',
          tip: "Pack the cert script's log with `drivercert pack --log FILE`; it is stored as cert.log.",
        },
      ];
    }
    const c = a.cert;
    const out: Finding[] = [];
    if (!c?.cinderCommit)
      out.push({
        level: 'error',
        check,
        file: at,
        message:
          'cert.log has no cinder commit (the `git log --pretty=oneline -n 1` line after "Pull a fresh Clone of cinder repo")',
        tip: "Submit the cert script's log unedited; it prints the commit it tested.",
      });
    if (!c?.tempestCommit)
      out.push({
        level: 'error',
        check,
        file: at,
        message: 'cert.log has no tempest commit (the `git log` line after "Verify tempest is current")',
        tip: "Submit the cert script's log unedited; it prints the commit it tested.",
      });
    if (!c || c.volumeDrivers.length === 0)
      out.push({
        level: 'error',
        check,
        file: at,
        ...(c?.cinderConf ? { line: c.cinderConf.startLine } : {}),
        message: "cert.log's copy of cinder.conf sets no volume_driver",
        tip: 'The cert script copies cinder.conf into its log; submit the log unedited.',
      });
    if (!c?.verdict)
      out.push({
        level: 'warning',
        check,
        file: at,
        message:
          'cert.log does not end with "Device driver PASSED!" or "Device driver FAILED!": the run may have been cut short',
        tip: 'Submit the log of a complete run of the cert script.',
      });
    // A cert.log with tempest output is a result source, whose problems sourcesParse reports; one without still has its own.
    for (const p of certLogOwnProblems(a).slice(0, 20))
      out.push({
        level: 'error',
        check,
        file: at,
        ...(p.line !== undefined ? { line: p.line } : {}),
        message: p.message,
        tip: isLongLineProblem(p) ? LONG_LINE_TIP : "Submit the cert script's log unedited.",
      });
    return out;
  },
);

export const commitsMatch = perBundle(
  'commits-match',
  "result.yaml's commits are cert.log's",
  'environment.cinder_commit and tempest_commit equal the commits cert.log prints.',
  (f, check) => {
    const c = f.analysis!.cert;
    const out: Finding[] = [];
    const src = f.sub.result!.source;
    for (const [key, commit] of [
      ['cinder_commit', c?.cinderCommit],
      ['tempest_commit', c?.tempestCommit],
    ] as const) {
      const stated = f.result.environment[key];
      if (commit && commit.sha !== stated) {
        out.push({
          level: 'error',
          check,
          file: f.sub.result!.path,
          ...src.locate(`/environment/${key}`),
          message: `environment.${key}: result.yaml says ${stated}, cert.log shows ${commit.sha} (${memberFile(f.bundlePath, CERT_LOG)}:${commit.line})`,
          tip: `Set \`${key}: ${commit.sha}\`, as \`drivercert pack\` does.`,
        });
      }
    }
    return out;
  },
);

export const driverClassMatches = perBundle(
  'driver-class',
  "cert.log's volume_driver is one of the driver's classes",
  "Every volume_driver in cert.log's cinder.conf is a class drivers.yaml lists for this driver. In a closed cycle this is a warning: the registry may have changed since (a class renamed), and history stays.",
  (f, check) => {
    const d = f.driver;
    if (!d) return [];
    const closed = f.cycle?.state === 'closed';
    return (f.analysis!.cert?.volumeDrivers ?? [])
      .filter((v) => !d.class.includes(v.value))
      .map((v) => ({
        level: closed ? ('warning' as const) : ('error' as const),
        check,
        file: memberFile(f.bundlePath, CERT_LOG),
        line: v.line,
        message: `volume_driver = ${v.value} (section [${v.section}]) is not a class of driver "${d.id}" (${d.class.join(', ')})`,
        tip: `Test the driver with one of its own classes, or submit under the driver that class belongs to; a new class is added to drivers.yaml by a core reviewer.`,
      }));
  },
);

export const hasResults = perBundle(
  'has-results',
  'the bundle holds test results',
  'A subunit stream, JUnit XML, or the tempest output inside cert.log.',
  (f, check) =>
    f.analysis!.primary
      ? []
      : [
          {
            level: 'error',
            check,
            file: f.bundlePath,
            message:
              'the bundle holds no test results: no *.subunit, no JUnit *.xml, and no tempest output in cert.log',
            tip: 'Pack the run with `drivercert pack --log cert.log --subunit FILE` (stestr last --subunit > FILE writes the stream).',
          },
        ],
);

export const sourcesParse = perBundle(
  'sources-parse',
  "the bundle's result sources parse cleanly",
  'Every subunit packet passes its CRC, JUnit XML is well formed without DTDs, and console output is consistent with its own totals.',
  (f, check) => {
    const out: Finding[] = [];
    for (const s of f.analysis!.sources) {
      for (const p of s.problems.slice(0, 20)) {
        out.push({
          level: 'error',
          check,
          file: memberFile(f.bundlePath, s.member),
          ...(p.line !== undefined ? { line: p.line } : {}),
          message: `${p.offset !== undefined ? `at byte ${p.offset}: ` : ''}${p.message}`,
          tip: isLongLineProblem(p)
            ? LONG_LINE_TIP
            : s.kind === 'subunit'
              ? 'Produce the stream again with `stestr last --subunit`; a damaged stream cannot be trusted.'
              : 'Submit the file as the tools wrote it, unedited.',
        });
      }
      if (s.problems.length > 20)
        out.push({
          level: 'error',
          check,
          file: memberFile(f.bundlePath, s.member),
          message: `…and ${s.problems.length - 20} more problems`,
        });
    }
    return out;
  },
);

export const sourcesAgree = perBundle(
  'sources-agree',
  'the result sources in the bundle agree',
  "When a bundle holds several sources (subunit, JUnit, cert.log's console output), they hold the same tests with the same outcome.",
  (f, check) => {
    const d = f.analysis!.disagreements;
    const total = f.analysis!.disagreementCount;
    if (total === 0) return [];
    const shown = d.slice(0, 20).map((x) => ({
      level: 'error' as const,
      check,
      file: f.bundlePath,
      message: `${x.test}: ${Object.entries(x.outcomes)
        .map(([m, o]) => `${m} says ${o}`)
        .join(', ')}`,
      tip: 'Pack the files of one run only: the subunit stream, JUnit file and cert.log must come from the same tempest run.',
    }));
    if (total > 20)
      shown.push({ ...shown[0]!, message: `…and ${total - 20} more tests on which the sources disagree` });
    return shown;
  },
);

export const derivedMatch = perBundle(
  'derived-match',
  'result.yaml says what the bundle proves',
  'source, results, failed_tests, skipped_tests, capabilities and verdict equal what validate re-derives from the bundle.',
  (f, check) => {
    if (!f.derivation) return [];
    return describeComparison(f.result, f.derivation.fields, f.analysis!.primary!.member).map((m) => ({
      level: 'error' as const,
      check,
      file: f.sub.result!.path,
      ...f.sub.result!.source.locate(m.pointer),
      message: m.message,
      tip: 'Do not edit the derived part of result.yaml: `drivercert pack --force` writes it from the bundle.',
    }));
  },
);

export const noSecrets = perBundle(
  'no-secrets',
  'no secrets leak from the bundle',
  'Text members are scanned for unscrubbed passwords, private keys and tokens.',
  (f, check) =>
    f.analysis!.secrets.map((s) => ({
      level: 'error' as const,
      check,
      file: memberFile(f.bundlePath, s.member),
      line: s.line,
      message: `${s.message}: ${s.excerpt}`,
      tip: SECRET_TIP,
    })),
);

const requiredTestsPerBundle = perBundle(
  'required-tests',
  'every required test of the cycle passed',
  'Required tests are matched by idempotent id, name or alias; waived and flagged tests are excepted. An honest failed run is a valid submission: this is reported (for the submissions named), not failed on.',
  (f, check) => {
    if (!f.derivation) return [];
    const out: Finding[] = [];
    for (const c of f.derivation.evaluation.capabilities) {
      if (!c.required || c.outcome === 'passed') continue;
      const list = c.shortfalls.map((s) => `${s.test} (${s.status ?? 'did not run'})`).join('; ');
      out.push({
        level: 'notice',
        check,
        file: f.sub.result!.path,
        ...f.sub.result!.source.locate(`/capabilities/${c.id}`),
        message: `${c.id}: ${c.outcome} — ${list}`,
      });
    }
    return out;
  },
);

/** Reported only for the submissions a run names (PATH, a pull request): for the whole repository it is history. */
export const requiredTests: Check = {
  ...requiredTestsPerBundle,
  check: (ctx) => (ctx.focused ? requiredTestsPerBundle.check(ctx) : []),
};

export const certVerdictAgrees = perBundle(
  'cert-verdict',
  "cert.log's final line agrees with the run",
  'The cert script prints PASSED exactly when tempest reported no failure.',
  (f, check) => {
    const v = f.analysis!.cert?.verdict;
    const p = f.analysis!.primary;
    if (!v || !p) return [];
    const anyFailure = p.counts.failed + p.counts.uxsuccess > 0;
    if ((v.result === 'passed') === !anyFailure) return [];
    return [
      {
        level: 'warning',
        check,
        file: memberFile(f.bundlePath, CERT_LOG),
        line: v.line,
        message: `cert.log says "${v.text.trim()}", but ${p.member} has ${p.counts.failed} failed and ${p.counts.uxsuccess} unexpectedly successful tests`,
        tip: 'Pack the log and the results of the same run.',
      },
    ];
  },
);
