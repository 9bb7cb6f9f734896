// The fast YAML reader: js-yaml with a schema that resolves scalars exactly as the `yaml`
// package's YAML 1.2 core schema does (the same tests and conversions) and builds mappings
// as its toJS does. It is a full YAML parser, not a subset: comments, folded and literal
// blocks, quoted strings and flow collections all take this path. What it does not read
// plainly (an alias, a tag, a duplicate key, a syntax error, deep nesting, and the corners
// listed in NEEDS_FULL_PARSER where the two parsers part ways) makes it answer undefined,
// and the caller reads the file with the `yaml` package, the authority on errors and lines.
// test/yaml-fast.test.ts holds the two to the same data on hand-edited and mutated documents.
import {
  NOT_RESOLVED,
  Schema,
  defineMappingTag,
  defineScalarTag,
  load,
  seqTag,
  strTag,
  type ScalarTagDefinition,
} from 'js-yaml';

/** A scalar test of the `yaml` package's core schema and the value it gives. */
type Rule = readonly [RegExp, (s: string) => unknown];

/**
 * One core-schema tag (js-yaml keeps one definition per tag name): the first rule whose test
 * matches resolves a plain scalar; an explicit tag is left to the full parser.
 */
function coreScalar(tag: string, firstChars: string, rules: readonly Rule[]): ScalarTagDefinition<unknown> {
  return defineScalarTag<unknown>(`tag:yaml.org,2002:${tag}`, {
    implicit: true,
    // The first characters a match can start with ('' for the empty scalar): js-yaml tries no other scalar.
    implicitFirstChars: ['', ...firstChars],
    resolve(source, isExplicit) {
      if (isExplicit) return NOT_RESOLVED;
      for (const [test, value] of rules) if (test.test(source)) return value(source);
      return NOT_RESOLVED;
    },
    identify: () => false,
  });
}

// The `yaml` package's rules (schema/core/*.js), in its order; int and float never match the same text.
const nullTag = coreScalar('null', '~nN', [[/^(?:~|[Nn]ull|NULL)?$/, () => null]]);
const boolTag = coreScalar('bool', 'tTfF', [
  [/^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/, (s) => s[0] === 't' || s[0] === 'T'],
]);
const intTag = coreScalar('int', '0123456789+-', [
  [/^0o[0-7]+$/, (s) => parseInt(s.substring(2), 8)],
  [/^[-+]?[0-9]+$/, (s) => parseInt(s, 10)],
  [/^0x[0-9a-fA-F]+$/, (s) => parseInt(s.substring(2), 16)],
]);
const floatTag = coreScalar('float', '0123456789+-.', [
  [
    /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
    (s) => (s.slice(-3).toLowerCase() === 'nan' ? NaN : s[0] === '-' ? -Infinity : Infinity),
  ],
  [/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/, parseFloat],
  [/^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/, parseFloat],
]);

/** Mappings as the `yaml` package's toJS builds them: objects, keys as text (null as ''), `__proto__` an own key. */
const mapTag = defineMappingTag<Record<string, unknown>>('tag:yaml.org,2002:map', {
  create: () => ({}),
  addPair(map, key, value) {
    if (key !== null && typeof key === 'object') return 'a key must be plain text';
    const k = key === null ? '' : String(key);
    if (Object.hasOwn(map, k)) return 'duplicate key';
    if (k === '__proto__')
      Object.defineProperty(map, k, { value, enumerable: true, configurable: true, writable: true });
    else map[k] = value;
    return '';
  },
  has: (map, key) => Object.hasOwn(map, key === null ? '' : String(key)),
  keys: (map) => Object.keys(map),
  get: (map, key) => map[String(key)],
  identify: () => false,
});

const SCHEMA = new Schema([strTag, seqTag, mapTag, nullTag, boolTag, intTag, floatTag]);

// A node may start here: at the start of a line, after `- `, `: ` or `? `, or inside `[`, `{` or after `,`.
const NODE_START = String.raw`(?:^[ \t]*|[-:?][ \t]+|[[{,][ \t]*)`;

// Where js-yaml and the `yaml` package part ways (test/yaml-fast.test.ts finds them), the
// full parser reads the file. One leading `---` is fine; these are not.
const NEEDS_FULL_PARSER: readonly RegExp[] = [
  /^[ \t]*(?:%|---(?:[ \t\r]|$)|\.\.\.(?:[ \t\r]|$))/m, // a directive (%YAML 1.1 changes the schema), a marker
  /^[ \t]*(?:-[ \t]+)*[?:](?:[ \t\r]|$)/m, // an explicit or an empty key (`? a`, `: b`)
  /^ *\t/m, // a tab in the indentation
  new RegExp(`${NODE_START}!`, 'm'), // a tag (`!x`, `!!int`, `!` before a collection)
  new RegExp(`${NODE_START}(?:"(?:[^"\\\\]|\\\\[^])*"|'(?:[^']|'')*')(?![ \\t\\r\\n,:\\]}]|$)`, 'm'), // `"a"b`
  /(?:^|[ \t[{,])&\S+[ \t][^\n]*:(?:[ \t\r]|$)/m, // an anchor on a compact mapping (`a: &x b: c`)
  /\ufeff|\r(?!\n)/, // a byte-order mark inside the text, a carriage return that does not end a line
  /\n[ \t]+$/, // a last line of blanks without a line break (`|+` keeps it or not)
];
const LEADING_START = /^(?:[ \t]*(?:#[^\n]*)?\n)*---[ \t]*\n/;

/** The document's data, when js-yaml reads it plainly; undefined means "ask the `yaml` package". */
export function readYamlFast(text: string): { data: unknown } | undefined {
  const body = text.replace(LEADING_START, '');
  if (NEEDS_FULL_PARSER.some((r) => r.test(body))) return undefined;
  try {
    return { data: load(text, { schema: SCHEMA, maxAliases: 0 }) };
  } catch {
    return undefined;
  }
}
