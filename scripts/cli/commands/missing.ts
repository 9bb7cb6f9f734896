// `drivercert missing [--format markdown|json]`
import { redactDeep } from '../../lib/bundle/redact.js';
import type { Command } from '../command.js';
import { choice, repoRoot } from '../command.js';
import { loadMatrixModel } from '../../lib/matrix/matrix-file.js';
import { missingIssues, renderMissingMarkdown } from '../../lib/matrix/missing.js';
import { printFindings, withMatrixErrors } from './matrix.js';

const FORMATS = ['markdown', 'json'] as const;

export const missingCommand: Command = {
  name: 'missing',
  help: `Usage: drivercert missing [--format markdown|json] [options]

Lists the drivers that are not removed and have no result in the current (open) cycle
(a withdrawn result counts as none), with their maintainers, and the supported drivers
with no recent results (none in the last or the current cycle).

--format json prints one JSON array with one object per driver, ready to become a
tracking issue: { title, body, labels, driver, cycle, maintainers, name, vendor,
status, stale, latest, withdrawn? }. The title is always
"no cert results available for driver <id> in cycle <cycle>".

Options:
  --format FORMAT   markdown (default) or json
  --repo DIR        the repository (default: the current directory)
  -h, --help        show this help

Exit status: 0 listed (even when drivers are missing), 1 unreadable input, 2 usage error.`,
  options: { format: { type: 'string' } },
  positionals: { min: 0, max: 0, name: '' },
  async run(args, io) {
    const format = choice(args, 'format', FORMATS, 'markdown');
    const root = repoRoot(args, io);
    return withMatrixErrors(io, async () => {
      const { model, warnings } = loadMatrixModel(root);
      printFindings(io, warnings);
      if (model.current === null) io.err('no cycle is open: no result is missing until `drivercert cycle open NAME`\n');
      io.out(
        format === 'json'
          ? JSON.stringify(redactDeep(missingIssues(model)), null, 2) + '\n'
          : renderMissingMarkdown(model),
      );
      return 0;
    });
  },
};
