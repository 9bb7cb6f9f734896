// YAML documents that remember where each value came from, so a JSON pointer
// (from Ajv or a check) can be reported as `file:line:col`.
import { LineCounter, parseDocument, isMap, isSeq, isScalar, isNode, type Document, type Node } from 'yaml';
import type { Location } from './findings.js';

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

/** Parse YAML text strictly: duplicate keys, several documents and alias bombs are errors. */
export function parseYamlSource(file: string, text: string): YamlSource {
  const lineCounter = new LineCounter();
  const errors: YamlProblem[] = [];
  let body = text;
  if (body.charCodeAt(0) === 0xfeff) {
    errors.push({ code: 'BOM', message: 'the file starts with a byte-order mark (BOM)', line: 1, col: 1 });
    body = body.slice(1);
  }
  const doc = parseDocument(body, { lineCounter, uniqueKeys: true, strict: true, prettyErrors: false, merge: false });
  for (const e of doc.errors) {
    const pos = lineCounter.linePos(e.pos[0]);
    let message = cleanYamlMessage(e.message);
    if (e.code === 'DUPLICATE_KEY') {
      const key = body.slice(e.pos[0], e.pos[0] + 200).split('\n')[0]!.replace(/\s*:(\s.*)?$/, '').trim();
      message = key ? `the key "${key.slice(0, 80)}" appears twice in the same mapping` : 'a key appears twice in the same mapping';
    }
    errors.push({ code: e.code, message, line: pos.line, col: pos.col });
  }
  let data: unknown;
  if (errors.length === 0) {
    try {
      data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (e) {
      errors.push({ code: 'ALIAS', message: `the document cannot be read: ${(e as Error).message}` });
    }
  }
  const locate = (pointer: string, opts: { key?: boolean } = {}): Location => {
    const node = nodeAt(doc, pointerSegments(pointer), opts.key ?? false);
    const offset = node?.range?.[0];
    // An empty document (or a value we cannot place) is reported at the top of the file.
    if (offset === undefined) return { line: 1, col: 1, pointer };
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, col: pos.col, pointer };
  };
  return { file, text, data, errors, locate };
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
  let node: unknown = doc.contents;
  let last: Node | undefined = isNode(node) ? node : undefined;
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i]!;
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === seg);
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
