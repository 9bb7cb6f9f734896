// Calendar dates in UTC, as docs/design.md uses them ("YYYY-MM-DD").
import { UsageError } from './findings.js';

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Today's date in UTC; DRIVERCERT_TODAY=YYYY-MM-DD pins it (for tests and reproducible runs). */
export function today(env: NodeJS.ProcessEnv = process.env): string {
  const pinned = env.DRIVERCERT_TODAY;
  if (pinned !== undefined && pinned !== '') {
    // A usage error (exit 2), not a bug: the environment is the caller's to fix.
    if (!isCalendarDate(pinned))
      throw new UsageError(
        `DRIVERCERT_TODAY=${JSON.stringify(pinned)} is not a calendar date written YYYY-MM-DD: ` +
          'set it to one (e.g. 2025-11-20), or unset it to use the current date',
      );
    return pinned;
  }
  return new Date().toISOString().slice(0, 10);
}

/** True for a real calendar date written YYYY-MM-DD. */
export function isCalendarDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}
