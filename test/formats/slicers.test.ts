// Buffer's own slicers, which the line splitter and the subunit v2 reader call per line and per
// packet, read exactly what toString reads over the same range.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { latin1Slice, utf8Slice } from '../../scripts/lib/formats/common.js';

describe('latin1Slice and utf8Slice', () => {
  it('are toString over the range, for any bytes (invalid UTF-8 and a BOM included)', () => {
    const bytes = fc.uint8Array({ maxLength: 80 }).chain((b) =>
      fc.tuple(fc.constant(b), fc.nat(b.length), fc.nat(b.length)).map(([b, x, y]) => ({
        buf: Buffer.from(b),
        start: Math.min(x, y),
        end: Math.max(x, y),
      })),
    );
    fc.assert(
      fc.property(bytes, ({ buf, start, end }) => {
        expect(latin1Slice(buf, start, end)).toBe(buf.toString('latin1', start, end));
        expect(utf8Slice(buf, start, end)).toBe(buf.toString('utf8', start, end));
      }),
      { numRuns: 2000 },
    );
    const bom = Buffer.from('\ufeffx\u00e9\u{1f600}', 'utf8');
    expect(utf8Slice(bom, 0, bom.length)).toBe(bom.toString('utf8'));
    expect(latin1Slice(bom, 1, 4)).toBe(bom.toString('latin1', 1, 4));
  });

  it('are the engine-facing slicers on this Node, not the fallback', () => {
    // The fallback is correct but loses the gain the slicers exist for: a Node without them
    // should be noticed, not silently slower.
    expect(typeof (Buffer.prototype as unknown as Record<string, unknown>).latin1Slice).toBe('function');
    expect(typeof (Buffer.prototype as unknown as Record<string, unknown>).utf8Slice).toBe('function');
  });
});
