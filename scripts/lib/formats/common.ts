// Pieces every parser shares: a bounded problem list, bounded detail text, lossless-enough
// UTF-8 decoding, and the defaults of ParserOptions.
import { DEFAULT_LIMITS } from '../bundle/limits.js';
import type { ParseProblem, ParserOptions } from './types.js';

/** The bounds parsers use unless told otherwise. */
export const DEFAULT_PARSER_OPTIONS: Required<ParserOptions> = {
  maxDetailBytes: 4096,
  maxLineBytes: DEFAULT_LIMITS.maxLineBytes,
  maxProblems: 100,
  keep: () => true,
  timed: false,
};

/** Fill in the defaults of ParserOptions. */
export function parserOptions(o: ParserOptions = {}): Required<ParserOptions> {
  return {
    maxDetailBytes: o.maxDetailBytes ?? DEFAULT_PARSER_OPTIONS.maxDetailBytes,
    maxLineBytes: o.maxLineBytes ?? DEFAULT_PARSER_OPTIONS.maxLineBytes,
    maxProblems: o.maxProblems ?? DEFAULT_PARSER_OPTIONS.maxProblems,
    keep: o.keep ?? DEFAULT_PARSER_OPTIONS.keep,
    timed: o.timed ?? DEFAULT_PARSER_OPTIONS.timed,
  };
}

/** Problems met while parsing, at most `max` listed (a fatal one always is). */
export class ProblemLog {
  private readonly list: ParseProblem[] = [];
  private unlisted = 0;
  fatal = false;

  constructor(private readonly max: number) {}

  /** Record a problem; a fatal one also marks the source as unreadable from here on. */
  add(p: ParseProblem): void {
    if (p.fatal) this.fatal = true;
    if (this.list.length < this.max || p.fatal) this.list.push(p);
    else this.unlisted++;
  }

  /** Whether the list is full: a further problem that is not fatal will only be counted. */
  get full(): boolean {
    return this.list.length >= this.max;
  }

  /** Count a problem that is not fatal without building it, once the list is full. */
  addUnlisted(): void {
    this.unlisted++;
  }

  /** The problems, with a closing one counting those not listed. */
  finish(): ParseProblem[] {
    const out = [...this.list];
    if (this.unlisted > 0) out.push({ message: `${this.unlisted} more problems not listed` });
    return out;
  }
}

/** The problem of a line cut at `maxLineBytes`. */
export function longLineProblem(maxLineBytes: number, line: number): ParseProblem {
  return { message: `line longer than ${maxLineBytes} bytes: only its start is read`, line };
}

/** Whether `p` is a line cut at the line limit (longLineProblem's), which the checks give a tip of its own. */
export function isLongLineProblem(p: ParseProblem): boolean {
  return /^line longer than \d+ bytes: only its start is read$/.test(p.message);
}

/**
 * The bytes as a plain Uint8Array view (no copy): subarrays of a Node Buffer cost more, which
 * tells on a parser's hot loop.
 */
export function plainBytes(input: Uint8Array): Uint8Array {
  return input.constructor === Uint8Array ? input : new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
}

/**
 * buf.toString('latin1', start, end) and buf.toString('utf8', start, end), for a call per line or
 * per packet: Buffer's own slicers, which toString reaches through an argument check, an encoding
 * lookup and a wrapper (three calls the engine runs unoptimised while a large run warms up: ~25 ms
 * of a 100,000-test bundle; BENCHMARKS.md). They are not in Node's documentation, so toString
 * stands in when they are missing. `start` and `end` must lie within the buffer.
 */
interface Slicers {
  latin1Slice(start: number, end: number): string;
  utf8Slice(start: number, end: number): string;
}
const SLICERS =
  typeof (Buffer.prototype as Partial<Slicers>).latin1Slice === 'function' &&
  typeof (Buffer.prototype as Partial<Slicers>).utf8Slice === 'function';

export const latin1Slice: (b: Buffer, start: number, end: number) => string = SLICERS
  ? (b, start, end) => (b as unknown as Slicers).latin1Slice(start, end)
  : (b, start, end) => b.toString('latin1', start, end);

export const utf8Slice: (b: Buffer, start: number, end: number) => string = SLICERS
  ? (b, start, end) => (b as unknown as Slicers).utf8Slice(start, end)
  : (b, start, end) => b.toString('utf8', start, end);

const utf8 = new TextDecoder('utf-8');

/** Decode UTF-8, invalid sequences becoming U+FFFD: never throws. */
export function decodeUtf8(bytes: Uint8Array): string {
  return utf8.decode(bytes);
}

/** The first `max` bytes of a text that may arrive in pieces (a split attachment, a traceback block). */
export class BoundedBytes {
  private readonly parts: Uint8Array[] = [];
  private kept = 0;
  /** Every byte offered, kept or not. */
  total = 0;

  constructor(private readonly max: number) {}

  /** Offer more bytes; they are copied (the caller's buffer is never retained). */
  push(bytes: Uint8Array): void {
    this.total += bytes.length;
    const room = this.max - this.kept;
    if (room <= 0 || bytes.length === 0) return;
    const take = bytes.length <= room ? bytes : bytes.subarray(0, room);
    this.parts.push(Uint8Array.prototype.slice.call(take));
    this.kept += take.length;
  }

  /** The kept bytes as text; a character cut at the bound is dropped, not garbled. */
  text(): string {
    const all = this.parts.length === 1 ? this.parts[0]! : concat(this.parts, this.kept);
    let end = all.length;
    if (this.total > this.kept) end = utf8Boundary(all, end);
    return decodeUtf8(all.subarray(0, end));
  }
}

/** The first `max` characters of a text that arrives in pieces. */
export class BoundedText {
  private text_ = '';
  total = 0;

  constructor(private readonly max: number) {}

  /** Offer more text. */
  push(s: string): void {
    this.total += s.length;
    if (this.text_.length < this.max) this.text_ += s.slice(0, this.max - this.text_.length);
  }

  /** The kept text. */
  text(): string {
    return this.text_;
  }
}

function concat(parts: Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** The largest end ≤ `end` that does not split a UTF-8 character. */
function utf8Boundary(b: Uint8Array, end: number): number {
  let i = end;
  let back = 0;
  while (i > 0 && back < 4 && (b[i - 1]! & 0xc0) === 0x80) {
    i--;
    back++;
  }
  if (i === 0) return end;
  const lead = b[i - 1]!;
  const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return need > back + 1 ? i - 1 : end;
}

/** Longest test id a problem message quotes whole (a tempest id with its attributes is under 300). */
const QUOTED_ID_CHARS = 300;

/** A test id for a problem message: whole, or its start and its length when it is absurdly long. */
export function quoteId(id: string): string {
  return id.length > QUOTED_ID_CHARS ? `${id.slice(0, QUOTED_ID_CHARS)}… (an id of ${id.length} characters)` : id;
}

const STRING_EXCEPTION = 'testtools.testresult.real._StringException';

/** A traceback as testtools hands it to unittest carries this wrapper's name in front: drop it. */
export function unwrapTraceback(text: string): string {
  if (!text.startsWith(STRING_EXCEPTION)) return text;
  const rest = text.slice(STRING_EXCEPTION.length);
  if (rest.startsWith(': ')) return rest.slice(2);
  return rest.trim() === '' ? '' : text;
}

/** Trailing blank lines of a detail block collapsed to one newline. */
export function trimDetail(text: string): string {
  return text.replace(/\n+$/, '\n');
}

const TRACEBACK = 'Traceback (most recent call last):';

/**
 * The detail of a failure from text that may hold more than its traceback (testtools writes
 * every attachment, logs first, then the traceback): the text from the first
 * "Traceback (most recent call last):" on, or else the start of the text; both bounded.
 */
export class DetailText {
  private readonly head: BoundedText;
  private traceback: BoundedText | undefined;
  private carry = '';

  constructor(private readonly max: number) {
    this.head = new BoundedText(max);
  }

  /** Offer the next piece of text. */
  push(piece: string): void {
    if (this.traceback) {
      this.traceback.push(piece);
      return;
    }
    this.head.push(piece);
    const joined = this.carry + piece;
    const at = joined.indexOf(TRACEBACK);
    if (at !== -1) {
      this.traceback = new BoundedText(this.max);
      this.traceback.push(joined.slice(at));
    } else this.carry = joined.slice(-(TRACEBACK.length - 1));
  }

  /** The traceback if one was seen, else the start of the text. */
  text(): string {
    return (this.traceback ?? this.head).text();
  }
}

const STREAM_TIME = /^\s*(\d{4})-(\d\d)-(\d\d)[ T](\d\d):(\d\d):(\d\d)(\.\d{1,9})?\s*(Z|[+-]\d\d:?\d\d)?\s*$/;

/**
 * A timestamp as subunit v1 `time:` lines and JUnit write it (`2025-06-20 10:00:00.123456Z`) in ms
 * since the epoch; a time without a zone is UTC.
 */
export function parseStreamTime(text: string): number | undefined {
  const m = STREAM_TIME.exec(text);
  if (!m) return undefined;
  const zone = m[8] === undefined || m[8] === 'Z' ? 'Z' : m[8].replace(/^([+-]\d\d)(\d\d)$/, '$1:$2');
  const t = Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${zone}`);
  if (Number.isNaN(t)) return undefined;
  return t + (m[7] ? Number(m[7]) * 1000 : 0);
}
