// Writing the site to its folder all at once: the files go to a new temporary folder beside it,
// which then takes the old folder's place, so a reader (or a failed build) never sees half a site.
// A folder is replaced only if drivercert built it (it holds SITE_MARKER), never any other.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { WriteFailure } from '../atomic.js';
import { InputError } from '../findings.js';
import type { SiteFiles } from './build.js';

/** The file that marks a folder as a site drivercert built, and so one it may replace. */
export const SITE_MARKER = '.drivercert-site';

/** Write `files` as the folder `out`, replacing a site built before; throws InputError or WriteFailure. */
export function writeSite(out: string, files: SiteFiles, shownAs = out): void {
  checkReplaceable(out, shownAs);
  const tag = `${process.pid}.${randomBytes(4).toString('hex')}`;
  const tmp = join(dirname(out), `.${basename(out)}.${tag}.tmp`);
  try {
    mkdirSync(dirname(out), { recursive: true });
    mkdirSync(tmp);
    for (const [path, text] of files) {
      const file = join(tmp, ...path.split('/'));
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, text);
    }
    writeFileSync(join(tmp, SITE_MARKER), 'Built by `drivercert site`: the next build replaces this folder.\n');
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw new WriteFailure(shownAs, e);
  }
  swapIn(tmp, out, `.${basename(out)}.${tag}.old`, shownAs);
}

/** `out` may be written: it does not exist, is empty, or is a site drivercert built. */
function checkReplaceable(out: string, shownAs: string): void {
  if (!existsSync(out)) return;
  if (!statSync(out).isDirectory())
    throw new InputError(`${shownAs} exists and is not a folder; the site was not written`, {
      tip: 'Choose another folder with --out DIR.',
    });
  if (readdirSync(out).length > 0 && !existsSync(join(out, SITE_MARKER)))
    throw new InputError(`${shownAs} is a folder drivercert did not build; the site was not written over it`, {
      tip: `Choose another folder with --out DIR, or empty this one (a site drivercert built holds ${SITE_MARKER}).`,
    });
}

/** Rename the finished `tmp` to `out`, the old `out` moved aside first and removed after. */
function swapIn(tmp: string, out: string, oldName: string, shownAs: string): void {
  const old = join(dirname(out), oldName);
  const hadOld = existsSync(out);
  try {
    if (hadOld) renameSync(out, old);
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw new WriteFailure(shownAs, e);
  }
  try {
    renameSync(tmp, out);
  } catch (e) {
    if (hadOld) renameSync(old, out);
    rmSync(tmp, { recursive: true, force: true });
    throw new WriteFailure(shownAs, e);
  }
  if (hadOld) rmSync(old, { recursive: true, force: true });
}
