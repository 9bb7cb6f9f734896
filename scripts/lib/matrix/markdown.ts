// Markdown building blocks for generated files. Contributor text is made inert by ../inert
// (`inline`, re-exported here): it can neither break a table row, nor inject HTML, nor become
// a link, an image or emphasis.
import { inline } from '../inert/index.js';

export { inline, inlineInIssue } from '../inert/index.js';

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
