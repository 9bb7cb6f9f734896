// Subunit v1 as python-subunit's TestProtocolServer reads it (what subunit-1to2 feeds
// subunit-stats), and lines and bodies of any size read with bounded memory.
import { describe, expect, it } from 'vitest';
import { SubunitV1Parser } from '../../scripts/lib/formats/subunit-v1.js';
import { countResults } from '../../scripts/lib/formats/types.js';
import { feed, feedRandom } from './helpers.js';

const parse = (text: string | Uint8Array, opts = {}) =>
  feed(new SubunitV1Parser(opts), typeof text === 'string' ? Buffer.from(text) : text);
const statuses = (text: string) => parse(text).tests.map((t) => `${t.status} ${t.id}`);

describe('subunit v1 commands', () => {
  it('reads every outcome, error counting as a failure', () => {
    const text = ['success', 'successful', 'failure', 'fail', 'error', 'skip', 'xfail', 'uxsuccess']
      .map((c, i) => `test: t${i}\n${c}: t${i}\n`)
      .join('');
    expect(statuses(text)).toEqual([
      'success t0',
      'success t1',
      'fail t2',
      'fail t3',
      'fail t4',
      'skip t5',
      'xfail t6',
      'uxsuccess t7',
    ]);
    expect(countResults(parse(text).tests)).toEqual({
      total: 8,
      passed: 4,
      failed: 3,
      skipped: 1,
      xfail: 1,
      uxsuccess: 1,
      incomplete: 0,
    });
  });

  it('takes the command with or without colons, and testing: for test:', () => {
    expect(statuses('test a\nsuccess a\ntesting:: b\nsuccessful::: b\n')).toEqual(['success a', 'success b']);
  });

  it('ignores progress, time, tags, indented lines and other text', () => {
    const text =
      'progress: 5\ntime: 2025-06-01 12:00:00Z\ntags: worker-0\nhello\n  test: x\ntest: a\nsome output\n  success: a\nsuccess: a\n';
    expect(statuses(text)).toEqual(['success a']);
  });

  it('ignores an outcome for another test and a second test: inside a test, as python does', () => {
    expect(statuses('test: a\nsuccess: b\ntest: b\nsuccess: a\n')).toEqual(['success a']);
  });

  it('counts a test still running at the end as incomplete', () => {
    const r = parse('test: a\n');
    expect(r.tests).toEqual([{ id: 'a', status: 'incomplete', line: 1 }]);
    expect(r.problems[0]!.message).toMatch(/ends while test a is running/);
  });

  it('quotes an absurdly long test id by its start and its length', () => {
    const r = parse(`test: ${'x'.repeat(5000)}\n`);
    expect(r.problems[0]!.message).toBe(
      `the stream ends while test ${'x'.repeat(300)}… (an id of 5000 characters) is running: counted as incomplete`,
    );
  });

  it('drops the last character of a last line without a newline, as python does', () => {
    expect(statuses('test: a\nsuccess: a')).toEqual(['incomplete a']);
    expect(statuses('test: a\nsuccess: a \n')).toEqual(['incomplete a']);
  });

  it('keeps a trailing CR in the comparison but not in the id', () => {
    expect(statuses('test: a\r\nsuccess: a\r\n')).toEqual(['success a']);
    expect(statuses('test: a\r\nsuccess: a\n')).toEqual(['incomplete a']);
  });

  it('gives each record the line of its outcome', () => {
    expect(parse('x\ntest: a\nfailure: a [\nboom\n]\n').tests).toEqual([
      { id: 'a', status: 'fail', line: 3, detail: 'boom\n' },
    ]);
  });
});

describe('subunit v1 details', () => {
  it('reads a bracketed body: a traceback, or a skip reason; " ]" is a quoted "]"', () => {
    const r = parse('test: a\nfailure: a [\nTraceback\n ]quoted\n]\ntest: b\nskip: b [\nno backend\n]\n');
    expect(r.tests).toEqual([
      { id: 'a', status: 'fail', line: 2, detail: 'Traceback\n]quoted\n' },
      { id: 'b', status: 'skip', line: 7, reason: 'no backend\n' },
    ]);
  });

  it('reads multipart bodies with hex chunk lengths, chunks spanning lines', () => {
    const tb = 'Traceback (most recent call last):\nAssertionError: x\n';
    const text =
      'test: a\nfailure: a [ multipart\nContent-Type: text/plain;charset=utf8\nstdout\n5\r\nhello0\r\n' +
      `Content-Type: text/x-traceback;charset=utf8\ntraceback\n${tb.length.toString(16)}\r\n${tb}0\r\n]\n` +
      'test: b\nskip: b [ multipart\nContent-Type: text/plain;charset=utf8\nreason\n13\r\nFeature not enabled0\r\n]\n';
    expect(parse(text).tests).toEqual([
      { id: 'a', status: 'fail', line: 2, detail: tb },
      { id: 'b', status: 'skip', line: 15, reason: 'Feature not enabled' },
    ]);
  });

  it('reads a body line of many megabytes without keeping it', () => {
    const big = 'x'.repeat(5 * 1024 * 1024);
    const text = `test: a\nfailure: a [ multipart\nContent-Type: text/plain\ntraceback\n${big.length.toString(16)}\r\n${big}0\r\n]\ntest: b\nfailure: b [\n${big}\n]\n`;
    const r = feed(new SubunitV1Parser({ maxLineBytes: 1024 }), Buffer.from(text), 65536);
    expect(r.tests.map((t) => [t.status, t.id, t.detail!.length])).toEqual([
      ['fail', 'a', 4096],
      ['fail', 'b', 1025], // the first 1024 bytes of the line, and its newline
    ]);
    expect(r.problems).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/line longer than 1024 bytes/), line: 10 }),
    ]);
  });

  it('skips a malformed multipart body up to its "]" with a problem (python crashes)', () => {
    const r = parse('test: a\nfailure: a [ multipart\nnonsense\nmore\n]\ntest: b\nsuccess: b\n');
    expect(r.tests.map((t) => `${t.status} ${t.id}`)).toEqual(['fail a', 'success b']);
    expect(r.problems[0]!.message).toMatch(/malformed multipart detail header/);
    const bad = parse('test: a\nfailure: a [ multipart\nContent-Type: text/plain\ntraceback\nzz\r\n]\n');
    expect(bad.tests.map((t) => t.status)).toEqual(['fail']);
    expect(bad.problems[0]!.message).toMatch(/malformed multipart chunk length/);
  });

  it('counts a test whose details never end as incomplete', () => {
    expect(statuses('test: a\nfailure: a [\nboom\n')).toEqual(['incomplete a']);
    expect(statuses('test: a\nfailure: a [ multipart\nContent-Type: text/plain\ntraceback\nff\r\nshort')).toEqual([
      'incomplete a',
    ]);
  });
});

describe('hostile subunit v1 input', () => {
  it('reads lines of many megabytes, NUL bytes and invalid UTF-8 without a throw', () => {
    const junk = Buffer.concat([
      Buffer.from('x'.repeat(3 * 1024 * 1024)),
      Buffer.from([0, 0xff, 0xfe, 10]),
      Buffer.from('test: \u00e9\0\n'),
      Buffer.from([0x73, 0x75, 0x63, 0x63, 0x65, 0x73, 0x73, 0x3a, 0x20, 0xc3, 0xa9, 0, 10]),
    ]);
    const r = feed(new SubunitV1Parser(), junk, 100_000);
    expect(r.tests).toEqual([{ id: 'é\u0000', status: 'success', line: 3 }]);
    expect(r.problems.some((p) => /line longer/.test(p.message))).toBe(true);
  });

  it('gives the same result split anywhere', () => {
    const text = Buffer.from(
      'test: a\nfailure: a [ multipart\nContent-Type: text/plain\ntraceback\n5\r\nhello0\r\n]\ntest: b\nskip: b [\nwhy\n]\ntest: c\n',
    );
    const whole = parse(text);
    expect(feed(new SubunitV1Parser(), text, 1)).toEqual(whole);
    for (const seed of [1, 2, 3]) expect(feedRandom(new SubunitV1Parser(), text, seed, 4)).toEqual(whole);
  });
});
