// Reading Cinder's driver support matrix (doc/source/reference/support-matrix.ini).
import { InputError } from '../findings.js';
import { FEATURE_IDS, type FeatureId } from '../model.js';

/** One `[driver.<id>]` of the support matrix with its claims. */
export interface MatrixDriver {
  id: string;
  title: string;
  /** Each operation's status for this driver (`complete`, `missing`, `partial`…). */
  operations: Record<string, string>;
}

export interface SupportMatrix {
  drivers: MatrixDriver[];
  /** Operation ids in file order (e.g. `supported`, `qos`). */
  operations: string[];
}

interface Section {
  name: string;
  line: number;
  entries: { key: string; value: string; line: number }[];
}

/** Parse an INI file (sections, key=value, indented continuation lines, # and ; comments). */
export function parseIni(text: string, file: string): Section[] {
  const sections: Section[] = [];
  let current: Section | undefined;
  let last: { value: string } | undefined;
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = i + 1;
    if (/^\s*([#;].*)?$/.test(raw)) {
      last = undefined;
      return;
    }
    if (/^\s/.test(raw) && last) {
      last.value += ' ' + raw.trim();
      return;
    }
    const sec = /^\[([^\]]+)\]\s*$/.exec(raw);
    if (sec) {
      current = { name: sec[1]!.trim(), line, entries: [] };
      sections.push(current);
      last = undefined;
      return;
    }
    const kv = /^([^=:\s][^=:]*?)\s*[=:]\s*(.*)$/.exec(raw);
    if (!kv || !current) {
      throw new InputError(
        current
          ? `cannot read this line as key=value: ${JSON.stringify(raw.slice(0, 80))}`
          : 'a key=value line comes before any [section]',
        { file, line, tip: 'The support matrix is an INI file: [section] headers followed by key=value lines.' },
      );
    }
    const entry = { key: kv[1]!, value: kv[2]!, line };
    current.entries.push(entry);
    last = entry;
  });
  return sections;
}

/** Read the support matrix: its drivers (in file order) and each operation's status per driver. */
export function parseSupportMatrix(text: string, file: string): SupportMatrix {
  const sections = parseIni(text, file);
  const drivers = new Map<string, MatrixDriver>();
  const operations: string[] = [];
  for (const s of sections) {
    if (s.name.startsWith('driver.')) {
      const id = s.name.slice('driver.'.length);
      if (drivers.has(id))
        throw new InputError(`[driver.${id}] appears twice`, {
          file,
          line: s.line,
          tip: 'Each driver has one section.',
        });
      const title = s.entries.find((e) => e.key === 'title')?.value.trim();
      if (!title)
        throw new InputError(`[driver.${id}] has no title=`, {
          file,
          line: s.line,
          tip: 'Every driver section needs a `title=` line, e.g. `title=Generic NFS Reference Driver (NFS)`.',
        });
      drivers.set(id, { id, title, operations: {} });
    }
  }
  for (const s of sections) {
    if (!s.name.startsWith('operation.')) continue;
    const op = s.name.slice('operation.'.length);
    operations.push(op);
    for (const e of s.entries) {
      if (!e.key.startsWith('driver.')) continue;
      const id = e.key.slice('driver.'.length);
      const d = drivers.get(id);
      if (!d)
        throw new InputError(`[operation.${op}] names driver.${id}, which has no [driver.${id}] section`, {
          file,
          line: e.line,
          tip: 'Add the driver section, or fix the driver id.',
        });
      d.operations[op] = e.value.trim();
    }
  }
  if (drivers.size === 0)
    throw new InputError('no [driver.<id>] sections found', {
      file,
      tip: "Pass Cinder's doc/source/reference/support-matrix.ini.",
    });
  return { drivers: [...drivers.values()], operations };
}

/** The reference drivers shipped with Cinder itself. */
export const REFERENCE_DRIVERS = new Set(['lvm', 'nfs', 'rbd']);
export const CINDER_PROJECT = 'OpenStack Cinder';

/** Vendors whose name is more than the title's first word. */
const MULTI_WORD_VENDORS = ['VAST Data'];

/** The vendor named by a driver's title ("Dell PowerMax … Storage Driver" → "Dell"). */
export function vendorFromTitle(id: string, title: string): string {
  if (REFERENCE_DRIVERS.has(id) || /\breference driver\b/i.test(title)) return CINDER_PROJECT;
  const lead = /^\(([^)]+)\)/.exec(title);
  if (lead) return lead[1]!.trim();
  const multi = MULTI_WORD_VENDORS.find((v) => title.toLowerCase().startsWith(v.toLowerCase() + ' '));
  if (multi) return multi;
  const word = title.split(/\s+/)[0]!;
  return word === word.toLowerCase() ? word[0]!.toUpperCase() + word.slice(1) : word;
}

const PROTOCOL_NAMES: Record<string, string> = {
  'nvme/tcp': 'NVMe-TCP',
  nvmetcp: 'NVMe-TCP',
  'nvme-tcp': 'NVMe-TCP',
  'nvme-roce': 'NVMe-RoCE',
  nvmeof: 'NVMe-oF',
  iscsi: 'iSCSI',
  fc: 'FC',
  nfs: 'NFS',
  rbd: 'RBD',
};

/** The driver's name and protocols: the title without, and from, its last parentheses. */
export function splitTitle(title: string): { name: string; protocols: string[] } {
  const m = /^(.*?)\s*\(([^()]*)\)\s*$/.exec(title);
  if (!m || m[1] === '') return { name: title.trim(), protocols: [] };
  const protocols = m[2]!
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((p) => PROTOCOL_NAMES[p.toLowerCase()] ?? p);
  return { name: m[1]!.trim(), protocols: [...new Set(protocols)] };
}

/** A driver's feature claims: complete → true, anything else (missing, partial, absent) → false. */
export function featureClaims(d: MatrixDriver): Record<FeatureId, boolean> {
  return Object.fromEntries(FEATURE_IDS.map((f) => [f, d.operations[f] === 'complete'])) as Record<FeatureId, boolean>;
}

/** supported where the matrix's `supported` operation is complete, else unsupported. */
export function supportStatus(d: MatrixDriver): 'supported' | 'unsupported' {
  return d.operations.supported === 'complete' ? 'supported' : 'unsupported';
}
