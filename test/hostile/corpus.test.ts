// The hostile-input corpus (test/hostile/corpus/): every case is built here from its
// description and met by `drivercert`. Each must end in the finding it names — exit 1, the
// file (and line) and the words of the message — or, for free text the schema allows, be
// accepted and shown inert in MATRIX.md; never a stack trace, never a crash, within 10 s.
// A case whose input is big — 1 MiB or more as the command reads it: the files it writes,
// the members of its bundle, or what its .tgz inflates to — is met by the built bin in a
// child process, and its peak memory is measured too (under 200 MB): that is where reading
// it whole would show. A small case is met by the CLI in this process (main(), the same
// code), which saves a process start per run; its peak memory cannot be told from the test
// runner's own, and its size cannot make it large.
// Bundles are met as CI meets a submitter's: inside a submission (./corpus/submission.ts),
// by `inspect` (each on its own) and `validate` (a member case on its own; whole-bundle cases
// in batches, one driver's submission each); a member case's parser outcome is what
// `inspect --format json` reports. Every run's output is checked for raw control characters.
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { copyShippedRepo, drivercert, tempDir } from '../helpers/cli.js';
import { PullRequestBranch, createOrigin, type Origin } from '../helpers/pr-repo.js';
import { baseBranch } from '../pr/fixture.js';
import { UNSAFE_CHARACTERS } from '../../scripts/lib/inert/index.js';
import { injections, parseGfm, tablesOf, textOf } from '../matrix/gfm.js';
import { MiB, collect, sizeOf } from './corpus/bytes.js';
import { crc32Zeros, writeBundle, writeBytes, zeroMemberBundle } from './corpus/bundle.js';
import { CASES, KINDS, limitArgs, type Case } from './corpus/index.js';
import {
  certLogOf,
  freeDrivers,
  honestMembers,
  resultForBundle,
  submissionOf,
  type InspectJson,
} from './corpus/submission.js';
import type { BundleCase, Bytes, Finding, PullRequestCase, RepoBuilder, RepoCase, TarCase } from './corpus/types.js';
import { pullRequestBuilder, repoBuilder } from './corpus/workspace.js';
import { crashSigns, hasGnuTime, runCli, type ChildRun } from './spawn.js';

const MAX_MS = 10_000;
const MAX_RSS_KB = 200 * 1024;
/** An input this big (as the command reads it) is met in a child process, its peak memory measured. */
const BIG = MiB;

/** A run of drivercert on a case's input; `maxRssKb` is undefined for a run in this process (not measurable). */
type Met = Omit<ChildRun, 'maxRssKb'> & { maxRssKb: number | undefined };

/** The last run in this process, which the next one waits for (so each one's wall time is its own). */
let lastHere: Promise<unknown> = Promise.resolve();

/**
 * Run drivercert on a case's input: the bin in a measured child process when the input is big,
 * else main() here, one run at a time (concurrent cases still build their inputs meanwhile).
 */
async function meet(args: string[], big: boolean, opts: { cwd?: string } = {}): Promise<Met> {
  if (big) return runCli(args, opts);
  const run = lastHere.then(async () => {
    const started = performance.now();
    const r = await drivercert(args, opts);
    return { ...r, signal: null, wallMs: performance.now() - started, maxRssKb: undefined, timedOut: false };
  });
  lastHere = run.catch(() => {});
  return run;
}

/** A builder that adds up the bytes the case writes: the size of its input. */
function counting<B extends RepoBuilder>(builder: B): { builder: B; written: () => number } {
  let n = 0;
  const count = (bytes: Bytes): Bytes =>
    function* () {
      for (const chunk of bytes()) {
        n += chunk.length;
        yield chunk;
      }
    };
  return {
    builder: {
      ...builder,
      write: (path, content) => {
        n += typeof content === 'string' ? Buffer.byteLength(content) : content.length;
        builder.write(path, content);
      },
      writeStream: (path, bytes) => builder.writeStream(path, count(bytes)),
    },
    written: () => n,
  };
}

/** Whether a .tgz, or what it inflates to, is big (inflating no further than that). */
function bigBundle(path: string): boolean {
  if (statSync(path).size >= BIG) return true;
  try {
    gunzipSync(readFileSync(path), { maxOutputLength: BIG - 1 });
  } catch (e) {
    // Past the bound; any other error (not gzip, cut short) leaves the file itself as what is read.
    return (e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE';
  }
  return false;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The run stayed within bounds (peak memory too, for a child process) and shows no sign of a crash. */
function expectBounded(run: Met, what: string): void {
  const output = run.stdout + run.stderr;
  expect(run.timedOut, `${what} did not finish`).toBe(false);
  expect(run.wallMs, `${what}: wall time`).toBeLessThan(MAX_MS);
  if (run.maxRssKb !== undefined) {
    expect(run.maxRssKb, `${what}: peak memory was not measured`).toBeGreaterThan(0);
    expect(run.maxRssKb, `${what}: peak memory (KiB)`).toBeLessThan(MAX_RSS_KB);
  }
  expect(crashSigns(output), `${what} crashed:\n${output.slice(0, 4000)}`).toEqual([]);
  // Nothing the input holds reaches the terminal as an unsafe character (newline and tab are not).
  expect(output.match(UNSAFE_CHARACTERS) ?? [], `${what} printed control characters`).toEqual([]);
}

/** The 1-based line a finding expects, resolved against the built file. */
function expectedLine(root: string, f: Finding): number | undefined {
  if (f.line === undefined || typeof f.line === 'number') return f.line;
  const { of, nth = 1 } = f.line;
  const lines = readFileSync(join(root, f.file), 'utf8').split('\n');
  let seen = 0;
  const i = lines.findIndex((l) => l.includes(of) && ++seen === nth);
  if (i === -1) throw new Error(`${f.file}: "${of}" not found`);
  return i + 1;
}

/** The output line that reports the finding: `file[:line[:col]] [/pointer] … says …`. */
function findingLine(output: string, file: string, line: number | undefined, says: string): string | undefined {
  const place = escape(file) + (line !== undefined ? `:${line}(?::\\d+)?` : '(?::\\d+(?::\\d+)?)?');
  return new RegExp(`(?:^|\\s)${place}(?: /\\S*)? .*${escape(says)}`, 'm').exec(output)?.[0];
}

function expectRejected(run: Met, root: string, f: Finding): void {
  const output = run.stdout + run.stderr;
  expect(run.code, `exit status\n${output.slice(0, 4000)}`).toBe(1);
  const line = expectedLine(root, f);
  const hit = findingLine(output, f.file, line, f.says);
  expect(
    hit,
    `no finding "${f.file}${line !== undefined ? `:${line}` : ''} … ${f.says}" in:\n${output.slice(0, 4000)}`,
  ).toBeDefined();
  if (f.tip !== undefined) {
    const lines = output.split('\n');
    const at = lines.findIndex((l) => l.includes(hit!.trim()));
    expect(lines[at + 1], `the tip of "${hit}"`).toContain(`tip: ${f.tip}`);
  }
}

async function runRepoCase(c: RepoCase): Promise<void> {
  const root = copyShippedRepo();
  const { builder, written } = counting(repoBuilder(root));
  c.build(builder);
  const big = written() >= BIG;
  if ('rejects' in c.expect) {
    const run = await meet([...(c.command ?? ['validate']), '--repo', root], big);
    expectBounded(run, c.id);
    expectRejected(run, root, c.expect.rejects);
    return;
  }
  // Accepted by validate, and shown inert in MATRIX.md.
  const validate = await meet(['validate', '--repo', root], big);
  expectBounded(validate, `${c.id}: validate`);
  expect(validate.code, `validate should accept the text:\n${validate.stdout}`).toBe(0);
  const matrix = await meet(['matrix', '--repo', root], big);
  expectBounded(matrix, `${c.id}: matrix`);
  expect(matrix.code, matrix.stderr).toBe(0);
  const md = readFileSync(join(root, 'MATRIX.md'), 'utf8');
  const doc = parseGfm(md);
  for (const t of tablesOf(doc)) {
    const width = t.children[0]!.children.length;
    for (const row of t.children)
      expect(row.children, 'a table row with a cell too many or too few').toHaveLength(width);
  }
  // The first line is the generator's own HTML comment; nothing else may be HTML, a link or an image.
  expect(injections(parseGfm(md.slice(md.indexOf('\n') + 1)))).toEqual([]);
  // One row per driver in the main table: no row was split or swallowed.
  const drivers = (readFileSync(join(root, 'drivers.yaml'), 'utf8').match(/^ {2}- id: /gm) ?? []).length;
  expect(tablesOf(doc)[1]!.children).toHaveLength(drivers + 1);
  const shows = c.expect.renders.shows;
  if (shows !== undefined) expect(textOf(doc).replace(/ {2,}/g, ' ')).toContain(shows);
}

let origin: Origin | undefined;

async function runPullRequestCase(c: PullRequestCase): Promise<void> {
  origin ??= await createOrigin((dir) => baseBranch(dir));
  const pr = new PullRequestBranch(origin, c.id);
  const prBuilder = pullRequestBuilder(pr);
  const { builder, written } = counting(prBuilder);
  c.build(builder);
  if (!prBuilder.committed()) pr.commit(c.title);
  const args = ['validate', '--changed-since', 'origin/main', '--author', c.author];
  const run = await meet(args, written() >= BIG, { cwd: pr.dir });
  expectBounded(run, c.id);
  expectRejected(run, pr.dir, c.expect.rejects);
}

/** Put a bundle where `driver`'s submission keeps it, run `inspect --format json --tests` on it, and rewrite result.yaml to say what inspect found (./corpus/submission.ts). */
async function submitBundle(
  root: string,
  driver: string,
  write: (path: string) => Promise<void> | void,
  flags: string[],
  isBig: (path: string) => boolean,
): Promise<{ bundle: string; inspect: Met; big: boolean }> {
  repoBuilder(root).submit({ driver });
  const { bundle } = submissionOf(driver);
  await write(join(root, bundle));
  const big = isBig(join(root, bundle));
  const inspect = await meet(['inspect', join(root, bundle), '--format', 'json', '--tests', ...flags], big);
  resultForBundle(root, driver, inspect.code === 0 ? (JSON.parse(inspect.stdout) as InspectJson) : undefined);
  return { bundle, inspect, big };
}

/** A member case: inspect reports the member's source as the case says; validate rejects the submission naming `path.tgz!member[:line]`, or accepts it. */
async function runBundleCase(c: BundleCase): Promise<void> {
  // The reference cert log tests a PowerMax; any other member goes beside a complete cert.log for lvm.
  const driver = c.driver ?? (c.member.name === 'cert.log' ? 'dell_emc_powermax' : 'lvm');
  const members = [...(c.beside ?? (c.member.name === 'cert.log' ? [] : [certLogOf()])), c.member];
  const root = copyShippedRepo();
  // The members as the command reads them, inflated.
  const size = members.reduce((n, m) => n + sizeOf(m.bytes), 0);
  const write = (path: string) => writeBundle(path, members);
  const { bundle, inspect, big } = await submitBundle(root, driver, write, [], () => size >= BIG);
  expectBounded(inspect, `${c.id}: inspect`);
  expect(
    inspect.code,
    `inspect reports what sources say, it does not fail on it:\n${inspect.stdout.slice(0, 2000)}${inspect.stderr}`,
  ).toBe(0);
  const found = JSON.parse(inspect.stdout) as InspectJson;
  // A cert.log without test results is no source: its own problems are the log's.
  const source =
    found.sources.find((s) => s.member === c.member.name) ??
    (c.member.name === 'cert.log' && found.cert_log
      ? { problems: found.cert_log.problems, results: undefined }
      : undefined);
  expect(
    source,
    `inspect lists no source ${c.member.name}: ${JSON.stringify(found.sources.map((s) => s.member))}`,
  ).toBeDefined();
  const { problem, counts } = c.inspect;
  if (problem) {
    const hit = source!.problems.find(
      (p) => p.message.includes(problem.says) && (problem.line === undefined || p.line === problem.line),
    );
    expect(
      hit,
      `no problem "${problem.says}"${problem.line ? ` at line ${problem.line}` : ''} in ${JSON.stringify(source!.problems.slice(0, 10))}`,
    ).toBeDefined();
  } else expect(source!.problems).toEqual([]);
  if (counts) expect(source!.results).toMatchObject(counts);
  const validate = await meet(['validate', '--repo', root, submissionOf(driver).folder], big);
  expectBounded(validate, `${c.id}: validate`);
  if ('rejects' in c.expect) {
    const { says, line, tip } = c.expect.rejects;
    expectRejected(validate, root, {
      file: `${bundle}!${c.member.name}`,
      ...(line !== undefined ? { line } : {}),
      says,
      ...(tip !== undefined ? { tip } : {}),
    });
  } else {
    expect(validate.code, `validate should accept the submission:\n${validate.stdout}`).toBe(0);
  }
}

const READABLE = 'the bundle is a safe, readable gzip-compressed tar';

interface ValidateError {
  file: string;
  check: string;
  message: string;
  tip?: string;
}

/** What a tar case met: its bundle, inspect's run on it, and validate's run on the repository holding its submission. */
interface TarOutcome {
  bundle: string;
  inspect: Met;
  validate: Met;
  /** validate's errors about this case's submission. */
  errors: ValidateError[];
}

/**
 * Meet the tar cases as CI meets submissions: `inspect` each bundle on its own, and
 * `validate` many submissions at once — the cases with the same limits are the submissions
 * of different drivers in one repository, validated in one run (a --limit applies to a run).
 */
async function runTarCases(cases: readonly TarCase[]): Promise<Map<string, TarOutcome>> {
  const out = new Map<string, TarOutcome>();
  const batches = new Map<string, TarCase[]>();
  for (const c of cases) {
    const key = JSON.stringify(c.limits ?? {});
    batches.set(key, [...(batches.get(key) ?? []), c]);
  }
  // One submission per driver, and a validate run of bounded size: a large batch is split evenly.
  const runs = [...batches.values()].flatMap((b) => {
    const parts = Math.ceil(b.length / 40);
    const size = Math.ceil(b.length / parts);
    return Array.from({ length: parts }, (_, i) => b.slice(i * size, (i + 1) * size));
  });
  await pool(runs, 2, async (batch) => {
    const root = copyShippedRepo();
    const drivers = freeDrivers(root);
    expect(drivers.length).toBeGreaterThanOrEqual(batch.length);
    const flags = limitArgs(batch[0]!.limits);
    const met = await pool(batch, 2, async (c, i) => {
      const { id, volumeDriver } = drivers[i]!;
      const write = (path: string) => writeBytes(path, c.bytes(honestMembers(volumeDriver)));
      return { c, id, ...(await submitBundle(root, id, write, flags, bigBundle)) };
    });
    // One big bundle makes the run that reads them all big.
    const validate = await meet(
      ['validate', '--repo', root, '--format', 'json', ...flags],
      met.some((m) => m.big),
    );
    const errors = (JSON.parse(validate.stdout) as { errors: ValidateError[] }).errors;
    for (const m of met)
      out.set(m.c.id, {
        bundle: m.bundle,
        inspect: m.inspect,
        validate,
        errors: errors.filter((e) => e.file.startsWith(`${submissionOf(m.id).folder}/`)),
      });
  });
  return out;
}

/** Run `f` on every item, `width` at a time; results in order. */
async function pool<T, R>(items: readonly T[], width: number, f: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      for (let i = next++; i < items.length; i = next++) results[i] = await f(items[i]!, i);
    }),
  );
  return results;
}

/** A tar case: inspect and validate refuse the bundle with its code and message, naming the member; or both accept it. */
function checkTarCase(c: TarCase, o: TarOutcome): void {
  expectBounded(o.inspect, `${c.id}: inspect`);
  expectBounded(o.validate, `${c.id}: validate`);
  if ('refuses' in c.expect) {
    const { code, member, says } = c.expect.refuses;
    expect(o.inspect.code, o.inspect.stdout).toBe(1);
    const errors = (JSON.parse(o.inspect.stdout) as InspectJson).errors ?? [];
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code, message: expect.stringContaining(says), tip: expect.any(String) });
    expect(errors[0]!.member).toBe(member);
    expect(o.validate.code).toBe(1);
    // The refusal is the one error (result.yaml names the new bytes; an empty file's size of 0 it cannot name).
    const [bundleErrors, others] = [
      o.errors.filter((e) => e.check === READABLE),
      o.errors.filter((e) => e.check !== READABLE),
    ];
    expect(bundleErrors).toEqual([
      {
        rule: 'bundle-readable',
        check: READABLE,
        file: member === undefined ? o.bundle : `${o.bundle}!${member}`,
        message: errors[0]!.message,
        tip: errors[0]!.tip,
      },
    ]);
    expect(others.map((e) => e.message)).toEqual(
      c.id === 'bundle-empty-file'
        ? [expect.stringMatching(/^bundle\.size: result\.yaml says \d+ bytes, the bundle has 0$/)]
        : [],
    );
  } else {
    expect(o.inspect.code, o.inspect.stdout + o.inspect.stderr).toBe(0);
    expect(
      (JSON.parse(o.inspect.stdout) as InspectJson).members.filter((m) => m.type === 'file').map((m) => m.name),
    ).toEqual(c.expect.accepts.members);
    expect(o.errors).toEqual([]);
  }
}

/** What the case expects, in a few words (the test's name). */
function outcomeOf(c: Case): string {
  if (c.via === 'bundle')
    return 'rejects' in c.expect
      ? 'inspect reports it, validate rejects it'
      : 'inspect reports it, validate accepts it';
  if (c.via === 'tar')
    return 'refuses' in c.expect ? 'inspect and validate refuse it' : 'inspect and validate accept it';
  if ('renders' in c.expect) return 'accepted, and MATRIX.md shows it inert';
  return `${c.via === 'pull-request' ? 'validate --changed-since' : (c.command ?? ['validate'])[0]} rejects it`;
}

/** Whether the case's input is refused (exit 1 from the command that must refuse it). */
function refused(c: Case): boolean {
  return c.via === 'tar' ? 'refuses' in c.expect : 'rejects' in c.expect;
}

describe('the corpus', () => {
  it('has unique kebab-case ids, known kinds, and at least 40 cases that exit 1', () => {
    const ids = CASES.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of CASES) {
      expect(c.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)+$/);
      expect(KINDS.map((k) => k.kind)).toContain(c.kind);
    }
    expect(CASES.filter(refused).length).toBeGreaterThanOrEqual(40);
    for (const { kind } of KINDS)
      expect(CASES.filter((c) => c.kind === kind && refused(c)).length, kind).toBeGreaterThan(0);
  });

  it('measures peak memory with GNU time where it works, and with the preload otherwise', async () => {
    const viaPreload = await runCli(['--help'], { rssVia: 'preload' });
    expect(viaPreload.code).toBe(0);
    expect(viaPreload.maxRssKb).toBeGreaterThan(10 * 1024);
    expect(viaPreload.maxRssKb).toBeLessThan(MAX_RSS_KB);
    if (hasGnuTime()) {
      const viaTime = await runCli(['--help']);
      expect(viaTime.maxRssKb / viaPreload.maxRssKb).toBeGreaterThan(0.5);
      expect(viaTime.maxRssKb / viaPreload.maxRssKb).toBeLessThan(2);
    }
  });

  it('builds bundles as tar(1) reads them, a member of 10 GiB of zeros included (shown at 3 MiB)', async () => {
    const dir = tempDir('drivercert-bundle-');
    const small = CASES.find((c): c is BundleCase => c.id === 'subunit-bad-crc')!;
    await writeBundle(join(dir, 'b.tgz'), [{ name: 'cert.log', bytes: () => [Buffer.from('log\n')] }, small.member]);
    const list = spawnSync('tar', ['-tzf', join(dir, 'b.tgz')], { encoding: 'utf8' });
    expect(list.status, list.stderr).toBe(0);
    expect(list.stdout.split('\n').filter(Boolean)).toEqual(['cert.log', 'tempest.subunit']);
    const bytes = spawnSync('tar', ['-xzOf', join(dir, 'b.tgz'), 'tempest.subunit']);
    expect(Buffer.compare(bytes.stdout, collect(small.member.bytes))).toBe(0);
    // The zeros are deflated once and repeated, and the gzip trailer's CRC computed: gzip and tar check both.
    await writeBytes(join(dir, 'z.tgz'), zeroMemberBundle('logs/disk.img', 3 * MiB + 100));
    const z = spawnSync('tar', ['-tvzf', join(dir, 'z.tgz')], { encoding: 'utf8' });
    expect(z.status, z.stderr).toBe(0);
    expect(z.stdout).toMatch(new RegExp(`\\s${3 * MiB + 100}\\s.*logs/disk\\.img`));
    for (const n of [0, 1, 1000, MiB + 7])
      expect(crc32Zeros(crc32(Buffer.from('abc')), n)).toBe(
        crc32(Buffer.concat([Buffer.from('abc'), Buffer.alloc(n)])),
      );
  });
});

for (const { kind, heading } of KINDS) {
  const cases = CASES.filter((c) => c.kind === kind);
  if (cases.length === 0) continue;
  // One kind after another (a kind's setup, such as the tar cases' batch, is not slowed by the
  // others'); its cases concurrent: a big case is a child process, running while small ones run here.
  describe(heading, () => {
    if (cases.some((c) => c.via === 'pull-request')) {
      beforeAll(async () => {
        origin ??= await createOrigin((dir) => baseBranch(dir));
      });
    }
    let tar: Map<string, TarOutcome>;
    if (cases.some((c) => c.via === 'tar')) {
      beforeAll(async () => {
        tar = await runTarCases(cases.filter((c): c is TarCase => c.via === 'tar'));
      }, 120_000);
    }
    for (const c of cases) {
      it.concurrent(`${c.id}: ${c.title} — ${outcomeOf(c)}`, async () => {
        if (c.via === 'repo') await runRepoCase(c);
        else if (c.via === 'pull-request') await runPullRequestCase(c);
        else if (c.via === 'bundle') await runBundleCase(c);
        else checkTarCase(c, tar.get(c.id)!);
      });
    }
  });
}
