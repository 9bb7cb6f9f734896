// Split a byte stream into lines without ever holding more than a bounded part of one.
// A line longer than the bound is handed on as its first bytes, marked truncated; the
// rest of it is counted and dropped, so line numbers stay right.
import { isAscii } from 'node:buffer';
import { decodeUtf8, latin1Slice } from './common.js';

/**
 * Receives each line (without its `\n`), its 1-based number, whether it was cut, and whether
 * a newline ended it (only a last line may lack one).
 */
export type LineHandler = (line: Uint8Array, lineNo: number, truncated: boolean, hasNewline: boolean) => void;

/** Receives each line as text (without its `\n`), its 1-based number, and whether it was cut. */
export type TextLineHandler = (text: string, lineNo: number, truncated: boolean) => void;

/** A streaming line splitter with a bound on what it keeps of one line. */
export class LineSplitter {
  private parts: Uint8Array[] = [];
  private kept = 0;
  private truncated = false;
  private lineNo = 0;

  constructor(
    private readonly onLine: LineHandler,
    private readonly maxLineBytes: number,
  ) {}

  /** The number of the line being read (1-based). */
  get line(): number {
    return this.lineNo + 1;
  }

  /** Feed the next chunk. */
  write(chunk: Uint8Array): void {
    for (let start = 0; start < chunk.length;) start = this.writeLine(chunk, start);
  }

  /**
   * Feed `chunk` from `start` through its next newline only, handing on the line that ends
   * there (or keeping the rest, when it has none); returns where the chunk goes on. For a
   * reader that turns to raw bytes after some line (subunit v1's multipart chunks).
   */
  writeLine(chunk: Uint8Array, start: number): number {
    const nl = chunk.indexOf(10, start);
    if (nl === -1) {
      this.keep(chunk.subarray(start));
      return chunk.length;
    }
    if (this.kept === 0 && !this.truncated) {
      const len = nl - start;
      if (len <= this.maxLineBytes) this.emitRange(chunk, start, nl, false);
      else this.emitRange(chunk, start, start + this.maxLineBytes, true);
    } else {
      this.keep(chunk.subarray(start, nl));
      this.flush(true);
    }
    return nl + 1;
  }

  /** The input ended: hand on a last line that had no newline. */
  end(): void {
    if (this.kept > 0 || this.truncated) this.flush(false);
  }

  /** A line that lies whole in `chunk`, from `start` to `end`, ended by a newline. */
  protected emitRange(chunk: Uint8Array, start: number, end: number, truncated: boolean): void {
    this.emit(chunk.subarray(start, end), truncated, true);
  }

  /** Count the next line; returns its number. */
  protected nextLine(): number {
    return ++this.lineNo;
  }

  private keep(bytes: Uint8Array): void {
    const room = this.maxLineBytes - this.kept;
    if (bytes.length > room) this.truncated = true;
    const take = bytes.length > room ? bytes.subarray(0, room) : bytes;
    if (take.length > 0) {
      this.parts.push(Uint8Array.prototype.slice.call(take));
      this.kept += take.length;
    }
  }

  private flush(hasNewline: boolean): void {
    let line: Uint8Array;
    if (this.parts.length === 1) line = this.parts[0]!;
    else {
      line = new Uint8Array(this.kept);
      let o = 0;
      for (const p of this.parts) {
        line.set(p, o);
        o += p.length;
      }
    }
    const truncated = this.truncated;
    this.parts = [];
    this.kept = 0;
    this.truncated = false;
    this.emit(line, truncated, hasNewline);
  }

  private emit(line: Uint8Array, truncated: boolean, hasNewline: boolean): void {
    this.onLine(line, this.nextLine(), truncated, hasNewline);
  }
}

/**
 * A line splitter that hands on text, UTF-8 decoded (invalid sequences as U+FFFD). A line of
 * a chunk that is all ASCII, the usual case, is read straight from the chunk, with no decoder
 * and no view of it made: console output runs to a line per test.
 */
export class TextLineSplitter extends LineSplitter {
  private chunk: Buffer | undefined;
  private ascii = false;

  constructor(
    private readonly onText: TextLineHandler,
    maxLineBytes: number,
  ) {
    super((bytes, lineNo, truncated) => onText(decodeUtf8(bytes), lineNo, truncated), maxLineBytes);
  }

  override write(chunk: Uint8Array): void {
    this.chunk = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    this.ascii = isAscii(chunk);
    super.write(chunk);
    this.chunk = undefined;
  }

  protected override emitRange(chunk: Uint8Array, start: number, end: number, truncated: boolean): void {
    if (this.ascii && this.chunk !== undefined)
      this.onText(latin1Slice(this.chunk, start, end), this.nextLine(), truncated);
    else super.emitRange(chunk, start, end, truncated);
  }
}
