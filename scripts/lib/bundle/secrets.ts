// A streaming scanner for secrets the cert script's scrubbing missed: settings whose key
// says secret, passwords on command lines and in URLs, Authorization and token headers,
// private keys, JWTs, and provider tokens (AWS, GCP, Azure, GitHub, GitLab, Slack, Keystone,
// Ceph). Scrubbed values (`xxx`), masks (`***`, `{SHA256}…`) and placeholders pass. The kinds
// are in secret-kinds.ts, the rules in secret-rules.ts; redact.ts applies the same rules to text.
//
// Built for speed: each chunk is decoded as latin1 (one char per byte, no UTF-8 work)
// and searched with ONE case-insensitive regex of trigger words; only at a trigger is
// the text around it examined, within bounded windows, so the cost is linear whatever
// the input (a 100 MB line included). Lines split across chunks are carried over; a
// line longer than the limit is scanned in pieces.
import { excerpt, excerptEnd } from './secret-excerpt.js';
import { examine, TRIGGER, type Hit, type SecretKind } from './secret-rules.js';
import { classifyMember, looksBinary, SNIFF_BYTES } from './text.js';

export type { SecretKind } from './secret-rules.js';

/** One secret, located by line; neither message nor excerpt holds the secret itself. */
export interface SecretFinding {
  line: number;
  kind: SecretKind;
  message: string;
  /** The text around it on its line, the secret replaced by `[REDACTED]`. */
  excerpt: string;
}

export interface SecretScanOptions {
  /** The member's name: decides text or binary (see text.ts). Without one, everything is scanned as text. */
  name?: string;
  /** Longest stretch of one line held at once (default 1 MiB); longer lines are scanned in pieces. */
  maxLineBytes?: number;
  /** Findings kept (default 100); more are only counted. */
  maxFindings?: number;
}

/** Feed chunks with write(), then end() gives the findings, in line order. */
export interface SecretScanner {
  write(chunk: Uint8Array): void;
  end(): SecretFinding[];
  /** True once the member was found to be binary and is not scanned. */
  readonly binary: boolean;
  /** Findings past maxFindings, counted but not kept. */
  readonly dropped: number;
}

/** What a submitter should do about any secret finding. */
export const SECRET_TIP =
  'Replace the value with xxx (as the cert script does for cinder.conf) or remove the line, then pack the bundle again; and change the credential, since it may have been exposed.';

/** A streaming secret scanner for one text (one member, one log). */
export function createSecretScanner(options: SecretScanOptions = {}): SecretScanner {
  return new Scanner(options);
}

/** Scan a whole text at once. */
export function scanForSecrets(text: string | Uint8Array, options: SecretScanOptions = {}): SecretFinding[] {
  const s = new Scanner(options);
  s.write(typeof text === 'string' ? Buffer.from(text, 'utf8') : text);
  return s.end();
}

/** Bytes decoded to a string at a time. */
const PIECE = 64 * 1024;
/** Kept from a long line's scanned piece so a secret across the cut is still seen. */
const OVERLAP = 512;

class Scanner implements SecretScanner {
  binary = false;
  dropped = 0;
  private readonly maxLine: number;
  private readonly maxFindings: number;
  private readonly findings: SecretFinding[] = [];
  /** Number of the line that starts at the beginning of `carry`. */
  private lineNo = 1;
  /** The current line so far (latin1), when it began in an earlier chunk. */
  private carry = '';
  private lastReported = 0;
  /** While sniffing: the first bytes, until there are enough to decide. */
  private head: Uint8Array[] | undefined;
  private headBytes = 0;

  constructor(options: SecretScanOptions) {
    this.maxLine = Math.max(options.maxLineBytes ?? 1024 * 1024, 4 * OVERLAP);
    this.maxFindings = options.maxFindings ?? 100;
    const cls = options.name === undefined ? 'text' : classifyMember(options.name);
    if (cls === 'binary') this.binary = true;
    if (cls === 'sniff') this.head = [];
  }

  write(chunk: Uint8Array): void {
    if (this.binary || chunk.byteLength === 0) return;
    if (this.head) {
      // hold copies until enough is known to tell text from binary
      this.head.push(chunk.slice());
      this.headBytes += chunk.byteLength;
      if (this.headBytes >= SNIFF_BYTES) this.decide();
      return;
    }
    this.scanChunk(chunk);
  }

  end(): SecretFinding[] {
    if (this.head) this.decide();
    if (!this.binary && this.carry.length > 0) this.scanRegion(this.carry, 0, this.carry.length, false);
    this.carry = '';
    return this.findings;
  }

  /** Sniff the held first bytes, and scan them if the member is text. */
  private decide(): void {
    const all = Buffer.concat(this.head ?? []);
    this.head = undefined;
    if (looksBinary(all)) this.binary = true;
    else if (all.byteLength > 0) this.scanChunk(all);
  }

  /** Big chunks are scanned in pieces: small strings die young, big ones would linger until a full GC. */
  private scanChunk(chunk: Uint8Array): void {
    for (let o = 0; o < chunk.byteLength; o += PIECE) this.scanPiece(chunk.subarray(o, o + PIECE));
  }

  private scanPiece(chunk: Uint8Array): void {
    const s = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('latin1');
    const first = s.indexOf('\n');
    if (first === -1) {
      this.extendCarry(s);
      return;
    }
    const last = s.lastIndexOf('\n');
    let from = 0;
    if (this.carry.length > 0) {
      const line = this.carry + s.slice(0, first);
      this.carry = '';
      this.scanRegion(line, 0, line.length, true);
      from = first + 1;
    }
    if (from <= last) this.scanRegion(s, from, last, true);
    this.carry = s.slice(last + 1);
  }

  /** Add to the current unfinished line; a line grown past the limit is scanned now, keeping an overlap. */
  private extendCarry(s: string): void {
    this.carry += s;
    if (this.carry.length > this.maxLine) {
      this.scanRegion(this.carry, 0, this.carry.length, false);
      this.carry = this.carry.slice(-OVERLAP);
    }
  }

  /**
   * Scan s[from, to): whole lines, the first numbered `lineNo`. With `complete`, a
   * newline follows `to` and the line count moves past it; else `to` ends a piece of a line.
   */
  private scanRegion(s: string, from: number, to: number, complete: boolean): void {
    let line = this.lineNo;
    let counted = from;
    TRIGGER.lastIndex = from;
    for (let m = TRIGGER.exec(s); m !== null && m.index < to; m = TRIGGER.exec(s)) {
      const { hits, resume } = examine(s, m.index, m[0], from, to);
      TRIGGER.lastIndex = Math.max(resume, m.index + 1);
      if (hits.length === 0) continue;
      line += countNewlines(s, counted, m.index);
      counted = m.index;
      const eol = this.report(s, from, to, line, hits);
      if (eol >= to) break;
      TRIGGER.lastIndex = eol + 1;
    }
    line += countNewlines(s, counted, to);
    this.lineNo = complete ? line + 1 : line;
  }

  /** Report the line of the first HITS (one finding a line); returns where that line ends. */
  private report(s: string, from: number, to: number, line: number, hits: readonly Hit[]): number {
    const all = lineHits(s, hits, from, to);
    const last = Math.max(...all.map((h) => h.end));
    const eol = s.indexOf('\n', last);
    if (line === this.lastReported) return eol === -1 ? to : eol;
    this.lastReported = line;
    if (this.findings.length >= this.maxFindings) this.dropped++;
    else {
      const first = all[0]!;
      this.findings.push({ line, kind: first.kind, message: first.message, excerpt: excerpt(s, from, to, all) });
    }
    return eol === -1 ? to : eol;
  }
}

/**
 * HITS and every further hit on their line that an excerpt could show, leftmost first: the
 * excerpt redacts them all (a second password on the line must not show beside the first).
 */
function lineHits(s: string, hits: readonly Hit[], from: number, to: number): Hit[] {
  const all = [...hits];
  let first = leftmost(all);
  const eol = s.indexOf('\n', first.start);
  const lineEnd = eol === -1 || eol > to ? to : eol;
  for (let m = TRIGGER.exec(s); m !== null && m.index < Math.min(lineEnd, excerptEnd(first)); m = TRIGGER.exec(s)) {
    const r = examine(s, m.index, m[0], from, to);
    TRIGGER.lastIndex = Math.max(r.resume, m.index + 1);
    all.push(...r.hits);
    first = leftmost(all);
  }
  return all.sort((a, b) => a.start - b.start);
}

function leftmost(hits: Hit[]): Hit {
  return hits.reduce((a, b) => (b.start < a.start ? b : a));
}

function countNewlines(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = s.indexOf('\n', from); i !== -1 && i < to; i = s.indexOf('\n', i + 1)) n++;
  return n;
}
