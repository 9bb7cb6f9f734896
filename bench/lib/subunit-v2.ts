// A minimal subunit v2 writer, enough to produce a realistic stestr stream for the
// bench: per test an `inprogress` packet and a final one (success, skip with a reason
// attachment, or fail with a traceback), with timestamps and worker tags. Packets as
// DESIGN.md describes them: 0xB3, flags, varint length, fields, CRC32 (IEEE).
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { Random } from './random.js';

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** CRC-32 (IEEE 802.3), table driven: Node 20 has no zlib.crc32. */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const FLAG = { version: 0x2000, testId: 0x0800, timestamp: 0x0200, tags: 0x0080, fileContent: 0x0040, mimeType: 0x0020, eof: 0x0010 } as const;
export const STATUS = { inprogress: 2, success: 3, skip: 5, fail: 6 } as const;

function varint(n: number): number[] {
  if (n < 0x40) return [n];
  if (n < 0x4000) return [0x40 | (n >> 8), n & 0xff];
  if (n < 0x400000) return [0x80 | (n >> 16), (n >> 8) & 0xff, n & 0xff];
  return [0xc0 | (n >>> 24), (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
}

function str(s: string): number[] {
  const b = Buffer.from(s, 'utf8');
  return [...varint(b.length), ...b];
}

export interface Packet {
  status: number;
  testId?: string;
  time?: { seconds: number; nanos: number };
  tags?: string[];
  file?: { name: string; mime: string; content: string };
}

/** Encode one packet. */
export function encodePacket(p: Packet): Buffer {
  let flags = FLAG.version | p.status;
  const body: number[] = [];
  if (p.time) {
    flags |= FLAG.timestamp;
    const s = p.time.seconds;
    body.push((s >>> 24) & 0xff, (s >>> 16) & 0xff, (s >>> 8) & 0xff, s & 0xff, ...varint(p.time.nanos));
  }
  if (p.testId !== undefined) {
    flags |= FLAG.testId;
    body.push(...str(p.testId));
  }
  if (p.tags) {
    flags |= FLAG.tags;
    body.push(...varint(p.tags.length));
    for (const t of p.tags) body.push(...str(t));
  }
  if (p.file) {
    flags |= FLAG.mimeType | FLAG.fileContent | FLAG.eof;
    body.push(...str(p.file.mime));
    const content = Buffer.from(p.file.content, 'utf8');
    body.push(...str(p.file.name), ...varint(content.length), ...content);
  }
  // total length counts the signature, flags, the length field itself, the body and the CRC
  const base = 1 + 2 + body.length + 4;
  let lengthBytes = varint(base + 1);
  for (let n = 1; n <= 4; n++) {
    lengthBytes = varint(base + n);
    if (lengthBytes.length === n) break;
  }
  const head = [0xb3, flags >> 8, flags & 0xff, ...lengthBytes];
  const packet = Buffer.from([...head, ...body, 0, 0, 0, 0]);
  packet.writeUInt32BE(crc32(packet.subarray(0, packet.length - 4)), packet.length - 4);
  return packet;
}

const CLASSES = [
  'tempest.api.volume.test_volumes_actions.VolumesActionsTest',
  'tempest.api.volume.test_volumes_get.VolumesGetTest',
  'tempest.api.volume.test_volumes_snapshots.VolumesSnapshotTestJSON',
  'tempest.api.volume.test_volumes_extend.VolumesExtendTest',
  'tempest.api.volume.admin.test_volume_types.VolumeTypesTest',
  'tempest.api.volume.test_volumes_list.VolumesListTestJSON',
];

/** Write a stream of TESTS tests (about 1% skipped, 0.5% failed) to PATH. Deterministic. */
export async function writeSubunitRun(path: string, tests: number, seed = 7): Promise<{ success: number; skip: number; fail: number }> {
  const rnd = new Random(seed);
  const out = createWriteStream(path);
  const counts = { success: 0, skip: 0, fail: 0 };
  let seconds = Math.floor(Date.UTC(2025, 5, 1, 11, 59, 2) / 1000);
  let batch: Buffer[] = [];
  for (let i = 0; i < tests; i++) {
    const id = `${rnd.pick(CLASSES)}.test_case_${i}[id-${rnd.uuid()},smoke]`;
    const tags = [`worker-${rnd.int(2)}`];
    batch.push(encodePacket({ status: STATUS.inprogress, testId: id, time: { seconds, nanos: rnd.int(1e9) }, tags }));
    seconds += rnd.int(3);
    const r = rnd.next();
    if (r < 0.01) {
      counts.skip++;
      batch.push(encodePacket({ status: STATUS.skip, testId: id, time: { seconds, nanos: rnd.int(1e9) }, tags, file: { name: 'reason', mime: 'text/plain;charset=utf8', content: 'Feature not enabled' } }));
    } else if (r < 0.015) {
      counts.fail++;
      batch.push(encodePacket({ status: STATUS.fail, testId: id, time: { seconds, nanos: rnd.int(1e9) }, tags, file: { name: 'traceback', mime: 'text/x-traceback;charset=utf8', content: 'Traceback (most recent call last):\n  File "tempest/api/volume/base.py", line 91, in wait\nAssertionError: volume did not become available\n' } }));
    } else {
      counts.success++;
      batch.push(encodePacket({ status: STATUS.success, testId: id, time: { seconds, nanos: rnd.int(1e9) }, tags }));
    }
    if (batch.length >= 4096) {
      if (!out.write(Buffer.concat(batch))) await once(out, 'drain');
      batch = [];
    }
  }
  out.end(Buffer.concat(batch));
  await once(out, 'finish');
  return counts;
}
