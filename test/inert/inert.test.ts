// The one module that makes contributor text inert (scripts/lib/inert): each output's rendering
// of the named forms and characters, the list of autolink forms read back by a GFM parser,
// and properties over generated hostile text for every rendering.
import { redactSecrets } from '../../scripts/lib/bundle/redact.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AUTOLINK_FORMS,
  UNSAFE_CHARACTERS,
  UNSAFE_RANGES,
  annotationMessage,
  annotationProperty,
  hasUnsafeCharacter,
  htmlText,
  inline,
  mdCode,
  mdText,
  plainText,
  printable,
  printableLine,
} from '../../scripts/lib/inert/index.js';
import { ROOT } from '../helpers/cli.js';
import { allNodes, parseGfm, tablesOf } from '../matrix/gfm.js';
import { EVERYTHING, hostileNonBlank, hostileText } from './hostile.js';
import { liveReferences, markdownInjections, runnerData, runnerProperty, workflowCommand } from './github.js';

const ZWSP = /\u200b/g;
/** A lone UTF-16 surrogate: half a character, which no output may hold. */
const HALF_PAIR = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

describe('the named forms, in every rendering', () => {
  it.each([
    ['GH-7', 'GH-&#8203;7'],
    ['gh-7', 'gh-&#8203;7'],
    ['#1', '\\#&#8203;1'],
    ['owner/repo#1', 'owner/repo\\#&#8203;1'],
    ['owner/repo@a5c3785', 'owner/repo@&#8203;a5c3785'],
    ['@user', '@&#8203;user'],
    ['@org/team', '@&#8203;org/team'],
    ['https://evil.example', 'https:&#8203;//evil.example'],
    ['www.evil.example', 'www&#8203;.evil.example'],
    ['me@evil.example', 'me@&#8203;evil.example'],
  ])('%s is broken in Markdown, and left as written elsewhere', (form, markdown) => {
    expect(inline(`see ${form} now`)).toBe(`see ${markdown} now`);
    expect(mdText(`see ${form} now`)).toBe(`see ${markdown} now`);
    expect(liveReferences(parseGfm(inline(`see ${form} now`)))).toEqual([]);
    expect(printable(form)).toBe(form);
    expect(annotationMessage(form)).toBe(form);
    expect(htmlText(form)).toBe(form);
  });

  it('the references are live without the break (the check can fail)', () => {
    for (const form of ['GH-7', '#1', 'owner/repo#1', '@user', 'https://evil.example', 'www.evil.example'])
      expect(liveReferences(parseGfm(`see ${form} now`)), form).not.toEqual([]);
  });

  it.each([
    ['U+061C', '\u061c', '\\u061c'],
    ['U+009B', '\u009b', '\\u009b'],
    ['U+202E', '\u202e', '\\u202e'],
    ['U+2067', '\u2067', '\\u2067'],
    ['U+200B', '\u200b', '\\u200b'],
    ['U+FEFF', '\ufeff', '\\ufeff'],
    ['U+2028', '\u2028', '\\u2028'],
    ['U+E0041 (a tag)', '\u{e0041}', '\\udb40\\udc41'],
  ])('%s is shown, never obeyed: \\uXXXX in a terminal and annotations, U+FFFD in Markdown and HTML', (_, c, esc) => {
    expect(printable(`a${c}b`)).toBe(`a${esc}b`);
    expect(annotationMessage(`a${c}b`)).toBe(`a${esc}b`);
    expect(annotationProperty(`a${c}b`)).toBe(`a${esc}b`);
    const markdown = c === '\u2028' ? 'a b' : 'a\ufffdb'; // a line separator is a line break there
    expect(inline(`a${c}b`)).toBe(markdown);
    expect(mdText(`a${c}b`)).toBe(c === '\u2028' ? 'a ⏎ b' : 'a\ufffdb');
    expect(mdCode(`a${c}b`)).toBe(c === '\u2028' ? '`a ⏎ b`' : '`a\ufffdb`');
    expect(htmlText(`a${c}b`)).toBe(markdown);
  });

  it('a CSI sequence (U+009B) and the Arabic letter mark (U+061C) no longer reach a pull-request comment', () => {
    expect(mdText('pass\u009b2Jed \u061cright')).toBe('pass\ufffd2Jed \ufffdright');
  });
});

describe('the unsafe characters', () => {
  it('are one set: every range is unsafe at both ends, its neighbours outside it are not', () => {
    for (const [range, what] of UNSAFE_RANGES) {
      const ends = [...range.matchAll(/\\u\{?([0-9a-f]+)\}?/g)].map((m) => parseInt(m[1]!, 16));
      for (const cp of ends) expect(hasUnsafeCharacter(String.fromCodePoint(cp)), `${what}: ${cp}`).toBe(true);
    }
    for (const safe of ['\t', '\n', ' ', 'a', 'é', '日', '\u00a0', '\u2010', '\u202f', '\u2070', '😀', '\ufffd'])
      expect(hasUnsafeCharacter(safe), JSON.stringify(safe)).toBe(false);
  });

  it('match whole characters beyond U+FFFF', () => {
    expect('x\u{e007f}y'.replace(UNSAFE_CHARACTERS, '?')).toBe('x?y');
  });
});

describe('printable (terminal, CI log)', () => {
  it('escapes the runner’s legacy command prefix, which it obeys anywhere in a line', () => {
    expect(printable('a test named ##[stop-commands]x')).toBe('a test named ##\\u005bstop-commands]x');
  });

  it('keeps newline and tab', () => {
    expect(printable('a\tb\nc')).toBe('a\tb\nc');
  });

  it('printableLine keeps contributor text on its line: a folder name cannot start a `::` command', () => {
    expect(printableLine('results/2025.2/x\n::error::pwned/')).toBe('results/2025.2/x ⏎ ::error::pwned/');
    expect(printableLine('a\r\nb\u2028c\rd\u0085e')).toBe('a ⏎ b\\u2028c\\u000dd\\u0085e');
  });
});

describe('annotations', () => {
  it('cannot end the command or start another one', () => {
    expect(annotationMessage('x\n::error::pwned')).toBe('x%0A::error::pwned');
    expect(annotationMessage('x%0A::error::pwned')).toBe('x%250A::error::pwned');
    expect(annotationMessage('x\r\n::error::y')).toBe('x\\u000d%0A::error::y');
    expect(annotationProperty('a,title=b:c')).toBe('a%2Ctitle=b%3Ac');
  });
});

describe('htmlText (the site)', () => {
  it('keeps lines only when asked, and cuts by characters', () => {
    expect(htmlText('a\r\nb\u2028c')).toBe('a b c');
    expect(htmlText('a\r\nb\u2028c', { keepLines: true })).toBe('a\nb\nc');
    expect(htmlText('a\u202e\nb', { keepLines: true })).toBe('a\ufffd\nb');
    expect(htmlText('😀'.repeat(10), { max: 4 })).toBe('😀😀😀…');
  });
});

describe('AUTOLINK_FORMS', () => {
  it('every form is either broken or says why it is left', () => {
    for (const f of AUTOLINK_FORMS) expect(f.breakAfter !== null || (f.why ?? '').length > 20, f.name).toBe(true);
  });

  for (const f of AUTOLINK_FORMS.filter((x) => x.breakAfter !== null))
    for (const example of f.examples)
      it(`breaks ${f.name} (${example}) in every Markdown rendering`, () => {
        for (const md of [inline(`x ${example} y`), mdText(`x ${example} y`)]) {
          expect(markdownInjections(md), md).toEqual([]);
          expect(tablesOf(parseGfm(`| a |\n| --- |\n| ${md} |\n`))[0]!.children).toHaveLength(2);
        }
      });

  it('the GFM forms are links when written raw (the check can fail)', () => {
    for (const f of AUTOLINK_FORMS.filter((x) => x.where === 'gfm'))
      expect(markdownInjections(`x ${f.examples[0]} y`), f.name).not.toEqual([]);
  });
});

describe('docs/inert-text.md', () => {
  it('lists every range of unsafe characters and every autolink form', () => {
    const doc = readFileSync(join(ROOT, 'docs/inert-text.md'), 'utf8');
    for (const [, what] of UNSAFE_RANGES) expect(doc).toContain(`| ${what} |`);
    for (const f of AUTOLINK_FORMS) expect(doc).toContain(`| ${f.name} |`);
  });
});

/** Options for the property runs: enough runs to meet every fragment often. */
const RUNS = { numRuns: 400 };
/** Fewer for the properties that parse Markdown, the costly part. */
const PARSED_RUNS = { numRuns: 150 };

// Generous: the properties are CPU-bound, and a loaded machine slows them many times over.
describe('every rendering, over generated hostile text', { timeout: 180_000 }, () => {
  it('printable: no unsafe character, no `##[`, and a JSON document still means the same', () => {
    fc.assert(
      fc.property(hostileText, (s) => {
        const p = printable(s);
        expect(hasUnsafeCharacter(p)).toBe(false);
        expect(p).not.toContain('##[');
        expect(JSON.parse(printable(JSON.stringify({ s })))).toEqual({ s });
        expect(printableLine(s)).not.toMatch(/[\r\n]/);
        expect(printable(printableLine(s))).toBe(printableLine(s));
      }),
      RUNS,
    );
  });

  it('annotations: one line the runner reads back as the printable text, in the command it was written in', () => {
    fc.assert(
      fc.property(hostileText, hostileNonBlank, (s, t) => {
        // The runner trims the property list, so a fixed property comes last (as drivercert's title does).
        const line = `::error file=${annotationProperty(t)},title=${annotationProperty(t)},line=1::${annotationMessage(s)}`;
        expect(line).not.toMatch(/[\r\n]/);
        expect(hasUnsafeCharacter(line)).toBe(false);
        // What the runner reads back is the text as every public output shows it: secrets redacted.
        const shown = (x: string) => printable(redactSecrets(x));
        expect(workflowCommand(line)).toEqual({
          command: 'error',
          properties: { file: shown(t), title: shown(t), line: '1' },
          data: shown(s),
        });
        expect(runnerData(annotationMessage(s))).toBe(shown(s));
        expect(runnerProperty(annotationProperty(s))).toBe(shown(s));
      }),
      RUNS,
    );
  });

  it('inline: one cell of one row, in a table, a list item or a paragraph, showing the text as written', () => {
    fc.assert(
      fc.property(hostileText, (s) => {
        const cell = inline(s);
        expect(hasUnsafeCharacter(cell)).toBe(false);
        const doc = parseGfm(
          `| a | b | c |\n| --- | --- | --- |\n| left | ${cell} | right |\n\n- x: ${cell}\n\nP: ${cell}\n`,
        );
        const [table] = tablesOf(doc);
        expect(tablesOf(doc)).toHaveLength(1);
        expect(table!.children).toHaveLength(2);
        const shown = table!.children[1]!.children.map((c) => textOf(c));
        expect(shown).toEqual(['left', plainText(s).trim(), 'right']);
        expect(doc.children.map((n) => n.type)).toEqual(['table', 'list', 'paragraph']);
        expect(markdownInjections(cell)).toEqual([]);
        expect(formatting(doc)).toEqual([]);
        expect(cell).not.toMatch(HALF_PAIR);
      }),
      PARSED_RUNS,
    );
  });

  it('mdText: the same, with a line break shown as ⏎, and first in a list item or a heading', () => {
    fc.assert(
      fc.property(hostileText, (s) => {
        const text = mdText(s);
        expect(hasUnsafeCharacter(text)).toBe(false);
        const doc = parseGfm(
          `| a | b |\n|---|---|\n| ${text} | right |\n\n- ${text}\n\n### ${text}\n\n<sub>${text}</sub>\n`,
        );
        const [table] = tablesOf(doc);
        expect(table!.children).toHaveLength(2);
        expect(table!.children[1]!.children.map((c) => textOf(c))).toEqual([expected(s), 'right']);
        const blocks = doc.children.map((n) => n.type);
        expect(blocks).toEqual(['table', 'list', 'heading', 'paragraph']);
        const list = doc.children[1]!;
        expect(list.type === 'list' && list.children.length).toBe(1);
        expect(markdownInjections(text)).toEqual([]);
        expect(formatting(doc)).toEqual([]);
        expect(text).not.toMatch(HALF_PAIR);
      }),
      PARSED_RUNS,
    );
  });

  it('mdCode: one code span holding the text as written, on one line', () => {
    fc.assert(
      fc.property(hostileText, (s) => {
        const code = mdCode(s);
        expect(hasUnsafeCharacter(code)).toBe(false);
        const doc = parseGfm(`- ${code}\n`);
        const spans = allNodes(doc).filter((n) => n.type === 'inlineCode');
        expect(spans).toHaveLength(1);
        expect(allNodes(doc).filter((n) => n.type === 'text')).toEqual([]);
        expect(markdownInjections(`- ${code}\n`).filter((x) => !x.startsWith('live'))).toEqual([]);
      }),
      PARSED_RUNS,
    );
  });

  it('htmlText: no unsafe character and no line break, whatever the text', () => {
    fc.assert(
      fc.property(hostileText, (s) => {
        const t = htmlText(s, { max: 200 });
        expect(hasUnsafeCharacter(t)).toBe(false);
        expect(t).not.toMatch(/[\r\n]/);
        expect(Array.from(t).length).toBeLessThanOrEqual(200);
        expect(t).not.toMatch(HALF_PAIR);
      }),
      RUNS,
    );
  });

  it('the worst single input is inert in every rendering', () => {
    expect(markdownInjections(inline(EVERYTHING))).toEqual([]);
    expect(markdownInjections(mdText(EVERYTHING, 100000))).toEqual([]);
    expect(hasUnsafeCharacter(printable(EVERYTHING) + annotationMessage(EVERYTHING) + htmlText(EVERYTHING))).toBe(
      false,
    );
  });
});

/** The text a cell shows: its text nodes, character references decoded, without the breaks. */
function textOf(node: import('mdast').Nodes): string {
  if (node.type === 'text') return node.value.replace(ZWSP, '');
  if ('children' in node) return (node.children as import('mdast').Nodes[]).map(textOf).join('');
  return `<${node.type}>`;
}

/** What mdText should show for `s` in a table cell (leading and trailing white space is the cell's). */
function expected(s: string): string {
  return mdCodeText(s).trim();
}

/** The one-line text mdText and mdCode show. */
function mdCodeText(s: string): string {
  const span = allNodes(parseGfm(`- ${mdCode(s, 500)}\n`)).find((n) => n.type === 'inlineCode');
  return span && span.type === 'inlineCode' ? span.value : '';
}

/** Formatting nodes contributor text could have added. */
function formatting(doc: import('mdast').Root): string[] {
  return allNodes(doc)
    .filter((n) => ['emphasis', 'strong', 'delete', 'inlineCode', 'break', 'code', 'blockquote'].includes(n.type))
    .map((n) => n.type);
}
