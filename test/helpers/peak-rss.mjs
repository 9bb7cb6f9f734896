// A process's own peak resident memory. getrusage's maxRSS (process.resourceUsage()) is not
// that on Linux: it keeps the high-water mark of the process it was forked from, up to the
// exec, so a child of a big test runner reports the runner's size. /proc/self/status's VmHWM
// is the high-water mark of the running program alone; maxRSS is the fallback elsewhere.
import { readFileSync } from 'node:fs';

/** Peak resident memory of this program, in KiB. */
export function peakRssKb() {
  try {
    const m = /^VmHWM:\s*(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]);
  } catch {
    /* no procfs: fall back */
  }
  return process.resourceUsage().maxRSS;
}
