// Fault injection for the real `drivercert` process: preload it with
//   node --import ./test/helpers/faults.mjs dist/cli/main.js …
// and it makes one file-system call fail the way a full disk, a read-only folder or a
// killed process would. Root ignores permission bits, so the errors are injected.
//
//   DRIVERCERT_FAULT       ENOSPC | EACCES | EIO | stall  (stall: write half, then wait to be killed)
//   DRIVERCERT_FAULT_AT    open | write | rename | read    (the call that fails; read: an open for reading)
//   DRIVERCERT_FAULT_PATH  a regular expression; only paths that match are hit (a temporary
//                          file's name holds its target's, so `MATRIX\.md` hits both)
//   DRIVERCERT_FAULT_LOG   a file that gets one line when the fault fires, so a test knows the
//                          writes really went through the patched functions
//
// The patched functions throw errors shaped as Node's own: a failed open or rename names
// its path, a failed write does not (Node's writeSync errors carry no path). The fault
// fires once. `syncBuiltinESMExports()` makes `import { writeSync } from 'node:fs'` see
// the patched functions too.
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { constants } from 'node:os';

const fault = process.env.DRIVERCERT_FAULT;
const at = process.env.DRIVERCERT_FAULT_AT ?? 'write';
const pattern = new RegExp(process.env.DRIVERCERT_FAULT_PATH ?? '.');
const log = process.env.DRIVERCERT_FAULT_LOG;

const MESSAGES = { ENOSPC: 'no space left on device', EACCES: 'permission denied', EIO: 'i/o error' };

if (fault) {
  const real = { openSync: fs.openSync, writeSync: fs.writeSync, renameSync: fs.renameSync, closeSync: fs.closeSync };
  /** File descriptors opened for writing on a matching path, with their path. */
  const watched = new Map();
  /** Bytes written so far to each watched descriptor, and whether the fault fired. */
  let fired = false;
  let halfDone = false;

  const note = (what) => {
    if (log) fs.appendFileSync(log, `${what}\n`);
  };
  const errnoError = (syscall, path, dest) => {
    const code = fault === 'stall' ? 'EIO' : fault;
    let message = `${code}: ${MESSAGES[code] ?? code.toLowerCase()}, ${syscall}`;
    if (path !== undefined) message += ` '${path}'${dest !== undefined ? ` -> '${dest}'` : ''}`;
    const e = new Error(message);
    Object.assign(e, { errno: -(constants.errno[code] ?? 5), code, syscall });
    if (path !== undefined) e.path = path;
    if (dest !== undefined) e.dest = dest;
    return e;
  };
  const forWriting = (flags) =>
    typeof flags === 'string'
      ? /[wa+]/.test(flags)
      : typeof flags === 'number' && (flags & (fs.constants.O_WRONLY | fs.constants.O_RDWR)) !== 0;

  fs.openSync = function openSync(path, flags, mode) {
    const p = String(path);
    if (!fired && at === 'read' && !forWriting(flags) && pattern.test(p)) {
      fired = true;
      note(`${fault} at open for reading of ${p}`);
      throw errnoError('open', p);
    }
    if (!fired && forWriting(flags) && pattern.test(p)) {
      if (at === 'open') {
        fired = true;
        note(`${fault} at open of ${p}`);
        throw errnoError('open', p);
      }
      const fd = real.openSync.call(fs, path, flags, mode);
      if (at === 'write') watched.set(fd, p);
      return fd;
    }
    return real.openSync.call(fs, path, flags, mode);
  };

  // readFileSync reads UTF-8 without going through openSync: patched for `read` as well.
  const readFileSync = fs.readFileSync;
  fs.readFileSync = function patchedReadFileSync(path, options) {
    const p = String(path);
    if (!fired && at === 'read' && typeof path !== 'number' && pattern.test(p)) {
      fired = true;
      note(`${fault} at open for reading of ${p}`);
      throw errnoError('open', p);
    }
    return readFileSync.call(fs, path, options);
  };

  fs.writeSync = function writeSync(fd, buffer, ...rest) {
    const p = watched.get(fd);
    if (p === undefined || fired) return real.writeSync.call(fs, fd, buffer, ...rest);
    // Write half of what was asked for first (a short write), then fail on the next call.
    if (!halfDone && typeof buffer !== 'string') {
      const [offset = 0, length = buffer.byteLength - offset] = rest;
      if (length > 1) {
        halfDone = true;
        const n = real.writeSync.call(fs, fd, buffer, offset, Math.floor(length / 2));
        if (fault === 'stall') {
          note(`stalled writing ${p}`);
          process.stderr.write(`drivercert-fault: stalled writing ${p} (pid ${process.pid})\n`);
          // Block the whole process, as a hung disk would, until the test kills it.
          Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000);
        }
        return n;
      }
    }
    fired = true;
    note(`${fault} at write of ${p}`);
    throw errnoError('write');
  };

  fs.closeSync = function closeSync(fd) {
    watched.delete(fd);
    return real.closeSync.call(fs, fd);
  };

  fs.renameSync = function renameSync(from, to) {
    if (!fired && at === 'rename' && pattern.test(String(to))) {
      fired = true;
      note(`${fault} at rename to ${to}`);
      throw errnoError('rename', String(from), String(to));
    }
    return real.renameSync.call(fs, from, to);
  };

  syncBuiltinESMExports();
}
