// Contributor text in GitHub Markdown (MATRIX.md, the reviewer's report and job summary, the
// tracking issues): it must render as the literal text it is — no HTML, no link, image or
// emphasis, nothing that ends a table cell, a list item or the line, no mention or issue
// reference, and no unsafe character (./characters.ts, shown as U+FFFD).
//
// Two renderings share every decision and differ only in layout: `inline` (generated files and
// issue bodies) turns line breaks into spaces and escapes the punctuation GFM needs escaped;
// `mdText` (the reviewer's report) marks line breaks with ⏎ and also escapes `(){}"` and what
// would start a list or a heading, since the report puts text first in list items.
import { redactSecrets } from '../bundle/redact.js';
import { breakAutolinks } from './autolinks.js';
import { oneLine, plainText, truncate, visible } from './text.js';

/** Markdown punctuation a backslash makes literal (emphasis, code, links, images, tables, strikethrough, headings). */
const MARKDOWN_PUNCTUATION = /[\\`*_[\]|~#!]/g;
/** The same and `(){}"`, for the reviewer's report. */
const REPORT_PUNCTUATION = /[\\`*_{}[\]()#!|~"]/g;

/** `text` with HTML escaped and `punctuation` backslash-escaped. */
function escapeSyntax(text: string, punctuation: RegExp): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(punctuation, '\\$&');
}

/**
 * Contributor text as inert Markdown inline text, on one line (MATRIX.md, issue bodies): line
 * breaks become spaces, unsafe characters U+FFFD, HTML and Markdown punctuation are escaped,
 * and every GitHub autolink form (./autolinks.ts) is broken. `max` cuts the text (counting
 * characters, before escaping) and marks the cut with `…`.
 */
export function inline(text: string, max = Infinity): string {
  return breakAutolinks(escapeSyntax(plainText(text, { max }), MARKDOWN_PUNCTUATION));
}

/**
 * `inline`, named for text GitHub shows in an issue or a comment. Every Markdown output breaks
 * every autolink form, including the issue references (`#1`, `GH-1`) only conversations link,
 * so this is `inline` itself.
 */
export const inlineInIssue: (text: string, max?: number) => string = inline;

/**
 * One line for the reviewer's report: secrets redacted, line breaks as ⏎, tabs as spaces,
 * unsafe characters U+FFFD, cut at `max`.
 */
function reportLine(s: string, max: number): string {
  return truncate(visible(oneLine(redactSecrets(s), ' ⏎ ').replace(/\t/g, ' ')), max, { trimEnd: false });
}

/**
 * Text that renders literally in the reviewer's report, in a paragraph, a list item or a table
 * cell: what `inline` does, line breaks shown as ⏎, and `(){}"`, leading spaces and a leading
 * list or heading marker escaped or dropped too.
 */
export function mdText(s: string, max = 500): string {
  // Leading spaces would indent: four make a code block of a list item that starts with the text.
  const escaped = escapeSyntax(reportLine(s, max).replace(/^ +/, ''), REPORT_PUNCTUATION)
    .replace(/^[-+=]/, '\\$&')
    .replace(/^(\d+)([.)])/, '$1\\$2');
  // Last, so that no break lands inside an escape (`&amp;`) and no escape splits a form.
  return breakAutolinks(escaped);
}

/**
 * A code span holding `s` literally (ids, paths, commands): GitHub links nothing inside one.
 * Not for table cells, where GitHub splits on `|` even inside code: use mdText there.
 */
export function mdCode(s: string, max = 300): string {
  const text = reportLine(s, max);
  if (text === '') return '` `';
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') || (text.startsWith(' ') && text.endsWith(' ')) ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}
