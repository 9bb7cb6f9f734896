// `drivercert cycle open|close|import-guideline`
import type { Command, Io } from '../command.js';
import { pathOption, repoRoot, str, userPath } from '../command.js';
import { UsageError } from '../../lib/findings.js';
import { closeCycle, importGuidelineIntoCycle, openCycle, type LifecycleResult } from '../../lib/cycles/lifecycle.js';
import { today } from '../../lib/dates.js';
import { afterCycleChange } from './hooks.js';

function report(io: Io, r: LifecycleResult): void {
  for (const m of r.messages) io.err(m + '\n');
}

export const cycleOpenCommand: Command = {
  name: 'cycle open',
  help: `Usage: drivercert cycle open NAME [--codename X] [--guideline FILE] [options]

Closes the current (open) cycle with today's date, creates results/NAME/cycle.yaml
(state: open), and regenerates MATRIX.md: the old current cycle becomes "last" and
every driver's current entry reads "not submitted". Capabilities are carried over from
the previous cycle unless --guideline names an OpenStack interop guideline to import.
No result file is moved or deleted.

Options:
  --codename X       the release codename (e.g. gazpacho)
  --guideline FILE   import the required volume capabilities from this guideline
  --repo DIR         the repository (default: the current directory)
  -h, --help         show this help`,
  options: { codename: { type: 'string' }, guideline: { type: 'string' } },
  positionals: { min: 1, max: 1, name: 'NAME (the new cycle, e.g. 2026.1)' },
  async run(args, io) {
    const root = repoRoot(args, io);
    const codename = str(args, 'codename');
    const guideline = pathOption(args, io, 'guideline');
    const r = openCycle(root, args.positionals[0]!, {
      today: today(io.env),
      ...(codename ? { codename } : {}),
      ...(guideline ? { guidelineFile: guideline } : {}),
    });
    report(io, r);
    return afterCycleChange(root, io);
  },
};

export const cycleCloseCommand: Command = {
  name: 'cycle close',
  help: `Usage: drivercert cycle close [options]

Sets the open cycle's state to closed with today's date and regenerates MATRIX.md.
Until \`drivercert cycle open\` runs, there is no current cycle.

Options:
  --repo DIR    the repository (default: the current directory)
  -h, --help    show this help`,
  options: {},
  positionals: { min: 0, max: 0, name: '' },
  async run(args, io) {
    const root = repoRoot(args, io);
    report(io, closeCycle(root, today(io.env)));
    return afterCycleChange(root, io);
  },
};

export const cycleImportCommand: Command = {
  name: 'cycle import-guideline',
  help: `Usage: drivercert cycle import-guideline FILE --cycle NAME [options]

Reads an OpenStack interop guideline (schema 1.x or 2.0), takes its volume capabilities
(volumes-*) with their tests, idempotent ids, aliases and flags, and writes them into
results/NAME/cycle.yaml. Capabilities required by the guideline are required; advisory
and deprecated ones are listed as not required. Feature capabilities already in the
cycle are kept. MATRIX.md is regenerated.

Options:
  --cycle NAME   the cycle to fill (required)
  --repo DIR     the repository (default: the current directory)
  -h, --help     show this help`,
  options: { cycle: { type: 'string' } },
  positionals: { min: 1, max: 1, name: 'FILE (the guideline JSON)' },
  async run(args, io) {
    const cycle = str(args, 'cycle');
    if (!cycle) throw new UsageError('missing --cycle NAME');
    const root = repoRoot(args, io);
    report(io, importGuidelineIntoCycle(root, cycle, userPath(io, args.positionals[0]!)));
    return afterCycleChange(root, io);
  },
};
