// Writing subunit v2 packets: used to build example runs, benchmark inputs and test
// fixtures (the reader is subunit-v2.ts; python-subunit cross-checks both).
import { crc32 } from 'node:zlib';

export type SubunitV2Status = 'none' | 'exists' | 'inprogress' | 'success' | 'uxsuccess' | 'skip' | 'fail' | 'xfail';

const STATUS_CODES: Record<SubunitV2Status, number> = {
  none: 0,
  exists: 1,
  inprogress: 2,
  success: 3,
  uxsuccess: 4,
  skip: 5,
  fail: 6,
  xfail: 7,
};

/** One subunit v2 event: any combination of the packet's optional fields. */
export interface SubunitV2Event {
  testId?: string;
  status?: SubunitV2Status;
  /** Seconds and nanoseconds since the epoch. */
  timestamp?: { seconds: number; nanos?: number };
  tags?: string[];
  runnable?: boolean;
  mimeType?: string;
  file?: { name: string; content: Uint8Array | string };
  eof?: boolean;
  routeCode?: string;
}

/** Encode a varint as subunit v2 does: the top two bits of the first byte give 1–4 bytes. */
export function encodeVarint(n: number): Buffer {
  if (n < 0 || n > 0x3fffffff || !Number.isInteger(n)) throw new RangeError(`subunit varint out of range: ${n}`);
  if (n < 0x40) return Buffer.from([n]);
  if (n < 0x4000) return Buffer.from([0x40 | (n >> 8), n & 0xff]);
  if (n < 0x400000) return Buffer.from([0x80 | (n >> 16), (n >> 8) & 0xff, n & 0xff]);
  return Buffer.from([0xc0 | (n >>> 24), (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff]);
}

function utf8(s: string): Buffer {
  const b = Buffer.from(s, 'utf8');
  return Buffer.concat([encodeVarint(b.length), b]);
}

/**
 * Encode one event as a complete packet (signature, flags, length, fields, CRC32).
 * `version` and `extraFlags` exist so tests can write packets a reader must refuse.
 */
export function encodePacket(e: SubunitV2Event, opts: { version?: number; extraFlags?: number } = {}): Buffer {
  let flags = ((opts.version ?? 2) << 12) | STATUS_CODES[e.status ?? 'none'] | (opts.extraFlags ?? 0);
  const fields: Buffer[] = [];
  if (e.timestamp) {
    flags |= 0x0200;
    const ts = Buffer.alloc(4);
    ts.writeUInt32BE(e.timestamp.seconds >>> 0);
    fields.push(ts, encodeVarint(e.timestamp.nanos ?? 0));
  }
  if (e.testId !== undefined) {
    flags |= 0x0800;
    fields.push(utf8(e.testId));
  }
  if (e.tags && e.tags.length) {
    flags |= 0x0080;
    fields.push(encodeVarint(e.tags.length), ...e.tags.map(utf8));
  }
  if (e.mimeType !== undefined) {
    flags |= 0x0020;
    fields.push(utf8(e.mimeType));
  }
  if (e.file) {
    flags |= 0x0040;
    const content =
      typeof e.file.content === 'string' ? Buffer.from(e.file.content, 'utf8') : Buffer.from(e.file.content);
    fields.push(utf8(e.file.name), encodeVarint(content.length), content);
  }
  if (e.routeCode !== undefined) {
    flags |= 0x0400;
    fields.push(utf8(e.routeCode));
  }
  if (e.runnable) flags |= 0x0100;
  if (e.eof) flags |= 0x0010;
  const body = Buffer.concat(fields);
  // The length counts the whole packet, its own varint included.
  let total = 1 + 2 + 1 + body.length + 4;
  while (encodeVarint(total).length + 1 + 2 + body.length + 4 !== total)
    total = encodeVarint(total).length + 1 + 2 + body.length + 4;
  const head = Buffer.alloc(3);
  head[0] = 0xb3;
  head.writeUInt16BE(flags, 1);
  const packet = Buffer.concat([head, encodeVarint(total), body]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(packet) >>> 0);
  return Buffer.concat([packet, crc]);
}

/** The packets tempest/stestr emit for one test: start, optional attachments, final status. */
export function testPackets(t: {
  id: string;
  status: Exclude<SubunitV2Status, 'none' | 'exists' | 'inprogress'> | 'incomplete';
  start: number;
  seconds: number;
  worker?: string;
  reason?: string;
  traceback?: string;
}): Buffer[] {
  const tags = t.worker ? [t.worker] : undefined;
  const at = (s: number) => ({ seconds: Math.floor(s), nanos: Math.round((s % 1) * 1e9) });
  const out = [
    encodePacket({
      testId: t.id,
      status: 'inprogress',
      timestamp: at(t.start),
      runnable: true,
      ...(tags ? { tags } : {}),
    }),
  ];
  if (t.status === 'incomplete') return out;
  const end = at(t.start + t.seconds);
  const attach = (name: string, text: string) => {
    const b = Buffer.from(text, 'utf8');
    // Long attachments are split over several packets, as testtools does.
    for (let off = 0; off < b.length || off === 0; off += 4096) {
      const last = off + 4096 >= b.length;
      out.push(
        encodePacket({
          testId: t.id,
          timestamp: end,
          mimeType: 'text/plain;charset=utf8',
          file: { name, content: b.subarray(off, off + 4096) },
          eof: last,
          runnable: true,
          ...(tags ? { tags } : {}),
        }),
      );
      if (last) break;
    }
  };
  if (t.reason) attach('reason', t.reason);
  if (t.traceback) attach('traceback', t.traceback);
  out.push(encodePacket({ testId: t.id, status: t.status, timestamp: end, runnable: true, ...(tags ? { tags } : {}) }));
  return out;
}
