// The one decision of which characters contributor text may never carry raw to a reader, in
// any output: what a terminal, a CI log, GitHub's Markdown and a browser would obey, hide or
// reorder instead of showing. Each output renders them its own way (a terminal as `\uXXXX`,
// Markdown and HTML as U+FFFD), but every output renders the same set.

/** The ranges of UNSAFE_CHARACTERS (regular expression source), each with what it is. */
export const UNSAFE_RANGES: readonly [range: string, what: string][] = [
  [
    '\\u0000-\\u0008\\u000b-\\u001f',
    'C0 controls but tab and newline: ESC starts terminal escapes, CR overwrites a line',
  ],
  ['\\u007f-\\u009f', 'DEL and the C1 controls: U+009B is CSI (a one-character terminal escape), U+0085 NEL'],
  ['\\u00ad', 'soft hyphen'],
  ['\\u034f', 'combining grapheme joiner'],
  ['\\u061c', 'Arabic letter mark (text direction)'],
  ['\\u115f\\u1160\\u3164\\uffa0', 'Hangul fillers (blank letters)'],
  ['\\u17b4\\u17b5', 'Khmer inherent vowels (invisible)'],
  ['\\u180b-\\u180f', 'Mongolian variation selectors and vowel separator'],
  ['\\u200b-\\u200f', 'zero-width space, non-joiner and joiner; left-to-right and right-to-left marks'],
  ['\\u2028\\u2029', 'line and paragraph separators (line breaks to some readers only)'],
  ['\\u202a-\\u202e', 'bidirectional embeddings and overrides'],
  ['\\u2060-\\u2064', 'word joiner and invisible operators'],
  ['\\u2066-\\u2069', 'bidirectional isolates'],
  ['\\u206a-\\u206f', 'deprecated format characters'],
  ['\\ufeff', 'zero-width no-break space (byte order mark)'],
  ['\\ufff9-\\ufffb', 'interlinear annotations'],
  ['\\u{e0000}-\\u{e007f}', 'tag characters (invisible text some tools still read)'],
];

/**
 * Control, text-direction and invisible characters, matched by code point (flags `gu`): what a
 * terminal would obey, what reorders the text around it, and what hides, joins or splits text
 * unseen (UNSAFE_RANGES lists them).
 */
export const UNSAFE_CHARACTERS = new RegExp(`[${UNSAFE_RANGES.map(([r]) => r).join('')}]`, 'gu');

/** Line breaks as a reader sees them: CR LF, LF, CR, NEL, and the line and paragraph separators. */
export const LINE_BREAKS = /\r\n|[\n\r\u0085\u2028\u2029]/g;

const ANY_UNSAFE = new RegExp(UNSAFE_CHARACTERS.source, 'u');

/** Whether `text` holds a character of UNSAFE_CHARACTERS. */
export function hasUnsafeCharacter(text: string): boolean {
  return ANY_UNSAFE.test(text);
}

/** `text` with each unsafe character replaced by what `render` makes of it. */
export function replaceUnsafe(text: string, render: (c: string) => string): string {
  return text.replace(UNSAFE_CHARACTERS, render);
}
