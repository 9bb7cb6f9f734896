// Markdown building blocks for generated files, with contributor text made inert: it can
// neither break a table row, nor inject HTML, nor become a link, an image or emphasis.

const LINE_BREAKS = /\r\n|[\r\n\u0085\u2028\u2029]/g;
// Controls, and invisible format characters that could reorder or hide text (bidi overrides…).
const INVISIBLE =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]/g;
// Markdown punctuation a backslash makes literal (GFM: emphasis, code, links, tables, strikethrough, headings).
const MARKDOWN_PUNCTUATION = /[\\`*_[\]|~#!]/g;
const ZERO_WIDTH_SPACE = '\u200b';

/**
 * Contributor text as inert Markdown inline text, on one line: line breaks become spaces,
 * invisible characters become U+FFFD, HTML is escaped, Markdown punctuation is escaped, and
 * literal autolinks (`https://`, `www.`, e-mail addresses) are broken with a zero-width space.
 * `max` truncates (counting characters, before escaping) and marks the cut with `…`.
 */
export function inline(text: string, max = Infinity): string {
  let t = text.replace(LINE_BREAKS, ' ').replace(INVISIBLE, '\ufffd').replace(/ {2,}/g, ' ').trim();
  const chars = Array.from(t);
  if (chars.length > max)
    t =
      chars
        .slice(0, Math.max(0, max - 1))
        .join('')
        .trimEnd() + '…';
  return t
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(MARKDOWN_PUNCTUATION, '\\$&')
    .replace(/:(?=\/\/)/g, `:${ZERO_WIDTH_SPACE}`)
    .replace(/(www)(?=\.)/gi, `$1${ZERO_WIDTH_SPACE}`)
    .replace(/@/g, `@${ZERO_WIDTH_SPACE}`);
}

/**
 * `inline` for text GitHub shows in an issue or a comment, where `#123` (or `GH-123`)
 * links an issue: the `#` is broken with a zero-width space too. A committed file such as
 * MATRIX.md links no issue references, so `inline` leaves them.
 */
export function inlineInIssue(text: string, max = Infinity): string {
  return inline(text, max)
    .replace(/#/g, `#${ZERO_WIDTH_SPACE}`)
    .replace(/\b(GH)-(?=\d)/gi, `$1-${ZERO_WIDTH_SPACE}`);
}

/** A plain identifier: safe inside a code span as it is. */
export const SLUG = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** An identifier (driver id, cycle, capability) as code when it is a plain slug, else as inert text. */
export function ident(id: string): string {
  return SLUG.test(id) ? `\`${id}\`` : inline(id);
}

/** A repository-relative link whose path segments are percent-encoded; `label` is trusted text. */
export function link(label: string, segments: readonly string[], trailingSlash = true): string {
  const href = segments.map(encodeSegment).join('/') + (trailingSlash ? '/' : '');
  return `[${label}](${href})`;
}

function encodeSegment(s: string): string {
  return Array.from(new TextEncoder().encode(s), (b) => {
    const c = String.fromCharCode(b);
    return /[A-Za-z0-9._-]/.test(c) ? c : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }).join('');
}

/** A GFM table; every cell must already be inline Markdown (escaped with `inline`). */
export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  const out = [line(headers), `|${headers.map(() => ' --- ').join('|')}|`];
  for (const r of rows) {
    if (r.length !== headers.length) throw new Error(`a table row has ${r.length} cells, the header ${headers.length}`);
    out.push(line(r));
  }
  return out.join('\n');
}

/** `n word` or `n words`. */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}
