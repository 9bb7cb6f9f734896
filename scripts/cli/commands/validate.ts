// `drivercert validate [PATH…]`
import type { Command } from '../command.js';
import { choice, repoRoot } from '../command.js';
import { validateRepo } from '../../lib/validate.js';
import { formatGithub, formatJson, formatText } from '../../lib/report-format.js';

const FORMATS = ['text', 'json', 'github'] as const;

export const validateCommand: Command = {
  name: 'validate',
  summary: 'check the registry, the cycles and every submission',
  help: `Usage: drivercert validate [PATH…] [options]

Checks drivers.yaml, every results/<cycle>/cycle.yaml and every submission
(or only the submissions under PATH) against the schemas and the repository's rules.

Options:
  --repo DIR             the repository (default: the current directory)
  --format FORMAT        text (default), json, github (workflow annotations)
  --fail-on-warnings     exit 1 when there are warnings, too
  -h, --help             show this help

Exit status: 0 valid, 1 invalid, 2 usage error.`,
  options: {
    format: { type: 'string' },
    'fail-on-warnings': { type: 'boolean' },
  },
  positionals: { min: 0, max: Infinity, name: 'PATH' },
  async run(args, io) {
    const format = choice(args, 'format', FORMATS, 'text');
    const root = repoRoot(args, io);
    const { report, stats } = await validateRepo(root, { paths: args.positionals });
    const render = format === 'json' ? formatJson : format === 'github' ? formatGithub : formatText;
    io.out(render(report, stats));
    const failed = !report.ok || (args.values['fail-on-warnings'] === true && report.warnings.length > 0);
    return failed ? 1 : 0;
  },
};
