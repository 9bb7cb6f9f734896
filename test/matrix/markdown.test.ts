// The escaping every generated Markdown file relies on: hostile contributor text in a table
// cell stays one cell of one row, shows exactly what was written, and adds no HTML or link.
import { describe, expect, it } from 'vitest';
import { ident, inline, link, table } from '../../scripts/lib/matrix/markdown.js';
import { allNodes, injections, parseGfm, tablesOf, textOf } from './gfm.js';
import { HOSTILE_TEXTS } from './fixtures.js';

/** What a reader should see: the text on one line, runs of spaces collapsed. */
function shown(t: string): string {
  return t
    .replace(/\r\n|[\r\n]/g, ' ')
    .replace(/\u202e/g, '\ufffd')
    .replace(/ {2,}/g, ' ')
    .trim();
}

describe('inline()', () => {
  it('is needed: the GFM reader does see links and HTML in unescaped text', () => {
    const raw = parseGfm(
      '| a |\n| --- |\n| see https://evil.example, www.evil.example, me@evil.example, <b>x</b>, [x](javascript:alert(1)) |\n',
    );
    expect(injections(raw)).toEqual([
      'link to https://evil.example',
      'link to http://www.evil.example',
      'link to mailto:me@evil.example',
      'html: "<b>"',
      'html: "</b>"',
      'link to javascript:alert(1)',
    ]);
    expect(tablesOf(parseGfm('| a |\n| --- |\n| x | y\nz |\n'))[0]!.children).toHaveLength(3);
  });

  for (const t of HOSTILE_TEXTS) {
    it(`keeps ${JSON.stringify(t)} inside its cell, shown as written`, () => {
      const doc = parseGfm(table(['a', 'b', 'c'], [['left', inline(t), 'right']]));
      const [tbl] = tablesOf(doc);
      expect(tablesOf(doc)).toHaveLength(1);
      expect(tbl!.children).toHaveLength(2);
      expect(tbl!.children[1]!.children.map(textOf)).toEqual(['left', shown(t), 'right']);
      expect(injections(doc)).toEqual([]);
      const formatting = allNodes(doc).filter((n) =>
        ['emphasis', 'strong', 'delete', 'inlineCode', 'break'].includes(n.type),
      );
      expect(formatting.map((n) => n.type)).toEqual([]);
    });
  }

  it('keeps hostile text inert outside tables too (a list item, a paragraph)', () => {
    for (const t of HOSTILE_TEXTS) {
      const doc = parseGfm(`- reason: ${inline(t)}\n\nNotes: ${inline(t)}\n`);
      expect(injections(doc), t).toEqual([]);
      expect(
        allNodes(doc).filter(
          (n) => n.type === 'heading' || n.type === 'blockquote' || n.type === 'code' || n.type === 'table',
        ),
      ).toEqual([]);
    }
  });

  it('truncates long text by characters and marks the cut', () => {
    expect(inline('a'.repeat(500), 10)).toBe('aaaaaaaaa…');
    expect(inline('😀'.repeat(20), 5)).toBe('😀😀😀😀…');
  });
});

describe('ident() and link()', () => {
  it('shows slugs as code and anything else as escaped text', () => {
    expect(ident('dell_emc_powermax')).toBe('`dell_emc_powermax`');
    expect(ident('a`b|c')).toBe('a\\`b\\|c');
  });

  it('percent-encodes link paths so a folder name cannot end the link', () => {
    expect(link('submission', ['results', '2025.2', 'lvm'])).toBe('[submission](results/2025.2/lvm/)');
    expect(link('x', ['results', 'a) [b](javascript:alert(1)', 'c'])).toBe(
      '[x](results/a%29%20%5Bb%5D%28javascript%3Aalert%281%29/c/)',
    );
  });
});
