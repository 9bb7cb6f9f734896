// Test identity: tempest ids carry `[...]` attributes (`id-<uuid>`, `smoke`) that
// console output strips; the idempotent id names a test across renames.
import type { CycleTest } from '../model.js';

const IDEMPOTENT_RE = /(?:^|[\[,\s])(id-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?=$|[\],\s])/i;

/** A test id without its `[...]` attributes. */
export function normaliseTestId(id: string): string {
  const i = id.indexOf('[');
  return (i === -1 ? id : id.slice(0, i)).trim();
}

/** The `id-<uuid>` inside a test id's attributes, if any (lowercased). */
export function idempotentIdOf(id: string): string | undefined {
  const i = id.indexOf('[');
  if (i === -1) return undefined;
  const m = IDEMPOTENT_RE.exec(id.slice(i));
  return m ? m[1]!.toLowerCase() : undefined;
}

const IDEMPOTENT_ALL_RE = new RegExp(IDEMPOTENT_RE.source, 'gi');

/** Every distinct `id-<uuid>` inside a test id's attributes (lowercased): a real test carries at most one. */
export function idempotentIdsOf(id: string): string[] {
  const first = idempotentIdOf(id);
  if (first === undefined) return [];
  const attrs = id.slice(id.indexOf('['));
  // The common case, one id-<uuid>, without a second pass.
  if (attrs.indexOf('id-') === attrs.lastIndexOf('id-')) return [first];
  const out = new Set<string>();
  for (const m of attrs.matchAll(IDEMPOTENT_ALL_RE)) out.add(m[1]!.toLowerCase());
  return [...out];
}

/** Every key a cycle test can be recognised by: its idempotent id, its id and its aliases. */
export function testKeys(t: CycleTest): string[] {
  const keys = [t.id, ...(t.aliases ?? [])];
  if (t.idempotent_id) keys.unshift(t.idempotent_id.toLowerCase());
  return keys;
}

/** Every key the tests of a cycle are known by (what an evaluation looks up in a run). */
export function cycleKeys(cycle: { capabilities: Record<string, { tests: CycleTest[] }> }): Set<string> {
  const keys = new Set<string>();
  for (const cap of Object.values(cycle.capabilities))
    for (const t of cap.tests) for (const k of testKeys(t)) keys.add(k);
  return keys;
}

/** The keys a test that ran is recognised by: its normalised id and its idempotent id(s). */
export function runKeys(id: string): string[] {
  const keys = [normaliseTestId(id)];
  if (id.indexOf('[') === -1) return keys;
  return [...idempotentIdsOf(id), ...keys];
}

const SET_UP_RE = /(?:^|\.)(setUpClass|setUpModule) \(([^\s()]+)\)$/;

/**
 * The class or module a `setUpClass (module.Class)` / `setUpModule (module)` record stands for
 * (unittest's one result for a class fixture that failed or skipped), or undefined. A JUnit
 * writer may prefix it with a classname (`unittest.suite._ErrorHolder.setUpClass (…)`).
 */
export function setUpScopeOf(id: string): string | undefined {
  if (!id.endsWith(')')) return undefined;
  const m = SET_UP_RE.exec(id);
  return m ? m[2] : undefined;
}

/** The class and the module a test id sits in (`a.b.C.test_x`: `a.b.C` and `a.b`). */
export function scopesOf(id: string): string[] {
  const name = normaliseTestId(id);
  const cls = name.slice(0, Math.max(0, name.lastIndexOf('.')));
  const mod = cls.slice(0, Math.max(0, cls.lastIndexOf('.')));
  return [cls, mod].filter((s) => s !== '');
}
