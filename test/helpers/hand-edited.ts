// YAML as a reviewer or a vendor writes it by hand: comments (whole-line, after values and
// between list items), a `---` start and a `...` end, blank lines, keys in another order,
// indentation by two or four spaces, lists indented under their key or at its column, strings
// plain (on one line or folded over several), single- or double-quoted (a long one folded over
// lines), folded (`>`) or literal (`|`), lists as blocks or as flow sequences over one or
// several lines, small mappings as flow mappings, extra spaces after a colon, trailing spaces,
// and Windows line ends. `handEditedYaml(value, rnd)` gives such a document for any JSON-like
// value and checks that the `yaml` package reads it back to that very value.
import { isDeepStrictEqual } from 'node:util';
import { parse } from 'yaml';

type Rnd = () => number;

const COMMENTS = [
  'checked by hand against the run',
  'see README.md for local.conf',
  're-run after the firmware upgrade',
  'TODO: ask the vendor about this one',
];

function chance(rnd: Rnd, p: number): boolean {
  return rnd() < p;
}

function pick<T>(rnd: Rnd, list: readonly T[]): T {
  return list[Math.floor(rnd() * list.length)]!;
}

/** How one document is laid out: a person keeps to one habit within a file. */
interface Style {
  rnd: Rnd;
  /** The indentation step: two or four spaces. */
  step: string;
  /** Whether a key's block list sits at the key's own column (`key:\n- a`). */
  compactLists: boolean;
}

/** Whether `s` reads back as itself when written plain. */
function plainSafe(s: string, inFlow: boolean): boolean {
  if (s === '' || s !== s.trim() || /[\n\t]|: | #|^[-?:,[\]{}#&*!|>'"%@`]/.test(s) || s.endsWith(':')) return false;
  if (inFlow && /[,[\]{}]/.test(s)) return false;
  // Words that no core-schema rule reads as anything but text (the common case, decided without parsing).
  if (/^[A-Za-z_][\w./()-]*(?: [\w./()-]+)*$/.test(s) && !/^(?:true|false|null)$/i.test(s)) return true;
  try {
    return parse(`k: ${s}\n`)?.k === s;
  } catch {
    return false;
  }
}

function singleQuoted(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/** Words of `s` (separated by single spaces) in lines of about 40 characters. */
function wrap(s: string): string[] {
  const out: string[] = [];
  let line = '';
  for (const w of s.split(' ')) {
    if (line && line.length + w.length > 40) {
      out.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  out.push(line);
  return out;
}

/** Whether `s` is words separated by single spaces, so that folding its lines gives it back. */
function foldable(s: string): boolean {
  return s.length > 40 && / /.test(s) && !/ {2}|^ | $|[\n\t\r]/.test(s);
}

/** A string in one of the styles a person might choose, at `indent` (for block and folded scalars). */
function scalarText(s: string, indent: string, st: Style, inFlow: boolean): string {
  const { rnd } = st;
  const styles: string[] = ['double'];
  const plain = plainSafe(s, inFlow);
  if (plain) styles.push('plain', 'plain', 'plain');
  if (!/[\n\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]/.test(s)) styles.push('single');
  const lines = s.split('\n');
  const blockSafe =
    !inFlow &&
    s.length > 0 &&
    !/[\t\r\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff]/.test(s) &&
    lines.every((l) => l === l.trimEnd()) &&
    !/^\s/.test(s);
  if (blockSafe && lines.length > 1 && !s.endsWith('\n\n')) styles.push('literal', 'literal');
  if (blockSafe && lines.length === 1 && s.length > 30 && !/ {2}/.test(s)) styles.push('folded', 'folded');
  const wrapped = foldable(s) && !inFlow ? wrap(s) : [];
  // A plain string folded over lines: each line must start like text, and none may end a key.
  if (plain && wrapped.length > 1 && wrapped.every((l) => /^[A-Za-z0-9(]/.test(l) && plainSafe(l, false)))
    styles.push('plain lines');
  if (wrapped.length > 1 && !/["\\\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]/.test(s)) styles.push('double lines');
  switch (pick(rnd, styles)) {
    case 'plain':
      return s;
    case 'single':
      return singleQuoted(s);
    case 'plain lines':
      return wrapped.join(`\n${indent}`);
    case 'double lines':
      return `"${wrapped.join(`\n${indent}`)}"`;
    case 'literal': {
      const body = (s.endsWith('\n') ? s.slice(0, -1) : s).split('\n');
      return `${s.endsWith('\n') ? '|' : '|-'}\n${body.map((l) => (l === '' ? '' : indent + l)).join('\n')}`;
    }
    case 'folded':
      // Break the line at spaces every ~40 characters: folding reads each break back as a space.
      return `>-\n${wrap(s)
        .map((l) => indent + l)
        .join('\n')}`;
    default:
      return JSON.stringify(s);
  }
}

function flowScalar(v: unknown, st: Style): string {
  return typeof v === 'string' ? scalarText(v, '', st, true) : JSON.stringify(v);
}

function isMapping(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isScalar(v: unknown): boolean {
  return !isMapping(v) && !Array.isArray(v);
}

/** What may follow a value on its line: nothing, spaces, or a comment. */
function lineEnd(st: Style): string {
  if (chance(st.rnd, 0.05)) return `  # ${pick(st.rnd, COMMENTS)}`;
  return chance(st.rnd, 0.03) ? pick(st.rnd, [' ', '   ']) : '';
}

/** After a key's colon: one space, or a few. */
function gap(st: Style): string {
  return chance(st.rnd, 0.04) ? '   ' : ' ';
}

/** The lines of `value` as the value of a key (or a list item) at `indent`. */
function valueText(value: unknown, indent: string, st: Style, listItem = false): string {
  const { rnd } = st;
  const inner = indent + st.step;
  if (Array.isArray(value)) {
    if (value.length === 0) return ` []${lineEnd(st)}`;
    if (value.every(isScalar) && chance(rnd, 0.35)) {
      const items = value.map((x) => flowScalar(x, st));
      if (chance(rnd, 0.5)) return `${gap(st)}[${items.join(', ')}]${lineEnd(st)}`;
      return ` [\n${items.map((i) => `${inner}${i}`).join(',\n')}\n${inner}]`;
    }
    const at = st.compactLists && !listItem ? indent : inner;
    const lines = value.map((x) => {
      const comment = chance(rnd, 0.01) ? `${at}# ${pick(rnd, COMMENTS)}\n` : '';
      return `${comment}${at}-${itemText(x, at, st)}`;
    });
    return '\n' + lines.join('\n');
  }
  if (isMapping(value)) {
    const entries = Object.entries(value);
    if (entries.length === 0) return ' {}';
    const small = entries.length <= 3 && entries.every(([k, v]) => isScalar(v) && plainSafe(k, true));
    if (small && chance(rnd, 0.1))
      return ` {${entries.map(([k, v]) => `${k}: ${flowScalar(v, st)}`).join(', ')}}${lineEnd(st)}`;
    return '\n' + mappingText(value, inner, st);
  }
  if (typeof value === 'string') {
    const t = scalarText(value, inner, st, false);
    return `${gap(st)}${t}${/^[|>]/.test(t) ? '' : lineEnd(st)}`;
  }
  return `${gap(st)}${JSON.stringify(value)}${lineEnd(st)}`;
}

/** A list item after its `-` at `at`: a mapping starts on the dash's line, its keys two columns in. */
function itemText(x: unknown, at: string, st: Style): string {
  if (isMapping(x) && Object.keys(x).length > 0) {
    const [first, ...rest] = mappingText(x, `${at}  `, st).split('\n');
    return ` ${first!.trimStart()}${rest.length ? '\n' + rest.join('\n') : ''}`;
  }
  return valueText(x, at, st, true);
}

function mappingText(value: Record<string, unknown>, indent: string, st: Style): string {
  const { rnd } = st;
  const keys = Object.keys(value);
  if (chance(rnd, 0.3)) keys.sort(() => rnd() - 0.5);
  return keys
    .map((k) => {
      const key = plainSafe(k, false) ? k : JSON.stringify(k);
      const comment = chance(rnd, 0.04) ? `${indent}# ${pick(rnd, COMMENTS)}\n` : '';
      return `${comment}${indent}${key}:${valueText(value[k], indent, st)}`;
    })
    .join(chance(rnd, 0.2) && indent === '' ? '\n\n' : '\n');
}

/** `value` as a hand-edited YAML document (a mapping); throws if the `yaml` package would read it differently. */
export function handEditedYaml(value: Record<string, unknown>, rnd: Rnd): string {
  const st: Style = { rnd, step: chance(rnd, 0.25) ? '    ' : '  ', compactLists: chance(rnd, 0.3) };
  const head = [chance(rnd, 0.5) ? `# ${pick(rnd, COMMENTS)}\n` : '', chance(rnd, 0.2) ? '---\n' : ''].join('');
  const tail = chance(rnd, 0.05) ? '...\n' : '';
  let text = `${head}${mappingText(value, '', st)}\n${tail}`;
  // Some editors save with Windows line ends.
  if (chance(rnd, 0.05)) text = text.replace(/\n/g, '\r\n');
  const back = parse(text, { uniqueKeys: true, strict: true });
  if (!isDeepStrictEqual(back, value))
    throw new Error(`handEditedYaml wrote a document that reads back differently:\n${text}`);
  return text;
}
