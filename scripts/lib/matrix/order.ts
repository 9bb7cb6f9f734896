// One ordering for text everywhere in the matrix: by UTF-16 code units, never by locale,
// so the same input gives the same bytes on every machine.

/** Compare two strings by code units (-1, 0, 1). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
