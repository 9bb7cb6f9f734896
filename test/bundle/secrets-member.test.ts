// createMemberScanner reads a member for secrets by its content, never its name: gzip is
// inflated (within the limits), UTF-16 decoded, anything else scanned as bytes.
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { resolveLimits, type BundleLimits } from '../../scripts/lib/bundle/limits.js';
import { createMemberScanner, utf16Of } from '../../scripts/lib/bundle/secret-member.js';

const SECRET_LINE = 'san_password = Tr0ub4dor&3\n';

/** Scan BYTES fed in chunks of SIZE; the findings as "line kind", and what was left unscanned. */
async function scan(bytes: Buffer, size = 7, limits: Partial<BundleLimits> = {}) {
  const s = createMemberScanner(resolveLimits(limits));
  for (let o = 0; o < bytes.length; o += size) {
    const w = s.write(bytes.subarray(o, o + size));
    if (w) await w;
  }
  const r = await s.end();
  return { found: r.findings.map((f) => `${f.line} ${f.kind}`), unscanned: r.unscanned };
}

describe('createMemberScanner', () => {
  it('scans text, and bytes that start with a NUL, as they are', async () => {
    expect((await scan(Buffer.from(`a\n${SECRET_LINE}`))).found).toEqual(['2 password']);
    expect((await scan(Buffer.from(`\0\0\0\x01junk\n${SECRET_LINE}`))).found).toEqual(['2 password']);
    expect((await scan(Buffer.from('a\npassword = xxx\n'))).found).toEqual([]);
  });

  it('decodes UTF-16, little- and big-endian, with a byte-order mark or without', async () => {
    const text = `line one\r\n${SECRET_LINE}`;
    const be = (s: string) => Buffer.from(s, 'utf16le').swap16();
    for (const bytes of [
      Buffer.from(`\ufeff${text}`, 'utf16le'),
      Buffer.from(text, 'utf16le'),
      be(`\ufeff${text}`),
      be(text),
    ])
      expect((await scan(bytes, 5)).found).toEqual(['2 password']);
  });

  it('tells UTF-16 from binary by the rhythm of its NULs', () => {
    expect(utf16Of(Buffer.from('plain ASCII text here', 'utf16le'))).toBe('utf-16le');
    expect(utf16Of(Buffer.from('plain ASCII text here', 'utf8'))).toBeUndefined();
    expect(utf16Of(Buffer.from([0xb3, 0x29, 0, 0x41, 0, 0, 0x10, 0x20, 0, 0, 0, 1]))).toBeUndefined();
  });

  it('inflates a gzip member, and one inside it, and reports lines of the inflated text', async () => {
    const once = gzipSync(Buffer.from(`a\nb\n${SECRET_LINE}`));
    expect((await scan(once)).found).toEqual(['3 password']);
    expect((await scan(gzipSync(once), 3)).found).toEqual(['3 password']);
    expect((await scan(gzipSync(Buffer.from(`x\n${SECRET_LINE}`, 'utf16le')))).found).toEqual(['2 password']);
  });

  it('stops inflating past the limits, saying why, and keeps what it found before', async () => {
    const bomb = gzipSync(Buffer.concat([Buffer.from(SECRET_LINE), Buffer.alloc(8 * 1024 * 1024)]));
    const r = await scan(bomb, 64 * 1024, { ratioGraceBytes: 1024 * 1024, maxRatio: 100 });
    expect(r.found).toEqual(['1 password']);
    expect(r.unscanned).toBe('it inflates more than 100 times');
    const big = await scan(gzipSync(Buffer.alloc(4096, 0x61)), 512, { maxMemberBytes: 1000 });
    expect(big.unscanned).toBe('it inflates to more than 1000 bytes');
  });

  it('reads damaged gzip data up to the damage, without failing', async () => {
    const good = gzipSync(Buffer.from(`${SECRET_LINE}${'filler line\n'.repeat(2000)}`));
    const damaged = Buffer.concat([good.subarray(0, good.length - 20), Buffer.from('not gzip any more')]);
    const r = await scan(damaged, 100);
    expect(r.found).toEqual(['1 password']);
    expect(r.unscanned).toBeUndefined();
  });

  it('scans text after the gzip stream (which zlib drops) as it is, and never waits on it', async () => {
    // Found by fuzzing: input after the end of the gzip stream filled zlib's buffer, which nothing drained.
    const trailing = Buffer.concat([gzipSync(Buffer.from('clean\n')), Buffer.from(`x\n${SECRET_LINE}`.repeat(3000))]);
    const r = await scan(trailing, 11);
    expect(r.found[0]).toMatch(/ password$/);
  });
});
