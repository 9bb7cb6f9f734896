// Atomic writes: a crash or a full disk leaves the old file or the new one, never half of either.
// A file is written to a temporary file in its folder (`.<name>.<pid>.<8 hex>.tmp`), fsync'd,
// then renamed over; several files that belong together (pack's bundle and result.yaml) are
// renamed into place together, the old ones restored if any rename fails.
import {
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { Writable } from 'node:stream';
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
  /** More that is true of the files after the failure, one sentence each (printed as they are). */
  readonly notes: string[] = [];
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

/** Whether a file name is a temporary file of an atomic write (only a killed process leaves one behind). */
export function isTempFile(name: string): boolean {
  return TEMP_NAME.test(name);
}

/** A new temporary file name for a write to `path`, in its folder. */
export function tempPathOf(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/**
 * Write `data` to a new temporary file for `path`, fsync'd; returns the temporary file's
 * path (rename it over `path`, or remove it). Throws WriteFailure, leaving no temporary file.
 */
export function writeTemp(path: string, data: string | Uint8Array): string {
  const tmp = tempPathOf(path);
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'wx', 0o644);
    const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    let off = 0;
    while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    return tmp;
  } catch (e) {
    closeQuietly(fd);
    removeQuietly(tmp);
    throw new WriteFailure(path, e);
  }
}

/**
 * A stream that writes what it is given to a new temporary file for `path` (synchronous
 * writes, so the file's bytes are on their way before the next chunk is made), fsync'd when
 * it ends; `tmp` is then complete. On an error (its own, a WriteFailure naming `path`, or
 * the pipeline's) the temporary file is removed.
 */
export class TempFileWriter extends Writable {
  readonly tmp: string;
  private fd: number | undefined;
  private done = false;

  constructor(readonly path: string) {
    super();
    this.tmp = tempPathOf(path);
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (e?: Error | null) => void): void {
    try {
      this.fd ??= openSync(this.tmp, 'wx', 0o644);
      for (let off = 0; off < chunk.length;) off += writeSync(this.fd, chunk, off, chunk.length - off);
      cb();
    } catch (e) {
      cb(new WriteFailure(this.path, e));
    }
  }

  override _final(cb: (e?: Error | null) => void): void {
    try {
      this.fd ??= openSync(this.tmp, 'wx', 0o644);
      fsyncSync(this.fd);
      closeSync(this.fd);
      this.fd = undefined;
      this.done = true;
      cb();
    } catch (e) {
      cb(new WriteFailure(this.path, e));
    }
  }

  override _destroy(error: Error | null, cb: (e?: Error | null) => void): void {
    closeQuietly(this.fd);
    this.fd = undefined;
    if (error || !this.done) removeQuietly(this.tmp);
    cb(error);
  }
}

/**
 * Write `data` to `path` through a temporary file in the same folder, fsync'd, then renamed
 * over; throws WriteFailure. Temporary files of `path` left by processes that were killed
 * are removed after a successful write.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array, opts: { mkdir?: boolean } = {}): void {
  try {
    if (opts.mkdir) mkdirSync(dirname(path), { recursive: true });
  } catch (e) {
    throw new WriteFailure(path, e);
  }
  replaceFiles([{ tmp: writeTemp(path, data), path }]);
}

/**
 * Rename each complete temporary file over its file, all or none: before a file is
 * replaced its old content is kept (a hard link, or a copy), and if a rename fails every
 * file already replaced gets its old content back and every file that did not exist is
 * removed, then WriteFailure names the file whose rename failed. The temporary files are
 * removed in every case, and, after success, those of the same files left by killed processes.
 */
export function replaceFiles(files: readonly { tmp: string; path: string }[]): void {
  // One file needs no copy of its old content: a failed rename leaves it as it was.
  const keep = files.length > 1;
  const replaced: { path: string; backup: string | undefined }[] = [];
  let failed: WriteFailure | undefined;
  for (const f of files) {
    let backup: string | undefined;
    try {
      backup = keep && existsSync(f.path) ? keepCopy(f.path) : undefined;
      renameSync(f.tmp, f.path);
      replaced.push({ path: f.path, backup });
    } catch (e) {
      if (backup) removeQuietly(backup);
      failed = e instanceof WriteFailure ? e : new WriteFailure(f.path, e);
      break;
    }
  }
  if (failed) {
    // Undo in reverse: every file already replaced gets its old content back, or goes if it is new.
    for (const r of replaced.reverse()) {
      try {
        if (r.backup) renameSync(r.backup, r.path);
        else unlinkSync(r.path);
        r.backup = undefined;
      } catch (e) {
        failed.notes.push(
          `${r.path} could not be put back (${(e as Error).message})` +
            `${r.backup ? `: its old content is in ${r.backup}` : ''}.`,
        );
        r.backup = undefined;
      }
    }
  }
  for (const r of replaced) if (r.backup) removeQuietly(r.backup);
  for (const f of files) removeQuietly(f.tmp);
  if (failed) throw failed;
  for (const dir of new Set(files.map((f) => dirname(f.path)))) syncDir(dir);
  for (const f of files) removeStaleTempFiles(dirname(f.path), basename(f.path));
}

/** Keep the current content of `path` under a temporary name (a hard link, else a copy). */
function keepCopy(path: string): string {
  const backup = tempPathOf(path);
  try {
    linkSync(path, backup);
  } catch {
    try {
      copyFileSync(path, backup);
    } catch (e) {
      removeQuietly(backup);
      throw new WriteFailure(path, e);
    }
  }
  return backup;
}

/** Remove temporary files of `name` in `dir` whose process is gone (a write that was killed). */
export function removeStaleTempFiles(dir: string, name: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const n of names) {
    const m = TEMP_NAME.exec(n);
    if (!m || m[1] !== name || isRunning(Number(m[2]))) continue;
    removeQuietly(join(dir, n));
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
    closeQuietly(fd);
  }
}

function closeQuietly(fd: number | undefined): void {
  if (fd === undefined) return;
  try {
    closeSync(fd);
  } catch {
    /* already failing */
  }
}

/** Remove a file if it is there. */
export function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    /* not there, or another run removed it */
  }
}
