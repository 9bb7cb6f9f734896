// YAML as a reviewer or a vendor writes it by hand: comments (whole-line and after values),
// a `---` start, blank lines, keys in another order, strings plain, single- or double-quoted,
// folded (`>`) or literal (`|`), lists as blocks or as flow sequences over one or several
// lines. `handEditedYaml(value, rnd)` gives such a document for any JSON-like value and
// checks that the `yaml` package reads it back to that very value.
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

/** A string in one of the styles a person might choose, at `indent` (for block scalars). */
function scalarText(s: string, indent: string, rnd: Rnd, inFlow: boolean): string {
  const styles: string[] = ['double'];
  if (plainSafe(s, inFlow)) styles.push('plain', 'plain', 'plain');
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
  switch (pick(rnd, styles)) {
    case 'plain':
      return s;
    case 'single':
      return singleQuoted(s);
    case 'literal': {
      const body = (s.endsWith('\n') ? s.slice(0, -1) : s).split('\n');
      return `${s.endsWith('\n') ? '|' : '|-'}\n${body.map((l) => (l === '' ? '' : indent + l)).join('\n')}`;
    }
    case 'folded': {
      // Break the line at spaces every ~40 characters: folding reads each break back as a space.
      const words = s.split(' ');
      const out: string[] = [];
      let line = '';
      for (const w of words) {
        if (line && line.length + w.length > 40) {
          out.push(line);
          line = w;
        } else line = line ? `${line} ${w}` : w;
      }
      out.push(line);
      return `>-\n${out.map((l) => indent + l).join('\n')}`;
    }
    default:
      return JSON.stringify(s);
  }
}

function flowScalar(v: unknown, rnd: Rnd): string {
  return typeof v === 'string' ? scalarText(v, '', rnd, true) : JSON.stringify(v);
}

function isMapping(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The lines of `value` as the value of a key (or a list item) at `indent`. */
function valueText(value: unknown, indent: string, rnd: Rnd): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return ' []';
    if (value.every((x) => !isMapping(x) && !Array.isArray(x)) && chance(rnd, 0.35)) {
      const items = value.map((x) => flowScalar(x, rnd));
      if (chance(rnd, 0.5)) return ` [${items.join(', ')}]`;
      return ` [\n${items.map((i) => `${indent}  ${i}`).join(',\n')}\n${indent}  ]`;
    }
    return '\n' + value.map((x) => `${indent}-${itemText(x, indent + '  ', rnd)}`).join('\n');
  }
  if (isMapping(value)) {
    if (Object.keys(value).length === 0) return ' {}';
    return '\n' + mappingText(value, indent + '  ', rnd);
  }
  if (typeof value === 'string') {
    const t = scalarText(value, indent + '  ', rnd, false);
    return ` ${t}${!t.startsWith('|') && !t.startsWith('>') && chance(rnd, 0.05) ? `  # ${pick(rnd, COMMENTS)}` : ''}`;
  }
  return ` ${JSON.stringify(value)}${chance(rnd, 0.05) ? `  # ${pick(rnd, COMMENTS)}` : ''}`;
}

function itemText(x: unknown, indent: string, rnd: Rnd): string {
  if (isMapping(x) && Object.keys(x).length > 0) {
    const [first, ...rest] = mappingText(x, indent, rnd).split('\n');
    return ` ${first!.trimStart()}${rest.length ? '\n' + rest.join('\n') : ''}`;
  }
  return valueText(x, indent, rnd);
}

function mappingText(value: Record<string, unknown>, indent: string, rnd: Rnd): string {
  const keys = Object.keys(value);
  if (chance(rnd, 0.3)) keys.sort(() => rnd() - 0.5);
  return keys
    .map((k) => {
      const key = plainSafe(k, false) ? k : JSON.stringify(k);
      const comment = chance(rnd, 0.04) ? `${indent}# ${pick(rnd, COMMENTS)}\n` : '';
      return `${comment}${indent}${key}:${valueText(value[k], indent, rnd)}`;
    })
    .join(chance(rnd, 0.2) && indent === '' ? '\n\n' : '\n');
}

/** `value` as a hand-edited YAML document (a mapping); throws if the `yaml` package would read it differently. */
export function handEditedYaml(value: Record<string, unknown>, rnd: Rnd): string {
  const head = [chance(rnd, 0.5) ? `# ${pick(rnd, COMMENTS)}\n` : '', chance(rnd, 0.2) ? '---\n' : ''].join('');
  const text = `${head}${mappingText(value, '', rnd)}\n`;
  const back = parse(text, { uniqueKeys: true, strict: true });
  if (!isDeepStrictEqual(back, value))
    throw new Error(`handEditedYaml wrote a document that reads back differently:\n${text}`);
  return text;
}
