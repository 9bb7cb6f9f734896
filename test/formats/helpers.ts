// Helpers for the parser tests: the golden fixtures, feeding parsers in chunks, a small
// subunit v2 encoder (mirroring python-subunit's StreamResultToBytes) to build hostile
// streams, and finding the reference tools.
import { spawnSync } from 'node:child_process';
import { openSync, closeSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { encodePacket, type SubunitV2Status } from '../../scripts/lib/formats/subunit-v2-writer.js';
import type { Counts } from '../../scripts/lib/model.js';
import { countResults, type ParsedResults, type StreamParser } from '../../scripts/lib/formats/types.js';
import { ROOT, REFERENCE } from '../helpers/cli.js';

export const FIXTURES = join(ROOT, 'test/fixtures/formats');
export const EXAMPLES = join(REFERENCE, 'formats');

/** A fixture file's bytes. */
export function fixture(name: string): Buffer {
  return readFileSync(join(FIXTURES, name));
}

/** A reference example's bytes. */
export function example(name: string): Buffer {
  return readFileSync(join(EXAMPLES, name));
}

/** The counts `subunit-stats` printed. */
export function parseStats(text: string): Pick<Counts, 'total' | 'passed' | 'failed' | 'skipped'> {
  const n = (label: string) => {
    const m = new RegExp(`${label} tests:\\s+(\\d+)`).exec(text);
    if (!m) throw new Error(`no "${label} tests" in subunit-stats output: ${text.slice(0, 200)}`);
    return Number(m[1]);
  };
  return { total: n('Total'), passed: n('Passed'), failed: n('Failed'), skipped: n('Skipped') };
}

/** The four counts subunit-stats prints, from our records. */
export function statsOf(r: ParsedResults): Pick<Counts, 'total' | 'passed' | 'failed' | 'skipped'> {
  const c = countResults(r.tests);
  return { total: c.total, passed: c.passed, failed: c.failed, skipped: c.skipped };
}

/** Each test's outcome as subunit-stats sees it (reference-statuses.py's output). */
export function parseStatuses(text: string): { outcome: string; id: string }[] {
  return text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => {
      const tab = l.indexOf('\t');
      return { outcome: l.slice(0, tab), id: l.slice(tab + 1) };
    });
}

/** Feed `data` in chunks of `size` bytes. */
export function feed<P extends StreamParser>(p: P, data: Uint8Array, size = data.length || 1): ReturnType<P['end']> {
  for (let i = 0; i < data.length; i += size) p.write(data.subarray(i, i + size));
  return p.end() as ReturnType<P['end']>;
}

/** Feed `data` split at random points (seeded, so a failure can be replayed). */
export function feedRandom<P extends StreamParser>(
  p: P,
  data: Uint8Array,
  seed: number,
  maxChunk = 97,
): ReturnType<P['end']> {
  let s = seed >>> 0 || 1;
  const rand = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 0x100000000;
  };
  for (let i = 0; i < data.length;) {
    const n = 1 + Math.floor(rand() * maxChunk);
    p.write(data.subarray(i, i + n));
    i += n;
  }
  return p.end() as ReturnType<P['end']>;
}

// ---- a subunit v2 encoder (test-only), after python-subunit's StreamResultToBytes ----

export interface Event {
  id?: string;
  status?: Exclude<SubunitV2Status, 'none'>;
  tags?: string[];
  mime?: string;
  file?: { name: string; bytes: Uint8Array | string };
  eof?: boolean;
  route?: string;
  timestamp?: number;
  runnable?: boolean;
}

/** One v2 packet, byte for byte as python-subunit writes it (runnable unless told otherwise); `version` and `extraFlags` let a test break it. */
export function packet(e: Event, opts: { version?: number; extraFlags?: number } = {}): Buffer {
  return encodePacket(
    {
      ...(e.id !== undefined ? { testId: e.id } : {}),
      ...(e.status ? { status: e.status } : {}),
      ...(e.timestamp !== undefined ? { timestamp: { seconds: e.timestamp } } : {}),
      ...(e.tags ? { tags: e.tags } : {}),
      ...(e.mime !== undefined ? { mimeType: e.mime } : {}),
      ...(e.file ? { file: { name: e.file.name, content: e.file.bytes } } : {}),
      ...(e.eof ? { eof: true } : {}),
      ...(e.route !== undefined ? { routeCode: e.route } : {}),
      runnable: e.runnable ?? true,
    },
    opts,
  );
}

/** The 4 CRC32 bytes of `content`. */
export function crcOf(content: Uint8Array): Buffer {
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(content));
  return crc;
}

/** A stream of packets (and raw passthrough bytes). */
export function stream(...parts: (Event | Uint8Array | string)[]): Buffer {
  return Buffer.concat(
    parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : p instanceof Uint8Array ? p : packet(p))),
  );
}

/** A test from inprogress to its final status, with optional attachments in between. */
export function testRun(id: string, status: Event['status'], extra: Partial<Event>[] = [], route?: string): Buffer {
  const base: Event = { id, tags: ['worker-0'] };
  if (route !== undefined) base.route = route;
  return stream({ ...base, status: 'inprogress' }, ...extra.map((e) => ({ ...base, ...e })), { ...base, status });
}

// ---- the reference tools ----

let pythonCache: string | null | undefined;

/** A python3 that imports `subunit` and `testtools`, if any. */
export function referencePython(): string | undefined {
  if (pythonCache === undefined) {
    pythonCache = null;
    for (const p of [process.env.PYTHON, 'python3', '/usr/bin/python3']) {
      if (!p) continue;
      const r = spawnSync(p, ['-c', 'import subunit, testtools'], { stdio: 'ignore' });
      if (r.status === 0) {
        pythonCache = p;
        break;
      }
    }
  }
  return pythonCache ?? undefined;
}

/** Why the reference tools cannot be used here (for needTool), or undefined when every one is installed. */
export function referenceToolsMissing(): string | undefined {
  if (!referencePython()) return 'no python3 imports subunit and testtools (Debian: python3-subunit)';
  for (const tool of ['subunit-stats', 'subunit-2to1', 'subunit-1to2', 'subunit2pyunit', 'subunit-trace']) {
    if (spawnSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' }).status !== 0)
      return `${tool} is not installed (Debian: subunit, python3-os-testr)`;
  }
  // subunit2junitxml needs python-junitxml.
  if (spawnSync(referencePython()!, ['-c', 'import junitxml'], { stdio: 'ignore' }).status !== 0)
    return 'subunit2junitxml cannot run: python3 has no junitxml (Debian: python3-junitxml)';
  return undefined;
}

/** Run a tool with a file as its standard input (never a pipe: see regenerate.sh). */
export function runWithFile(
  cmd: string,
  args: string[],
  inputFile: string,
): { code: number; stdout: Buffer; stderr: Buffer } {
  const fd = openSync(inputFile, 'r');
  try {
    const r = spawnSync(cmd, args, { stdio: [fd, 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
    return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
  } finally {
    closeSync(fd);
  }
}
