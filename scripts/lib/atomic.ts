// Atomic writes: a crash or a full disk leaves the old file or the new one, never half of either.
import { closeSync, fsyncSync, openSync, readdirSync, renameSync, unlinkSync, writeSync, mkdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

/** A write that failed: the file at `path` is as it was before, and no temporary file is left. */
export class WriteFailure extends Error {
  /** The file that was being written. */
  readonly path: string;
  /** The system's error code (ENOSPC, EACCES…), when there is one. */
  readonly code: string | undefined;
  /** What the command had already changed before this write failed, one line each. */
  readonly done: string[] = [];
  constructor(path: string, cause: unknown) {
    const code = (cause as NodeJS.ErrnoException | undefined)?.code;
    super(`cannot write ${path}: ${(cause as Error | undefined)?.message ?? String(cause)}`, { cause });
    this.name = 'WriteFailure';
    this.path = path;
    this.code = typeof code === 'string' ? code : undefined;
  }
}

// `.<name>.<pid>.<8 hex digits>.tmp`: the temporary file of a write to <name>.
const TEMP_NAME = /^\.(.+)\.(\d+)\.[0-9a-f]{8}\.tmp$/;

/** Whether a file name is a temporary file of writeFileAtomic (only a killed process leaves one behind). */
export function isTempFile(name: string): boolean {
  return TEMP_NAME.test(name);
}

/**
 * Write `data` to `path` through a temporary file in the same folder, fsync'd, then renamed
 * over; throws WriteFailure. Temporary files of `path` left by processes that were killed
 * are removed after a successful write.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array, opts: { mkdir?: boolean } = {}): void {
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    if (opts.mkdir) mkdirSync(dir, { recursive: true });
    fd = openSync(tmp, 'wx', 0o644);
    const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    let off = 0;
    while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, path);
  } catch (e) {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        /* already failing */
      }
    }
    try {
      unlinkSync(tmp);
    } catch {
      /* nothing to clean */
    }
    throw new WriteFailure(path, e);
  }
  syncDir(dir);
  removeStaleTempFiles(dir, basename(path));
}

/** Remove temporary files of `name` in `dir` whose process is gone (a write that was killed). */
function removeStaleTempFiles(dir: string, name: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const n of names) {
    const m = TEMP_NAME.exec(n);
    if (!m || m[1] !== name || isRunning(Number(m[2]))) continue;
    try {
      unlinkSync(join(dir, n));
    } catch {
      /* another run removed it */
    }
  }
}

/** Whether a process with this id exists (ours included; when in doubt, yes). */
function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/** Make a rename durable by syncing its folder (best effort: not every file system allows it). */
function syncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    /* some file systems refuse fsync on a directory */
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
