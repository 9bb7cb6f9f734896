// writeBundle's refusals name the input they are about.
import { readdirSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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
});
