// Property-based fuzzing of every result parser, the YAML loader and the bundle reader
// (test/hostile/fuzz/): a fixed-seed run of bench/fuzz.ts — the script a longer search
// uses — where every mutated or truncated golden file (or bundle) must be read (results or
// problems; a summary or a BundleError) without throwing, within a time bound, and in a
// child process with a watchdog, so a hang fails instead of blocking.
// The fuzzer's own reporting is tested with targets that fail on purpose.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, hasStackTrace, tempDir } from '../helpers/cli.js';
import { chunked, mutate } from './fuzz/mutate.js';
import { FUZZ_TARGETS } from './fuzz/targets.js';
import { runNode } from './spawn.js';

const FUZZ = join(ROOT, 'bench/fuzz.ts');
const SEED = 20251120;
const RUNS = 300;

interface Summary {
  ok: boolean;
  seed: number;
  inputs: number;
  targets: {
    target: string;
    runs: number;
    slowestMs: number;
    failure?: { kind: string; message: string; file: string; replay: string[] };
  }[];
}

/** Run bench/fuzz.ts as a user does (through tsx), unmeasured. */
function fuzzScript(args: readonly string[], opts: { env?: Record<string, string>; timeoutMs?: number } = {}) {
  return runNode(FUZZ, [...args], { preload: ['tsx'], measure: false, ...opts });
}

/** A fuzz run reporting in JSON, its failing inputs saved in a scratch folder. */
function fuzz(args: string[], env: Record<string, string> = {}) {
  return fuzzScript([...args, '--json', '--out', tempDir('drivercert-fuzz-')], { timeoutMs: 120_000, env });
}

describe('fuzzing the parsers, the YAML loader and the bundle reader', () => {
  it(`reads ${RUNS} mutated inputs per target (seed ${SEED}) without a crash, a hang or a slow input`, async () => {
    const run = await fuzz(['--runs', String(RUNS), '--seed', String(SEED)]);
    expect(run.timedOut, 'the fuzz run hung').toBe(false);
    const summary = JSON.parse(run.stdout) as Summary;
    const failed = summary.targets.filter((t) => t.failure);
    expect(failed.map((t) => `${t.target}: ${t.failure!.message}\n${t.failure!.replay.join('\n')}`)).toEqual([]);
    expect(run.code).toBe(0);
    expect(summary.targets.map((t) => t.target)).toEqual(FUZZ_TARGETS.map((t) => t.name));
    for (const t of summary.targets) expect(t.runs, t.target).toBe(RUNS);
  }, 180_000);

  it('reports a failing input shrunk, saved, with the commands that replay it', async () => {
    const run = await fuzz(
      [
        '--target',
        'selftest: throws',
        '--target',
        'selftest: hangs',
        '--runs',
        '50',
        '--seed',
        '1',
        '--timeout',
        '1000',
      ],
      { DRIVERCERT_FUZZ_SELFTEST: '1' },
    );
    expect(run.code).toBe(1);
    const [throws, hangs] = (JSON.parse(run.stdout) as Summary).targets;
    // Shrunk to the smallest change that still fails: one byte more than the 14-byte seed.
    expect(throws!.failure).toMatchObject({ kind: 'error', message: expect.stringMatching(/^selftest: 15 bytes/) });
    expect(existsSync(throws!.failure!.file)).toBe(true);
    expect(throws!.failure!.replay[0]).toBe(
      `npx tsx bench/fuzz.ts --target 'selftest: throws' --replay ${throws!.failure!.file}`,
    );
    expect(throws!.failure!.replay[1]).toMatch(
      /^npx tsx bench\/fuzz\.ts --target 'selftest: throws' --seed 1 --path [\d:]+ --runs 50$/,
    );
    const replay = await fuzzScript(['--target', 'selftest: throws', '--replay', throws!.failure!.file], {
      env: { DRIVERCERT_FUZZ_SELFTEST: '1' },
    });
    expect(replay.code).not.toBe(0);
    expect(replay.stderr).toMatch(/Error: selftest: 15 bytes/);
    // A hang is stopped by the watchdog, and its input saved.
    expect(hangs!.failure).toMatchObject({
      kind: 'hang',
      message: expect.stringMatching(/^no answer for 1000 ms while reading input 1 /),
    });
    expect(readFileSync(hangs!.failure!.file).length).not.toBe(14);
  }, 60_000);

  it('refuses a bad command line in one plain line, exit 2, and explains itself with --help', async () => {
    for (const [args, says] of [
      [['--runs', 'many'], 'bench/fuzz.ts: --runs must be a whole number of at least 1, not "many"'],
      [['--target', 'nope'], 'bench/fuzz.ts: no target named nope; targets: subunit-v2,'],
      [['--frobnicate'], "bench/fuzz.ts: Unknown option '--frobnicate'"],
    ] as const) {
      const run = await fuzzScript(args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toContain(says);
      expect(hasStackTrace(run.stderr), run.stderr).toBe(false);
    }
    const help = await fuzzScript(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Fuzz every result parser/);
    expect(help.stdout).toContain('\nTargets:\n  subunit-v2\n');
  }, 60_000);

  it('mutates deterministically, and feeds inputs in the chunk sizes asked for', () => {
    const seed = Buffer.from('0123456789');
    expect(Buffer.from(mutate(seed, [{ kind: 'truncate', at: 4 }])).toString()).toBe('0123');
    expect(Buffer.from(mutate(seed, [{ kind: 'duplicate', at: 0, length: 2, to: 10, times: 3 }])).toString()).toBe(
      '0123456789010101',
    );
    expect(Buffer.from(mutate(seed, [{ kind: 'token', at: 0, token: '\u00b3' }]))[0]).toBe(0xb3);
    expect([...chunked(seed, [3, 1])].map((c) => c.length)).toEqual([3, 1, 3, 1, 2]);
    expect(seed.toString()).toBe('0123456789');
  });
});
