// JUnit XML: both document shapes, entities and character references, declared totals;
// and hostile files — DOCTYPE, entity declarations, deep nesting, huge attributes and text,
// bad counts, truncation — each a problem, quickly, never a throw or a hang.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JUnitParser } from '../../scripts/lib/formats/junit.js';
import { feed, feedRandom } from './helpers.js';

const parse = (xml: string | Uint8Array, opts = {}) =>
  feed(new JUnitParser(opts), typeof xml === 'string' ? Buffer.from(xml) : xml);

describe('JUnit XML documents', () => {
  it('reads a bare <testsuite> as subunit2junitxml writes it', () => {
    const r = parse(`<testsuite errors="1" failures="2" name="" tests="5" time="1.0">
<testcase classname="a.B" name="test_ok[id-1,smoke]" time="0.1"/>
<testcase classname="a.B" name="test_fail" time="0.1">
<failure type="testtools.testresult.real._StringException">testtools.testresult.real._StringException: Traceback (most recent call last):
AssertionError: 1 &lt; 2 &amp;&amp; &quot;x&quot; &#x2260; &#39;y&#39;

</failure>
</testcase>
<testcase classname="a.B" name="test_err" time="0.1"><error type="E">boom</error></testcase>
<testcase classname="a.B" name="test_skip" time="0.0">
<skipped>Feature&#xA;not enabled</skipped>
</testcase>
<testcase classname="a.B" name="test_ux" time="0.1">
<failure type="unittest.case._UnexpectedSuccess"/>
</testcase>
</testsuite>`);
    expect(r.problems).toEqual([]);
    expect(r.declared).toEqual({ total: 5, failed: 3 });
    expect(r.tests).toEqual([
      { id: 'a.B.test_ok[id-1,smoke]', status: 'success', line: 2 },
      {
        id: 'a.B.test_fail',
        status: 'fail',
        line: 3,
        detail: 'Traceback (most recent call last):\nAssertionError: 1 < 2 && "x" ≠ \'y\'\n',
      },
      { id: 'a.B.test_err', status: 'fail', line: 9, detail: 'boom' },
      { id: 'a.B.test_skip', status: 'skip', line: 10, reason: 'Feature\nnot enabled' },
      { id: 'a.B.test_ux', status: 'uxsuccess', line: 13 },
    ]);
  });

  it('reads <testsuites> with several suites, a prolog, comments, CDATA and skipped counts', () => {
    const r = parse(`\ufeff<?xml version="1.0" encoding="UTF-8"?>
<!-- produced by some other tool -->
<testsuites>
  <testsuite name="one" tests="2" failures="1" errors="0" skipped="1">
    <testcase name="t1" classname="c"><failure message="short"/></testcase>
    <testcase name="t2" classname="c"><skipped message="why"/></testcase>
  </testsuite>
  <testsuite name="two" tests="1" failures="0" errors="0" skipped="0">
    <testcase name="bare"><system-out><![CDATA[<not a tag> ]]]]></system-out></testcase>
  </testsuite>
</testsuites>`);
    expect(r.problems).toEqual([]);
    expect(r.declared).toEqual({ total: 3, failed: 1, skipped: 1 });
    expect(r.tests.map((t) => [t.id, t.status, t.detail ?? t.reason])).toEqual([
      ['c.t1', 'fail', 'short'],
      ['c.t2', 'skip', 'why'],
      ['bare', 'success', undefined],
    ]);
  });

  it('says when the declared totals and the test cases differ', () => {
    const r = parse('<testsuite tests="3" failures="1"><testcase name="a"/></testsuite>');
    expect(r.problems.map((p) => p.message)).toEqual([
      'the file declares 3 tests but lists 1',
      'the file declares 1 failures and errors but lists 0',
    ]);
    expect(r.problems.map((p) => p.line)).toEqual([1, 1]);
    // The counts of <testsuites> when it has them, else those of the suites, pointing at the first.
    expect(
      parse(
        '<?xml version="1.0"?>\n<testsuites tests="2">\n<testsuite tests="1"><testcase name="a"/></testsuite>\n</testsuites>',
      ).problems,
    ).toEqual([{ message: 'the file declares 2 tests but lists 1', line: 2 }]);
    expect(
      parse('<testsuites>\n<testsuite tests="5">\n<testcase name="a"/></testsuite>\n</testsuites>').problems,
    ).toEqual([{ message: 'the file declares 5 tests but lists 1', line: 2 }]);
  });

  it('reads a test case whose status says it never ran (tst, GoogleTest), with no outcome child, as skipped', () => {
    const r = parse(`<testsuites tests="6" failures="1" disabled="2">
<testsuite name="s" tests="6" failures="1" disabled="2" skipped="1">
<testcase classname="V" name="ran" status="run" result="completed"/>
<testcase classname="V" name="DISABLED_x" status="notrun" result="suppressed"/>
<testcase classname="V" name="off" status='disabled'/>
<testcase classname="V" name="said skipped" status="skipped"/>
<testcase classname="V" name="failed anyway" status="disabled"><failure message="boom"/></testcase>
<testcase classname="V" name="passed" status="passed"/>
</testsuite></testsuites>`);
    expect(r.tests.map((t) => [t.id, t.status, t.reason])).toEqual([
      ['V.ran', 'success', undefined],
      ['V.DISABLED_x', 'skip', 'notrun'],
      ['V.off', 'skip', 'disabled'],
      ['V.said skipped', 'skip', 'skipped'],
      ['V.failed anyway', 'fail', undefined],
      ['V.passed', 'success', undefined],
    ]);
    expect(r.problems).toEqual([]);
  });

  it('compares a declared disabled count with the disabled test cases, leaving them out of skipped', () => {
    const r = parse(`<testsuite name="s" tests="3" disabled="2" skipped="1">
<testcase name="a" status="disabled"/><testcase name="b" status="run"/><testcase name="c"><skipped/></testcase>
</testsuite>`);
    expect(r.problems.map((p) => p.message)).toEqual(['the file declares 2 disabled tests but lists 1']);
    // Without a disabled count, a disabled test is one of the skipped.
    const plain = parse(`<testsuite name="s" tests="2" skipped="1"><testcase name="a" status="disabled"/>
<testcase name="b"/></testsuite>`);
    expect(plain.problems).toEqual([]);
  });

  it('reports a count that is not a number', () => {
    const r = parse('<testsuite tests="five" failures="-1" errors="0"><testcase name="a"/></testsuite>');
    expect(r.problems.map((p) => p.message)).toEqual([
      'tests="five" on <testsuite> is not a count',
      'failures="-1" on <testsuite> is not a count',
    ]);
    expect(r.tests).toHaveLength(1);
  });

  it('skips passthrough bytes before the root element with one problem', () => {
    const junk = Buffer.concat([
      Buffer.from([0xb3, 0x29, 0x3c, 0x40, 0x00, 0xff]),
      Buffer.from('stdout text <@ \n<testsuite tests="1"><testcase name="a"/></testsuite>\n'),
    ]);
    const r = parse(junk);
    expect(r.tests).toEqual([{ id: 'a', status: 'success', line: 2 }]);
    expect(r.problems).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/characters before the XML root element ignored/) }),
    ]);
  });

  it('gives the same result split anywhere, even inside entities and multi-byte characters', () => {
    const xml = Buffer.from(
      '<testsuite tests="1"><testcase classname="ü" name="t&amp;x"><failure>é &#233; &lt;</failure></testcase></testsuite>',
    );
    const whole = parse(xml);
    expect(whole.tests).toEqual([{ id: 'ü.t&x', status: 'fail', line: 1, detail: 'é é <' }]);
    expect(feed(new JUnitParser(), xml, 1)).toEqual(whole);
    for (const seed of [1, 2, 3]) expect(feedRandom(new JUnitParser(), xml, seed, 5)).toEqual(whole);
  });
});

describe('hostile JUnit XML', () => {
  const fatal = (r: ReturnType<typeof parse>) => r.problems.filter((p) => p.fatal);

  it('refuses a DOCTYPE, and with it any entity declaration (billion laughs)', () => {
    const lol =
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><testsuite><testcase name="&lol2;"/></testsuite>';
    const r = parse(lol);
    expect(r.tests).toEqual([]);
    expect(fatal(r)).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/DOCTYPE is not allowed/), line: 1 }),
    ]);
  });

  it('refuses an entity declaration without a DOCTYPE, and keeps undefined references literal', () => {
    expect(fatal(parse('<testsuite><!ENTITY x "y"></testsuite>'))[0]!.message).toMatch(/markup declaration/);
    const r = parse('<testsuite><testcase name="a&x;b"/></testsuite>');
    expect(r.tests[0]!.id).toBe('a&x;b');
    expect(r.problems[0]!.message).toMatch(/not a predefined entity/);
  });

  it('quotes a bad reference as written, up to its semicolon', () => {
    const r = parse(
      '<testsuite><testcase name="a"><failure message="&#1114112;&#99999999999999;&nosemicolonforalongwhile"/></testcase></testsuite>',
    );
    expect(r.problems.map((p) => p.message)).toEqual([
      '"&#1114112;": not a predefined entity or character reference (kept as written)',
      '"&#9999999999…": not a predefined entity or character reference (kept as written)',
      '"&nosemicolon…": not a predefined entity or character reference (kept as written)',
    ]);
  });

  it('stops at nesting deeper than the limit', () => {
    const deep = '<testsuite>' + '<x>'.repeat(100) + '</x>'.repeat(100) + '</testsuite>';
    expect(fatal(parse(deep))[0]!.message).toBe('elements nested deeper than 64');
    expect(fatal(parse(deep, { maxDepth: 200 }))).toEqual([]);
  });

  it('stops at an attribute or a text larger than the limit, without holding it', () => {
    const huge = 'x'.repeat(20 * 1024 * 1024);
    const t0 = performance.now();
    const a = feed(new JUnitParser(), Buffer.from(`<testsuite><testcase name="${huge}"/></testsuite>`), 65536);
    expect(fatal(a)[0]!.message).toMatch(/attribute name longer than 16777216/);
    const t = feed(
      new JUnitParser(),
      Buffer.from(`<testsuite><testcase name="a"><failure>${huge}</failure></testcase></testsuite>`),
      65536,
    );
    expect(fatal(t)[0]!.message).toMatch(/text longer than 16777216/);
    expect(performance.now() - t0).toBeLessThan(5000);
    const small = parse('<testsuite><testcase name="abcdef"/></testsuite>', { maxTokenBytes: 4 });
    expect(fatal(small)[0]).toMatchObject({ message: expect.stringMatching(/attribute name longer than 4/), line: 1 });
  });

  it('reports a file that is not JUnit, is truncated, or is broken, with its line', () => {
    expect(fatal(parse('<html><body/></html>'))[0]!.message).toMatch(/root element is <html>/);
    expect(fatal(parse('just text'))[0]!.message).toMatch(/not a JUnit file/);
    const cut = parse('<testsuite>\n<testcase name="a"/>\n<testcase name="b">');
    expect(cut.tests.map((t) => t.id)).toEqual(['a']);
    expect(cut.problems[0]!.message).toMatch(/ends inside <testcase> \(truncated\) \(test case b not counted\)/);
    expect(fatal(parse('<testsuite>\n<testcase name="a"></testsuite>'))[0]).toMatchObject({
      message: expect.stringMatching(/<\/testsuite> where <\/testcase> was expected/),
      line: 2,
    });
  });

  it('expands a large attribute full of stray "&" in linear time', () => {
    const t0 = performance.now();
    const r = parse(`<testsuite><testcase name="${'&'.repeat(4 * 1024 * 1024)}"/></testsuite>`);
    expect(performance.now() - t0).toBeLessThan(3000);
    expect(r.tests[0]!.id).toHaveLength(4 * 1024 * 1024);
    expect(r.problems).toHaveLength(101);
  });

  it('reads NUL bytes and invalid UTF-8 in text without a throw', () => {
    const r = parse(
      Buffer.concat([
        Buffer.from('<testsuite><testcase name="a"><failure>'),
        Buffer.from([0, 0xff, 0xc3]),
        Buffer.from('</failure></testcase></testsuite>'),
      ]),
    );
    expect(r.tests).toEqual([{ id: 'a', status: 'fail', line: 1, detail: '\u0000\ufffd\ufffd' }]);
  });
});

/** Entity expansion as first written (a slice per reference): the oracle for the tokenizer's. */
function expandOracle(s: string): { text: string; unknown: string[] } {
  const unknown: string[] = [];
  let out = '';
  let from = 0;
  for (let amp = s.indexOf('&'); amp !== -1; amp = s.indexOf('&', from)) {
    out += s.slice(from, amp);
    const near = s.slice(amp + 1, amp + 13).indexOf(';');
    const semi = near === -1 ? -1 : amp + 1 + near;
    const ref = semi === -1 ? undefined : s.slice(amp + 1, semi);
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
    let ch = ref === undefined ? undefined : named[ref];
    const m = ref === undefined ? null : /^#(?:x([0-9a-fA-F]{1,6})|([0-9]{1,7}))$/.exec(ref);
    if (m) {
      const cp = m[1] !== undefined ? parseInt(m[1], 16) : Number(m[2]);
      if (!(cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))) ch = String.fromCodePoint(cp);
    }
    if (ch === undefined) {
      unknown.push(semi !== -1 ? s.slice(amp, semi + 1) : `${s.slice(amp, amp + 12)}${s.length > amp + 12 ? '…' : ''}`);
      out += '&';
      from = amp + 1;
    } else {
      out += ch;
      from = semi + 1;
    }
  }
  return { text: out + s.slice(from), unknown };
}

describe('entity expansion', () => {
  it('expands what the slicing version expanded, and names the same unknown references', () => {
    const piece = fc.constantFrom(
      '&',
      'amp;',
      'lt;',
      '#x41;',
      '#65;',
      '#0;',
      '#xD800;',
      ';',
      'a',
      'bogus;',
      'é',
      '0123456789',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const name = `t${pieces.join('')}`;
        const r = parse(`<testsuite><testcase name="${name}"/></testsuite>`, { maxProblems: 1000 });
        const want = expandOracle(name);
        expect(r.tests[0]!.id).toBe(want.text);
        expect(r.problems.map((p) => p.message)).toEqual(
          want.unknown.map((w) => `"${w}": not a predefined entity or character reference (kept as written)`),
        );
      }),
      { numRuns: 3000 },
    );
  });
});
