// `drivercert registry import-support-matrix`: build or refresh drivers.yaml from
// Cinder's support-matrix.ini, keeping every hand-maintained field.
import { Document, isMap, isSeq, parseDocument, YAMLMap, YAMLSeq, type Node } from 'yaml';
import { InputError } from '../findings.js';
import { FEATURE_IDS, type Driver } from '../model.js';
import { documentToString } from '../yaml-write.js';
import {
  featureClaims,
  parseSupportMatrix,
  splitTitle,
  supportStatus,
  vendorFromTitle,
  type MatrixDriver,
} from './support-matrix.js';
import { KNOWN_CLASSES } from './known-classes.js';

/** What an import changed, driver by driver. */
export interface ImportSummary {
  added: string[];
  updated: { id: string; fields: string[] }[];
  unchanged: number;
  /** Drivers of drivers.yaml the matrix no longer lists (left as they are). */
  notInMatrix: string[];
  /** Added drivers whose volume_driver class is not known: to be filled in by hand. */
  needClass: string[];
}

export const REGISTRY_HEADER = `# The registry of Cinder volume drivers that take part in certification.
# Refreshed from Cinder's support matrix by \`drivercert registry import-support-matrix FILE\`:
# name, protocols, features and status come from the matrix; vendor, class,
# maintainers, notes and url are maintained here by hand and kept by the import.
`;

export const DEFAULT_CORE_REVIEWERS = ['drivercert/core-reviewers'];

/** Merge the support matrix into drivers.yaml text (or a new registry when `existing` is undefined). */
export function importSupportMatrix(
  iniText: string,
  iniFile: string,
  existing: string | undefined,
  registryFile = 'drivers.yaml',
): { text: string; summary: ImportSummary } {
  const matrix = parseSupportMatrix(iniText, iniFile);
  const doc = existing === undefined ? newRegistryDocument() : parseExisting(existing, registryFile);
  const drivers = doc.get('drivers', true);
  if (!isSeq(drivers))
    throw new InputError('`drivers` is not a list', {
      file: registryFile,
      tip: 'Fix drivers.yaml so that `drivers:` is a list, then import again.',
    });
  const byId = new Map<string, YAMLMap>();
  for (const item of drivers.items) {
    if (isMap(item)) {
      const id = item.get('id');
      if (typeof id === 'string' && !byId.has(id)) byId.set(id, item);
    }
  }
  const summary: ImportSummary = { added: [], updated: [], unchanged: 0, notInMatrix: [], needClass: [] };
  for (const md of matrix.drivers) {
    const node = byId.get(md.id);
    if (!node) {
      const fresh = newDriver(md);
      drivers.items.push(doc.createNode(fresh) as Node);
      styleDriver(drivers.items[drivers.items.length - 1] as YAMLMap);
      summary.added.push(md.id);
      if (fresh.class.length === 0) summary.needClass.push(md.id);
      continue;
    }
    const fields = updateDriver(doc, node, md);
    if (fields.length) summary.updated.push({ id: md.id, fields });
    else summary.unchanged++;
  }
  const inMatrix = new Set(matrix.drivers.map((d) => d.id));
  summary.notInMatrix = [...byId.keys()].filter((id) => !inMatrix.has(id));
  return { text: documentToString(doc), summary };
}

function parseExisting(text: string, file: string): Document {
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length)
    throw new InputError(`drivers.yaml cannot be parsed: ${doc.errors[0]!.message.split('\n')[0]}`, {
      file,
      tip: 'Fix drivers.yaml (`drivercert validate` shows where), then import again.',
    });
  if (!isMap(doc.contents))
    throw new InputError('drivers.yaml is not a mapping', {
      file,
      tip: 'drivers.yaml holds `core_reviewers:` and `drivers:`.',
    });
  if (!doc.has('drivers')) doc.set('drivers', doc.createNode([]));
  return doc;
}

function newRegistryDocument(): Document {
  const doc = new Document({ core_reviewers: DEFAULT_CORE_REVIEWERS, drivers: [] });
  doc.commentBefore = REGISTRY_HEADER.replace(/^#/gm, '').trimEnd();
  return doc;
}

/** A registry entry for a driver the registry does not know yet. */
function newDriver(md: MatrixDriver): Driver {
  const { name, protocols } = splitTitle(md.title);
  return {
    id: md.id,
    name,
    vendor: vendorFromTitle(md.id, md.title),
    class: [...(KNOWN_CLASSES[md.id] ?? [])],
    protocols,
    maintainers: [],
    status: supportStatus(md),
    features: featureClaims(md),
  };
}

/** Refresh the matrix-owned fields of an existing entry; returns the fields that changed. */
function updateDriver(doc: Document, node: YAMLMap, md: MatrixDriver): string[] {
  const { name, protocols } = splitTitle(md.title);
  const changed: string[] = [];
  const set = (key: string, value: unknown, flow = false) => {
    const current = toJs(node.get(key, true));
    if (deepEqual(current, value)) return;
    const n = doc.createNode(value) as Node;
    if (flow && isSeq(n)) n.flow = true;
    node.set(key, n);
    changed.push(key);
  };
  set('name', name);
  set('protocols', protocols, true);
  if (!node.has('vendor')) set('vendor', vendorFromTitle(md.id, md.title));
  if (!node.has('class') || (toJs(node.get('class', true)) as unknown[]).length === 0) {
    const known = KNOWN_CLASSES[md.id];
    if (known?.length) set('class', [...known]);
  }
  if (!node.has('maintainers')) set('maintainers', [], true);
  // A driver a core reviewer marked `removed` stays removed; otherwise the matrix decides.
  if (node.get('status') !== 'removed') set('status', supportStatus(md));
  const claims = featureClaims(md);
  let features = node.get('features', true);
  if (!isMap(features)) {
    set('features', claims);
  } else {
    for (const f of FEATURE_IDS) {
      if (features.get(f) !== claims[f]) {
        features.set(f, claims[f]);
        changed.push(`features.${f}`);
      }
    }
  }
  return changed;
}

function styleDriver(node: YAMLMap): void {
  for (const key of ['protocols', 'maintainers']) {
    const v = node.get(key, true);
    if (isSeq(v)) v.flow = true;
  }
  const cls = node.get('class', true);
  if (isSeq(cls) && cls.items.length === 0) cls.flow = true;
}

function toJs(v: unknown): unknown {
  if (v instanceof YAMLMap || v instanceof YAMLSeq) return v.toJSON();
  if (v && typeof v === 'object' && 'value' in v) return (v as { value: unknown }).value;
  return v;
}

function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** One line per change, for the command's report. */
export function describeImport(s: ImportSummary): string[] {
  const lines: string[] = [];
  for (const id of s.added) lines.push(`added ${id}`);
  for (const u of s.updated) lines.push(`updated ${u.id}: ${u.fields.join(', ')}`);
  for (const id of s.notInMatrix)
    lines.push(`kept ${id}: not in the support matrix any more (set status: removed by hand if Cinder removed it)`);
  for (const id of s.needClass)
    lines.push(`needs class: ${id} has no known volume_driver class; add it to drivers.yaml by hand`);
  lines.push(`${s.added.length} added, ${s.updated.length} updated, ${s.unchanged} unchanged`);
  return lines;
}
