// Mutated and truncated bundles never crash the reader or hang it: every one ends in
// a summary or a BundleError. A short seeded run; the corpus of issue 6 goes further.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { BundleError } from '../../scripts/lib/bundle/errors.js';
import { readBundle } from '../../scripts/lib/bundle/read.js';
import { Random } from '../../bench/lib/random.js';
import { gzip, paxData, tar } from '../helpers/tar.js';

const BASE = tar([
  { name: 'PaxHeader', type: 'x', data: paxData({ path: `logs/long-${'x'.repeat(120)}.log`, mtime: '1.5' }) },
  { name: 'short', data: 'line one\npassword = xxx\n'.repeat(50) },
  { name: 'cert.log', data: 'Device driver PASSED!\n' },
  { name: 'logs/', type: '5' },
  { name: '././@LongLink', type: 'L', data: `logs/${'n'.repeat(200)}.log\0` },
  { name: 'trunc', data: 'y'.repeat(3000) },
]);

function mutate(rnd: Random): Buffer {
  const b = Buffer.from(BASE);
  for (let f = 1 + rnd.int(4); f > 0; f--) {
    const at = rnd.int(b.length);
    const how = rnd.int(3);
    b[at] = how === 0 ? rnd.int(256) : how === 1 ? 0 : b[at]! ^ (1 << rnd.int(8));
  }
  return rnd.next() < 0.2 ? b.subarray(0, rnd.int(b.length)) : b;
}

describe('readBundle on mutated bundles', () => {
  it('ends every one of 400 seeded mutations in a summary or a BundleError, quickly', async () => {
    const rnd = new Random(20251120);
    const outcomes = new Map<string, number>();
    for (let i = 0; i < 400; i++) {
      const bytes = rnd.next() < 0.1 ? mutate(rnd) : gzip(mutate(rnd)); // a few mutate the raw tar, ungzipped
      const outcome = await readBundle(Readable.from([bytes]), {
        onMember: async (_m, body) => {
          for await (const _ of body);
        },
      }).then(
        () => 'read',
        (e: unknown) => (e instanceof BundleError ? e.code : `not a BundleError: ${String(e)}`),
      );
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    }
    expect([...outcomes.keys()].filter((k) => k.startsWith('not a BundleError'))).toEqual([]);
    expect(outcomes.get('read')).toBeGreaterThan(0);
  }, 20_000);
});
