// `drivercert codeowners [--check]`
import type { Command } from '../command.js';
import { repoRoot } from '../command.js';
import { codeownersFile } from '../../lib/codeowners.js';
import { isFresh, regenerate } from '../../lib/generated-file.js';

export const codeownersCommand: Command = {
  name: 'codeowners',
  help: `Usage: drivercert codeowners [--check] [options]

Writes .github/CODEOWNERS from drivers.yaml: the core reviewers own everything, and
each driver's folder in every cycle (/results/*/<driver>/) is owned by the driver's
maintainers, or by the core reviewers when it has none. With "Require review from
Code Owners" on main, GitHub then requires their approval.

Options:
  --check       write nothing; exit 1 when the committed file is stale
  --repo DIR    the repository (default: the current directory)
  -h, --help    show this help

Exit status: 0 written (or up to date), 1 stale (--check) or invalid drivers.yaml, 2 usage error.`,
  options: { check: { type: 'boolean' } },
  positionals: { min: 0, max: 0, name: '' },
  async run(args, io) {
    const root = repoRoot(args, io);
    const g = codeownersFile;
    if (args.values.check) {
      const { fresh, actual } = await isFresh(root, g);
      if (fresh) {
        io.err(`${g.path} is up to date\n`);
        return 0;
      }
      io.err(
        `${g.path} is ${actual === undefined ? 'missing' : 'stale'}: it does not match drivers.yaml.\n` +
          `  Run \`${g.command}\` and commit the result.\n`,
      );
      return 1;
    }
    const changed = await regenerate(root, g);
    io.err(changed ? `wrote ${g.path}\n` : `${g.path} unchanged\n`);
    return 0;
  },
};
