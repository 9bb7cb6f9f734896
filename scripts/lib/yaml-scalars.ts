// Scalars for the block-style reader (yaml-fast.ts), resolved and unescaped exactly as the `yaml`
// package does (its compose/resolve-flow-scalar, resolve-block-scalar and schema/core): plain
// scalars under the YAML 1.2 core schema, quoted scalars with their escapes and line folding,
// and the body of block scalars. What the `yaml` package would report as an error throws
// DECLINE, so that the full parser reads the document and reports it.

/** Thrown (never caught outside the reader) when the reader leaves a document to the `yaml` package. */
export const DECLINE: unique symbol = Symbol('decline');

/** Leave the document to the `yaml` package. */
export function decline(): never {
  throw DECLINE;
}

// The `yaml` package's core schema (schema/core/*.js): its tests, in its order.
const INT_OCT = /^0o[0-7]+$/;
const INT = /^[-+]?[0-9]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

/** What a plain scalar means under the YAML 1.2 core schema: null, a boolean, a number, or the text itself. */
export function resolvePlain(v: string): unknown {
  const len = v.length;
  if (len === 0) return null;
  switch (v.charCodeAt(0)) {
    case 0x7e: // ~
      return len === 1 ? null : v;
    case 0x6e: // n
    case 0x4e: // N
      return len === 4 && (v === 'null' || v === 'Null' || v === 'NULL') ? null : v;
    case 0x74: // t
    case 0x54: // T
      return len === 4 && (v === 'true' || v === 'True' || v === 'TRUE') ? true : v;
    case 0x66: // f
    case 0x46: // F
      return len === 5 && (v === 'false' || v === 'False' || v === 'FALSE') ? false : v;
    case 0x2b: // +
    case 0x2d: // -
    case 0x2e: // .
      return resolveNumber(v);
    default: {
      const c = v.charCodeAt(0);
      return c >= 0x30 && c <= 0x39 ? resolveNumber(v) : v;
    }
  }
}

function resolveNumber(v: string): unknown {
  if (INT_OCT.test(v)) return parseInt(v.substring(2), 8);
  if (INT.test(v)) return parseInt(v, 10);
  if (INT_HEX.test(v)) return parseInt(v.substring(2), 16);
  if (FLOAT_NAN.test(v)) return v.slice(-3).toLowerCase() === 'nan' ? NaN : v[0] === '-' ? -Infinity : Infinity;
  if (FLOAT_EXP.test(v) || FLOAT.test(v)) return parseFloat(v);
  return v;
}

/** A mapping key as the `yaml` package's toJS writes it into an object: null as '', anything else as text. */
export function keyText(v: unknown): string {
  return v === null ? '' : String(v);
}

/** Lines folded as in a plain or single-quoted scalar: one break is a space, n + 1 breaks are n newlines. */
export function unfoldLines(source: string): string {
  const lines = source.split('\n');
  if (lines.length === 1) return source;
  let res = lines[0]!.replace(/[ \t]+$/, '');
  let sep = ' ';
  for (let i = 1; i < lines.length - 1; i++) {
    const lm = lines[i]!.replace(/^[ \t]+|[ \t]+$/g, '');
    if (lm === '') {
      if (sep === '\n') res += sep;
      else sep = '\n';
    } else {
      res += sep + lm;
      sep = ' ';
    }
  }
  return res + sep + lines[lines.length - 1]!.replace(/^[ \t]+/, '');
}

/** The value of a single-quoted scalar's source (quotes included). */
export function singleQuotedValue(source: string): string {
  return unfoldLines(source.slice(1, -1)).replace(/''/g, "'");
}

const ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  '\t': '\t',
};

/** The value of a double-quoted scalar's source (quotes included); an invalid escape declines. */
export function doubleQuotedValue(source: string): string {
  let res = '';
  const last = source.length - 1;
  for (let i = 1; i < last; ++i) {
    const ch = source[i]!;
    if (ch === '\n') {
      // Fold: one break is a space, n + 1 breaks are n newlines; the next line's indentation goes.
      let fold = '';
      let next = source[i + 1];
      while (next === ' ' || next === '\t' || next === '\n') {
        if (next === '\n') fold += '\n';
        next = source[++i + 1];
      }
      res += fold || ' ';
    } else if (ch === '\\') {
      const next = source[++i]!;
      const code = ESCAPES[next];
      if (code !== undefined) res += code;
      else if (next === '\n') {
        // An escaped line break joins the lines; the next line's indentation goes.
        while (source[i + 1] === ' ' || source[i + 1] === '\t') i++;
      } else if (next === 'x' || next === 'u' || next === 'U') {
        const length = next === 'x' ? 2 : next === 'u' ? 4 : 8;
        const hex = source.substr(i + 1, length);
        if (hex.length !== length || !/^[0-9a-fA-F]+$/.test(hex)) decline();
        const cp = parseInt(hex, 16);
        if (cp > 0x10ffff) decline();
        res += String.fromCodePoint(cp);
        i += length;
      } else decline();
    } else if (ch === ' ' || ch === '\t') {
      // White space before a line break goes.
      const start = i;
      let next = source[i + 1];
      while (next === ' ' || next === '\t') next = source[++i + 1];
      if (next !== '\n') res += source.slice(start, i + 1);
    } else res += ch;
  }
  return res;
}

/** A block scalar's header: `|` or `>`, an indentation indicator (1-9) and chomping (`-`, `+`), in either order. */
export interface BlockHeader {
  folded: boolean;
  /** The explicit indentation indicator, 0 when there is none. */
  indent: number;
  chomp: '' | '-' | '+';
}

/**
 * The value of a block scalar from its lines, each `[indentation, content]` (content without
 * the line break; a line of spaces only has content ''), `trimIndent` being the parent's
 * indentation plus the explicit indicator, or -1 to take the first content line's.
 */
export function blockScalarValue(header: BlockHeader, lines: [number, string][], parentIndent: number): string {
  let chompStart = lines.length;
  for (let i = lines.length - 1; i >= 0 && lines[i]![1] === ''; --i) chompStart = i;
  if (chompStart === 0)
    return header.chomp === '+' && lines.length > 0 ? '\n'.repeat(Math.max(1, lines.length - 1)) : '';
  let trimIndent = parentIndent + header.indent;
  let contentStart = 0;
  for (let i = 0; i < chompStart; ++i) {
    const [indent, content] = lines[i]!;
    if (content === '') {
      if (header.indent === 0 && indent > trimIndent) trimIndent = indent;
    } else {
      // More-indented leading empty lines need an explicit indicator (the `yaml` package's error).
      if (indent < trimIndent) decline();
      if (header.indent === 0) trimIndent = indent;
      contentStart = i;
      break;
    }
  }
  for (let i = lines.length - 1; i >= chompStart; --i) if (lines[i]![0] > trimIndent) chompStart = i + 1;
  let value = '';
  let sep = '';
  let prevMoreIndented = false;
  for (let i = 0; i < contentStart; ++i) value += ' '.repeat(Math.max(0, lines[i]![0] - trimIndent)) + '\n';
  for (let i = contentStart; i < chompStart; ++i) {
    const [indent, content] = lines[i]!;
    if (content !== '' && indent < trimIndent) decline();
    const extra = ' '.repeat(Math.max(0, indent - trimIndent));
    if (!header.folded) {
      value += sep + extra + content;
      sep = '\n';
    } else if (indent > trimIndent || content[0] === '\t') {
      if (sep === ' ') sep = '\n';
      else if (!prevMoreIndented && sep === '\n') sep = '\n\n';
      value += sep + extra + content;
      sep = '\n';
      prevMoreIndented = true;
    } else if (content === '') {
      if (sep === '\n') value += '\n';
      else sep = '\n';
    } else {
      value += sep + content;
      sep = ' ';
      prevMoreIndented = false;
    }
  }
  if (header.chomp === '+') {
    for (let i = chompStart; i < lines.length; ++i) value += '\n' + ' '.repeat(Math.max(0, lines[i]![0] - trimIndent));
    if (value[value.length - 1] !== '\n') value += '\n';
  } else if (header.chomp === '') value += '\n';
  return value;
}
