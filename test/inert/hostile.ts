// Hostile contributor text, built the way an attacker would: terminal and bidi controls,
// invisible characters, every GitHub autolink form, Markdown and HTML syntax, table pipes,
// line breaks and workflow commands, mixed with arbitrary Unicode, short and long.
import fc from 'fast-check';

/** Characters a terminal would obey, that reorder text, or that hide it. */
export const CONTROLS: readonly string[] = [
  '\u0000',
  '\u0007',
  '\u0008',
  '\u001b[2K\r',
  '\u001b[31mred\u001b[0m',
  '\u001b]8;;https://evil.example\u0007link\u001b]8;;\u0007',
  '\r',
  '\u000b',
  '\u000c',
  '\u007f',
  '\u0085',
  '\u009b2J',
  '\u009d0;title\u009c',
  '\u00ad',
  '\u034f',
  '\u061c',
  '\u180e',
  '\u200b',
  '\u200c',
  '\u200d',
  '\u200e',
  '\u200f',
  '\u2028',
  '\u2029',
  '\u202a',
  '\u202b',
  '\u202c',
  '\u202d',
  '\u202e',
  '\u2060',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
  '\u206a',
  '\u3164',
  '\ufeff',
  '\ufff9',
  '\u{e0041}\u{e0042}',
];

/** Every form GitHub or GFM links by itself, and the look of the break. */
export const AUTOLINKS: readonly string[] = [
  '#1',
  ' #12 ',
  'GH-7',
  'gh-7',
  'owner/repo#1',
  'owner/repo@a5c3785ed8d6a35868bc169f07e40e889087fd2e',
  'octocat@a5c3785',
  '@octocat',
  '@org/team',
  'https://evil.example/x?y=1',
  'http://evil.example',
  'ftp://evil.example',
  'www.evil.example',
  'WWW.evil.example',
  'me@evil.example',
  'mailto:me@evil.example',
  'xmpp:me@evil.example',
  '<https://evil.example>',
  '<me@evil.example>',
  '[x](https://evil.example)',
  '![i](https://evil.example/i.png)',
  '[ref]: https://evil.example',
  '[^1]',
  '&#64;octocat',
  '&#8203;',
];

/** Markdown and HTML syntax, alone and where it starts a block. */
export const MARKUP: readonly string[] = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<!--',
  '-->',
  '<details>',
  '&amp;',
  '&lt;b&gt;',
  '*',
  '**bold**',
  '_',
  '__',
  '~~x~~',
  '~',
  '`',
  '``',
  '\\',
  '|',
  ' | ',
  '\\|',
  '# ',
  '### ',
  '> ',
  '- ',
  '+ ',
  '1. ',
  '1) ',
  '===',
  '---',
  '    ',
  '\t',
  '[',
  ']',
  '(',
  ')',
  '!',
  '{',
  '}',
  '"',
  "'",
  '&',
  '<',
  '>',
  '$x$',
  ':smile:',
  '[ ] ',
];

/** Line breaks and table rows. */
export const BREAKS: readonly string[] = [
  '\n',
  '\r\n',
  '\n\n',
  '\n# heading\n',
  '\n| a | b |\n| --- | --- |\n| c | d |',
];

/** GitHub Actions workflow commands, and the escapes that would smuggle one. */
export const COMMANDS: readonly string[] = [
  '::error::pwned',
  '%0A::error::pwned',
  '%0D%0A::warning file=x::y',
  '\n::notice::pwned',
  '##[error]pwned',
  '##[stop-commands]token',
  '::stop-commands::token',
  '::add-mask::x',
  '%25',
  '%3A%2C',
  ',title=x',
];

const fragment: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...CONTROLS) },
  { weight: 3, arbitrary: fc.constantFrom(...AUTOLINKS) },
  { weight: 3, arbitrary: fc.constantFrom(...MARKUP) },
  { weight: 1, arbitrary: fc.constantFrom(...BREAKS) },
  { weight: 1, arbitrary: fc.constantFrom(...COMMANDS) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 6 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) },
);

/** Hostile text: a run of fragments, now and then repeated into a long string. */
export const hostileText: fc.Arbitrary<string> = fc
  .tuple(fc.array(fragment, { minLength: 1, maxLength: 10 }), fc.constantFrom(1, 1, 1, 1, 12))
  .map(([parts, times]) => parts.join('').repeat(times));

/** Hostile text that is never empty or blank once trimmed (fields that must hold text). */
export const hostileNonBlank: fc.Arbitrary<string> = hostileText.map((t) => `x${t}`);

/** Every fragment at once: the worst single input. */
export const EVERYTHING = [...CONTROLS, ...AUTOLINKS, ...MARKUP, ...BREAKS, ...COMMANDS].join(' ');
