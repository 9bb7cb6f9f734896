// Subunit v2: python-subunit's reading and subunit-stats' counting, and hostile streams that
// end in a result or a problem, quickly, never a throw or a hang. reference.test.ts runs the
// same kinds of stream through subunit-stats itself when it is installed.
import { crc32 } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crc32Range } from '../../scripts/lib/formats/crc32.js';
import { MAX_PACKET_BYTES, SubunitV2Parser } from '../../scripts/lib/formats/subunit-v2.js';
import { countResults } from '../../scripts/lib/formats/types.js';
import { crcOf, feed, feedRandom, packet, stream, testRun } from './helpers.js';

const parse = (data: Uint8Array, opts = {}) => feed(new SubunitV2Parser(opts), data);
const statuses = (data: Uint8Array) => parse(data).tests.map((t) => `${t.status} ${t.id}`);

describe('subunit v2 counting, as subunit-stats counts', () => {
  it('counts a test that started and never finished as incomplete (a failure)', () => {
    const r = parse(stream({ id: 'a', status: 'inprogress' }));
    expect(r.tests).toEqual([{ id: 'a', status: 'incomplete' }]);
    expect(countResults(r.tests)).toMatchObject({ total: 1, failed: 1, incomplete: 1 });
  });

  it('does not count a test that only exists', () => {
    expect(statuses(stream({ id: 'a', status: 'exists' }))).toEqual([]);
    expect(statuses(stream({ id: 'a', status: 'exists' }, { id: 'a', status: 'success' }))).toEqual(['success a']);
  });

  it('counts a test id reported twice twice', () => {
    expect(statuses(stream(testRun('a', 'success'), testRun('a', 'fail')))).toEqual(['success a', 'fail a']);
  });

  it('counts a test given only file content as incomplete', () => {
    expect(statuses(stream({ id: 'a', file: { name: 'stdout', bytes: 'hi' } }))).toEqual(['incomplete a']);
  });

  it('opens a new, unfinished record for an attachment after the final status', () => {
    expect(statuses(stream(testRun('a', 'success'), { id: 'a', file: { name: 'stderr', bytes: 'late' } }))).toEqual([
      'success a',
      'incomplete a',
    ]);
  });

  it('keys tests by id and route code', () => {
    const s = stream({ id: 'a', status: 'inprogress', route: '0' }, { id: 'a', status: 'success', route: '1' });
    expect(statuses(s)).toEqual(['success a', 'incomplete a']);
  });

  it('maps every final status', () => {
    const s = stream(
      testRun('s', 'success'),
      testRun('f', 'fail'),
      testRun('k', 'skip'),
      testRun('x', 'xfail'),
      testRun('u', 'uxsuccess'),
    );
    expect(statuses(s)).toEqual(['success s', 'fail f', 'skip k', 'xfail x', 'uxsuccess u']);
    expect(countResults(parse(s).tests)).toEqual({
      total: 5,
      passed: 3,
      failed: 1,
      skipped: 1,
      xfail: 1,
      uxsuccess: 1,
      incomplete: 0,
    });
  });

  it('ignores packets without a test id', () => {
    expect(
      statuses(stream({ timestamp: 1 }, { file: { name: 'stdout', bytes: 'top level' } }, testRun('a', 'success'))),
    ).toEqual(['success a']);
  });
});

describe('subunit v2 tests open at once', () => {
  it('closes each of many interleaved tests, by id and route code, whatever order they end in', () => {
    const ids = Array.from({ length: 20 }, (_, i) => `t.T.test_${i}`);
    const opened = ids.map((id, i) => ({ id, status: 'inprogress' as const, route: `w${i % 3}` }));
    const closed = [...ids]
      .reverse()
      .map((id) => ({ id, status: 'success' as const, route: `w${ids.indexOf(id) % 3}` }));
    // The same id under another route code is another test, still open at the end.
    const other = { id: ids[0]!, status: 'inprogress' as const, route: 'w9' };
    const r = parse(stream(...opened, other, ...closed));
    expect(r.tests.map((t) => `${t.status} ${t.id}`)).toEqual([
      ...[...ids].reverse().map((id) => `success ${id}`),
      `incomplete ${ids[0]}`,
    ]);
  });

  it('opens a test id again after it closed, and counts both runs', () => {
    const r = parse(
      stream(
        { id: 'a', status: 'inprogress' },
        { id: 'a', status: 'fail' },
        { id: 'a', status: 'inprogress' },
        { id: 'b', status: 'inprogress' },
        { id: 'a', status: 'success' },
      ),
    );
    expect(r.tests.map((t) => `${t.status} ${t.id}`)).toEqual(['fail a', 'success a', 'incomplete b']);
  });
});

describe('subunit v2 attachments', () => {
  it('joins a skip reason and a traceback split over several packets', () => {
    const r = parse(
      stream(
        testRun('k', 'skip', [
          { file: { name: 'reason', bytes: 'Feature ' }, mime: 'text/plain' },
          { file: { name: 'reason', bytes: 'not enabled' }, eof: true },
        ]),
        testRun('f', 'fail', [
          { file: { name: "pythonlogging:''", bytes: 'log line\n' } },
          { file: { name: 'traceback', bytes: 'Traceback (most recent call last):\n' } },
          { file: { name: 'traceback', bytes: '  File "x.py", line 1\n' } },
          { file: { name: 'traceback', bytes: 'AssertionError: no\n' }, eof: true },
        ]),
      ),
    );
    expect(r.tests).toEqual([
      { id: 'k', status: 'skip', reason: 'Feature not enabled' },
      {
        id: 'f',
        status: 'fail',
        detail: 'Traceback (most recent call last):\n  File "x.py", line 1\nAssertionError: no\n',
      },
    ]);
  });

  it('keeps only the first maxDetailBytes of a detail, without cutting a character', () => {
    const big = 'é'.repeat(5000);
    const r = parse(
      testRun('f', 'fail', [
        { file: { name: 'traceback', bytes: big.slice(0, 2500) } },
        { file: { name: 'traceback', bytes: big.slice(2500) } },
      ]),
      { maxDetailBytes: 101 },
    );
    expect(r.tests[0]!.detail).toBe('é'.repeat(50));
  });

  it('accepts tags, route codes, timestamps, mime types, eof and non-runnable packets', () => {
    const s = stream(
      {
        id: 'a',
        status: 'inprogress',
        tags: ['worker-3', 'smoke'],
        route: '3',
        timestamp: 1748779200,
        runnable: false,
      },
      { id: 'a', status: 'success', route: '3', mime: 'text/plain', eof: true, file: { name: 'stdout', bytes: 'x' } },
    );
    expect(parse(s)).toEqual({
      format: 'subunit-v2',
      tests: [{ id: 'a', status: 'success' }],
      seen: { success: 1, fail: 0, skip: 0, xfail: 0, uxsuccess: 0, incomplete: 0 },
      problems: [],
    });
  });
});

describe('subunit v2 passthrough and resync (python-subunit’s rules)', () => {
  const a = testRun('a', 'success');

  it('reads packets after text, with or without a newline, and between packets', () => {
    expect(statuses(stream('running testr\n', a, 'no newline', testRun('b', 'fail'), 'trailing'))).toEqual([
      'success a',
      'fail b',
    ]);
  });

  it('does not start a packet at a 0xB3 inside a UTF-8 character of the text', () => {
    // "³" is C2 B3: the B3 completes the character; the packet bytes after it are text.
    expect(statuses(stream(Buffer.from([0xc2]), a))).toEqual([]);
    expect(statuses(stream('1 m³ ', a))).toEqual(['success a']);
  });

  it('starts a packet at a 0xB3 after an invalid byte, and follows python’s stuck decoder', () => {
    expect(statuses(stream(Buffer.from([0xff]), a))).toEqual(['success a']);
    expect(statuses(stream(Buffer.from([0xc2, 0x41]), a))).toEqual(['success a']);
    // E2 'A' leaves python's decoder holding E2; 82 then continues that character, so the
    // B3 after it completes "₳" and is no packet start.
    expect(statuses(stream(Buffer.from([0xe2, 0x41, 0x82]), a))).toEqual([]);
  });
});

describe('hostile subunit v2 streams', () => {
  const good = testRun('good', 'success');

  it('drops a packet with a bad CRC, names its offset, and reads on after it', () => {
    const bad = Buffer.from(testRun('bad', 'fail'));
    bad[bad.length - 1]! ^= 0xff;
    const r = parse(stream('text\n', bad, good));
    // The inprogress packet of "bad" was fine: it stays open, incomplete.
    expect(r.tests).toEqual([
      { id: 'good', status: 'success' },
      { id: 'bad', status: 'incomplete' },
    ]);
    expect(r.problems).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/^bad CRC/),
        offset: 5 + bad.length - packet({ id: 'bad', status: 'fail', tags: ['worker-0'] }).length,
      }),
    ]);
  });

  it('reports a packet whose length runs past the end of the stream', () => {
    const p = packet({ id: 'a', status: 'success' });
    const r = parse(stream(good, p.subarray(0, p.length - 3)));
    expect(r.tests).toEqual([{ id: 'good', status: 'success' }]);
    expect(r.problems).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/ends inside a packet/), offset: good.length }),
    ]);
  });

  it('reports a length shorter than the packet header and resyncs after it', () => {
    const r = parse(stream(Buffer.from([0xb3, 0x20, 0x03, 0x03]), '\n', good));
    expect(r.tests.map((t) => t.id)).toEqual(['good']);
    expect(r.problems[0]).toMatchObject({ message: expect.stringMatching(/impossible packet length 3/), offset: 0 });
  });

  it('reports a length past the 4 MiB maximum (a 4-byte length) and resyncs', () => {
    const r = parse(stream(Buffer.from([0xb3, 0x29, 0x03, 0xc0, 0x40, 0x00, 0x00]), good));
    expect(r.tests.map((t) => t.id)).toEqual(['good']);
    expect(r.problems[0]!.message).toMatch(/larger than subunit's maximum packet size/);
  });

  it('drops a packet of another version and reports the reserved flag', () => {
    const v1 = packet({ id: 'x', status: 'success' }, { version: 1 });
    const reserved = packet({ id: 'y', status: 'success' }, { extraFlags: 0x0008 });
    const r = parse(stream(v1, reserved, good));
    expect(r.tests.map((t) => t.id)).toEqual(['y', 'good']);
    expect(r.problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/version 1/),
      expect.stringMatching(/reserved flag/),
    ]);
  });

  it('drops packets whose strings hold NUL or invalid UTF-8, or whose fields overrun the packet', () => {
    const nul = packet({ id: 'a\u0000b', status: 'success' });
    const latin = packet({ id: 'x', status: 'success' });
    latin[latin.indexOf(0x78)] = 0xe9; // "x" → a lone é in Latin-1
    const fixed = latin.subarray(0, -4);
    const r = parse(stream(nul, Buffer.concat([fixed, crcOf(fixed)]), good));
    expect(r.tests.map((t) => t.id)).toEqual(['good']);
    expect(r.problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/NUL/),
      expect.stringMatching(/not UTF-8/),
    ]);
  });

  it('never takes invalid UTF-8 for an open test whose id has the same Latin-1 code units', () => {
    const latin = packet({ id: 'x', status: 'success' });
    latin[latin.indexOf(0x78)] = 0xe9; // "x" → a lone é in Latin-1, while "é" (U+00E9) is open
    const fixed = latin.subarray(0, -4);
    const r = parse(stream({ id: '\u00e9', status: 'inprogress' }, Buffer.concat([fixed, crcOf(fixed)])));
    expect(r.tests).toEqual([{ id: '\u00e9', status: 'incomplete' }]);
    expect(r.problems.map((p) => p.message)).toEqual([expect.stringMatching(/test id .* is not UTF-8/)]);
  });

  it('reads a packet of the maximum size (4 MiB - 1) arriving in 64 KiB chunks', () => {
    const overhead = packet({ id: 't', file: { name: 'traceback', bytes: '' } }).length;
    // A 3-byte length and a 3-byte content size instead of 1-byte ones: 4 more bytes.
    const body = MAX_PACKET_BYTES - overhead - 4;
    const big = packet({ id: 't', status: 'fail', file: { name: 'traceback', bytes: Buffer.alloc(body, 0x61) } });
    expect(big.length).toBe(MAX_PACKET_BYTES);
    const r = feed(new SubunitV2Parser(), big, 65536);
    expect(r.problems).toEqual([]);
    expect(r.tests).toEqual([{ id: 't', status: 'fail', detail: 'a'.repeat(4096) }]);
  });

  it('gets through 8 MiB of garbage full of 0xB3 bytes quickly', () => {
    let s = 7;
    const junk = Buffer.alloc(8 * 1024 * 1024);
    for (let i = 0; i < junk.length; i++) {
      s = (s * 1103515245 + 12345) & 0x7fffffff;
      junk[i] = s % 5 === 0 ? 0xb3 : s >> 16;
    }
    const t0 = performance.now();
    const r = feed(new SubunitV2Parser(), junk, 65536);
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(r.tests).toEqual([]);
    expect(r.problems.length).toBeGreaterThan(0);
    expect(r.problems.length).toBeLessThanOrEqual(101);
  });

  it('lists at most maxProblems problems, then counts the rest', () => {
    const bad = Buffer.from(packet({ timestamp: 1 }));
    bad[bad.length - 1]! ^= 1;
    const r = parse(Buffer.concat(Array.from({ length: 10_000 }, () => bad)));
    expect(r.problems).toHaveLength(101);
    expect(r.problems[100]!.message).toBe('9900 more problems not listed');
  });

  it('gives the same answers for hostile streams split anywhere', () => {
    const bad = Buffer.from(good);
    bad[bad.length - 2]! ^= 1;
    const s = stream(
      'x',
      bad,
      Buffer.from([0xb3, 0x20, 0x03, 0x02]),
      good,
      Buffer.from([0xb3, 0x2b, 0xc0, 1, 2, 3, 4]),
      good,
      packet({ id: 'cut', status: 'success' }).subarray(0, 9),
    );
    const whole = parse(s);
    for (const seed of [1, 2, 3]) expect(feedRandom(new SubunitV2Parser(), s, seed, 5)).toEqual(whole);
    expect(feed(new SubunitV2Parser(), s, 1)).toEqual(whole);
  });
});

describe('subunit v2 speed', () => {
  it('parses a 100,000-test stream in well under a few seconds', () => {
    const parts: Buffer[] = [];
    for (let i = 0; i < 100_000; i++) {
      const id = `tempest.api.volume.test_volumes.VolumesTest.test_${String(i).padStart(6, '0')}[id-0000${String(i).padStart(4, '0')}-0000-4000-8000-000000000000]`;
      parts.push(packet({ id, status: 'inprogress', tags: ['worker-0'], route: '0', timestamp: 1748779200 }));
      parts.push(
        packet({
          id,
          status: i % 50 === 0 ? 'skip' : 'success',
          tags: ['worker-0'],
          route: '0',
          timestamp: 1748779201,
        }),
      );
    }
    const data = Buffer.concat(parts);
    const t0 = performance.now();
    const r = feed(new SubunitV2Parser(), data, 65536);
    const ms = performance.now() - t0;
    expect(countResults(r.tests)).toMatchObject({ total: 100_000, skipped: 2000 });
    // Typically 0.2-0.4 s on one core; the bound allows for a busy machine.
    expect(ms).toBeLessThan(3000);
  });
});

describe('the packet CRC', () => {
  it('is node:zlib’s crc32 of the same bytes, at any offset and length', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(40), fc.nat(40), (bytes, a, b) => {
        const start = Math.min(a, bytes.length);
        const end = Math.max(start, bytes.length - b);
        expect(crc32Range(bytes, start, end) >>> 0).toBe(crc32(bytes.subarray(start, end)) >>> 0);
      }),
      { numRuns: 3000 },
    );
  });

  it('reads the bytes of a view that starts inside a larger buffer, and of each array in turn', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 300 }),
        fc.nat(7),
        fc.uint8Array({ maxLength: 40 }),
        (bytes, pad, other) => {
          const host = new Uint8Array(pad + bytes.length + 3).fill(0xa5);
          host.set(bytes, pad);
          const view = host.subarray(pad, pad + bytes.length);
          expect(crc32Range(other, 0, other.length) >>> 0).toBe(crc32(other) >>> 0);
          expect(crc32Range(view, 0, view.length) >>> 0).toBe(crc32(bytes) >>> 0);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
