// Read a result bundle (.tgz) in one streaming pass: the file is hashed as it is read,
// inflated on zlib's thread pool, split into members by tar-stream, and each member's
// bytes go straight to the caller's visitor. Nothing is extracted to disk and nothing is
// buffered whole, so memory stays bounded whatever the bundle's size. Everything
// docs/design.md "Safety of a bundle" refuses is refused here with a BundleError naming the member.
import { createHash } from 'node:crypto';
import { closeSync, constants, createReadStream, fstatSync, openSync, type Stats } from 'node:fs';
import type { Readable } from 'node:stream';
import { createGunzip, type Gunzip, type ZlibOptions } from 'node:zlib';
import { extract, type Extract, type ExtractEvents, type Header } from 'tar-stream';
import { BundleError, quoteName, type BundleErrorCode } from './errors.js';
import { KiB, MiB, resolveLimits, type BundleLimits } from './limits.js';
import { MemberBody, type ChunkSource } from './member-body.js';
import { MemberIndex, decodeMemberName, normaliseMemberName } from './names.js';
import { BLOCK, TarBlocks, blocks } from './tar-blocks.js';
import { checkMode, checkPax, memberType } from './entries.js';
import { ExtendedHeaders } from './extended-headers.js';
import { describeTarError, fmt, ioMessage, sniffFormat } from './wording.js';

/** One member of a bundle, by its normalised name (no leading `./`, no trailing `/`). */
export interface BundleMember {
  name: string;
  type: 'file' | 'directory';
  /** Bytes of data (0 for a folder). */
  size: number;
}

/**
 * Called once per file member, in archive order, with its bytes as they are inflated.
 * Read the body to its end, break off early, or ignore it: the reader skips what is not
 * read. The next member is read only once the returned promise settles.
 */
export type MemberVisitor = (member: BundleMember, body: AsyncIterable<Uint8Array>) => void | Promise<void>;

export interface ReadBundleOptions {
  /** Overrides of DEFAULT_LIMITS. */
  limits?: Partial<BundleLimits>;
  /** Sees every file member's bytes; folders are only listed. */
  onMember?: MemberVisitor;
  /** How errors name the bundle (default: its path, or "bundle" for a stream). */
  label?: string;
}

/** What one pass over a bundle establishes. */
export interface BundleSummary {
  /** Files and folders, in archive order (the archive's root folder `.` is left out). */
  members: BundleMember[];
  /** sha256 of the whole file, lowercase hex. */
  sha256: string;
  /** Size of the file. */
  compressedBytes: number;
  /** Size of the inflated tar stream (headers and padding included). */
  uncompressedBytes: number;
  /** Sum of the file members' sizes. */
  dataBytes: number;
}

/** Read the bundle at PATH (or from a stream of its bytes) once, safely; see the file comment. */
export async function readBundle(input: string | Readable, options: ReadBundleOptions = {}): Promise<BundleSummary> {
  const label = options.label ?? (typeof input === 'string' ? input : 'bundle');
  const source = typeof input === 'string' ? openBundleFile(input, label) : input;
  return new BundleReader(resolveLimits(options.limits), label, options.onMember).run(source);
}

const READ_CHUNK = 256 * KiB;

/**
 * The bundle file, opened without blocking and refused at once unless it is a regular file:
 * opening a FIFO for reading waits for a writer, forever (inspect hung on one).
 */
function openBundleFile(path: string, label: string): Readable {
  const unreadable = (why: string) => new BundleError('unreadable', `cannot read the bundle: ${why}`, { file: label });
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    throw unreadable(ioMessage(e as NodeJS.ErrnoException));
  }
  const st = fstatSync(fd);
  if (!st.isFile()) {
    closeSync(fd);
    throw unreadable(`it is ${fileKind(st)}, not a file`);
  }
  return createReadStream('', { fd, highWaterMark: READ_CHUNK });
}

/** What a path that is not a regular file is, in a few words. */
function fileKind(st: Stats): string {
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isSocket()) return 'a socket';
  return 'a special file';
}
/**
 * zlib's output chunk. Every chunk costs a round trip between zlib's thread and this one
 * (and the tar and member plumbing), so bigger is faster; but chunks of 512 KiB and more
 * come and go faster than glibc returns them, and peak RSS on a 1 GB bundle grew past
 * 200 MB (bench/inspect.ts). 256 KiB keeps it at 130-145 MB; against 128 KiB it took
 * ~15-30 ms off inspect on a 100,000-test bundle (31 alternating runs).
 */
const INFLATE_CHUNK = 256 * KiB;
/** How far the block watcher may run ahead of tar-stream (a few chunks), allowed for in header checks. */
const LOOKAHEAD_SLACK = 4 * MiB;
/** The gzip header: magic, deflate method, flags with reserved bits, then 6 more bytes. */
const GZIP_HEADER_BYTES = 10;

class BundleReader {
  private error: Error | undefined;
  private readonly members: BundleMember[] = [];
  private readonly index = new MemberIndex();
  private readonly blocks = new TarBlocks();
  private readonly extended: ExtendedHeaders;
  private readonly hash = createHash('sha256');
  private readonly gunzip: Gunzip;
  private readonly tar: Extract;
  private source: Readable | undefined;
  private entries = 0;
  private files = 0;
  private compressed = 0;
  private inflated = 0;
  private dataBytes = 0;
  /** The member whose data is being read, and how much of it has arrived. */
  private current: { name: string; size: number; read: number } | undefined;
  private lastName: string | undefined;

  constructor(
    private readonly limits: BundleLimits,
    private readonly label: string,
    private readonly visitor: MemberVisitor | undefined,
  ) {
    this.gunzip = createGunzip({ chunkSize: INFLATE_CHUNK, highWaterMark: 2 * INFLATE_CHUNK } as ZlibOptions);
    // latin1: names arrive as raw bytes and are decoded strictly in names.ts.
    this.tar = extract({ filenameEncoding: 'latin1' } as object);
    this.extended = new ExtendedHeaders(this.tar);
    this.tar.on('entry', (header, stream, next) => this.onEntry(header, stream, next));
    this.tar.on('error', (e: Error) => this.fail(this.tarError(e)));
  }

  async run(source: Readable): Promise<BundleSummary> {
    this.source = source;
    const tarClosed = new Promise<void>((resolve) => this.tar.on('close', () => resolve()));
    await Promise.all([this.pump(source), this.inflate()]);
    await tarClosed;
    if (this.error) throw this.error;
    this.checkComplete();
    if (this.error) throw this.error;
    return {
      members: this.members,
      sha256: this.hash.digest('hex'),
      compressedBytes: this.compressed,
      uncompressedBytes: this.inflated,
      dataBytes: this.dataBytes,
    };
  }

  /** Read the file: hash it, check it is gzip, and feed the inflater. */
  private async pump(source: Readable): Promise<void> {
    let head: Buffer | undefined = Buffer.alloc(0);
    try {
      for await (const c of source) {
        if (this.error) break;
        const chunk = typeof c === 'string' ? Buffer.from(c) : (c as Buffer);
        this.hash.update(chunk);
        this.compressed += chunk.byteLength;
        let out: Buffer = chunk;
        if (head) {
          head = Buffer.concat([head, chunk]);
          if (head.byteLength < GZIP_HEADER_BYTES) continue;
          this.checkGzipHeader(head);
          [out, head] = [head, undefined];
        }
        if (!this.gunzip.write(out)) await drained(this.gunzip);
      }
      if (this.error) return;
      if (head) {
        this.checkGzipHeader(head);
        this.gunzip.write(head);
      }
      this.gunzip.end();
    } catch (e) {
      this.fail(
        e instanceof BundleError
          ? e
          : this.err('unreadable', `cannot read the bundle: ${ioMessage(e as NodeJS.ErrnoException)}`),
      );
    }
  }

  private checkGzipHeader(head: Buffer): void {
    if (head.byteLength === 0) throw this.err('not-gzip', 'not a gzip file: the file is empty');
    if (head[0] !== 0x1f || head[1] !== 0x8b) throw this.err('not-gzip', `not a gzip file${sniffFormat(head)}`);
    if (head.byteLength < GZIP_HEADER_BYTES)
      throw this.err('gzip-truncated', `the gzip stream is cut short: the file is ${head.byteLength} bytes long`);
    if (head[2] !== 8)
      throw this.err('gzip-corrupt', `the gzip header names compression method ${head[2]}, not deflate (8)`);
    if ((head[3]! & 0xe0) !== 0) throw this.err('gzip-corrupt', 'the gzip header has reserved flag bits set');
  }

  /** Take inflated bytes: enforce the size and ratio limits as they come, and feed tar-stream. */
  private async inflate(): Promise<void> {
    try {
      for await (const chunk of this.gunzip as AsyncIterable<Buffer>) {
        if (this.error) break;
        this.inflated += chunk.byteLength;
        this.checkInflated();
        this.blocks.scan(chunk);
        if (this.blocks.pendingHeaderBytes() > this.limits.maxHeaderBytes + LOOKAHEAD_SLACK) {
          throw this.err(
            'tar-header-too-large',
            `more than ${fmt(this.limits.maxHeaderBytes)} of extended headers ` +
              `(pax records or long names) ${this.after()}`,
          );
        }
        if (!this.tar.write(chunk)) await drained(this.tar);
      }
      if (!this.error) this.tar.end(undefined);
    } catch (e) {
      this.fail(e instanceof BundleError ? e : this.gzipError(e as NodeJS.ErrnoException));
    }
  }

  private checkInflated(): void {
    const { maxTotalBytes, maxRatio, ratioGraceBytes } = this.limits;
    if (this.inflated > maxTotalBytes) {
      throw this.err(
        'total-too-large',
        `the bundle inflates to more than ${fmt(maxTotalBytes)}${this.reading()}`,
        this.current?.name,
      );
    }
    const consumed = Math.max(1, this.gunzip.bytesWritten);
    if (this.inflated > ratioGraceBytes && this.inflated > maxRatio * consumed) {
      throw this.err(
        'ratio-exceeded',
        `the bundle inflates more than ${maxRatio} times (${fmt(this.inflated)} from ${fmt(consumed)})` +
          `${this.reading()}: a compression bomb?`,
        this.current?.name,
      );
    }
  }

  /** " while reading member X", for errors inside a member's data. */
  private reading(): string {
    return this.current ? ` while reading member ${quoteName(this.current.name)}` : '';
  }

  private onEntry(header: Header, stream: ExtractEvents['entry'][1], next: ExtractEvents['entry'][2]): void {
    stream.on('error', () => {}); // a refused or aborted member ends in an error reported once, by fail()
    if (this.error) return;
    let member: BundleMember;
    try {
      member = this.admit(header, stream.offset);
    } catch (e) {
      this.fail(e as Error);
      return;
    }
    const state = { name: member.name, size: member.size, read: 0 };
    this.current = state;
    const body = new MemberBody(
      stream as unknown as ChunkSource,
      (n) => this.countMemberBytes(state, n),
      () => this.error,
    );
    const visit = this.visitor && member.type === 'file' ? this.visitor : undefined;
    Promise.resolve()
      .then(() => visit?.(member, body))
      .then(() => body.finish())
      .then(
        () => {
          if (this.current === state) this.current = undefined;
          if (!this.error) next();
        },
        (e: Error) => this.fail(e),
      );
  }

  /** Check a member's header against every rule before any of its data is read. */
  private admit(header: Header, offset: number): BundleMember {
    const L = this.limits;
    const pax = (header.pax ?? undefined) as Record<string, string> | undefined;
    const fromPax = typeof pax?.path === 'string' && pax.path !== '';
    const raw = decodeMemberName(header.name, fromPax);
    if (++this.entries > L.maxMembers) {
      throw this.err(
        'too-many-members',
        `the bundle has more than ${L.maxMembers} members (the limit is reached at ${quoteName(raw)})`,
        raw,
      );
    }
    if (offset % BLOCK !== 0) {
      // tar-stream can lose its place after a malformed extended header (one of size 0);
      // a header off the 512-byte grid is then read where `tar` reads something else.
      throw this.err(
        'tar-corrupt',
        `a tar header at byte ${offset}, off the 512-byte grid, ${this.after()} (a malformed extended header?)`,
        raw,
      );
    }
    if (this.blocks.endBefore(offset)) {
      throw this.err(
        'member-after-end',
        `member ${quoteName(raw)} lies after the end-of-archive marker, where tar stops reading`,
        raw,
      );
    }
    // tar-stream reads a base-256 size whose lead byte is neither 0x80 nor 0xff as null, and
    // reading on from such a header never ended (the reader never settled).
    const claimed = header.size as number | null;
    if (claimed === null || !Number.isFinite(claimed) || claimed < 0) {
      throw this.err('tar-corrupt', `a damaged tar header ${this.after()} (its size field is not a number)`);
    }
    const name = normaliseMemberName(raw, L);
    const q = quoteName(name);
    if (this.blocks.headerBytesBefore(offset) > L.maxHeaderBytes) {
      throw this.err(
        'tar-header-too-large',
        `member ${q} has more than ${fmt(L.maxHeaderBytes)} of extended headers (pax records or long names)`,
        name,
      );
    }
    const extended = this.extended.take(raw);
    if (extended) throw this.err(extended.code, extended.message, raw);
    if (pax) checkPax(pax, name, L, (code, msg) => this.err(code, msg, name));
    const type = memberType(header, name, (code, msg) => this.err(code, msg, name));
    const size = header.size;
    if (type === 'file' && name === '.')
      throw this.err('bad-name', `a file is named ${quoteName(raw)}, the name of the archive's own folder`, raw);
    if (type === 'file' && /\/\.?$/.test(raw)) {
      throw this.err(
        'bad-name',
        `member ${quoteName(raw)} is a file whose name ends in "${raw.endsWith('.') ? '/.' : '/'}",` +
          " as a folder's does" +
          " (GNU tar makes a folder of it, Python's tarfile a file)",
        raw,
      );
    }
    checkMode(header, type, name, (code, msg) => this.err(code, msg, name));
    if (type === 'directory' && size !== 0)
      throw this.err('unsupported-type', `folder entry ${q} carries ${size} bytes of data`, name);
    if (size > L.maxMemberBytes) {
      throw this.err(
        'member-too-large',
        `member ${q} is ${fmt(size)}, more than the limit of ${fmt(L.maxMemberBytes)} for one member`,
        name,
      );
    }
    if (offset + BLOCK + blocks(size) > L.maxTotalBytes) {
      throw this.err(
        'total-too-large',
        `with member ${q} (${fmt(size)}) the bundle inflates to more than ${fmt(L.maxTotalBytes)}`,
        name,
      );
    }
    this.index.add(name, type);
    this.blocks.admit(offset, size);
    this.lastName = name;
    const member: BundleMember = { name, type, size };
    if (name !== '.') this.members.push(member);
    if (type === 'file') {
      this.files++;
      this.dataBytes += size;
    }
    return member;
  }

  /** Count a member's bytes as they stream, in case its header lied. */
  private countMemberBytes(state: { name: string; size: number; read: number }, n: number): void {
    state.read += n;
    if (state.read > state.size || state.read > this.limits.maxMemberBytes) {
      const e = this.err(
        'member-too-large',
        `member ${quoteName(state.name)} holds more data than its header says`,
        state.name,
      );
      this.fail(e);
      throw e;
    }
  }

  /** After a clean end: something must have been read, completely, and nothing may follow. */
  private checkComplete(): void {
    const trailing = this.compressed - this.gunzip.bytesWritten;
    if (trailing > 0) {
      this.fail(this.err('gzip-trailing-data', `${trailing} bytes follow the end of the gzip stream`));
    } else if (this.inflated === 0) {
      this.fail(this.err('empty', 'the bundle is empty: its gzip stream holds no data'));
    } else if (this.files === 0) {
      this.fail(
        this.err(
          'empty',
          this.entries === 0 ? 'the bundle holds no members' : 'the bundle holds only folders, no files',
        ),
      );
    } else if (!this.blocks.endSeen()) {
      this.fail(
        this.err(
          'tar-truncated',
          `the tar archive ends without its end-of-archive marker ${this.after()}: it was cut short`,
        ),
      );
    }
  }

  private gzipError(e: NodeJS.ErrnoException): BundleError {
    const msg = e.message ?? String(e);
    if (e.code === 'Z_BUF_ERROR' || /unexpected end/i.test(msg)) {
      return this.err(
        'gzip-truncated',
        `the gzip stream is cut short ${this.after()} (it ends before its end marker)`,
        this.current?.name,
      );
    }
    // The first member's header was checked up front, so a header error here is a second
    // "member" that is not gzip at all: bytes appended to the file.
    if (/incorrect header check|unknown compression method|unknown header flags/i.test(msg)) {
      return this.err('gzip-trailing-data', `data that is not gzip follows the end of the gzip stream (zlib: ${msg})`);
    }
    return this.err('gzip-corrupt', `the gzip data is corrupt ${this.after()} (zlib: ${msg})`, this.current?.name);
  }

  private tarError(e: Error): BundleError {
    if (e instanceof BundleError) return e;
    const msg = e.message ?? String(e);
    const cur = this.current;
    if (/unexpected end of data/i.test(msg)) {
      if (cur && cur.read < cur.size) {
        return this.err(
          'tar-truncated',
          `the tar archive ends inside member ${quoteName(cur.name)} (${cur.read} of its ${cur.size} bytes)`,
          cur.name,
        );
      }
      return this.err('tar-truncated', `the tar archive is cut short ${this.after()}`);
    }
    if (/exceeds max size/i.test(msg)) {
      return this.err(
        'tar-header-too-large',
        `an extended header (pax records or a long name) of more than 4 MiB ${this.after()}`,
      );
    }
    if (this.blocks.endSeen())
      return this.err('tar-trailing-data', `data follows the end of the tar archive ${this.after()}`);
    if (this.entries === 0 && /invalid tar header/i.test(msg)) {
      return this.err('not-tar', 'the gzip stream does not hold a tar archive (its first block is not a tar header)');
    }
    return this.err('tar-corrupt', `a damaged tar header ${this.after()} (${describeTarError(msg)})`);
  }

  /** "after member X" or "at its start", for errors between members. */
  private after(): string {
    return this.lastName === undefined ? 'at the start of the archive' : `after member ${quoteName(this.lastName)}`;
  }

  private err(code: BundleErrorCode, message: string, member?: string): BundleError {
    return new BundleError(code, message, { file: this.label, ...(member !== undefined ? { member } : {}) });
  }

  /** Record the first error and stop every stream; later errors are consequences. */
  private fail(e: Error): void {
    if (this.error) return;
    this.error =
      e instanceof BundleError && e.file === undefined
        ? new BundleError(e.code, e.message, {
            file: this.label,
            ...(e.member !== undefined ? { member: e.member } : {}),
            ...(e.tip !== undefined ? { tip: e.tip } : {}),
          })
        : e;
    this.source?.destroy();
    this.gunzip.destroy();
    this.tar.destroy(this.error);
  }
}

/** Resolve when STREAM can take more (or is gone: the caller then sees its error). */
function drained(stream: {
  once(ev: string, fn: () => void): unknown;
  off(ev: string, fn: () => void): unknown;
}): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      for (const ev of ['drain', 'close', 'error']) stream.off(ev, done);
      resolve();
    };
    for (const ev of ['drain', 'close', 'error']) stream.once(ev, done);
  });
}
