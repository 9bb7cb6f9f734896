// The details kept of a run's tests (tracebacks, skip reasons) are bounded in total, not only
// per test: a run of 60,000 failing tests with 4 KiB tracebacks would otherwise hold 240 MB
// of them. Past the budget a test keeps only its error line, which is what the reviewer's
// report shows of it.
import type { TestRecord } from '../formats/types.js';

/** Characters of details (tracebacks and reasons) one bundle's analysis keeps whole. */
export const MAX_DETAIL_TOTAL = 16 * 1024 * 1024;
/** Longest error line kept (and shown). */
export const ERROR_LINE_CHARS = 300;

/** The line of a traceback that says what went wrong: its exception line, else its first line. */
export function errorLine(detail: string | undefined): string {
  if (!detail) return '';
  const lines = detail
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l) => l.trim() !== '');
  const reversed = [...lines].reverse().map((l) => l.trim());
  const exception =
    reversed.find((l) => /^[A-Za-z_][\w.]*(Error|Exception|Failure|Timeout|Exit)\w*(: |$)/.test(l)) ??
    reversed.find((l) => /^[A-Za-z_][\w.]*: /.test(l));
  return (exception ?? lines.find((l) => !/^Traceback \(most recent call last\):$/.test(l.trim())) ?? lines[0] ?? '')
    .trim()
    .slice(0, ERROR_LINE_CHARS);
}

/** Spends MAX_DETAIL_TOTAL on the tests kept, in the order they come; later ones keep their error line. */
export class DetailBudget {
  private used = 0;

  constructor(private readonly total = MAX_DETAIL_TOTAL) {}

  /** Fit T's details into what is left (T is changed in place). */
  fit(t: TestRecord): void {
    if (t.detail !== undefined) t.detail = this.take(t.detail, errorLine);
    if (t.reason !== undefined) t.reason = this.take(t.reason, (r) => r.slice(0, ERROR_LINE_CHARS));
  }

  private take(text: string, shorten: (s: string) => string): string {
    const kept = this.used + text.length <= this.total ? text : shorten(text);
    this.used += kept.length;
    // A copy, so the parser's larger string (a slice shares it) can be collected.
    return kept === text ? text : (' ' + kept).slice(1);
  }
}
