// Contributor text inside GitHub Markdown (a pull-request comment, a job summary): it must
// render as the literal text it is — no HTML, no links or images, no @mentions or #issue
// references, no emphasis, and nothing that breaks a table cell, a list item or the line.

const BIDI_AND_CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const ZWSP = '\u200b';

/** One line, no control or bidirectional-override characters, at most `max` characters. */
function flatten(s: string, max = 500): string {
  const one = s
    .replace(/\r\n?|\n|\u2028|\u2029/g, ' ⏎ ')
    .replace(/\t/g, ' ')
    .replace(BIDI_AND_CONTROLS, '');
  return one.length > max ? one.slice(0, max - 1) + '…' : one;
}

/**
 * Text that renders literally in Markdown, in a paragraph, a list item or a table cell:
 * HTML is entity-escaped, Markdown punctuation backslash-escaped, and mentions, issue
 * references and autolinks are broken with a zero-width space.
 */
export function mdText(s: string, max = 500): string {
  return flatten(s, max)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_{}[\]()#!|~"]/g, (c) => `\\${c}`)
    .replace(/^[-+=]/, (c) => `\\${c}`)
    .replace(/^(\d+)([.)])/, '$1\\$2')
    .replace(/@/g, `@${ZWSP}`)
    .replace(/#/g, `#${ZWSP}`)
    .replace(/:\/\//g, `:${ZWSP}//`)
    .replace(/\bwww\./gi, (m) => `${m.slice(0, 3)}${ZWSP}.`);
}

/**
 * A code span holding `s` literally (ids, paths, commands). Not for table cells, where
 * GitHub splits on `|` even inside code: use mdText there.
 */
export function mdCode(s: string, max = 300): string {
  const text = flatten(s, max);
  if (text === '') return '` `';
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') || (text.startsWith(' ') && text.endsWith(' ')) ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}
