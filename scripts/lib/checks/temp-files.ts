// A drivercert write killed midway (writeFileAtomic) leaves its temporary file next to the
// file it was writing, which stays intact. The leftover is harmless (git ignores `*.tmp`,
// and the next write of that file removes it), so it is a warning, not an error.
import type { Check } from './types.js';

export const staleTempFiles: Check<'repository'> = {
  id: 'stale-temp-files',
  name: 'no temporary file is left from an interrupted write',
  description:
    'A `.<file>.<pid>.<hex>.tmp` file is what a killed drivercert write leaves behind; ' +
    'the file it was writing is intact.',
  scope: 'repository',
  check(repo, report) {
    for (const file of repo.tempFiles) {
      const target = /^(.*\/)?\.(.+)\.\d+\.[0-9a-f]{8}\.tmp$/.exec(file);
      const of = target ? `${target[1] ?? ''}${target[2]}` : 'a file';
      report
        .at(file)
        .warning(
          `a temporary file left by an interrupted write of ${of}, which was left as it was`,
          `Delete it, or run the command that writes ${of} again: it removes such leftovers.`,
        );
    }
  },
};
