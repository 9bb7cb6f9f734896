// Subunit v2, read as python-subunit 1.4 reads it and counted as subunit-stats counts it
// (docs/result-formats.md, "Subunit v2").
import { isUtf8 } from 'node:buffer';
import { crc32Range } from './crc32.js';
import { BoundedBytes, ProblemLog, decodeUtf8, parserOptions, plainBytes, utf8Slice } from './common.js';
import {
  TestCollector,
  type ParsedResults,
  type ParserOptions,
  type StreamParser,
  type TestRecord,
  type TestStatus,
} from './types.js';

const SIGNATURE = 0xb3;
/** The largest packet a 3-byte length can express. */
export const MAX_PACKET_BYTES = 0x3fffff;

const FLAG_TEST_ID = 0x0800;
const FLAG_ROUTE_CODE = 0x0400;
const FLAG_TIMESTAMP = 0x0200;
const FLAG_TAGS = 0x0080;
const FLAG_FILE_CONTENT = 0x0040;
const FLAG_MIME_TYPE = 0x0020;
const FLAG_RESERVED = 0x0008;

const FINAL: readonly (TestStatus | undefined)[] = [
  undefined,
  undefined,
  undefined,
  'success',
  'uxsuccess',
  'skip',
  'fail',
  'xfail',
];
const STATUS_EXISTS = 1;
/** How many recently opened tests are held before the maps (more than tests run at once, usually). */
const RECENT = 8;

const enum State {
  Passthrough,
  Header,
  Body,
  Skip,
}

interface OpenTest {
  id: string;
  route: string | undefined;
  /** Arrival order, to list tests still open at the end as testtools does. */
  order: number;
  /** Set once its final status closed it (it may still sit among the recent tests). */
  closed: boolean;
  /** Whether it sits in a map of open tests: it was still open when it left the recent tests. */
  mapped: boolean;
  reason: BoundedBytes | undefined;
  traceback: BoundedBytes | undefined;
  /** Its first and last packets' timestamps (ms since the epoch), when they carry one. */
  start: number | undefined;
  end: number | undefined;
  /** stestr's `worker-N` tag, when a packet carries one. */
  worker: string | undefined;
}

class PacketError extends Error {}

/** A streaming subunit v2 parser (docs/result-formats.md, "Subunit v2", says what it follows). */
export class SubunitV2Parser implements StreamParser {
  private readonly opts: Required<ParserOptions>;
  private readonly problems: ProblemLog;
  private readonly tests: TestCollector;
  /**
   * Tests started and not finished that are no longer among the recent ones: those without a
   * route code, and those with one, by route code.
   */
  private readonly open = new Map<string, OpenTest>();
  private readonly routed = new Map<string, Map<string, OpenTest>>();
  private opened = 0;
  /**
   * The last tests opened: the next event of a test (its final status, most often) usually
   * names one of them, found by comparing ids instead of hashing the new id string. A test
   * enters a map only if it leaves them still open: a Map that gains and loses an entry per
   * test reallocates its table over and over.
   */
  private readonly recent: (OpenTest | undefined)[] = new Array<OpenTest | undefined>(RECENT).fill(undefined);
  private recentAt = 0;

  private state = State.Passthrough;
  /** Absolute offset of the first byte of the current chunk. */
  private base = 0;
  // Python's incremental UTF-8 decoder over passthrough bytes: pending bytes of a
  // character (count, expected length, lead byte) and whether a character is unfinished.
  private u8Have = 0;
  private u8Need = 0;
  private u8Lead = 0;
  private midChar = false;
  // The packet being assembled when it straddles chunks.
  private packetOffset = 0;
  private readonly head = new Uint8Array(7);
  private headLen = 0;
  private packetLen = 0;
  private scratch = new Uint8Array(0);
  /** Buffers over the current chunk and the scratch space, to read strings from without a view per string. */
  private chunkText: Buffer = Buffer.alloc(0);
  private scratchText: Buffer = Buffer.alloc(0);
  private readonly fields = new FieldReader();
  /** The last worker tag read. */
  private worker: string | undefined;
  private have = 0;
  private skipLeft = 0;
  /** Packets that passed their CRC. */
  goodPackets = 0;

  constructor(options: ParserOptions = {}) {
    this.opts = parserOptions(options);
    this.problems = new ProblemLog(this.opts.maxProblems);
    this.tests = new TestCollector(this.opts.keep);
  }

  /** Feed the next chunk; chunk boundaries may fall anywhere. */
  write(input: Uint8Array): void {
    const chunk = plainBytes(input);
    this.chunkText = asBuffer(input);
    const n = chunk.length;
    let i = 0;
    while (i < n) {
      switch (this.state) {
        case State.Passthrough:
          i = this.scanPassthrough(chunk, i);
          if (i < n) {
            this.packetOffset = this.base + i;
            this.headLen = 0;
            this.state = State.Header;
            const next = this.tryWholePacket(chunk, i);
            if (next >= 0) i = next;
          }
          break;
        case State.Header:
          this.head[this.headLen++] = chunk[i++]!;
          this.afterHeaderByte();
          break;
        case State.Body: {
          const take = Math.min(this.packetLen - this.have, n - i);
          this.scratch.set(chunk.subarray(i, i + take), this.have);
          this.have += take;
          i += take;
          if (this.have === this.packetLen) {
            this.state = State.Passthrough;
            this.handlePacket(this.scratch, this.scratchText, 0, this.packetLen, this.packetOffset);
          }
          break;
        }
        case State.Skip: {
          const take = Math.min(this.skipLeft, n - i);
          i += take;
          this.skipLeft -= take;
          if (this.skipLeft === 0) this.state = State.Passthrough;
          break;
        }
      }
    }
    this.base += n;
  }

  /** The input ended: close what is open and return what was read. */
  end(): ParsedResults {
    if (this.state === State.Header || this.state === State.Body) {
      this.problems.add({ message: 'the stream ends inside a packet (truncated)', offset: this.packetOffset });
    }
    // Tests still open are reported as testtools does: the most recently opened first.
    const left = [...this.open.values()];
    for (const m of this.routed.values()) left.push(...m.values());
    for (const t of this.recent) if (t !== undefined && !t.closed && !t.mapped) left.push(t);
    left.sort((a, b) => b.order - a.order);
    for (const t of left) this.tests.add(this.record(t, 'incomplete'));
    this.open.clear();
    this.routed.clear();
    return { format: 'subunit-v2', tests: this.tests.tests, seen: this.tests.seen, problems: this.problems.finish() };
  }

  /** Skip passthrough bytes; returns the index of the next packet signature, or the chunk's length. */
  private scanPassthrough(b: Uint8Array, i: number): number {
    const n = b.length;
    for (; i < n; i++) {
      const c = b[i]!;
      if (this.u8Have === 0) {
        if (c < 0x80) continue;
        if (c === SIGNATURE) break;
      } else if (c === SIGNATURE && !this.midChar) break;
      this.decodeByte(c);
    }
    return i;
  }

  /** One passthrough byte through python's incremental UTF-8 decoder (strict errors). */
  private decodeByte(c: number): void {
    if (this.u8Have === 0) {
      if (c >= 0xc2 && c <= 0xdf) this.startChar(c, 2);
      else if (c >= 0xe0 && c <= 0xef) this.startChar(c, 3);
      else if (c >= 0xf0 && c <= 0xf4) this.startChar(c, 4);
      else this.midChar = false; // an invalid start byte: an error, nothing pending
      return;
    }
    let lo = 0x80;
    let hi = 0xbf;
    if (this.u8Have === 1) {
      if (this.u8Lead === 0xe0) lo = 0xa0;
      else if (this.u8Lead === 0xed) hi = 0x9f;
      else if (this.u8Lead === 0xf0) lo = 0x90;
      else if (this.u8Lead === 0xf4) hi = 0x8f;
    }
    if (c < lo || c > hi) {
      // Decoding error: python keeps its pending bytes and is no longer mid-character.
      this.midChar = false;
      return;
    }
    this.u8Have++;
    if (this.u8Have === this.u8Need) {
      this.u8Have = 0;
      this.midChar = false;
    } else this.midChar = true;
  }

  private startChar(lead: number, need: number): void {
    this.u8Have = 1;
    this.u8Need = need;
    this.u8Lead = lead;
    this.midChar = true;
  }

  /** The fast path: a packet wholly inside this chunk is parsed in place. Returns -1 when it is not. */
  private tryWholePacket(b: Uint8Array, i: number): number {
    if (i + 4 > b.length) return -1;
    const size = lengthSize(b[i + 3]!);
    if (size === 4 || i + 3 + size > b.length) return -1;
    const len = readLength(b, i + 3, size);
    if (len < 7 + size || i + len > b.length) return -1;
    this.state = State.Passthrough;
    this.handlePacket(b, this.chunkText, i, len, this.base + i);
    return i + len;
  }

  /** After each header byte of a packet that straddles chunks: decide its length. */
  private afterHeaderByte(): void {
    if (this.headLen < 4) return;
    const size = lengthSize(this.head[3]!);
    if (size === 4) {
      this.problems.add({
        message:
          "packet length needs 4 bytes: larger than subunit's maximum packet size " +
          `(${MAX_PACKET_BYTES} bytes); packet dropped`,
        offset: this.packetOffset,
      });
      this.skip(6);
      return;
    }
    if (this.headLen < 3 + size) return;
    const len = readLength(this.head, 3, size);
    if (len < 7 + size) {
      this.problems.add({
        message: `impossible packet length ${len}: shorter than the packet's header and CRC; packet dropped`,
        offset: this.packetOffset,
      });
      this.skip(Math.max(6, len));
      return;
    }
    if (this.scratch.length < len) {
      this.scratch = new Uint8Array(Math.max(len, Math.min(MAX_PACKET_BYTES + 1, this.scratch.length * 2, 1 << 16)));
      this.scratchText = asBuffer(this.scratch);
    }
    this.scratch.set(this.head.subarray(0, this.headLen), 0);
    this.have = this.headLen;
    this.packetLen = len;
    this.state = State.Body;
    if (this.have === len) {
      this.state = State.Passthrough;
      this.handlePacket(this.scratch, this.scratchText, 0, len, this.packetOffset);
    }
  }

  /** Drop `total` bytes counted from the packet's signature. */
  private skip(total: number): void {
    this.skipLeft = total - this.headLen;
    this.state = this.skipLeft > 0 ? State.Skip : State.Passthrough;
  }

  /** Check and read one whole packet: `len` bytes of `b` (`text` the same bytes as a Buffer) from `p`. */
  private handlePacket(b: Uint8Array, text: Buffer, p: number, len: number, offset: number): void {
    const end = p + len - 4;
    // Both as signed 32-bit numbers, which never need a heap number.
    const stored = (b[end]! << 24) | (b[end + 1]! << 16) | (b[end + 2]! << 8) | b[end + 3]!;
    const computed = crc32Range(b, p, end);
    if (computed !== stored) {
      this.problems.add({
        message:
          `bad CRC: computed 0x${(computed >>> 0).toString(16)}, stored 0x${(stored >>> 0).toString(16)}; ` +
          `packet of ${len} bytes dropped`,
        offset,
      });
      return;
    }
    const flags = (b[p + 1]! << 8) | b[p + 2]!;
    if (flags >> 12 !== 2) {
      this.problems.add({ message: `packet of version ${flags >> 12} (not 2); packet dropped`, offset });
      return;
    }
    this.goodPackets++;
    if (flags & FLAG_RESERVED) this.problems.add({ message: 'packet sets the reserved flag 0x0008 (ignored)', offset });
    try {
      this.readFields(b, text, p, end, flags);
    } catch (e) {
      if (!(e instanceof PacketError)) throw e;
      this.problems.add({ message: `${e.message}; packet dropped`, offset });
    }
  }

  /** Read the fields the flags announce (the packet starts at `p`), then apply the event. */
  private readFields(b: Uint8Array, text: Buffer, p: number, end: number, flags: number): void {
    const r = this.fields.reset(b, text, p, p + 3 + lengthSize(b[p + 3]!), end);
    let time: number | undefined;
    if (flags & FLAG_TIMESTAMP) {
      const at = r.pos;
      r.skip(4, 'timestamp');
      const seconds = ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
      time = seconds * 1000 + r.varint() / 1e6;
    }
    const id = flags & FLAG_TEST_ID ? r.utf8('test id') : undefined;
    let worker: string | undefined;
    if (flags & FLAG_TAGS) {
      const count = r.varint();
      for (let k = 0; k < count; k++) {
        // Most packets carry the worker tag the last one did: that string is taken, not decoded again
        // (nor looked at again).
        const tag = r.utf8('tag', id !== undefined, this.worker);
        if (tag === this.worker || tag.startsWith('worker-')) this.worker = worker = tag;
      }
    }
    if (flags & FLAG_MIME_TYPE) r.utf8('MIME type', false);
    let fileName: string | undefined;
    let fileStart = 0;
    let fileEnd = 0;
    if (flags & FLAG_FILE_CONTENT) {
      fileName = r.utf8('file name');
      const size = r.varint();
      fileStart = r.pos;
      r.skip(size, 'file content');
      fileEnd = r.pos;
    }
    const route = flags & FLAG_ROUTE_CODE ? r.utf8('route code') : undefined;
    const status = flags & 7;
    if (status === STATUS_EXISTS || id === undefined) return;
    const t = this.event(id, route, status, fileName, b, fileStart, fileEnd);
    if (time !== undefined) {
      t.start ??= time;
      t.end = time;
    }
    if (worker !== undefined) t.worker = worker;
    if (t.closed) this.close(t, FINAL[status]!);
  }

  /** One status event, as testtools' _StreamToTestRecord handles it. */
  private event(
    id: string,
    route: string | undefined,
    status: number,
    fileName: string | undefined,
    b: Uint8Array,
    fileStart: number,
    fileEnd: number,
  ): OpenTest {
    let t = this.recentTest(id, route) ?? this.mappedTest(id, route);
    if (t === undefined) {
      t = openTest(id, route, this.opened++);
      this.remember(t);
    }
    if (fileName !== undefined && fileEnd > fileStart) {
      const file = b.subarray(fileStart, fileEnd);
      if (fileName === 'reason') (t.reason ??= new BoundedBytes(this.opts.maxDetailBytes)).push(file);
      else if (fileName === 'traceback') (t.traceback ??= new BoundedBytes(this.opts.maxDetailBytes)).push(file);
    }
    if (FINAL[status] !== undefined) {
      // The key the map holds (its hash already computed), not the packet's copy of it.
      if (t.mapped) this.mapOf(t.route)!.delete(t.id);
      t.closed = true;
    }
    return t;
  }

  /** The open test of this id and route that left the recent ones. */
  private mappedTest(id: string, route: string | undefined): OpenTest | undefined {
    const m = this.mapOf(route);
    // Usually no test is open long enough to be in a map: a lookup in an empty one still hashes the id.
    return m === undefined || m.size === 0 ? undefined : m.get(id);
  }

  /** The map of open tests with this route code (undefined: none was needed yet). */
  private mapOf(route: string | undefined): Map<string, OpenTest> | undefined {
    return route === undefined ? this.open : this.routed.get(route);
  }

  /** Hold a new test among the recent ones; the one it displaces enters its map if still open. */
  private remember(t: OpenTest): void {
    const old = this.recent[this.recentAt];
    if (old !== undefined && !old.closed) {
      let m = this.mapOf(old.route);
      if (m === undefined) this.routed.set(old.route!, (m = new Map()));
      m.set(old.id, old);
      old.mapped = true;
    }
    this.recent[this.recentAt] = t;
    this.recentAt = (this.recentAt + 1) % RECENT;
  }

  /** A final status closed the test: record it (after its last packet's timestamp is noted). */
  private close(t: OpenTest, final: TestStatus): void {
    this.tests.add(this.record(t, final));
  }

  /** The open test of this id and route among the recently opened ones. */
  private recentTest(id: string, route: string | undefined): OpenTest | undefined {
    for (const t of this.recent) if (t !== undefined && !t.closed && t.route === route && t.id === id) return t;
    return undefined;
  }

  private record(t: OpenTest, status: TestStatus): TestRecord {
    // The usual test of a timed stestr run in one literal, its properties in the order the general
    // case gives them: a record grown property by property takes a second object to hold them.
    const { start, end, worker } = t;
    if (
      this.opts.timed &&
      !t.reason &&
      !t.traceback &&
      start !== undefined &&
      end !== undefined &&
      worker !== undefined
    )
      return { id: t.id, status, start, end, worker };
    const r: TestRecord = { id: t.id, status };
    if (t.reason) r.reason = t.reason.text();
    if (t.traceback) r.detail = t.traceback.text();
    if (this.opts.timed) timeRecord(r, t);
    return r;
  }
}

/**
 * A test just opened, every field there from the start: fields added as packets arrive would
 * give each test a second object to hold them, and the objects several shapes.
 */
function openTest(id: string, route: string | undefined, order: number): OpenTest {
  return {
    id,
    route,
    order,
    closed: false,
    mapped: false,
    reason: undefined,
    traceback: undefined,
    start: undefined,
    end: undefined,
    worker: undefined,
  };
}

/** Give a record its open test's times and worker. */
function timeRecord(r: TestRecord, t: OpenTest): void {
  if (t.start !== undefined) r.start = t.start;
  if (t.end !== undefined) r.end = t.end;
  if (t.worker !== undefined) r.worker = t.worker;
  else if (t.route !== undefined) r.worker = `route ${t.route}`;
}

/** Reads the fields of one packet body, failing with PacketError where python raises ParseError. */
class FieldReader {
  private b: Uint8Array = new Uint8Array(0);
  /** The same bytes as a Buffer, to decode strings from. */
  private text: Buffer = Buffer.alloc(0);
  /** Where the packet starts in `b`: positions in messages count from it. */
  private packet = 0;
  pos = 0;
  private end = 0;

  /** Read the packet of `b` that starts at `packet`, its fields from `pos` to `end` (one reader serves all). */
  reset(b: Uint8Array, text: Buffer, packet: number, pos: number, end: number): this {
    this.b = b;
    this.text = text;
    this.packet = packet;
    this.pos = pos;
    this.end = end;
    return this;
  }

  skip(n: number, what: string): void {
    if (this.pos + n > this.end) throw new PacketError(`${what} extends past the end of the packet`);
    this.pos += n;
  }

  varint(): number {
    if (this.pos >= this.end)
      throw new PacketError('a length, count or timestamp field extends past the end of the packet');
    const size = lengthSize(this.b[this.pos]!);
    if (this.pos + size > this.end)
      throw new PacketError('a length, count or timestamp field extends past the end of the packet');
    const v = readLength(this.b, this.pos, size);
    this.pos += size;
    return v;
  }

  /**
   * A length-prefixed UTF-8 string without NUL (python's rules), `what` for messages; decoded only
   * when wanted, and not at all when its bytes spell `known`.
   */
  utf8(what: string, decode = true, known?: string): string {
    const len = this.varint();
    const start = this.pos;
    this.skip(len, what);
    if (known !== undefined && spells(this.b, start, len, known)) return decode ? known : '';
    if (!decode) {
      if (!isPlainAscii(this.b, start, this.pos)) this.checkBytes(what, start);
      return '';
    }
    // Decoding first and checking the text is the fast path; U+FFFD sends us to the bytes.
    const s = this.decode(start, this.pos);
    if (s.indexOf('\u0000') !== -1 || s.indexOf('\ufffd') !== -1) this.checkBytes(what, start);
    return s;
  }

  /** Valid UTF-8 decoded: from the Buffer with no view made, unless it starts with a BOM (which decodeUtf8 drops). */
  private decode(start: number, end: number): string {
    const b = this.b;
    const bom = end - start >= 3 && b[start] === 0xef && b[start + 1] === 0xbb && b[start + 2] === 0xbf;
    return bom ? decodeUtf8(b.subarray(start, end)) : utf8Slice(this.text, start, end);
  }

  /** Fail on a NUL byte or invalid UTF-8 in the string from `start` to the reader's position. */
  private checkBytes(what: string, start: number): void {
    const bytes = this.b.subarray(start, this.pos);
    const at = start - this.packet;
    if (bytes.indexOf(0) !== -1) throw new PacketError(`the ${what} at byte ${at} of the packet contains a NUL byte`);
    if (!isUtf8(bytes)) throw new PacketError(`the ${what} at byte ${at} of the packet is not UTF-8`);
  }
}

/**
 * Whether the `len` bytes at `start` are the characters of `s`, all ASCII and no NUL: the string
 * those bytes decode to, then. For short strings: comparing a long one costs more than decoding it.
 */
function spells(b: Uint8Array, start: number, len: number, s: string): boolean {
  if (s.length !== len) return false;
  for (let k = 0; k < len; k++) {
    const c = s.charCodeAt(k);
    if (c === 0 || c >= 0x80 || b[start + k] !== c) return false;
  }
  return true;
}

/** Whether the bytes from `start` to `end` are ASCII without NUL (short strings: tags, MIME types). */
function isPlainAscii(b: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (b[i]! - 1 >= 0x7f) return false;
  return true;
}

/** The bytes as a Buffer (no copy). */
function asBuffer(b: Uint8Array): Buffer {
  return Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength);
}

/** How many bytes a subunit varint takes, from its first byte. */
function lengthSize(first: number): number {
  return (first >> 6) + 1;
}

/** A subunit varint of `size` bytes (1-4) at `p`. */
function readLength(b: Uint8Array, p: number, size: number): number {
  const v0 = b[p]! & 0x3f;
  switch (size) {
    case 1:
      return v0;
    case 2:
      return (v0 << 8) | b[p + 1]!;
    case 3:
      return (v0 << 16) | (b[p + 1]! << 8) | b[p + 2]!;
    default:
      return ((v0 << 24) | (b[p + 1]! << 16) | (b[p + 2]! << 8) | b[p + 3]!) >>> 0;
  }
}
