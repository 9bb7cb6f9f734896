// `drivercert inspect BUNDLE`
import { resolve } from 'node:path';
import type { Command } from '../command.js';
import { choice } from '../command.js';
import { CERT_LOG, analyseBundle, certLogOwnProblems, type BundleAnalysis } from '../../lib/analysis/analyse.js';
import { BundleError } from '../../lib/bundle/errors.js';
import { parseLimitOptions } from '../../lib/bundle/limits.js';
import { redactDeep, redactSecrets } from '../../lib/bundle/redact.js';

const FORMATS = ['text', 'json'] as const;

export const inspectCommand: Command = {
  name: 'inspect',
  help: `Usage: drivercert inspect BUNDLE [options]

Streams one bundle (never extracting it) and reports its members, the result sources
found (subunit, JUnit, cert.log's console output), whether they agree, the commits and
volume_drivers in cert.log, secrets, and the counts. Exits 1 only when the bundle is
unsafe or unreadable; what the sources say is reported, not failed on.

Options:
  --format FORMAT      text (default) or json
  --tests              list every test with its status
  --limit NAME=VALUE   override a bundle limit (e.g. maxTotalBytes=8GiB)
  -h, --help           show this help`,
  options: { format: { type: 'string' }, tests: { type: 'boolean' }, limit: { type: 'string', multiple: true } },
  positionals: { min: 1, max: 1, name: 'BUNDLE' },
  async run(args, io) {
    const format = choice(args, 'format', FORMATS, 'text');
    const path = args.positionals[0]!;
    const limits = parseLimitOptions((args.values.limit as string[] | undefined) ?? []);
    let a: BundleAnalysis;
    try {
      // inspect shows no run timing (validate's evidence checks and pack's run block read it): read without.
      a = await analyseBundle(resolve(io.cwd, path), {
        limits,
        label: path,
        keepAll: args.values.tests === true,
        timed: false,
      });
    } catch (e) {
      if (!(e instanceof BundleError)) throw e;
      // Everything inspect prints is public (a CI log, a review): redacted, as every output is.
      if (format === 'json')
        io.out(
          JSON.stringify(
            redactDeep({
              errors: [
                {
                  ...(e.member !== undefined ? { member: e.member } : {}),
                  code: e.code,
                  message: e.message,
                  ...(e.tip ? { tip: e.tip } : {}),
                },
              ],
            }),
            null,
            2,
          ) + '\n',
        );
      else
        io.err(
          redactSecrets(
            `${e.member !== undefined ? `${path}!${e.member}` : path} ${e.message}\n` +
              (e.tip ? `  tip: ${e.tip}\n` : ''),
          ),
        );
      return 1;
    }
    const json = redactDeep(toJson(a, args.values.tests === true));
    io.out(format === 'json' ? JSON.stringify(json, null, 2) + '\n' : toText(a, json, args.values.tests === true));
    return 0;
  },
};

type InspectJson = ReturnType<typeof toJson>;

/** The JSON document of `inspect --format json` (README "Bundles"). */
function toJson(a: BundleAnalysis, withTests: boolean) {
  const c = a.cert;
  return {
    bundle: { file: a.label, sha256: a.sha256, size: a.size, uncompressed: a.uncompressedBytes },
    source: a.primary?.kind ?? null,
    source_member: a.primary?.member ?? null,
    sources: a.sources.map((s) => ({
      member: s.member,
      kind: s.kind,
      format: s.format,
      results: s.counts,
      problems: s.problems,
    })),
    results: a.primary?.counts ?? null,
    agree: a.disagreementCount === 0,
    disagreement_count: a.disagreementCount,
    disagreements: a.disagreements,
    commits: { cinder: c?.cinderCommit?.sha ?? null, tempest: c?.tempestCommit?.sha ?? null },
    volume_drivers: (c?.volumeDrivers ?? []).map((v) => v.value),
    volume_driver_settings: c?.volumeDrivers ?? [],
    cert_log: c
      ? {
          verdict: c.verdict?.result ?? null,
          verdict_line: c.verdict?.line ?? null,
          steps: c.steps.map((s) => ({ line: s.line, time: s.time, text: s.text })),
          problems: c.problems,
        }
      : null,
    secrets: a.secrets.map((s) => ({
      member: s.member,
      line: s.line,
      kind: s.kind,
      message: s.message,
      excerpt: s.excerpt,
    })),
    members: a.members,
    ...(withTests
      ? {
          tests: (a.primary?.results.tests ?? []).map((t) => ({
            id: t.id,
            status: t.status,
            ...(t.reason ? { reason: t.reason } : {}),
          })),
        }
      : {}),
  };
}

function toText(a: BundleAnalysis, j: InspectJson, withTests: boolean): string {
  const L: string[] = [];
  const kb = (n: number) =>
    n < 1024 ? `${n} B` : n < 1024 ** 2 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / 1024 ** 2).toFixed(1)} MiB`;
  L.push(`bundle   ${a.label}: ${kb(a.size)} (${kb(a.uncompressedBytes)} inflated), sha256 ${a.sha256}`);
  const files = a.members.filter((m) => m.type === 'file');
  L.push(
    `members  ${files.length} file${files.length === 1 ? '' : 's'}: ${files
      .slice(0, 8)
      .map((m) => `${m.name} (${kb(m.size)})`)
      .join(', ')}${files.length > 8 ? `, … ${files.length - 8} more` : ''}`,
  );
  if (a.primary) {
    const c = a.primary.counts;
    L.push(
      `results  from ${a.primary.member} (${a.primary.format}): ` +
        `${c.total} total, ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped ` +
        `(xfail ${c.xfail}, uxsuccess ${c.uxsuccess}, incomplete ${c.incomplete})`,
    );
  } else L.push('results  none: no subunit stream, no JUnit XML and no tempest output in cert.log');
  for (const s of a.sources.filter((x) => x !== a.primary))
    L.push(
      `         also ${s.member} (${s.format}): ${s.counts.total} total, ${s.counts.passed} passed, ` +
        `${s.counts.failed} failed, ${s.counts.skipped} skipped`,
    );
  if (a.sources.length > 1)
    L.push(
      a.disagreementCount
        ? `agree    NO: ${a.disagreementCount} test(s) differ, e.g. ${a.disagreements[0]!.test}: ${Object.entries(
            a.disagreements[0]!.outcomes,
          )
            .map(([m, o]) => `${m} ${o}`)
            .join(', ')}`
        : 'agree    yes: every source holds the same tests with the same outcomes',
    );
  L.push(
    `commits  cinder ${j.commits.cinder ?? '(none in cert.log)'}, tempest ${j.commits.tempest ?? '(none in cert.log)'}`,
  );
  const drivers = a.cert?.volumeDrivers.length
    ? a.cert.volumeDrivers.map((v) => `${v.value} [${v.section}] (cert.log:${v.line})`).join(', ')
    : '(no volume_driver in cert.log)';
  L.push(`drivers  ${drivers}`);
  if (a.cert) {
    const verdict = a.cert.verdict
      ? `${a.cert.verdict.result.toUpperCase()} (line ${a.cert.verdict.line})`
      : 'no final PASSED/FAILED line';
    L.push(`cert.log ${verdict}, ${a.cert.steps.length} steps`);
  } else L.push('cert.log missing');
  L.push(a.secrets.length ? `secrets  ${a.secrets.length} found:` : 'secrets  none found');
  for (const s of a.secrets.slice(0, 20))
    L.push(`         ${a.label}!${s.member}:${s.line} ${s.message}: ${s.excerpt}`);
  const problems = [{ member: CERT_LOG, problems: certLogOwnProblems(a) }, ...a.sources].flatMap((s) =>
    s.problems.map((p) => {
      const at = p.offset !== undefined ? `at byte ${p.offset}: ` : '';
      return `${a.label}!${s.member}${p.line !== undefined ? `:${p.line}` : ''} ${at}${p.message}`;
    }),
  );
  if (problems.length) {
    L.push(`problems ${problems.length}:`);
    for (const p of problems.slice(0, 20)) L.push(`         ${p}`);
  }
  if (withTests) for (const t of a.primary?.results.tests ?? []) L.push(`${t.status.padEnd(10)} ${t.id}`);
  return L.map(redactSecrets).join('\n') + '\n';
}
