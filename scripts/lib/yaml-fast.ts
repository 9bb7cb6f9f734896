// The fast YAML reader: a strict reader of block-style YAML documents, the shape drivers.yaml,
// cycle.yaml and result.yaml have whether a tool or a person wrote them. It reads mappings and
// sequences by indentation (`- key: value` items included), plain scalars under the YAML 1.2
// core schema (over several lines too), single- and double-quoted strings, literal and folded
// block scalars, flow sequences and mappings of scalars, comments, blank lines, a `%YAML 1.2`
// directive, `---` and `...`, and CRLF line ends, to the very data the `yaml` package gives.
// It is exact or it declines: on anything else (anchors, aliases, tags, explicit or complex
// keys, duplicate keys, several documents, tabs in indentation, any construct the `yaml`
// package would refuse) it answers undefined, and the caller reads the document with the
// `yaml` package, the authority on errors and lines. test/yaml-fast.test.ts holds the two to
// the same data. The scalars and flow collections are read by yaml-scanner.ts.
import { DECLINE, decline, keyText, resolvePlain } from './yaml-scalars.js';
import {
  COLON,
  DASH,
  DOT,
  DQUOTE,
  GT,
  HASH,
  LBRACE,
  LBRACKET,
  LF,
  MAX_DEPTH,
  PERCENT,
  PIPE,
  SP,
  SQUOTE,
  Scanner,
  TAB,
  setKey,
} from './yaml-scanner.js';

/** The `yaml` package refuses implicit keys of 1024 characters or more. */
const MAX_KEY = 1000;

/** The document's data, when the fast reader reads it; undefined means "ask the `yaml` package". */
export function readYamlFast(text: string): { data: unknown } | undefined {
  let s = text;
  if (s.indexOf('\r') !== -1) {
    s = s.replace(/\r\n/g, '\n');
    if (s.indexOf('\r') !== -1) return undefined;
  }
  if (s.indexOf('\ufeff') !== -1) return undefined;
  try {
    return { data: new Reader(s).document() };
  } catch (e) {
    if (e === DECLINE) return undefined;
    throw e;
  }
}

/** The block structure of one document. */
class Reader extends Scanner {
  /** The last line scanned for a key: where it started, and where its `:` is (-1 for none). */
  private keyAt = -1;
  private keyColon = -1;
  /**
   * Where that scan stopped: the closing quote of a quoted scalar (-1 when not on its line),
   * or the end of plain text.
   */
  private keyStop = -1;

  document(): unknown {
    const { s, n } = this;
    this.skipBlank(0);
    if (this.ls < n && s.charCodeAt(this.ls) === PERCENT) this.directive();
    if (this.isMarker(this.ls, DASH)) this.skipBlank(this.restOfLine(this.ls + 3));
    let value: unknown = null;
    if (this.ls < n && !this.isMarker(this.ls, DOT)) {
      if (this.isMarker(this.ls, DASH)) decline();
      value = this.blockNode(this.ls + this.ind, this.ind, -1);
    }
    if (this.ls < n) {
      // Only a document end marker, comments and blank lines may follow.
      if (!this.isMarker(this.ls, DOT)) decline();
      this.skipBlank(this.restOfLine(this.ls + 3));
      if (this.ls < n) decline();
    }
    return value;
  }

  /** `%YAML 1.2` (other versions change the schema; other directives are left to the `yaml` package). */
  private directive(): void {
    const { s, ls } = this;
    const eol = this.eol(ls);
    if (!/^%YAML 1\.2 *$/.test(s.slice(ls, eol))) decline();
    this.skipBlank(eol + 1);
    if (!this.isMarker(this.ls, DASH)) decline();
  }

  /** A node whose first line starts at `at` (column `col`) in a collection indented `parent`. */
  private blockNode(at: number, col: number, parent: number): unknown {
    if (this.s.charCodeAt(at) === DASH && this.blankAt(at + 1)) return this.blockSeq(at, col);
    if (this.keyEnd(at) !== -1) return this.blockMap(at, col);
    if (parent < 0) decline(); // a document that is a scalar
    return this.inlineValue(at, parent);
  }

  /** A block sequence whose first `-` is at `at`, in column `col`. */
  private blockSeq(at: number, col: number): unknown[] {
    const { s, n } = this;
    if (++this.depth > MAX_DEPTH) decline();
    const items: unknown[] = [];
    let pos = at;
    for (;;) {
      let i = pos + 1;
      while (i < n && s.charCodeAt(i) === SP) i++;
      const c = i < n ? s.charCodeAt(i) : LF;
      if (c === TAB) decline();
      if (c === LF || c === HASH) {
        // `-` alone: the item is on the lines below, more indented, or empty.
        this.skipBlank(c === LF ? i + 1 : this.eol(i) + 1);
        items.push(this.ls < n && this.ind > col ? this.blockNode(this.ls + this.ind, this.ind, col) : null);
      } else {
        const itemCol = col + (i - pos);
        if (c === DASH && this.blankAt(i + 1)) items.push(this.blockSeq(i, itemCol));
        else if (this.keyEnd(i) !== -1) items.push(this.blockMap(i, itemCol));
        else items.push(this.inlineValue(i, col));
      }
      if (this.ls >= n || this.ind < col) break;
      if (this.ind > col) decline();
      pos = this.ls + col;
      if (s.charCodeAt(pos) !== DASH || !this.blankAt(pos + 1)) break;
    }
    this.depth--;
    return items;
  }

  /** A block mapping whose first key is at `at`, in column `col`. */
  private blockMap(at: number, col: number): Record<string, unknown> {
    const { s, n } = this;
    if (++this.depth > MAX_DEPTH) decline();
    const map: Record<string, unknown> = {};
    let pos = at;
    for (;;) {
      const key = this.key(pos);
      setKey(map, key, this.valueAfterKey(col));
      if (this.ls >= n || this.ind < col) break;
      if (this.ind > col) decline();
      pos = this.ls + col;
      if (col === 0 && (this.isMarker(pos, DASH) || this.isMarker(pos, DOT))) break;
      if (s.charCodeAt(pos) === DASH && this.blankAt(pos + 1)) decline();
    }
    this.depth--;
    return map;
  }

  /**
   * Where the `:` of an implicit key starting at `at` is, or -1 when the line holds no key (a
   * quoted key must close on its line; a plain one ends at `: `, before any comment). The scan
   * is remembered for the key or the scalar read next from `at`.
   */
  private keyEnd(at: number): number {
    if (at === this.keyAt) return this.keyColon;
    const { s, n } = this;
    const c = s.charCodeAt(at);
    let colon = -1;
    if (c === DQUOTE || c === SQUOTE) {
      let i = this.scanQuoted(at, -1, true);
      this.keyStop = i;
      if (i !== -1) {
        i++;
        while (i < n && s.charCodeAt(i) === SP) i++;
        if (s.charCodeAt(i) === COLON && this.blankAt(i + 1)) colon = i;
      }
    } else if (this.plainStart(at, false)) {
      const stop = this.scanPlain(at, false);
      this.keyStop = stop;
      if (stop < n && s.charCodeAt(stop) === COLON) colon = stop;
    }
    this.keyAt = at;
    this.keyColon = colon;
    return colon;
  }

  /** The text of the key at `at`; this.p is set after its `:`. */
  private key(at: number): string {
    const { s } = this;
    const colon = this.keyEnd(at);
    if (colon === -1) decline();
    this.p = colon + 1;
    const c = s.charCodeAt(at);
    if (c === DQUOTE || c === SQUOTE) {
      if (this.keyStop - at > MAX_KEY) decline();
      return this.quotedValue(at, this.keyStop);
    }
    const end = this.end;
    if (end - at > MAX_KEY) decline();
    return keyText(resolvePlain(s.slice(at, end)));
  }

  /** The value after a key's `:` (at this.p), in a mapping at column `col`. */
  private valueAfterKey(col: number): unknown {
    const { s, n } = this;
    let i = this.p;
    while (i < n && s.charCodeAt(i) === SP) i++;
    const c = i < n ? s.charCodeAt(i) : LF;
    if (c === TAB) decline();
    if (c !== LF && c !== HASH) return this.inlineValue(i, col);
    this.skipBlank(c === LF ? i + 1 : this.eol(i) + 1);
    if (this.ls >= n) return null;
    if (this.ind > col) return this.blockNode(this.ls + this.ind, this.ind, col);
    const at = this.ls + col;
    // A sequence may sit at its key's own column.
    if (this.ind === col && s.charCodeAt(at) === DASH && this.blankAt(at + 1)) return this.blockSeq(at, col);
    return null;
  }

  /** A scalar or flow collection starting at `at`, in a collection indented `parent`; sets ls to the next line. */
  private inlineValue(at: number, parent: number): unknown {
    const c = this.s.charCodeAt(at);
    let value: unknown;
    if (c === DQUOTE || c === SQUOTE) {
      const close = this.keyAt === at && this.keyStop !== -1 ? this.keyStop : this.scanQuoted(at, parent, false);
      value = this.quotedValue(at, close);
      this.p = close + 1;
    } else if (c === LBRACKET || c === LBRACE) value = this.flow(at, parent);
    else if (c === PIPE || c === GT) return this.blockScalar(at, parent);
    else {
      if (!this.plainStart(at, false)) decline();
      // The line was scanned already when it was tried as a key.
      const stop = this.keyAt === at ? this.keyStop : this.scanPlain(at, false);
      return this.plain(at, stop, parent);
    }
    this.skipBlank(this.restOfLine(this.p));
    return value;
  }
}
