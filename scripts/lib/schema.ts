// The schemas' validators and their findings: errors worded for contributors, placed on the
// YAML line of the offending value. The validators are Ajv's, compiled ahead of time from
// schemas/*.schema.json into schemas/validators.cjs (schema-compile.ts holds the one Ajv
// instance), so a run loads them instead of compiling them.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { ErrorObject } from 'ajv/dist/2020.js';
import type { Finding } from './findings.js';
import { packageRoot } from './package-root.js';
import { pointerSegments, toPointer, type YamlSource } from './yaml-source.js';

export type SchemaName = 'drivers' | 'cycle' | 'result';
export const SCHEMA_NAMES: readonly SchemaName[] = ['drivers', 'cycle', 'result'];
export const SCHEMA_CHECK = 'every file matches its schema';
/** The rule id of schema findings. */
export const SCHEMA_RULE = 'schema';

/** A compiled schema: true when the data matches; the reasons when it does not are left in `errors`. */
export type Validator = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };

let validators: Record<SchemaName, Validator> | undefined;

/** Read one of the shipped JSON schemas. */
export function loadSchema(name: SchemaName | 'defs'): Record<string, unknown> {
  return JSON.parse(readFileSync(join(packageRoot(), 'schemas', `${name}.schema.json`), 'utf8'));
}

/** The validator for one of drivers.yaml, cycle.yaml or result.yaml. */
export function validatorFor(name: SchemaName): Validator {
  validators ??= createRequire(import.meta.url)(join(packageRoot(), 'schemas', 'validators.cjs')) as Record<
    SchemaName,
    Validator
  >;
  return validators[name];
}

/** Validate a parsed YAML file against a schema; one finding per real mistake. */
export function schemaFindings(name: SchemaName, src: YamlSource): Finding[] {
  const validate = validatorFor(name);
  if (validate(src.data)) return [];
  // `if` and `propertyNames` only repeat what the error inside them says.
  const errors = (validate.errors ?? []).filter((e) => e.keyword !== 'if' && e.keyword !== 'propertyNames');
  return dedupe(errors.map((e) => toFinding(e, src)));
}

function toFinding(e: ErrorObject, src: YamlSource): Finding {
  const parent = (e.parentSchema ?? {}) as { 'x-error'?: Record<string, string>; 'x-tip'?: string };
  const segments = pointerSegments(e.instancePath);
  let pointer = e.instancePath;
  let keyOnly = false;
  const params = e.params as Record<string, unknown>;
  // An error about a mapping key (propertyNames) names the key, and the value is the key itself.
  const propertyName = (e as ErrorObject & { propertyName?: string }).propertyName;
  if (e.keyword === 'additionalProperties') {
    pointer = toPointer([...segments, String(params.additionalProperty)]);
    keyOnly = true;
  } else if (propertyName !== undefined) {
    pointer = toPointer([...segments, propertyName]);
    keyOnly = true;
  }
  const loc = src.locate(pointer, { key: keyOnly });
  const field = fieldName(pointer);
  const value = propertyName ?? e.data;
  const custom = parent['x-error']?.[e.keyword];
  const message = custom ? fill(custom, value, field) : defaultMessage(e, field, value);
  const specific = defaultTip(e, value);
  const tip =
    (e.keyword === 'additionalProperties' || e.keyword === 'enum'
      ? (specific ?? parent['x-tip'])
      : (parent['x-tip'] ?? specific)) ?? genericTip(e);
  // Say which field, unless the wording already starts with its name.
  const bare = field.replace(/^\[\d+\]/, '');
  const named = field === '' || message.startsWith(field) || (bare !== '' && message.startsWith(bare + ' '));
  const f: Finding = {
    level: 'error',
    rule: SCHEMA_RULE,
    check: SCHEMA_CHECK,
    file: src.file,
    pointer,
    message: named ? message : `${field}: ${message}`,
  };
  if (loc.line !== undefined) f.line = loc.line;
  if (loc.col !== undefined) f.col = loc.col;
  if (tip) f.tip = tip;
  return f;
}

/** The name a contributor knows the value by: the last key on its path, with its list index. */
function fieldName(pointer: string): string {
  const segs = pointerSegments(pointer);
  const parts: string[] = [];
  for (let i = segs.length - 1; i >= 0 && parts.length < 2; i--) {
    const s = segs[i]!;
    if (/^\d+$/.test(s)) {
      if (parts.length === 0) parts.unshift(`[${s}]`);
      else parts[0] = `[${s}]${parts[0]}`;
      continue;
    }
    parts.unshift(s);
    break;
  }
  return parts.join('').replace(/^\[/, '[');
}

function defaultMessage(e: ErrorObject, _field: string, value: unknown): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return `missing required field \`${String(p.missingProperty)}\``;
    case 'additionalProperties':
      return `unknown field \`${String(p.additionalProperty)}\``;
    case 'type':
      return `must be ${article(String(p.type))}, got ${describe(value)}`;
    case 'enum':
      return `must be one of ${(p.allowedValues as unknown[]).map(String).join(', ')}; got ${describe(value)}`;
    case 'const':
      return `must be ${JSON.stringify(p.allowedValue)}, got ${describe(value)}`;
    case 'format':
      return `${describe(value)} is not a valid ${String(p.format)}`;
    case 'pattern':
      return `${describe(value)} does not have the expected form`;
    case 'minItems':
      return `must list at least ${String(p.limit)} item(s)`;
    case 'minLength':
      return p.limit === 1 ? 'must not be empty' : `must be at least ${String(p.limit)} characters long`;
    case 'maxLength':
      return `is longer than ${String(p.limit)} characters`;
    case 'uniqueItems':
      return `lists the same value twice (items ${String(p.j)} and ${String(p.i)})`;
    case 'minimum':
      return `must be at least ${String(p.limit)}, got ${describe(value)}`;
    default:
      return e.message ?? `fails the schema's ${e.keyword} rule`;
  }
}

function defaultTip(e: ErrorObject, value: unknown): string | undefined {
  const p = e.params as Record<string, unknown>;
  if (e.keyword === 'type' && p.type === 'string' && (typeof value === 'number' || typeof value === 'boolean')) {
    const kind = typeof value === 'number' ? 'the number' : 'the boolean';
    return `YAML read this as ${kind} ${String(value)}; put the value in quotes to keep it as text.`;
  }
  if (e.keyword === 'additionalProperties') {
    const allowed = Object.keys((e.parentSchema as { properties?: object }).properties ?? {});
    const near = nearest(String(p.additionalProperty), allowed);
    if (near) return `Did you mean \`${near}\`? Allowed here: ${allowed.join(', ')}.`;
    return allowed.length ? `Allowed here: ${allowed.join(', ')}.` : undefined;
  }
  if (e.keyword === 'enum' && typeof value === 'string') {
    const near = nearest(value, (p.allowedValues as unknown[]).map(String));
    if (near) return `Did you mean \`${near}\`?`;
  }
  if (e.keyword === 'required') return `Add \`${String(p.missingProperty)}:\` here.`;
  return undefined;
}

/** A tip for any error the schema's wording gives none for. */
function genericTip(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'enum':
      return `Use one of: ${(p.allowedValues as unknown[]).map(String).join(', ')}.`;
    case 'type':
      return `Write it as ${article(String(p.type))}${p.type === 'array' ? ' (e.g. `[a, b]`, or `[]` for none)' : ''}.`;
    case 'uniqueItems':
      return 'Remove the repeated entry.';
    case 'minItems':
      return `Add at least ${String(p.limit)} entr${p.limit === 1 ? 'y' : 'ies'}.`;
    case 'minimum':
      return `Use a number of at least ${String(p.limit)}.`;
    case 'pattern':
    case 'format':
      return 'Correct the value to the documented form (see the schema under schemas/).';
    case 'not':
      return 'Remove the field that is not allowed here.';
    default:
      return 'See the schema under schemas/ for what is expected here.';
  }
}

function fill(template: string, value: unknown, field: string): string {
  return template.replace(/\{value\}/g, describe(value)).replace(/\{field\}/g, field);
}

/** A short, safe rendering of a value for a message. */
export function describe(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? value.slice(0, 77) + '...' : value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return 'a list';
  return 'a mapping';
}

function article(type: string): string {
  const names: Record<string, string> = {
    string: 'text',
    object: 'a mapping',
    array: 'a list',
    boolean: 'true or false',
    integer: 'a whole number',
    number: 'a number',
  };
  return names[type] ?? type;
}

/** The allowed word closest to a misspelling, if it is close enough to be a typo. */
export function nearest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = distance(word.toLowerCase(), c.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(word.length / 4)) ? best : undefined;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const k = `${f.pointer}|${f.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
