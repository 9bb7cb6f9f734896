// Reading an OpenStack interop guideline (schema 1.x or 2.0) for its volume capabilities.
import { InputError } from '../findings.js';
import type { Capability, CycleTest, GuidelineRef, TestFlag } from '../model.js';

/** The volume capabilities of one guideline, ready to go into a cycle.yaml. */
export interface GuidelineVolumes {
  ref: GuidelineRef;
  capabilities: Record<string, Capability>;
  /** Status of each imported capability in the guideline (required, advisory, deprecated). */
  statuses: Record<string, string>;
}

type Json = Record<string, unknown>;
const STATUSES = ['required', 'advisory', 'deprecated', 'removed'] as const;

/** Parse guideline JSON text and take its `volumes-*` capabilities with their tests. */
export function readGuideline(text: string, file: string): GuidelineVolumes {
  let g: unknown;
  try {
    g = JSON.parse(text);
  } catch (e) {
    throw new InputError(`not valid JSON: ${(e as Error).message}`, {
      file,
      tip: 'Pass an interop guideline such as 2020.06.json from the openstack/interop repository.',
    });
  }
  if (!isObj(g) || !isObj(g.capabilities)) {
    throw new InputError('this is not an interop guideline: it has no `capabilities` object', {
      file,
      tip: 'Pass an interop guideline such as 2020.06.json from the openstack/interop repository.',
    });
  }
  const schema = String(g.schema ?? (isObj(g.metadata) ? g.metadata.schema : undefined) ?? '');
  const id = String(g.id ?? (isObj(g.metadata) ? g.metadata.id : undefined) ?? '');
  if (!schema || !id)
    throw new InputError('the guideline has no id and schema version (top-level in 1.x, under `metadata` in 2.0)', {
      file,
      tip: 'Pass an interop guideline file unchanged.',
    });
  const major = Number(schema.split('.')[0]);
  if (major !== 1 && major !== 2)
    throw new InputError(`guideline schema ${schema} is not supported (1.x and 2.0 are)`, {
      file,
      tip: 'Pass a guideline written in schema 1.x or 2.0.',
    });
  const status = capabilityStatuses(g, major);
  const capabilities: Record<string, Capability> = {};
  const statuses: Record<string, string> = {};
  for (const [capId, cap] of Object.entries(g.capabilities as Json).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (!capId.startsWith('volumes-') || !isObj(cap)) continue;
    const st = status.get(capId);
    if (st === 'removed') continue;
    const tests = readTests(cap, capId, file);
    if (tests.length === 0) continue;
    const description = String(cap.description ?? cap.descriptin ?? capId).trim();
    capabilities[capId] = {
      description: st && st !== 'required' ? `${description} (${st} in guideline ${id})` : description,
      required: st === 'required',
      tests,
    };
    statuses[capId] = st ?? 'unlisted';
  }
  if (Object.keys(capabilities).length === 0) {
    throw new InputError('the guideline has no `volumes-*` capabilities with tests', {
      file,
      tip: 'Pass a guideline that covers the block storage (cinder) capabilities.',
    });
  }
  return { ref: { id, schema }, capabilities, statuses };
}

/** Each capability's status: listed under required/advisory/deprecated/removed in some component. */
function capabilityStatuses(g: Json, major: number): Map<string, string> {
  const m = new Map<string, string>();
  const rank = (s: string) => STATUSES.indexOf(s as (typeof STATUSES)[number]);
  const note = (lists: unknown) => {
    if (!isObj(lists)) return;
    for (const s of STATUSES) {
      const list = lists[s];
      if (!Array.isArray(list)) continue;
      for (const c of list) {
        if (typeof c !== 'string') continue;
        const prev = m.get(c);
        // The strongest status any component gives wins (required over advisory…).
        if (prev === undefined || rank(s) < rank(prev)) m.set(c, s);
      }
    }
  };
  const components = isObj(g.components) ? g.components : {};
  for (const comp of Object.values(components)) {
    if (!isObj(comp)) continue;
    note(major >= 2 ? comp.capabilities : comp);
  }
  return m;
}

function readTests(cap: Json, capId: string, file: string): CycleTest[] {
  const out: CycleTest[] = [];
  const flaggedList = Array.isArray(cap.flagged) ? cap.flagged.filter((x): x is string => typeof x === 'string') : [];
  const tests = cap.tests;
  if (Array.isArray(tests)) {
    // Schema 1.0–1.2: tests are a list of names; flagged tests a list on the capability.
    for (const t of tests) {
      if (typeof t !== 'string')
        throw new InputError(`capability ${capId}: a test is not a name`, {
          file,
          tip: 'The guideline file looks damaged; use the file as published.',
        });
      const test: CycleTest = { id: stripAttributes(t) };
      if (flaggedList.includes(t)) test.flagged = { reason: `flagged in the guideline's ${capId} capability` };
      out.push(test);
    }
    return out;
  }
  if (!isObj(tests)) return out;
  for (const [name, meta] of Object.entries(tests)) {
    const test: CycleTest = { id: stripAttributes(name) };
    if (isObj(meta)) {
      if (typeof meta.idempotent_id === 'string' && meta.idempotent_id)
        test.idempotent_id = meta.idempotent_id.toLowerCase();
      if (Array.isArray(meta.aliases)) {
        const aliases = [
          ...new Set(meta.aliases.filter((a): a is string => typeof a === 'string').map(stripAttributes)),
        ].filter((a) => a !== test.id);
        if (aliases.length) test.aliases = aliases;
      }
      if (isObj(meta.flagged)) test.flagged = readFlag(meta.flagged);
      else if (meta.flagged === true) test.flagged = { reason: 'flagged in the guideline' };
    }
    if (flaggedList.includes(name) && !test.flagged)
      test.flagged = { reason: `flagged in the guideline's ${capId} capability` };
    out.push(test);
  }
  return out;
}

function readFlag(f: Json): TestFlag {
  const flag: TestFlag = {
    reason:
      String(f.reason ?? 'flagged in the guideline')
        .trim()
        .slice(0, 500) || 'flagged in the guideline',
  };
  if (typeof f.date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(f.date)) flag.date = f.date;
  if (typeof f.action === 'string' && f.action.trim()) flag.action = f.action.trim().slice(0, 500);
  return flag;
}

function stripAttributes(id: string): string {
  const i = id.indexOf('[');
  return (i === -1 ? id : id.slice(0, i)).trim();
}

function isObj(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
