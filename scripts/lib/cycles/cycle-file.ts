// Writing cycle.yaml: new cycles in one canonical form; edits keep the file's comments.
import { isMap, parseDocument, type Document } from 'yaml';
import { InputError } from '../findings.js';
import type { Capability, Cycle } from '../model.js';
import { documentToString, toYaml } from '../yaml-write.js';
import type { GuidelineVolumes } from './guideline.js';

export const CYCLE_SCHEMA_COMMENT = '# yaml-language-server: $schema=../../schemas/cycle.schema.json';

/** The text of a new cycle.yaml. */
export function renderCycle(cycle: Cycle): string {
  const codename = cycle.codename ? ` (${cycle.codename})` : '';
  const header =
    `${CYCLE_SCHEMA_COMMENT}\n` +
    `# Certification cycle ${cycle.name}${codename}: its state, dates and the tests drivers run.\n` +
    '# Required capabilities come from an OpenStack interop guideline (`drivercert cycle import-guideline`);\n' +
    '# optional ones with a `feature` list the tempest tests that evidence a claimed feature.\n';
  return toYaml(orderCycle(cycle), header);
}

/** A cycle with its keys in the documented order. */
function orderCycle(c: Cycle): Cycle {
  const out: Cycle = { name: c.name } as Cycle;
  if (c.codename !== undefined) out.codename = c.codename;
  out.state = c.state;
  out.opened = c.opened;
  if (c.closed !== undefined) out.closed = c.closed;
  if (c.guideline !== undefined) out.guideline = c.guideline;
  out.capabilities = c.capabilities;
  if (c.waivers !== undefined) out.waivers = c.waivers;
  return out;
}

/** Guideline capabilities replace the cycle's non-feature ones; feature capabilities stay. */
export function mergeGuideline(current: Record<string, Capability>, g: GuidelineVolumes): Record<string, Capability> {
  const merged: Record<string, Capability> = { ...g.capabilities };
  for (const [id, cap] of Object.entries(current)) {
    if (cap.feature !== undefined && !Object.hasOwn(merged, id)) merged[id] = cap;
  }
  return merged;
}

/** Edit a cycle.yaml's text in place (comments and layout kept) and return the new text. */
export function editCycleText(text: string, file: string, edit: (doc: Document) => void): string {
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length || !isMap(doc.contents)) {
    throw new InputError(
      `cannot edit ${file}: it is not valid YAML${doc.errors[0] ? ` (${doc.errors[0].message.split('\n')[0]})` : ''}`,
      { file, tip: 'Fix it first: `drivercert validate` shows what is wrong.' },
    );
  }
  edit(doc);
  return documentToString(doc);
}

/** Set keys of a cycle document, inserting new ones after `after` to keep the documented order. */
export function setCycleKey(doc: Document, key: string, value: unknown, after?: string): void {
  const map = doc.contents;
  if (!isMap(map)) return;
  if (map.has(key) || after === undefined) {
    map.set(key, doc.createNode(value));
    return;
  }
  const idx = map.items.findIndex((p) => String((p.key as { value?: unknown })?.value ?? p.key) === after);
  const pair = doc.createPair(key, value);
  if (idx === -1) map.items.push(pair);
  else map.items.splice(idx + 1, 0, pair);
}
