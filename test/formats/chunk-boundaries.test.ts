// Chunk boundaries can fall anywhere — inside a packet header, a varint, a field, a CRC, a
// multi-byte character, a tag, an entity, a line — and the result is the same.
import { describe, expect, it } from 'vitest';
import { CertLogParser } from '../../scripts/lib/formats/cert-log.js';
import { ConsoleParser } from '../../scripts/lib/formats/console.js';
import { SubunitParser } from '../../scripts/lib/formats/index.js';
import { JUnitParser } from '../../scripts/lib/formats/junit.js';
import { SubunitV1Parser } from '../../scripts/lib/formats/subunit-v1.js';
import { SubunitV2Parser } from '../../scripts/lib/formats/subunit-v2.js';
import type { StreamParser } from '../../scripts/lib/formats/types.js';
import { crcOf, example, feed, feedRandom, fixture, packet, stream } from './helpers.js';

const cases: [string, () => Buffer, () => StreamParser][] = [];
for (const v of ['run', 'edge']) {
  cases.push(
    [`${v}.subunit (v2)`, () => fixture(`${v}.subunit`), () => new SubunitV2Parser()],
    [`${v}.subunit (sniffed)`, () => fixture(`${v}.subunit`), () => new SubunitParser({ sniffBytes: 300 })],
    [`${v}.v1.subunit (v1)`, () => fixture(`${v}.v1.subunit`), () => new SubunitV1Parser()],
    [`${v}.v1.subunit (sniffed)`, () => fixture(`${v}.v1.subunit`), () => new SubunitParser({ sniffBytes: 300 })],
    [`${v}.junit.xml`, () => fixture(`${v}.junit.xml`), () => new JUnitParser()],
    [`${v}.pyunit.txt`, () => fixture(`${v}.pyunit.txt`), () => new ConsoleParser()],
    [`${v}.subunit-trace.txt`, () => fixture(`${v}.subunit-trace.txt`), () => new ConsoleParser()],
  );
}
/** Good packets around dropped ones: a problem names where in its packet the bad string is, wherever the chunks fall. */
function damagedV2(): Buffer {
  const latin = packet({ id: 'x', status: 'success', tags: ['worker-0'] });
  latin[latin.indexOf(0x78)] = 0xe9; // "x" → a lone é in Latin-1
  const fixed = latin.subarray(0, -4);
  return stream(
    { id: 'a', status: 'success' },
    { id: 'b\u0000c', status: 'fail' },
    Buffer.concat([fixed, crcOf(fixed)]),
    { id: 'd', status: 'success', tags: ['w\u0000'] },
    { id: 'e', status: 'success' },
  );
}

cases.push(
  ['damaged v2 stream', damagedV2, () => new SubunitV2Parser()],
  ['run.cert.log', () => fixture('run.cert.log'), () => new CertLogParser()],
  ['example.cert.log', () => example('example.cert.log'), () => new CertLogParser()],
);

describe.each(cases)('%s', (_, data, make) => {
  const whole = feed(make(), data());

  it('gives the same result fed one byte at a time', () => {
    expect(feed(make(), data(), 1)).toEqual(whole);
  });

  it.each([1, 2, 3, 42, 2025])('gives the same result split at random points (seed %i)', (seed) => {
    expect(feedRandom(make(), data(), seed)).toEqual(whole);
  });
});
