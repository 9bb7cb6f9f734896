// The one list of what GitHub turns into a link or a notification by itself, in a comment, an
// issue, a job summary or a Markdown file, and where each is broken so contributor text stays
// text. GitHub documents the forms under "Autolinked references and URLs"; GFM's own
// autolink literals are URLs, `www.` links and e-mail addresses.

/** One form GitHub links without being asked. */
export interface AutolinkForm {
  /** What it is. */
  name: string;
  /** How it is written. */
  examples: readonly string[];
  /** Where GitHub links it: wherever GFM is rendered, or in conversations only (issues, pull requests, comments). */
  where: 'gfm' | 'conversations';
  /**
   * A regular expression (source, matched case-insensitively) for what a break goes right
   * after; null for a form deliberately left as it is, `why` saying why.
   */
  breakAfter: string | null;
  why?: string;
}

/** Every form, in one list: the Markdown outputs break each one that has `breakAfter`. */
export const AUTOLINK_FORMS: readonly AutolinkForm[] = [
  {
    name: 'URL',
    examples: ['https://evil.example/x', 'http://evil.example', 'ftp://evil.example', '<https://evil.example>'],
    where: 'gfm',
    breakAfter: ':(?=//)',
  },
  { name: 'www link', examples: ['www.evil.example', 'WWW.evil.example'], where: 'gfm', breakAfter: 'www(?=\\.)' },
  {
    name: 'e-mail address',
    examples: ['me@evil.example', 'mailto:me@evil.example', 'xmpp:me@evil.example'],
    where: 'gfm',
    breakAfter: '@',
  },
  { name: 'mention of a user or a team', examples: ['@octocat', '@org/team'], where: 'conversations', breakAfter: '@' },
  {
    name: 'commit of a user or a repository',
    examples: ['octocat@a5c3785', 'owner/repo@a5c3785ed8d6a35868bc169f07e40e889087fd2e'],
    where: 'conversations',
    breakAfter: '@',
  },
  { name: 'issue or pull request', examples: ['#26', 'owner/repo#26'], where: 'conversations', breakAfter: '#(?=\\d)' },
  { name: 'GH- issue or pull request', examples: ['GH-26', 'gh-26'], where: 'conversations', breakAfter: 'GH-(?=\\d)' },
  {
    name: 'commit SHA',
    examples: ['a5c3785ed8d6a35868bc169f07e40e889087fd2e'],
    where: 'conversations',
    breakAfter: null,
    why:
      'links only a commit that exists in this repository, and notifies nobody; breaking every run of hex ' +
      'digits would spoil the commit ids and digests the outputs show',
  },
  {
    name: 'custom autolink reference',
    examples: ['JIRA-123'],
    where: 'conversations',
    breakAfter: null,
    why: 'none is configured for this repository; whoever configures one adds its prefix to this list',
  },
];

/**
 * What breaks a form in Markdown: a zero-width space, written as a character reference so
 * that the generated file or comment itself holds no invisible character (GitHub flags
 * files that do) while the rendered text does.
 */
export const MARKDOWN_BREAK = '&#8203;';

const BREAK_POINTS = new RegExp(
  [...new Set(AUTOLINK_FORMS.flatMap((f) => (f.breakAfter === null ? [] : [f.breakAfter])))].join('|'),
  'gi',
);

/** `text` (already escaped Markdown) with `separator` after each break point of AUTOLINK_FORMS, in one pass. */
export function breakAutolinks(text: string, separator = MARKDOWN_BREAK): string {
  return text.replace(BREAK_POINTS, (m) => m + separator);
}
