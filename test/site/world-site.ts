// The site of the matrix's test world (passed, failed, withdrawn, removed, unsupported, never
// submitted, and a driver whose every text field is hostile), built once per test file through
// the real CLI, and read back as files.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { drivercert, tempDir } from '../helpers/cli.js';
import { writeWorld } from '../matrix/world.js';

export interface BuiltSite {
  root: string;
  out: string;
  /** Every file of the site by path from its root, POSIX separators, sorted. */
  files: Map<string, string>;
  stderr: string;
}

/** Every file under `dir`, by path from it, sorted. */
export function readTree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(relative(dir, p).split('\\').join('/'), readFileSync(p, 'utf8'));
    }
  };
  walk(dir);
  return out;
}

/** Build the world's site into a new folder with `args` added; throws when the command fails. */
export async function buildWorldSite(args: string[] = [], root = writeWorld()): Promise<BuiltSite> {
  const out = join(tempDir('drivercert-site-'), 'site');
  const r = await drivercert(['site', '--repo', root, '--out', out, ...args], { env: { GITHUB_ACTIONS: '' } });
  if (r.code !== 0) throw new Error(`drivercert site failed (${r.code}): ${r.stderr}`);
  return { root, out, files: readTree(out), stderr: r.stderr };
}
