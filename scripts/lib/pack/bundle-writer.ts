// Writing a result bundle deterministically: the same inputs give the same bytes
// (fixed member order, mtime 0, owner 0/0, mode 0644, gzip without a timestamp).
import { createReadStream, statSync } from 'node:fs';
import { createGzip } from 'node:zlib';
import { pipeline } from 'node:stream/promises';
import { pack } from 'tar-stream';
import { InputError } from '../findings.js';
import { TempFileWriter, WriteFailure } from '../atomic.js';
import { foldedName } from '../bundle/names.js';

/** One file to put in the bundle, under `name`. */
export interface BundleInput {
  name: string;
  path: string;
}

export interface WrittenBundle {
  /** The complete bundle, in a temporary file next to `dest`: rename it over `dest` (replaceFiles), or remove it. */
  tmp: string;
}

const EPOCH = new Date(0);

/**
 * Stream the inputs into a gzip-compressed tar in a temporary file for `dest` (fsync'd);
 * returns its path (its sha256 and size come from reading it back). Throws InputError for an input
 * that cannot be packed, WriteFailure (naming `dest`) when the file cannot be written; no temporary
 * file is left then.
 */
export async function writeBundle(inputs: readonly BundleInput[], dest: string): Promise<WrittenBundle> {
  const names = new Map<string, string>();
  for (const i of inputs) {
    const other = names.get(foldedName(i.name));
    if (other === i.name)
      throw new InputError(`two inputs would both be stored as "${i.name}" in the bundle`, {
        file: i.path,
        tip: 'Rename one of the files before packing.',
      });
    if (other !== undefined)
      throw new InputError(`two inputs would be stored as "${other}" and "${i.name}", one file on macOS and Windows`, {
        file: i.path,
        tip: 'Rename one of the files before packing (names may not differ only in case).',
      });
    names.set(foldedName(i.name), i.name);
  }
  const sizes = inputs.map((i) => {
    const st = statSync(i.path);
    if (!st.isFile())
      throw new InputError('is not a regular file', {
        file: i.path,
        tip: "Pass files only; put a folder's logs in the bundle one file at a time.",
      });
    return st.size;
  });
  const tar = pack();
  const out = new TempFileWriter(dest);
  const written = pipeline(tar, createGzip({ level: 9 }), out);
  // A failed write ends the pipeline: stop waiting for the entry being written.
  const aborted = new Promise<never>((_, reject) => written.catch(reject));
  aborted.catch(() => undefined);
  /** The input being written, to name it when it fails. */
  let current: string | undefined;
  try {
    for (let k = 0; k < inputs.length; k++) {
      const input = inputs[k]!;
      current = input.path;
      const entry = new Promise<void>((resolve, reject) => {
        const e = tar.entry(
          {
            name: input.name,
            size: sizes[k]!,
            mode: 0o644,
            mtime: EPOCH,
            uid: 0,
            gid: 0,
            uname: '',
            gname: '',
            type: 'file',
          },
          (err) => (err ? reject(err) : resolve()),
        );
        // When the pipeline fails, the entry being written fails too: that is the same failure.
        e.on('error', reject);
        createReadStream(input.path).on('error', reject).pipe(e);
      });
      await Promise.race([entry, aborted]);
    }
    tar.finalize();
    await written;
  } catch (e) {
    tar.destroy();
    out.destroy(e as Error);
    const failure = await written.then(
      () => undefined,
      (w: unknown) => w,
    );
    // The file could not be written: say so for the bundle, whatever else broke after.
    if (failure instanceof WriteFailure) throw failure;
    if (e instanceof WriteFailure) throw e;
    if (/size mismatch/i.test((e as Error).message ?? ''))
      throw new InputError('the file changed size while it was being packed', {
        ...(current !== undefined ? { file: current } : {}),
        tip: 'Pack files that are no longer being written to.',
      });
    throw e;
  }
  return { tmp: out.tmp };
}
