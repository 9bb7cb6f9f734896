// `drivercert registry import-support-matrix FILE`
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from '../command.js';
import { repoRoot, userPath } from '../command.js';
import { InputError } from '../../lib/findings.js';
import { ioMessage } from '../../lib/bundle/wording.js';
import { describeImport, importSupportMatrix } from '../../lib/registry/import.js';
import { REGISTRY_FILE } from '../../lib/repo.js';
import { writeFileAtomic } from '../../lib/atomic.js';

export const registryImportCommand: Command = {
  name: 'registry import-support-matrix',
  help: `Usage: drivercert registry import-support-matrix FILE [options]

Reads Cinder's doc/source/reference/support-matrix.ini and merges it into drivers.yaml:
drivers it lists are added or updated (name, protocols, features, status), while
vendor, class, maintainers, notes and url are kept as maintained by hand. Drivers no
longer in the matrix are kept and reported. Running it twice changes nothing.

Options:
  --repo DIR    the repository (default: the current directory)
  --check       write nothing; exit 1 if the import would change drivers.yaml
  -h, --help    show this help`,
  options: { check: { type: 'boolean' } },
  positionals: { min: 1, max: 1, name: 'FILE (the support-matrix.ini)' },
  async run(args, io) {
    const root = repoRoot(args, io);
    const iniFile = args.positionals[0]!;
    const iniPath = userPath(io, iniFile);
    let ini: string;
    try {
      ini = readFileSync(iniPath, 'utf8');
    } catch (e) {
      const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message;
      throw new InputError(`cannot read the support matrix: ${why}`, { file: iniFile });
    }
    const path = join(root, REGISTRY_FILE);
    // Only a missing registry starts afresh: one that cannot be read must never be
    // replaced, or its hand-maintained fields (vendor, class, maintainers, notes) are lost.
    let existing: string | undefined;
    try {
      existing = readFileSync(path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') {
        throw new InputError(
          `cannot read ${REGISTRY_FILE} (${ioMessage(e as NodeJS.ErrnoException)}); nothing was imported`,
          {
            file: REGISTRY_FILE,
            tip:
              `Make ${REGISTRY_FILE} a readable file and run the import again: ` +
              'it merges into the registry and never starts over an existing one.',
          },
        );
      }
    }
    const { text, summary } = importSupportMatrix(ini, iniFile, existing);
    for (const line of describeImport(summary)) io.err(line + '\n');
    if (args.values.check) {
      if (text !== existing) {
        io.err(
          `${REGISTRY_FILE} is out of date with ${iniFile}; ` +
            `run \`drivercert registry import-support-matrix ${iniFile}\`\n`,
        );
        return 1;
      }
      return 0;
    }
    if (text !== existing) {
      writeFileAtomic(path, text);
      io.err(`wrote ${REGISTRY_FILE}\n`);
    } else io.err(`${REGISTRY_FILE} unchanged\n`);
    return 0;
  },
};
