// Calendar dates in UTC, as docs/design.md uses them ("YYYY-MM-DD").

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Today's date in UTC; DRIVERCERT_TODAY=YYYY-MM-DD pins it (for tests and reproducible runs). */
export function today(env: NodeJS.ProcessEnv = process.env): string {
  const pinned = env.DRIVERCERT_TODAY;
  if (pinned !== undefined && pinned !== '') {
    if (!isCalendarDate(pinned)) throw new Error(`DRIVERCERT_TODAY=${pinned} is not a YYYY-MM-DD date`);
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
