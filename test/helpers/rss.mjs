// Preloaded into a drivercert process by the tests (node --import): at exit, write the
// process's peak resident memory (KiB) to $DRIVERCERT_RSS_FILE.
import { writeFileSync } from 'node:fs';

const file = process.env.DRIVERCERT_RSS_FILE;
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
