// Preload this (`node --import ./test/helpers/maxrss.mjs …`) and the process writes its peak
// resident memory in KiB to $DRIVERCERT_MAXRSS_FILE as it exits: the tests' measure where GNU
// time is missing (test/hostile/spawn.ts), and bench/inspect.ts's.
import { writeFileSync } from 'node:fs';
import { peakRssKb } from './peak-rss.mjs';

const file = process.env.DRIVERCERT_MAXRSS_FILE;
if (file) {
  process.on('exit', () => {
    try {
      writeFileSync(file, `${peakRssKb()}\n`);
    } catch {
      /* measuring must never change the outcome */
    }
  });
}
