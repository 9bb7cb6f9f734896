// Differential reading: every bundle of the hostile corpus is read by drivercert and, when
// drivercert accepts it, extracted by GNU tar and by Python's tarfile (the `data` filter) in a
// temporary folder; all three must agree on every member: its name, its type, its size and its
// bytes. A reviewer who downloads a bundle reads what tar extracts, so a bundle read as one
// thing by us and extracted as another by them is refused, never accepted. A bundle drivercert
// refuses is never extracted: there is nothing to compare, and nothing hostile reaches a disk.
// One Python process extracts every bundle (test/hostile/tar-parity.py), running GNU tar for each.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { BundleError } from '../../scripts/lib/bundle/errors.js';
import { readBundle } from '../../scripts/lib/bundle/read.js';
import { tempDir } from '../helpers/cli.js';
import { cannotRun, needTool } from '../helpers/tools.js';
import { MiB } from './corpus/bytes.js';
import { writeBundle, writeBytes } from './corpus/bundle.js';
import { CASES, type Case } from './corpus/index.js';
import { certLogOf, honestMembers } from './corpus/submission.js';
import type { BundleCase, Bytes, TarCase } from './corpus/types.js';

const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'tar-parity.py');
/** Member cases bigger than this are written by the same honest writer as the small ones; only their content differs. */
const MAX_MEMBER_CASE_BYTES = 4 * MiB;

/** One file or folder, as a reader ends up with it. */
interface Entry {
  name: string;
  type: string;
  size?: number;
  sha256?: string;
}

interface Extracted {
  ok: boolean;
  error: string | null;
  entries: Entry[];
}

const gnuTar = needTool('GNU tar', () => {
  const why = cannotRun('tar', ['--version']);
  if (why) return why;
  return /GNU tar/.test(spawnSync('tar', ['--version'], { encoding: 'utf8' }).stdout)
    ? undefined
    : 'tar is not GNU tar';
});
const python = needTool('python3 tarfile', () => cannotRun('python3', ['-c', 'import tarfile, hashlib, json']));
const skip = gnuTar.skip || python.skip;

/** Whether a lazy byte source holds at most LIMIT bytes (stops reading past it). */
function atMost(bytes: Bytes, limit: number): boolean {
  let n = 0;
  for (const c of bytes()) if ((n += c.length) > limit) return false;
  return true;
}

/** The member cases' bundles, as the corpus test builds them (small ones; see MAX_MEMBER_CASE_BYTES). */
function memberBundle(c: BundleCase): ((path: string) => Promise<void>) | undefined {
  const members = [...(c.beside ?? (c.member.name === 'cert.log' ? [] : [certLogOf()])), c.member];
  if (!members.every((m) => atMost(m.bytes, MAX_MEMBER_CASE_BYTES))) return undefined;
  return (path) => writeBundle(path, members);
}

function bundleWriter(c: Case): ((path: string) => Promise<void>) | undefined {
  if (c.via === 'tar') return (path) => writeBytes(path, (c as TarCase).bytes(honestMembers()));
  if (c.via === 'bundle') return memberBundle(c);
  return undefined;
}

/** What drivercert reads: every member with its bytes' digest, and the folders tar would make for them; or its refusal. */
async function ours(path: string, c: Case): Promise<Entry[] | BundleError> {
  const files = new Map<string, Entry>();
  const folders = new Set<string>();
  try {
    const summary = await readBundle(path, {
      ...(c.via === 'tar' && c.limits ? { limits: c.limits } : {}),
      onMember: async (m, body) => {
        const hash = createHash('sha256');
        for await (const chunk of body) hash.update(chunk);
        files.set(m.name, { name: m.name, type: 'file', size: m.size, sha256: hash.digest('hex') });
      },
    });
    for (const m of summary.members) {
      if (m.type === 'directory') folders.add(m.name);
      for (let i = m.name.indexOf('/'); i !== -1; i = m.name.indexOf('/', i + 1)) folders.add(m.name.slice(0, i));
    }
  } catch (e) {
    if (e instanceof BundleError) return e;
    throw e;
  }
  const entries = [...files.values(), ...[...folders].map((name) => ({ name, type: 'directory' }))];
  return entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

const cases = CASES.filter((c) => bundleWriter(c) !== undefined);
const read = new Map<string, Entry[] | BundleError>();
let extracted: Record<string, { gnu: Extracted; python: Extracted }> = {};

describe.skipIf(skip)(
  `drivercert, GNU tar and Python's tarfile read every corpus bundle alike${gnuTar.note}${python.note}`,
  () => {
    beforeAll(async () => {
      const dir = tempDir('drivercert-parity-');
      const jobs: { id: string; bundle: string; dir: string }[] = [];
      for (const c of cases) {
        const bundle = join(dir, `${c.id}.tgz`);
        await bundleWriter(c)!(bundle);
        const found = await ours(bundle, c);
        read.set(c.id, found);
        if (found instanceof BundleError) continue;
        const out = join(dir, c.id);
        mkdirSync(out);
        jobs.push({ id: c.id, bundle, dir: out });
      }
      const run = spawnSync('python3', [SCRIPT], {
        input: JSON.stringify(jobs),
        encoding: 'utf8',
        maxBuffer: 64 * MiB,
      });
      expect(run.status, run.stderr).toBe(0);
      extracted = JSON.parse(run.stdout) as typeof extracted;
    }, 120_000);

    it('covers every tar case and the member cases, and compares the bundles it accepts', () => {
      expect(cases.filter((c) => c.via === 'tar').length).toBe(CASES.filter((c) => c.via === 'tar').length);
      const accepted = [...read.values()].filter((r) => !(r instanceof BundleError));
      expect(accepted.length).toBeGreaterThanOrEqual(20);
      expect(Object.keys(extracted)).toHaveLength(accepted.length);
    });

    for (const c of cases) {
      it(`${c.id}: refused, or read as GNU tar and tarfile extract it`, () => {
        const found = read.get(c.id)!;
        if (found instanceof BundleError) return; // refused: never extracted
        const { gnu, python: py } = extracted[c.id]!;
        expect(gnu.ok, `GNU tar fails on a bundle drivercert accepts: ${gnu.error}`).toBe(true);
        expect(py.ok, `tarfile fails on a bundle drivercert accepts: ${py.error}`).toBe(true);
        expect(gnu.entries, 'GNU tar extracts other members than drivercert reads').toEqual(found);
        expect(py.entries, 'tarfile extracts other members than drivercert reads').toEqual(found);
      });
    }
  },
);
