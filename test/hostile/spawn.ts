// Running the real `drivercert` (or a helper script) as a child process and measuring it:
// wall time, and peak memory through GNU time (`/usr/bin/time -f %M`) where it works, else
// through a preload that reports `process.resourceUsage().maxRSS` at exit. Standard input
// can be streamed from a lazy generator, so a 100 MB input never sits in the test's memory.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, ROOT, TODAY, tempDir } from '../helpers/cli.js';

export const MAXRSS_PRELOAD = join(ROOT, 'test/helpers/maxrss.mjs');
export const FAULTS_PRELOAD = join(ROOT, 'test/helpers/faults.mjs');

export interface ChildRun {
  /** Exit status; null when killed by a signal. */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  wallMs: number;
  /** Peak resident memory in KiB (0 when it could not be measured). */
  maxRssKb: number;
  /** True when the run was stopped for taking longer than its timeout. */
  timedOut: boolean;
}

export interface ChildOptions {
  cwd?: string;
  env?: Record<string, string>;
  /** Modules to preload with `node --import`. */
  preload?: string[];
  /** Streamed to standard input (then closed); standard input is empty otherwise. */
  stdin?: Iterable<Uint8Array> | AsyncIterable<Uint8Array>;
  /** Measure peak memory (default true), with GNU time where it works, else (or when told) with the preload. */
  measure?: boolean;
  rssVia?: 'gnu-time' | 'preload';
  /** Kill the child after this long (default 30 s), so a hang fails the test instead of blocking it. */
  timeoutMs?: number;
  /** Called with each piece of standard error as it arrives. */
  onStderr?: (text: string) => void;
}

let gnuTime: boolean | undefined;

/** Whether `/usr/bin/time -f %M -o FILE` works here (GNU time; BusyBox and BSD differ). */
export function hasGnuTime(): boolean {
  if (gnuTime === undefined) {
    gnuTime = false;
    if (existsSync('/usr/bin/time')) {
      const out = join(tempDir('drivercert-time-'), 'rss');
      const r = spawnSync('/usr/bin/time', ['-f', '%M', '-o', out, process.execPath, '-e', ''], { stdio: 'ignore' });
      gnuTime =
        r.status === 0 && existsSync(out) && /^\d+\s*$/.test(readFileSync(out, 'utf8').trim().split('\n').pop() ?? '');
    }
  }
  return gnuTime;
}

/** Run `node [--import …] SCRIPT ARGS` and measure it; never throws for a failing child. */
export async function runNode(script: string, args: string[], opts: ChildOptions = {}): Promise<ChildRun> {
  const measure = opts.measure ?? true;
  const rssFile = join(tempDir('drivercert-rss-'), 'rss');
  const preload = [...(opts.preload ?? [])];
  const useTime = measure && opts.rssVia !== 'preload' && hasGnuTime();
  if (measure && !useTime) preload.push(MAXRSS_PRELOAD);
  const nodeArgs = [...preload.flatMap((p) => ['--import', p]), script, ...args];
  const [cmd, argv] = useTime
    ? ['/usr/bin/time', ['-f', '%M', '-o', rssFile, process.execPath, ...nodeArgs]]
    : [process.execPath, nodeArgs];
  const env = { ...process.env, DRIVERCERT_TODAY: TODAY, DRIVERCERT_MAXRSS_FILE: rssFile, ...opts.env };
  const started = performance.now();
  const child = spawn(cmd as string, argv as string[], { cwd: opts.cwd ?? ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on('data', (b: Buffer) => out.push(b));
  child.stderr.on('data', (b: Buffer) => {
    err.push(b);
    opts.onStderr?.(b.toString('utf8'));
  });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, opts.timeoutMs ?? 30_000);
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  );
  child.stdin.on('error', () => {
    /* the child may stop reading early (EPIPE): its result says why */
  });
  if (opts.stdin) await pump(opts.stdin, child.stdin);
  child.stdin.end();
  const { code, signal } = await done;
  clearTimeout(timer);
  const wallMs = performance.now() - started;
  let maxRssKb = 0;
  let timeReport = '';
  if (measure && existsSync(rssFile)) {
    timeReport = readFileSync(rssFile, 'utf8');
    const last = timeReport.trim().split('\n').pop() ?? '';
    maxRssKb = /^\d+$/.test(last) ? Number(last) : 0;
    rmSync(rssFile, { force: true });
  }
  // GNU time reports a child killed by a signal as "Command terminated by signal N" and exits 128+N.
  const killedBy = useTime ? /Command terminated by signal (\d+)/.exec(timeReport) : null;
  return {
    code: killedBy ? null : code,
    signal: killedBy ? (Number(killedBy[1]) === 9 ? 'SIGKILL' : 'SIGTERM') : signal,
    stdout: Buffer.concat(out).toString('utf8'),
    stderr: Buffer.concat(err).toString('utf8'),
    wallMs,
    maxRssKb,
    timedOut,
  };
}

/** Run the built `drivercert` with ARGS. */
export function runCli(args: string[], opts: ChildOptions = {}): Promise<ChildRun> {
  return runNode(BIN, args, opts);
}

/** Write chunks to a stream, waiting for it to drain (so a lazy generator stays lazy). */
async function pump(
  chunks: Iterable<Uint8Array> | AsyncIterable<Uint8Array>,
  to: NodeJS.WritableStream,
): Promise<void> {
  let broken = false;
  to.once('error', () => (broken = true));
  for await (const c of chunks) {
    if (broken) return;
    if (!to.write(c)) {
      await new Promise<void>((resolve) => {
        const go = () => {
          to.off('drain', go);
          to.off('error', go);
          to.off('close', go);
          resolve();
        };
        to.on('drain', go);
        to.on('error', go);
        to.on('close', go);
      });
    }
  }
}

/** Lines of output that betray a crash: a JavaScript stack frame, Node's internals, or drivercert's own "internal error". */
export function crashSigns(text: string): string[] {
  return text
    .split('\n')
    .filter(
      (l) =>
        /^\s+at .+(:\d+:\d+\)?|\(native\)|<anonymous>)$/.test(l) ||
        l.includes('node:internal') ||
        /internal error/.test(l),
    );
}
