// Contributor text for an HTML page (the static site): the page comes from a templating
// library that escapes every interpolated value by default (`<`, `>`, `&`, quotes), so markup
// cannot be injected and HTML autolinks nothing. What escaping does not cover is what the text
// does once it is text: control, text-direction and invisible characters (./characters.ts),
// which htmlText replaces with U+FFFD, as MATRIX.md does.
//
// A page built from it should still:
// - interpolate htmlText's result only through the library's escaping (never as raw HTML);
// - wrap each piece of contributor text in <bdi> (or give its element dir="auto"), so that
//   right-to-left text, legitimate in a vendor's name, cannot reorder the text around it;
// - build every href from ids it percent-encodes itself, never from contributor text.
import { plainText } from './text.js';

/** How htmlText lays text out. */
export interface HtmlTextOptions {
  /** At most this many characters, the cut marked with `…`. */
  max?: number;
  /** Keep line breaks (for a <pre> or a `white-space: pre-line` element); default: one line. */
  keepLines?: boolean;
}

/** Contributor text safe to hand to an escaping HTML template: unsafe characters as U+FFFD, on one line by default. */
export function htmlText(text: string, opts: HtmlTextOptions = {}): string {
  const t = opts.keepLines ? text.replace(/\r\n|[\r\u0085\u2028\u2029]/g, '\n') : text;
  return plainText(t, { max: opts.max, oneLine: !opts.keepLines });
}
