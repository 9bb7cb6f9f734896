// Building blocks for hostile bytes, produced lazily (a 100 MB line is a generator of
// 1 MiB chunks, never one buffer), and the readable inputs they are spliced into: the
// reference cert log and subunit v2 packets written by the project's own writer.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32 } from 'node:zlib';
import { encodePacket, testPackets, type SubunitV2Event } from '../../../scripts/lib/formats/subunit-v2-writer.js';
import type { Bytes } from './types.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../..');
export const MiB = 1024 * 1024;

/** Text or bytes as one chunk. */
export function b(s: string | Uint8Array): Uint8Array {
  return typeof s === 'string' ? Buffer.from(s, 'utf8') : s;
}

/** Concatenate pieces lazily: strings, byte arrays, or other lazy byte sources. */
export function concat(...parts: (string | Uint8Array | Bytes)[]): Bytes {
  return function* () {
    for (const p of parts) {
      if (typeof p === 'function') yield* p();
      else yield b(p);
    }
  };
}

/** `size` bytes of one repeated byte, in 1 MiB chunks. */
export function repeat(byte: number | string, size: number): Bytes {
  return function* () {
    const value = typeof byte === 'string' ? byte.charCodeAt(0) : byte;
    const chunk = Buffer.alloc(Math.min(size, MiB), value);
    for (let left = size; left > 0; left -= chunk.length) yield left >= chunk.length ? chunk : chunk.subarray(0, left);
  };
}

/** `size` seeded pseudo-random bytes (xorshift32), in 64 KiB chunks: the same bytes on every run. */
export function noise(size: number, seed: number): Bytes {
  return function* () {
    let s = seed >>> 0 || 1;
    for (let left = size; left > 0;) {
      const n = Math.min(left, 64 * 1024);
      const chunk = Buffer.alloc(n);
      for (let i = 0; i < n; i++) {
        s ^= s << 13;
        s ^= s >>> 17;
        s ^= s << 5;
        chunk[i] = s & 0xff;
      }
      left -= n;
      yield chunk;
    }
  };
}

/**
 * `size` bytes of one line of text that compresses as logs do (about 110:1): lowercase
 * letters, mostly `x`, a seeded random letter every few hundred bytes. A line of one repeated
 * byte compresses 1000:1 and is refused as a compression bomb before its parser sees it.
 */
export function textLine(size: number, seed: number): Bytes {
  const every = 400;
  return function* () {
    let s = seed >>> 0 || 1;
    for (let left = size; left > 0;) {
      const n = Math.min(left, MiB);
      const chunk = Buffer.alloc(n, 0x78);
      for (let i = 0; i < n; i += every) {
        s ^= s << 13;
        s ^= s >>> 17;
        s ^= s << 5;
        const at = i + ((s >>> 8) % every);
        if (at < n) chunk[at] = 0x61 + ((s >>> 0) % 26);
      }
      left -= n;
      yield chunk;
    }
  };
}

/** All of a lazy source in one buffer (for small inputs only). */
export function collect(bytes: Bytes): Buffer {
  return Buffer.concat([...bytes()]);
}

/** Total size of a lazy source (by walking it). */
export function sizeOf(bytes: Bytes): number {
  let n = 0;
  for (const c of bytes()) n += c.length;
  return n;
}

// ---- the cert script's log ----

/** The reference cert log, its step headers dated the day the corpus's runs happened (2025-11-01). */
const EXAMPLE_LOG = () =>
  readFileSync(join(ROOT, 'reference/formats/example.cert.log'), 'utf8').replace(/^\d\d\/\d\d\/\d\d\//gm, '11/01/25/');

/**
 * The reference cert log (reference/formats/example.cert.log) with its tempest output, or
 * its cinder.conf copy, replaced by `content`, ending PASSED when `passed` (the reference run
 * failed, and a verdict that contradicts the run is refused). Returns the bytes and the line
 * `content` starts on.
 */
export function certLog(
  replace: 'tempest output' | 'cinder.conf',
  content: Bytes,
  passed = false,
): { bytes: Bytes; firstLine: number } {
  const lines = EXAMPLE_LOG().split('\n');
  const start = replace === 'tempest output' ? lines.indexOf('running testr') : lines.indexOf('[DEFAULT]');
  const endMark =
    replace === 'tempest output'
      ? lines.findIndex((l, i) => i > start && /Device driver (PASSED|FAILED)!/.test(l)) - 1
      : lines.findIndex((l, i) => i > start && /End of cinder\.conf/.test(l)) - 1;
  // Keep the rule line above the next step header (and the blank line before it).
  const before = lines.slice(0, start).join('\n') + '\n';
  const rest = lines.slice(endMark - 1).join('\n');
  const after =
    '\n' +
    (passed ? rest.replace('SORRY!!!  Device driver FAILED!', 'CONGRATULATIONS!!!  Device driver PASSED!') : rest);
  return { bytes: concat(before, content, after), firstLine: start + 1 };
}

/** A console line in the subunit-trace style the cert script prints. */
export function traceLine(worker: number, id: string, result = '[1.000000s] ... ok'): string {
  return `{${worker}} ${id} ${result}\n`;
}

// ---- subunit v2 ----

export const TEST_IDS = [
  'tempest.api.volume.test_volumes_get.VolumesGetTest.test_volume_create_get_update_delete',
  'tempest.api.volume.test_volumes_snapshots.VolumesSnapshotTestJSON.test_snapshot_create_get_list_update_delete',
  'tempest.api.volume.test_versions.VersionsTest.test_list_versions',
] as const;

/** A passing test as stestr writes it (inprogress, then success). */
export function passingTest(id: string, start = RUN_START): Buffer {
  return Buffer.concat(testPackets({ id, status: 'success', start, seconds: 1, worker: 'worker-0' }));
}

/** When the corpus's runs start: 2025-11-01 08:00 UTC, in the open cycle 2025.2 and before its submissions. */
export const RUN_START = Date.parse('2025-11-01T08:00:00Z') / 1000;

/** One packet, with its flags and CRC rewritten: `mutate` edits the flags, `breakCrc` flips the CRC. */
export function packet(
  e: SubunitV2Event,
  opts: { flags?: (f: number) => number; breakCrc?: boolean; length?: number } = {},
): Buffer {
  const p = Buffer.from(encodePacket(e));
  if (opts.flags) p.writeUInt16BE(opts.flags(p.readUInt16BE(1)), 1);
  if (opts.length !== undefined) {
    // Rewrite a 1- or 2-byte length in place (the tests use small packets).
    if ((p[3]! & 0xc0) === 0) p[3] = opts.length & 0x3f;
    else p.writeUInt16BE(0x4000 | (opts.length & 0x3fff), 3);
  }
  p.writeUInt32BE(crc32(p.subarray(0, p.length - 4)) >>> 0, p.length - 4);
  if (opts.breakCrc) p[p.length - 1]! ^= 0xff;
  return p;
}
