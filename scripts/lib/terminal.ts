// What drivercert prints is partly what a submission holds: a cert.log line, a test id, a
// secret's surroundings. Printed raw, such text could drive the reader's terminal or CI log
// (ANSI escapes that clear, recolour or hide lines, a carriage return that overwrites one,
// text-direction overrides that reorder one). Every control and text-direction character
// other than newline and tab is printed as a visible `\uXXXX` escape instead. Inside a JSON
// string that escape means the same character, so JSON output stays exactly what it says.

const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** `text` with every control and text-direction character (but newline and tab) escaped as `\uXXXX`. */
export function printable(text: string): string {
  return text.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
