// Scanning one bundle member for secrets whatever its name says: the content decides how it
// is read. A gzip stream (a rotated `c-vol.log.1.gz`) is inflated, within the bundle's own
// limits, and what it holds is read the same way; UTF-16 text (a Windows tool's log, with or
// without a byte-order mark) is decoded; anything else — a log that starts with a NUL, a
// subunit stream with its binary framing, a file without an extension — is scanned as bytes.
import { TextDecoder } from 'node:util';
import { createGunzip, type Gunzip } from 'node:zlib';
import type { BundleLimits } from './limits.js';
import { createSecretScanner, type SecretFinding, type SecretScanner } from './secrets.js';
import { fmt } from './wording.js';

/** What scanning a member found: its secrets, and why part of it could not be scanned. */
export interface MemberScanResult {
  findings: SecretFinding[];
  /** Findings past the kept ones, only counted. */
  dropped: number;
  /** Set when some of the member could not be read for secrets (a gzip member past the limits). */
  unscanned?: string;
}

/** Feed a member's bytes with write() (await it when it returns a promise), then end(). */
export interface MemberScanner {
  write(chunk: Uint8Array): void | Promise<void>;
  end(): Promise<MemberScanResult>;
}

type Limits = Pick<BundleLimits, 'maxMemberBytes' | 'maxRatio' | 'ratioGraceBytes' | 'maxLineBytes'>;

/** Bytes looked at before deciding how a member is read. */
const HEAD_BYTES = 512;
/** A gzip member inside a gzip member inside… is read this deep; deeper ones are scanned as bytes. */
const MAX_GZIP_DEPTH = 3;

/** A scanner for one member's bytes (see the file comment). */
export function createMemberScanner(limits: Limits): MemberScanner {
  return new Sniffer(limits, 0);
}

class Sniffer implements MemberScanner {
  private head: Uint8Array[] | undefined = [];
  private headBytes = 0;
  private target: MemberScanner | undefined;

  constructor(
    private readonly limits: Limits,
    private readonly depth: number,
  ) {}

  write(chunk: Uint8Array): void | Promise<void> {
    if (this.target) return this.target.write(chunk);
    this.head!.push(chunk.slice());
    this.headBytes += chunk.byteLength;
    if (this.headBytes >= HEAD_BYTES) return this.decide();
  }

  async end(): Promise<MemberScanResult> {
    if (!this.target) await this.decide();
    return this.target!.end();
  }

  /** Choose the reader by the first bytes, and give it what was held. */
  private decide(): void | Promise<void> {
    const head = Buffer.concat(this.head!);
    this.head = undefined;
    this.target = readerFor(head, this.limits, this.depth);
    if (head.byteLength > 0) return this.target.write(head);
  }
}

function readerFor(head: Buffer, limits: Limits, depth: number): MemberScanner {
  const lineLimit = { maxLineBytes: limits.maxLineBytes };
  if (head[0] === 0x1f && head[1] === 0x8b && head[2] === 8 && depth < MAX_GZIP_DEPTH)
    return new GzipReader(limits, depth);
  const utf16 = utf16Of(head);
  if (utf16) return new Utf16Reader(createSecretScanner(lineLimit), utf16);
  return new PlainReader(createSecretScanner(lineLimit));
}

/**
 * UTF-16 by its byte-order mark, or by its shape: in ASCII-range text every other byte is a
 * NUL (the odd ones for little-endian). A binary member has NULs too, but not in that rhythm.
 */
export function utf16Of(head: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  const pairs = Math.floor(Math.min(head.byteLength, HEAD_BYTES) / 2);
  if (pairs < 4) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < pairs; i++) {
    if (head[2 * i] === 0) evenNul++;
    if (head[2 * i + 1] === 0) oddNul++;
  }
  if (oddNul >= pairs * 0.9 && evenNul === 0) return 'utf-16le';
  if (evenNul >= pairs * 0.9 && oddNul === 0) return 'utf-16be';
  return undefined;
}

class PlainReader implements MemberScanner {
  constructor(private readonly scanner: SecretScanner) {}
  write(chunk: Uint8Array): void {
    this.scanner.write(chunk);
  }
  async end(): Promise<MemberScanResult> {
    const findings = this.scanner.end();
    return { findings, dropped: this.scanner.dropped };
  }
}

/** UTF-16 decoded to UTF-8 for the scanner, a character split across chunks kept for the next. */
class Utf16Reader extends PlainReader {
  private readonly decoder: TextDecoder;
  constructor(
    private readonly inner: SecretScanner,
    encoding: 'utf-16le' | 'utf-16be',
  ) {
    super(inner);
    this.decoder = new TextDecoder(encoding);
  }
  override write(chunk: Uint8Array): void {
    this.inner.write(Buffer.from(this.decoder.decode(chunk, { stream: true }), 'utf8'));
  }
  override async end(): Promise<MemberScanResult> {
    this.inner.write(Buffer.from(this.decoder.decode(), 'utf8'));
    return super.end();
  }
}

/**
 * A gzip member, inflated as it arrives and read by a Sniffer of its own. It may inflate to
 * maxMemberBytes, and past ratioGraceBytes no more than maxRatio times its size, as the bundle
 * itself; past that it is not read further, and the result says so.
 */
class GzipReader implements MemberScanner {
  private readonly gunzip: Gunzip;
  private readonly inner: Sniffer;
  private readonly done: Promise<void>;
  private compressed = 0;
  private inflated = 0;
  private unscanned: string | undefined;
  /** Set once the gzip data proved damaged: nothing more is inflated. */
  private broken = false;
  /** Set once the gzip stream ended: bytes after it (which zlib drops) are only scanned raw. */
  private finished = false;
  /** The member's own bytes, scanned as they are too: text after the gzip stream, or before damaged data. */
  private readonly raw: PlainReader;

  constructor(
    private readonly limits: Limits,
    depth: number,
  ) {
    this.inner = new Sniffer(limits, depth + 1);
    this.raw = new PlainReader(createSecretScanner({ maxLineBytes: limits.maxLineBytes }));
    this.gunzip = createGunzip({ chunkSize: 64 * 1024 });
    this.gunzip.on('error', () => {}); // damaged data ends drain()'s loop; nothing else to do with it
    this.done = this.drain();
  }

  write(chunk: Uint8Array): void | Promise<void> {
    this.raw.write(chunk);
    if (this.unscanned !== undefined || this.broken || this.finished) return;
    this.compressed += chunk.byteLength;
    // zlib stops reading after the gzip stream: wait for room, or for that end.
    if (!this.gunzip.write(chunk)) return Promise.race([waitDrain(this.gunzip), this.done]);
  }

  async end(): Promise<MemberScanResult> {
    if (this.unscanned === undefined && !this.broken && !this.finished) this.gunzip.end();
    await this.done;
    const result = await this.inner.end();
    const raw = await this.raw.end();
    const unscanned = this.unscanned ?? result.unscanned;
    return {
      findings: [...result.findings, ...raw.findings],
      dropped: result.dropped + raw.dropped,
      ...(unscanned ? { unscanned } : {}),
    };
  }

  /** Read the inflated bytes into the inner reader, stopping at a limit or at damaged data. */
  private async drain(): Promise<void> {
    try {
      for await (const out of this.gunzip as AsyncIterable<Buffer>) {
        this.inflated += out.byteLength;
        const over = this.overLimit();
        if (over) {
          this.unscanned = over;
          this.gunzip.destroy();
          return;
        }
        const w = this.inner.write(out);
        if (w) await w;
      }
      this.finished = true;
    } catch {
      // Damaged gzip data: what was inflated before it was scanned; a reviewer's zcat stops there too.
      this.broken = true;
    }
  }

  private overLimit(): string | undefined {
    const L = this.limits;
    if (this.inflated > L.maxMemberBytes) return `it inflates to more than ${fmt(L.maxMemberBytes)}`;
    if (this.inflated > L.ratioGraceBytes && this.inflated > L.maxRatio * Math.max(1, this.compressed))
      return `it inflates more than ${L.maxRatio} times`;
    return undefined;
  }
}

function waitDrain(stream: Gunzip): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      for (const ev of ['drain', 'close', 'error']) stream.off(ev, done);
      resolve();
    };
    for (const ev of ['drain', 'close', 'error']) stream.once(ev, done);
  });
}
