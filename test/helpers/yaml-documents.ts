// Random YAML documents that combine, at random indentations, every construct the fast
// reader reads (and some it leaves to the `yaml` package): block mappings and sequences,
// `- key: value` items, compact and nested sequences, plain scalars of every core-schema
// type and over several lines, single- and double-quoted strings with escapes and folded
// line breaks, literal and folded block scalars with every header, blank lines holding
// spaces, flow sequences and mappings over several lines, comments everywhere, directives,
// document markers and CRLF. Most are valid YAML; which are is for the `yaml` package to say.

type Rnd = () => number;

function pick<T>(rnd: Rnd, list: readonly T[]): T {
  return list[Math.floor(rnd() * list.length)]!;
}

function chance(rnd: Rnd, p: number): boolean {
  return rnd() < p;
}

const PLAIN = [
  ...['a', 'hello world', 'tempest.api.volume.test_volumes.VolumesTest.test_create', 'x-y_z', 'é à', '😀'],
  ...['0', '-0', '+12', '007', '0o17', '0o8', '0x1F', '0xg', '1e3', '1E+3', '.5', '1.', '-.inf', '.NaN', '.nan1'],
  ...['12345678901234567890', '1_000', 'true', 'True', 'TRUE', 'tRUE', 'false', 'no', 'yes', 'on', 'null', 'Null'],
  ...['~', 'NULL', 'nULL', '2025-10-01', '2025.2', 'a:b', 'a#b', 'http://x/y?z=1#f', 'a, b', 'a [b] {c}', '-x'],
  ...['?x', ':x', 'a - b', "it's", 'say "hi"', 'a\\b', '<<', '__proto__', 'constructor', 'toString', '%x'],
];

const KEYS = [
  ...['a', 'b', 'driver', 'notes', 'failed_tests', 'x y', '1', '-1', '0x10', '1.0', 'true', 'null', '~'],
  ...['"quoted"', "'single'", '"a: b"', '"with \\" quote"', "'it''s'", '__proto__', 'constructor', '<<', 'a#b'],
  ...['a:b', 'é', '"\\t"', '""', "''", '-x', '?x', 'k[0]', 'a,b'],
];

const ESCAPES = ['\\n', '\\t', '\\\\', '\\"', '\\/', '\\0', '\\a', '\\e', '\\N', '\\_', '\\L', '\\P', '\\ ', '\\x41'];
const MORE_ESCAPES = ['\\u00e9', '\\U0001F600', '\\uD800', '\\x4', '\\q', '\\U00110000', '\\\t'];

function doubleQuoted(rnd: Rnd, cont: string): string {
  let out = '"';
  for (let i = Math.floor(rnd() * 6); i >= 0; i--) {
    const k = rnd();
    if (k < 0.35) out += pick(rnd, ['word', 'two words', ' lead', 'trail ', 'tab\there', "'", '#', ': ', 'é']);
    else if (k < 0.6) out += pick(rnd, ESCAPES);
    else if (k < 0.65) out += pick(rnd, MORE_ESCAPES);
    else if (k < 0.8) out += `\n${cont}${' '.repeat(Math.floor(rnd() * 3))}`;
    else if (k < 0.85) out += `\n\n${cont}`;
    else if (k < 0.9) out += `\\\n${cont}${pick(rnd, ['', ' ', '\t'])}`;
    else
      out += pick(rnd, [
        '  \n' + cont,
        '\t\n' + cont,
        '\n  \n' + cont,
        '\n' + ' '.repeat(Math.max(0, cont.length - 1)),
      ]);
  }
  return out + '"';
}

function singleQuoted(rnd: Rnd, cont: string): string {
  let out = "'";
  for (let i = Math.floor(rnd() * 5); i >= 0; i--) {
    const k = rnd();
    if (k < 0.5) out += pick(rnd, ['word', 'two words', ' lead', 'trail ', '\\n', '"', '#', ': ', 'tab\there']);
    else if (k < 0.7) out += "''";
    else if (k < 0.85) out += `\n${cont}`;
    else out += pick(rnd, ['\n\n' + cont, '  \n' + cont, '\n  \n' + cont]);
  }
  return out + "'";
}

function plainScalar(rnd: Rnd, cont: string, flow: boolean): string {
  let out = pick(rnd, PLAIN);
  if (flow) return out;
  if (chance(rnd, 0.15)) out += `\n${cont}${pick(rnd, ['more', 'even more text', '- dash', '0', 'x: y', '# c'])}`;
  if (chance(rnd, 0.05)) out += `\n\n${cont}after a blank line`;
  return out;
}

/** A block scalar (header, then its lines) as the value of a node indented `indent`. */
function blockScalar(rnd: Rnd, indent: number): string {
  const explicit = chance(rnd, 0.3) ? 1 + Math.floor(rnd() * 3) : 0;
  const chomp = pick(rnd, ['', '-', '+']);
  const header =
    pick(rnd, ['|', '>']) +
    (chance(rnd, 0.5) ? `${explicit || ''}${chomp}` : `${chomp}${explicit || ''}`) +
    pick(rnd, ['', '', ' # header comment', ' ']);
  const base = indent + (explicit || 1 + Math.floor(rnd() * 3));
  const lines: string[] = [];
  for (let i = Math.floor(rnd() * 6); i >= 0; i--) {
    const k = rnd();
    if (k < 0.55) lines.push(' '.repeat(base) + pick(rnd, ['text', 'more text', 'a: b', '# not a comment', "'q'"]));
    else if (k < 0.7) lines.push(' '.repeat(base + 1 + Math.floor(rnd() * 2)) + 'more indented');
    else if (k < 0.8) lines.push('');
    else if (k < 0.9) lines.push(' '.repeat(Math.floor(rnd() * (base + 3))));
    else lines.push(' '.repeat(base) + pick(rnd, ['\ttab first', 'tab\tinside', 'trailing  ']));
  }
  if (chance(rnd, 0.3))
    lines.push(...Array.from({ length: 1 + Math.floor(rnd() * 2) }, () => ' '.repeat(Math.floor(rnd() * 4))));
  return `${header}\n${lines.join('\n')}`;
}

function flowCollection(rnd: Rnd, cont: string, depth: number): string {
  const seq = chance(rnd, 0.7);
  const items: string[] = [];
  for (let i = Math.floor(rnd() * 4); i >= 0; i--) {
    const v =
      depth < 2 && chance(rnd, 0.15)
        ? flowCollection(rnd, cont, depth + 1)
        : chance(rnd, 0.3)
          ? doubleQuoted(rnd, cont)
          : chance(rnd, 0.2)
            ? singleQuoted(rnd, cont)
            : plainScalar(rnd, cont, true);
    items.push(seq ? v : `${pick(rnd, KEYS)}: ${v}`);
  }
  const multi = chance(rnd, 0.4);
  const sep = multi
    ? pick(rnd, [',\n' + cont, ', # c\n' + cont, ',\n\n' + cont, ' ,\n' + cont])
    : pick(rnd, [', ', ',', ' , ']);
  const [open, close] = seq ? ['[', ']'] : ['{', '}'];
  const end = multi ? pick(rnd, ['\n' + cont, '', ',\n' + cont, '\n' + cont.slice(1)]) : pick(rnd, ['', ',', ' ']);
  return `${open}${multi ? pick(rnd, ['\n' + cont, ' ', '']) : ''}${items.join(sep)}${end}${close}`;
}

/** A value for a key or an item at `indent`: on the same line (leading space included) or on the next lines. */
function value(rnd: Rnd, indent: number, depth: number): string {
  const cont = ' '.repeat(indent + 1 + Math.floor(rnd() * 2));
  const k = rnd();
  const comment = chance(rnd, 0.1) ? pick(rnd, [' # c', '  #c', ' #']) : '';
  if (depth < 4 && k < 0.2) return `${comment}\n${mapping(rnd, indent + 1 + Math.floor(rnd() * 3), depth + 1)}`;
  if (depth < 4 && k < 0.35) {
    const at = chance(rnd, 0.3) ? indent : indent + 1 + Math.floor(rnd() * 3);
    return `${comment}\n${sequence(rnd, at, depth + 1)}`;
  }
  if (k < 0.45) return ` ${blockScalar(rnd, indent)}`;
  if (k < 0.55) return ` ${flowCollection(rnd, cont, 0)}${comment}`;
  if (k < 0.65) return ` ${doubleQuoted(rnd, cont)}${comment}`;
  if (k < 0.72) return ` ${singleQuoted(rnd, cont)}${comment}`;
  if (k < 0.75) return comment;
  if (k < 0.78) return `\n${cont}${plainScalar(rnd, cont + ' ', false)}`;
  return ` ${plainScalar(rnd, cont, false)}${comment}`;
}

function mapping(rnd: Rnd, indent: number, depth: number, first = ' '.repeat(indent)): string {
  const pad = ' '.repeat(indent);
  const lines: string[] = [];
  for (let i = Math.floor(rnd() * 5); i >= 0; i--) {
    if (chance(rnd, 0.1)) lines.push(`${' '.repeat(Math.floor(rnd() * 6))}# a comment`);
    if (chance(rnd, 0.1)) lines.push(pick(rnd, ['', '  ', ' '.repeat(indent + 3)]));
    const key = pick(rnd, KEYS) + (chance(rnd, 0.05) ? ' ' : '');
    lines.push(`${lines.length === 0 ? first : pad}${key}:${value(rnd, indent, depth)}`);
  }
  return lines.join('\n');
}

function sequence(rnd: Rnd, indent: number, depth: number, first = ' '.repeat(indent)): string {
  const pad = ' '.repeat(indent);
  const lines: string[] = [];
  for (let i = Math.floor(rnd() * 5); i >= 0; i--) {
    const start = lines.length === 0 ? first : pad;
    const k = rnd();
    const gap = pick(rnd, [' ', ' ', '  ']);
    if (depth < 4 && k < 0.25) lines.push(mapping(rnd, indent + 1 + gap.length, depth + 1, `${start}-${gap}`));
    else if (depth < 4 && k < 0.3) lines.push(sequence(rnd, indent + 1 + gap.length, depth + 1, `${start}-${gap}`));
    else if (k < 0.35) lines.push(`${start}-`);
    else lines.push(`${start}-${value(rnd, indent, depth)}`);
    if (chance(rnd, 0.08)) lines.push(`${' '.repeat(Math.floor(rnd() * 4))}# between items`);
  }
  return lines.join('\n');
}

/** One random document. */
export function composedYaml(rnd: Rnd): string {
  const head = [
    chance(rnd, 0.2) ? '# a leading comment\n' : '',
    chance(rnd, 0.05) ? pick(rnd, ['%YAML 1.2\n', '%YAML 1.1\n', '%TAG ! tag:x,2000:\n']) : '',
    chance(rnd, 0.2) ? pick(rnd, ['---\n', '--- # start\n', '---  \n']) : '',
  ].join('');
  const body = chance(rnd, 0.85) ? mapping(rnd, chance(rnd, 0.9) ? 0 : 2, 0) : sequence(rnd, 0, 0);
  const tail = pick(rnd, ['\n', '\n', '', '\n\n', '\n...\n', '\n# trailing\n', '\n  ', '\n---\nb: 1\n']);
  const text = head + body + tail;
  return chance(rnd, 0.1) ? text.replace(/\n/g, '\r\n') : text;
}
