// Files that belong together (pack's bundle and result.yaml) are replaced all or none.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WriteFailure, replaceFiles, writeTemp } from '../scripts/lib/atomic.js';
import { tempDir } from './helpers/cli.js';

describe('replaceFiles', () => {
  it('replaces every file, and leaves no temporary file', () => {
    const dir = tempDir('drivercert-atomic-');
    writeFileSync(join(dir, 'a'), 'old a');
    replaceFiles([
      { tmp: writeTemp(join(dir, 'a'), 'new a'), path: join(dir, 'a') },
      { tmp: writeTemp(join(dir, 'b'), 'new b'), path: join(dir, 'b') },
    ]);
    expect(readdirSync(dir).sort()).toEqual(['a', 'b']);
    expect(readFileSync(join(dir, 'a'), 'utf8')).toBe('new a');
  });

  it('puts every file back when a later rename fails: the old content, or no file where there was none', () => {
    const dir = tempDir('drivercert-atomic-');
    writeFileSync(join(dir, 'a'), 'old a');
    mkdirSync(join(dir, 'c')); // a file cannot be renamed over a folder: the third rename fails
    const files = [
      { tmp: writeTemp(join(dir, 'a'), 'new a'), path: join(dir, 'a') },
      { tmp: writeTemp(join(dir, 'b'), 'new b'), path: join(dir, 'b') },
      { tmp: writeTemp(join(dir, 'c'), 'new c'), path: join(dir, 'c') },
    ];
    const e = (() => {
      try {
        replaceFiles(files);
      } catch (x) {
        return x;
      }
    })();
    expect(e).toBeInstanceOf(WriteFailure);
    expect((e as WriteFailure).path).toBe(join(dir, 'c'));
    expect(readFileSync(join(dir, 'a'), 'utf8')).toBe('old a');
    expect(existsSync(join(dir, 'b'))).toBe(false);
    expect(readdirSync(dir).sort()).toEqual(['a', 'c']);
  });
});
