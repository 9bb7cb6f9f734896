// A fast reader for the plain block YAML our writers emit (result.yaml, cycle.yaml,
// drivers.yaml), used where thousands of files must be read quickly (the matrix).
//
// It accepts only a strict subset whose meaning is unambiguous: block mappings with
// simple keys, block sequences of scalars or mappings, `[]`/`{}`, flow sequences of simple
// words, JSON-compatible double-quoted strings, `|`/`|-` literals, and one-line plain
// scalars (strings, booleans, whole numbers). Anything else (anchors, tags, comments after values,
// single quotes, multi-line scalars, floats, nulls, tabs, odd characters…) answers
// `undefined`, and the caller parses the file with the full `yaml` parser instead.
// Whatever it accepts, it reads exactly as the `yaml` package does (the test suite
// checks this differentially on generated and mutated documents).

/** The parsed value, or undefined when the text is outside the subset (use the full parser). */
export function parseYamlSubset(text: string): unknown {
  if (!text.endsWith('\n') || FORBIDDEN.test(text) || (SURROGATE.test(text) && LONE_SURROGATE.test(text)))
    return undefined;
  const p = new SubsetParser(text);
  try {
    const first = p.nextStructural();
    if (first === -1 || p.indentAt(first) !== 0 || p.isSeqItem(first)) return undefined;
    const value = p.mapping(0);
    return p.nextStructural() === -1 ? value : undefined;
  } catch (e) {
    // A RangeError is a regular expression or a recursion running out of stack on a huge
    // value: the full parser reads such a file (or says what is wrong with it).
    if (e === OUTSIDE || e instanceof RangeError) return undefined;
    throw e;
  }
}

// Characters the subset never accepts: controls (but \n), tabs, CR, DEL, C1, line and
// paragraph separators, the BOM, non-characters and lone surrogates.
const FORBIDDEN = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/;
const SURROGATE = /[\ud800-\udfff]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const OUTSIDE = Symbol('outside the subset');
function outside(): never {
  throw OUTSIDE;
}

const KEY = /^[A-Za-z_][A-Za-z0-9_.-]{0,127}$/;
const TYPED_KEY = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE|[Nn]ull|NULL)$/;
// A plain scalar on one line: a safe first character, then anything but `: `, ` #` or a
// final `:`.
const PLAIN_FIRST = /^[A-Za-z0-9_(\/$\u00a0-\uffff]/;
function plainBad(s: string): boolean {
  return s.includes(': ') || s.includes(' #') || s.endsWith(':');
}

/** `key: value` (value undefined for `key:`), or undefined when the line is not a simple key line. */
function keyLine(line: string): { key: string; value: string | undefined } | undefined {
  const colon = line.indexOf(':');
  if (colon < 1) return undefined;
  const key = line.slice(0, colon);
  if (!KEY.test(key)) return undefined;
  if (colon === line.length - 1) return { key, value: undefined };
  return line.charCodeAt(colon + 1) === 32 ? { key, value: line.slice(colon + 2) } : undefined;
}
const FLOW_WORD =
  /^[A-Za-z0-9_(\/$\u00a0-\uffff][A-Za-z0-9_.\/()+=@$;\u00a0-\uffff-]*(?: +[A-Za-z0-9_.\/()+=@$;\u00a0-\uffff-]+)*$/;
const HEX4 = /^[0-9a-fA-F]{4}$/;

/** A JSON-compatible double-quoted string, checked in one pass (a regular expression overflows the stack on megabytes). */
function isJsonString(raw: string): boolean {
  const end = raw.length - 1;
  if (end < 1 || raw.charCodeAt(0) !== 34 || raw.charCodeAt(end) !== 34) return false;
  for (let i = 1; i < end; i++) {
    const c = raw.charCodeAt(i);
    if (c === 34) return false;
    if (c !== 92) continue;
    const e = raw[++i];
    if (e === 'u') {
      if (!HEX4.test(raw.slice(i + 1, i + 5)) || i + 4 >= end) return false;
      i += 4;
    } else if (e === undefined || i >= end || !'"\\/bfnrt'.includes(e)) return false;
  }
  return true;
}
// The YAML 1.2 core schema's non-string plain scalars (as the yaml package resolves them).
const CORE_NON_STRING = [
  /^(?:~|[Nn]ull|NULL)?$/,
  /^0o[0-7]+$/,
  /^0x[0-9a-fA-F]+$/,
  /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/,
];
const MAYBE_TYPED = /^[-+.0-9~nNtTfF]|^$/;
const CORE_TRUE = /^(?:[Tt]rue|TRUE)$/;
const CORE_FALSE = /^(?:[Ff]alse|FALSE)$/;
const CORE_INT = /^[-+]?[0-9]+$/;
const SAFE_INT = /^(?:0|[1-9][0-9]{0,14})$/;

class SubsetParser {
  private readonly lines: string[];
  /** Column where each line's content starts (a `- ` item moves it right). */
  private readonly starts: number[];
  private pos = 0;

  constructor(text: string) {
    this.lines = text.split('\n');
    if (this.lines[this.lines.length - 1] === '') this.lines.pop();
    this.starts = this.lines.map((l) => l.length - l.trimStart().length);
  }

  /** The index of the next line that is not blank or a comment (-1 at the end); moves past the others. */
  nextStructural(): number {
    while (this.pos < this.lines.length) {
      const line = this.lines[this.pos]!;
      const rest = line.slice(this.starts[this.pos]!);
      if (rest === '' || rest.startsWith('#')) {
        this.pos++;
        continue;
      }
      if (rest.endsWith(' ')) outside();
      return this.pos;
    }
    return -1;
  }

  indentAt(i: number): number {
    return this.starts[i]!;
  }

  isSeqItem(i: number): boolean {
    const rest = this.content(i);
    return rest === '-' || rest.startsWith('- ');
  }

  private content(i: number): string {
    return this.lines[i]!.slice(this.starts[i]!);
  }

  /** A block mapping whose keys sit at column `indent`. */
  mapping(indent: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (let i = this.nextStructural(); i !== -1 && this.indentAt(i) >= indent; i = this.nextStructural()) {
      if (this.indentAt(i) > indent || this.isSeqItem(i)) outside();
      const m = keyLine(this.content(i));
      if (!m) outside();
      const key = m.key;
      if (TYPED_KEY.test(key) || key === '__proto__' || Object.prototype.hasOwnProperty.call(out, key)) outside();
      this.pos = i + 1;
      out[key] = this.value(m.value, indent, true);
    }
    return out;
  }

  /** A block sequence whose `- ` markers sit at column `indent`. */
  private sequence(indent: number): unknown[] {
    const out: unknown[] = [];
    for (let i = this.nextStructural(); i !== -1 && this.indentAt(i) >= indent; i = this.nextStructural()) {
      if (this.indentAt(i) > indent || !this.isSeqItem(i)) outside();
      const after = this.content(i).slice(1);
      const spaces = after.length - after.trimStart().length;
      const item = after.trimStart();
      if (spaces === 0 || item === '') outside();
      if (item.includes(':') && keyLine(item)) {
        // `- key: value` starts a mapping whose keys line up with `key`.
        this.starts[i] = indent + 1 + spaces;
        out.push(this.mapping(indent + 1 + spaces));
      } else {
        this.pos = i + 1;
        out.push(this.value(item, indent, false));
      }
    }
    return out;
  }

  /** The value after `key:` or `- ` on a line whose structure sits at column `indent`. */
  private value(raw: string | undefined, indent: number, inMapping: boolean): unknown {
    if (raw === undefined || raw === '') {
      if (!inMapping) outside();
      const next = this.nextStructural();
      if (next === -1 || this.indentAt(next) <= indent) outside();
      return this.isSeqItem(next) ? this.sequence(this.indentAt(next)) : this.mapping(this.indentAt(next));
    }
    if (raw === '|' || raw === '|-') {
      if (!inMapping) outside();
      return this.literal(indent, raw === '|-');
    }
    return scalar(raw);
  }

  /** A `|` (clip) or `|-` (strip) literal block under a key at column `indent`. */
  private literal(indent: number, strip: boolean): string {
    const body: string[] = [];
    let contentIndent = -1;
    while (this.pos < this.lines.length) {
      const line = this.lines[this.pos]!;
      if (line === '') {
        body.push('');
        this.pos++;
        continue;
      }
      const lead = this.starts[this.pos]!;
      if (lead === line.length) outside(); // a line of spaces: its meaning depends on the indentation
      if (contentIndent === -1) {
        if (lead <= indent) break;
        contentIndent = lead;
      }
      if (lead < contentIndent) {
        if (lead > indent) outside();
        break;
      }
      body.push(line.slice(contentIndent));
      this.pos++;
    }
    if (contentIndent === -1) outside();
    while (body.length && body[body.length - 1] === '') body.pop();
    if (body.length === 0) outside();
    const text = body.join('\n');
    return strip ? text : text + '\n';
  }
}

/** A one-line scalar in block context. */
function scalar(raw: string): unknown {
  if (raw === '[]') return [];
  if (raw === '{}') return {};
  if (raw.startsWith('"')) {
    if (!isJsonString(raw)) outside();
    return JSON.parse(raw) as string;
  }
  if (raw.startsWith('[')) {
    if (!raw.endsWith(']')) outside();
    return raw
      .slice(1, -1)
      .split(', ')
      .map((w) => {
        if (!FLOW_WORD.test(w)) outside();
        return plain(w);
      });
  }
  if (!PLAIN_FIRST.test(raw) || plainBad(raw)) outside();
  return plain(raw);
}

/** How the YAML 1.2 core schema reads a plain scalar: a string, a boolean or a whole number (else outside). */
function plain(s: string): string | number | boolean {
  // Only these first characters can start a non-string (null, bool, number, .inf, .nan).
  if (!MAYBE_TYPED.test(s)) return s;
  if (CORE_TRUE.test(s)) return true;
  if (CORE_FALSE.test(s)) return false;
  if (CORE_INT.test(s)) {
    if (!SAFE_INT.test(s)) outside();
    return Number(s);
  }
  for (const re of CORE_NON_STRING) if (re.test(s)) outside();
  return s;
}
