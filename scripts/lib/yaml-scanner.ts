// The scalars and flow collections of the fast YAML reader (yaml-fast.ts builds the block
// structure on it): where each ends, decided as the `yaml` package's lexer decides it, and
// what each means (yaml-scalars.ts). Runs of ordinary characters are skipped with sticky
// regular expressions, which V8 runs as native code. Anything the `yaml` package would
// read otherwise, or refuse, declines.
import {
  blockScalarValue,
  decline,
  doubleQuotedValue,
  keyText,
  resolvePlain,
  singleQuotedValue,
  type BlockHeader,
} from './yaml-scalars.js';

export const TAB = 9;
export const LF = 10;
export const SP = 32;
const BANG = 33;
export const DQUOTE = 34;
export const HASH = 35;
export const PERCENT = 37;
const AMP = 38;
export const SQUOTE = 39;
const STAR = 42;
const PLUS = 43;
const COMMA = 44;
export const DASH = 45;
export const DOT = 46;
export const COLON = 58;
export const GT = 62;
export const QUESTION = 63;
const AT = 64;
export const LBRACKET = 91;
const BACKSLASH = 92;
const RBRACKET = 93;
const BACKTICK = 96;
export const LBRACE = 123;
export const PIPE = 124;
const RBRACE = 125;

/** Deeper documents are left to the `yaml` package (which reports what it cannot read). */
export const MAX_DEPTH = 64;

// Runs of characters that cannot end a scalar: plain in block and in flow context, quoted.
const PLAIN_RUN = /[^\n\t:#]*/y;
const FLOW_PLAIN_RUN = /[^\n\t:#,[\]{}]*/y;
const DOUBLE_RUN = /[^"\\\n]*/y;
const SINGLE_RUN = /[^'\n]*/y;

/** Characters that may not start a plain scalar (`-`, `?` and `:` may, before a non-space). */
export function isIndicator(c: number): boolean {
  switch (c) {
    case COMMA:
    case LBRACKET:
    case RBRACKET:
    case LBRACE:
    case RBRACE:
    case HASH:
    case AMP:
    case STAR:
    case BANG:
    case PIPE:
    case GT:
    case SQUOTE:
    case DQUOTE:
    case PERCENT:
    case AT:
    case BACKTICK:
      return true;
    default:
      return false;
  }
}

function isFlowIndicator(c: number): boolean {
  return c === COMMA || c === LBRACKET || c === RBRACKET || c === LBRACE || c === RBRACE;
}

/**
 * Add a pair as the `yaml` package's toJS does (`__proto__` an own key). A repeated key
 * declines: the `yaml` package reports it, with its line.
 */
export function setKey(map: Record<string, unknown>, key: string, value: unknown): void {
  if (Object.hasOwn(map, key)) decline();
  if (key === '__proto__')
    Object.defineProperty(map, key, { value, enumerable: true, configurable: true, writable: true });
  else map[key] = value;
}

/** Positions in one document's text, and its scalars and flow collections. */
export class Scanner {
  protected readonly s: string;
  protected readonly n: number;
  protected depth = 0;
  /** Where the next content line starts (n at the end), and its indentation: set by every node read. */
  protected ls = 0;
  protected ind = 0;
  /** Where a scalar or a key that ends on its line ended. */
  protected p = 0;
  /** Where the last plain text scanned ends (after its last non-space character). */
  protected end = 0;
  /** How many flow collections are open. */
  private flowLevel = 0;
  /** Whether the last quoted scalar scanned holds no escape and no line break (its text is its value). */
  protected verbatim = true;

  constructor(s: string) {
    this.s = s;
    this.n = s.length;
  }

  /** Whether a `---` (DASH) or `...` (DOT) marker line starts at `at`. */
  protected isMarker(at: number, c: number): boolean {
    const { s, n } = this;
    if (at + 3 > n || s.charCodeAt(at) !== c || s.charCodeAt(at + 1) !== c || s.charCodeAt(at + 2) !== c) return false;
    return this.blankAt(at + 3);
  }

  /** Whether a space, a tab, a line break or the end is at `at`. */
  protected blankAt(at: number): boolean {
    if (at >= this.n) return true;
    const c = this.s.charCodeAt(at);
    return c === SP || c === LF || c === TAB;
  }

  protected eol(at: number): number {
    const e = this.s.indexOf('\n', at);
    return e === -1 ? this.n : e;
  }

  /** After a node that ends a line: only spaces and a comment may follow; returns the next line's start. */
  protected restOfLine(at: number): number {
    const { s, n } = this;
    let i = at;
    while (i < n && s.charCodeAt(i) === SP) i++;
    if (i >= n) return n;
    const c = s.charCodeAt(i);
    if (c === LF) return i + 1;
    if (c === HASH && i > at) return this.eol(i) + 1;
    return decline();
  }

  /** Skip blank and comment lines from the line starting at `at`; sets ls and ind to the next content line. */
  protected skipBlank(at: number): void {
    const { s, n } = this;
    let ls = at;
    while (ls < n) {
      let i = ls;
      while (i < n && s.charCodeAt(i) === SP) i++;
      if (i >= n) break;
      const c = s.charCodeAt(i);
      if (c === LF) ls = i + 1;
      else if (c === HASH) ls = this.eol(i) + 1;
      else if (c === TAB) decline();
      else {
        this.ls = ls;
        this.ind = i - ls;
        return;
      }
    }
    this.ls = n;
    this.ind = 0;
  }

  /**
   * Scan plain text on one line from `at`: returns where it stops (a line break or the end,
   * a comment, a `:` that ends a key, or a flow indicator in flow context); sets this.end.
   */
  protected scanPlain(at: number, flow: boolean): number {
    const { s, n } = this;
    const run = flow ? FLOW_PLAIN_RUN : PLAIN_RUN;
    let i = at;
    while (i < n) {
      run.lastIndex = i;
      run.test(s);
      i = run.lastIndex;
      if (i >= n) break;
      const ch = s.charCodeAt(i);
      if (ch === COLON) {
        const next = i + 1 < n ? s.charCodeAt(i + 1) : LF;
        if (next === SP || next === LF || next === TAB || (flow && isFlowIndicator(next))) break;
      } else if (ch === HASH) {
        if (i > at && s.charCodeAt(i - 1) === SP) break;
      } else if (ch === TAB) decline();
      else break; // a line break, or a flow indicator
      i++;
    }
    let e = i;
    while (e > at && s.charCodeAt(e - 1) === SP) e--;
    this.end = e;
    return i;
  }

  /** Whether a plain scalar may start at `at` (in flow context, not before a flow indicator either). */
  protected plainStart(at: number, flow: boolean): boolean {
    const c = this.s.charCodeAt(at);
    if (isIndicator(c)) return false;
    if (c !== DASH && c !== QUESTION && c !== COLON) return true;
    return !this.blankAt(at + 1) && !(flow && isFlowIndicator(this.s.charCodeAt(at + 1)));
  }

  /**
   * A plain scalar in block context whose first line was scanned to `stop`, continued by the
   * lines below more indented than `parent`; sets ls to the next content line.
   */
  protected plain(at: number, stop: number, parent: number): unknown {
    const { s, n } = this;
    if (stop < n && s.charCodeAt(stop) === COLON) decline(); // a mapping where a scalar is: `a: b: c`
    let value = s.slice(at, this.end);
    let i = stop;
    let breaks = 0;
    while (i < n && s.charCodeAt(i) === LF) {
      let j = i + 1;
      while (j < n && s.charCodeAt(j) === SP) j++;
      if (j >= n) break;
      const ch = s.charCodeAt(j);
      if (ch === LF) {
        breaks++;
        i = j;
        continue;
      }
      if (ch === HASH || j - i - 1 <= parent) break;
      i = this.scanPlain(j, false);
      if (i < n && s.charCodeAt(i) === COLON) decline();
      value += (breaks === 0 ? ' ' : '\n'.repeat(breaks)) + s.slice(j, this.end);
      breaks = 0;
    }
    // i is at the end, at a line break, or at a comment.
    this.skipBlank(i >= n ? n : s.charCodeAt(i) === HASH ? this.eol(i) + 1 : i + 1);
    return resolvePlain(value);
  }

  /**
   * Scan a quoted scalar from its opening quote at `at` to its closing quote, whose index it
   * returns; with `oneLine`, -1 when it does not close on its line. Every line it continues on
   * must be blank or more indented than `parent`. Sets this.verbatim.
   */
  protected scanQuoted(at: number, parent: number, oneLine: boolean): number {
    const { s, n } = this;
    const q = s.charCodeAt(at);
    const run = q === DQUOTE ? DOUBLE_RUN : SINGLE_RUN;
    let verbatim = true;
    let i = at + 1;
    for (;;) {
      if (i >= n) return oneLine ? -1 : decline();
      run.lastIndex = i;
      run.test(s);
      i = run.lastIndex;
      if (i >= n) return oneLine ? -1 : decline();
      const ch = s.charCodeAt(i);
      if (ch === q) {
        if (q === DQUOTE || s.charCodeAt(i + 1) !== SQUOTE) break;
        verbatim = false;
        i += 2;
      } else if (ch === BACKSLASH) {
        verbatim = false;
        if (s.charCodeAt(i + 1) === LF) {
          if (oneLine) return -1;
          this.continuation(i + 1, parent);
        }
        i += 2;
      } else {
        if (oneLine) return -1;
        verbatim = false;
        this.continuation(i, parent);
        i++;
      }
    }
    this.verbatim = verbatim;
    return i;
  }

  /** The line after the break at `at` continues a quoted scalar: blank, or more indented than `parent`. */
  private continuation(at: number, parent: number): void {
    const { s, n } = this;
    let j = at + 1;
    while (j < n && s.charCodeAt(j) === SP) j++;
    if (j >= n) decline();
    if (s.charCodeAt(j) !== LF && j - at - 1 <= parent) decline();
  }

  /** The value of the quoted scalar from `at` to its closing quote at `close` (scanned by scanQuoted). */
  protected quotedValue(at: number, close: number): string {
    const { s } = this;
    if (this.verbatim) return s.slice(at + 1, close);
    const raw = s.slice(at, close + 1);
    return s.charCodeAt(at) === DQUOTE ? doubleQuotedValue(raw) : singleQuotedValue(raw);
  }

  /** A flow sequence or mapping at `at` inside a collection indented `parent`; this.p is set after it. */
  protected flow(at: number, parent: number): unknown {
    const { s } = this;
    if (++this.depth > MAX_DEPTH) decline();
    const isSeq = s.charCodeAt(at) === LBRACKET;
    const close = isSeq ? RBRACKET : RBRACE;
    const items: unknown[] = [];
    const map: Record<string, unknown> = {};
    this.flowLevel++;
    let i = this.flowSpace(at + 1, parent);
    while (s.charCodeAt(i) !== close) {
      if (isSeq) items.push(this.flowItem(i, parent, false));
      else {
        const key = keyText(this.flowItem(i, parent, true));
        const colon = this.p;
        if (s.charCodeAt(colon) !== COLON || !this.blankAt(colon + 1)) decline();
        setKey(map, key, this.flowItem(this.flowSpace(colon + 1, parent), parent, false));
      }
      i = this.flowSpace(this.p, parent);
      const c = s.charCodeAt(i);
      if (c === COMMA) i = this.flowSpace(i + 1, parent);
      else if (c !== close) decline();
    }
    this.p = i + 1;
    this.flowLevel--;
    this.depth--;
    if (isSeq) return items;
    return map;
  }

  /**
   * Skip spaces, line breaks and comments inside a flow collection: every line must be more
   * indented than `parent`, but one that closes the outermost collection may sit at it.
   */
  private flowSpace(at: number, parent: number): number {
    const { s, n } = this;
    let i = at;
    for (;;) {
      if (i >= n) decline();
      const ch = s.charCodeAt(i);
      if (ch === SP) i++;
      else if (ch === HASH) {
        const prev = s.charCodeAt(i - 1);
        if (prev !== SP && prev !== LF) decline();
        i = this.eol(i);
      } else if (ch === LF) {
        let j = i + 1;
        while (j < n && s.charCodeAt(j) === SP) j++;
        if (j >= n) decline();
        const c = s.charCodeAt(j);
        const indent = j - i - 1;
        if (c === TAB) decline();
        if (c !== LF && c !== HASH && indent <= parent) {
          const closes = c === RBRACKET || c === RBRACE;
          if (!(closes && indent === parent && this.flowLevel === 1)) decline();
        }
        i = j;
      } else if (ch === TAB) decline();
      else return i;
    }
  }

  /** One entry of a flow collection (a key when `isKey`): a scalar or a nested collection; this.p is set after it. */
  private flowItem(at: number, parent: number, isKey: boolean): unknown {
    const { s, n } = this;
    const c = s.charCodeAt(at);
    if (c === DQUOTE || c === SQUOTE) {
      const close = this.scanQuoted(at, parent, false);
      this.p = close + 1;
      return this.quotedValue(at, close);
    }
    if (c === LBRACKET || c === LBRACE) {
      if (isKey) decline();
      return this.flow(at, parent);
    }
    if (!this.plainStart(at, true)) decline();
    const stop = this.scanPlain(at, true);
    const ch = stop < n ? s.charCodeAt(stop) : LF;
    if (ch === COLON) {
      if (!isKey) decline(); // a pair inside a flow sequence, or a second `:`
    } else if (isKey) decline(); // a key without a value
    this.p = isKey ? stop : this.end;
    if (ch === LF) {
      // A plain scalar over several lines inside a flow collection is left to the `yaml` package.
      let j = stop + 1;
      while (j < n && (s.charCodeAt(j) === SP || s.charCodeAt(j) === LF)) j++;
      const next = j < n ? s.charCodeAt(j) : -1;
      if (next !== COMMA && next !== RBRACKET && next !== RBRACE && next !== HASH) decline();
    }
    return resolvePlain(s.slice(at, this.end));
  }

  /** A literal (`|`) or folded (`>`) block scalar whose header is at `at`, in a collection indented `parent`. */
  protected blockScalar(at: number, parent: number): string {
    const { s, n } = this;
    const header: BlockHeader = { folded: s.charCodeAt(at) === GT, indent: 0, chomp: '' };
    let i = at + 1;
    for (let k = 0; k < 2; k++) {
      const ch = s.charCodeAt(i);
      if ((ch === DASH || ch === PLUS) && header.chomp === '') header.chomp = ch === DASH ? '-' : '+';
      else if (ch >= 0x31 && ch <= 0x39 && header.indent === 0) header.indent = ch - 0x30;
      else break;
      i++;
    }
    const start = this.restOfLine(i);
    // Where the scalar ends, decided as the `yaml` package's lexer decides it: after leading
    // blank lines, the first line more indented than the parent sets the indentation (unless
    // the header gives it), and blank lines and lines indented at least that much follow.
    let nl = start - 1;
    let indent = 0;
    for (let j = start; j < n; j++) {
      const ch = s.charCodeAt(j);
      if (ch === SP) indent++;
      else if (ch === LF) {
        nl = j;
        indent = 0;
      } else break;
    }
    // Lines at exactly the content's indentation, none blank among them, no tab first: joined directly.
    let simple = nl === start - 1 && indent > parent && start + indent < n && s.charCodeAt(start + indent) !== TAB;
    let blankAfter = false;
    let contentEnd = start;
    if (indent > parent) {
      const contentIndent = header.indent ? parent + header.indent : indent;
      if (indent !== contentIndent) simple = false;
      for (;;) {
        let k = nl + 1;
        while (k < n && s.charCodeAt(k) === SP) k++;
        const spaces = k - nl - 1;
        const empty = k >= n || s.charCodeAt(k) === LF;
        if ((k >= n || !empty) && spaces < contentIndent) break;
        if (empty) {
          if (spaces > contentIndent) simple = false;
          blankAfter = true;
        } else if (blankAfter || spaces !== contentIndent || s.charCodeAt(k) === TAB) simple = false;
        const e = k < n ? s.indexOf('\n', k) : -1;
        nl = e === -1 ? n : e;
        if (!empty) contentEnd = nl;
        if (e === -1) break;
      }
      if (simple && !(blankAfter && header.chomp === '+')) {
        this.skipBlank(nl >= n ? n : nl + 1);
        return this.simpleBlock(header, start, contentEnd, contentIndent);
      }
    }
    // A tab in the indentation of the next line (the `yaml` package reports it).
    let t = nl + 1;
    while (t < n && s.charCodeAt(t) === SP) t++;
    if (t < n && s.charCodeAt(t) === TAB) decline();
    const lines = this.blockLines(start, nl, header.chomp === '+', indent);
    this.skipBlank(nl >= n ? n : nl + 1);
    return blockScalarValue(header, lines, parent);
  }

  /** A block scalar whose lines, from `start` to the end of the last one at `end`, all sit at `indent`. */
  private simpleBlock(header: BlockHeader, start: number, end: number, indent: number): string {
    const { s } = this;
    const parts: string[] = [];
    for (let ls = start; ls < end;) {
      const e = this.eol(ls);
      parts.push(s.slice(ls + indent, e));
      ls = e + 1;
    }
    const text = parts.length === 1 ? parts[0]! : parts.join(header.folded ? ' ' : '\n');
    return header.chomp === '-' ? text : text + '\n';
  }

  /** The `[indentation, content]` lines of a block scalar's text from `start` to the break at `end`. */
  private blockLines(start: number, end: number, keep: boolean, firstIndent: number): [number, string][] {
    const { s, n } = this;
    let last = end;
    if (!keep) {
      // Trailing lines no more indented than the first are left out, as the `yaml` package's lexer does.
      for (;;) {
        let i = last - 1;
        const lastChar = i;
        while (i >= start && s.charCodeAt(i) === SP) i--;
        if (i >= start && s.charCodeAt(i) === LF && i + 1 + firstIndent > lastChar) last = i;
        else break;
      }
    }
    const text = s.slice(start, Math.min(last + 1, n));
    if (text === '') return [];
    return text.split('\n').map((line) => {
      let k = 0;
      while (k < line.length && line.charCodeAt(k) === SP) k++;
      return [k, line.slice(k)];
    });
  }
}
