// One home for inert text: every output that shows contributor text (the terminal and CI log,
// GitHub annotations, MATRIX.md, the reviewer's report, the tracking issues, the site) renders
// it through this module, on one set of unsafe characters (./characters.ts) and one list of
// GitHub autolink forms (./autolinks.ts). docs/inert-text.md says which output uses what.
export { UNSAFE_CHARACTERS, UNSAFE_RANGES, LINE_BREAKS, hasUnsafeCharacter } from './characters.js';
export { AUTOLINK_FORMS, MARKDOWN_BREAK, breakAutolinks, type AutolinkForm } from './autolinks.js';
export { REPLACEMENT, plainText, type PlainTextOptions } from './text.js';
export { printable, printableLine } from './terminal.js';
export { annotationMessage, annotationProperty } from './annotations.js';
export { inline, inlineInIssue, mdCode, mdText } from './markdown.js';
export { htmlText, type HtmlTextOptions } from './html.js';
