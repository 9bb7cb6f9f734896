// Contributor text as plain, visible text on which every rendering builds: unsafe characters
// replaced by U+FFFD, optionally laid on one line, cut at a number of characters.
import { redactSecrets } from '../bundle/redact.js';
import { LINE_BREAKS, replaceUnsafe } from './characters.js';

/** U+FFFD, what Markdown and HTML show in place of an unsafe character. */
export const REPLACEMENT = '\ufffd';

/** `text` with every line break replaced by `separator`. */
export function oneLine(text: string, separator = ' '): string {
  return text.replace(LINE_BREAKS, separator);
}

/** `text` with every unsafe character replaced by U+FFFD. */
export function visible(text: string): string {
  return replaceUnsafe(text, () => REPLACEMENT);
}

/** `text` cut to at most `max` characters (code points, never half a pair), the cut marked with `…`. */
export function truncate(text: string, max: number, opts: { trimEnd?: boolean } = {}): string {
  if (max === Infinity || text.length <= max) return text;
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  const kept = chars.slice(0, Math.max(0, max - 1)).join('');
  return (opts.trimEnd === false ? kept : kept.trimEnd()) + '…';
}

/** How plainText lays text out. */
export interface PlainTextOptions {
  /** At most this many characters (before any escaping). */
  max?: number;
  /** Line breaks become single spaces, runs of spaces one space, and the ends are trimmed (default true). */
  oneLine?: boolean;
}

/**
 * Contributor text as plain visible text, for a renderer that escapes its own syntax (the
 * Markdown outputs, an HTML template): every secret redacted (`[REDACTED]`, bundle/redact.ts),
 * unsafe characters replaced by U+FFFD; by default on one
 * line with runs of spaces collapsed; cut at `max` characters.
 */
export function plainText(text: string, opts: PlainTextOptions = {}): string {
  // Secrets first: a cut must not leave half a password that redaction no longer recognises.
  const shown = redactSecrets(text);
  let t = opts.oneLine === false ? shown : oneLine(shown);
  t = visible(t);
  if (opts.oneLine !== false) t = t.replace(/ {2,}/g, ' ').trim();
  return truncate(t, opts.max ?? Infinity);
}
