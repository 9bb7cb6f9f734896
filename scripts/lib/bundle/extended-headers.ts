// The extended headers (pax, pax global, GNU long names) in front of each member, as raw
// records. tar-stream applies them without saying which came: it ignores a malformed pax
// record, keeps the last of two pax headers, lets a pax path beat a GNU long name, and applies
// a global header only to members that have a pax header of their own. GNU tar and Python's
// tarfile each decide these otherwise (tar refuses a malformed record; tarfile keeps the first
// of two headers and the long name; both apply a global `path` or `size` to every later
// member), so a bundle that holds any of them is refused: a reviewer would extract other files
// than drivercert read.
import type { Extract } from 'tar-stream';
import { quoteName } from './errors.js';

/** What one extended header is, by its tar type. */
type Kind = 'pax' | 'global' | 'long-name' | 'long-link';

const KINDS: Record<string, Kind> = {
  'pax-header': 'pax',
  'pax-global-header': 'global',
  'gnu-long-path': 'long-name',
  'gnu-long-link-path': 'long-link',
};

/**
 * What a pax global header may set: nothing that names, sizes or types a member (`git
 * archive` writes a `comment` with the commit; times and owners change no member's content).
 */
const GLOBAL_KEYS = new Set(['comment', 'mtime', 'atime', 'ctime', 'uid', 'gid', 'uname', 'gname']);

/** A refusal found in the extended headers: the message, without the member it precedes. */
export interface HeaderProblem {
  code: 'tar-corrupt' | 'extended-header-conflict' | 'pax-global-header';
  message: string;
}

/** Collects the extended headers tar-stream decodes, and judges those in front of each member. */
export class ExtendedHeaders {
  private pending: { kind: Kind; data: Buffer }[] = [];

  /** Watch TAR (tar-stream 3.x): its long-header decoder is the one place every extended header passes. */
  constructor(tar: Extract) {
    const internal = tar as unknown as {
      _header: { type: string } | null;
      _decodeLongHeader: (buf: Buffer) => void;
    };
    const decode = internal._decodeLongHeader;
    if (typeof decode !== 'function')
      throw new Error('tar-stream has no _decodeLongHeader: update extended-headers.ts');
    internal._decodeLongHeader = (buf: Buffer) => {
      const kind = KINDS[internal._header?.type ?? ''];
      if (kind) this.pending.push({ kind, data: Buffer.from(buf) });
      decode.call(tar, buf);
    };
  }

  /** Judge the headers in front of the member NAME (as its header names it), then forget them. */
  take(name: string): HeaderProblem | undefined {
    const headers = this.pending;
    this.pending = [];
    const q = quoteName(name);
    const count = (k: Kind): number => headers.filter((h) => h.kind === k).length;
    for (const h of headers) {
      if (h.kind !== 'pax' && h.kind !== 'global') continue;
      const bad = malformedRecord(h.data);
      if (bad !== undefined)
        return {
          code: 'tar-corrupt',
          message:
            `the ${h.kind === 'global' ? 'pax global header' : 'pax header'} before member ${q} ` +
            `is malformed (${bad}); GNU tar refuses it`,
        };
    }
    for (const h of headers.filter((x) => x.kind === 'pax')) {
      const empty = paxRecords(h.data).find(([k, v]) => (k === 'path' || k === 'size') && v === '');
      if (empty)
        return {
          code: 'tar-corrupt',
          message:
            `the pax header before member ${q} gives ${quoteName(empty[0])} an empty value` +
            " (tar-stream then keeps the header's own, GNU tar and Python's tarfile do not)",
        };
    }
    for (const h of headers.filter((x) => x.kind === 'global')) {
      const key = paxKeys(h.data).find((k) => !GLOBAL_KEYS.has(k));
      if (key !== undefined)
        return {
          code: 'pax-global-header',
          message:
            `a pax global header before member ${q} sets ${quoteName(key)} for every member after it` +
            ' (tar and Python apply it to each; only comment, times and owners may be set there)',
        };
    }
    if (count('pax') > 1) return conflict(`member ${q} has ${count('pax')} pax headers in front of it`);
    if (count('long-name') > 1) return conflict(`member ${q} has ${count('long-name')} GNU long names`);
    if (count('long-link') > 1) return conflict(`member ${q} has ${count('long-link')} GNU long link names`);
    const paxPath = headers.some((h) => h.kind === 'pax' && paxKeys(h.data).includes('path'));
    if (paxPath && count('long-name') > 0) return conflict(`member ${q} has both a GNU long name and a pax path`);
    return undefined;
  }
}

function conflict(what: string): HeaderProblem {
  return {
    code: 'extended-header-conflict',
    message: `${what}: GNU tar and Python's tarfile take different ones, so they extract different names`,
  };
}

/** The keys and values of well-formed pax records (call malformedRecord first). */
function paxRecords(data: Buffer): [string, string][] {
  const records: [string, string][] = [];
  for (let at = 0; at < data.length;) {
    const space = data.indexOf(0x20, at);
    const len = Number(data.toString('latin1', at, space));
    const record = data.toString('utf8', space + 1, at + len - 1);
    const eq = record.indexOf('=');
    records.push([record.slice(0, eq), record.slice(eq + 1)]);
    at += len;
  }
  return records;
}

function paxKeys(data: Buffer): string[] {
  return paxRecords(data).map(([k]) => k);
}

/**
 * Why the pax records in DATA are not well-formed (`LENGTH key=value\n`, LENGTH counting the
 * whole record), or undefined when they all are. tar-stream stops at the first bad record; tar refuses it.
 */
export function malformedRecord(data: Buffer): string | undefined {
  let n = 0;
  for (let at = 0; at < data.length;) {
    n++;
    const space = data.indexOf(0x20, at);
    const digits = space === -1 ? '' : data.toString('latin1', at, space);
    if (!/^[1-9][0-9]{0,9}$/.test(digits)) return `record ${n} does not start with its length`;
    const len = Number(digits);
    if (at + len > data.length) return `record ${n} says it is ${len} bytes long, past the end of the header`;
    if (data[at + len - 1] !== 0x0a) return `record ${n} does not end where its length says`;
    const eq = data.indexOf(0x3d, space + 1);
    if (eq === -1 || eq >= at + len - 1) return `record ${n} has no "="`;
    if (eq === space + 1) return `record ${n} has an empty key`;
    at += len;
  }
  return undefined;
}
