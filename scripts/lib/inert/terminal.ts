// Text for a terminal or a CI log: what drivercert prints is partly what a submission holds
// (a cert.log line, a test id, a file name). Printed raw, such text could drive the reader's
// terminal or the log (ANSI escapes that clear, recolour or hide lines, a carriage return that
// overwrites one, text-direction overrides that reorder one, zero-width characters that hide
// a difference), or issue a GitHub Actions command: the runner obeys `##[command]` anywhere in
// a line. Unsafe characters (./characters.ts) but newline and tab are printed as visible
// `\uXXXX` escapes, and the `[` of `##[` as `\u005b`. Inside a JSON string such an escape means
// the same character, so JSON output stays exactly what it says.
import { redactSecrets } from '../bundle/redact.js';
import { UNSAFE_CHARACTERS } from './characters.js';

/** The `\uXXXX` escape of each UTF-16 unit of `c` (a pair for a character beyond U+FFFF, as JSON writes it). */
function escapeUnits(c: string): string {
  let out = '';
  for (let i = 0; i < c.length; i++) out += `\\u${c.charCodeAt(i).toString(16).padStart(4, '0')}`;
  return out;
}

/** The unsafe characters and the runner's legacy command prefix, matched in one pass. */
const NOT_PRINTABLE = new RegExp(`${UNSAFE_CHARACTERS.source}|##\\[`, 'gu');

/** `text` with every unsafe character (but newline and tab) escaped as `\uXXXX`, and `##[` as `##\u005b`. */
export function printable(text: string): string {
  return text.replace(NOT_PRINTABLE, (m) => (m === '##[' ? '##\\u005b' : escapeUnits(m)));
}

/**
 * Text that must stay on its line of terminal output (a path, a pointer, a message): secrets
 * redacted (bundle/redact.ts), printable,
 * with each newline (or CR LF) shown as ⏎, so that it can neither start a line of its own (a
 * fake summary, or a `::command` the Actions runner would obey) nor end the line it is on. The
 * other line breaks (a lone CR, NEL, U+2028, U+2029) are unsafe, so printable escapes them.
 */
export function printableLine(text: string): string {
  return printable(redactSecrets(text).replace(/\r?\n/g, ' ⏎ '));
}
