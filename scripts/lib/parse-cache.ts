// What a clean YAML file parses to, remembered by the sha256 of its bytes (and its schema),
// so a run reads only the files that changed since the last run on this machine: JSON is
// read some 30 times faster than YAML. Only files that parsed without a problem and matched
// their schema are remembered; any other file is read in full, every time, so its findings
// and their lines are always fresh. The cache is one JSON file under
// node_modules/.cache/drivercert/, named after a stamp of the reader (FORMAT, drivercert's
// version, the schemas), so a new reader or schema never reads an old cache. It is only ever
// a copy: a missing, unreadable or unwritable cache costs time, never a result.
// DRIVERCERT_CACHE_DIR names another folder, or `off` (the test suite's setting) for none.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { removeQuietly, writeFileAtomic } from './atomic.js';
import { packageRoot } from './package-root.js';

/** Bump when what the reader makes of a file changes without a new version or schema. */
const FORMAT = 1;

/** Remembered data of clean YAML files. */
export interface ParseCache {
  /** The key of a file's bytes under a schema. */
  key(schema: string, bytes: Uint8Array): string;
  /** The data remembered under `key`, if any (a copy when it is asked for again). */
  lookup(key: string): unknown;
  /** Remember a clean file's data. */
  remember(key: string, data: unknown): void;
  /** Write what this run read (and only that) back, if it changed; never throws. Call before handing data out. */
  save(): void;
}

/** A cache that remembers nothing (DRIVERCERT_CACHE_DIR=off). */
export const NO_CACHE: ParseCache = { key: () => '', lookup: () => undefined, remember() {}, save() {} };

/** The cache's folder: DRIVERCERT_CACHE_DIR, or the package's node_modules/.cache/drivercert; undefined when off. */
export function cacheDir(): string | undefined {
  const env = process.env.DRIVERCERT_CACHE_DIR;
  if (env === 'off' || env === '') return undefined;
  return env ?? join(packageRoot(), 'node_modules', '.cache', 'drivercert');
}

/** Open the cache (empty when there is none yet, or it cannot be read). */
export function openParseCache(dir = cacheDir()): ParseCache {
  if (dir === undefined) return NO_CACHE;
  const file = join(dir, `parsed-${stamp()}.json`);
  let entries: Record<string, unknown> = {};
  try {
    entries = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    entries = {};
  }
  // What this run read: entries of the cache, and files it parsed (as JSON text, written once).
  const taken = new Map<string, unknown>();
  const fresh = new Map<string, string>();
  return {
    key: (schema, bytes) => createHash('sha256').update(schema).update('\0').update(bytes).digest('base64url'),
    lookup(key) {
      if (fresh.has(key)) return JSON.parse(fresh.get(key)!);
      if (taken.has(key)) return structuredClone(taken.get(key));
      if (!Object.hasOwn(entries, key)) return undefined;
      taken.set(key, entries[key]);
      return entries[key];
    },
    remember(key, data) {
      if (jsonSafe(data)) fresh.set(key, JSON.stringify(data));
    },
    save() {
      if (fresh.size === 0 && taken.size === Object.keys(entries).length) return;
      try {
        const parts = [...taken].map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`);
        for (const [k, json] of fresh) parts.push(`${JSON.stringify(k)}:${json}`);
        writeFileAtomic(file, `{${parts.join(',')}}`, { mkdir: true });
        for (const old of readdirSync(dir))
          if (/^parsed-.*\.json$/.test(old) && join(dir, old) !== file) removeQuietly(join(dir, old));
      } catch {
        // A cache that cannot be written only costs the next run its time.
      }
    },
  };
}

/** The reader's stamp: FORMAT, drivercert's version and the schemas' text. */
function stamp(): string {
  const root = packageRoot();
  const h = createHash('sha256').update(`${FORMAT}\0`);
  h.update(readFileSync(join(root, 'package.json')));
  // The schemas the reader validates with (schemas/api/ describes the site's output, not the input).
  const files = readdirSync(join(root, 'schemas'), { withFileTypes: true }).filter((e) => e.isFile());
  for (const f of files.map((e) => e.name).sort()) h.update(f).update(readFileSync(join(root, 'schemas', f)));
  return h.digest('hex').slice(0, 16);
}

/** Whether JSON keeps `v` exactly (no NaN, infinities or -0, which it would change). */
function jsonSafe(v: unknown): boolean {
  if (typeof v === 'number') return Number.isFinite(v) && !Object.is(v, -0);
  if (Array.isArray(v)) return v.every(jsonSafe);
  if (v !== null && typeof v === 'object') return Object.values(v).every(jsonSafe);
  return true;
}
