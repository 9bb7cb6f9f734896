// writeBundle's refusals name the input they are about.
import { readFileSync, readdirSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../scripts/lib/findings.js';
import { writeBundle } from '../../scripts/lib/pack/bundle-writer.js';
import { tempDir } from '../helpers/cli.js';

describe('writeBundle', () => {
  it('refuses an input that shrinks while it is packed, naming it, and leaves no temporary file', async () => {
    const dir = tempDir();
    const log = join(dir, 'cert.log');
    writeFileSync(log, 'x'.repeat(10_000));
    // The size is taken when writeBundle is called; the file is read afterwards.
    const written = writeBundle([{ name: 'cert.log', path: log }], join(dir, 'b.tgz'));
    truncateSync(log, 10);
    const e = await written.then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(InputError);
    expect(e).toMatchObject({ message: 'the file changed size while it was being packed', file: log });
    expect(readdirSync(dir)).toEqual(['cert.log']);
  });

  it('writes plain files: mode 0644, no pax global header, no name a folder would have', async () => {
    const dir = tempDir();
    const inputs = ['cert.log', 'logs/c-vol.log', `logs/${'long-'.repeat(30)}.log`].map((name, i) => {
      const path = join(dir, `in${i}`);
      writeFileSync(path, `file ${i}\n`);
      return { name, path };
    });
    const { tmp } = await writeBundle(inputs, join(dir, 'b.tgz'));
    const tar = gunzipSync(readFileSync(tmp));
    const headers: { type: string; mode: number; name: string }[] = [];
    for (let at = 0; tar[at] !== 0;) {
      const field = (from: number, len: number) =>
        tar.toString('latin1', at + from, at + from + len).replace(/\0.*$/s, '');
      const size = parseInt(field(124, 12), 8);
      headers.push({ type: field(156, 1), mode: parseInt(field(100, 8), 8), name: field(0, 100) });
      at += 512 + Math.ceil(size / 512) * 512;
    }
    // The long name goes in a pax header of its own member (type x), never a global one (g).
    expect(headers.map((h) => h.type)).toEqual(['0', '0', 'x', '0']);
    for (const h of headers) {
      expect(h.mode & 0o7000, h.name).toBe(0);
      expect(h.name).not.toMatch(/\/\.?$/);
    }
  });

  it('refuses two inputs whose names differ only in case: one file on macOS and Windows', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a'), 'a\n');
    const inputs = [
      { name: 'logs/C-vol.log', path: join(dir, 'a') },
      { name: 'logs/c-vol.log', path: join(dir, 'a') },
    ];
    await expect(writeBundle(inputs, join(dir, 'b.tgz'))).rejects.toMatchObject({
      message: 'two inputs would be stored as "logs/C-vol.log" and "logs/c-vol.log", one file on macOS and Windows',
    });
    expect(readdirSync(dir)).toEqual(['a']);
  });
});
