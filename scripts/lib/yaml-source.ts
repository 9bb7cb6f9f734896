// YAML documents that remember where each value came from, so a JSON pointer
// (from Ajv or a check) can be reported as `file:line:col`. A clean file is read by the
// fast reader (yaml-fast.ts); the `yaml` package parses it again only when a line is asked
// for, and reads every file the fast reader leaves to it (errors, aliases, tags). It is
// loaded then, and only then: a run whose files are all clean never loads it.
import { isUtf8 } from 'node:buffer';
import { createRequire } from 'node:module';
import type * as YamlPackage from 'yaml';
import type { Document, LineCounter, Node } from 'yaml';
import type { Location } from './findings.js';
import { readYamlFast } from './yaml-fast.js';

let yamlPackage: typeof YamlPackage | undefined;

/** The `yaml` package, loaded the first time a document needs it. */
function yaml(): typeof YamlPackage {
  return (yamlPackage ??= createRequire(import.meta.url)('yaml') as typeof YamlPackage);
}

/** A parsed YAML file: its data, and a way back from a pointer to a line. */
export interface YamlSource {
  file: string;
  text: string;
  /** The plain JavaScript value; undefined when the document could not be parsed. */
  data: unknown;
  /** Parse errors (syntax, duplicate keys, several documents, alias bombs), with lines. */
  errors: YamlProblem[];
  /** Where the value at `pointer` is written (or the nearest written parent). */
  locate(pointer: string, opts?: { key?: boolean }): Location;
}

export interface YamlProblem {
  message: string;
  line?: number;
  col?: number;
  code: string;
}

const MAX_ALIAS_COUNT = 100;

/**
 * The largest YAML file read (1 MiB). The repository's YAML files hold metadata only (the
 * shipped drivers.yaml is 60 KB), and the yaml package needs some 30 bytes of memory per
 * byte it parses, so a bigger file is refused before it is parsed.
 */
export const MAX_YAML_BYTES = 1024 * 1024;

// Characters YAML does not allow in a stream (C0 controls but tab, LF and CR; DEL).
export const NOT_PRINTABLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/**
 * Parse YAML strictly: duplicate keys, several documents, alias bombs, a file over
 * MAX_YAML_BYTES, bytes that are not UTF-8 (when given bytes) and control characters are errors.
 */
export function parseYamlSource(
  file: string,
  content: string | Uint8Array,
  size = typeof content === 'string' ? Buffer.byteLength(content) : content.length,
): YamlSource {
  const errors: YamlProblem[] = [];
  if (size > MAX_YAML_BYTES) {
    errors.push({
      code: 'TOO_LARGE',
      message:
        `the file is ${(size / 1024 / 1024).toFixed(1)} MiB; ` +
        `a YAML file of this repository may be at most ${MAX_YAML_BYTES / 1024 / 1024} MiB`,
    });
    return { file, text: '', data: undefined, errors, locate: (pointer) => ({ line: 1, col: 1, pointer }) };
  }
  const text = typeof content === 'string' ? content : decodeUtf8Strict(content, errors);
  const bad = NOT_PRINTABLE.exec(text);
  if (bad) {
    const { line, col } = lineCol(text, bad.index);
    const hex = bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    errors.push({
      code: 'CONTROL_CHAR',
      message: `a control character (U+${hex}) is not allowed in a YAML file`,
      line,
      col,
    });
  }
  let body = text;
  if (body.charCodeAt(0) === 0xfeff) {
    errors.push({ code: 'BOM', message: 'the file starts with a byte-order mark (BOM)', line: 1, col: 1 });
    body = body.slice(1);
  }
  // A clean file is read by the fast reader; its lines are found (by the full parser) only when asked for.
  const fast = errors.length === 0 ? readYamlFast(body) : undefined;
  if (fast) return cleanYamlSource(file, text, fast.data);
  const full = parseFull(body);
  errors.push(...full.errors);
  return { file, text, data: errors.length === 0 ? full.data : undefined, errors, locate: locator(body, full) };
}

/** The source of a clean file whose data is known; lines come when asked for. */
function cleanYamlSource(file: string, text: string, data: unknown): YamlSource {
  return { file, text, data, errors: [], locate: locator(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) };
}

/** Where the value at a pointer is written, from the full parse of `body` (done on the first call). */
function locator(body: string, parsed?: FullParse): YamlSource['locate'] {
  let full = parsed;
  return (pointer, opts = {}) => {
    full ??= parseFull(body);
    const node = nodeAt(full.doc, pointerSegments(pointer), opts.key ?? false);
    const offset = node?.range?.[0];
    // An empty document (or a value we cannot place) is reported at the top of the file.
    if (offset === undefined) return { line: 1, col: 1, pointer };
    const pos = full.lineCounter.linePos(offset);
    return { line: pos.line, col: pos.col, pointer };
  };
}

/** What the `yaml` package makes of a document: the authority on errors and lines. */
interface FullParse {
  doc: Document;
  lineCounter: LineCounter;
  errors: YamlProblem[];
  data: unknown;
}

/** Parse with the `yaml` package, strictly; `data` is set only when there is no error. */
function parseFull(body: string): FullParse {
  const { LineCounter, parseDocument, visit, isAlias, isCollection, isSeq } = yaml();
  const lineCounter = new LineCounter();
  const errors: YamlProblem[] = [];
  const doc = parseDocument(body, { lineCounter, uniqueKeys: true, strict: true, prettyErrors: false, merge: false });
  for (const e of doc.errors) {
    const pos = lineCounter.linePos(e.pos[0]);
    let message = cleanYamlMessage(e.message);
    if (e.code === 'MULTIPLE_DOCS')
      message = 'the file holds several YAML documents (separated by `---`); it must hold one';
    if (/Maximum call stack size exceeded/.test(message)) message = 'the YAML is nested too deeply to be read';
    if (e.code === 'DUPLICATE_KEY') {
      const key = body
        .slice(e.pos[0], e.pos[0] + 200)
        .split('\n')[0]!
        .replace(/\s*:(\s.*)?$/, '')
        .trim();
      message = key
        ? `the key "${key.slice(0, 80)}" appears twice in the same mapping`
        : 'a key appears twice in the same mapping';
    }
    errors.push({ code: e.code, message, line: pos.line, col: pos.col });
  }
  // A key that is a list, a mapping or an alias has no JSON form (the yaml package would
  // turn it into text and print a process warning): refuse it where it is written.
  if (errors.length === 0) {
    visit(doc, {
      Pair(_, pair) {
        if (!isCollection(pair.key) && !isAlias(pair.key)) return undefined;
        const pos = lineCounter.linePos((pair.key as Node).range?.[0] ?? 0);
        errors.push({
          code: 'COMPLEX_KEY',
          message:
            'a key must be plain text, not ' +
            (isAlias(pair.key) ? 'an alias' : isSeq(pair.key) ? 'a list' : 'a mapping'),
          line: pos.line,
          col: pos.col,
        });
        return visit.BREAK;
      },
    });
  }
  let data: unknown;
  if (errors.length === 0) {
    try {
      data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (e) {
      errors.push({ code: 'ALIAS', message: `the document cannot be read: ${(e as Error).message}` });
    }
  }
  return { doc, lineCounter, errors, data };
}

/** UTF-8 bytes as text; the first byte sequence that is not UTF-8 is an error at its line. */
function decodeUtf8Strict(bytes: Uint8Array, errors: YamlProblem[]): string {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  if (isUtf8(bytes)) return text;
  // Before the first invalid sequence, characters and bytes match one to one: find the
  // first U+FFFD that the bytes do not spell out (EF BF BD).
  let offset = 0;
  let index = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp === 0xfffd && !(bytes[offset] === 0xef && bytes[offset + 1] === 0xbf && bytes[offset + 2] === 0xbd)) break;
    offset += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    index += ch.length;
  }
  const { line, col } = lineCol(text, index);
  errors.push({
    code: 'ENCODING',
    message:
      `the file is not valid UTF-8 (the byte 0x${(bytes[offset] ?? 0).toString(16).toUpperCase().padStart(2, '0')} ` +
      'does not begin a valid UTF-8 character)',
    line,
    col,
  });
  return text;
}

/** 1-based line and column of a character index. */
function lineCol(text: string, index: number): { line: number; col: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, col: index - start + 1 };
}

/** Split an RFC 6901 JSON pointer into its unescaped segments. */
export function pointerSegments(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return [];
  return pointer
    .replace(/^\//, '')
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Join segments into a JSON pointer. */
export function toPointer(segments: readonly (string | number)[]): string {
  return segments.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

/** The deepest node on the path (the key node of the last pair when `key` is set). */
function nodeAt(doc: Document, segments: string[], key: boolean): Node | undefined {
  const { isMap, isSeq, isScalar, isNode } = yaml();
  let node: unknown = doc.contents;
  let last: Node | undefined = isNode(node) ? node : undefined;
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i]!;
    if (isMap(node)) {
      // Only a text key can be named by a pointer; turning a list or mapping key into text could expand an alias bomb.
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === seg);
      if (!pair) return last;
      if (key && i === segments.length - 1 && isNode(pair.key)) return pair.key;
      node = pair.value;
      if (isNode(pair.value)) last = pair.value;
      else if (isNode(pair.key)) last = pair.key;
    } else if (isSeq(node)) {
      const item = node.items[Number(seg)];
      if (!isNode(item)) return last;
      node = item;
      last = item;
    } else {
      return last;
    }
  }
  return last;
}

function cleanYamlMessage(message: string): string {
  // The yaml package appends " at line N, column M" and a code excerpt; we print the position ourselves.
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}
